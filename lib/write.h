/* Writing records: validate, place, emit and commit them as one commit. */
#ifndef CS_WRITE_H
#define CS_WRITE_H

#include "node.h"
#include "store.h"

typedef struct {
	const cs_node *rec;
	int create;          /* 1: the file must not exist yet (CS_ECANTCREAT if it does) */
} cs_put;

/* Validate every record against its schema, compute its path, emit it and
 * commit them all as one commit with summary, "Cs-Command: command", one
 * "Cs-Record: path" per record and the extra trailers (key, value pairs
 * ending with NULL; may be NULL). When paths is non-NULL it receives the
 * first record's path. */
int cs_write_records(cs_store *s, const char *command, const char *summary,
		     const cs_put *puts, size_t n, const char *const *trailers,
		     cs_buf *first_path);

#endif
