/* csreport: the monthly reports of Art 18, period summaries for the Art 20
 * meetings, the Art 21 assessment, the Art 5(5) stipends and the Art 7(1)
 * contact cards (DESIGN 5). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "date.h"
#include "doc.h"
#include "error.h"
#include "filing.h"
#include "opts.h"
#include "record.h"
#include "report.h"
#include "yaml.h"

static const cli_option options[] = {
	{ "month", 0, "YYYY-MM", 0, "@month", N_("the month") },
	{ "lawyer", 0, "L", 0, "@lawyer", N_("a lawyer's report (the lawyer's slug or name)") },
	{ "office", 0, "O", 0, "@office", N_("a judicial office's report (its slug or name)") },
	{ "district", 0, NULL, 0, NULL, N_("the district's report") },
	{ "all", 0, NULL, 0, NULL, N_("every lawyer's report, then every office's") },
	{ "commit", 0, NULL, 0, NULL, N_("file the report in the store (one commit)") },
	{ "supersede", 0, NULL, 0, NULL, N_("file a correction of a report filed already") },
	{ "reason", 0, "TEXT", 0, NULL, N_("why the filed report is corrected") },
	{ "quarter", 0, "YYYY-Qn", 0, NULL, N_("a quarter (2026-Q3)") },
	{ "half", 0, "YYYY-Hn", 0, NULL, N_("a half year (2026-H2)") },
	{ "year", 0, "YYYY", 0, NULL, N_("a year (2026)") },
	{ "reveal", 0, NULL, 0, NULL, N_("show residents' personal data unmasked (Art 15)") },
	{ "format", 0, "F", 0, "text|yaml|json|csv|md|html", N_("the output format") },
	{ "bom", 0, NULL, 0, NULL, N_("begin csv output with a UTF-8 byte order mark") },
	{ "as-of", 0, "DATE|REV", 0, NULL, N_("read the store as of a day or a revision (default HEAD)") },
	{ NULL, 0, NULL, 0, NULL, NULL }
};

#define COMMON "[format] [bom] [as-of]"

static const cli_verb verbs[] = {
	{ "monthly", "", 0, 0, NULL,
	  "month lawyer|office|district|all [commit] [supersede] [reason] [reveal] " COMMON,
	  N_("the monthly report of a lawyer, an office or the district (Art 18)") },
	{ "period", "", 0, 0, NULL, "quarter|half|year lawyer|office|district [reveal] " COMMON,
	  N_("the figures, trend and findings of a quarter, half year or year (Art 20)") },
	{ "assess", "", 0, 0, NULL, "year [commit] " COMMON,
	  N_("the annual assessment of every lawyer, ranked (Art 21)") },
	{ "stipend", "", 0, 0, NULL, "month " COMMON, N_("the month's stipend claims per firm (Art 5(5))") },
	{ "card", "COMMUNITY", 1, 1, "@community", "[reveal] " COMMON,
	  N_("the service contact card of a community (Art 7(1))") },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL }
};

static const cli_command csreport = { "csreport", N_("Reports on the community lawyers' work; "
				      "residents' names and contacts are masked unless --reveal."),
				      options, verbs, NULL };

struct run {
	cli_args args;
	cs_store *store;
	cs_snapshot *chk;
	cs_format format;
	int y, m;               /* --month */
	const char *scope;      /* lawyer, office, district (monthly, period) */
	const char *subject;    /* the lawyer's or office's slug */
};

static const char *arg(const struct run *r, const char *name)
{
	return cli_arg(&r->args, name);
}

static int has(const struct run *r, const char *name)
{
	return cli_has(&r->args, name);
}

/* --- what the options must agree on, before the store is read ------------- */

static int check_period(const struct run *r)
{
	const char *p = arg(r, "quarter") ? arg(r, "quarter") : arg(r, "half") ? arg(r, "half")
		: arg(r, "year");
	cs_day f, t;
	if (cs_period_parse(p, &f, &t) < 0 || (has(r, "quarter") && !strchr(p, 'Q')) ||
	    (has(r, "half") && !strchr(p, 'H')) || (has(r, "year") && strlen(p) != 4))
		return has(r, "quarter") ? cs_error_set(CS_EUSAGE, "'%s' is not a quarter (YYYY-Qn)", p) :
		       has(r, "half") ? cs_error_set(CS_EUSAGE, "'%s' is not a half year (YYYY-Hn)", p) :
		       cs_error_set(CS_EUSAGE, "'%s' is not a year (YYYY)", p);
	return 0;
}

static int check_monthly(const struct run *r)
{
	if (has(r, "commit") && has(r, "district"))
		return cs_error_set(CS_EUSAGE, "only lawyer and office reports are filed (--commit)");
	if (has(r, "commit") && has(r, "reveal"))
		return cs_error_set(CS_EUSAGE, "a filed report never reveals residents' data (--reveal)");
	if (has(r, "supersede") && (!has(r, "commit") || has(r, "all")))
		return cs_error_set(CS_EUSAGE, "--supersede files one corrected report: give --commit "
				    "and --lawyer or --office");
	if (has(r, "supersede") && !has(r, "reason"))
		return cs_error_set(CS_EUSAGE, "--supersede needs --reason TEXT");
	return 0;
}

static int check_args(struct run *r)
{
	const char *year = arg(r, "year");
	int error;
	if (arg(r, "format") && (error = cs_format_parse(arg(r, "format"), &r->format)) < 0)
		return error;
	if (has(r, "commit") && has(r, "as-of"))
		return cs_error_set(CS_EUSAGE, "--commit files from the current state; it takes no --as-of");
	if (arg(r, "month") && cs_month_parse(arg(r, "month"), &r->y, &r->m) < 0)
		return cs_error_set(CS_EUSAGE, "--month: '%s' is not a month (YYYY-MM)", arg(r, "month"));
	r->scope = has(r, "lawyer") ? "lawyer" : has(r, "office") ? "office" : "district";
	if (cli_is(&r->args, "period"))
		return check_period(r);
	if (cli_is(&r->args, "assess") &&
	    (strlen(year) != 4 || strspn(year, "0123456789") != 4 || !strcmp(year, "0000")))
		return cs_error_set(CS_EUSAGE, "--year: '%s' is not a year", year);
	return cli_is(&r->args, "monthly") ? check_monthly(r) : 0;
}

/* What a report reads of the work log, as figures (cs_snapshot_load_figures:
 * the entries' facts, no free text; a month's items read their records
 * again a folder at a time): a month's reports (--all: each of them reads
 * the folders of its own items again) and the stipend their month. A month
 * at a time (cs_snapshot_load_window, the facts of one month held at once):
 * a period report and the assessment, their days and the week on either
 * side (a week the rules judge may straddle the edge). As records: a card's
 * day. The directory, the pairings and the filed reports' names always. */
static int load(struct run *r)
{
	const char *rev = arg(r, "as-of");
	const char *p = arg(r, "quarter") ? arg(r, "quarter") : arg(r, "half") ? arg(r, "half")
		: arg(r, "year");
	cs_day from, to;
	cs_time now;
	int error = 0;
	/* what is filed is computed from the objects alone, never the cache */
	if (has(r, "commit"))
		cs_store_set_cache(r->store, 0);
	if (arg(r, "month")) {
		from = cs_date_from_ymd(r->y, r->m, 1);
		to = cs_date_from_ymd(r->y, r->m, cs_date_days_in_month(r->y, r->m));
		error = cs_snapshot_load_figures(&r->chk, r->store, rev, from, to);
	} else if (cli_is(&r->args, "card") && (error = cs_now(&now)) == 0)
		error = cs_snapshot_load_months(&r->chk, r->store, rev, now.day, now.day);
	else if (p && (error = cs_period_parse(p, &from, &to)) == 0)
		error = cs_snapshot_load_window(&r->chk, r->store, rev, from - 7, to + 7);
	else if (!p && !cli_is(&r->args, "card"))
		error = cs_snapshot_load(&r->chk, r->store, rev, 0);
	if (error < 0 || !strcmp(r->scope, "district"))
		return error;
	return cs_snapshot_resolve(r->chk, r->scope, arg(r, r->scope), &r->subject);
}

/* --- output ----------------------------------------------------------------- */

/* The report onto out: its tree in yaml and json, else its document; the
 * first of several (--all) gets the csv's BOM, the others a form feed in text. */
static int render(struct run *r, const cs_node *report, int first, cs_buf *out)
{
	cs_doc d;
	int error;
	if (r->format == CS_FMT_JSON || r->format == CS_FMT_YAML)
		return cli_tree(out, report, r->format);
	if (!first && r->format == CS_FMT_TEXT)
		cs_buf_puts(out, "\n\f\n");
	if (first && r->format == CS_FMT_CSV && has(r, "bom"))
		cs_buf_puts(out, "\xef\xbb\xbf");
	error = cs_report_doc(r->chk, report, r->format == CS_FMT_CSV ? CS_REPORT_CSV : 0, &d);
	if (!error)
		error = cs_doc_render(&d, r->format, out);
	cs_doc_free(&d);
	return error;
}

static int print(struct run *r, const cs_node *report)
{
	cs_buf out = CS_BUF_INIT;
	int error;
	cs_buf_sink(&out, stdout); /* a long report written as it is made */
	error = render(r, report, 1, &out);
	if (!error && cli_out(&out))
		error = cs_error_set(CS_EIO, "cannot write to standard output");
	cs_buf_free(&out);
	return error;
}

/* Report i of several written as soon as it is made (JSON and YAML: an
 * item of their list), so that none is held; the list's end after n. */
static int print_one(struct run *r, const cs_node *report, size_t i, cs_buf *out)
{
	cs_node *one[1];
	cs_node list;
	if (r->format == CS_FMT_JSON)
		return cs_json_emit_item(out, report, 2, i);
	if (r->format != CS_FMT_YAML)
		return render(r, report, i == 0, out);
	memset(&list, 0, sizeof(list)); /* a list of it alone, as the list's items are written */
	list.type = CS_NODE_SEQ;
	one[0] = (cs_node *)report;
	list.items = one;
	list.count = 1;
	return cli_tree(out, &list, r->format);
}

static int print_end(struct run *r, size_t n, cs_buf *out)
{
	int error;
	if (r->format == CS_FMT_JSON && (error = cs_json_emit_end(out, 2, n)) == 0)
		return cs_buf_putc(out, '\n');
	if (r->format == CS_FMT_JSON)
		return error;
	return r->format == CS_FMT_YAML && !n ? cs_buf_puts(out, "[]\n") : 0;
}

/* --- the verbs -------------------------------------------------------------- */

static int file_monthly(struct run *r, cs_node *report)
{
	cs_filing f = { has(r, "supersede"), arg(r, "reason") };
	cs_buf path = CS_BUF_INIT;
	cs_time now;
	int error;
	if ((error = cs_now(&now)) == 0 &&
	    (error = cs_filing_monthly(r->store, report, &now, &f, &path)) == 0)
		printf("%s\n", cs_buf_cstr(&path));
	cs_buf_free(&path);
	return error;
}

static int filed(struct run *r, const char *scope, const char *subject)
{
	char path[256];
	snprintf(path, sizeof(path), "records/reports/%04d-%02d/%s-%s.yaml", r->y, r->m, scope, subject);
	return cs_snapshot_exists(r->chk, path);
}

/* --all: every lawyer's report, then every office's, each written (or with
 * --commit filed, those not filed yet, each in its commit) as it is made. */
static int monthly_all(struct run *r)
{
	cs_node *due = NULL, *rep = NULL;
	cs_buf out = CS_BUF_INIT;
	int commit = has(r, "commit"), error;
	size_t i, n = 0;
	cs_buf_sink(&out, stdout);
	error = cs_report_monthly_due(r->chk, r->y, r->m, &due);
	for (i = 0; !error && i < due->count; i++) {
		const char *scope = cs_node_get_str(due->items[i], "scope");
		const char *subject = cs_node_get_str(due->items[i], "subject");
		if (commit && filed(r, scope, subject))
			continue;
		if ((error = cs_report_monthly(r->chk, r->y, r->m, scope, subject,
					       has(r, "reveal") && !commit, &rep)) < 0)
			break;
		error = commit ? file_monthly(r, rep) : print_one(r, rep, n++, &out);
		cs_node_free(rep);
		rep = NULL;
	}
	if (!error && !commit)
		error = print_end(r, n, &out);
	if (!error && cli_out(&out))
		error = cs_error_set(CS_EIO, "cannot write to standard output");
	cs_node_free(due);
	cs_buf_free(&out);
	return error;
}

static int monthly(struct run *r)
{
	cs_node *rep = NULL;
	int error;
	if (has(r, "all"))
		return monthly_all(r);
	if ((error = cs_report_monthly(r->chk, r->y, r->m, r->scope, r->subject,
				       has(r, "reveal") && !has(r, "commit"), &rep)) < 0)
		return error;
	error = has(r, "commit") ? file_monthly(r, rep) : print(r, rep);
	cs_node_free(rep);
	return error;
}

static int period(struct run *r)
{
	const char *p = arg(r, "quarter") ? arg(r, "quarter") : arg(r, "half") ? arg(r, "half")
		: arg(r, "year");
	cs_node *rep = NULL;
	int error = cs_report_period(r->chk, p, r->scope, r->subject, has(r, "reveal"), &rep);
	if (!error)
		error = print(r, rep);
	cs_node_free(rep);
	return error;
}

static int assess(struct run *r)
{
	cs_node *rep = NULL;
	int error = cs_report_assess(r->chk, atoi(arg(r, "year")), &rep);
	if (!error && has(r, "commit"))
		error = cs_filing_assessment(r->store, rep);
	if (!error)
		error = print(r, rep);
	cs_node_free(rep);
	return error;
}

static int stipend(struct run *r)
{
	cs_node *rep = NULL;
	int error = cs_report_stipend(r->chk, r->y, r->m, &rep);
	if (!error)
		error = print(r, rep);
	cs_node_free(rep);
	return error;
}

static int card(struct run *r)
{
	const char *community;
	cs_node *rep = NULL;
	int error = cs_snapshot_resolve(r->chk, "community", r->args.operands[0], &community);
	if (!error)
		error = cs_report_card(r->chk, community, &rep);
	if (!error)
		error = print(r, rep);
	cs_node_free(rep);
	return error;
}

static int dispatch(struct run *r)
{
	static const struct { const char *verb; int (*run)(struct run *); } verbs_run[] = {
		{ "monthly", monthly }, { "period", period }, { "assess", assess },
		{ "stipend", stipend }, { "card", card },
	};
	size_t i;
	for (i = 0; i < sizeof(verbs_run) / sizeof(verbs_run[0]); i++)
		if (cli_is(&r->args, verbs_run[i].verb))
			return verbs_run[i].run(r);
	return cs_error_set(CS_ESOFTWARE, "no such report");
}

int main(int argc, char **argv)
{
	struct run r;
	int status, error = 0;
	memset(&r, 0, sizeof(r));
	cli_init("csreport");
	if ((status = cli_parse(&csreport, argc, argv, &r.args)) >= 0)
		goto done;
	status = 0;
	if ((error = check_args(&r)) == 0 && (status = cli_open(&r.store, r.args.dir)) == 0 &&
	    (error = load(&r)) == 0)
		error = dispatch(&r);
	if (error < 0)
		status = cli_status(error, r.args.verb);
done:
	cs_snapshot_free(r.chk);
	cs_store_free(r.store);
	cli_args_free(&r.args);
	cs_record_cleanup();
	return status;
}
