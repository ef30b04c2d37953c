/* cslog: the work log (DESIGN 5; Art 10, 11, 15, 18). */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "csv.h"
#include "directory.h"
#include "entry.h"
#include "error.h"
#include "history.h"
#include "mask.h"
#include "opts.h"
#include "params.h"
#include "record.h"
#include "sign.h"
#include "utf8.h"
#include "validate.h"
#include "write.h"
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

struct run {
	cli_args args;
	cs_store *store;
	cs_check snap;   /* the directory at HEAD */
	cs_time now;
	int reveal;
};

static const char *arg(struct run *r, const char *name)
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
	if (nops >= 1 && cs_kind_lookup(ops[0], &k) == 0 && cs_entry_fields(k->name, &fields) == 0) {
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

static int print_buf(cs_buf *out)
{
	return cli_out(out) ? cs_error_set(CS_EIO, "cannot write to standard output") : 0;
}

/* --- option values -------------------------------------------------------- */

static int date_opt(const char *opt, const char *s, cs_day *day)
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

static int slug_opt(struct run *r, const char *kind, const char *opt, const char **slug)
{
	const char *word = arg(r, opt);
	*slug = NULL;
	return word ? cs_check_resolve(&r->snap, kind, word, slug) : 0;
}

/* --- add ----------------------------------------------------------------- */

static int set_str(cs_node *rec, const char *key, const char *v)
{
	return v ? cs_node_set_str(rec, key, v) : 0;
}

static int target_of(struct run *r, cs_node *rec)
{
	cs_node *t;
	int error;
	if (!arg(r, "target-type") && !arg(r, "target-name") && !arg(r, "target-contact"))
		return 0;
	if (!(t = cs_node_new_map()))
		return CS_ENOMEM;
	if ((error = set_str(t, "type", arg(r, "target-type"))) < 0 ||
	    (error = set_str(t, "name", arg(r, "target-name"))) < 0 ||
	    (error = set_str(t, "contact", arg(r, "target-contact"))) < 0) {
		cs_node_free(t);
		return error;
	}
	return cs_node_set(rec, "target", t);
}

/* A request's date and start are when it was received. */
static int received(struct run *r, cs_node *rec, const char *date, const char *start)
{
	char at[20], today[11];
	cs_date_format(r->now.day, today);
	if (start)
		snprintf(at, sizeof(at), "%sT%s", date, start);
	else if (!strcmp(date, today))
		cs_entry_stamp(&r->now, at);
	else
		snprintf(at, sizeof(at), "%sT00:00", date);
	return cs_node_set_str(rec, "received_at", at);
}

static int build(struct run *r, const cs_kind *k, cs_node *rec)
{
	const char *lawyer, *community, *date = arg(r, "date");
	const char *const *sets;
	char start[6], end[6], today[11];
	cs_day day;
	size_t i, nsets;
	int error;
	cs_date_format(r->now.day, today);
	if ((date && (error = date_opt("date", date, &day)) < 0) ||
	    (arg(r, "start") && (error = time_opt("start", arg(r, "start"), start)) < 0) ||
	    (arg(r, "end") && (error = time_opt("end", arg(r, "end"), end)) < 0) ||
	    (error = slug_opt(r, "lawyer", "lawyer", &lawyer)) < 0 ||
	    (error = slug_opt(r, "community", "community", &community)) < 0)
		return error;
	if (!lawyer && getenv("CS_LAWYER") && *getenv("CS_LAWYER") &&
	    (error = cs_check_resolve(&r->snap, "lawyer", getenv("CS_LAWYER"), &lawyer)) < 0)
		return error;
	if (!lawyer && strcmp(k->name, "visit") && strcmp(k->name, "spot-check") &&
	    strcmp(k->name, "feedback") && k->family != CS_KIND_MEETING)
		return cs_error_set(CS_EUSAGE, "--lawyer is required for a %s (or set $CS_LAWYER)",
				    k->name);
	if (!community && !lawyer && k->family != CS_KIND_MEETING)
		return cs_error_set(CS_EUSAGE, "--community is required for a %s", k->name);
	if ((error = cs_node_set_str(rec, "kind", k->name)) < 0 ||
	    (error = cs_node_set_str(rec, "date", date ? date : today)) < 0 ||
	    (error = set_str(rec, "start", arg(r, "start") ? start : NULL)) < 0 ||
	    (error = set_str(rec, "end", arg(r, "end") ? end : NULL)) < 0 ||
	    (error = set_str(rec, "community", community)) < 0 ||
	    (error = set_str(rec, "lawyer", lawyer)) < 0 ||
	    (error = set_str(rec, "channel", arg(r, "channel"))) < 0 ||
	    (error = target_of(r, rec)) < 0 ||
	    (error = set_str(rec, "content", arg(r, "content"))) < 0 ||
	    (error = set_str(rec, "result", arg(r, "result"))) < 0)
		return error;
	if (!strcmp(k->name, "request") &&
	    (error = received(r, rec, date ? date : today, arg(r, "start") ? start : NULL)) < 0)
		return error;
	sets = cli_args_of(&r->args, "set", &nsets);
	for (i = 0; i < nsets; i++)
		if ((error = cs_entry_set(rec, k->name, sets[i])) < 0)
			return error;
	return 0;
}

/* Check a new entry as the write will: its fields, then the store. */
static int judge(struct run *r, cs_node *rec, const char *source, cs_buf *why)
{
	cs_findings found;
	cs_buf path = CS_BUF_INIT;
	int error;
	cs_findings_init(&found);
	if ((error = cs_entry_refuse_owned(rec, source)) < 0)
		goto cleanup;
	if ((error = cs_entry_complete(rec, &r->snap, &r->now)) < 0 ||
	    (error = cs_record_path(rec, &path)) < 0) {
		char msg[1024];
		snprintf(msg, sizeof(msg), "%s", cs_error_last());
		if (source)
			error = cs_error_set(error, "%s: %s", source, msg);
		goto cleanup;
	}
	if ((error = cs_validate_record(&r->snap, cs_buf_cstr(&path), rec, 1, &found)) < 0)
		goto cleanup;
	if (cs_findings_have_error(&found, 0)) {
		cs_buf_clear(why);
		cs_write_describe(&found, 0, source, rec->line != 0, why);
		error = cs_error_set(CS_EDATA, "%s", cs_buf_cstr(why));
	}
cleanup:
	cs_findings_free(&found);
	cs_buf_free(&path);
	return error;
}

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

/* --- the editor ---------------------------------------------------------- */

/* Run $VISUAL or $EDITOR on path; CS_EDATA when it fails. */
static int run_editor(const char *path)
{
	const char *editor = getenv("VISUAL");
	cs_buf cmd = CS_BUF_INIT;
	int st;
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	cs_buf_printf(&cmd, "%s '%s'", editor, path);
	st = system(cs_buf_cstr(&cmd));
	cs_buf_free(&cmd);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return cs_error_set(CS_EDATA, "the editor failed; nothing was written");
	return 0;
}

/* The template: the record, then the kind's other fields as comments. */
static int template_of(const cs_node *rec, const char *why, cs_buf *out)
{
	cs_node *fields = NULL;
	const char *kind = cs_node_get_str(rec, "kind"), *p;
	size_t i;
	int error;
	cs_buf_clear(out);
	if (why && *why) {
		cs_buf_puts(out, _("# The entry was not saved:\n"));
		for (p = why; *p; ) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			cs_buf_printf(out, "#   %.*s\n", (int)n, p);
			p += n + (nl ? 1 : 0);
		}
		cs_buf_puts(out, _("# Correct it and save, or leave the file unchanged to give up.\n"));
	}
	if ((error = cs_record_emit(rec, out)) < 0 || (error = cs_entry_fields(kind, &fields)) < 0)
		return error;
	cs_buf_printf(out, _("# Other fields of a %s (remove the '# ' to fill one in):\n"), kind);
	for (i = 0; i < fields->count; i++) {
		char name[128];
		snprintf(name, sizeof(name), "%s", fields->items[i]->str);
		if (strchr(name, ' '))
			*strchr(name, ' ') = '\0';
		if (strchr(name, '.'))
			*strchr(name, '.') = '\0';
		if (!cs_node_get(rec, name))
			cs_buf_printf(out, "# %s:    %s\n", name, fields->items[i]->str + strlen(name));
	}
	cs_node_free(fields);
	return 0;
}

static int write_temp(char *path, const cs_buf *text)
{
	int fd = mkstemps(path, 5);
	if (fd < 0)
		return cs_error_set(CS_ECANTCREAT, "cannot create a temporary file");
	if (write(fd, text->ptr, text->len) != (ssize_t)text->len) {
		close(fd);
		return cs_error_set(CS_EIO, "cannot write %s", path);
	}
	close(fd);
	return 0;
}

/* Edit until the entry is right, the file is left unchanged (nothing is
 * written) or the editor fails; check(rec) says what is wrong. */
static int edit_loop(struct run *r, cs_node **rec, int (*check)(struct run *, cs_node *, cs_buf *))
{
	char path[] = "/tmp/cslog-XXXXXX.yaml";
	cs_buf text = CS_BUF_INIT, back = CS_BUF_INIT, why = CS_BUF_INIT, last = CS_BUF_INIT;
	cs_node *edited = NULL;
	int error;
	if ((error = template_of(*rec, NULL, &text)) < 0 || (error = write_temp(path, &text)) < 0)
		goto cleanup;
	for (;;) {
		cs_node_free(edited);
		edited = NULL;
		cs_buf_clear(&back);
		if ((error = run_editor(path)) < 0 ||
		    (error = cs_buf_read_file(&back, path, CS_YAML_MAX_BYTES)) < 0)
			break;
		if (back.len == text.len && !memcmp(back.ptr, text.ptr, text.len)) {
			error = why.len ? cs_error_set(CS_EDATA, "%s", cs_buf_cstr(&why))
					: cs_error_set(CS_EDATA, "the file was left unchanged; nothing was written");
			break;
		}
		if (last.len == back.len && !memcmp(last.ptr, back.ptr, back.len)) {
			/* the same text as last time: the editor will not mend it */
			error = cs_error_set(CS_EDATA, "%s", cs_buf_cstr(&why));
			break;
		}
		cs_buf_clear(&last);
		cs_buf_put(&last, back.ptr, back.len);
		cs_buf_clear(&why);
		if (cs_yaml_load(&edited, back.ptr, back.len, "entry") < 0) {
			cs_buf_puts(&why, cs_error_last());
		} else if (!edited) {
			error = cs_error_set(CS_EDATA, "the entry is empty; nothing was written");
			break;
		} else {
			/* judged on a copy: what is shown again is what was written */
			cs_node *trial = cs_node_dup(edited);
			if (!trial || (error = check(r, trial, &why)) == 0) {
				cs_node_free(edited);
				edited = trial;
				error = trial ? 0 : CS_ENOMEM;
				break;
			}
			cs_node_free(trial);
			if (error != CS_EDATA && error != CS_EUSAGE)
				break;
		}
		cs_error_clear();
		if (!why.len)
			cs_buf_puts(&why, cs_error_last());
		/* show it again, with what is wrong as comments */
		if ((error = template_of(edited ? edited : *rec, cs_buf_cstr(&why), &text)) < 0)
			break;
		if (!edited)
			cs_buf_printf(&text, "# %s\n", _("(what was written did not parse)"));
		unlink(path);
		strcpy(path, "/tmp/cslog-XXXXXX.yaml");
		if ((error = write_temp(path, &text)) < 0)
			break;
	}
	if (!error) {
		cs_node_free(*rec);
		*rec = edited;
		edited = NULL;
	}
cleanup:
	unlink(path);
	cs_node_free(edited);
	cs_buf_free(&text);
	cs_buf_free(&back);
	cs_buf_free(&why);
	cs_buf_free(&last);
	return error;
}

static int check_new(struct run *r, cs_node *rec, cs_buf *why)
{
	int error = judge(r, rec, "entry", why);
	if (!error)
		error = late(r, rec);
	if (error < 0 && !why->len)
		cs_buf_puts(why, cs_error_last());
	return error;
}

static int edit_new(struct run *r, cs_node **rec)
{
	return edit_loop(r, rec, check_new);
}

static int cmd_add(struct run *r)
{
	const char *what = r->args.operands[0], *source = NULL;
	cs_node *rec = NULL;
	cs_buf in = CS_BUF_INIT, summary = CS_BUF_INIT, why = CS_BUF_INIT;
	const cs_kind *k = NULL;
	int error;
	if (!strcmp(what, "-")) {
		source = "<stdin>";
		if ((error = cs_buf_read_file(&in, "-", CS_YAML_MAX_BYTES)) < 0 ||
		    (error = cs_yaml_load(&rec, in.ptr, in.len, source)) < 0)
			goto cleanup;
		if (!rec || rec->type != CS_NODE_MAP) {
			error = cs_error_set(CS_EDATA, "<stdin>: not one YAML mapping");
			goto cleanup;
		}
	} else {
		if ((error = cs_kind_lookup(what, &k)) < 0)
			goto cleanup;
		if (!(rec = cs_node_new_map())) {
			error = CS_ENOMEM;
			goto cleanup;
		}
		if ((error = build(r, k, rec)) < 0)
			goto cleanup;
	}
	if (cli_has(&r->args, "edit"))
		error = edit_new(r, &rec);
	else if ((error = judge(r, rec, source, &why)) == 0)
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

/* One row of a spreadsheet as an entry: the header names the fields
 * (kind, date, start, ..., target.name, or any FIELD of --set). */
static int row_entry(struct run *r, const cs_node *header, const cs_node *row, int kindcol,
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
		if (v[0] == '\'' && v[1] && strchr("=+-@", v[1]))
			v++; /* a spreadsheet's guard against formulas, as cs writes it */
		if ((!strcmp(col, "start") || !strcmp(col, "end")) && cs_hhmm_normalize(v, hhmm) == 0)
			v = hhmm;
		cs_error_clear();
		if (!strcmp(col, "id")) {
			error = cs_node_set_str(rec, "id", v);
		} else if (!strcmp(col, "lawyer") || !strcmp(col, "community")) {
			const char *slug;
			if ((error = cs_check_resolve(&r->snap, col, v, &slug)) == 0)
				error = cs_node_set_str(rec, col, slug);
		} else {
			cs_buf_clear(&set);
			cs_buf_printf(&set, "%s=%s", col, v);
			error = cs_entry_set(rec, k->name, cs_buf_cstr(&set));
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

struct rows {
	cs_node **recs;
	char **sources;
	size_t n;
};

static void rows_free(struct rows *rs)
{
	size_t i;
	for (i = 0; i < rs->n; i++) {
		cs_node_free(rs->recs[i]);
		free(rs->sources[i]);
	}
	free(rs->recs);
	free(rs->sources);
}

static int rows_push(struct rows *rs, cs_node *rec, const char *file, size_t line)
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
static int read_rows(struct run *r, const char *file, const cs_buf *text, struct rows *rs)
{
	const char *p = text->ptr, *end = text->ptr + text->len;
	cs_node *header = cs_node_new_seq(), *row = NULL, *rec;
	cs_buf why = CS_BUF_INIT;
	const char *lawyer = arg(r, "lawyer") ? arg(r, "lawyer") : getenv("CS_LAWYER");
	size_t i, line = 1, at = 1;
	int error, kindcol = -1, tty = isatty(STDERR_FILENO), shown = -1;
	if (!header)
		return CS_ENOMEM;
	if (lawyer && !*lawyer)
		lawyer = NULL;
	if ((error = cs_csv_row(&p, end, header, &line)) < 0)
		goto cleanup;
	for (i = 0; i < header->count; i++)
		if (!strcmp(header->items[i]->str, "kind"))
			kindcol = (int)i;
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
					    row->count, header->count);
			goto cleanup;
		}
		if ((error = row_entry(r, header, row, kindcol, &rec)) < 0)
			goto bad;
		if (lawyer && !cs_node_get(rec, "lawyer"))
			error = cs_node_set_str(rec, "lawyer", lawyer);
		if (!error && arg(r, "community") && !cs_node_get(rec, "community"))
			error = cs_node_set_str(rec, "community", arg(r, "community"));
		if (error < 0 || (error = rows_push(rs, rec, file, at)) < 0)
			goto cleanup;
		if ((error = judge(r, rec, rs->sources[rs->n - 1], &why)) < 0 ||
		    (error = late(r, rec)) < 0)
			goto cleanup;
		if (tty)
			progress(_("checking"), (size_t)(p - text->ptr), text->len, &shown);
	}
	if (!rs->n)
		error = cs_error_set(CS_EDATA, "%s: no entries to import", file);
	goto cleanup;
bad:
	{
		char msg[1024];
		snprintf(msg, sizeof(msg), "%s", cs_error_last());
		error = cs_error_at(error == CS_EUSAGE ? CS_EDATA : error, file, at, NULL, "%s", msg);
	}
cleanup:
	if (tty && shown >= 0)
		fputc('\n', stderr);
	cs_node_free(header);
	cs_node_free(row);
	cs_buf_free(&why);
	return error;
}

static int cmd_import(struct run *r)
{
	const char *file = r->args.operands[0], *base = strrchr(file, '/');
	cs_buf raw = CS_BUF_INIT, text = CS_BUF_INIT, summary = CS_BUF_INIT;
	struct rows rs;
	int error;
	memset(&rs, 0, sizeof(rs));
	if ((error = cs_buf_read_file(&raw, file, 64 * 1024 * 1024)) < 0 ||
	    (error = cs_csv_decode(raw.ptr, raw.len, arg(r, "encoding"), file, &text)) < 0 ||
	    (error = read_rows(r, file, &text, &rs)) < 0)
		goto cleanup;
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "%s\n", _("writing one commit..."));
	cs_buf_printf(&summary, "Import %zu entries from %s", rs.n, base ? base + 1 : file);
	if ((error = commit_new(r, rs.recs, (const char **)rs.sources, rs.n, "cslog import",
				cs_buf_cstr(&summary))) == 0)
		printf("%zu\n", rs.n);
cleanup:
	rows_free(&rs);
	cs_buf_free(&raw);
	cs_buf_free(&text);
	cs_buf_free(&summary);
	return error;
}

/* --- one entry: show, sign, accept, amend, void, history ----------------- */

static int find_entry(struct run *r, const char *prefix, cs_buf *path, cs_node **rec)
{
	int error = cs_id_lookup(r->store, NULL, "records/log", prefix, path);
	if (error == CS_ENOTFOUND)
		error = cs_id_lookup(r->store, NULL, "records/meetings", prefix, path);
	if (error == CS_ENOTFOUND)
		error = cs_error_set(CS_ENOTFOUND, "no log entry with id '%s'", prefix);
	if (!error)
		error = cs_store_read_record(r->store, NULL, cs_buf_cstr(path), rec);
	return error;
}

static int rewrite(struct run *r, const char *command, const char *summary, cs_node **recs,
		   size_t n, const char *const *trailers, cs_sign_fn sign, void *sign_ctx)
{
	cs_put *puts = cs_calloc(n, sizeof(*puts));
	cs_commit c = { command, summary, trailers, NULL, NULL, sign, sign_ctx };
	size_t i;
	int error;
	if (!puts)
		return CS_ENOMEM;
	for (i = 0; i < n; i++)
		puts[i].rec = recs[i];
	error = cs_write_records(r->store, &c, puts, n, NULL);
	free(puts);
	return error;
}

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

static int cmd_show(struct run *r)
{
	cs_buf path = CS_BUF_INIT;
	cs_node *rec = NULL;
	int error = find_entry(r, r->args.operands[0], &path, &rec);
	if (!error && !r->reveal)
		error = cs_mask_record(rec);
	if (!error)
		error = print_tree(r, rec);
	cs_node_free(rec);
	cs_buf_free(&path);
	return error;
}

struct signer {
	const char *by;        /* the signer */
	const char *keyfile;   /* --key: a private key file */
	const char *pubkey;    /* the registered key, its private half in ssh-agent */
};

static int sign_commit(void *ctx, const char *text, size_t len, cs_buf *sig)
{
	const struct signer *sg = ctx;
	int error = sg->keyfile ? cs_ssh_sign(sg->keyfile, text, len, sig)
				: cs_ssh_sign_with_agent(sg->pubkey, text, len, sig);
	if (error < 0) {
		char why[1024];
		snprintf(why, sizeof(why), "%s", cs_error_last());
		return cs_error_set(CS_EDATA, "'%s' has a registered key, and the sign-off could not "
				    "be signed with it (give --key FILE, or add the key to ssh-agent): %s",
				    sg->by, why);
	}
	/* the signature must be the registered key's, or the audit would refuse it */
	if ((error = cs_ssh_verify(sg->by, sg->pubkey, text, len, cs_buf_cstr(sig))) != 1)
		return error < 0 ? error : cs_error_set(CS_EDATA, "--key: not the key registered for "
							"'%s'; nothing was signed", sg->by);
	return 0;
}

/* How the sign-off commit is signed: with the signer's registered key
 * (DESIGN 7); without one only when the store does not require it. */
static int signer_of(struct run *r, const char *by, struct signer *sg, int *sign)
{
	const cs_node *key = cs_check_key(&r->snap, by);
	sg->by = by;
	sg->keyfile = arg(r, "key");
	sg->pubkey = key ? cs_node_get_str(key, "key") : NULL;
	*sign = key != NULL;
	if (!key && sg->keyfile)
		return cs_error_set(CS_EDATA, "--key: '%s' has no registered key; register it first with "
				    "csassign key add", by);
	if (!key && cs_param_get(r->snap.config, "require_signatures"))
		return cs_error_set(CS_EDATA, "this store requires signed sign-offs "
				    "(rules.require_signatures) and '%s' has no registered key "
				    "(csassign key add)", by);
	return 0;
}

static int cmd_sign(struct run *r)
{
	cs_node **recs = cs_calloc((size_t)r->args.nops, sizeof(*recs));
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	const char *by = arg(r, "by");
	struct signer sg;
	int i, error = 0, sign = 0;
	if (!recs)
		return CS_ENOMEM;
	if ((error = signer_of(r, by, &sg, &sign)) < 0)
		goto cleanup;
	for (i = 0; i < r->args.nops; i++) {
		const cs_node *c;
		const char *community;
		cs_buf_clear(&path);
		if ((error = find_entry(r, r->args.operands[i], &path, &recs[i])) < 0)
			goto cleanup;
		community = cs_node_get_str(recs[i], "community");
		if (!(c = cs_check_find(&r->snap, "community", community))) {
			error = cs_error_set(CS_EDATA, "%s: has no community to sign for",
					     r->args.operands[i]);
			goto cleanup;
		}
		if ((error = cs_entry_sign(recs[i], c, by, &r->now)) < 0) {
			char msg[1024];
			snprintf(msg, sizeof(msg), "%s", cs_error_last());
			error = cs_error_set(error, "%s: %s", cs_buf_cstr(&path), msg);
			goto cleanup;
		}
	}
	if (r->args.nops == 1)
		cs_buf_printf(&summary, "Sign %s", cs_node_get_str(recs[0], "id"));
	else
		cs_buf_printf(&summary, "Sign %d entries", r->args.nops);
	error = rewrite(r, "cslog sign", cs_buf_cstr(&summary), recs, (size_t)r->args.nops, NULL,
			sign ? sign_commit : NULL, &sg);
cleanup:
	for (i = 0; i < r->args.nops; i++)
		cs_node_free(recs[i]);
	free(recs);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

/* cslog edit ID -e: an amendment made in the editor. */
static const cs_node *editing;

static int check_edit(struct run *r, cs_node *rec, cs_buf *why)
{
	static const char *const fixed[] = { "kind", "id", "date", "community", NULL };
	cs_findings found;
	cs_buf path = CS_BUF_INIT;
	size_t i;
	int error;
	for (i = 0; fixed[i]; i++) {
		const char *a = cs_node_get_str(editing, fixed[i]), *b = cs_node_get_str(rec, fixed[i]);
		if ((a || b) && (!a || !b || strcmp(a, b)))
			return cs_error_at(CS_EDATA, NULL, 0, fixed[i],
					   "cannot be changed (void the entry and log it again)");
	}
	if ((error = cs_entry_refuse_owned(rec, "entry")) < 0)
		return error;
	cs_findings_init(&found);
	if ((error = cs_record_path(rec, &path)) == 0 &&
	    (error = cs_validate_record(&r->snap, cs_buf_cstr(&path), rec, 1, &found)) == 0 &&
	    cs_findings_have_error(&found, 0)) {
		cs_write_describe(&found, 0, "entry", 1, why);
		error = CS_EDATA;
	}
	cs_findings_free(&found);
	cs_buf_free(&path);
	return error;
}

static int ask_reason(struct run *r, char *out, size_t size)
{
	if (arg(r, "reason")) {
		snprintf(out, size, "%s", arg(r, "reason"));
		return 0;
	}
	fprintf(stderr, "%s", _("Reason for the amendment: "));
	if (!fgets(out, (int)size, stdin))
		out[0] = '\0';
	out[strcspn(out, "\n")] = '\0';
	if (!*out)
		return cs_error_set(CS_EUSAGE, "an amendment needs a reason (--reason TEXT)");
	return 0;
}

static int cmd_edit(struct run *r)
{
	cs_node *rec = NULL, *draft = NULL;
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	char reason[1024];
	size_t i;
	int error;
	if ((error = find_entry(r, r->args.operands[0], &path, &rec)) < 0)
		goto cleanup;
	if (cs_node_get(rec, "voided_at")) {
		error = cs_error_set(CS_EDATA, "%s: the entry is void", cs_node_get_str(rec, "id"));
		goto cleanup;
	}
	if (!(draft = cs_node_dup(rec))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i < draft->count; )
		if (cs_entry_field_owned(draft->pairs[i].key))
			cs_node_remove(draft, draft->pairs[i].key);
		else
			i++;
	editing = rec;
	if ((error = edit_loop(r, &draft, check_edit)) < 0 ||
	    (error = ask_reason(r, reason, sizeof(reason))) < 0)
		goto cleanup;
	/* the command's fields come back, less the signature an amend clears */
	for (i = 0; i < rec->count && !error; i++)
		if (cs_entry_field_owned(rec->pairs[i].key) && strncmp(rec->pairs[i].key, "signed_", 7))
			error = cs_node_set(draft, rec->pairs[i].key, cs_node_dup(rec->pairs[i].value));
	if (error < 0)
		goto cleanup;
	cs_buf_printf(&summary, "Amend %s", cs_node_get_str(rec, "id"));
	{
		const char *trailers[] = { "Cs-Amends", cs_node_get_str(rec, "id"), "Cs-Reason",
					   reason, NULL };
		error = rewrite(r, "cslog edit", cs_buf_cstr(&summary), &draft, 1, trailers, NULL, NULL);
	}
	if (!error)
		printf("%s\n", cs_node_get_str(draft, "id"));
cleanup:
	cs_node_free(rec);
	cs_node_free(draft);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

static int cmd_accept(struct run *r)
{
	cs_node *rec = NULL;
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	cs_time at = r->now;
	const char *on = arg(r, "on");
	int error;
	if (on && cs_datetime_parse(on, &at) < 0) {
		error = cs_error_set(CS_EUSAGE, "--on: '%s' is not DATE[THH:MM], like 2026-10-15T09:30",
				     on);
		goto cleanup;
	}
	if ((error = find_entry(r, r->args.operands[0], &path, &rec)) < 0 ||
	    (error = cs_entry_accept(rec, &at)) < 0)
		goto cleanup;
	cs_buf_printf(&summary, "Accept request %s (Art 10)", cs_node_get_str(rec, "id"));
	error = rewrite(r, "cslog accept", cs_buf_cstr(&summary), &rec, 1, NULL, NULL, NULL);
cleanup:
	cs_node_free(rec);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

static int cmd_amend(struct run *r)
{
	cs_node *rec = NULL;
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	size_t nsets;
	const char *const *sets = cli_args_of(&r->args, "set", &nsets);
	int error;
	if ((error = find_entry(r, r->args.operands[0], &path, &rec)) < 0 ||
	    (error = cs_entry_amend(rec, sets, nsets)) < 0)
		goto cleanup;
	cs_buf_printf(&summary, "Amend %s", cs_node_get_str(rec, "id"));
	{
		const char *trailers[] = { "Cs-Amends", cs_node_get_str(rec, "id"), "Cs-Reason",
					   arg(r, "reason"), NULL };
		error = rewrite(r, "cslog amend", cs_buf_cstr(&summary), &rec, 1, trailers, NULL, NULL);
	}
	if (!error)
		printf("%s\n", cs_node_get_str(rec, "id"));
cleanup:
	cs_node_free(rec);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

static int cmd_void(struct run *r)
{
	cs_node *rec = NULL;
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	int error;
	if ((error = find_entry(r, r->args.operands[0], &path, &rec)) < 0)
		goto cleanup;
	if (cs_entry_sealed(&r->snap, rec)) {
		error = cs_error_set(CS_EDATA, "%s: %.7s is sealed by %s's filed monthly report; change "
				     "it with cslog amend", cs_node_get_str(rec, "id"),
				     cs_node_get_str(rec, "date"), cs_node_get_str(rec, "lawyer"));
		goto cleanup;
	}
	if ((error = cs_entry_void(rec, arg(r, "reason"), &r->now)) < 0)
		goto cleanup;
	cs_buf_printf(&summary, "Void %s", cs_node_get_str(rec, "id"));
	{
		const char *trailers[] = { "Cs-Reason", arg(r, "reason"), NULL };
		error = rewrite(r, "cslog void", cs_buf_cstr(&summary), &rec, 1, trailers, NULL, NULL);
	}
cleanup:
	cs_node_free(rec);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

/* --- list, history ---------------------------------------------------- */

struct list_ctx {
	struct run *r;
	const char *kind, *community, *lawyer;
	cs_day since, until;
	int has_since, has_until;
	cs_node *all;
};

static int keep(struct list_ctx *ctx, const cs_node *rec)
{
	const char *v;
	cs_day day;
	if (!rec || rec->type != CS_NODE_MAP)
		return 0;
	if (ctx->kind && ((v = cs_node_get_str(rec, "kind")) == NULL || strcmp(v, ctx->kind)))
		return 0;
	if (ctx->community && ((v = cs_node_get_str(rec, "community")) == NULL || strcmp(v, ctx->community)))
		return 0;
	if (ctx->lawyer && ((v = cs_node_get_str(rec, "lawyer")) == NULL || strcmp(v, ctx->lawyer)))
		return 0;
	if (cli_has(&ctx->r->args, "unsigned") &&
	    (cs_node_get_str(rec, "signed_by") || cs_node_get(rec, "voided_at")))
		return 0;
	if (!(v = cs_node_get_str(rec, "date")) || cs_date_parse(v, &day) < 0) {
		cs_error_clear();
		return 0;
	}
	return !((ctx->has_since && day < ctx->since) || (ctx->has_until && day > ctx->until));
}

static int list_one(void *vctx, const char *path, const char *data, size_t len)
{
	struct list_ctx *ctx = vctx;
	cs_node *rec = NULL;
	int error;
	if ((error = cs_yaml_load(&rec, data, len, path)) < 0)
		return error;
	if (!keep(ctx, rec) || (!ctx->r->reveal && (error = cs_mask_record(rec)) < 0)) {
		cs_node_free(rec);
		return error;
	}
	return cs_node_push(ctx->all, rec);
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

static int list_row(cs_table *t, const cs_node *rec)
{
	const char *content = cs_node_get_str(rec, "content"), *kind = cs_node_get_str(rec, "kind");
	const char *st = cs_node_get_str(rec, "start"), *en = cs_node_get_str(rec, "end");
	char when[16], summary[128];
	snprintf(when, sizeof(when), "%s%s%s", st ? st : "", en ? "-" : "", en ? en : "");
	summary[0] = '\0';
	if (content) {
		size_t n = cs_utf8_prefix_for_width(content, 30);
		const char *nl = memchr(content, '\n', n);
		if (nl)
			n = (size_t)(nl - content);
		if (n >= sizeof(summary) - 4)
			n = sizeof(summary) - 4;
		memcpy(summary, content, n);
		strcpy(summary + n, n < strlen(content) ? "…" : "");
	}
	{
		const char *cells[8] = {
			cs_node_get_str(rec, "id"), cs_node_get_str(rec, "date"), when,
			kind ? cli_kind_label(kind) : NULL, cs_node_get_str(rec, "community"),
			cs_node_get_str(rec, "lawyer"),
			cs_node_get(rec, "voided_at") ? _("(void)") :
			(cs_node_get_str(rec, "signed_by") ? cs_node_get_str(rec, "signed_by") : "-"),
			summary
		};
		return cs_table_row(t, cells);
	}
}

static const cs_node *field_of(const cs_node *rec, const char *key)
{
	if (!strncmp(key, "target.", 7))
		return cs_node_get(cs_node_get(rec, "target"), key + 7);
	return cs_node_get(rec, key);
}

/* CSV for a spreadsheet and for cslog import: a column per field, named
 * as the field (target.name), with full values; the commands' own fields
 * are left out. */
static int list_csv(const cs_node *all, cs_buf *out)
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

static int list_filters(struct run *r, struct list_ctx *ctx)
{
	const char *month = arg(r, "month");
	const cs_kind *k;
	int error, y, m;
	if (arg(r, "kind")) {
		if ((error = cs_kind_lookup(arg(r, "kind"), &k)) < 0)
			return error;
		ctx->kind = k->name;
	}
	if ((error = slug_opt(r, "community", "community", &ctx->community)) < 0 ||
	    (error = slug_opt(r, "lawyer", "lawyer", &ctx->lawyer)) < 0)
		return error;
	if ((arg(r, "since") && (error = date_opt("since", arg(r, "since"), &ctx->since)) < 0) ||
	    (arg(r, "until") && (error = date_opt("until", arg(r, "until"), &ctx->until)) < 0))
		return error;
	ctx->has_since = !!arg(r, "since");
	ctx->has_until = !!arg(r, "until");
	if (month) {
		cs_day first, last;
		if (cs_month_parse(month, &y, &m) < 0)
			return cs_error_set(CS_EUSAGE, "--month: '%s' is not a month YYYY-MM, like 2026-10",
					    month);
		first = cs_date_from_ymd(y, m, 1);
		last = cs_date_from_ymd(y, m, cs_date_days_in_month(y, m));
		if (!ctx->has_since || first > ctx->since)
			ctx->since = first;
		if (!ctx->has_until || last < ctx->until)
			ctx->until = last;
		ctx->has_since = ctx->has_until = 1;
	}
	return 0;
}

static int cmd_list(struct run *r)
{
	struct list_ctx ctx;
	cs_buf dir = CS_BUF_INIT, out = CS_BUF_INIT;
	cs_format f = CS_FMT_TEXT;
	cs_table t;
	size_t i;
	int error;
	memset(&ctx, 0, sizeof(ctx));
	ctx.r = r;
	cs_table_init(&t);
	if (arg(r, "format"))
		cs_format_parse(arg(r, "format"), &f);
	if ((error = list_filters(r, &ctx)) < 0)
		goto cleanup;
	if (!(ctx.all = cs_node_new_seq())) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if (!ctx.kind || strcmp(ctx.kind, "meeting")) {
		cs_buf_printf(&dir, "records/log%s%s", ctx.community ? "/" : "",
			      ctx.community ? ctx.community : "");
		if ((error = cs_store_walk(r->store, NULL, cs_buf_cstr(&dir), list_one, &ctx)) ==
		    CS_ENOTFOUND)
			error = 0;
	}
	if (!error && (!ctx.kind || !strcmp(ctx.kind, "meeting")) && !ctx.community &&
	    (error = cs_store_walk(r->store, NULL, "records/meetings", list_one, &ctx)) == CS_ENOTFOUND)
		error = 0;
	if (error < 0)
		goto cleanup;
	if (ctx.all->count > 1)
		qsort(ctx.all->items, ctx.all->count, sizeof(cs_node *), by_time);
	if (f == CS_FMT_JSON || f == CS_FMT_YAML) {
		error = cli_tree(&out, ctx.all, f);
	} else if (f == CS_FMT_CSV) {
		error = list_csv(ctx.all, &out);
	} else {
		static const char *const cols[][2] = {
			{ "id", N_("id") }, { "date", N_("date") }, { "time", N_("time") },
			{ "kind", N_("kind") }, { "community", N_("community") },
			{ "lawyer", N_("lawyer") }, { "signed_by", N_("signed by") },
			{ "content", N_("content") } };
		for (i = 0; i < 8; i++)
			cs_table_col(&t, cols[i][0], _(cols[i][1]), 0);
		for (i = 0; i < ctx.all->count && !error; i++)
			error = list_row(&t, ctx.all->items[i]);
		if (!error)
			error = cs_table_render(&t, f, &out);
	}
	if (!error)
		error = print_buf(&out);
cleanup:
	cs_node_free(ctx.all);
	cs_table_free(&t);
	cs_buf_free(&dir);
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

static int cmd_history(struct run *r)
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
	if ((error = find_entry(r, r->args.operands[0], &path, &rec)) < 0 ||
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
	if ((error = cs_now(&r.now)) < 0 || (status = cli_open(&r.store, r.args.dir)) != 0) {
		status = status ? status : cli_fail(error);
		goto done;
	}
	if ((error = cs_check_load_directory(&r.snap, r.store, NULL)) == 0)
		error = dispatch(&r);
	status = error < 0 ? cli_status(error, r.args.verb) : 0;
done:
	cs_check_free(&r.snap);
	cs_store_free(r.store);
	cli_args_free(&r.args);
	cs_record_cleanup();
	return status;
}
