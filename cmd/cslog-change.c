/* cslog sign, accept, amend, edit and void: the commands' changes to an
 * entry (DESIGN 4, 7; Art 10, 11), each one commit made by lib/logbook. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cslog.h"
#include "editor.h"
#include "entry.h"
#include "error.h"
#include "logbook.h"

int cmd_sign(struct run *r)
{
	return cs_logbook_sign(r->store, r->snap, r->args.operands, (size_t)r->args.nops,
			       arg(r, "by"), arg(r, "key"), &r->now);
}

/* cslog edit ID -e: an amendment made in the editor. */
struct editing {
	struct run *r;
	const cs_node *old;
};

static int check_edit(void *ctx, cs_node *rec, cs_buf *why)
{
	struct editing *e = ctx;
	return cs_entry_check_edit(e->r->snap, e->old, rec, why);
}

static int ask_reason(struct run *r, char *out, size_t size)
{
	if (arg(r, "reason")) {
		snprintf(out, size, "%s", arg(r, "reason"));
		return cli_reason(arg(r, "reason"));
	}
	fprintf(stderr, "%s", _("Reason for the amendment: "));
	if (!fgets(out, (int)size, stdin))
		out[0] = '\0';
	out[strcspn(out, "\n")] = '\0';
	if (!*out)
		return cs_error_set(CS_EUSAGE, "an amendment needs a reason (--reason TEXT)");
	return 0;
}

int cmd_edit(struct run *r)
{
	cs_node *rec = NULL, *draft = NULL;
	cs_buf path = CS_BUF_INIT;
	struct editing e = { r, NULL };
	char reason[1024];
	int error;
	if ((error = cs_entry_find(r->store, r->args.operands[0], &path, &rec)) < 0 ||
	    (error = cs_entry_draft(rec, &draft)) < 0)
		goto cleanup;
	e.old = rec;
	if ((error = cli_edit_record(cs_store_schemas(r->store), &draft, check_edit, &e)) == 0 &&
	    (error = ask_reason(r, reason, sizeof(reason))) == 0 &&
	    (error = cs_logbook_edit(r->store, rec, draft, reason)) == 0)
		printf("%s\n", cs_node_get_str(draft, "id"));
cleanup:
	cs_node_free(rec);
	cs_node_free(draft);
	cs_buf_free(&path);
	return error;
}

int cmd_accept(struct run *r)
{
	cs_time at = r->now;
	const char *on = arg(r, "on");
	if (on && cs_datetime_parse(on, &at) < 0)
		return cs_error_set(CS_EUSAGE, "--on: '%s' is not DATE[THH:MM], like 2026-10-15T09:30",
				    on);
	return cs_logbook_accept(r->store, r->args.operands[0], &at);
}

int cmd_amend(struct run *r)
{
	cs_buf id = CS_BUF_INIT;
	size_t n;
	const char *const *sets = cli_args_of(&r->args, "set", &n);
	int error = cli_reason(arg(r, "reason"));
	if (error < 0)
		return error;
	error = cs_logbook_amend(r->store, r->args.operands[0], sets, n, arg(r, "reason"), &id);
	if (!error)
		printf("%s\n", cs_buf_cstr(&id));
	cs_buf_free(&id);
	return error;
}

int cmd_void(struct run *r)
{
	int error;
	if ((error = cli_reason(arg(r, "reason"))) < 0)
		return error;
	return cs_logbook_void(r->store, r->snap, r->args.operands[0], arg(r, "reason"), &r->now);
}

/* --- list, history ---------------------------------------------------- */

