/* The store's history: the commits that touched a record, what each
 * commit changed, when files were first added (DESIGN 7). */
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
#include "record.h"
#include "store_impl.h"
#include "yaml.h"

static int blob_of(git_blob **out, git_repository *repo, const git_commit *c, const char *path)
{
	git_tree *tree = NULL;
	int error;
	*out = NULL;
	if (git_commit_tree(&tree, c) < 0)
		return store_git_fail(CS_EIO, "cannot read a commit's tree");
	error = store_blob_at(out, repo, tree, path);
	if (error == CS_ENOTFOUND) {
		cs_error_clear();
		error = 0;
	}
	git_tree_free(tree);
	return error;
}

int cs_store_history(cs_store *s, const char *rev, const char *path, cs_history_fn fn,
		     void *ctx)
{
	git_revwalk *walk = NULL;
	git_commit *c = NULL, *parent = NULL;
	git_blob *now = NULL, *before = NULL;
	git_oid id;
	char hex[41], start[41];
	cs_buf author = CS_BUF_INIT;
	int error;
	if ((error = cs_store_resolve(s, rev, start)) < 0)
		return error;
	if (git_revwalk_new(&walk, s->repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE) < 0 ||
	    git_oid_fromstr(&id, start) < 0 || git_revwalk_push(walk, &id) < 0) {
		error = store_git_fail(CS_EIO, "cannot walk the history");
		goto cleanup;
	}
	while (git_revwalk_next(&id, walk) == 0) {
		const git_signature *a;
		cs_history_entry e;
		if (git_commit_lookup(&c, s->repo, &id) < 0) {
			error = store_git_fail(CS_EIO, "cannot read a commit");
			goto cleanup;
		}
		if ((error = blob_of(&now, s->repo, c, path)) < 0)
			goto cleanup;
		if (git_commit_parentcount(c) > 0) {
			if (git_commit_parent(&parent, c, 0) < 0) {
				error = store_git_fail(CS_EIO, "cannot read a parent commit");
				goto cleanup;
			}
			if ((error = blob_of(&before, s->repo, parent, path)) < 0)
				goto cleanup;
		}
		if ((now || before) &&
		    !(now && before && git_oid_equal(git_blob_id(now), git_blob_id(before)))) {
			a = git_commit_author(c);
			git_oid_tostr(hex, sizeof(hex), &id);
			cs_buf_clear(&author);
			cs_buf_printf(&author, "%s <%s>", a->name, a->email);
			e.commit = hex;
			e.author = cs_buf_cstr(&author);
			e.time = (long long)a->when.time;
			e.offset = a->when.offset;
			e.message = git_commit_message(c);
			e.parents = (int)git_commit_parentcount(c);
			e.old_data = before ? git_blob_rawcontent(before) : NULL;
			e.old_len = before ? (size_t)git_blob_rawsize(before) : 0;
			e.new_data = now ? git_blob_rawcontent(now) : NULL;
			e.new_len = now ? (size_t)git_blob_rawsize(now) : 0;
			if ((error = fn(ctx, &e)) != 0)
				goto cleanup;
		}
		git_blob_free(now);
		git_blob_free(before);
		git_commit_free(parent);
		git_commit_free(c);
		now = before = NULL;
		parent = c = NULL;
	}
cleanup:
	git_blob_free(now);
	git_blob_free(before);
	git_commit_free(parent);
	git_commit_free(c);
	git_revwalk_free(walk);
	cs_buf_free(&author);
	return error;
}

static int blob_data(git_repository *repo, const git_oid *id, git_blob **out)
{
	*out = NULL;
	if (git_oid_is_zero(id))
		return 0;
	if (git_blob_lookup(out, repo, id) < 0)
		return store_git_fail(CS_EIO, "cannot read a blob");
	return 0;
}

/* The changes of one commit, with their contents, into info. */
static int commit_changes(cs_store *s, git_diff *diff, cs_commit_info *info, git_blob ***blobs)
{
	size_t n = git_diff_num_deltas(diff), i;
	cs_change *v = cs_calloc(n ? n : 1, sizeof(*v));
	git_blob **b = cs_calloc(2 * n + 1, sizeof(*b));
	int error = 0;
	if (!v || !b) {
		free(v);
		free(b);
		return CS_ENOMEM;
	}
	for (i = 0; i < n && !error; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		v[i].path = d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path;
		v[i].status = d->status == GIT_DELTA_ADDED ? 'A' : d->status == GIT_DELTA_DELETED ? 'D' : 'M';
		if ((error = blob_data(s->repo, &d->old_file.id, &b[2 * i])) < 0 ||
		    (error = blob_data(s->repo, &d->new_file.id, &b[2 * i + 1])) < 0)
			break;
		if (b[2 * i]) {
			v[i].old_data = git_blob_rawcontent(b[2 * i]);
			v[i].old_len = (size_t)git_blob_rawsize(b[2 * i]);
		}
		if (b[2 * i + 1]) {
			v[i].new_data = git_blob_rawcontent(b[2 * i + 1]);
			v[i].new_len = (size_t)git_blob_rawsize(b[2 * i + 1]);
		}
	}
	info->changes = v;
	info->nchanges = n;
	*blobs = b;
	return error;
}

static void free_blobs(git_blob **b, size_t n)
{
	size_t i;
	for (i = 0; b && i < 2 * n; i++)
		git_blob_free(b[i]);
	free(b);
}

static int one_commit(cs_store *s, git_commit *c, git_diff_options *opts, cs_commits_fn fn,
		      void *ctx)
{
	git_commit *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
	git_blob **blobs = NULL;
	cs_commit_info info;
	char hex[41], phex[41] = "", p2hex[41] = "";
	int error = 0;
	memset(&info, 0, sizeof(info));
	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	if (git_commit_tree(&tree, c) < 0 ||
	    (git_commit_parentcount(c) > 0 &&
	     (git_commit_parent(&parent, c, 0) < 0 || git_commit_tree(&ptree, parent) < 0)) ||
	    git_diff_tree_to_tree(&diff, s->repo, ptree, tree, opts) < 0) {
		error = store_git_fail(CS_EIO, "cannot read the history");
		goto cleanup;
	}
	if (parent)
		git_oid_tostr(phex, sizeof(phex), git_commit_id(parent));
	if (git_commit_parentcount(c) > 1)
		git_oid_tostr(p2hex, sizeof(p2hex), git_commit_parent_id(c, 1));
	if (git_commit_extract_signature(&sig, &data, s->repo, (git_oid *)git_commit_id(c), NULL) == 0) {
		info.signature = sig.ptr;
		info.signed_data = data.ptr;
		info.signed_len = data.size;
	}
	git_error_clear();
	info.commit = hex;
	info.parent = phex;
	info.parent2 = p2hex;
	info.parents = (int)git_commit_parentcount(c);
	info.message = git_commit_message(c) ? git_commit_message(c) : "";
	info.summary = git_commit_summary(c) ? git_commit_summary(c) : "";
	info.time = (long long)git_commit_author(c)->when.time;
	info.offset = git_commit_author(c)->when.offset;
	if ((error = commit_changes(s, diff, &info, &blobs)) == 0)
		error = fn(ctx, &info);
cleanup:
	free_blobs(blobs, info.nchanges);
	free((void *)info.changes);
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	git_diff_free(diff);
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	return error;
}

int cs_store_commits(cs_store *s, const char *since, const char *dir, cs_commits_fn fn, void *ctx)
{
	git_revwalk *walk = NULL;
	git_commit *c = NULL;
	git_object *obj = NULL;
	git_diff_options opts;
	git_oid id;
	char head[41], *spec = (char *)dir;
	int error;
	if ((error = cs_store_resolve(s, NULL, head)) < 0)
		return error;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.pathspec.strings = &spec;
	opts.pathspec.count = dir ? 1 : 0;
	if (git_revwalk_new(&walk, s->repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_oid_fromstr(&id, head) < 0 || git_revwalk_push(walk, &id) < 0) {
		error = store_git_fail(CS_EIO, "cannot walk the history");
		goto cleanup;
	}
	if (since) {
		if (git_revparse_single(&obj, s->repo, since) < 0) {
			git_error_clear();
			error = cs_error_set(CS_ENOTFOUND, "--since: no revision '%s'", since);
			goto cleanup;
		}
		if (git_revwalk_hide(walk, git_object_id(obj)) < 0) {
			error = store_git_fail(CS_EIO, "cannot walk the history");
			goto cleanup;
		}
	}
	while (!error && git_revwalk_next(&id, walk) == 0) {
		if (git_commit_lookup(&c, s->repo, &id) < 0) {
			error = store_git_fail(CS_EIO, "cannot read a commit");
			break;
		}
		error = one_commit(s, c, &opts, fn, ctx);
		git_commit_free(c);
		c = NULL;
	}
cleanup:
	git_object_free(obj);
	git_commit_free(c);
	git_revwalk_free(walk);
	return error;
}

int cs_store_descends(cs_store *s, const char *rev, int *yes, char hex[41])
{
	git_object *obj = NULL, *peeled = NULL;
	git_oid head;
	char head_hex[41];
	int error;
	*yes = 0;
	if ((error = cs_store_resolve(s, NULL, head_hex)) < 0)
		return error;
	git_oid_fromstr(&head, head_hex);
	if (git_revparse_single(&obj, s->repo, rev) < 0 ||
	    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		git_error_clear();
		git_object_free(obj);
		return cs_error_set(CS_ENOTFOUND, "--against: no revision '%s'", rev);
	}
	git_oid_tostr(hex, 41, git_object_id(peeled));
	*yes = git_oid_equal(git_object_id(peeled), &head) ||
	       git_graph_descendant_of(s->repo, &head, git_object_id(peeled)) == 1;
	git_error_clear();
	git_object_free(peeled);
	git_object_free(obj);
	return 0;
}

const char *cs_commit_trailer(const char *message, const char *key, char *out, size_t size)
{
	const char *p = message;
	size_t n = strlen(key);
	out[0] = '\0';
	while (p && (p = strstr(p, key))) {
		if ((p == message || p[-1] == '\n') && p[n] == ':' && p[n + 1] == ' ') {
			const char *end = strchr(p, '\n');
			size_t len = end ? (size_t)(end - p - n - 2) : strlen(p + n + 2);
			if (len >= size)
				len = size - 1;
			memcpy(out, p + n + 2, len);
			out[len] = '\0';
			return out;
		}
		p += n;
	}
	return NULL;
}

int cs_store_first_added(cs_store *s, const char *rev, const char *dir, cs_store_added_fn fn,
			 void *ctx)
{
	git_revwalk *walk = NULL;
	git_commit *c = NULL, *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	git_diff_options opts;
	git_oid id;
	char start[41], *spec = (char *)dir;
	size_t i;
	int error;
	if ((error = cs_store_resolve(s, rev, start)) < 0)
		return error;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.pathspec.strings = &spec;
	opts.pathspec.count = 1;
	if (git_revwalk_new(&walk, s->repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_oid_fromstr(&id, start) < 0 || git_revwalk_push(walk, &id) < 0) {
		error = store_git_fail(CS_EIO, "cannot walk the history");
		goto cleanup;
	}
	while (!error && git_revwalk_next(&id, walk) == 0) {
		const git_signature *a;
		if (git_commit_lookup(&c, s->repo, &id) < 0 || git_commit_tree(&tree, c) < 0 ||
		    (git_commit_parentcount(c) > 0 &&
		     (git_commit_parent(&parent, c, 0) < 0 || git_commit_tree(&ptree, parent) < 0)) ||
		    git_diff_tree_to_tree(&diff, s->repo, ptree, tree, &opts) < 0) {
			error = store_git_fail(CS_EIO, "cannot read the history");
			break;
		}
		a = git_commit_author(c);
		for (i = 0; i < git_diff_num_deltas(diff) && !error; i++) {
			const git_diff_delta *d = git_diff_get_delta(diff, i);
			if (d->status == GIT_DELTA_ADDED)
				error = fn(ctx, d->new_file.path, (long long)a->when.time, a->when.offset);
		}
		git_diff_free(diff);
		git_tree_free(ptree);
		git_tree_free(tree);
		git_commit_free(parent);
		git_commit_free(c);
		diff = NULL;
		ptree = tree = NULL;
		parent = c = NULL;
	}
cleanup:
	git_diff_free(diff);
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(c);
	git_revwalk_free(walk);
	return error;
}

