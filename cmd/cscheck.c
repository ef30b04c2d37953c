/* cscheck: validate every record and check the rules of the regulation
 * (DESIGN 5, 6). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "error.h"
#include "record.h"
#include "yaml.h"

static void usage(FILE *f)
{
	fputs(_("usage: cscheck [-C DIR] [--period P] [--rules LIST] [--as-of DATE|REV]\n"
		"               [--today DATE] [--worktree] [--format F]\n"
		"       cscheck [-C DIR] --audit [--since REV] [--against REF] [--format F]\n"
		"Validate every record against its schema and references, then apply the\n"
		"rules of the regulation. P is YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY; LIST is\n"
		"rule ids or prefixes separated by commas (art9,art10.accept).\n"
		"Formats: text, yaml, json, csv, md, html. Also -h, --help and --version.\n"
		"Exit status 1 when an error is found.\n"), f);
}

static const char *sev_name(int sev)
{
	return sev == CS_SEV_ERROR ? "error" : "warning";
}

static int render(const cs_findings *f, cs_format fmt, cs_buf *out)
{
	size_t i;
	int error = 0, colour = cli_colour();
	if (fmt == CS_FMT_TEXT) {
		/* colour only on a terminal, never with NO_COLOR */
		for (i = 0; i < f->n && !error; i++) {
			int e = f->v[i].severity == CS_SEV_ERROR;
			error = cs_buf_printf(out, "%s:%zu: %s%s%s: %s: %s\n", f->v[i].path, f->v[i].line,
					      colour ? (e ? "\033[31m" : "\033[33m") : "",
					      sev_name(f->v[i].severity), colour ? "\033[0m" : "",
					      f->v[i].rule, f->v[i].message);
		}
		return error;
	}
	if (fmt == CS_FMT_JSON || fmt == CS_FMT_YAML) {
		cs_node *seq = cs_node_new_seq(), *m;
		char line[32];
		if (!seq)
			return CS_ENOMEM;
		for (i = 0; i < f->n && !error; i++) {
			const cs_finding *x = &f->v[i];
			if (!(m = cs_node_new_map()) || (error = cs_node_push(seq, m)) < 0) {
				cs_node_free(m);
				error = CS_ENOMEM;
				break;
			}
			snprintf(line, sizeof(line), "%zu", x->line);
			cs_node_set_str(m, "path", x->path);
			cs_node_set(m, "line", cs_node_new_plain(line));
			cs_node_set_str(m, "severity", sev_name(x->severity));
			cs_node_set_str(m, "rule", x->rule);
			cs_node_set_str(m, "message", x->message);
			if (x->record)
				cs_node_set_str(m, "record", x->record);
			if (x->lawyer)
				cs_node_set_str(m, "lawyer", x->lawyer);
			if (x->community)
				cs_node_set_str(m, "community", x->community);
			if (x->period)
				cs_node_set_str(m, "period", x->period);
			if (x->commit)
				cs_node_set_str(m, "commit", x->commit);
		}
		if (!error)
			error = cli_tree(out, seq, fmt);
		cs_node_free(seq);
		return error;
	}
	{
		cs_table t;
		char line[32];
		cs_table_init(&t);
		cs_table_col(&t, "path", _("path"), 0);
		cs_table_col(&t, "line", _("line"), 1);
		cs_table_col(&t, "severity", _("severity"), 0);
		cs_table_col(&t, "rule", _("rule"), 0);
		cs_table_col(&t, "message", _("message"), 0);
		cs_table_col(&t, "period", _("period"), 0);
		for (i = 0; i < f->n && !error; i++) {
			const char *cells[6];
			snprintf(line, sizeof(line), "%zu", f->v[i].line);
			cells[0] = f->v[i].path;
			cells[1] = line;
			cells[2] = sev_name(f->v[i].severity);
			cells[3] = f->v[i].rule;
			cells[4] = f->v[i].message;
			cells[5] = f->v[i].period;
			error = cs_table_row(&t, cells);
		}
		if (!error)
			error = cs_table_render(&t, fmt, out);
		cs_table_free(&t);
		return error;
	}
}

static int split_rules(char *list, const char ***out, size_t *n)
{
	char *tok, *save = NULL;
	const char **v = NULL, **grown;
	*n = 0;
	for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (!*tok)
			continue;
		if (!cs_rule_known(tok)) {
			free(v);
			return cli_usage(_("unknown rule '%s' (see cscheck(1))"), tok);
		}
		if (!(grown = realloc(v, (*n + 1) * sizeof(*v)))) {
			free(v);
			return cli_fail(CS_ENOMEM);
		}
		v = grown;
		v[(*n)++] = tok;
	}
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "rules", required_argument, NULL, 'r' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "today", required_argument, NULL, 't' },
		{ "worktree", no_argument, NULL, 'w' },
		{ "hook", no_argument, NULL, 'k' },
		{ "audit", no_argument, NULL, 'A' },
		{ "since", required_argument, NULL, 'S' },
		{ "against", required_argument, NULL, 'G' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *period = NULL, *as_of = NULL, *today = NULL, *dir = NULL;
	const char *since = NULL, *against = NULL;
	int audit = 0;
	char *rules = NULL;
	const char **rule_list = NULL;
	size_t nrules = 0, i, errors = 0, warnings = 0;
	int worktree = 0, hook = 0, c, status = 0, error;
	cs_format fmt = CS_FMT_TEXT;
	cs_store *store = NULL;
	cs_check chk;
	cs_findings found;
	cs_buf out = CS_BUF_INIT;

	cli_init("cscheck");
	memset(&chk, 0, sizeof(chk));
	cs_findings_init(&found);
	while ((c = getopt_long(argc, argv, "C:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': period = optarg; break;
		case 'r': rules = optarg; break;
		case 'a': as_of = optarg; break;
		case 't': today = optarg; break;
		case 'w': worktree = 1; break;
		case 'k': hook = worktree = 1; break;
		case 'A': audit = 1; break;
		case 'S': since = optarg; break;
		case 'G': against = optarg; break;
		case 'F':
			if ((status = cli_format(optarg, &fmt)) != 0)
				return status;
			break;
		case 'C': dir = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': return cli_version();
		default: return cli_usage(_("unknown option"));
		}
	}
	if (optind < argc)
		return cli_usage(_("unexpected argument '%s'"), argv[optind]);
	if (worktree && as_of)
		return cli_usage(_("--worktree and --as-of exclude each other"));
	if ((since || against) && !audit)
		return cli_usage(_("--since and --against go with --audit"));
	if (audit && (worktree || as_of || period || rules || today))
		return cli_usage(_("--audit takes only --since, --against and --format"));
	if (rules && (status = split_rules(rules, &rule_list, &nrules)) != 0)
		return status;
	{
		cs_day from, to;
		if (period && cs_period_parse(period, &from, &to) < 0) {
			free(rule_list);
			return cli_usage("%s", cs_error_last());
		}
		if (today && cs_date_parse(today, &from) < 0) {
			free(rule_list);
			return cli_usage(_("--today: '%s' is not a date (YYYY-MM-DD)"), today);
		}
	}
	if ((status = cli_open(&store, dir)) != 0)
		goto cleanup;
	if (audit) {
		if ((error = cs_check_audit(store, since, against, &found)) < 0) {
			status = error == CS_EUSAGE ? cli_usage("%s", cs_error_last()) : cli_fail(error);
			goto cleanup;
		}
		goto report;
	}
	if ((error = cs_check_load(&chk, store, as_of, worktree)) < 0) {
		status = error == CS_EUSAGE ? cli_usage("%s", cs_error_last()) : cli_fail(error);
		goto cleanup;
	}
	if (today)
		cs_date_parse(today, &chk.today);
	if (period) {
		chk.has_period = 1;
		cs_period_parse(period, &chk.period_from, &chk.period_to);
	}
	chk.rules = rule_list;
	chk.nrules = nrules;
	if ((error = cs_check_records(&chk, &found)) < 0 ||
	    (!hook && (error = cs_check_rules(&chk, &found)) < 0)) {
		status = cli_fail(error);
		goto cleanup;
	}
report:
	if (rule_list) {
		/* --rules selects what is shown, schema and reference findings too */
		size_t j, keep = 0;
		for (i = 0; i < found.n; i++) {
			int on = 0;
			for (j = 0; j < nrules; j++) {
				size_t n = strlen(rule_list[j]);
				if (!strcmp(found.v[i].rule, rule_list[j]) ||
				    (!strncmp(found.v[i].rule, rule_list[j], n) && found.v[i].rule[n] == '.'))
					on = 1;
			}
			if (on) {
				found.v[keep++] = found.v[i];
			} else {
				cs_finding_release(&found.v[i]);
			}
		}
		found.n = keep;
	}
	cs_findings_sort(&found);
	for (i = 0; i < found.n; i++) {
		if (found.v[i].severity == CS_SEV_ERROR)
			errors++;
		else
			warnings++;
	}
	if ((error = render(&found, fmt, &out)) < 0) {
		status = cli_fail(error);
		goto cleanup;
	}
	if ((status = cli_out(&out)) != 0)
		goto cleanup;
	if (audit)
		fprintf(stderr, _("cscheck: %zu errors, %zu warnings in the history\n"), errors,
			warnings);
	else if (worktree)
		fprintf(stderr, _("cscheck: %zu errors, %zu warnings in %zu files (working tree)\n"),
			errors, warnings, chk.nfiles);
	else
		fprintf(stderr, _("cscheck: %zu errors, %zu warnings in %zu files (commit %.12s)\n"),
			errors, warnings, chk.nfiles, chk.rev);
	status = errors ? EX_FINDINGS : 0;
cleanup:
	cs_findings_free(&found);
	cs_check_free(&chk);
	cs_store_free(store);
	cs_buf_free(&out);
	free(rule_list);
	cs_record_cleanup();
	return status;
}
