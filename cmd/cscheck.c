/* cscheck: validate every record and check the rules of the regulation and
 * the history (DESIGN 5, 6, 7). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "error.h"
#include "opts.h"
#include "record.h"

static const cli_option options[] = {
	{ "period", 0, "P", 0, NULL, N_("judge only this period: YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY") },
	{ "rules", 0, "LIST", 0, "@rule", N_("only these rules (ids or prefixes, comma-separated)") },
	{ "as-of", 0, "DATE|REV", 0, "@date", N_("the store as it was at a date or revision") },
	{ "today", 0, "DATE", 0, "@date", N_("the day the deadlines are judged on (default today)") },
	{ "worktree", 0, NULL, 0, NULL, N_("check the files on disk, not a commit") },
	{ "hook", 0, NULL, 0, NULL, N_("the pre-commit hook: the working tree, no rules") },
	{ "audit", 0, NULL, 0, NULL, N_("check the history instead (DESIGN 7)") },
	{ "since", 0, "REV", 0, NULL, N_("audit the commits after REV only") },
	{ "against", 0, "REF", 0, NULL, N_("the bureau's copy must be an ancestor of this history") },
	{ "format", 0, "F", 0, "text|yaml|json|csv|md|html", N_("the output format") },
	{ NULL, 0, NULL, 0, NULL, NULL }
};

static const cli_verb verbs[] = {
	{ "", "", 0, 0, NULL,
	  "[period] [rules] [as-of] [today] [worktree] [hook] [audit] [since] [against] [format]",
	  N_("Validate every record against its schema and references, then apply the rules of "
	     "the regulation; with --audit, check the history. Exit status 1 when an error is "
	     "found.") },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL }
};

static const cli_command cscheck = { "cscheck", N_("Check the records against the regulation "
				     "and the history for tampering."), options, verbs, NULL };

static int render(const cs_findings *f, cs_format fmt, cs_buf *out)
{
	cs_table t;
	cs_node *tree;
	size_t i;
	int error = 0, colour = cli_colour();
	if (fmt == CS_FMT_TEXT) {
		/* colour only on a terminal, never with NO_COLOR */
		for (i = 0; i < f->n && !error; i++) {
			int e = f->v[i].severity == CS_SEV_ERROR;
			error = cs_buf_printf(out, "%s:%zu: %s%s%s: %s: %s\n", f->v[i].path, f->v[i].line,
					      colour ? (e ? "\033[31m" : "\033[33m") : "",
					      e ? "error" : "warning", colour ? "\033[0m" : "",
					      f->v[i].rule, f->v[i].message);
		}
		return error;
	}
	if (fmt == CS_FMT_JSON || fmt == CS_FMT_YAML) {
		if (!(tree = cs_findings_tree(f)))
			return CS_ENOMEM;
		error = cli_tree(out, tree, fmt);
		cs_node_free(tree);
		return error;
	}
	cs_table_init(&t);
	if ((error = cs_findings_table(f, &t, _("path"), _("line"), _("severity"), _("rule"),
				       _("message"), _("period"))) == 0)
		error = cs_table_render(&t, fmt, out);
	cs_table_free(&t);
	return error;
}

/* What one run holds: the snapshot judged, how it is judged, what was found. */
typedef struct {
	cs_snapshot *snap;
	cs_check_opts opts;
	cs_findings found;
} job;

/* The options that go together, and the findings of the store or its history. */
static int run(const cli_args *a, cs_store *s, job *j)
{
	const char *period = cli_arg(a, "period"), *today = cli_arg(a, "today");
	int audit = cli_has(a, "audit"), hook = cli_has(a, "hook");
	int worktree = hook || cli_has(a, "worktree");
	cs_day from, to;
	int error;
	if (worktree && cli_has(a, "as-of"))
		return cs_error_set(CS_EUSAGE, "--worktree and --as-of exclude each other");
	if ((cli_has(a, "since") || cli_has(a, "against")) && !audit)
		return cs_error_set(CS_EUSAGE, "--since and --against go with --audit");
	if (audit && (worktree || cli_has(a, "as-of") || period || cli_has(a, "rules") || today))
		return cs_error_set(CS_EUSAGE, "--audit takes only --since, --against and --format");
	if (period && cs_period_parse(period, &from, &to) < 0)
		return CS_EUSAGE;
	if (today && cs_date_parse(today, &from) < 0)
		return cs_error_set(CS_EUSAGE, "--today: '%s' is not a date (YYYY-MM-DD)", today);
	if (audit)
		return cs_check_audit(s, cli_arg(a, "since"), cli_arg(a, "against"), &j->found);
	/* the log is read one month at a time: from a commit a period's months
	 * (and a week on each side, for the weeks it shares with them), else
	 * all of them; the entries held as facts, each record checked as its
	 * folder is read again; from the working tree every month's files */
	if (period && !worktree)
		error = cs_snapshot_load_window(&j->snap, s, cli_arg(a, "as-of"), from - 7, to + 7);
	else
		error = cs_snapshot_load_all_window(&j->snap, s, cli_arg(a, "as-of"), worktree);
	if (error < 0 ||
	    (error = cs_check_opts_init(&j->opts, j->snap, period, today, cli_arg(a, "rules"))) < 0)
		return error;
	return (hook ? cs_check_window_records : cs_check_window)(j->snap, &j->opts, &j->found);
}

static int report(const cli_args *a, job *j)
{
	cs_buf out = CS_BUF_INIT;
	cs_format fmt = CS_FMT_TEXT;
	size_t errors, warnings;
	int error;
	if (cli_arg(a, "format"))
		cs_format_parse(cli_arg(a, "format"), &fmt);
	cs_findings_keep(&j->found, j->opts.rules, j->opts.nrules);
	cs_findings_sort(&j->found);
	cs_findings_count(&j->found, &errors, &warnings);
	if ((error = render(&j->found, fmt, &out)) < 0 || (error = cli_out(&out) ? CS_EIO : 0) < 0)
		goto cleanup;
	if (!j->snap)
		fprintf(stderr, _("cscheck: %zu errors, %zu warnings in the history\n"), errors,
			warnings);
	else if (cs_snapshot_worktree(j->snap))
		fprintf(stderr, _("cscheck: %zu errors, %zu warnings in %zu files (working tree)\n"),
			errors, warnings, cs_snapshot_nfiles(j->snap));
	else
		fprintf(stderr, _("cscheck: %zu errors, %zu warnings in %zu files (commit %.12s)\n"),
			errors, warnings, cs_snapshot_nfiles(j->snap), cs_snapshot_rev(j->snap));
	error = errors ? 1 : 0;
cleanup:
	cs_buf_free(&out);
	return error;
}

int main(int argc, char **argv)
{
	cli_args a;
	cs_store *store = NULL;
	job j = { NULL };
	int status, error;
	cli_init("cscheck");
	cs_findings_init(&j.found);
	if ((status = cli_parse(&cscheck, argc, argv, &a)) >= 0 ||
	    (status = cli_open(&store, a.dir)) != 0)
		goto done;
	if ((error = run(&a, store, &j)) < 0 || (error = report(&a, &j)) < 0)
		status = cli_status(error, a.verb);
	else
		status = error ? EX_FINDINGS : 0;
done:
	cs_findings_free(&j.found);
	cs_check_opts_free(&j.opts);
	cs_snapshot_free(j.snap);
	cs_store_free(store);
	cli_args_free(&a);
	cs_record_cleanup();
	return status;
}
