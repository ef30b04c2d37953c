/* Creating a store (DESIGN 2): git init, cs.yaml with every rule
 * parameter at its default, the calendars cs knows, the pre-commit hook
 * that runs cscheck on hand edits, and the first commit. */
#ifndef CS_CREATE_H
#define CS_CREATE_H

/* Create a store for district at dir (bare or with a working tree).
 * CS_ECANTCREAT when dir holds a store already; CS_EUSAGE without a
 * district. */
int cs_create(const char *dir, const char *district, int bare);

#endif
