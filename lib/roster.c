#include <string.h>

#include "error.h"
#include "record.h"
#include "roster.h"
#include "write.h"

static int set_opt(cs_node *rec, const char *key, const char *value)
{
	return value ? cs_node_set_str(rec, key, value) : 0;
}

static int heads_of(const cs_roster_entry *e, cs_node *rec)
{
	cs_node *seq = cs_node_new_seq();
	size_t i;
	int error = 0;
	if (!seq)
		return CS_ENOMEM;
	for (i = 0; i < e->nheads && !error; i++)
		error = cs_node_push(seq, cs_node_new_str(e->heads[i]));
	if (error < 0 || (error = cs_node_set(rec, "heads", seq)) < 0)
		cs_node_free(seq);
	return error;
}

static int fields(const cs_roster_entry *e, cs_node *rec)
{
	int error;
	if (!strcmp(e->kind, "lawyer")) {
		if ((error = set_opt(rec, "firm", e->firm)) < 0 ||
		    (error = set_opt(rec, "phone", e->phone)) < 0 ||
		    (error = set_opt(rec, "email", e->email)) < 0 ||
		    (error = set_opt(rec, "licence", e->licence)) < 0)
			return error;
		return set_opt(rec, "photo", e->photo);
	}
	if (!strcmp(e->kind, "community")) {
		if ((error = set_opt(rec, "office", e->office)) < 0 || (error = heads_of(e, rec)) < 0)
			return error;
		return set_opt(rec, "workroom", e->workroom);
	}
	if ((error = set_opt(rec, "address", e->address)) < 0)
		return error;
	return set_opt(rec, "phone", e->phone);
}

int cs_roster_add(cs_store *s, const cs_roster_entry *e)
{
	cs_buf cmd = CS_BUF_INIT, summary = CS_BUF_INIT;
	cs_node *rec = NULL;
	cs_put put = { NULL, 1, NULL };
	cs_commit c;
	int error;
	if (!cs_slug_valid(e->slug))
		return cs_error_set(CS_EUSAGE, "'%s' is not a slug: lower-case letters a-z, digits and "
				    "'-', like wang-li (the Chinese name goes in --name)", e->slug);
	if (!(rec = cs_node_new_map()))
		return CS_ENOMEM;
	if ((error = cs_node_set_str(rec, "kind", e->kind)) < 0 ||
	    (error = cs_node_set_str(rec, "id", e->slug)) < 0 ||
	    (error = set_opt(rec, "name", e->name)) < 0 || (error = fields(e, rec)) < 0)
		goto cleanup;
	cs_buf_printf(&cmd, "csassign %s add", e->kind);
	cs_buf_printf(&summary, "Add %s %s", e->kind, e->slug);
	memset(&c, 0, sizeof(c));
	c.command = cs_buf_cstr(&cmd);
	c.summary = cs_buf_cstr(&summary);
	put.rec = rec;
	error = cs_write_records(s, &c, &put, 1, NULL);
	if (error == CS_ECANTCREAT)
		error = cs_error_set(CS_ECANTCREAT, "%s '%s' exists already", e->kind, e->slug);
cleanup:
	cs_node_free(rec);
	cs_buf_free(&cmd);
	cs_buf_free(&summary);
	return error;
}

int cs_roster_table(const char *kind, const cs_node *recs, const char *(*label)(const char *),
		    cs_table *t)
{
	static const struct { const char *kind, *a, *b; } cols[] = {
		{ "lawyer", "firm", "phone" }, { "community", "office", "heads" },
		{ "key", "role", "fingerprint" }, { NULL, "phone", NULL },
	};
	cs_buf heads = CS_BUF_INIT;
	size_t k, i, j;
	int error = 0;
	for (k = 0; cols[k].kind && strcmp(cols[k].kind, kind); k++)
		;
	cs_table_col(t, "id", label("id"), 0);
	cs_table_col(t, "name", label("name"), 0);
	cs_table_col(t, cols[k].a, label(cols[k].a), 0);
	if (cols[k].b)
		cs_table_col(t, cols[k].b, label(cols[k].b), 0);
	for (i = 0; i < recs->count && !error; i++) {
		const cs_node *rc = recs->items[i], *h = cs_node_get(rc, "heads");
		const char *cells[4] = { cs_node_get_str(rc, "id"), cs_node_get_str(rc, "name"),
					 cs_node_get_str(rc, cols[k].a), NULL };
		cs_buf_clear(&heads);
		for (j = 0; h && h->type == CS_NODE_SEQ && j < h->count; j++)
			cs_buf_printf(&heads, "%s%s", j ? "、" : "", h->items[j]->str);
		if (cols[k].b)
			cells[3] = !strcmp(cols[k].b, "heads") ? cs_buf_cstr(&heads)
								: cs_node_get_str(rc, cols[k].b);
		error = cs_table_row(t, cells);
	}
	cs_buf_free(&heads);
	return error;
}
