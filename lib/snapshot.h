/* A loaded revision of the store (DESIGN 2): its records, the directory, the
 * pairings and the work log (all of it, some months, or none), read once and
 * then asked. Opaque: what is in it is had through the functions below. The
 * checker (check.h) and the reports judge a snapshot; they do not change it,
 * except for the cache of when each report was first filed. */
#ifndef CS_SNAPSHOT_H
#define CS_SNAPSHOT_H

#include <stddef.h>

#include "date.h"
#include "node.h"
#include "store.h"

typedef struct cs_snapshot cs_snapshot;

/* Load the store at rev (NULL: HEAD; a DATE means the state at the end of
 * that day), or its working tree when worktree is set. Parse errors do not
 * fail the load: cs_check_records reports them as schema findings. */
int cs_snapshot_load(cs_snapshot **out, cs_store *s, const char *rev, int worktree);
/* The same from rev, reading of the work log only the months of [from, to]
 * (records/log/<community>/<YYYY>/<MM>): what a report needs, at a cost that
 * does not grow with the rest of the store. */
int cs_snapshot_load_months(cs_snapshot **out, cs_store *s, const char *rev, cs_day from,
			    cs_day to);
/* The same, holding of an entry the cache has judged to pass its schemas and
 * to hold no resident's number only the fields the figures and the rules
 * read (its free text left out: a third of the memory): what a period
 * report, an assessment or a stipend claim needs; not a monthly report's
 * items, nor a check of the records themselves. */
int cs_snapshot_load_figures(cs_snapshot **out, cs_store *s, const char *rev, cs_day from,
			     cs_day to);
/* The directory, the pairings and the meetings from rev, and the months of
 * the work log that hold [from, to] named but not read: what a check of a
 * period reads a month at a time (cs_snapshot_each_month, in
 * snapshot_impl.h), holding one month's entries, not the period's. */
int cs_snapshot_load_window(cs_snapshot **out, cs_store *s, const char *rev, cs_day from,
			    cs_day to);
/* Every record from rev (or, worktree 1, the working tree's files), as
 * cs_snapshot_load reads them, but the work log's month folders
 * (records/log/<community>/<YYYY>/<MM>) named and read later, a month at a
 * time, as cs_snapshot_load_window reads its months: a check of the whole
 * store (cs_check_window). A file of the log outside such a folder is read
 * with the directory. */
int cs_snapshot_load_all_window(cs_snapshot **out, cs_store *s, const char *rev, int worktree);
/* The same from rev, reading only the directory, the pairings, the changes
 * and the keys: what validating one record needs (the write path). */
int cs_snapshot_load_directory(cs_snapshot **out, cs_store *s, const char *rev);
void cs_snapshot_free(cs_snapshot *snap);

/* The commit read ("" for the working tree), whether it is the working
 * tree, how many record files were read, and "now" when it was loaded. */
const char *cs_snapshot_rev(const cs_snapshot *snap);
int cs_snapshot_worktree(const cs_snapshot *snap);
size_t cs_snapshot_nfiles(const cs_snapshot *snap);
cs_time cs_snapshot_now(const cs_snapshot *snap);

/* The records of the directory of one kind (office, firm, lawyer, community,
 * assignment, change, key), sorted by slug or id: how many, and the i-th. */
size_t cs_snapshot_count(const cs_snapshot *snap, const char *kind);
const cs_node *cs_snapshot_record(const cs_snapshot *snap, const char *kind, size_t i);
/* The record of kind with that slug (or id); NULL when absent. */
const cs_node *cs_snapshot_find(const cs_snapshot *snap, const char *kind, const char *slug);

/* The slug of the office, firm, lawyer or community that word names, by
 * its slug or by its name (王丽 -> wang-li). CS_ENOTFOUND "no such lawyer"
 * for a slug not in the directory, CS_EUSAGE for a word that is neither a
 * slug nor a name of one, or a name several share; each message offers the
 * nearest slug or lists the valid ones. */
int cs_snapshot_resolve(const cs_snapshot *snap, const char *kind, const char *word,
			const char **slug);

/* The signing key registered for the person called name (a key record's
 * name, or its slug); NULL when none. */
const cs_node *cs_snapshot_key(const cs_snapshot *snap, const char *name);

/* 1 when path exists in the revision read (the commit, or the working tree). */
int cs_snapshot_exists(const cs_snapshot *snap, const char *path);

/* A parameter of the rules in cs.yaml, with its default (params.h). */
long long cs_snapshot_param(const cs_snapshot *snap, const char *name);

/* 1 when a pairing was active on some day of [from, to], of lawyer and in
 * a community of office (NULL: any lawyer, any office). */
int cs_snapshot_paired(const cs_snapshot *snap, const char *lawyer, const char *office,
		       cs_day from, cs_day to);
/* 1 when lawyer had a pairing on some day of [from, to]. */
int cs_snapshot_lawyer_paired(const cs_snapshot *snap, const char *lawyer, cs_day from,
			      cs_day to);
/* 1 when one of office's communities had a pairing on some day of [from, to]. */
int cs_snapshot_office_paired(const cs_snapshot *snap, const char *office, cs_day from,
			      cs_day to);

/* The day the report at path was first filed (its first commit, in the
 * author's time zone): 1 and *day, 0 when it never was or in the working
 * tree. One walk of the history per snapshot, kept for the next question. */
int cs_snapshot_first_filed(cs_snapshot *snap, const char *path, cs_day *day);

#endif
