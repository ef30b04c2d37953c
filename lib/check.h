/* Checking a store (DESIGN 5 cscheck, 6): every record against its schema
 * and references, then the rules of the regulation. Findings are data;
 * formatting them is the caller's. */
#ifndef CS_CHECK_H
#define CS_CHECK_H

#include <stddef.h>

#include "calendar.h"
#include "date.h"
#include "node.h"
#include "store.h"
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

/* One entry of the work log (or a meeting), as the rules see it. */
typedef struct {
	const char *path;
	cs_node *rec;
	const char *kind, *id, *lawyer, *community;
	cs_day day;
	int start, end;          /* minutes, -1 when absent */
	int is_void;
	int service;             /* an activity (DESIGN 5) */
} cs_entry;

/* A loaded store at one revision (or its working tree). */
typedef struct {
	cs_store *store;
	char rev[41];            /* commit read ("" for --worktree) */
	int worktree;
	cs_node *config;         /* owned */
	cs_calendar *cal;
	/* every record file: path -> parsed record (NULL when it did not parse) */
	/* why rec is NULL: the loader's message ("path:line: why"; "" for an empty file) */
	/* lazy: a filed report or assessment, listed but not read (what the
	 * rules and reports use of them is their paths); validated on demand */
	struct cs_file_rec { char *path; cs_node *rec; char *error; int lazy; } *files;
	size_t nfiles;
	/* views into files */
	cs_node **offices, **firms, **lawyers, **communities, **assignments, **changes, **keys;
	size_t noffices, nfirms, nlawyers, ncommunities, nassignments, nchanges, nkeys;
	cs_entry *entries;
	size_t nentries;
	const char **report_paths;   /* records/reports/... */
	size_t nreports;
	/* judging */
	cs_time now;                 /* "now": nothing may be dated after it (schema.future) */
	cs_day today;
	int has_period;
	cs_day period_from, period_to;
	const char *const *rules;    /* NULL: every rule; else id prefixes */
	size_t nrules;
	char *rules_text;            /* what rules point into (owned) */
	cs_day log_from, log_to;     /* the work log read (log_to 0: all of it) */
	int directory_only;          /* only the directory and the pairings were read */
	struct cs_filed { char *path; cs_day day; } *filed;  /* when each report was first filed */
	size_t nfiled;
	int filed_walked;
} cs_check;

/* Load the store at rev (NULL: HEAD; a DATE means the state at the end of
 * that day), or its working tree when worktree is set. Parse errors do not
 * fail the load: they become schema findings. */
int cs_check_load(cs_check *c, cs_store *s, const char *rev, int worktree);
/* The same from rev, reading of the work log only the months of [from, to]
 * (records/log/<community>/<YYYY>/<MM>): what a monthly report needs, at a
 * cost that does not grow with the rest of the store. */
int cs_check_load_months(cs_check *c, cs_store *s, const char *rev, cs_day from, cs_day to);
/* The same from rev, reading only the directory, the pairings, the changes
 * and the keys: what validating one record needs (the write path). */
int cs_check_load_directory(cs_check *c, cs_store *s, const char *rev);
void cs_check_free(cs_check *c);

/* Judge only the rules of list (ids or prefixes, comma-separated; NULL:
 * every rule). CS_EUSAGE naming an unknown one and the nearest id. */
int cs_check_select(cs_check *c, const char *list);
/* Judge the period (NULL: all) on the day today (YYYY-MM-DD; NULL: now). */
void cs_check_judge(cs_check *c, const char *period, const char *today);

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

/* Parameter of the rules in cs.yaml, with its default. */
long long cs_check_param(const cs_check *c, const char *name);

/* Parse a period (YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY) into its first and last day. */
int cs_period_parse(const char *s, cs_day *from, cs_day *to);

/* Schema, reference and path checks of every record (schema.*, ref.*). */
int cs_check_records(cs_check *c, cs_findings *out);
/* The rules of DESIGN 6 selected by c->rules. */
int cs_check_rules(cs_check *c, cs_findings *out);

/* The history (DESIGN 7): audit.deleted, audit.signed-modified,
 * audit.sealed-modified, audit.manual over the commits after since (NULL:
 * all) up to HEAD, and audit.rewritten when against (a ref or commit) is
 * not an ancestor of HEAD. */
int cs_check_audit(cs_store *s, const char *since, const char *against, cs_findings *out);

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
/* The index of the first entry on or after day (entries are sorted by day):
 * where a pass over the entries of some days begins. */
size_t cs_check_entries_from(const cs_check *c, cs_day day);
int cs_check_in_period(const cs_check *c, cs_day day);
/* 1 when [from, to] overlaps the --period (or there is none). */
int cs_check_overlaps(const cs_check *c, cs_day from, cs_day to);

/* 1 when lawyer had a pairing on some day of [from, to]. */
int cs_check_lawyer_paired(const cs_check *c, const char *lawyer, cs_day from, cs_day to);
/* 1 when one of office's communities had a pairing on some day of [from, to]. */
int cs_check_office_paired(const cs_check *c, const char *office, cs_day from, cs_day to);

/* 1 when path exists in the store read (the commit, or the working tree). */
int cs_check_exists(const cs_check *c, const char *path);

/* The slug of the office, firm, lawyer or community that word names, by
 * its slug or by its name (王丽 -> wang-li). CS_ENOTFOUND "no such lawyer"
 * for a slug not in the directory, CS_EUSAGE for a word that is neither a
 * slug nor a name of one, or a name several share; each message offers the
 * nearest slug or lists the valid ones. */
int cs_check_resolve(const cs_check *c, const char *kind, const char *word, const char **slug);

/* The signing key registered for the person called name (a key record's
 * name, or its slug); NULL when none. */
const cs_node *cs_check_key(const cs_check *c, const char *name);

/* Lookups (NULL when absent). */
const cs_node *cs_check_find(const cs_check *c, const char *kind, const char *slug);

#endif
