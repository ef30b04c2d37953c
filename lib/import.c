#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "entry.h"
#include "error.h"
#include "import.h"
#include "record.h"
#include "snapshot_impl.h"

/* One row of a spreadsheet as an entry: the header names the fields
 * (kind, date, start, ..., target.name, or any FIELD of --set). */
static int row_entry(const cs_snapshot *snap, const cs_node *header, const cs_node *row, int kindcol,
		     cs_node **out)
{
	const cs_kind *k;
	cs_buf set = CS_BUF_INIT;
	cs_node *rec;
	size_t i;
	int error;
	*out = NULL;
	if ((error = cs_kind_lookup(row->items[kindcol]->str, &k)) < 0)
		return error == CS_EUSAGE ? CS_EDATA : error;
	if (!(rec = cs_node_new_map()))
		return CS_ENOMEM;
	error = cs_node_set_str(rec, "kind", k->name);
	for (i = 0; i < header->count && !error; i++) {
		const char *col = header->items[i]->str, *v = row->items[i]->str;
		char hhmm[6];
		if ((int)i == kindcol || !*v)
			continue;
		v = cs_csv_unguard(v); /* a spreadsheet's guard against formulas, as cs writes it */
		if ((!strcmp(col, "start") || !strcmp(col, "end")) && cs_hhmm_normalize(v, hhmm) == 0)
			v = hhmm;
		cs_error_clear();
		if (!strcmp(col, "id")) {
			error = cs_node_set_str(rec, "id", v);
		} else if (!strcmp(col, "lawyer") || !strcmp(col, "community")) {
			const char *slug;
			if ((error = cs_snapshot_resolve(snap, col, v, &slug)) == 0) {
				error = cs_node_set_str(rec, col, slug);
			} else if (error != CS_ENOMEM) {
				error = cs_error_within(error, NULL, 0, col);
			}
		} else {
			cs_buf_clear(&set);
			cs_buf_printf(&set, "%s=%s", col, v);
			error = cs_entry_set(cs_store_schemas(snap->store), rec, k->name, cs_buf_cstr(&set));
		}
	}
	cs_buf_free(&set);
	if (error < 0) {
		cs_node_free(rec);
		return error;
	}
	*out = rec;
	return 0;
}

void cs_import_free(cs_import *rs)
{
	size_t i;
	for (i = 0; i < rs->n; i++) {
		cs_node_free(rs->recs[i]);
		free(rs->sources[i]);
	}
	free(rs->recs);
	free(rs->sources);
}

static int rows_push(cs_import *rs, cs_node *rec, const char *file, size_t line)
{
	cs_node **a = realloc(rs->recs, (rs->n + 1) * sizeof(*a));
	char **b;
	cs_buf src = CS_BUF_INIT;
	if (a)
		rs->recs = a;
	if (!a || !(b = realloc(rs->sources, (rs->n + 1) * sizeof(*b)))) {
		cs_node_free(rec);
		return CS_ENOMEM;
	}
	rs->sources = b;
	cs_buf_printf(&src, "%s:%zu", file, line);
	rs->recs[rs->n] = rec;
	rs->sources[rs->n++] = cs_buf_detach(&src);
	return 0;
}

/* Every row of the file as a completed entry; a bad row is named. */
int cs_import_read(const cs_snapshot *snap, const cs_time *now, const char *file, const cs_buf *text,
		   const cs_import_opts *o, cs_import *rs)
{
	const char *p = text->ptr, *end = text->ptr + text->len;
	cs_node *header = cs_node_new_seq(), *row = NULL, *rec;
	cs_buf why = CS_BUF_INIT;
	const char *lawyer = o->lawyer;
	size_t i, line = 1, at = 1;
	int error, kindcol = -1;
	if (!header)
		return CS_ENOMEM;
	if (lawyer && !*lawyer)
		lawyer = NULL;
	if ((error = cs_csv_row(&p, end, header, &line)) < 0)
		goto cleanup;
	for (i = 0; i < header->count; i++) {
		size_t j;
		if (!strcmp(header->items[i]->str, "kind"))
			kindcol = (int)i;
		/* a second column of a field would silently win over the first */
		for (j = 0; j < i; j++)
			if (!strcmp(header->items[i]->str, header->items[j]->str)) {
				error = cs_error_at(CS_EDATA, file, 1, header->items[i]->str,
						    "the header names this column twice "
						    "(columns %zu and %zu)", j + 1, i + 1);
				goto cleanup;
			}
	}
	if (kindcol < 0) {
		error = cs_error_at(CS_EDATA, file, 1, "kind", "the header has no 'kind' column");
		goto cleanup;
	}
	while (p < end) {
		at = line;
		cs_node_free(row);
		if (!(row = cs_node_new_seq()) || (error = cs_csv_row(&p, end, row, &line)) < 0)
			goto bad;
		if (row->count == 1 && !*row->items[0]->str)
			continue;
		if (row->count != header->count) {
			error = cs_error_at(CS_EDATA, file, at, NULL, "%zu fields, the header has %zu",
					    (size_t)row->count, (size_t)header->count);
			goto cleanup;
		}
		if ((error = row_entry(snap, header, row, kindcol, &rec)) < 0)
			goto bad;
		if (lawyer && !cs_node_get(rec, "lawyer"))
			error = cs_node_set_str(rec, "lawyer", lawyer);
		if (!error && o->community && !cs_node_get(rec, "community"))
			error = cs_node_set_str(rec, "community", o->community);
		if (error < 0 || (error = rows_push(rs, rec, file, at)) < 0)
			goto cleanup;
		if ((error = cs_entry_check_new(snap, now, rec, rs->sources[rs->n - 1], &why)) < 0 ||
		    (o->late_reason && (error = cs_node_set_str(rec, "late_reason", o->late_reason)) < 0))
			goto cleanup;
		if (o->progress)
			o->progress(o->progress_ctx, (size_t)(p - text->ptr), text->len);
	}
	if (!rs->n)
		error = cs_error_set(CS_EDATA, "%s: no entries to import", file);
	goto cleanup;
bad:
	error = cs_error_within(error == CS_EUSAGE ? CS_EDATA : error, file, at, NULL);
cleanup:
	cs_node_free(header);
	cs_node_free(row);
	cs_buf_free(&why);
	return error;
}

