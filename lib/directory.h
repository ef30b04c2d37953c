/* The directory (offices, firms, lawyers, communities) and the pairings,
 * read from a revision of the store. */
#ifndef CS_DIRECTORY_H
#define CS_DIRECTORY_H

#include "date.h"
#include "node.h"
#include "store.h"

/* Read the directory entry kind/slug at rev (NULL: HEAD).
 * CS_ENOTFOUND "no such lawyer 'x'" when absent. */
int cs_dir_get(cs_store *s, const char *rev, const char *kind, const char *slug,
	       cs_node **out);
/* 1 when name is one of the community's heads. */
int cs_dir_is_head(const cs_node *community, const char *name);

/* Every record under dir at rev, parsed, in path order (a sequence node). */
int cs_dir_load_all(cs_store *s, const char *rev, const char *dir, cs_node **out);

/* The days a pairing runs: from, and to (CS_DAY_MAX while it has no end).
 * Returns 1, or 0 (with no error set) for a pairing without a valid from. */
int cs_pairing_range(const cs_node *assignment, cs_day *from, cs_day *to);
/* 1 when the pairing runs on some day of [from, to]. */
int cs_pairing_overlaps(const cs_node *assignment, cs_day from, cs_day to);

/* 1 when the pairing is active on day (from <= day <= to). */
int cs_pairing_active_on(const cs_node *assignment, cs_day day);
/* The pairing active on day for lawyer and/or community (either may be
 * NULL); *out is a copy, NULL when none. With several (a lawyer serving
 * two communities), the first in path order. */
int cs_pairing_find(cs_store *s, const char *rev, const char *lawyer,
		    const char *community, cs_day day, cs_node **out);

/* Resolve a unique prefix of an event id among the files under dir
 * ("records/log", "records/assignments", ...) at rev to its store path.
 * CS_ENOTFOUND when none, CS_EUSAGE when ambiguous. */
int cs_id_lookup(cs_store *s, const char *rev, const char *dir, const char *prefix,
		 cs_buf *path);

#endif
