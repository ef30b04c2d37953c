#include <stdio.h>
#include <string.h>

#include "error.h"
#include "history.h"
#include "mask.h"
#include "yaml.h"

/* Flatten a record into "key.sub" -> text pairs (sequences as "a, b"). */
static int flatten(const cs_node *n, const char *prefix, cs_node *out)
{
	cs_buf key = CS_BUF_INIT, text = CS_BUF_INIT;
	size_t i;
	int error = 0;
	if (!n)
		return 0;
	if (n->type == CS_NODE_MAP) {
		for (i = 0; i < n->count && !error; i++) {
			cs_buf_clear(&key);
			cs_buf_printf(&key, "%s%s%s", prefix, *prefix ? "." : "", n->pairs[i].key);
			error = flatten(n->pairs[i].value, cs_buf_cstr(&key), out);
		}
	} else if (n->type == CS_NODE_SEQ) {
		for (i = 0; i < n->count; i++)
			cs_buf_printf(&text, "%s%s", i ? ", " : "",
				      n->items[i]->type == CS_NODE_SCALAR ? n->items[i]->str : "...");
		error = cs_node_set_str(out, prefix, cs_buf_cstr(&text));
	} else {
		error = cs_node_set_str(out, prefix, n->str);
	}
	cs_buf_free(&key);
	cs_buf_free(&text);
	return error;
}

/* Parse a version of the record, masked unless reveal; NULL when absent. */
static cs_node *version(const char *data, size_t len, int reveal)
{
	cs_node *rec = NULL;
	if (!data)
		return NULL;
	if (cs_yaml_load(&rec, data, len, "record") < 0) {
		cs_error_clear();
		return NULL;
	}
	if (rec && !reveal && cs_mask_record(rec) < 0) {
		cs_node_free(rec);
		return NULL;
	}
	return rec;
}

static int diff(const cs_node *old, const cs_node *now, cs_node *changes)
{
	cs_node *fo = cs_node_new_map(), *fn = cs_node_new_map();
	size_t i;
	int error = CS_ENOMEM;
	if (!fo || !fn || (error = flatten(old, "", fo)) < 0 || (error = flatten(now, "", fn)) < 0)
		goto cleanup;
	for (i = 0; i < fo->count + fn->count && !error; i++) {
		const cs_pair *p = i < fo->count ? &fo->pairs[i] : &fn->pairs[i - fo->count];
		const char *a = cs_node_get_str(fo, p->key), *b = cs_node_get_str(fn, p->key);
		cs_node *c;
		if (i >= fo->count && cs_node_get(fo, p->key))
			continue;
		if (a && b && !strcmp(a, b))
			continue;
		if (!(c = cs_node_new_map()) || (error = cs_node_push(changes, c)) < 0) {
			cs_node_free(c);
			error = CS_ENOMEM;
			break;
		}
		if ((error = cs_node_set_str(c, "field", p->key)) < 0 ||
		    (error = cs_node_set(c, "old", a ? cs_node_new_str(a) : cs_node_new_null())) < 0)
			break;
		error = cs_node_set(c, "new", b ? cs_node_new_str(b) : cs_node_new_null());
	}
cleanup:
	cs_node_free(fo);
	cs_node_free(fn);
	return error;
}

static void local_time(long long time, int offset, char out[20])
{
	long long local = time + (long long)offset * 60;
	cs_time t;
	t.day = (cs_day)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
	t.minute = (int)((local - (long long)t.day * 86400) / 60);
	t.second = (int)((local - (long long)t.day * 86400) % 60);
	cs_time_format(&t, out);
}

struct ctx {
	cs_node *events;
	int reveal;
};

static int one(void *vctx, const cs_history_entry *e)
{
	struct ctx *ctx = vctx;
	cs_node *old = version(e->old_data, e->old_len, ctx->reveal);
	cs_node *now = version(e->new_data, e->new_len, ctx->reveal);
	cs_node *ev = cs_node_new_map(), *changes = cs_node_new_seq();
	char when[20], buf[256];
	const char *eol = strchr(e->message, '\n');
	int error = CS_ENOMEM;
	if (!ev || !changes)
		goto cleanup;
	local_time(e->time, e->offset, when);
	snprintf(buf, sizeof(buf), "%.*s", eol ? (int)(eol - e->message) : (int)strlen(e->message),
		 e->message);
	if ((error = cs_node_set_str(ev, "commit", e->commit)) < 0 ||
	    (error = cs_node_set_str(ev, "author", e->author)) < 0 ||
	    (error = cs_node_set_str(ev, "time", when)) < 0 ||
	    (error = cs_node_set_str(ev, "summary", buf)) < 0)
		goto cleanup;
	if (e->parents > 1)
		error = cs_node_set_str(ev, "command", "merge");
	else if (cs_commit_trailer(e->message, "Cs-Command", buf, sizeof(buf)))
		error = cs_node_set_str(ev, "command", buf);
	else
		error = cs_node_set_str(ev, "command", "manual");
	if (!error && cs_commit_trailer(e->message, "Cs-Reason", buf, sizeof(buf))) {
		/* commits before the reason was masked in them hold it whole */
		cs_buf masked = CS_BUF_INIT;
		if (ctx->reveal || (error = cs_mask_numbers(&masked, buf, strlen(buf))) == 0)
			error = cs_node_set_str(ev, "reason", ctx->reveal ? buf : cs_buf_cstr(&masked));
		cs_buf_free(&masked);
	}
	if (error < 0 || (error = diff(old, now, changes)) < 0 ||
	    (error = cs_node_set(ev, "changes", changes)) < 0)
		goto cleanup;
	changes = NULL;
	if ((error = cs_node_push(ctx->events, ev)) == 0)
		ev = NULL;
cleanup:
	cs_node_free(old);
	cs_node_free(now);
	cs_node_free(ev);
	cs_node_free(changes);
	return error;
}

int cs_history_record(cs_store *s, const char *path, int reveal, cs_node **out)
{
	struct ctx ctx;
	int error;
	ctx.reveal = reveal;
	if (!(ctx.events = cs_node_new_seq()))
		return CS_ENOMEM;
	if ((error = cs_store_history(s, NULL, path, one, &ctx)) < 0) {
		cs_node_free(ctx.events);
		ctx.events = NULL;
	}
	*out = ctx.events;
	return error;
}
