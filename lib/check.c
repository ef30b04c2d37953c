#include <libintl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "directory.h"
#include "error.h"
#include "params.h"
#include "record.h"
#include "snapshot_impl.h"
#include "utf8.h"
#include "validate.h"
#include "yaml.h"

void cs_findings_init(cs_findings *f)
{
	memset(f, 0, sizeof(*f));
}

/* A finding's strings are one allocation, its path first (cs_finding_add);
 * an audit's commit is its own. */
void cs_finding_release(cs_finding *x)
{
	free(x->path);
	free(x->commit);
	memset(x, 0, sizeof(*x));
}

void cs_findings_free(cs_findings *f)
{
	size_t i;
	for (i = 0; i < f->n; i++)
		cs_finding_release(&f->v[i]);
	free(f->v);
	cs_findings_init(f);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_finding(const void *va, const void *vb)
{
	const cs_finding *a = va, *b = vb;
	int d;
	if ((d = strcmp(a->path, b->path)))
		return d;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((d = strcmp(a->rule, b->rule)))
		return d;
	if ((d = cmp_str(a->period, b->period)))
		return d;
	return strcmp(a->message, b->message);
}

void cs_findings_sort(cs_findings *f)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), cmp_finding);
}

/* s (NULL: none) copied at *at, which moves past it. */
static char *put_str(char **at, const char *s, size_t len)
{
	char *p = *at;
	if (!s)
		return NULL;
	memcpy(p, s, len + 1);
	*at += len + 1;
	return p;
}

int cs_finding_add(cs_findings *f, const char *path, size_t line, int severity,
		   const char *rule, const char *record, const char *lawyer,
		   const char *community, const char *period, const char *fmt, ...)
{
	cs_buf msg = CS_BUF_INIT;
	cs_finding *x;
	va_list ap;
	int error;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		cs_finding *v = cs_realloc(f->v, cap * sizeof(*v));
		if (!v)
			return CS_ENOMEM;
		f->v = v;
		f->cap = cap;
	}
	/* the message in the user's language (po/ has the findings' formats) */
	va_start(ap, fmt);
	error = cs_buf_vprintf(&msg, dgettext("cs", fmt), ap);
	va_end(ap);
	if (error < 0)
		return error;
	{
		/* its strings in one allocation: a year's check finds a hundred thousand */
		/* the path first, never NULL: the allocation freed through it */
		const char *s[] = { path ? path : "", rule ? rule : "", cs_buf_cstr(&msg), record,
				    lawyer, community, period };
		size_t len[7], total = 0, i;
		char *at;
		for (i = 0; i < 7; i++)
			total += s[i] ? (len[i] = strlen(s[i])) + 1 : (len[i] = 0);
		if (!(at = cs_malloc(total))) {
			cs_buf_free(&msg);
			return CS_ENOMEM;
		}
		x = &f->v[f->n++];
		x->path = put_str(&at, s[0], len[0]);
		x->rule = put_str(&at, s[1], len[1]);
		x->message = put_str(&at, s[2], len[2]);
		x->record = put_str(&at, s[3], len[3]);
		x->lawyer = put_str(&at, s[4], len[4]);
		x->community = put_str(&at, s[5], len[5]);
		x->period = put_str(&at, s[6], len[6]);
	}
	x->line = line;
	x->severity = severity;
	x->commit = NULL;
	cs_buf_free(&msg);
	return 0;
}

int cs_period_parse(const char *s, cs_day *from, cs_day *to)
{
	size_t len = strlen(s), i;
	int y = 0, n;
	/* four digits, not sscanf's "%4d": that took "9:00", " 123" and "+026" for years */
	for (i = 0; i < 4 && s[i] >= '0' && s[i] <= '9'; i++)
		y = y * 10 + (s[i] - '0');
	if (i == 4 && y > 0 && len == 4) {
		*from = cs_date_from_ymd(y, 1, 1);
		*to = cs_date_from_ymd(y, 12, 31);
		return 0;
	}
	if (i == 4 && y > 0 && len == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'H')) {
		n = s[6] - '0';
		if (s[5] == 'Q' && n >= 1 && n <= 4) {
			*from = cs_date_from_ymd(y, 3 * n - 2, 1);
			*to = cs_date_from_ymd(y, 3 * n, cs_date_days_in_month(y, 3 * n));
			return 0;
		}
		if (s[5] == 'H' && n >= 1 && n <= 2) {
			*from = cs_date_from_ymd(y, 6 * n - 5, 1);
			*to = cs_date_from_ymd(y, 6 * n, cs_date_days_in_month(y, 6 * n));
			return 0;
		}
	}
	if (len == 7 && cs_month_parse(s, &y, &n) == 0) {
		*from = cs_date_from_ymd(y, n, 1);
		*to = cs_date_from_ymd(y, n, cs_date_days_in_month(y, n));
		return 0;
	}
	return cs_error_set(CS_EUSAGE, "'%s' is not a period (YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY)", s);
}

int cs_check_in_period(const cs_check_opts *c, cs_day day)
{
	return !c->has_period || (day >= c->period_from && day <= c->period_to);
}

int cs_check_overlaps(const cs_check_opts *c, cs_day from, cs_day to)
{
	return !c->has_period || (from <= c->period_to && to >= c->period_from);
}

/* The references of a work-log entry are judged within the --period only. */
static int refs_judged(const cs_check_opts *o, const cs_node *rec)
{
	const cs_kind *k = cs_kind_find(cs_node_get_str(rec, "kind"));
	const char *date = cs_node_get_str(rec, "date");
	cs_day day;
	if (!k || (k->family != CS_KIND_LOG && k->family != CS_KIND_MEETING))
		return 1;
	if (!date || cs_date_parse(date, &day) < 0) {
		cs_error_clear();
		return 1;
	}
	return cs_check_in_period(o, day);
}

/* A filed report or assessment, read and validated now, then let go. */
static int check_lazy(const cs_snapshot *c, const struct cs_file_rec *f, cs_findings *out)
{
	cs_buf data = CS_BUF_INIT;
	cs_node *rec = NULL;
	int error;
	if ((error = cs_store_read_blob(c->store, c->rev, f->path, &data)) < 0)
		goto cleanup;
	if (cs_yaml_load(&rec, data.ptr, data.len, f->path) < 0) {
		char msg[1024];
		snprintf(msg, sizeof(msg), "%s", cs_error_last());
		cs_error_clear();
		error = cs_finding_add(out, f->path, 1, CS_SEV_ERROR, "schema.yaml", NULL, NULL, NULL,
				       NULL, "%s", msg);
		goto cleanup;
	}
	error = rec ? cs_validate_record(c, f->path, rec, 1, out)
		    : cs_finding_add(out, f->path, 1, CS_SEV_ERROR, "schema.yaml", NULL, NULL, NULL,
				     NULL, "%s", "empty file");
cleanup:
	cs_node_free(rec);
	cs_buf_free(&data);
	return error;
}

/* One file's findings: those of its record, or why it has none. */
static int check_file(const cs_snapshot *c, const cs_check_opts *o,
		      const struct cs_file_rec *f, cs_findings *out)
{
	const char *path = f->path;
	const cs_node *rec = f->rec;
	if (f->lazy)
		return check_lazy(c, f, out);
	if (!rec) {
		/* the loader's "path:line: why", kept from the load */
		const char *msg = f->error ? f->error : "";
		const char *at = strstr(msg, path);
		size_t line = 1;
		if (at && at[strlen(path)] == ':')
			line = strtoul(at + strlen(path) + 1, NULL, 10);
		return cs_finding_add(out, path, line ? line : 1, CS_SEV_ERROR, "schema.yaml",
				      NULL, NULL, NULL, NULL, "%s", *msg ? msg : "empty file");
	}
	return f->valid ? cs_validate_passed(c, path, rec, refs_judged(o, rec), out)
			: cs_validate_record(c, path, rec, refs_judged(o, rec), out);
}

struct check_ctx {
	const cs_snapshot *c;
	const cs_check_opts *o;
	cs_findings *out;
};

static int check_read_again(void *ctx, const struct cs_file_rec *f)
{
	struct check_ctx *x = ctx;
	return check_file(x->c, x->o, f, x->out);
}

int cs_check_records(const cs_snapshot *c, const cs_check_opts *o, cs_findings *out)
{
	struct check_ctx x = { c, o, out };
	size_t i;
	int error = 0;
	/* a figures load's entries held as facts: their records read again, a
	 * folder at a time */
	for (i = 0; i < c->nfiles && !error; i++)
		if (!cs_snapshot_file_is_facts(&c->files[i]))
			error = check_file(c, o, &c->files[i], out);
	return error ? error : cs_snapshot_facts_records(c, NULL, check_read_again, &x);
}

/* --- what is judged and shown ---------------------------------------------- */

static int select_rules(cs_check_opts *c, const char *list)
{
	char *tok, *save = NULL;
	const char **v = NULL, **grown;
	size_t n = 0;
	if (!list)
		return 0;
	if (!(c->rules_text = cs_strdup(list)))
		return CS_ENOMEM;
	for (tok = strtok_r(c->rules_text, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (!*tok)
			continue;
		if (!cs_rule_known(tok)) {
			const char *near = cs_utf8_nearest(tok, cs_rule_ids());
			free(v);
			return near ? cs_error_set(CS_EUSAGE, "unknown rule '%s'; did you mean '%s'? "
						   "(see cscheck(1))", tok, near)
				    : cs_error_set(CS_EUSAGE, "unknown rule '%s' (see cscheck(1))", tok);
		}
		if (!(grown = cs_realloc(v, (n + 1) * sizeof(*v)))) {
			free(v);
			return CS_ENOMEM;
		}
		v = grown;
		v[n++] = tok;
	}
	c->rules = v;
	c->nrules = n;
	return 0;
}

int cs_check_opts_init(cs_check_opts *o, const cs_snapshot *snap, const char *period,
		       const char *today, const char *rules)
{
	memset(o, 0, sizeof(*o));
	o->today = snap->now.day;
	if (today && cs_date_parse(today, &o->today) < 0)
		return cs_error_set(CS_EUSAGE, "--today: '%s' is not a date (YYYY-MM-DD)", today);
	if (period && cs_period_parse(period, &o->period_from, &o->period_to) < 0)
		return CS_EUSAGE;
	o->has_period = period != NULL;
	return select_rules(o, rules);
}

void cs_check_opts_period(cs_check_opts *o, cs_day from, cs_day to)
{
	o->has_period = 1;
	o->period_from = from;
	o->period_to = to;
}

void cs_check_opts_free(cs_check_opts *o)
{
	free((void *)o->rules);
	free(o->rules_text);
	memset(o, 0, sizeof(*o));
}

static int selected(const char *rule, const char *const *rules, size_t n)
{
	size_t j;
	for (j = 0; j < n; j++) {
		size_t k = strlen(rules[j]);
		if (!strcmp(rule, rules[j]) || (!strncmp(rule, rules[j], k) && rule[k] == '.'))
			return 1;
	}
	return 0;
}

void cs_findings_keep(cs_findings *f, const char *const *rules, size_t n)
{
	size_t i, keep = 0;
	if (!n)
		return;
	for (i = 0; i < f->n; i++) {
		if (selected(f->v[i].rule, rules, n))
			f->v[keep++] = f->v[i];
		else
			cs_finding_release(&f->v[i]);
	}
	f->n = keep;
}

void cs_findings_count(const cs_findings *f, size_t *errors, size_t *warnings)
{
	size_t i;
	*errors = *warnings = 0;
	for (i = 0; i < f->n; i++)
		(f->v[i].severity == CS_SEV_ERROR ? (*errors)++ : (*warnings)++);
}

static const char *severity_name(int sev)
{
	return sev == CS_SEV_ERROR ? "error" : "warning";
}

cs_node *cs_findings_tree(const cs_findings *f)
{
	cs_node *seq = cs_node_new_seq(), *m;
	char line[32];
	size_t i;
	int error = 0;
	for (i = 0; seq && i < f->n && !error; i++) {
		const cs_finding *x = &f->v[i];
		if (!(m = cs_node_new_map()) || cs_node_push(seq, m) < 0) {
			cs_node_free(m);
			error = CS_ENOMEM;
			break;
		}
		snprintf(line, sizeof(line), "%zu", x->line);
		if (cs_node_set_str(m, "path", x->path) < 0 ||
		    cs_node_set(m, "line", cs_node_new_plain(line)) < 0 ||
		    cs_node_set_str(m, "severity", severity_name(x->severity)) < 0 ||
		    cs_node_set_str(m, "rule", x->rule) < 0 || cs_node_set_str(m, "message", x->message) < 0 ||
		    (x->record && cs_node_set_str(m, "record", x->record) < 0) ||
		    (x->lawyer && cs_node_set_str(m, "lawyer", x->lawyer) < 0) ||
		    (x->community && cs_node_set_str(m, "community", x->community) < 0) ||
		    (x->period && cs_node_set_str(m, "period", x->period) < 0) ||
		    (x->commit && cs_node_set_str(m, "commit", x->commit) < 0))
			error = CS_ENOMEM;
	}
	if (error) {
		cs_node_free(seq);
		return NULL;
	}
	return seq;
}

int cs_findings_table(const cs_findings *f, cs_table *t, const char *path, const char *line,
		      const char *severity, const char *rule, const char *message,
		      const char *period)
{
	char n[32];
	size_t i;
	int error = 0;
	cs_table_col(t, "path", path, 0);
	cs_table_col(t, "line", line, 1);
	cs_table_col(t, "severity", severity, 0);
	cs_table_col(t, "rule", rule, 0);
	cs_table_col(t, "message", message, 0);
	cs_table_col(t, "period", period, 0);
	for (i = 0; i < f->n && !error; i++) {
		const char *cells[6];
		snprintf(n, sizeof(n), "%zu", f->v[i].line);
		cells[0] = f->v[i].path;
		cells[1] = n;
		cells[2] = severity_name(f->v[i].severity);
		cells[3] = f->v[i].rule;
		cells[4] = f->v[i].message;
		cells[5] = f->v[i].period;
		error = cs_table_row(t, cells);
	}
	return error;
}
