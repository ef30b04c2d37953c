/* A record's history (DESIGN 7, cslog history): every commit that touched
 * it, who made it and how, and what changed field by field. */
#ifndef CS_HISTORY_H
#define CS_HISTORY_H

#include "node.h"
#include "store.h"

/* The commits that changed the record at path, oldest first: a sequence of
 * mappings commit, author, time (YYYY-MM-DDTHH:MM:SS, the author's local
 * time), summary, command (the command of its Cs-Command trailer,
 * "manual" for a commit without one, "merge" for a merge of two copies),
 * reason (Cs-Reason, when given) and changes (field, old, new; fields of
 * sub-mappings dotted, lists as "a, b"). Residents' personal data is
 * masked in the changes unless reveal. */
int cs_history_record(cs_store *s, const char *path, int reveal, cs_node **out);

#endif
