/* Importing a spreadsheet of past entries (cslog import): a CSV whose
 * header names the fields (kind, date, start, ..., target.name, any field
 * of --set), each row an entry, judged as cslog add judges one. */
#ifndef CS_IMPORT_H
#define CS_IMPORT_H

#include "buf.h"
#include "check.h"
#include "node.h"

typedef struct {
	const char *lawyer, *community;  /* for the rows that name none */
	const char *late_reason;         /* --late --reason: rows of a sealed month */
	void (*progress)(void *ctx, size_t done, size_t whole);
	void *progress_ctx;
} cs_import_opts;

typedef struct {
	cs_node **recs;
	char **sources;     /* "file.csv:12" for each */
	size_t n;
} cs_import;

/* Every row of text (UTF-8, as cs_csv_decode gives it) of file as a new
 * entry, completed and checked against snap (cs_entry_check_new); a bad
 * row fails it all with CS_EDATA naming file:line and the field. */
int cs_import_read(const cs_snapshot *snap, const cs_time *now, const char *file, const cs_buf *text,
		   const cs_import_opts *o, cs_import *out);
void cs_import_free(cs_import *rs);

#endif
