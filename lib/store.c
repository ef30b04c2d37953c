/* The store: opening, discovery, creation and reading a revision's
 * objects (DESIGN 2, 4). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
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

int store_git_fail(int code, const char *what)
{
	const git_error *e = git_error_last();
	/* out of memory is said as such, whatever the call was for */
	if (e && e->klass == GIT_ERROR_NOMEMORY)
		code = CS_ENOMEM;
	return cs_error_set(code, "%s: %s", what, e && e->message ? e->message : "libgit2 error");
}

int store_entry_at(git_tree_entry **out, git_tree *tree, const char *path)
{
	int r = git_tree_entry_bypath(out, tree, path);
	if (r == 0)
		return 0;
	*out = NULL;
	if (r == GIT_ENOTFOUND) {
		git_error_clear();
		return CS_ENOTFOUND;
	}
	/* not "absent": libgit2 could not look (out of memory, a damaged tree) */
	return store_git_fail(CS_EIO, path);
}

/* libgit2 as Debian builds it (1.5, HTTPS through mbedTLS) parses the
 * system's bundle of certificate authorities (/etc/ssl/certs, 220 KB of
 * PEM) in git_libgit2_init, for HTTPS remotes, and has no setting to leave
 * it: a third of a small command's time. cs opens no remote (every read
 * and write is of the local repository), so this definition, which the
 * dynamic linker takes before mbedTLS's own (libgit2 calls it across
 * libraries), reads no file and adds no authority. Were a remote ever
 * opened, its certificate could then not be verified: refused, never
 * trusted. (An mbedtls_x509_crt *, not named: cs does not include mbedTLS.) */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);
int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

int store_lib_init(void)
{
	if (git_libgit2_init() < 0)
		return store_git_fail(CS_ESOFTWARE, "cannot initialise libgit2");
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/* the pack mapped in windows of 8 MiB, 64 MiB of them at most (the
	 * least recently used let go): a read of a year's blobs holds no more
	 * of a pack of a million records than that (libgit2 maps up to 8 GiB
	 * in windows of 1 GiB otherwise) */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)8 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)64 << 20);
	return 0;
}

/* --- signatures -------------------------------------------------------- */

/* Commit time: cs_now() read as local wall clock. */
static int commit_time(git_time_t *when, int *offset)
{
	cs_time now;
	struct tm tm;
	time_t t;
	int y, m, d, error;
	if ((error = cs_now(&now)) < 0)
		return error;
	cs_date_to_ymd(now.day, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = now.minute > 0 ? now.minute / 60 : 0;
	tm.tm_min = now.minute > 0 ? now.minute % 60 : 0;
	tm.tm_sec = now.minute >= 0 ? now.second : 0;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1)
		return cs_error_set(CS_EUSAGE, "cannot convert the time to the local clock");
	*when = (git_time_t)t;
	*offset = (int)(tm.tm_gmtoff / 60);
	return 0;
}

int store_make_signature(git_signature **out, git_repository *repo)
{
	const char *env = getenv("CS_AUTHOR");
	char *name = NULL, *email = NULL;
	git_config *cfg = NULL;
	git_time_t when = 0;
	int offset = 0, error;
	if ((error = commit_time(&when, &offset)) < 0)
		goto cleanup;
	if (env && *env) {
		const char *lt = strrchr(env, '<'), *gt = lt ? strchr(lt, '>') : NULL;
		const char *e = lt;
		if (!lt || !gt || gt == lt + 1) {
			error = cs_error_set(CS_EUSAGE, "CS_AUTHOR: '%s' is not 'Name <email>'", env);
			goto cleanup;
		}
		while (e > env && e[-1] == ' ')
			e--;
		if (e == env) {
			error = cs_error_set(CS_EUSAGE, "CS_AUTHOR: '%s' has no name", env);
			goto cleanup;
		}
		if (!(name = cs_strndup(env, (size_t)(e - env))) ||
		    !(email = cs_strndup(lt + 1, (size_t)(gt - lt - 1)))) {
			error = CS_ENOMEM;
			goto cleanup;
		}
	} else if (git_repository_config_snapshot(&cfg, repo) == 0) {
		const char *v;
		if (git_config_get_string(&v, cfg, "user.name") == 0 && *v &&
		    !(name = cs_strdup(v))) {
			error = CS_ENOMEM;
			goto cleanup;
		}
		if (git_config_get_string(&v, cfg, "user.email") == 0 && *v &&
		    !(email = cs_strdup(v))) {
			error = CS_ENOMEM;
			goto cleanup;
		}
	}
	if (git_signature_new(out, name ? name : "cs", email ? email : "cs@localhost", when,
			      offset) < 0)
		error = store_git_fail(CS_EUSAGE, "bad author");
cleanup:
	git_error_clear();
	git_config_free(cfg);
	free(name);
	free(email);
	return error;
}

/* --- opening ----------------------------------------------------------- */

int store_head_tree(git_tree **out, git_repository *repo, git_oid *id)
{
	git_commit *c = NULL;
	int error;
	if (git_reference_name_to_id(id, repo, "HEAD") < 0)
		return CS_ENOTFOUND;
	if ((error = git_commit_lookup(&c, repo, id)) < 0)
		return store_git_fail(CS_EIO, "cannot read HEAD");
	error = git_commit_tree(out, c) < 0 ? store_git_fail(CS_EIO, "cannot read HEAD's tree") : 0;
	git_commit_free(c);
	return error;
}

int store_blob_at(git_blob **out, git_repository *repo, git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	int error = 0;
	if ((error = store_entry_at(&e, tree, path)) < 0 && error != CS_ENOTFOUND)
		goto cleanup;
	if (error < 0 || git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		error = cs_error_set(CS_ENOTFOUND, "%s: no such file", path);
		goto cleanup;
	}
	if (git_blob_lookup(out, repo, git_tree_entry_id(e)) < 0)
		error = store_git_fail(CS_EIO, path);
cleanup:
	git_tree_entry_free(e);
	return error;
}

/* Open dir as a repository whose HEAD holds cs.yaml; CS_ENOTFOUND otherwise. */
/* The store's own schemas (schemas/<kind>.schema.yaml in HEAD) replace the
 * built-in ones (DESIGN 2). */
int store_load_overrides(cs_store *s, git_tree *tree)
{
	git_repository *repo = s->repo;
	git_tree_entry *dir = NULL;
	git_tree *schemas = NULL;
	git_blob *blob = NULL;
	cs_buf name = CS_BUF_INIT;
	size_t i, n;
	int error = 0;
	if (git_tree_entry_bypath(&dir, tree, "schemas") < 0 ||
	    git_tree_entry_type(dir) != GIT_OBJECT_TREE) {
		git_error_clear();
		goto cleanup;
	}
	if (git_tree_lookup(&schemas, repo, git_tree_entry_id(dir)) < 0) {
		error = store_git_fail(CS_EIO, "cannot read schemas/");
		goto cleanup;
	}
	n = git_tree_entrycount(schemas);
	for (i = 0; i < n && !error; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(schemas, i);
		const char *file = git_tree_entry_name(e);
		size_t len = strlen(file);
		char kind[64];
		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || len <= 12 ||
		    strcmp(file + len - 12, ".schema.yaml") || len - 12 >= sizeof(kind))
			continue;
		memcpy(kind, file, len - 12);
		kind[len - 12] = '\0';
		git_blob_free(blob);
		blob = NULL;
		if (git_blob_lookup(&blob, repo, git_tree_entry_id(e)) < 0) {
			error = store_git_fail(CS_EIO, file);
			break;
		}
		cs_buf_clear(&name);
		cs_buf_printf(&name, "schemas/%s", file);
		if (!s->schemas && (error = cs_schema_set_new(&s->schemas)) < 0)
			break;
		error = cs_schema_set_add(s->schemas, kind, git_blob_rawcontent(blob),
					  (size_t)git_blob_rawsize(blob), cs_buf_cstr(&name));
	}
cleanup:
	git_blob_free(blob);
	git_tree_free(schemas);
	git_tree_entry_free(dir);
	cs_buf_free(&name);
	return error;
}

static int try_open(cs_store *s, const char *dir)
{
	git_tree *tree = NULL;
	git_blob *blob = NULL;
	git_oid id;
	const char *p;
	int error = 0;
	errno = 0;
	if (git_repository_open_ext(&s->repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		const git_error *e = git_error_last();
		if ((e && e->klass == GIT_ERROR_NOMEMORY) || errno == ENOMEM)
			return store_git_fail(CS_ENOMEM, dir);
		git_error_clear();
		return CS_ENOTFOUND;
	}
	if ((error = store_head_tree(&tree, s->repo, &id)) < 0) {
		git_reference *head = NULL;
		/* a branch deleted or never made: say so, not "no store" */
		if (error == CS_ENOTFOUND && git_repository_head_unborn(s->repo) == 1 &&
		    git_reference_lookup(&head, s->repo, "HEAD") == 0 &&
		    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC)
			cs_error_set(CS_ENOTFOUND, "%s: HEAD names the branch '%s', which has no "
				     "commit (deleted, or never made); check out a branch of the store",
				     dir, git_reference_symbolic_target(head));
		git_reference_free(head);
		git_error_clear();
		goto cleanup;
	}
	if ((error = store_blob_at(&blob, s->repo, tree, "cs.yaml")) < 0)
		goto cleanup;
	if ((error = cs_yaml_load(&s->config, git_blob_rawcontent(blob),
				  (size_t)git_blob_rawsize(blob), "cs.yaml")) < 0)
		goto cleanup;
	if (!s->config || s->config->type != CS_NODE_MAP) {
		error = cs_error_set(CS_EDATA, "cs.yaml: not a mapping");
		goto cleanup;
	}
	if ((error = store_load_overrides(s, tree)) < 0)
		goto cleanup;
	git_oid_tostr(s->head, sizeof(s->head), &id);
	s->bare = git_repository_is_bare(s->repo);
	p = s->bare ? git_repository_path(s->repo) : git_repository_workdir(s->repo);
	if (!(s->path = cs_strdup(p)) || !(s->gitdir = cs_strdup(git_repository_path(s->repo))))
		error = CS_ENOMEM;
cleanup:
	if (error < 0) {
		cs_node_free(s->config);
		s->config = NULL;
		cs_schema_set_free(s->schemas);
		s->schemas = NULL;
		git_repository_free(s->repo);
		s->repo = NULL;
	}
	git_blob_free(blob);
	git_tree_free(tree);
	return error;
}

static int find_upwards(cs_store *s)
{
	cs_buf dir = CS_BUF_INIT;
	char *cwd = getcwd(NULL, 0);
	struct stat st;
	int error = CS_ENOTFOUND;
	if (!cwd)
		return cs_error_set(CS_EIO, "cannot read the working directory: %s", strerror(errno));
	if (cs_buf_puts(&dir, cwd) < 0) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (;;) {
		size_t len = dir.len;
		char *slash;
		if (cs_buf_puts(&dir, len > 1 ? "/cs.yaml" : "cs.yaml") < 0) {
			error = CS_ENOMEM;
			goto cleanup;
		}
		if (stat(dir.ptr, &st) == 0) {
			dir.ptr[len] = '\0';
			dir.len = len;
			error = try_open(s, dir.ptr);
			if (error != CS_ENOTFOUND)
				goto cleanup;
		}
		dir.ptr[len] = '\0';
		dir.len = len;
		if (len <= 1)
			break;
		slash = strrchr(dir.ptr, '/');
		dir.len = slash == dir.ptr ? 1 : (size_t)(slash - dir.ptr);
		dir.ptr[dir.len] = '\0';
	}
	error = CS_ENOTFOUND;
cleanup:
	free(cwd);
	cs_buf_free(&dir);
	return error;
}


int cs_store_open(cs_store **out, const char *dir)
{
	cs_store *s = NULL;
	const char *env = getenv("CS_STORE");
	int error, inited = 0;
	*out = NULL;
	if ((error = store_lib_init()) < 0)
		return error;
	inited = 1;
	if (!(s = cs_calloc(1, sizeof(*s)))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	s->lock_fd = -1;
	cs_error_clear();
	if (dir)
		error = try_open(s, dir);
	else if (env && *env)
		error = try_open(s, env);
	else
		error = find_upwards(s);
	if (error == CS_ENOTFOUND) {
		if (!*cs_error_last())
			cs_error_set(CS_ENOTFOUND, "no cs store found (use -C DIR or set CS_STORE)");
		goto cleanup;
	}
	if (error < 0)
		goto cleanup;
	inited = 0;
	/* a store on read-only media, or one only readable to this user, is
	 * read, never repaired: there is nothing a read could write there */
	if (!s->bare && access(s->gitdir, W_OK) == 0) {
		if ((error = store_lock_store(s, store_deadline_ms())) < 0)
			goto cleanup;
		/* reads come from objects: a working tree that cannot be
		 * repaired now (index locked by plain git) is no reason to fail */
		if (store_recover(s) < 0)
			cs_error_clear();
		store_unlock_store(s);
	}
	*out = s;
	s = NULL;
cleanup:
	if (s)
		cs_store_free(s);
	if (inited)
		git_libgit2_shutdown();
	return error;
}

void cs_store_free(cs_store *s)
{
	if (!s)
		return;
	store_unlock_store(s);
	cs_node_free(s->config);
	cs_schema_set_free(s->schemas);
	free(s->path);
	free(s->gitdir);
	if (s->repo) {
		git_repository_free(s->repo);
		git_libgit2_shutdown();
	}
	free(s);
}

int cs_store_is_bare(const cs_store *s)
{
	return s->bare;
}

const char *cs_store_path(const cs_store *s)
{
	return s->path;
}

const cs_schema_set *cs_store_schemas(const cs_store *s)
{
	return s ? s->schemas : NULL;
}

const cs_node *cs_store_config(const cs_store *s)
{
	return s->config;
}

const char *cs_store_head(const cs_store *s)
{
	return s->head;
}

/* --- create ------------------------------------------------------------ */

static const char hook[] =
	"#!/bin/sh\n"
	"# Installed by csinit: check records before each hand-made commit.\n"
	"command -v cscheck >/dev/null 2>&1 || exit 0\n"
	"exec cscheck --worktree -C \"$(git rev-parse --show-toplevel)\" --hook\n";

int store_empty_tree(git_tree **out, git_repository *repo)
{
	git_treebuilder *tb = NULL;
	git_oid id;
	int error = 0;
	if (git_treebuilder_new(&tb, repo, NULL) < 0 || git_treebuilder_write(&id, tb) < 0 ||
	    git_tree_lookup(out, repo, &id) < 0)
		error = store_git_fail(CS_EIO, "cannot write the empty tree");
	git_treebuilder_free(tb);
	return error;
}

static int has_store(const char *dir)
{
	cs_buf p = CS_BUF_INIT;
	git_repository *repo = NULL;
	git_oid id;
	struct stat st;
	int found = 0;
	if (cs_buf_printf(&p, "%s/cs.yaml", dir) == 0 && lstat(p.ptr, &st) == 0)
		found = 1;
	if (!found && git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0 &&
	    git_reference_name_to_id(&id, repo, "HEAD") == 0)
		found = 1;
	git_error_clear();
	git_repository_free(repo);
	cs_buf_free(&p);
	return found;
}

static int check_files(const char *dir, const cs_file *files, size_t nfiles)
{
	int has_config = 0;
	for (size_t i = 0; i < nfiles; i++) {
		if (!store_valid_path(files[i].path))
			return cs_error_set(CS_EUSAGE, "'%s' is not a valid store path", files[i].path);
		if (strcmp(files[i].path, "cs.yaml") == 0)
			has_config = 1;
	}
	if (!has_config)
		return cs_error_set(CS_EUSAGE, "a store needs cs.yaml");
	if (has_store(dir))
		return cs_error_set(CS_ECANTCREAT, "'%s' holds a store or repository already", dir);
	return 0;
}

/* The tree of the files, from the empty tree. */
static int first_tree(git_repository *repo, git_tree *empty, const cs_file *files, size_t nfiles,
		      git_tree **out)
{
	git_tree_update *ups = cs_calloc(nfiles + 1, sizeof(*ups));
	git_oid *ids = cs_calloc(nfiles + 1, sizeof(*ids)), tree_id;
	int error = 0;
	if (!ups || !ids) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (size_t i = 0; i < nfiles && !error; i++) {
		if (git_blob_create_from_buffer(&ids[i], repo, files[i].data, files[i].len) < 0)
			error = store_git_fail(CS_EIO, files[i].path);
		ups[i].action = GIT_TREE_UPDATE_UPSERT;
		ups[i].id = ids[i];
		ups[i].filemode = GIT_FILEMODE_BLOB;
		ups[i].path = files[i].path;
	}
	if (!error && (git_tree_create_updated(&tree_id, repo, empty, nfiles, ups) < 0 ||
		       git_tree_lookup(out, repo, &tree_id) < 0))
		error = store_git_fail(CS_EIO, "cannot build the first tree");
cleanup:
	free(ups);
	free(ids);
	return error;
}

static int first_commit(git_repository *repo, git_tree *tree, const char *message)
{
	git_signature *sig = NULL;
	git_oid commit_id;
	cs_buf msg = CS_BUF_INIT;
	int error;
	if ((error = store_make_signature(&sig, repo)) < 0)
		return error;
	/* a message that carries its own Cs-Command trailer is taken as it is */
	if (message && strstr(message, "Cs-Command:"))
		error = cs_buf_printf(&msg, "%s%s", message,
				      message[strlen(message) - 1] == '\n' ? "" : "\n");
	else
		error = cs_buf_printf(&msg, "%s\n\nCs-Command: csinit\n",
				      message && *message ? message : "Create the store");
	if (!error &&
	    git_commit_create(&commit_id, repo, "HEAD", sig, sig, NULL, msg.ptr, tree, 0, NULL) < 0)
		error = store_git_fail(CS_EIO, "cannot make the first commit");
	cs_buf_free(&msg);
	git_signature_free(sig);
	return error;
}

/* Remove a directory tree csinit made (its temporary git directory). */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void remove_tree(const char *path)
{
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) < 0 && errno != ENOENT)
		cs_error_clear();
}

/* The temporary git directories of csinits killed mid-way in dir, named
 * by prefix and the dead command's pid, are removed. */
static void remove_dead_temps(const char *dir, const char *prefix)
{
	size_t n = strlen(prefix);
	cs_buf p = CS_BUF_INIT;
	struct dirent *e;
	DIR *d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		char *end;
		long pid;
		if (strncmp(e->d_name, prefix, n))
			continue;
		pid = strtol(e->d_name + n, &end, 10);
		if (pid <= 0 || strcmp(end, ".tmp") || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		cs_buf_clear(&p);
		if (cs_buf_printf(&p, "%s/%s", dir, e->d_name) == 0)
			remove_tree(p.ptr);
	}
	closedir(d);
	cs_buf_free(&p);
}

/* What csinit writes into the git directory before it is moved into place:
 * the hook, and for a working tree cs-pending naming every file, so that
 * the working tree and index are written by store_recover (now, or by
 * the next command when this one is killed). */
static int fill_gitdir(const char *gitdir, int bare, const cs_file *files, size_t nfiles,
		       const char *hook_text)
{
	cs_buf list = CS_BUF_INIT, h = CS_BUF_INIT;
	int error = 0;
	if (bare)
		return 0;
	if (!hook_text)
		hook_text = hook;
	if ((error = store_write_file(gitdir, "hooks/pre-commit", hook_text, strlen(hook_text),
				      0755)) < 0)
		goto cleanup;
	if ((error = cs_buf_printf(&h, "%shooks/pre-commit", gitdir)) == 0 && chmod(h.ptr, 0755) < 0) {
		error = cs_error_set(CS_EIO, "cannot chmod '%s': %s", h.ptr, strerror(errno));
		goto cleanup;
	}
	for (size_t i = 0; i < nfiles && !error; i++)
		error = cs_buf_printf(&list, "%s\n", files[i].path);
	if (!error)
		error = store_write_file(gitdir, "cs-pending", list.ptr, list.len, 0600);
cleanup:
	cs_buf_free(&list);
	cs_buf_free(&h);
	return error;
}

/* The store is made whole in a temporary git directory beside where it
 * goes (DIR/.csinit-PID.tmp, or .NAME.csinit-PID.tmp beside a bare DIR),
 * which a rename then moves into place: that is the commit point, so a
 * csinit that fails or is killed leaves no store and no lock, and the
 * next csinit works. A working tree is then written as after any killed
 * write, from cs-pending. */
/* Where csinit makes the store: parent (the directory the temporary one is
 * made in), the temporary git directory and the final one. */
struct create_paths {
	cs_buf parent, prefix, tmp, final;
};

static int create_paths(const char *dir, int bare, struct create_paths *p)
{
	size_t dlen = strlen(dir);
	const char *slash;
	int error;
	while (dlen > 1 && dir[dlen - 1] == '/')
		dlen--;
	if (bare) {
		for (slash = dir + dlen; slash > dir && slash[-1] != '/'; slash--)
			;
		if (slash == dir)
			error = cs_buf_puts(&p->parent, ".");
		else
			error = cs_buf_printf(&p->parent, "%.*s",
					      slash - dir > 1 ? (int)(slash - dir - 1) : 1, dir);
		if (!error)
			error = cs_buf_printf(&p->prefix, ".%.*s.csinit-", (int)(dir + dlen - slash),
					      slash);
		if (!error)
			error = cs_buf_printf(&p->final, "%.*s", (int)dlen, dir);
	} else {
		error = cs_buf_printf(&p->parent, "%.*s", (int)dlen, dir);
		if (!error)
			error = cs_buf_puts(&p->prefix, ".csinit-");
		if (!error)
			error = cs_buf_printf(&p->final, "%.*s/.git", (int)dlen, dir);
	}
	if (!error)
		error = cs_buf_printf(&p->tmp, "%s/%s%ld.tmp", p->parent.ptr, p->prefix.ptr,
				      (long)getpid());
	return error;
}

static void create_paths_free(struct create_paths *p)
{
	cs_buf_free(&p->parent);
	cs_buf_free(&p->prefix);
	cs_buf_free(&p->tmp);
	cs_buf_free(&p->final);
}

/* The temporary git directory, owner's and group's only, on branch main. */
static int init_temp_repo(const char *dir, int bare, const struct create_paths *p,
			  git_repository **repo)
{
	git_repository_init_options opts;
	git_config *cfg = NULL;
	int r;
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_BARE;
	opts.initial_head = "main";
	if (git_repository_init_ext(repo, p->tmp.ptr, &opts) < 0)
		return store_git_fail(CS_ECANTCREAT, dir);
	/* residents' records: the store is its owner's and its group's only */
	if (chmod(p->tmp.ptr, 0750) < 0 || (!bare && chmod(p->parent.ptr, 0750) < 0))
		return cs_error_set(CS_EIO, "cannot chmod '%s': %s", dir, strerror(errno));
	if (bare)
		return 0;
	r = git_repository_config(&cfg, *repo);
	if (r == 0)
		r = git_config_set_bool(cfg, "core.bare", 0);
	if (r == 0)
		r = git_config_set_bool(cfg, "core.logallrefupdates", 1);
	git_config_free(cfg);
	return r < 0 ? store_git_fail(CS_EIO, "cannot write the configuration") : 0;
}

/* The temporary git directory renamed into place. */
static int move_into_place(const char *dir, int bare, struct create_paths *p)
{
	if (rename(p->tmp.ptr, p->final.ptr) < 0) {
		if (errno == EEXIST || errno == ENOTEMPTY)
			return cs_error_set(CS_ECANTCREAT,
					    "'%s' holds a git repository or other files already",
					    bare ? dir : p->final.ptr);
		return cs_error_set(CS_EIO, "cannot rename '%s' to '%s': %s", p->tmp.ptr,
				    p->final.ptr, strerror(errno));
	}
	cs_buf_clear(&p->tmp);
	/* renamed: the store is there, though the rename may not last a power cut */
	if (store_fsync_dir(p->parent.ptr) < 0)
		cs_error_clear();
	return 0;
}

int cs_store_create_hook(const char *dir, int bare, const cs_file *files, size_t nfiles,
			 const char *message, const char *hook_text)
{
	struct create_paths p = { CS_BUF_INIT, CS_BUF_INIT, CS_BUF_INIT, CS_BUF_INIT };
	git_repository *repo = NULL;
	git_tree *empty = NULL, *tree = NULL;
	cs_store *s = NULL;
	int error;
	if ((error = store_lib_init()) < 0)
		return error;
	if ((error = check_files(dir, files, nfiles)) < 0 ||
	    (error = create_paths(dir, bare, &p)) < 0)
		goto cleanup;
	/* the directory itself (a working tree's) or those above it */
	if ((error = store_make_parents("", bare ? p.parent.ptr : p.final.ptr)) < 0 ||
	    (bare && (error = store_make_parents("", p.tmp.ptr)) < 0))
		goto cleanup;
	remove_dead_temps(p.parent.ptr, p.prefix.ptr);
	remove_tree(p.tmp.ptr);
	if ((error = init_temp_repo(dir, bare, &p, &repo)) < 0 ||
	    (error = store_empty_tree(&empty, repo)) < 0 ||
	    (error = first_tree(repo, empty, files, nfiles, &tree)) < 0 ||
	    (error = first_commit(repo, tree, message)) < 0 ||
	    (error = fill_gitdir(git_repository_path(repo), bare, files, nfiles, hook_text)) < 0)
		goto cleanup;
	git_tree_free(tree);
	git_tree_free(empty);
	git_repository_free(repo);
	tree = empty = NULL;
	repo = NULL;
	if ((error = move_into_place(dir, bare, &p)) < 0)
		goto cleanup;
	/* the working tree and index; what cannot be written now, the next
	 * command writes */
	if (!bare && cs_store_open(&s, dir) < 0)
		cs_error_clear();
cleanup:
	cs_store_free(s);
	git_tree_free(tree);
	git_tree_free(empty);
	git_repository_free(repo);
	if (p.tmp.len)
		remove_tree(p.tmp.ptr);
	create_paths_free(&p);
	git_libgit2_shutdown();
	return error;
}

int cs_store_create(const char *dir, int bare, const cs_file *files, size_t nfiles,
		    const char *message)
{
	return cs_store_create_hook(dir, bare, files, nfiles, message, NULL);
}

/* --- reading ----------------------------------------------------------- */

int store_commit_tree(git_tree **out, cs_store *s, const char *oid_hex)
{
	git_commit *c = NULL;
	git_oid id;
	int error = 0;
	const char *hex = oid_hex ? oid_hex : s->head;
	if (!*hex)
		return cs_error_set(CS_ENOTFOUND, "the store has no commit");
	if (git_oid_fromstr(&id, hex) < 0) {
		git_error_clear();
		return cs_error_set(CS_EUSAGE, "'%s' is not a commit id", hex);
	}
	if (git_commit_lookup(&c, s->repo, &id) < 0) {
		error = store_git_fail(CS_ENOTFOUND, hex);
		goto cleanup;
	}
	if (git_commit_tree(out, c) < 0)
		error = store_git_fail(CS_EIO, hex);
cleanup:
	git_commit_free(c);
	return error;
}

int cs_store_resolve(cs_store *s, const char *rev, char oid_hex[41])
{
	git_object *obj = NULL;
	git_commit *c = NULL, *parent = NULL;
	git_oid id;
	cs_day day;
	int error = 0;
	if (!rev || strcmp(rev, "HEAD") == 0) {
		if (git_reference_name_to_id(&id, s->repo, "HEAD") < 0) {
			git_error_clear();
			return cs_error_set(CS_ENOTFOUND, "the store has no commit");
		}
		git_oid_tostr(oid_hex, 41, &id);
		return 0;
	}
	/* shaped as a date but none (2026-02-30): a mistyped date, not a revision */
	if (strlen(rev) == 10 && strspn(rev, "0123456789-") == 10 && rev[4] == '-' &&
	    rev[7] == '-' && cs_date_parse(rev, &day) < 0) {
		cs_error_clear();
		return cs_error_set(CS_EUSAGE, "'%s' is not a date (YYYY-MM-DD) nor a revision", rev);
	}
	if (strlen(rev) == 10 && cs_date_parse(rev, &day) == 0) {
		struct tm tm;
		time_t end;
		int y, m, d;
		cs_error_clear();
		cs_date_to_ymd(day, &y, &m, &d);
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d;
		tm.tm_hour = 23;
		tm.tm_min = 59;
		tm.tm_sec = 59;
		tm.tm_isdst = -1;
		end = mktime(&tm);
		if (git_reference_name_to_id(&id, s->repo, "HEAD") < 0 ||
		    git_commit_lookup(&c, s->repo, &id) < 0) {
			error = store_git_fail(CS_ENOTFOUND, "HEAD");
			goto cleanup;
		}
		while (git_commit_time(c) > (git_time_t)end) {
			if (git_commit_parentcount(c) == 0) {
				error = cs_error_set(CS_ENOTFOUND, "no commit at or before %s", rev);
				goto cleanup;
			}
			if (git_commit_parent(&parent, c, 0) < 0) {
				error = store_git_fail(CS_EIO, "cannot read history");
				goto cleanup;
			}
			git_commit_free(c);
			c = parent;
			parent = NULL;
		}
		git_oid_tostr(oid_hex, 41, git_commit_id(c));
		goto cleanup;
	}
	if (git_revparse_single(&obj, s->repo, rev) < 0) {
		git_error_clear();
		error = cs_error_set(CS_ENOTFOUND, "unknown revision '%s'", rev);
		goto cleanup;
	}
	if (git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) < 0) {
		git_error_clear();
		error = cs_error_set(CS_ENOTFOUND, "'%s' is not a commit", rev);
		goto cleanup;
	}
	git_oid_tostr(oid_hex, 41, git_commit_id(c));
cleanup:
	git_commit_free(parent);
	git_commit_free(c);
	git_object_free(obj);
	return error;
}

int cs_store_read_blob(cs_store *s, const char *oid_hex, const char *path, cs_buf *out)
{
	git_tree *tree = NULL;
	git_blob *blob = NULL;
	int error;
	if ((error = store_commit_tree(&tree, s, oid_hex)) < 0)
		goto cleanup;
	if ((error = store_blob_at(&blob, s->repo, tree, path)) < 0)
		goto cleanup;
	cs_buf_clear(out);
	error = cs_buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
cleanup:
	git_blob_free(blob);
	git_tree_free(tree);
	return error;
}

int cs_store_exists(cs_store *s, const char *oid_hex, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int found;
	if (store_commit_tree(&tree, s, oid_hex) < 0) {
		cs_error_clear();
		return 0;
	}
	found = git_tree_entry_bypath(&e, tree, path) == 0;
	git_error_clear();
	git_tree_entry_free(e);
	git_tree_free(tree);
	return found;
}

int cs_store_read_record(cs_store *s, const char *oid_hex, const char *path, cs_node **out)
{
	cs_buf b = CS_BUF_INIT;
	int error;
	*out = NULL;
	if ((error = cs_store_read_blob(s, oid_hex, path, &b)) < 0)
		goto cleanup;
	error = cs_yaml_load(out, b.ptr, b.len, path);
cleanup:
	cs_buf_free(&b);
	return error;
}

struct walk {
	git_repository *repo;
	const char *prefix;
	cs_buf path;
	cs_store_walk_fn fn;
	cs_store_want_fn want;
	void *ctx;
	int result;
};

static int walk_cb(const char *root, const git_tree_entry *e, void *payload)
{
	struct walk *w = payload;
	git_blob *blob = NULL;
	int r;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	cs_buf_clear(&w->path);
	if (cs_buf_puts(&w->path, w->prefix) < 0 || cs_buf_puts(&w->path, root) < 0 ||
	    cs_buf_puts(&w->path, git_tree_entry_name(e)) < 0) {
		w->result = CS_ENOMEM;
		return -1;
	}
	if (w->want && (r = w->want(w->ctx, w->path.ptr, git_tree_entry_id(e)->id)) != 0) {
		if (r > 0)
			return 0;
		w->result = r;
		return -1;
	}
	if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(e)) < 0) {
		w->result = store_git_fail(CS_EIO, w->path.ptr);
		return -1;
	}
	r = w->fn(w->ctx, w->path.ptr, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	if (r) {
		w->result = r;
		return -1;
	}
	return 0;
}

int cs_store_tree_id(cs_store *s, const char *oid_hex, const char *dir, char hex[41])
{
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	int error;
	if ((error = store_commit_tree(&root, s, oid_hex)) < 0)
		return error;
	if ((error = store_entry_at(&e, root, dir)) < 0 && error != CS_ENOTFOUND)
		goto cleanup;
	if (error < 0 || git_tree_entry_type(e) != GIT_OBJECT_TREE)
		error = CS_ENOTFOUND;
	else
		git_oid_tostr(hex, 41, git_tree_entry_id(e));
cleanup:
	git_tree_entry_free(e);
	git_tree_free(root);
	return error;
}

void cs_store_set_cache(cs_store *s, int on)
{
	s->no_cache = !on;
}

int cs_store_cache_on(const cs_store *s)
{
	const char *env = getenv("CS_CACHE");
	return !s->no_cache && !(env && !strcmp(env, "0"));
}

int cs_store_names(cs_store *s, const char *oid_hex, const char *dir, cs_store_name_fn fn,
		   void *ctx)
{
	git_tree *root = NULL, *sub = NULL;
	git_tree_entry *e = NULL;
	size_t i;
	int error;
	if ((error = store_commit_tree(&root, s, oid_hex)) < 0)
		return error;
	if ((error = store_entry_at(&e, root, dir)) < 0 || git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		if (error == CS_ENOTFOUND)
			error = 0;
		goto cleanup;
	}
	if (git_tree_lookup(&sub, s->repo, git_tree_entry_id(e)) < 0) {
		error = store_git_fail(CS_EIO, dir);
		goto cleanup;
	}
	for (i = 0; i < git_tree_entrycount(sub) && !error; i++) {
		const git_tree_entry *c = git_tree_entry_byindex(sub, i);
		error = fn(ctx, git_tree_entry_name(c), git_tree_entry_type(c) == GIT_OBJECT_TREE);
	}
cleanup:
	git_tree_entry_free(e);
	git_tree_free(sub);
	git_tree_free(root);
	return error;
}

int cs_store_walk(cs_store *s, const char *oid_hex, const char *dir,
		  cs_store_walk_fn fn, void *ctx)
{
	return cs_store_walk_ids(s, oid_hex, dir, NULL, fn, ctx);
}

int cs_store_walk_ids(cs_store *s, const char *oid_hex, const char *dir,
		      cs_store_want_fn want, cs_store_walk_fn fn, void *ctx)
{
	git_tree *root = NULL, *sub = NULL;
	git_tree_entry *e = NULL;
	struct walk w = { s->repo, "", CS_BUF_INIT, fn, want, ctx, 0 };
	cs_buf prefix = CS_BUF_INIT;
	int error;
	if ((error = store_commit_tree(&root, s, oid_hex)) < 0)
		goto cleanup;
	if (dir && *dir) {
		size_t n = strlen(dir);
		while (n > 0 && dir[n - 1] == '/')
			n--;
		if ((error = cs_buf_put(&prefix, dir, n)) < 0 || (error = cs_buf_putc(&prefix, '/')) < 0)
			goto cleanup;
		prefix.ptr[n] = '\0';
		if ((error = store_entry_at(&e, root, prefix.ptr)) < 0 ||
		    git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			if (error == CS_ENOTFOUND)
				error = 0;
			goto cleanup;
		}
		prefix.ptr[n] = '/';
		if (git_tree_lookup(&sub, s->repo, git_tree_entry_id(e)) < 0) {
			error = store_git_fail(CS_EIO, dir);
			goto cleanup;
		}
		w.prefix = prefix.ptr;
	}
	if (git_tree_walk(sub ? sub : root, GIT_TREEWALK_PRE, walk_cb, &w) < 0) {
		error = w.result ? w.result : store_git_fail(CS_EIO, "cannot walk the tree");
		if (error > 0)
			git_error_clear();
	}
cleanup:
	cs_buf_free(&w.path);
	cs_buf_free(&prefix);
	git_tree_entry_free(e);
	git_tree_free(sub);
	git_tree_free(root);
	return error;
}

