/* The work log as a list (cslog list): the entries and meetings that pass
 * a filter, oldest first, read only from the months and communities asked
 * for; as a table and as the CSV cslog import reads back. */
#ifndef CS_LOG_H
#define CS_LOG_H

#include "date.h"
#include "node.h"
#include "store.h"
#include "table.h"

typedef struct {
	const char *kind, *community, *lawyer;   /* NULL: any */
	cs_day since, until;
	int has_since, has_until;
	int unsigned_only;    /* neither signed nor void */
	int reveal;           /* residents' personal data unmasked */
} cs_log_filter;

/* The records that pass f at HEAD, by date, start and id, as a sequence. */
int cs_log_list(cs_store *s, const cs_log_filter *f, cs_node **out);

/* The list as a table of id, date, time, kind, community, lawyer, signed
 * by and the start of the content; labels are the eight headings, kind
 * gives a kind's label, void_mark stands for a void entry's signer. */
int cs_log_table(const cs_node *entries, const char *const labels[8],
		 const char *(*kind)(const char *), const char *void_mark, cs_table *t);

/* The list as CSV for a spreadsheet and for cslog import: a column per
 * field, named as the field (target.name), with whole values; the fields
 * only commands set are left out, and so are void entries. */
int cs_log_csv(const cs_node *entries, cs_buf *out);

#endif
