/* cslog list, show and history: reading the work log (DESIGN 5, 7; Art 15). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cslog.h"
#include "entry.h"
#include "error.h"
#include "history.h"
#include "log.h"
#include "mask.h"
#include "record.h"

static int print_tree(struct run *r, const cs_node *n)
{
	cs_buf out = CS_BUF_INIT;
	cs_format f = CS_FMT_TEXT;
	int error;
	if (arg(r, "format"))
		cs_format_parse(arg(r, "format"), &f);
	if (f != CS_FMT_TEXT && f != CS_FMT_YAML && f != CS_FMT_JSON)
		return cs_error_set(CS_EUSAGE, "--format: %s prints text, yaml or json",
				    r->args.verb->name);
	if (!(error = cli_tree(&out, n, f == CS_FMT_JSON ? CS_FMT_JSON : CS_FMT_YAML)))
		error = print_buf(&out);
	cs_buf_free(&out);
	return error;
}

int cmd_show(struct run *r)
{
	cs_buf path = CS_BUF_INIT;
	cs_node *rec = NULL;
	int error = cs_entry_find(r->store, r->args.operands[0], &path, &rec);
	if (!error && !r->reveal)
		error = cs_mask_record(rec);
	if (!error)
		error = print_tree(r, rec);
	cs_node_free(rec);
	cs_buf_free(&path);
	return error;
}

static int list_filter(struct run *r, cs_log_filter *f)
{
	const char *month = arg(r, "month");
	const cs_kind *k;
	int error, y, m;
	memset(f, 0, sizeof(*f));
	f->reveal = r->reveal;
	f->unsigned_only = cli_has(&r->args, "unsigned");
	if (arg(r, "kind")) {
		if ((error = cs_kind_lookup(arg(r, "kind"), &k)) < 0)
			return error;
		f->kind = k->name;
	}
	if ((error = slug_opt(r, "community", "community", &f->community)) < 0 ||
	    (error = slug_opt(r, "lawyer", "lawyer", &f->lawyer)) < 0 ||
	    (arg(r, "since") && (error = date_opt("since", arg(r, "since"), &f->since)) < 0) ||
	    (arg(r, "until") && (error = date_opt("until", arg(r, "until"), &f->until)) < 0))
		return error;
	f->has_since = !!arg(r, "since");
	f->has_until = !!arg(r, "until");
	if (!month)
		return 0;
	if (cs_month_parse(month, &y, &m) < 0)
		return cs_error_set(CS_EUSAGE, "--month: '%s' is not a month YYYY-MM, like 2026-10", month);
	if (!f->has_since || cs_date_from_ymd(y, m, 1) > f->since)
		f->since = cs_date_from_ymd(y, m, 1);
	if (!f->has_until || cs_date_from_ymd(y, m, cs_date_days_in_month(y, m)) < f->until)
		f->until = cs_date_from_ymd(y, m, cs_date_days_in_month(y, m));
	f->has_since = f->has_until = 1;
	return 0;
}

int cmd_list(struct run *r)
{
	static const char *const labels[8] = { N_("id"), N_("date"), N_("time"), N_("kind"),
		N_("community"), N_("lawyer"), N_("signed by"), N_("content") };
	const char *shown[8];
	cs_log_filter f;
	cs_node *all = NULL;
	cs_buf out = CS_BUF_INIT;
	cs_format fmt = CS_FMT_TEXT;
	cs_table t;
	size_t i;
	int error;
	cs_table_init(&t);
	if (arg(r, "format"))
		cs_format_parse(arg(r, "format"), &fmt);
	for (i = 0; i < 8; i++)
		shown[i] = _(labels[i]);
	if ((error = list_filter(r, &f)) < 0 || (error = cs_log_list(r->store, &f, &all)) < 0)
		goto cleanup;
	if (fmt == CS_FMT_JSON || fmt == CS_FMT_YAML)
		error = cli_tree(&out, all, fmt);
	else if (fmt == CS_FMT_CSV)
		error = cs_log_csv(all, &out);
	else if ((error = cs_log_table(all, shown, cli_kind_label, _("(void)"), &t)) == 0)
		error = cs_table_render(&t, fmt, &out);
	if (!error)
		error = print_buf(&out);
cleanup:
	cs_node_free(all);
	cs_table_free(&t);
	cs_buf_free(&out);
	return error;
}

static int history_text(const cs_node *events, cs_buf *out)
{
	size_t i, j;
	for (i = 0; i < events->count; i++) {
		const cs_node *ev = events->items[i], *ch = cs_node_get(ev, "changes");
		const char *reason = cs_node_get_str(ev, "reason"), *by = cs_node_get_str(ev, "command");
		cs_buf_printf(out, "%.12s  %s  %s  %s  %s\n", cs_node_get_str(ev, "commit"),
			      cs_node_get_str(ev, "time"),
			      !strcmp(by, "manual") ? _("manual") : !strcmp(by, "merge") ? _("merge") : by,
			      cs_node_get_str(ev, "author"), cs_node_get_str(ev, "summary"));
		if (reason)
			cs_buf_printf(out, "    %s: %s\n", _("reason"), reason);
		for (j = 0; ch && j < ch->count; j++) {
			const char *o = cs_node_get_str(ch->items[j], "old");
			const char *n = cs_node_get_str(ch->items[j], "new");
			cs_buf_printf(out, "    %s: %s -> %s\n", cs_node_get_str(ch->items[j], "field"),
				      o ? o : "-", n ? n : "-");
		}
	}
	return 0;
}

int cmd_history(struct run *r)
{
	cs_buf path = CS_BUF_INIT, out = CS_BUF_INIT;
	cs_node *rec = NULL, *events = NULL;
	cs_format f = CS_FMT_TEXT;
	int error;
	if (arg(r, "format"))
		cs_format_parse(arg(r, "format"), &f);
	if (f != CS_FMT_TEXT && f != CS_FMT_YAML && f != CS_FMT_JSON) {
		error = cs_error_set(CS_EUSAGE, "--format: history prints text, yaml or json");
		goto cleanup;
	}
	if ((error = cs_entry_find(r->store, r->args.operands[0], &path, &rec)) < 0 ||
	    (error = cs_history_record(r->store, cs_buf_cstr(&path), r->reveal, &events)) < 0)
		goto cleanup;
	if (f == CS_FMT_TEXT)
		error = history_text(events, &out);
	else
		error = cli_tree(&out, events, f);
	if (!error)
		error = print_buf(&out);
cleanup:
	cs_node_free(rec);
	cs_node_free(events);
	cs_buf_free(&path);
	cs_buf_free(&out);
	return error;
}

