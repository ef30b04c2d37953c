/* cslog: the work log (DESIGN 5; Art 10, 11, 15, 18). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cslog.h"
#include "editor.h"
#include "csv.h"
#include "entry.h"
#include "error.h"
#include "import.h"
#include "opts.h"
#include "record.h"
#include "yaml.h"

static const cli_option options[] = {
	{ "community", 0, "C", 0, "@community", N_("the community (its slug or name)") },
	{ "lawyer", 0, "L", 0, "@lawyer", N_("the lawyer (its slug or name; default $CS_LAWYER)") },
	{ "date", 0, "D", 0, "@date", N_("the day of the service, YYYY-MM-DD (default today)") },
	{ "start", 0, "HH:MM", 0, NULL, N_("when it began") },
	{ "end", 0, "HH:MM", 0, NULL, N_("when it ended") },
	{ "channel", 0, "CH", 0, "in-person|phone|email|online", N_("how it was given") },
	{ "target-type", 0, "T", 0,
	  "resident|committee|organisation|mediators|community-workers|group|other",
	  N_("who was served") },
	{ "target-name", 0, "N", 0, NULL, N_("their name (confidential for a resident, Art 15)") },
	{ "target-contact", 0, "C", 0, NULL, N_("their contact (confidential for a resident)") },
	{ "content", 0, "TEXT", 0, NULL, N_("what was done") },
	{ "result", 0, "TEXT", 0, NULL, N_("what came of it") },
	{ "set", 0, "FIELD=VALUE", 1, NULL, N_("any other field of the kind (see below)") },
	{ "edit", 'e', NULL, 0, NULL, N_("write the entry in $EDITOR") },
	{ "late", 0, NULL, 0, NULL, N_("an entry for a month whose report is filed (needs --reason)") },
	{ "kind", 0, "K", 0, "@kind", N_("only entries of this kind") },
	{ "since", 0, "D", 0, "@date", N_("only entries on or after this day") },
	{ "until", 0, "D", 0, "@date", N_("only entries on or before this day") },
	{ "month", 0, "YYYY-MM", 0, "@month", N_("only entries of this month") },
	{ "unsigned", 0, NULL, 0, NULL, N_("only entries still to be signed") },
	{ "by", 0, "NAME", 0, "@head", N_("the community head who signs (Art 11)") },
	{ "key", 0, "FILE", 0, "@file", N_("the signer's private SSH key (default: ssh-agent)") },
	{ "on", 0, "DATE[THH:MM]", 0, "@date", N_("when the request was accepted (default now)") },
	{ "reason", 0, "TEXT", 0, NULL, N_("why (kept in the commit and the audit)") },
	{ "allow-duplicates", 0, NULL, 0, NULL, N_("import rows the store has already") },
	{ "encoding", 0, "ENC", 0, "UTF-8|GBK|GB18030", N_("the CSV file's encoding (default UTF-8)") },
	{ "reveal", 0, NULL, 0, NULL, N_("show residents' personal data unmasked (Art 15)") },
	{ "format", 0, "F", 0, "text|yaml|json|csv|md|html", N_("the output format") },
	{ NULL, 0, NULL, 0, NULL, NULL }
};

#define ADD_OPTS "[community] [lawyer] [date] [start] [end] [channel] [target-type] " \
	"[target-name] [target-contact] [content] [result] [set] [edit] [late] [reason]"

static const cli_verb verbs[] = {
	{ "add", "KIND|-", 1, 1, "@kind", ADD_OPTS,
	  N_("log a service (one commit; prints the new id); '-' reads one YAML record") },
	{ "list", "", 0, 0, NULL,
	  "[community] [lawyer] [kind] [since] [until] [month] [unsigned] [reveal] [format]",
	  N_("list entries, oldest first") },
	{ "show", "ID", 1, 1, "@log-id", "[reveal] [format]", N_("show one entry") },
	{ "sign", "ID...", 1, -1, "@log-id", "by [key]", N_("sign entries as a community head") },
	{ "accept", "ID", 1, 1, "@log-id", "[on]", N_("accept a service request (Art 10)") },
	{ "amend", "ID", 1, 1, "@log-id", "set reason",
	  N_("correct an entry; its signature is cleared until it is signed again") },
	{ "edit", "ID", 1, 1, "@log-id", "edit [reason]", N_("amend an entry in $EDITOR") },
	{ "void", "ID", 1, 1, "@log-id", "reason", N_("void an entry (nothing is ever deleted)") },
	{ "history", "ID", 1, 1, "@log-id", "[reveal] [format]",
	  N_("every commit that touched an entry, and what it changed") },
	{ "import", "FILE.csv", 1, 1, "@file",
	  "[lawyer] [community] [late] [reason] [allow-duplicates] [encoding]",
	  N_("import a spreadsheet of past entries (one commit, all or nothing)") },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL }
};

static void more_help(const cli_command *cmd, const cli_verb *v, char **ops, int nops);

static const cli_command cslog = { "cslog", N_("The work log: one record a service, signed by the "
				   "community head (Art 11)."), options, verbs, more_help };

const char *arg(struct run *r, const char *name)
{
	return cli_arg(&r->args, name);
}

static void more_help(const cli_command *cmd, const cli_verb *v, char **ops, int nops)
{
	const cs_kind *k;
	cs_node *fields = NULL;
	size_t i;
	if (strcmp(v->name, "add") && strcmp(v->name, "import"))
		return;
	if (nops >= 1 && cs_kind_lookup(ops[0], &k) == 0 && cs_entry_fields(NULL, k->name, &fields) == 0) {
		printf(_("\nThe fields of a %s (%s), for --set FIELD=VALUE:\n"), k->name, k->zh);
		for (i = 0; i < fields->count; i++)
			printf("  %s\n", fields->items[i]->str);
		cs_node_free(fields);
		return;
	}
	printf("%s", _("\nKinds (the Chinese label is accepted too):\n"));
	for (k = cs_kinds(); k->name; k++)
		if (k->family == CS_KIND_LOG || k->family == CS_KIND_MEETING)
			printf("  %-16s %s%s\n", k->name, k->zh, k->service ? "" : _(" (not an activity)"));
	printf("%s", _("\n'cslog add KIND --help' lists the fields of a kind.\n"));
}

int print_buf(cs_buf *out)
{
	return cli_out(out) ? cs_error_set(CS_EIO, "cannot write to standard output") : 0;
}

/* --- option values -------------------------------------------------------- */

int date_opt(const char *opt, const char *s, cs_day *day)
{
	if (cs_date_parse(s, day) < 0)
		return cs_error_set(CS_EUSAGE, "--%s: '%s' is not a date YYYY-MM-DD, like 2026-10-15",
				    opt, s);
	return 0;
}

static int time_opt(const char *opt, const char *s, char out[6])
{
	char why[512];
	if (cs_hhmm_normalize(s, out) == 0)
		return 0;
	snprintf(why, sizeof(why), "%s", cs_error_last());
	return cs_error_set(CS_EUSAGE, "--%s: %s", opt, why);
}

int slug_opt(struct run *r, const char *kind, const char *opt, const char **slug)
{
	const char *word = arg(r, opt);
	*slug = NULL;
	return word ? cs_snapshot_resolve(r->snap, kind, word, slug) : 0;
}

/* --- add ----------------------------------------------------------------- */

/* The entry the options of cslog add describe; the values' forms checked. */
static int build(struct run *r, const cs_kind *k, cs_node **rec)
{
	cs_entry_parts p;
	char start[6], end[6];
	cs_day day;
	int error;
	memset(&p, 0, sizeof(p));
	p.kind = k->name;
	if (((p.date = arg(r, "date")) && (error = date_opt("date", p.date, &day)) < 0) ||
	    (arg(r, "start") && (error = time_opt("start", arg(r, "start"), start)) < 0) ||
	    (arg(r, "end") && (error = time_opt("end", arg(r, "end"), end)) < 0) ||
	    (error = slug_opt(r, "lawyer", "lawyer", &p.lawyer)) < 0 ||
	    (error = slug_opt(r, "community", "community", &p.community)) < 0)
		return error;
	if (!p.lawyer && getenv("CS_LAWYER") && *getenv("CS_LAWYER") &&
	    (error = cs_snapshot_resolve(r->snap, "lawyer", getenv("CS_LAWYER"), &p.lawyer)) < 0)
		return error;
	if (!p.lawyer && !cs_entry_lawyer_optional(k))
		return cs_error_set(CS_EUSAGE, "--lawyer is required for a %s (or set $CS_LAWYER)",
				    k->name);
	if (!p.community && !p.lawyer && k->family != CS_KIND_MEETING)
		return cs_error_set(CS_EUSAGE, "--community is required for a %s", k->name);
	p.start = arg(r, "start") ? start : NULL;
	p.end = arg(r, "end") ? end : NULL;
	p.channel = arg(r, "channel");
	p.target_type = arg(r, "target-type");
	p.target_name = arg(r, "target-name");
	p.target_contact = arg(r, "target-contact");
	p.content = arg(r, "content");
	p.result = arg(r, "result");
	p.sets = cli_args_of(&r->args, "set", &p.nsets);
	return cs_entry_build(cs_store_schemas(r->store), &p, &r->now, rec);
}

/* Check a new entry as the write will: its fields, then the store. */

static int late(struct run *r, cs_node *rec)
{
	if (!cli_has(&r->args, "late"))
		return 0;
	if (!arg(r, "reason"))
		return cs_error_set(CS_EUSAGE, "--late needs --reason TEXT (why the entry comes late)");
	return cs_node_set_str(rec, "late_reason", arg(r, "reason"));
}

static int commit_new(struct run *r, cs_node **recs, const char **sources, size_t n,
		      const char *command, const char *summary)
{
	const char *trailers[] = { "Cs-Reason", arg(r, "reason"), NULL };
	cs_entry_batch b = { command, summary, arg(r, "reason") ? trailers : NULL,
			     cli_is(&r->args, "import") && !cli_has(&r->args, "allow-duplicates") };
	return cs_entry_add(r->store, recs, sources, n, &b);
}

static int check_new(void *ctx, cs_node *rec, cs_buf *why)
{
	struct run *r = ctx;
	int error = cs_entry_check_new(r->snap, &r->now, rec, "entry", why);
	if (!error)
		error = late(r, rec);
	if (error < 0 && !why->len)
		cs_buf_puts(why, cs_error_last());
	return error;
}

static int edit_new(struct run *r, cs_node **rec)
{
	return cli_edit_record(cs_store_schemas(r->store), rec, check_new, r);
}

static int cmd_add(struct run *r)
{
	const char *what = r->args.operands[0], *source = NULL;
	cs_node *rec = NULL;
	cs_buf in = CS_BUF_INIT, summary = CS_BUF_INIT, why = CS_BUF_INIT;
	const cs_kind *k = NULL;
	int error;
	if (!strcmp(what, "-")) {
		static const char *const fields[] = { "community", "lawyer", "date", "start", "end",
			"channel", "target-type", "target-name", "target-contact", "content", "result",
			"set", "edit", NULL };
		size_t i;
		for (i = 0; fields[i]; i++)
			if (cli_has(&r->args, fields[i]))
				return cs_error_set(CS_EUSAGE, "add - reads the whole entry from standard "
						    "input: --%s does not apply", fields[i]);
		source = "<stdin>";
		if ((error = cs_buf_read_file(&in, "-", CS_YAML_MAX_BYTES)) < 0 ||
		    (error = cs_yaml_load(&rec, in.ptr, in.len, source)) < 0)
			goto cleanup;
		if (!rec || rec->type != CS_NODE_MAP) {
			error = cs_error_set(CS_EDATA, "<stdin>: not one YAML mapping");
			goto cleanup;
		}
	} else {
		if ((error = cs_kind_lookup(what, &k)) < 0 || (error = build(r, k, &rec)) < 0)
			goto cleanup;
	}
	if (cli_has(&r->args, "edit"))
		error = edit_new(r, &rec);
	else if ((error = cs_entry_check_new(r->snap, &r->now, rec, source, &why)) == 0)
		error = late(r, rec);
	if (error < 0)
		goto cleanup;
	cs_buf_printf(&summary, "Log %s %s", cs_node_get_str(rec, "kind"), cs_node_get_str(rec, "id"));
	if ((error = commit_new(r, &rec, &source, 1, "cslog add", cs_buf_cstr(&summary))) == 0)
		printf("%s\n", cs_node_get_str(rec, "id"));
cleanup:
	cs_node_free(rec);
	cs_buf_free(&in);
	cs_buf_free(&summary);
	cs_buf_free(&why);
	return error;
}

/* --- import --------------------------------------------------------------- */

/* A progress bar on standard error: label [#####     ] 50% */
static void progress(const char *label, size_t done, size_t whole, int *last)
{
	int pct = whole ? (int)(done * 100 / whole) : 100, i;
	if (pct == *last)
		return;
	*last = pct;
	fprintf(stderr, "\r%s [", label);
	for (i = 0; i < 40; i++)
		fputc(i < pct * 40 / 100 ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%%", pct);
	fflush(stderr);
}

struct bar {
	int shown;
};

static void show_progress(void *ctx, size_t done, size_t whole)
{
	progress(_("checking"), done, whole, &((struct bar *)ctx)->shown);
}

static int cmd_import(struct run *r)
{
	const char *file = r->args.operands[0], *base = strrchr(file, '/');
	cs_buf raw = CS_BUF_INIT, text = CS_BUF_INIT, summary = CS_BUF_INIT;
	struct bar bar = { -1 };
	cs_import_opts o;
	cs_import rs;
	int error, tty = isatty(STDERR_FILENO);
	memset(&rs, 0, sizeof(rs));
	memset(&o, 0, sizeof(o));
	o.lawyer = arg(r, "lawyer") ? arg(r, "lawyer") : getenv("CS_LAWYER");
	if ((o.lawyer && *o.lawyer && (error = cs_snapshot_resolve(r->snap, "lawyer", o.lawyer,
								 &o.lawyer)) < 0) ||
	    (arg(r, "community") && (error = cs_snapshot_resolve(r->snap, "community",
							    arg(r, "community"), &o.community)) < 0))
		return error;
	o.progress = tty ? show_progress : NULL;
	o.progress_ctx = &bar;
	if (o.lawyer && !*o.lawyer)
		o.lawyer = NULL;
	if (cli_has(&r->args, "late") && !(o.late_reason = arg(r, "reason")))
		return cs_error_set(CS_EUSAGE, "--late needs --reason TEXT (why the entries come late)");
	error = cs_buf_read_file(&raw, file, 64 * 1024 * 1024);
	if (!error && !(error = cs_csv_decode(raw.ptr, raw.len, arg(r, "encoding"), file, &text)))
		error = cs_import_read(r->snap, &r->now, file, &text, &o, &rs);
	if (tty && bar.shown >= 0)
		fputc('\n', stderr);
	if (error < 0)
		goto cleanup;
	if (tty)
		fprintf(stderr, "%s\n", _("writing one commit..."));
	cs_buf_printf(&summary, "Import %zu entries from %s", rs.n, base ? base + 1 : file);
	if ((error = commit_new(r, rs.recs, (const char **)rs.sources, rs.n, "cslog import",
				cs_buf_cstr(&summary))) == 0)
		printf("%zu\n", rs.n);
cleanup:
	cs_import_free(&rs);
	cs_buf_free(&raw);
	cs_buf_free(&text);
	cs_buf_free(&summary);
	return error;
}

/* --- one entry: show, sign, accept, amend, void, history ----------------- */



static int dispatch(struct run *r)
{
	static const struct {
		const char *verb;
		int (*fn)(struct run *);
	} table[] = {
		{ "add", cmd_add }, { "list", cmd_list }, { "show", cmd_show }, { "sign", cmd_sign },
		{ "accept", cmd_accept }, { "amend", cmd_amend }, { "edit", cmd_edit },
		{ "void", cmd_void }, { "history", cmd_history }, { "import", cmd_import },
	};
	size_t i;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (cli_is(&r->args, table[i].verb))
			return table[i].fn(r);
	return cs_error_set(CS_ESOFTWARE, "no verb");
}

int main(int argc, char **argv)
{
	struct run r;
	int status, error;
	memset(&r, 0, sizeof(r));
	cli_init("cslog");
	if ((status = cli_parse(&cslog, argc, argv, &r.args)) >= 0)
		goto done;
	r.reveal = cli_has(&r.args, "reveal");
	if ((error = cs_now(&r.now)) < 0) {
		status = cli_status(error, r.args.verb);
		goto done;
	}
	if ((status = cli_open(&r.store, r.args.dir)) != 0)
		goto done;
	if ((error = cs_snapshot_load_directory(&r.snap, r.store, NULL)) == 0)
		error = dispatch(&r);
	status = error < 0 ? cli_status(error, r.args.verb) : 0;
done:
	cs_snapshot_free(r.snap);
	cs_store_free(r.store);
	cli_args_free(&r.args);
	cs_record_cleanup();
	return status;
}
