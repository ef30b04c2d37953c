/* Inside a snapshot: for the modules of lib/ that judge or count it (check,
 * rules, validate, report), never for cmd/. */
#ifndef CS_SNAPSHOT_IMPL_H
#define CS_SNAPSHOT_IMPL_H

#include "cache.h"
#include "calendar.h"
#include "snapshot.h"

/* The fields of an entry the rules and the figures read besides those
 * below (cs_entry.field): what a figures load keeps of an entry whose record
 * it does not hold. */
enum {
	CS_EF_PLACE, CS_EF_RECEIVED_AT, CS_EF_ACCEPTED_AT, CS_EF_SIGNED_BY, CS_EF_SIGNED_AT,
	CS_EF_OPPOSING_TYPE, CS_EF_OPPOSING, CS_EF_ITEM, CS_EF_MEETING_TYPE, CS_EF_RESULT,
	CS_EF_LATE_REASON, CS_EF_RECORDED_AT, CS_EF_SCORE, CS_EF_COUNT
};
/* Their keys in the record, in that order. */
extern const char *const cs_entry_fields_read[CS_EF_COUNT];

/* One entry of the work log (or a meeting), as the rules see it. */
typedef struct {
	const char *path;
	cs_node *rec;            /* NULL in a figures load (cs_snapshot_load_figures) */
	const char *kind, *id, *lawyer, *community;
	const char *office;      /* the community's office, or NULL */
	/* the places of its lawyer and community in the directory's views
	 * (cs_snapshot.lawyers, communities, sorted by slug), -1 when not
	 * there: what the rules and the reports group by, without a search */
	int lawyer_ix, community_ix;
	long long attendees;     /* -1 when absent or not a number */
	long long score;         /* a feedback's score; has_score 0 when not a number */
	cs_day day;
	int start, end;          /* minutes, -1 when absent */
	int kind_ix;             /* its kind's place in cs_kinds() */
	/* a request's (Art 10), worked out once when loaded, for art10.accept and
	 * the reports' figures: the day received (its date when received_at is
	 * not a date-time), the day accepted (accepted 1: accepted_at is one),
	 * and the deadline, accept_working_days after receipt (deadline_error:
	 * the calendar's error when it could not tell, else 0) */
	cs_day received_day, accepted_day, deadline;
	int deadline_error;
	/* flags, a bit each (a year's entries are tens of thousands) */
	unsigned is_void : 1;
	unsigned service : 1;    /* an activity (DESIGN 5) */
	unsigned has_target : 1, typical : 1; /* a target is named; marked typical */
	unsigned has_score : 1;
	unsigned clean : 1;      /* judged (by the cache) to hold no resident's number */
	unsigned accepted : 1;
	unsigned shared : 1;      /* in a window load's month, one of the load's own
				   * entries (a meeting) copied in for its days */
	unsigned kept : 1;        /* kept from a window load's month (cs_snapshot_each_month) */
	unsigned line;           /* the record's first line */
	const char *field[CS_EF_COUNT];  /* the string of each, or NULL */
	/* the line of each present, else 0 (also past line 65535: a finding
	 * then names the record's first line) */
	unsigned short field_line[CS_EF_COUNT];
} cs_entry;

/* The line of an entry's field for a finding: its own, else the record's. */
static inline size_t cs_entry_line(const cs_entry *e, int field)
{
	return e->field_line[field] ? e->field_line[field] : e->line ? e->line : 1;
}

static inline void cs_entry_set_line(cs_entry *e, int field, size_t line)
{
	e->field_line[field] = (unsigned short)(line <= 65535 ? line : 0);
}

struct cs_snapshot {
	cs_store *store;
	char rev[41];            /* commit read ("" for --worktree) */
	int worktree;
	cs_node *config;         /* owned */
	cs_calendar *cal;
	/* every record file: path -> parsed record (NULL when it did not parse,
	 * or, with error NULL and valid 1, an entry of a figures load held as its
	 * facts only: its cs_entry has rec NULL);
	 * error: why rec is NULL, the loader's "path:line: why" ("" for an empty
	 * file); lazy: a filed report or assessment, listed but not read (what
	 * the rules and reports use of them is their paths), validated on demand */
	struct cs_file_rec {
		char *path;
		cs_node *rec;
		char *error;
		/* a bit each: a million files are 32 bytes each */
		unsigned lazy : 1;
		unsigned valid : 1;   /* rec passed the store's schemas (the cache's verdict) */
		unsigned private : 1; /* rec holds a resident's number in free text, or
				       * may (not judged); 0: judged to hold none */
		unsigned borrowed : 1; /* path points into a cache payload (arenas), not owned */
	} *files;
	size_t nfiles, files_cap;
	/* views into files */
	cs_node **offices, **firms, **lawyers, **communities, **assignments, **changes, **keys;
	size_t noffices, nfirms, nlawyers, ncommunities, nassignments, nchanges, nkeys;
	/* the slugs of the first five views, in their order ("" for a record
	 * without one): what cs_snapshot_find searches */
	const char **office_ids, **firm_ids, **lawyer_ids, **community_ids, **key_ids;
	cs_entry *entries;           /* sorted by day */
	size_t nentries, entries_cap;
	const char **report_paths;   /* records/reports/... */
	size_t nreports;
	cs_time now;                 /* when it was loaded: nothing may be dated after it */
	cs_day log_from, log_to;     /* the work log read (log_to 0: all of it) */
	int directory_only;          /* only the directory and the pairings were read */
	int figures;                 /* cs_snapshot_load_figures: entries may be facts only */
	int window;                  /* cs_snapshot_load_window: the log read a month at a time */
	size_t window_files;         /* the files its months held (cs_snapshot_nfiles counts them) */
	/* its month folders (records/log/<community>/<YYYY>/<MM>), by month
	 * (y * 12 + m - 1), then path: read one month at a time */
	struct cs_month_folder { char *path; int month; } *folders;
	size_t nfolders, folders_cap;
	char **kept;                 /* the strings of the entries kept from its months, */
	size_t nkept;                /* in blocks of CS_KEPT_BLOCK (or one string's size) */
	char *kept_at;               /* the free part of the last block, */
	size_t kept_room;            /* its bytes */
	cs_cache_view *arenas;       /* the cache payloads facts point into */
	size_t narenas;
	struct cs_filed { char *path; cs_day day; } *filed;  /* when each report was first filed */
	size_t nfiled;
	int filed_walked;
	size_t cache_hits, cache_misses;  /* month folders from the cache, and read */
	size_t files_reused, files_parsed; /* of the folders read: files taken from the
					    * cache's earlier tree, and parsed */
	cs_day valid_from, valid_to;      /* days whose entries a report found valid */
};

/* The place in the view of kind (office, firm, lawyer, community, key) of
 * the record with that slug, or -1. */
long cs_snapshot_find_ix(const cs_snapshot *snap, const char *kind, const char *slug);

/* The index of the first entry on or after day (entries are sorted by day):
 * where a pass over the entries of some days begins. */
size_t cs_snapshot_entries_from(const cs_snapshot *snap, cs_day day);

/* A file a figures load holds as its entry's facts only (no record). */
int cs_snapshot_file_is_facts(const struct cs_file_rec *f);
/* The records of those files that want takes (want NULL: all of them),
 * read again folder by folder (from the cache when it holds that tree of
 * the folder, else from the objects; a folder with none wanted not read)
 * and each given to fn as the file it is (its path, record, verdicts), then
 * let go: a check of every record of a figures load, or a report's items,
 * hold one folder's records at a time. fn's error stops it. */
typedef int (*cs_snapshot_want_fn)(void *ctx, const char *path);
/* A window load's months (cs_snapshot_load_window), one at a time: each as
 * a snapshot w sharing snap's directory, holding that month's work-log
 * entries and those of snap's meetings dated in it (sorted as a load sorts
 * them), given to fn, then let go; an entry keep takes (keep NULL: none) is
 * copied into snap first, with the fields keep names (the others NULL).
 * When all are done, snap's entries are its meetings and the entries kept,
 * sorted: what the rules that count a kind over weeks, quarters and years
 * judge. fn's error stops it. Once only. */
typedef int (*cs_snapshot_month_fn)(void *ctx, cs_snapshot *w);
/* What keep returns: 0 (not kept), or CS_KEEP and a CS_KEEP_FIELD of each
 * field (CS_EF_*) kept. */
#define CS_KEEP 1u
#define CS_KEEP_FIELD(f) (2u << (f))
typedef unsigned (*cs_snapshot_keep_fn)(const cs_entry *e);
/* With year (NULL: none) the entries kept are judged a year at a time and
 * let go: once the months through the January after a year are read (the
 * last year's: once all are), year is given snap, its own entries and those
 * kept then sorted, and the year (first, last: 1 for the window's first and
 * last year; both 1 for a window of one year or none); the entries kept of
 * days before the last week of that year are then let go (not the last
 * year's). */
typedef int (*cs_snapshot_year_fn)(void *ctx, cs_snapshot *snap, int year, int first, int last);
int cs_snapshot_each_month(cs_snapshot *snap, cs_snapshot_keep_fn keep,
			   cs_snapshot_month_fn fn, cs_snapshot_year_fn year, void *ctx);
typedef int (*cs_snapshot_file_fn)(void *ctx, const struct cs_file_rec *f);
int cs_snapshot_facts_records(const cs_snapshot *snap, cs_snapshot_want_fn want,
			      cs_snapshot_file_fn fn, void *ctx);

#endif
