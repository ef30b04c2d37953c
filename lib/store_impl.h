/* What the parts of the store share (lib/store.c, lib/lockfile.c,
 * lib/store_txn.c, lib/store_history.c); not part of the API (store.h). */
#ifndef CS_STORE_IMPL_H
#define CS_STORE_IMPL_H

#include <sys/types.h>

#include <git2.h>

#include "store.h"

#define LOCK_TIMEOUT_MS 5000

struct cs_store {
	git_repository *repo;
	cs_schema_set *schemas;  /* the store's own schemas, read when it was opened */
	int bare;
	char *path;    /* worktree root or git dir, with trailing '/' */
	char *gitdir;  /* with trailing '/' */
	cs_node *config;
	char head[41];
	int lock_fd;
	int no_cache;  /* read every folder from the objects (lib/cache.c) */
};

struct put {
	char *path;
	char *data;
	size_t len;
};

struct cs_txn {
	cs_store *s;
	git_commit *tip;
	git_tree *tree;
	char tip_hex[41];
	struct put *puts;
	size_t nputs, cap;
	cs_buf summary;
	cs_buf trailers;
	int has_reason;      /* a Cs-Reason trailer: the message's one free text */
	cs_sign_fn sign;
	void *sign_ctx;
};

/* CS_E* code with libgit2's last message, about what. */
int store_git_fail(int code, const char *what);
/* The entry at path in tree: 0, CS_ENOTFOUND when there is none, or an
 * error when libgit2 cannot look (out of memory...). */
int store_entry_at(git_tree_entry **out, git_tree *tree, const char *path);
/* Pack the loose objects when there are more than CS_PACK_LOOSE (or always,
 * with force); lib/store_pack.c. */
int store_pack_loose(cs_store *s, int force);
int store_lib_init(void);

/* lockfile.c: the store's lock (cs.lock), and files written atomically */
long long store_now_ms(void);
/* When a command waiting for the store gives up ($CS_LOCK_TIMEOUT_MS). */
long long store_deadline_ms(void);
void store_nap(void);
/* Take cs.lock by the deadline; CS_EBUSY when it stays held. */
int store_lock_store(cs_store *s, long long deadline);
void store_unlock_store(cs_store *s);
/* 1 when path is a relative path inside the store (no .., no .git). */
int store_valid_path(const char *path);
int store_fsync_dir(const char *dir);
int store_make_parents(const char *root, const char *rel);
/* root/rel written as a temporary file, fsynced and renamed into place. */
int store_write_file(const char *root, const char *rel, const char *data, size_t len,
		     mode_t mode);

/* store.c */
int store_make_signature(git_signature **out, git_repository *repo);
int store_commit_tree(git_tree **out, cs_store *s, const char *oid_hex);
int store_blob_at(git_blob **out, git_repository *repo, git_tree *tree, const char *path);
int store_head_tree(git_tree **out, git_repository *repo, git_oid *id);
int store_load_overrides(cs_store *s, git_tree *tree);
int store_empty_tree(git_tree **out, git_repository *repo);

/* store_txn.c: bring the working tree and index in line with HEAD after a
 * command was killed mid-write. */
int store_recover(cs_store *s);

#endif
