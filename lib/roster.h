/* The directory csassign keeps (DESIGN 2, 5): adding an office, a firm, a
 * lawyer or a community as one commit, and the columns of their lists. */
#ifndef CS_ROSTER_H
#define CS_ROSTER_H

#include "node.h"
#include "store.h"
#include "table.h"

typedef struct {
	const char *kind;             /* office, firm, lawyer, community */
	const char *slug, *name;
	const char *phone, *address;  /* office, firm (and a lawyer's phone) */
	const char *firm, *email, *licence, *photo;   /* lawyer */
	const char *office, *workroom;                /* community */
	const char *const *heads;                      /* community */
	size_t nheads;
} cs_roster_entry;

/* Add the entry as one commit (validated as every write is). CS_EUSAGE
 * for a slug not of its form, CS_ECANTCREAT when it exists already. */
int cs_roster_add(cs_store *s, const cs_roster_entry *e);

/* The records of kind (as cs_dir_load_all reads them) as the table of
 * csassign KIND list: id, name and two columns of the kind; label gives
 * each heading in the user's language. */
int cs_roster_table(const char *kind, const cs_node *recs, const char *(*label)(const char *),
		    cs_table *t);

#endif
