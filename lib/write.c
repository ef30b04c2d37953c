#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "record.h"
#include "validate.h"
#include "write.h"
#include "snapshot_impl.h"

struct write_ctx {
	const cs_commit *c;
	const cs_put *puts;
	size_t n;
	cs_buf *paths;
	cs_buf *bodies;
};

int cs_write_describe(const cs_findings *found, size_t first, const char *source, int lines,
		      cs_buf *out)
{
	size_t i, shown = 0;
	int error = 0;
	for (i = first; i < found->n && !error; i++) {
		const cs_finding *x = &found->v[i];
		if (x->severity != CS_SEV_ERROR)
			continue;
		if (shown++)
			error = cs_buf_putc(out, '\n');
		if (!error && lines)
			error = cs_buf_printf(out, "%s:%zu: %s (%s)", source ? source : x->path, x->line,
					      x->message, x->rule);
		else if (!error)
			error = cs_buf_printf(out, "%s: %s (%s)", source ? source : x->path, x->message,
					      x->rule);
	}
	return error;
}

/* Each record against the store at the tip: what cscheck would report as a
 * schema or reference error is refused. */
static int validate_all(const cs_snapshot *tip, struct write_ctx *ctx)
{
	cs_findings found;
	cs_buf why = CS_BUF_INIT;
	size_t i;
	int error = 0;
	cs_findings_init(&found);
	for (i = 0; i < ctx->n && !error; i++) {
		size_t before = found.n;
		const cs_put *p = &ctx->puts[i];
		if ((error = cs_validate_record(tip, cs_buf_cstr(&ctx->paths[i]), p->rec, 1,
						&found)) < 0)
			break;
		if (!cs_findings_have_error(&found, before))
			continue;
		/* lines mean something only in what the user wrote (stdin, the editor) */
		if ((error = cs_write_describe(&found, before, p->source,
					       p->source && p->rec->line != 0, &why)) < 0)
			break;
		error = cs_error_set(CS_EDATA, "%s", cs_buf_cstr(&why));
	}
	cs_findings_free(&found);
	cs_buf_free(&why);
	return error;
}

static int write_txn(cs_txn *t, void *vctx)
{
	struct write_ctx *ctx = vctx;
	cs_snapshot *tip = NULL;
	size_t i;
	int error = 0;
	if (*cs_txn_tip(t)) {
		if ((error = cs_snapshot_load_directory(&tip, cs_txn_store(t), cs_txn_tip(t))) < 0)
			goto cleanup;
		if (ctx->c->guard &&
		    (error = ctx->c->guard(tip, ctx->puts, ctx->n, ctx->c->guard_ctx)) < 0)
			goto cleanup;
		if ((error = validate_all(tip, ctx)) < 0)
			goto cleanup;
	} else {
		for (i = 0; i < ctx->n; i++)
			if ((error = cs_record_validate(cs_store_schemas(cs_txn_store(t)), ctx->puts[i].rec, cs_buf_cstr(&ctx->paths[i]),
							NULL)) < 0)
				goto cleanup;
	}
	for (i = 0; i < ctx->n; i++) {
		const char *path = cs_buf_cstr(&ctx->paths[i]);
		int there = ctx->puts[i].create ? cs_txn_exists(t, path) : 0;
		/* not knowing is not "absent": that would write over the record */
		if ((error = there < 0 ? there : 0) < 0)
			goto cleanup;
		if (there > 0) {
			error = cs_error_set(CS_ECANTCREAT, "%s exists already", path);
			goto cleanup;
		}
		if ((error = cs_txn_put(t, path, ctx->bodies[i].ptr, ctx->bodies[i].len)) < 0)
			goto cleanup;
	}
	if ((error = cs_txn_message(t, ctx->c->summary)) < 0)
		goto cleanup;
	for (i = 0; i < ctx->n && !error; i++)
		error = cs_txn_trailer(t, "Cs-Record", cs_buf_cstr(&ctx->paths[i]));
	for (i = 0; !error && ctx->c->trailers && ctx->c->trailers[i] && ctx->c->trailers[i + 1];
	     i += 2)
		error = cs_txn_trailer(t, ctx->c->trailers[i], ctx->c->trailers[i + 1]);
	if (!error && ctx->c->sign)
		cs_txn_sign(t, ctx->c->sign, ctx->c->sign_ctx);
cleanup:
	cs_snapshot_free(tip);
	return error;
}

int cs_write_records(cs_store *s, const cs_commit *c, const cs_put *puts, size_t n,
		     cs_buf *first_path)
{
	struct write_ctx ctx;
	size_t i;
	int error = 0;
	ctx.c = c;
	ctx.puts = puts;
	ctx.n = n;
	ctx.paths = cs_calloc(n ? n : 1, sizeof(cs_buf));
	ctx.bodies = cs_calloc(n ? n : 1, sizeof(cs_buf));
	if (!ctx.paths || !ctx.bodies) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		if ((error = cs_record_path(puts[i].rec, &ctx.paths[i])) < 0 ||
		    (error = cs_record_emit(cs_store_schemas(s), puts[i].rec, &ctx.bodies[i])) < 0)
			goto cleanup;
	}
	if ((error = cs_store_transact(s, c->command, write_txn, &ctx)) < 0)
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
