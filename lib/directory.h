/* The directory (offices, firms, lawyers, communities) and the pairings,
 * read from a revision of the store. */
#ifndef CS_DIRECTORY_H
#define CS_DIRECTORY_H

#include "date.h"
#include "node.h"
#include "pairing.h"
#include "store.h"

/* Read the directory entry kind/slug at rev (NULL: HEAD).
 * CS_ENOTFOUND "no such lawyer 'x'" when absent. */
int cs_dir_get(cs_store *s, const char *rev, const char *kind, const char *slug,
	       cs_node **out);
/* 1 when name is one of the community's heads. */
int cs_dir_is_head(const cs_node *community, const char *name);

/* Every record under dir at rev, parsed, in path order (a sequence node). */
int cs_dir_load_all(cs_store *s, const char *rev, const char *dir, cs_node **out);

/* Resolve a unique prefix of an event id among the files under dir
 * ("records/log", "records/assignments", ...) at rev to its store path.
 * CS_ENOTFOUND when none, CS_EUSAGE when ambiguous. */
int cs_id_lookup(cs_store *s, const char *rev, const char *dir, const char *prefix,
		 cs_buf *path);

#endif
