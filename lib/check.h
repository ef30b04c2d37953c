/* Checking a snapshot of the store (DESIGN 5 cscheck, 6): every record
 * against its schema and references, then the rules of the regulation.
 * Findings are data; formatting them is the caller's. */
#ifndef CS_CHECK_H
#define CS_CHECK_H

#include <stddef.h>

#include "date.h"
#include "node.h"
#include "snapshot.h"
#include "table.h"

enum { CS_SEV_ERROR = 0, CS_SEV_WARNING = 1 };

typedef struct {
	char *path;
	size_t line;
	int severity;
	char *rule;
	char *message;
	char *record;     /* id, or NULL */
	char *lawyer;     /* slug, or NULL */
	char *community;  /* slug, or NULL */
	char *period;     /* 2026-W43, 2026-10, 2026-Q3, 2026-H2, 2026; or NULL */
	char *commit;     /* audit findings: the commit (hex); else NULL */
} cs_finding;

typedef struct {
	cs_finding *v;
	size_t n, cap;
} cs_findings;

void cs_findings_init(cs_findings *f);
void cs_findings_free(cs_findings *f);
/* Free one finding's strings. */
void cs_finding_release(cs_finding *x);
/* Sort by path, line, rule, message (stable output). */
void cs_findings_sort(cs_findings *f);

/* What a check judges: the rules selected, the period, the day it is judged
 * on. The caller's, passed to each judgement; the snapshot is not changed. */
typedef struct {
	cs_day today;                /* the day judged on (deadlines) */
	int has_period;
	cs_day period_from, period_to;
	const char *const *rules;    /* NULL: every rule; else ids or prefixes */
	size_t nrules;
	char *rules_text;            /* what rules point into (owned) */
} cs_check_opts;

/* Judge the period (NULL: all) on the day today (YYYY-MM-DD; NULL: the
 * snapshot's now), only the rules of list (ids or prefixes, comma-separated;
 * NULL: every rule). CS_EUSAGE for a period or day not of its form, or an
 * unknown rule (naming the nearest id). */
int cs_check_opts_init(cs_check_opts *o, const cs_snapshot *snap, const char *period,
		       const char *today, const char *rules);
/* Judge [from, to] instead of the period given. */
void cs_check_opts_period(cs_check_opts *o, cs_day from, cs_day to);
void cs_check_opts_free(cs_check_opts *o);

/* Keep only the findings of the selected rules (--rules selects what is
 * shown, schema and reference findings too); all when n is 0. */
void cs_findings_keep(cs_findings *f, const char *const *rules, size_t n);
/* How many are errors and warnings. */
void cs_findings_count(const cs_findings *f, size_t *errors, size_t *warnings);
/* The findings as a sequence of mappings (path, line, severity, rule,
 * message, and record, lawyer, community, period, commit where set). */
cs_node *cs_findings_tree(const cs_findings *f);
/* The findings as a table with these column labels. */
int cs_findings_table(const cs_findings *f, cs_table *t, const char *path, const char *line,
		      const char *severity, const char *rule, const char *message,
		      const char *period);

/* Parse a period (YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY) into its first and last day. */
int cs_period_parse(const char *s, cs_day *from, cs_day *to);

/* Schema, reference and path checks of every record (schema.*, ref.*). */
int cs_check_records(const cs_snapshot *snap, const cs_check_opts *o, cs_findings *out);
/* The rules of DESIGN 6 selected by o->rules. */
int cs_check_rules(cs_snapshot *snap, const cs_check_opts *o, cs_findings *out);
/* What a rule reads: entries one at a time or a day's together (art10,
 * art11, art13, art15, art16: a month's entries at a time will do), the
 * entries of a few kinds over weeks, months, quarters and years (art7,
 * art9, art20, art21), or the directory alone (art17, art18). */
enum { CS_RULES_ENTRIES = 1, CS_RULES_SPANS = 2, CS_RULES_DIRECTORY = 4, CS_RULES_ALL = 7 };
/* Those of the parts given (CS_RULES_*) selected by o->rules. */
int cs_check_rules_of(cs_snapshot *snap, const cs_check_opts *o, int parts, cs_findings *out);
/* A check a month at a time (cs_snapshot_load_window, or of every month,
 * cs_snapshot_load_all_window): the records and the rules of each month's
 * entries as it is read, then those that count kinds over longer spans on
 * the entries kept from the months (without a period, a year at a time),
 * and those of the directory: the findings of cs_check_records and
 * cs_check_rules over a load of every record, holding a month. */
int cs_check_window(cs_snapshot *snap, const cs_check_opts *o, cs_findings *out);
/* Its records' checks only (the pre-commit hook's, cs_check_records over a
 * load of every record). */
int cs_check_window_records(cs_snapshot *snap, const cs_check_opts *o, cs_findings *out);
/* Its rules only (what a report judges its days by, cs_check_rules over a
 * load of them), each month also given to also (NULL: none) before its
 * rules run, while it is held: what a report counts of it. also's error
 * stops it. */
int cs_check_window_rules(cs_snapshot *snap, const cs_check_opts *o,
			  int (*also)(void *ctx, cs_snapshot *w), void *ctx, cs_findings *out);

/* The history (DESIGN 7): audit.deleted, audit.signed-modified,
 * audit.sealed-modified, audit.manual over the commits after since (NULL:
 * all) up to HEAD, and audit.rewritten when against (a ref or commit) is
 * not an ancestor of HEAD. */
int cs_check_audit(cs_store *s, const char *since, const char *against, cs_findings *out);

/* 1 when rec (at path) holds what art15.privacy finds, a resident's ID or
 * mobile number in free text; 0 when not; CS_ENOMEM. */
int cs_rule_privacy_hit(const cs_node *rec, const char *path);

/* The rule ids, ending with NULL. */
const char *const *cs_rule_ids(void);
/* 1 when id names a rule or a prefix of rule ids ("art9", "ref", "schema"). */
int cs_rule_known(const char *id);

/* Add a finding (message printf-style); record, lawyer, community, period may be NULL. */
int cs_finding_add(cs_findings *f, const char *path, size_t line, int severity,
		   const char *rule, const char *record, const char *lawyer,
		   const char *community, const char *period, const char *fmt, ...)
	__attribute__((format(printf, 10, 11)));

/* 1 when day is in the --period (or there is none). */
int cs_check_in_period(const cs_check_opts *o, cs_day day);
/* 1 when [from, to] overlaps the --period (or there is none). */
int cs_check_overlaps(const cs_check_opts *o, cs_day from, cs_day to);

#endif
