#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "record.h"
#include "write.h"

struct write_ctx {
	const char *summary;
	const cs_put *puts;
	size_t n;
	const char *const *trailers;
	cs_buf *paths;
	cs_buf *bodies;
};

static int write_txn(cs_txn *t, void *vctx)
{
	struct write_ctx *ctx = vctx;
	size_t i;
	int error;
	for (i = 0; i < ctx->n; i++) {
		const char *path = cs_buf_cstr(&ctx->paths[i]);
		if (ctx->puts[i].create && cs_txn_exists(t, path) > 0)
			return cs_error_set(CS_ECANTCREAT, "%s exists already", path);
		if ((error = cs_txn_put(t, path, ctx->bodies[i].ptr, ctx->bodies[i].len)) < 0)
			return error;
	}
	if ((error = cs_txn_message(t, ctx->summary)) < 0)
		return error;
	for (i = 0; i < ctx->n; i++)
		if ((error = cs_txn_trailer(t, "Cs-Record", cs_buf_cstr(&ctx->paths[i]))) < 0)
			return error;
	for (i = 0; ctx->trailers && ctx->trailers[i] && ctx->trailers[i + 1]; i += 2)
		if ((error = cs_txn_trailer(t, ctx->trailers[i], ctx->trailers[i + 1])) < 0)
			return error;
	return 0;
}

int cs_write_records(cs_store *s, const char *command, const char *summary,
		     const cs_put *puts, size_t n, const char *const *trailers,
		     cs_buf *first_path)
{
	struct write_ctx ctx;
	size_t i;
	int error = 0;
	ctx.summary = summary;
	ctx.puts = puts;
	ctx.n = n;
	ctx.trailers = trailers;
	ctx.paths = cs_calloc(n, sizeof(cs_buf));
	ctx.bodies = cs_calloc(n, sizeof(cs_buf));
	if (!ctx.paths || !ctx.bodies) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		if ((error = cs_record_path(puts[i].rec, &ctx.paths[i])) < 0)
			goto cleanup;
		if ((error = cs_record_validate(puts[i].rec, cs_buf_cstr(&ctx.paths[i]),
						NULL)) < 0)
			goto cleanup;
		if ((error = cs_record_emit(puts[i].rec, &ctx.bodies[i])) < 0)
			goto cleanup;
	}
	if ((error = cs_store_transact(s, command, write_txn, &ctx)) < 0)
		goto cleanup;
	if (first_path && n) {
		cs_buf_clear(first_path);
		error = cs_buf_puts(first_path, cs_buf_cstr(&ctx.paths[0]));
	}
cleanup:
	for (i = 0; ctx.paths && ctx.bodies && i < n; i++) {
		cs_buf_free(&ctx.paths[i]);
		cs_buf_free(&ctx.bodies[i]);
	}
	free(ctx.paths);
	free(ctx.bodies);
	return error;
}
