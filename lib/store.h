/* The store: a git repository whose root holds cs.yaml (DESIGN 2, 4).
 * Every read is from a revision's objects; every write is one commit made
 * by cs_store_transact(). */
#ifndef CS_STORE_H
#define CS_STORE_H

#include <stddef.h>

#include "buf.h"
#include "date.h"
#include "node.h"
#include "record.h"

typedef struct cs_store cs_store;
struct git_repository;
typedef struct cs_txn cs_txn;

/* Find and open the store: dir (-C) when non-NULL, else $CS_STORE, else the
 * nearest parent of the working directory that holds cs.yaml.
 * In a store with a working tree, first brings the working tree and index
 * in line with HEAD if an earlier command was killed mid-write.
 * CS_ENOTFOUND when there is no store. */
int cs_store_open(cs_store **out, const char *dir);
void cs_store_free(cs_store *s);

/* Create a store at dir: git init (bare or not), cs.yaml for district,
 * calendar/ from calendars (paths "calendar/YYYY.yaml" -> bytes), the
 * pre-commit hook (non-bare), first commit. CS_ECANTCREAT when dir holds
 * a store already. */
typedef struct {
	const char *path;
	const char *data;
	size_t len;
} cs_file;
int cs_store_create(const char *dir, int bare, const cs_file *files, size_t nfiles,
		    const char *message);
/* The same with the text of the pre-commit hook (NULL: one that runs the
 * cscheck on PATH). The store appears whole or not at all: a failed or
 * killed creation leaves no store, and can be run again. */
int cs_store_create_hook(const char *dir, int bare, const cs_file *files, size_t nfiles,
			 const char *message, const char *hook);

int cs_store_is_bare(const cs_store *s);
/* Root of the working tree (with trailing '/'), or the git dir for a bare store. */
const char *cs_store_path(const cs_store *s);
/* cs.yaml from HEAD (never NULL once open). */
const cs_node *cs_store_config(const cs_store *s);
/* The store's own schemas (NULL when it has none, or s is NULL: the
 * built-in ones); what every record of the store is judged by. */
const cs_schema_set *cs_store_schemas(const cs_store *s);

/* Resolve a revision (NULL: HEAD; a rev-spec; or a date YYYY-MM-DD meaning
 * the last commit on the first-parent chain at or before the end of that
 * day) to a commit id in hex (41 bytes). */
int cs_store_resolve(cs_store *s, const char *rev, char oid_hex[41]);

/* Read the file at path in commit oid_hex (NULL: HEAD) into out.
 * CS_ENOTFOUND when absent. */
int cs_store_read_blob(cs_store *s, const char *oid_hex, const char *path, cs_buf *out);
/* 1 when path is in commit oid_hex (NULL: HEAD). */
int cs_store_exists(cs_store *s, const char *oid_hex, const char *path);
/* Read and parse a record at path in commit oid_hex (NULL: HEAD). */
int cs_store_read_record(cs_store *s, const char *oid_hex, const char *path, cs_node **out);

/* Walk every blob under dir ("records/log", "records/lawyers", ...) in commit
 * oid_hex (NULL: HEAD), in path order; fn returning non-zero stops the walk
 * and is returned. data is the blob's content (not NUL-terminated). */
/* The id (hex) of the tree at dir in the commit oid_hex: 0, or CS_ENOTFOUND
 * when dir is not a folder there. */
int cs_store_tree_id(cs_store *s, const char *oid_hex, const char *dir, char hex[41]);
/* Whether loads may use the cache of parsed folders (lib/cache.c): on, unless
 * CS_CACHE=0; a command that files what it computes turns it off. */
void cs_store_set_cache(cs_store *s, int on);
int cs_store_cache_on(const cs_store *s);

typedef int (*cs_store_walk_fn)(void *ctx, const char *path, const char *data, size_t len);
int cs_store_walk(cs_store *s, const char *oid_hex, const char *dir,
		  cs_store_walk_fn fn, void *ctx);
/* The same, each file's blob id (20 bytes) first offered to want: 0, its
 * content is read and given to fn; 1, it is not read (the caller has it
 * from elsewhere); a negative error stops the walk with it. */
typedef int (*cs_store_want_fn)(void *ctx, const char *path, const unsigned char *blob_id);
int cs_store_walk_ids(cs_store *s, const char *oid_hex, const char *dir,
		      cs_store_want_fn want, cs_store_walk_fn fn, void *ctx);

/* The names of the entries of the directory dir in commit oid_hex (NULL:
 * HEAD), in git's order; fn gets each name and 1 for a directory. Nothing
 * when dir is absent. */
typedef int (*cs_store_name_fn)(void *ctx, const char *name, int is_dir);
int cs_store_names(cs_store *s, const char *oid_hex, const char *dir, cs_store_name_fn fn,
		   void *ctx);

/* The one write path (DESIGN 4). fn is called with a transaction on the
 * current tip; it reads with cs_txn_read*, writes with cs_txn_put and sets
 * the message with cs_txn_message/cs_txn_trailer. The commit is made from
 * the tip with git_tree_create_updated(), the branch moves only if it still
 * points at that tip; a lost race calls fn again on the new tip. Then, in a
 * store with a working tree, the files are written (temp, fsync, rename)
 * and their index entries updated. fn returning negative aborts with
 * nothing written. CS_EBUSY when the store stays contended for a few
 * seconds. command is the Cs-Command trailer ("cslog add"). The commit's
 * time is cs_now(). On success, the new commit id is in cs_store_head(). */
typedef int (*cs_txn_fn)(cs_txn *txn, void *ctx);
int cs_store_transact(cs_store *s, const char *command, cs_txn_fn fn, void *ctx);

/* Within a transaction: read from the tip being built upon. */
int cs_txn_read_blob(cs_txn *t, const char *path, cs_buf *out);
int cs_txn_read_record(cs_txn *t, const char *path, cs_node **out);
/* 1 when path exists at the tip (or was put in this transaction), 0 when
 * not, negative when that cannot be told (out of memory). */
int cs_txn_exists(cs_txn *t, const char *path);
/* The tip commit id in hex ("" for none). */
const char *cs_txn_tip(cs_txn *t);
cs_store *cs_txn_store(cs_txn *t);
/* Write (add or replace) path with data. */
int cs_txn_put(cs_txn *t, const char *path, const char *data, size_t len);
/* Sign the commit the transaction makes: fn gets the commit's text and
 * leaves its armored signature in sig (a negative return aborts). */
typedef int (*cs_sign_fn)(void *ctx, const char *text, size_t len, cs_buf *sig);
void cs_txn_sign(cs_txn *t, cs_sign_fn fn, void *ctx);
/* One-line summary of the commit (no personal data). */
int cs_txn_message(cs_txn *t, const char *summary);
/* Add a trailer "Key: value" (Cs-Record, Cs-Amends, Cs-Reason...). */
int cs_txn_trailer(cs_txn *t, const char *key, const char *value);

/* One commit that changed a path, for cs_store_history(). */
typedef struct {
	const char *commit;     /* hex id */
	const char *author;     /* "Name <email>" */
	long long time;         /* seconds since the epoch */
	int offset;             /* minutes east of UTC */
	const char *message;    /* the whole message */
	int parents;            /* 2 or more: a merge of two copies (DESIGN 8) */
	const char *old_data;   /* the file before; NULL when the commit added it */
	size_t old_len;
	const char *new_data;   /* the file after; NULL when the commit removed it */
	size_t new_len;
} cs_history_entry;
typedef int (*cs_history_fn)(void *ctx, const cs_history_entry *e);
/* Every commit reachable from rev (NULL: HEAD) whose file at path differs
 * from its first parent's, oldest first. */
int cs_store_history(cs_store *s, const char *rev, const char *path, cs_history_fn fn,
		     void *ctx);

/* The value of the trailer key ("Cs-Command") of a commit message into out
 * (size bytes); returns out, or NULL (out "") when the message has none. */
const char *cs_commit_trailer(const char *message, const char *key, char *out, size_t size);

/* One file a commit changed against its first parent. */
typedef struct {
	const char *path;
	char status;              /* 'A' added, 'M' modified, 'D' deleted */
	const char *old_data;     /* NULL when added */
	size_t old_len;
	const char *new_data;     /* NULL when deleted */
	size_t new_len;
} cs_change;

/* A commit as the audit reads it. */
typedef struct {
	const char *commit;       /* hex */
	const char *parent;       /* the first parent's hex; "" for the first commit */
	const char *parent2;      /* a merge's second parent's hex, else "" */
	int parents;              /* 2 or more: a merge */
	const char *message;
	const char *summary;
	long long time;           /* author time, seconds since the epoch */
	int offset;               /* minutes east of UTC */
	const char *signature;    /* the armored signature of a signed commit, else NULL */
	const char *signed_data;  /* what the signature signs */
	size_t signed_len;
	const cs_change *changes; /* the files changed under dir */
	size_t nchanges;
} cs_commit_info;
typedef int (*cs_commits_fn)(void *ctx, const cs_commit_info *c);
/* Every commit reachable from HEAD but not from since (NULL: every one),
 * parents before children, with the files it changed under dir (NULL:
 * every file). */
int cs_store_commits(cs_store *s, const char *since, const char *dir, cs_commits_fn fn, void *ctx);
/* *yes = 1 when rev (a ref or commit; its hex into hex) is HEAD or one of
 * its ancestors. CS_ENOTFOUND when rev names no commit. */
int cs_store_descends(cs_store *s, const char *rev, int *yes, char hex[41]);

/* For every commit reachable from rev (NULL: HEAD), parents before children,
 * each file under dir it adds (against its first parent), with the commit's
 * author time: fn(ctx, path, time, offset in minutes). One walk of the
 * history; a file merged in from another copy is first seen in the commit
 * that made it there. */
typedef int (*cs_store_added_fn)(void *ctx, const char *path, long long time, int offset);
int cs_store_first_added(cs_store *s, const char *rev, const char *dir, cs_store_added_fn fn,
			 void *ctx);

/* Commit id of HEAD after the last transaction or at open ("" when none). */
const char *cs_store_head(const cs_store *s);

#endif
