/* The one write path (DESIGN 4): a transaction on the tip, one commit,
 * the branch moved by compare-and-swap, then the working tree and index;
 * and the repair of a command killed mid-write. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "mask.h"
#include "record.h"
#include "store_impl.h"
#include "yaml.h"

/* --- working tree and index -------------------------------------------- */

/* git_index_write() behind a marker: a command killed while it holds
 * index.lock leaves the marker, so the next one (holding cs.lock, so no
 * other cs command is writing) knows the lock is its own and stale. */
static int write_index(cs_store *s, git_index *idx)
{
	cs_buf marker = CS_BUF_INIT;
	int error = 0;
	if ((error = cs_buf_printf(&marker, "%scs-index", s->gitdir)) < 0)
		goto cleanup;
	/* a marker left by a write that failed after the rename would have
	 * the next command remove an index.lock that is not ours */
	if ((error = store_write_file(s->gitdir, "cs-index", "", 0, 0600)) < 0) {
		unlink(marker.ptr);
		goto cleanup;
	}
	/* version 4 writes each path as the change from the one before: the
	 * index of a large store is some three times smaller, so each write
	 * costs less (git reads it since 1.8) */
	if (git_index_version(idx) != 4 && git_index_set_version(idx, 4) < 0)
		git_error_clear();
	/* libgit2 lets go of index.lock when the write fails too */
	if (git_index_write(idx) < 0)
		error = store_git_fail(CS_EIO, "cannot write the index");
	unlink(marker.ptr);
cleanup:
	cs_buf_free(&marker);
	return error;
}

static void clear_stale_index_lock(cs_store *s)
{
	cs_buf marker = CS_BUF_INIT, lock = CS_BUF_INIT;
	if (cs_buf_printf(&marker, "%scs-index", s->gitdir) == 0 &&
	    cs_buf_printf(&lock, "%sindex.lock", s->gitdir) == 0 &&
	    access(marker.ptr, F_OK) == 0) {
		unlink(lock.ptr);
		unlink(marker.ptr);
	}
	cs_buf_free(&marker);
	cs_buf_free(&lock);
}

/* The branch moves behind a marker too: a command killed while libgit2
 * holds the ref's lock file leaves the marker, and the next command,
 * holding cs.lock, removes that stale lock. */
static void clear_stale_ref_lock(cs_store *s, const char *branch)
{
	cs_buf marker = CS_BUF_INIT, lock = CS_BUF_INIT;
	if (cs_buf_printf(&marker, "%scs-ref", s->gitdir) == 0 &&
	    cs_buf_printf(&lock, "%s%s.lock", s->gitdir, branch) == 0 &&
	    access(marker.ptr, F_OK) == 0) {
		unlink(lock.ptr);
		unlink(marker.ptr);
	}
	cs_buf_free(&marker);
	cs_buf_free(&lock);
}

/* Remove the temporary files a killed store_write_file() left beside rel. */
static void clear_temp_files(cs_store *s, const char *rel)
{
	cs_buf dir = CS_BUF_INIT, prefix = CS_BUF_INIT, full = CS_BUF_INIT;
	const char *slash = strrchr(rel, '/'), *base = slash ? slash + 1 : rel;
	DIR *d;
	struct dirent *e;
	if (cs_buf_printf(&dir, "%s%.*s", s->path, slash ? (int)(slash - rel + 1) : 0, rel) < 0 ||
	    cs_buf_printf(&prefix, ".%s.", base) < 0)
		goto cleanup;
	if (!(d = opendir(dir.ptr)))
		goto cleanup;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (strncmp(e->d_name, prefix.ptr, prefix.len) || n < 4 ||
		    strcmp(e->d_name + n - 4, ".tmp"))
			continue;
		cs_buf_clear(&full);
		if (cs_buf_printf(&full, "%s%s", dir.ptr, e->d_name) == 0)
			unlink(full.ptr);
	}
	closedir(d);
cleanup:
	cs_buf_free(&dir);
	cs_buf_free(&prefix);
	cs_buf_free(&full);
}

/* Bring the working tree file and index entry of each path in line with
 * HEAD (paths absent from HEAD are left alone). */
static int sync_paths(cs_store *s, git_tree *tree, char *const *paths, size_t n)
{
	git_index *idx = NULL;
	git_blob *blob = NULL;
	int error = 0;
	if (git_repository_index(&idx, s->repo) < 0 || git_index_read(idx, 0) < 0) {
		error = store_git_fail(CS_EIO, "cannot read the index");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		const git_index_entry *ie = git_index_get_bypath(idx, paths[i], 0);
		clear_temp_files(s, paths[i]);
		git_blob_free(blob);
		blob = NULL;
		if ((error = store_blob_at(&blob, s->repo, tree, paths[i])) == CS_ENOTFOUND) {
			error = 0;
			continue;
		}
		if (error < 0)
			goto cleanup;
		if (ie && git_oid_equal(&ie->id, git_blob_id(blob)))
			continue;
		if ((error = store_write_file(s->path, paths[i], git_blob_rawcontent(blob),
					(size_t)git_blob_rawsize(blob), 0640)) < 0)
			goto cleanup;
		if (git_index_add_bypath(idx, paths[i]) < 0) {
			error = store_git_fail(CS_EIO, paths[i]);
			goto cleanup;
		}
	}
	error = write_index(s, idx);
cleanup:
	git_blob_free(blob);
	git_index_free(idx);
	return error;
}

static int pending_path(cs_buf *b, const cs_store *s)
{
	return cs_buf_printf(b, "%scs-pending", s->gitdir);
}

int store_recover(cs_store *s)
{
	cs_buf p = CS_BUF_INIT, list = CS_BUF_INIT;
	char **paths = NULL;
	size_t n = 0;
	git_tree *tree = NULL;
	git_oid id;
	int error;
	clear_stale_index_lock(s);
	if ((error = pending_path(&p, s)) < 0)
		goto cleanup;
	if (access(p.ptr, F_OK) < 0)
		goto cleanup;
	if ((error = cs_buf_read_file(&list, p.ptr, 0)) < 0)
		goto cleanup;
	if (!(paths = cs_calloc(list.len + 1, sizeof(*paths)))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (char *line = list.ptr, *nl; *line; line = nl + 1) {
		if (!(nl = strchr(line, '\n')))
			nl = line + strlen(line) - 1;
		else
			*nl = '\0';
		if (store_valid_path(line))
			paths[n++] = line;
		if (!nl[1])
			break;
	}
	if ((error = store_head_tree(&tree, s->repo, &id)) < 0)
		goto cleanup;
	if ((error = sync_paths(s, tree, paths, n)) < 0)
		goto cleanup;
	if (unlink(p.ptr) < 0 && errno != ENOENT)
		error = cs_error_set(CS_EIO, "cannot remove '%s': %s", p.ptr, strerror(errno));
cleanup:
	git_tree_free(tree);
	free(paths);
	cs_buf_free(&p);
	cs_buf_free(&list);
	return error;
}

static int write_pending(cs_store *s, const cs_txn *t)
{
	cs_buf b = CS_BUF_INIT;
	int error = 0;
	for (size_t i = 0; i < t->nputs; i++)
		if ((error = cs_buf_printf(&b, "%s\n", t->puts[i].path)) < 0)
			goto cleanup;
	error = store_write_file(s->gitdir, "cs-pending", b.ptr ? b.ptr : "", b.len, 0600);
cleanup:
	cs_buf_free(&b);
	return error;
}

static void remove_pending(cs_store *s)
{
	cs_buf p = CS_BUF_INIT;
	if (pending_path(&p, s) == 0)
		unlink(p.ptr);
	cs_buf_free(&p);
}

/* --- transactions ------------------------------------------------------ */

static void txn_release(cs_txn *t)
{
	for (size_t i = 0; i < t->nputs; i++) {
		free(t->puts[i].path);
		free(t->puts[i].data);
	}
	free(t->puts);
	t->puts = NULL;
	t->nputs = t->cap = 0;
	git_tree_free(t->tree);
	git_commit_free(t->tip);
	t->tree = NULL;
	t->tip = NULL;
	cs_buf_free(&t->summary);
	cs_buf_free(&t->trailers);
}

static struct put *find_put(cs_txn *t, const char *path)
{
	for (size_t i = t->nputs; i > 0; i--)
		if (strcmp(t->puts[i - 1].path, path) == 0)
			return &t->puts[i - 1];
	return NULL;
}

int cs_txn_read_blob(cs_txn *t, const char *path, cs_buf *out)
{
	struct put *p = find_put(t, path);
	git_blob *blob = NULL;
	int error;
	if (p) {
		cs_buf_clear(out);
		return cs_buf_put(out, p->data, p->len);
	}
	if (!t->tree)
		return cs_error_set(CS_ENOTFOUND, "%s: no such file", path);
	if ((error = store_blob_at(&blob, t->s->repo, t->tree, path)) < 0)
		return error;
	cs_buf_clear(out);
	error = cs_buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return error;
}

int cs_txn_read_record(cs_txn *t, const char *path, cs_node **out)
{
	cs_buf b = CS_BUF_INIT;
	int error;
	*out = NULL;
	if ((error = cs_txn_read_blob(t, path, &b)) < 0)
		goto cleanup;
	error = cs_yaml_load(out, b.ptr, b.len, path);
cleanup:
	cs_buf_free(&b);
	return error;
}

int cs_txn_exists(cs_txn *t, const char *path)
{
	git_tree_entry *e = NULL;
	int error;
	if (find_put(t, path))
		return 1;
	if (!t->tree)
		return 0;
	if ((error = store_entry_at(&e, t->tree, path)) == CS_ENOTFOUND)
		return 0;
	if (error < 0)
		return error;
	git_tree_entry_free(e);
	return 1;
}

const char *cs_txn_tip(cs_txn *t)
{
	return t->tip_hex;
}

cs_store *cs_txn_store(cs_txn *t)
{
	return t->s;
}

int cs_txn_put(cs_txn *t, const char *path, const char *data, size_t len)
{
	struct put *p;
	char *copy;
	if (!store_valid_path(path))
		return cs_error_set(CS_EUSAGE, "'%s' is not a valid store path", path);
	if (!(copy = cs_malloc(len ? len : 1)))
		return CS_ENOMEM;
	memcpy(copy, data, len);
	if ((p = find_put(t, path))) {
		free(p->data);
		p->data = copy;
		p->len = len;
		return 0;
	}
	if (t->nputs == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;
		struct put *np = cs_realloc(t->puts, cap * sizeof(*np));
		if (!np) {
			free(copy);
			return CS_ENOMEM;
		}
		t->puts = np;
		t->cap = cap;
	}
	p = &t->puts[t->nputs];
	if (!(p->path = cs_strdup(path))) {
		free(copy);
		return CS_ENOMEM;
	}
	p->data = copy;
	p->len = len;
	t->nputs++;
	return 0;
}

int cs_txn_message(cs_txn *t, const char *summary)
{
	if (strchr(summary, '\n'))
		return cs_error_set(CS_EUSAGE, "a commit summary is one line");
	cs_buf_clear(&t->summary);
	return cs_buf_puts(&t->summary, summary);
}

/* msg with every needle in it replaced by with. */
static int replace_all(cs_buf *msg, const char *needle, const char *with)
{
	cs_buf b = CS_BUF_INIT;
	const char *p = cs_buf_cstr(msg), *hit;
	size_t n = strlen(needle);
	int error = 0;
	if (!n || !strstr(p, needle))
		return 0;
	while (!error && (hit = strstr(p, needle))) {
		if ((error = cs_buf_put(&b, p, (size_t)(hit - p))) == 0)
			error = cs_buf_puts(&b, with);
		p = hit + n;
	}
	if (!error && (error = cs_buf_puts(&b, p)) == 0) {
		cs_buf_clear(msg);
		error = cs_buf_put(msg, b.ptr ? b.ptr : "", b.len);
	}
	cs_buf_free(&b);
	return error;
}

/* Each value of rec that masking changes (masked: rec masked), masked in msg. */
static int mask_values(const cs_node *rec, const cs_node *masked, cs_buf *msg)
{
	size_t i;
	int error = 0;
	if (!rec || !masked || rec->type != masked->type)
		return 0;
	if (rec->type == CS_NODE_SCALAR)
		return rec->str && masked->str && strcmp(rec->str, masked->str) && strlen(rec->str) > 1
			       ? replace_all(msg, rec->str, masked->str) : 0;
	for (i = 0; i < rec->count && !error; i++)
		if (rec->type == CS_NODE_MAP)
			error = mask_values(rec->pairs[i].value, cs_node_get(masked, rec->pairs[i].key), msg);
		else if (i < masked->count)
			error = mask_values(rec->items[i], masked->items[i], msg);
	return error;
}

/* No resident's name or number in a commit message (Art 15): what the
 * records written would show masked is masked in the message too (a reason
 * that names the resident of the entry it voids), as are the mobile and ID
 * numbers of the reason (cs_txn_trailer). */
static int mask_message(const cs_txn *t, cs_buf *msg)
{
	int error = 0;
	/* the rest of a message is the commands' words, ids and slugs: without
	 * a reason there is nothing to mask, and nothing to parse again */
	if (!t->has_reason)
		return 0;
	for (size_t i = 0; i < t->nputs && !error; i++) {
		cs_node *rec = NULL, *masked = NULL;
		if (cs_yaml_load(&rec, t->puts[i].data, t->puts[i].len, t->puts[i].path) < 0) {
			cs_error_clear();
			continue;
		}
		if (rec && rec->type == CS_NODE_MAP && !(masked = cs_node_dup(rec)))
			error = CS_ENOMEM;
		else if (masked && (error = cs_mask_record(masked)) == 0)
			error = mask_values(rec, masked, msg);
		cs_node_free(masked);
		cs_node_free(rec);
	}
	return error;
}

int cs_txn_trailer(cs_txn *t, const char *key, const char *value)
{
	cs_buf masked = CS_BUF_INIT;
	int error;
	if (!*key || strpbrk(key, ": \n") || strchr(value, '\n'))
		return cs_error_set(CS_EUSAGE, "bad trailer '%s'", key);
	/* a reason is the one free text of a commit message: a resident's
	 * mobile or ID number typed into it is masked there (Art 15) */
	if (strcmp(key, "Cs-Reason"))
		return cs_buf_printf(&t->trailers, "%s: %s\n", key, value);
	t->has_reason = 1;
	if ((error = cs_mask_numbers(&masked, value, strlen(value))) == 0)
		error = cs_buf_printf(&t->trailers, "%s: %s\n", key, cs_buf_cstr(&masked));
	cs_buf_free(&masked);
	return error;
}

/* Read the branch HEAD names and its tip (unborn: tip NULL). */
static int read_tip(cs_txn *t, git_reference **head, const char **branch, git_oid *tip_id,
		    int *unborn)
{
	git_repository *repo = t->s->repo;
	if (git_reference_lookup(head, repo, "HEAD") < 0)
		return store_git_fail(CS_EIO, "cannot read HEAD");
	if (git_reference_type(*head) != GIT_REFERENCE_SYMBOLIC)
		return cs_error_set(CS_EDATA, "HEAD is detached: a write moves a branch; check one "
				    "out (git checkout main)");
	*branch = git_reference_symbolic_target(*head);
	if (git_reference_name_to_id(tip_id, repo, *branch) < 0) {
		git_error_clear();
		*unborn = 1;
		t->tip_hex[0] = '\0';
		return 0;
	}
	*unborn = 0;
	git_oid_tostr(t->tip_hex, sizeof(t->tip_hex), tip_id);
	if (git_commit_lookup(&t->tip, repo, tip_id) < 0 || git_commit_tree(&t->tree, t->tip) < 0)
		return store_git_fail(CS_EIO, "cannot read the tip");
	return 0;
}

/* The commit's text, signed by the transaction's signer, as git stores a
 * signed commit (a gpgsig header). */
static int signed_commit(cs_txn *t, git_oid *out, const git_signature *who, const char *msg,
			 const git_tree *tree, const git_commit **parents)
{
	git_buf text = GIT_BUF_INIT;
	cs_buf sig = CS_BUF_INIT;
	int error;
	if (git_commit_create_buffer(&text, t->s->repo, who, who, NULL, msg, tree, t->tip ? 1 : 0,
				     parents) < 0)
		return store_git_fail(CS_EIO, "cannot create the commit");
	if ((error = t->sign(t->sign_ctx, text.ptr, text.size, &sig)) < 0)
		goto cleanup;
	if (git_commit_create_with_signature(out, t->s->repo, text.ptr, cs_buf_cstr(&sig), NULL) < 0)
		error = store_git_fail(CS_EIO, "cannot create the signed commit");
cleanup:
	git_buf_dispose(&text);
	cs_buf_free(&sig);
	return error;
}

void cs_txn_sign(cs_txn *t, cs_sign_fn fn, void *ctx)
{
	t->sign = fn;
	t->sign_ctx = ctx;
}

static int build_commit(cs_txn *t, const char *command, git_oid *out)
{
	git_repository *repo = t->s->repo;
	git_tree_update *ups = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_signature *sig = NULL;
	git_oid tree_id;
	cs_buf msg = CS_BUF_INIT;
	const git_commit *parents[1];
	int error = 0;
	if (!(ups = cs_calloc(t->nputs + 1, sizeof(*ups)))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (size_t i = 0; i < t->nputs; i++) {
		if (git_blob_create_from_buffer(&ups[i].id, repo, t->puts[i].data, t->puts[i].len) < 0) {
			error = store_git_fail(CS_EIO, t->puts[i].path);
			goto cleanup;
		}
		ups[i].action = GIT_TREE_UPDATE_UPSERT;
		ups[i].filemode = GIT_FILEMODE_BLOB;
		ups[i].path = t->puts[i].path;
	}
	if (!t->tree && (error = store_empty_tree(&base, repo)) < 0)
		goto cleanup;
	if (git_tree_create_updated(&tree_id, repo, t->tree ? t->tree : base, t->nputs, ups) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0) {
		error = store_git_fail(CS_EIO, "cannot build the tree");
		goto cleanup;
	}
	if ((error = store_make_signature(&sig, repo)) < 0)
		goto cleanup;
	if ((error = cs_buf_printf(&msg, "%s\n\nCs-Command: %s\n%s",
				   t->summary.len ? t->summary.ptr : command, command,
				   cs_buf_cstr(&t->trailers))) < 0 ||
	    (error = mask_message(t, &msg)) < 0)
		goto cleanup;
	parents[0] = t->tip;
	if (t->sign) {
		error = signed_commit(t, out, sig, msg.ptr, tree, parents);
		goto cleanup;
	}
	if (git_commit_create(out, repo, NULL, sig, sig, NULL, msg.ptr, tree, t->tip ? 1 : 0,
			      parents) < 0)
		error = store_git_fail(CS_EIO, "cannot create the commit");
cleanup:
	cs_buf_free(&msg);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	free(ups);
	return error;
}

static int update_worktree(cs_store *s, cs_txn *t)
{
	git_index *idx = NULL;
	int error = 0;
	for (size_t i = 0; i < t->nputs; i++)
		if ((error = store_write_file(s->path, t->puts[i].path, t->puts[i].data, t->puts[i].len,
					0640)) < 0)
			goto cleanup;
	if (git_repository_index(&idx, s->repo) < 0 || git_index_read(idx, 0) < 0) {
		error = store_git_fail(CS_EIO, "cannot read the index");
		goto cleanup;
	}
	for (size_t i = 0; i < t->nputs; i++)
		if (git_index_add_bypath(idx, t->puts[i].path) < 0) {
			error = store_git_fail(CS_EIO, t->puts[i].path);
			goto cleanup;
		}
	error = write_index(s, idx);
cleanup:
	git_index_free(idx);
	return error;
}

/* Move the branch from the tip to commit_id if it still points at the tip
 * (the commit point); 0, or libgit2's GIT_EMODIFIED (and the like) for a
 * lost race. cs-ref marks a ref update in progress for store_recover. */
static int move_branch(cs_store *s, const char *branch, const git_oid *tip_id, int unborn,
		       const git_oid *commit_id, const char *command, long long deadline)
{
	git_reference *moved = NULL;
	cs_buf marker = CS_BUF_INIT;
	int error, r;
	/* in a bare store cs.lock is held only around the branch update */
	if (s->bare && (error = store_lock_store(s, deadline)) < 0)
		return error;
	clear_stale_ref_lock(s, branch);
	if ((error = cs_buf_printf(&marker, "%scs-ref", s->gitdir)) < 0 ||
	    (error = store_write_file(s->gitdir, "cs-ref", "", 0, 0600)) < 0) {
		/* in place if only the directory's fsync failed: a stale marker
		 * would have the next command remove a ref lock not its own */
		if (marker.len)
			unlink(marker.ptr);
		cs_buf_free(&marker);
		if (s->bare)
			store_unlock_store(s);
		return error;
	}
	if (unborn)
		r = git_reference_create(&moved, s->repo, branch, commit_id, 0, command);
	else
		r = git_reference_create_matching(&moved, s->repo, branch, commit_id, 1, tip_id,
						  command);
	/* libgit2 can fail after the rename that moved the branch (syncing the
	 * directory, writing the reflog): then the commit stands all the same,
	 * and the working tree must follow it */
	if (r < 0) {
		const git_error *e = git_error_last();
		char why[512];
		git_oid now;
		snprintf(why, sizeof(why), "%s", e && e->message ? e->message : "");
		if (git_reference_name_to_id(&now, s->repo, branch) == 0 && git_oid_equal(&now, commit_id)) {
			r = 0;
			git_error_clear();
		} else if (*why) {
			git_error_set_str(GIT_ERROR_REFERENCE, why);
		}
	}
	unlink(marker.ptr);
	cs_buf_free(&marker);
	git_reference_free(moved);
	if (s->bare)
		store_unlock_store(s);
	return r;
}

/* One attempt on the current tip: 0 committed, 1 lost the race (try
 * again), negative an error. */
static int attempt(cs_store *s, cs_txn *t, const char *command, cs_txn_fn fn, void *ctx,
		   long long deadline, git_oid *commit_id, int *pending)
{
	git_reference *head = NULL;
	git_oid tip_id;
	const char *branch = NULL;
	int error, unborn = 0, r;
	if ((error = read_tip(t, &head, &branch, &tip_id, &unborn)) < 0 ||
	    (error = fn(t, ctx)) < 0)
		goto cleanup;
	error = 0;
	if (t->nputs == 0 || (error = build_commit(t, command, commit_id)) < 0)
		goto cleanup;
	if (!s->bare) {
		/* set first: cs-pending may be in place when its write fails */
		*pending = 1;
		if ((error = write_pending(s, t)) < 0)
			goto cleanup;
	}
	r = move_branch(s, branch, &tip_id, unborn, commit_id, command, deadline);
	if (r < 0 && r > -1000 && r != GIT_EMODIFIED && r != GIT_ELOCKED && r != GIT_EEXISTS)
		error = r >= CS_EBUSY && r <= CS_EUSAGE ? r : store_git_fail(CS_EIO, "cannot move the branch");
	else if (r != 0 && store_now_ms() >= deadline)
		error = store_git_fail(CS_EBUSY, "store is busy: the branch keeps moving");
	else
		error = r != 0;
cleanup:
	git_error_clear();
	git_reference_free(head);
	return error;
}

int cs_store_transact(cs_store *s, const char *command, cs_txn_fn fn, void *ctx)
{
	long long deadline = store_deadline_ms();
	cs_txn t;
	git_oid commit_id;
	int error = 0, pending = 0;
	memset(&t, 0, sizeof(t));
	t.s = s;
	if (!command || !*command || strchr(command, '\n'))
		return cs_error_set(CS_EUSAGE, "a transaction needs a one-line command name");
	if (!s->bare) {
		if ((error = store_lock_store(s, deadline)) < 0)
			return error;
		/* another command may have died mid-write since we opened */
		if ((error = store_recover(s)) < 0) {
			error = cs_error_set(CS_EBUSY, "store is busy: %s", cs_error_last());
			goto cleanup;
		}
	}
	while ((error = attempt(s, &t, command, fn, ctx, deadline, &commit_id, &pending)) == 1) {
		txn_release(&t);
		store_nap();
	}
	if (error < 0 || t.nputs == 0)
		goto cleanup;
	pending = 0;
	git_oid_tostr(s->head, sizeof(s->head), &commit_id);
	/* The commit stands: a working tree that cannot catch up now (index
	 * locked by someone else) is repaired by the next command from
	 * cs-pending; the write itself succeeded. */
	if (!s->bare && update_worktree(s, &t) < 0)
		cs_error_clear();
	else if (!s->bare)
		remove_pending(s);
	/* the loose objects of many such writes go into a pack now and then;
	 * the write stands whatever that gives */
	if (store_pack_loose(s, 0) < 0)
		cs_error_clear();
cleanup:
	if (pending)
		remove_pending(s);
	txn_release(&t);
	store_unlock_store(s);
	return error;
}

