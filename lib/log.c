#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "error.h"
#include "log.h"
#include "mask.h"
#include "utf8.h"
#include "yaml.h"

struct walk {
	const cs_log_filter *f;
	cs_node *all;
};

static int keep(const cs_log_filter *f, const cs_node *rec)
{
	const char *v;
	cs_day day;
	if (!rec || rec->type != CS_NODE_MAP)
		return 0;
	if (f->kind && ((v = cs_node_get_str(rec, "kind")) == NULL || strcmp(v, f->kind)))
		return 0;
	if (f->community && ((v = cs_node_get_str(rec, "community")) == NULL || strcmp(v, f->community)))
		return 0;
	if (f->lawyer && ((v = cs_node_get_str(rec, "lawyer")) == NULL || strcmp(v, f->lawyer)))
		return 0;
	if (f->unsigned_only && (cs_node_get_str(rec, "signed_by") || cs_node_get(rec, "voided_at")))
		return 0;
	if (!(v = cs_node_get_str(rec, "date")) || cs_date_parse(v, &day) < 0) {
		cs_error_clear();
		return 0;
	}
	return !((f->has_since && day < f->since) || (f->has_until && day > f->until));
}

/* An entry whose date is none (a hand edit) would drop out of every listing
 * in silence: refused, as the reports refuse it. */
static int listable(const cs_node *rec, const char *path)
{
	const cs_node *v;
	cs_day day;
	if (!rec)
		return 0;
	if (rec->type != CS_NODE_MAP)
		return cs_error_at(CS_EDATA, path, rec->line, NULL, "a record must be a mapping");
	v = cs_node_get(rec, "date");
	if (!v || v->type != CS_NODE_SCALAR || cs_date_parse(v->str, &day) < 0) {
		cs_error_clear();
		return cs_error_at(CS_EDATA, path, v ? v->line : rec->line, "date",
				   "'%s' is not a date (YYYY-MM-DD)",
				   v && v->type == CS_NODE_SCALAR ? v->str : "");
	}
	return 0;
}

static int one(void *ctx, const char *path, const char *data, size_t len)
{
	struct walk *w = ctx;
	cs_node *rec = NULL;
	int error;
	if ((error = cs_yaml_load(&rec, data, len, path)) < 0)
		return error;
	if ((error = listable(rec, path)) < 0) {
		cs_node_free(rec);
		return error;
	}
	if (!keep(w->f, rec) || (!w->f->reveal && (error = cs_mask_record(rec)) < 0)) {
		cs_node_free(rec);
		return error;
	}
	return cs_node_push(w->all, rec);
}

struct dirs {
	cs_store *s;
	const cs_log_filter *f;
	struct walk *w;
	const char *base;    /* records/log/<community> */
	int depth;           /* 0 years, 1 months */
	int year;
	int error;
};

static int month_in(const cs_log_filter *f, int y, int m)
{
	cs_day first = cs_date_from_ymd(y, m, 1), last = cs_date_from_ymd(y, m, cs_date_days_in_month(y, m));
	return !((f->has_since && last < f->since) || (f->has_until && first > f->until));
}

/* Into the years and months of a community's log that the filter can match. */
static int subdir(void *ctx, const char *name, int is_dir)
{
	struct dirs *d = ctx, sub = *d;
	cs_buf path = CS_BUF_INIT;
	int n = atoi(name), error = 0;
	if (!is_dir || strlen(name) != (size_t)(d->depth ? 2 : 4))
		return 0;
	if (d->depth == 0 && ((d->f->has_since && cs_date_from_ymd(n, 12, 31) < d->f->since) ||
			      (d->f->has_until && cs_date_from_ymd(n, 1, 1) > d->f->until)))
		return 0;
	if (d->depth == 1 && !month_in(d->f, d->year, n))
		return 0;
	cs_buf_printf(&path, "%s/%s", d->base, name);
	if (d->depth == 0) {
		sub.base = cs_buf_cstr(&path);
		sub.depth = 1;
		sub.year = n;
		error = cs_store_names(d->s, NULL, sub.base, subdir, &sub);
	} else {
		error = cs_store_walk(d->s, NULL, cs_buf_cstr(&path), one, d->w);
	}
	cs_buf_free(&path);
	return error;
}

static int community(void *ctx, const char *name, int is_dir)
{
	struct dirs *d = ctx, sub = *d;
	cs_buf path = CS_BUF_INIT;
	int error;
	if (!is_dir || (d->f->community && strcmp(name, d->f->community)))
		return 0;
	cs_buf_printf(&path, "records/log/%s", name);
	sub.base = cs_buf_cstr(&path);
	sub.depth = 0;
	error = cs_store_names(d->s, NULL, sub.base, subdir, &sub);
	cs_buf_free(&path);
	return error;
}

static int by_time(const void *va, const void *vb)
{
	const cs_node *a = *(cs_node *const *)va, *b = *(cs_node *const *)vb;
	static const char *const keys[] = { "date", "start", "id" };
	size_t i;
	int d;
	for (i = 0; i < 3; i++) {
		const char *x = cs_node_get_str(a, keys[i]), *y = cs_node_get_str(b, keys[i]);
		if ((d = strcmp(x ? x : "", y ? y : "")))
			return d;
	}
	return 0;
}

int cs_log_list(cs_store *s, const cs_log_filter *f, cs_node **out)
{
	struct walk w = { f, cs_node_new_seq() };
	struct dirs d = { s, f, &w, NULL, 0, 0, 0 };
	int error = 0;
	*out = NULL;
	if (!w.all)
		return CS_ENOMEM;
	if (!f->kind || strcmp(f->kind, "meeting"))
		error = cs_store_names(s, NULL, "records/log", community, &d);
	if (!error && (!f->kind || !strcmp(f->kind, "meeting")) && !f->community)
		error = cs_store_walk(s, NULL, "records/meetings", one, &w);
	if (error < 0) {
		cs_node_free(w.all);
		return error;
	}
	if (w.all->count > 1)
		qsort(w.all->items, w.all->count, sizeof(cs_node *), by_time);
	*out = w.all;
	return 0;
}

static void summary_of(const char *content, char *out, size_t size)
{
	size_t n;
	const char *nl;
	out[0] = '\0';
	if (!content)
		return;
	n = cs_utf8_prefix_for_width(content, 30);
	if ((nl = memchr(content, '\n', n)))
		n = (size_t)(nl - content);
	if (n >= size - 4)
		n = size - 4;
	memcpy(out, content, n);
	strcpy(out + n, n < strlen(content) ? "…" : "");
}

int cs_log_table(const cs_node *entries, const char *const labels[8],
		 const char *(*kind)(const char *), const char *void_mark, cs_table *t)
{
	static const char *const keys[8] = { "id", "date", "time", "kind", "community", "lawyer",
					      "signed_by", "content" };
	size_t i;
	int error = 0;
	for (i = 0; i < 8; i++)
		cs_table_col(t, keys[i], labels[i], 0);
	for (i = 0; i < entries->count && !error; i++) {
		const cs_node *rec = entries->items[i];
		const char *st = cs_node_get_str(rec, "start"), *en = cs_node_get_str(rec, "end");
		const char *k = cs_node_get_str(rec, "kind"), *by = cs_node_get_str(rec, "signed_by");
		char when[16], summary[128];
		snprintf(when, sizeof(when), "%s%s%s", st ? st : "", en ? "-" : "", en ? en : "");
		summary_of(cs_node_get_str(rec, "content"), summary, sizeof(summary));
		{
			const char *cells[8] = { cs_node_get_str(rec, "id"), cs_node_get_str(rec, "date"),
				when, k ? kind(k) : NULL, cs_node_get_str(rec, "community"),
				cs_node_get_str(rec, "lawyer"),
				cs_node_get(rec, "voided_at") ? void_mark : by ? by : "-", summary };
			error = cs_table_row(t, cells);
		}
	}
	return error;
}

static const cs_node *field_of(const cs_node *rec, const char *key)
{
	if (!strncmp(key, "target.", 7))
		return cs_node_get(cs_node_get(rec, "target"), key + 7);
	return cs_node_get(rec, key);
}

int cs_log_csv(const cs_node *all, cs_buf *out)
{
	static const char *const first[] = { "kind", "id", "date", "start", "end", "community",
		"lawyer", "channel", "target.type", "target.name", "target.contact",
		"target.id_number", "content", "result", "typical", NULL };
	cs_node *cols = cs_node_new_map(), *row = NULL;
	const char **cells = NULL;
	cs_table t;
	size_t i, j, k;
	int error = 0;
	cs_table_init(&t);
	if (!cols)
		return CS_ENOMEM;
	for (i = 0; first[i]; i++)
		cs_node_set(cols, first[i], cs_node_new_null());
	for (i = 0; i < all->count; i++)
		for (j = 0; j < all->items[i]->count; j++) {
			const char *key = all->items[i]->pairs[j].key;
			if (!cs_node_get(cols, key) && strcmp(key, "target") && !cs_entry_field_owned(key))
				cs_node_set(cols, key, cs_node_new_null());
		}
	for (i = 0; i < cols->count; i++)
		cs_table_col(&t, cols->pairs[i].key, cols->pairs[i].key, 0);
	if (!(cells = cs_calloc(cols->count, sizeof(*cells)))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i < all->count && !error; i++) {
		if (cs_node_get(all->items[i], "voided_at"))
			continue; /* not live: an import would bring it back as live */
		cs_node_free(row);
		if (!(row = cs_node_new_seq())) {
			error = CS_ENOMEM;
			break;
		}
		for (k = 0; k < cols->count && !error; k++) {
			const cs_node *v = field_of(all->items[i], cols->pairs[k].key);
			cs_buf b = CS_BUF_INIT;
			for (j = 0; v && v->type == CS_NODE_SEQ && j < v->count; j++)
				cs_buf_printf(&b, "%s%s", j ? "," : "",
					      v->items[j]->type == CS_NODE_SCALAR ? v->items[j]->str : "");
			if (v && v->type == CS_NODE_SCALAR)
				cs_buf_puts(&b, v->str);
			error = cs_node_push(row, cs_node_new_str(cs_buf_cstr(&b)));
			cs_buf_free(&b);
		}
		for (k = 0; k < cols->count && !error; k++)
			cells[k] = *row->items[k]->str ? row->items[k]->str : NULL;
		if (!error)
			error = cs_table_row(&t, cells);
	}
	if (!error)
		error = cs_table_render(&t, CS_FMT_CSV, out);
cleanup:
	cs_node_free(row);
	free(cells);
	cs_node_free(cols);
	cs_table_free(&t);
	return error;
}

