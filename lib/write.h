/* Writing records (DESIGN 4, 7): every record is validated against the
 * store at the tip it is written upon, with the same function cscheck
 * uses (cs_validate_record), then all are committed as one commit. */
#ifndef CS_WRITE_H
#define CS_WRITE_H

#include "check.h"
#include "node.h"
#include "store.h"

typedef struct {
	const cs_node *rec;
	int create;          /* 1: the file must not exist yet (CS_ECANTCREAT if it does) */
	const char *source;  /* where it came from, for messages ("<stdin>", "past.csv:12");
			      * NULL: its store path */
} cs_put;

typedef struct {
	const char *command;            /* the Cs-Command trailer: "cslog add" */
	const char *summary;            /* the commit's one-line summary */
	const char *const *trailers;    /* key, value pairs ending with NULL; may be NULL */
	/* Called in the transaction with the store at the tip (its directory
	 * and pairings loaded) before the records are validated: refuses
	 * (returns negative) what the state of the store forbids (a sealed
	 * month, a duplicate, a report filed already). May be NULL. */
	int (*guard)(const cs_snapshot *tip, const cs_put *puts, size_t n, void *ctx);
	void *guard_ctx;
	cs_sign_fn sign;                /* sign the commit (may be NULL) */
	void *sign_ctx;
} cs_commit;

/* Validate, place, emit and commit the n records as one commit with the
 * summary, "Cs-Command: command", one "Cs-Record: path" per record and the
 * extra trailers. A record that fails validation is refused with CS_EDATA,
 * every error named (source or path, line, field, rule), nothing written.
 * When first_path is non-NULL it receives the first record's path. */
int cs_write_records(cs_store *s, const cs_commit *c, const cs_put *puts, size_t n,
		     cs_buf *first_path);

/* The problems of findings from index first on, one a line,
 * "source:line: message (rule)", into out. */
int cs_write_describe(const cs_findings *found, size_t first, const char *source, int lines,
		      cs_buf *out);

#endif
