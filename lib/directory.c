#include <stdio.h>
#include <string.h>

#include "directory.h"
#include "error.h"
#include "record.h"
#include "yaml.h"

int cs_dir_get(cs_store *s, const char *rev, const char *kind, const char *slug,
	       cs_node **out)
{
	const cs_kind *k = cs_kind_find(kind);
	cs_buf path = CS_BUF_INIT;
	int error;
	*out = NULL;
	if (!k || k->family != CS_KIND_DIRECTORY)
		return cs_error_set(CS_ESOFTWARE, "not a directory kind: %s", kind);
	if (!cs_slug_valid(slug))
		return cs_error_set(CS_EDATA, "%s: '%s' is not a slug ([a-z0-9][a-z0-9-]{0,39})",
				    kind, slug);
	if ((error = cs_buf_printf(&path, "%s/%s.yaml", k->dir, slug)) < 0)
		goto cleanup;
	error = cs_store_read_record(s, rev, cs_buf_cstr(&path), out);
	if (error == CS_ENOTFOUND)
		error = cs_error_set(CS_ENOTFOUND, "no such %s '%s'", kind, slug);
cleanup:
	cs_buf_free(&path);
	return error;
}

int cs_dir_is_head(const cs_node *community, const char *name)
{
	const cs_node *heads = cs_node_get(community, "heads");
	size_t i;
	if (!heads || heads->type != CS_NODE_SEQ || !name)
		return 0;
	for (i = 0; i < heads->count; i++)
		if (heads->items[i]->type == CS_NODE_SCALAR &&
		    strcmp(heads->items[i]->str, name) == 0)
			return 1;
	return 0;
}

struct load_ctx {
	cs_node *seq;
};

static int load_one(void *vctx, const char *path, const char *data, size_t len)
{
	struct load_ctx *ctx = vctx;
	cs_node *rec = NULL;
	int error;
	if (len < 5 || strcmp(path + strlen(path) - 5, ".yaml") != 0)
		return 0;
	if ((error = cs_yaml_load(&rec, data, len, path)) < 0)
		return error;
	if (!rec)
		return 0;
	if ((error = cs_node_push(ctx->seq, rec)) < 0)
		cs_node_free(rec);
	return error;
}

int cs_dir_load_all(cs_store *s, const char *rev, const char *dir, cs_node **out)
{
	struct load_ctx ctx;
	int error;
	*out = NULL;
	if (!(ctx.seq = cs_node_new_seq()))
		return CS_ENOMEM;
	error = cs_store_walk(s, rev, dir, load_one, &ctx);
	if (error == CS_ENOTFOUND)
		error = 0;
	if (error < 0) {
		cs_node_free(ctx.seq);
		return error;
	}
	*out = ctx.seq;
	return 0;
}

struct lookup_ctx {
	const char *prefix;
	size_t plen;
	cs_buf *path;
	int found;
	char first[256];
	char second[256];
};

static int match_one(void *vctx, const char *path, const char *data, size_t len)
{
	struct lookup_ctx *ctx = vctx;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strncmp(base, ctx->prefix, ctx->plen) != 0)
		return 0;
	if (strlen(base) == ctx->plen + 5 && strcmp(base + ctx->plen, ".yaml") == 0) {
		/* an exact id wins over longer ids sharing it as a prefix */
		cs_buf_clear(ctx->path);
		ctx->found = -1;
		return cs_buf_puts(ctx->path, path);
	}
	if (ctx->found < 0)
		return 0;
	if (ctx->found++ == 0) {
		snprintf(ctx->first, sizeof(ctx->first), "%s", base);
		cs_buf_clear(ctx->path);
		return cs_buf_puts(ctx->path, path);
	}
	if (ctx->found == 2)
		snprintf(ctx->second, sizeof(ctx->second), "%s", base);
	return 0;
}

int cs_id_lookup(cs_store *s, const char *rev, const char *dir, const char *prefix,
		 cs_buf *path)
{
	struct lookup_ctx ctx;
	int error;
	memset(&ctx, 0, sizeof(ctx));
	ctx.prefix = prefix;
	ctx.plen = strlen(prefix);
	ctx.path = path;
	if (!ctx.plen || strchr(prefix, '/') || strchr(prefix, '.'))
		return cs_error_set(CS_EUSAGE, "'%s' is not an id", prefix);
	error = cs_store_walk(s, rev, dir, match_one, &ctx);
	if (error == CS_ENOTFOUND)
		error = 0;
	if (error < 0)
		return error;
	if (ctx.found == 0)
		return cs_error_set(CS_ENOTFOUND, "no record with id '%s'", prefix);
	if (ctx.found > 1)
		return cs_error_set(CS_EUSAGE, "id prefix '%s' is ambiguous: %.15s, %.15s%s",
				    prefix, ctx.first, ctx.second,
				    ctx.found > 2 ? ", ..." : "");
	return 0;
}
