#include <dirent.h>
/* The store: git reads and the one-commit write path (DESIGN 2, 4). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "error.h"
#include "record.h"
#include "store.h"
#include "yaml.h"

#define LOCK_TIMEOUT_MS 5000

struct cs_store {
	git_repository *repo;
	int bare;
	char *path;    /* worktree root or git dir, with trailing '/' */
	char *gitdir;  /* with trailing '/' */
	cs_node *config;
	char head[41];
	int lock_fd;
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
	cs_sign_fn sign;
	void *sign_ctx;
};

static int git_fail(int code, const char *what)
{
	const git_error *e = git_error_last();
	return cs_error_set(code, "%s: %s", what, e && e->message ? e->message : "libgit2 error");
}

static int lib_init(void)
{
	if (git_libgit2_init() < 0)
		return git_fail(CS_ESOFTWARE, "cannot initialise libgit2");
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long deadline_ms(void)
{
	const char *env = getenv("CS_LOCK_TIMEOUT_MS");
	long long ms = LOCK_TIMEOUT_MS;
	if (env && *env) {
		char *end;
		long long v = strtoll(env, &end, 10);
		if (*end == '\0' && v >= 0)
			ms = v;
	}
	return now_ms() + ms;
}

static void nap(void)
{
	static unsigned seed;
	struct timespec ts;
	if (!seed)
		seed = (unsigned)getpid() ^ (unsigned)now_ms();
	ts.tv_sec = 0;
	ts.tv_nsec = (long)(1 + rand_r(&seed) % 10) * 1000000L;
	nanosleep(&ts, NULL);
}

/* Exclusive flock on <gitdir>/cs.lock, retried until the deadline. */
static int lock_store(cs_store *s, long long deadline)
{
	cs_buf p = CS_BUF_INIT;
	int fd = -1, error = 0;
	if (s->lock_fd >= 0)
		return 0;
	if ((error = cs_buf_printf(&p, "%scs.lock", s->gitdir)) < 0)
		goto cleanup;
	fd = open(p.ptr, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0) {
		error = cs_error_set(CS_EIO, "cannot open '%s': %s", p.ptr, strerror(errno));
		goto cleanup;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			error = cs_error_set(CS_EIO, "cannot lock '%s': %s", p.ptr, strerror(errno));
			goto cleanup;
		}
		if (now_ms() >= deadline) {
			error = cs_error_set(CS_EBUSY, "store is busy: '%s' is held by another command",
					     p.ptr);
			goto cleanup;
		}
		nap();
	}
	s->lock_fd = fd;
	fd = -1;
cleanup:
	if (fd >= 0)
		close(fd);
	cs_buf_free(&p);
	return error;
}

static void unlock_store(cs_store *s)
{
	if (s->lock_fd >= 0) {
		close(s->lock_fd);
		s->lock_fd = -1;
	}
}

static int valid_path(const char *path)
{
	const char *p = path, *seg;
	if (!path || !*path || *path == '/')
		return 0;
	while (*p) {
		size_t n;
		seg = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - seg);
		if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.') ||
		    (n == 4 && strncasecmp(seg, ".git", 4) == 0))
			return 0;
		if (*p == '/') {
			p++;
			if (!*p)
				return 0;
		}
	}
	return 1;
}

/* --- files ------------------------------------------------------------- */

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int error = 0;
	if (fd < 0)
		return cs_error_set(CS_EIO, "cannot open '%s': %s", dir, strerror(errno));
	if (fsync(fd) < 0 && errno != EINVAL)
		error = cs_error_set(CS_EIO, "cannot sync '%s': %s", dir, strerror(errno));
	close(fd);
	return error;
}

/* Create the directories leading to root/rel, refusing symlinks on the way. */
static int make_parents(const char *root, const char *rel)
{
	cs_buf p = CS_BUF_INIT;
	const char *slash;
	struct stat st;
	int error = 0;
	if ((error = cs_buf_puts(&p, root)) < 0)
		goto cleanup;
	for (const char *c = rel; (slash = strchr(c, '/')); c = slash + 1) {
		if ((error = cs_buf_put(&p, c, (size_t)(slash - c + 1))) < 0)
			goto cleanup;
		if (lstat(p.ptr, &st) == 0) {
			if (!S_ISDIR(st.st_mode)) {
				error = cs_error_set(CS_ECANTCREAT, "cannot create '%s%s': '%s' is not a directory",
						     root, rel, p.ptr);
				goto cleanup;
			}
			continue;
		}
		if (mkdir(p.ptr, 0777) < 0 && errno != EEXIST) {
			error = cs_error_set(CS_ECANTCREAT, "cannot create '%s': %s", p.ptr, strerror(errno));
			goto cleanup;
		}
	}
cleanup:
	cs_buf_free(&p);
	return error;
}

/* Write root/rel atomically: temp file beside it, fsync, rename, fsync dir. */
static int write_file(const char *root, const char *rel, const char *data, size_t len,
		      mode_t mode)
{
	static unsigned counter;
	cs_buf path = CS_BUF_INIT, tmp = CS_BUF_INIT, dir = CS_BUF_INIT;
	int fd = -1, error = 0, tries = 0;
	const char *slash;
	if ((error = make_parents(root, rel)) < 0)
		goto cleanup;
	if ((error = cs_buf_printf(&path, "%s%s", root, rel)) < 0)
		goto cleanup;
	slash = strrchr(path.ptr, '/');
	if ((error = cs_buf_put(&dir, path.ptr, slash ? (size_t)(slash - path.ptr + 1) : 0)) < 0 ||
	    (dir.len == 0 && (error = cs_buf_puts(&dir, "./")) < 0))
		goto cleanup;
	do {
		cs_buf_clear(&tmp);
		if ((error = cs_buf_printf(&tmp, "%s.%s.%ld.%u.tmp", dir.ptr, slash ? slash + 1 : rel,
					   (long)getpid(), counter++)) < 0)
			goto cleanup;
		fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	} while (fd < 0 && errno == EEXIST && ++tries < 100);
	if (fd < 0) {
		error = cs_error_set(CS_ECANTCREAT, "cannot create '%s': %s", tmp.ptr, strerror(errno));
		goto cleanup;
	}
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error = cs_error_set(CS_EIO, "cannot write '%s': %s", tmp.ptr, strerror(errno));
			goto cleanup;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0) {
		error = cs_error_set(CS_EIO, "cannot sync '%s': %s", tmp.ptr, strerror(errno));
		goto cleanup;
	}
	if (close(fd) < 0) {
		fd = -1;
		error = cs_error_set(CS_EIO, "cannot write '%s': %s", tmp.ptr, strerror(errno));
		goto cleanup;
	}
	fd = -1;
	if (rename(tmp.ptr, path.ptr) < 0) {
		error = cs_error_set(CS_EIO, "cannot rename '%s' to '%s': %s", tmp.ptr, path.ptr,
				     strerror(errno));
		goto cleanup;
	}
	cs_buf_clear(&tmp);
	error = fsync_dir(dir.ptr);
cleanup:
	if (fd >= 0)
		close(fd);
	if (tmp.len)
		unlink(tmp.ptr);
	cs_buf_free(&path);
	cs_buf_free(&tmp);
	cs_buf_free(&dir);
	return error;
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

static int make_signature(git_signature **out, git_repository *repo)
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
		error = git_fail(CS_EUSAGE, "bad author");
cleanup:
	git_error_clear();
	git_config_free(cfg);
	free(name);
	free(email);
	return error;
}

/* --- opening ----------------------------------------------------------- */

static int head_tree(git_tree **out, git_repository *repo, git_oid *id)
{
	git_commit *c = NULL;
	int error;
	if (git_reference_name_to_id(id, repo, "HEAD") < 0)
		return CS_ENOTFOUND;
	if ((error = git_commit_lookup(&c, repo, id)) < 0)
		return git_fail(CS_EIO, "cannot read HEAD");
	error = git_commit_tree(out, c) < 0 ? git_fail(CS_EIO, "cannot read HEAD's tree") : 0;
	git_commit_free(c);
	return error;
}

static int blob_at(git_blob **out, git_repository *repo, git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	int error = 0;
	if (git_tree_entry_bypath(&e, tree, path) < 0 || git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		git_error_clear();
		error = cs_error_set(CS_ENOTFOUND, "%s: no such file", path);
		goto cleanup;
	}
	if (git_blob_lookup(out, repo, git_tree_entry_id(e)) < 0)
		error = git_fail(CS_EIO, path);
cleanup:
	git_tree_entry_free(e);
	return error;
}

/* Open dir as a repository whose HEAD holds cs.yaml; CS_ENOTFOUND otherwise. */
/* The store's own schemas (schemas/<kind>.schema.yaml in HEAD) replace the
 * built-in ones (DESIGN 2). */
static int load_overrides(git_repository *repo, git_tree *tree)
{
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
		error = git_fail(CS_EIO, "cannot read schemas/");
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
			error = git_fail(CS_EIO, file);
			break;
		}
		cs_buf_clear(&name);
		cs_buf_printf(&name, "schemas/%s", file);
		error = cs_record_schema_set(kind, git_blob_rawcontent(blob),
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
	if (git_repository_open_ext(&s->repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		git_error_clear();
		return CS_ENOTFOUND;
	}
	if ((error = head_tree(&tree, s->repo, &id)) < 0)
		goto cleanup;
	if ((error = blob_at(&blob, s->repo, tree, "cs.yaml")) < 0)
		goto cleanup;
	if ((error = cs_yaml_load(&s->config, git_blob_rawcontent(blob),
				  (size_t)git_blob_rawsize(blob), "cs.yaml")) < 0)
		goto cleanup;
	if (!s->config || s->config->type != CS_NODE_MAP) {
		error = cs_error_set(CS_EDATA, "cs.yaml: not a mapping");
		goto cleanup;
	}
	if ((error = load_overrides(s->repo, tree)) < 0)
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

static int recover(cs_store *s);

int cs_store_open(cs_store **out, const char *dir)
{
	cs_store *s = NULL;
	const char *env = getenv("CS_STORE");
	int error, inited = 0;
	*out = NULL;
	if ((error = lib_init()) < 0)
		return error;
	inited = 1;
	if (!(s = cs_calloc(1, sizeof(*s)))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	s->lock_fd = -1;
	if (dir)
		error = try_open(s, dir);
	else if (env && *env)
		error = try_open(s, env);
	else
		error = find_upwards(s);
	if (error == CS_ENOTFOUND) {
		error = cs_error_set(CS_ENOTFOUND, "no cs store found (use -C DIR or set CS_STORE)");
		goto cleanup;
	}
	if (error < 0)
		goto cleanup;
	inited = 0;
	if (!s->bare) {
		if ((error = lock_store(s, deadline_ms())) < 0)
			goto cleanup;
		/* reads come from objects: a working tree that cannot be
		 * repaired now (index locked by plain git) is no reason to fail */
		if (recover(s) < 0)
			cs_error_clear();
		unlock_store(s);
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
	unlock_store(s);
	cs_node_free(s->config);
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

const cs_node *cs_store_config(const cs_store *s)
{
	return s->config;
}

const char *cs_store_head(const cs_store *s)
{
	return s->head;
}

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
	if ((error = write_file(s->gitdir, "cs-index", "", 0, 0666)) < 0)
		goto cleanup;
	if (git_index_write(idx) < 0) {
		error = git_fail(CS_EIO, "cannot write the index");
		goto cleanup;
	}
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

/* Remove the temporary files a killed write_file() left beside rel. */
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
		error = git_fail(CS_EIO, "cannot read the index");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		const git_index_entry *ie = git_index_get_bypath(idx, paths[i], 0);
		clear_temp_files(s, paths[i]);
		git_blob_free(blob);
		blob = NULL;
		if ((error = blob_at(&blob, s->repo, tree, paths[i])) == CS_ENOTFOUND) {
			error = 0;
			continue;
		}
		if (error < 0)
			goto cleanup;
		if (ie && git_oid_equal(&ie->id, git_blob_id(blob)))
			continue;
		if ((error = write_file(s->path, paths[i], git_blob_rawcontent(blob),
					(size_t)git_blob_rawsize(blob), 0666)) < 0)
			goto cleanup;
		if (git_index_add_bypath(idx, paths[i]) < 0) {
			error = git_fail(CS_EIO, paths[i]);
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

static int recover(cs_store *s)
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
		if (valid_path(line))
			paths[n++] = line;
		if (!nl[1])
			break;
	}
	if ((error = head_tree(&tree, s->repo, &id)) < 0)
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
	error = write_file(s->gitdir, "cs-pending", b.ptr ? b.ptr : "", b.len, 0666);
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

/* --- create ------------------------------------------------------------ */

static const char hook[] =
	"#!/bin/sh\n"
	"# Installed by csinit: check records before each hand-made commit.\n"
	"command -v cscheck >/dev/null 2>&1 || exit 0\n"
	"exec cscheck --worktree -C \"$(git rev-parse --show-toplevel)\" --hook\n";

static int empty_tree(git_tree **out, git_repository *repo)
{
	git_treebuilder *tb = NULL;
	git_oid id;
	int error = 0;
	if (git_treebuilder_new(&tb, repo, NULL) < 0 || git_treebuilder_write(&id, tb) < 0 ||
	    git_tree_lookup(out, repo, &id) < 0)
		error = git_fail(CS_EIO, "cannot write the empty tree");
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

int cs_store_create(const char *dir, int bare, const cs_file *files, size_t nfiles,
		    const char *message)
{
	git_repository_init_options opts;
	git_checkout_options co;
	git_repository *repo = NULL;
	git_tree_update *ups = NULL;
	git_oid *ids = NULL;
	git_tree *empty = NULL, *tree = NULL;
	git_signature *sig = NULL;
	git_oid tree_id, commit_id;
	cs_buf msg = CS_BUF_INIT;
	int error, has_config = 0;
	if ((error = lib_init()) < 0)
		return error;
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	for (size_t i = 0; i < nfiles; i++) {
		if (!valid_path(files[i].path)) {
			error = cs_error_set(CS_EUSAGE, "'%s' is not a valid store path", files[i].path);
			goto cleanup;
		}
		if (strcmp(files[i].path, "cs.yaml") == 0)
			has_config = 1;
	}
	if (!has_config) {
		error = cs_error_set(CS_EUSAGE, "a store needs cs.yaml");
		goto cleanup;
	}
	if (has_store(dir)) {
		error = cs_error_set(CS_ECANTCREAT, "'%s' holds a store or repository already", dir);
		goto cleanup;
	}
	opts.flags = GIT_REPOSITORY_INIT_MKPATH | (bare ? GIT_REPOSITORY_INIT_BARE : 0);
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, dir, &opts) < 0) {
		error = git_fail(CS_ECANTCREAT, dir);
		goto cleanup;
	}
	if (!(ups = cs_calloc(nfiles + 1, sizeof(*ups))) ||
	    !(ids = cs_calloc(nfiles + 1, sizeof(*ids)))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (size_t i = 0; i < nfiles; i++) {
		if (git_blob_create_from_buffer(&ids[i], repo, files[i].data, files[i].len) < 0) {
			error = git_fail(CS_EIO, files[i].path);
			goto cleanup;
		}
		ups[i].action = GIT_TREE_UPDATE_UPSERT;
		ups[i].id = ids[i];
		ups[i].filemode = GIT_FILEMODE_BLOB;
		ups[i].path = files[i].path;
	}
	if ((error = empty_tree(&empty, repo)) < 0)
		goto cleanup;
	if (git_tree_create_updated(&tree_id, repo, empty, nfiles, ups) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0) {
		error = git_fail(CS_EIO, "cannot build the first tree");
		goto cleanup;
	}
	if ((error = make_signature(&sig, repo)) < 0)
		goto cleanup;
	/* a message that carries its own Cs-Command trailer is taken as it is */
	if (message && strstr(message, "Cs-Command:"))
		error = cs_buf_printf(&msg, "%s%s", message,
				      message[strlen(message) - 1] == '\n' ? "" : "\n");
	else
		error = cs_buf_printf(&msg, "%s\n\nCs-Command: csinit\n",
				      message && *message ? message : "Create the store");
	if (error < 0)
		goto cleanup;
	if (git_commit_create(&commit_id, repo, "HEAD", sig, sig, NULL, msg.ptr, tree, 0, NULL) < 0) {
		error = git_fail(CS_EIO, "cannot make the first commit");
		goto cleanup;
	}
	if (!bare) {
		co.checkout_strategy = GIT_CHECKOUT_SAFE;
		co.baseline = empty;
		if (git_checkout_head(repo, &co) < 0) {
			error = git_fail(CS_ECANTCREAT, "cannot check out the first commit");
			goto cleanup;
		}
		if ((error = write_file(git_repository_path(repo), "hooks/pre-commit", hook,
					sizeof(hook) - 1, 0755)) < 0)
			goto cleanup;
		{
			cs_buf h = CS_BUF_INIT;
			if ((error = cs_buf_printf(&h, "%shooks/pre-commit",
						   git_repository_path(repo))) == 0 &&
			    chmod(h.ptr, 0755) < 0)
				error = cs_error_set(CS_EIO, "cannot chmod '%s': %s", h.ptr,
						     strerror(errno));
			cs_buf_free(&h);
			if (error < 0)
				goto cleanup;
		}
	}
cleanup:
	cs_buf_free(&msg);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(empty);
	free(ups);
	free(ids);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return error;
}

/* --- reading ----------------------------------------------------------- */

static int commit_tree(git_tree **out, cs_store *s, const char *oid_hex)
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
		error = git_fail(CS_ENOTFOUND, hex);
		goto cleanup;
	}
	if (git_commit_tree(out, c) < 0)
		error = git_fail(CS_EIO, hex);
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
			error = git_fail(CS_ENOTFOUND, "HEAD");
			goto cleanup;
		}
		while (git_commit_time(c) > (git_time_t)end) {
			if (git_commit_parentcount(c) == 0) {
				error = cs_error_set(CS_ENOTFOUND, "no commit at or before %s", rev);
				goto cleanup;
			}
			if (git_commit_parent(&parent, c, 0) < 0) {
				error = git_fail(CS_EIO, "cannot read history");
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
	if ((error = commit_tree(&tree, s, oid_hex)) < 0)
		goto cleanup;
	if ((error = blob_at(&blob, s->repo, tree, path)) < 0)
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
	if (commit_tree(&tree, s, oid_hex) < 0) {
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
	if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(e)) < 0) {
		w->result = git_fail(CS_EIO, w->path.ptr);
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

int cs_store_names(cs_store *s, const char *oid_hex, const char *dir, cs_store_name_fn fn,
		   void *ctx)
{
	git_tree *root = NULL, *sub = NULL;
	git_tree_entry *e = NULL;
	size_t i;
	int error;
	if ((error = commit_tree(&root, s, oid_hex)) < 0)
		return error;
	if (git_tree_entry_bypath(&e, root, dir) < 0 || git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		git_error_clear();
		goto cleanup;
	}
	if (git_tree_lookup(&sub, s->repo, git_tree_entry_id(e)) < 0) {
		error = git_fail(CS_EIO, dir);
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
	git_tree *root = NULL, *sub = NULL;
	git_tree_entry *e = NULL;
	struct walk w = { s->repo, "", CS_BUF_INIT, fn, ctx, 0 };
	cs_buf prefix = CS_BUF_INIT;
	int error;
	if ((error = commit_tree(&root, s, oid_hex)) < 0)
		goto cleanup;
	if (dir && *dir) {
		size_t n = strlen(dir);
		while (n > 0 && dir[n - 1] == '/')
			n--;
		if ((error = cs_buf_put(&prefix, dir, n)) < 0 || (error = cs_buf_putc(&prefix, '/')) < 0)
			goto cleanup;
		prefix.ptr[n] = '\0';
		if (git_tree_entry_bypath(&e, root, prefix.ptr) < 0 ||
		    git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			git_error_clear();
			goto cleanup;
		}
		prefix.ptr[n] = '/';
		if (git_tree_lookup(&sub, s->repo, git_tree_entry_id(e)) < 0) {
			error = git_fail(CS_EIO, dir);
			goto cleanup;
		}
		w.prefix = prefix.ptr;
	}
	if (git_tree_walk(sub ? sub : root, GIT_TREEWALK_PRE, walk_cb, &w) < 0) {
		error = w.result ? w.result : git_fail(CS_EIO, "cannot walk the tree");
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
	if ((error = blob_at(&blob, t->s->repo, t->tree, path)) < 0)
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
	if (find_put(t, path))
		return 1;
	if (!t->tree || git_tree_entry_bypath(&e, t->tree, path) < 0) {
		git_error_clear();
		return 0;
	}
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
	if (!valid_path(path))
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

int cs_txn_trailer(cs_txn *t, const char *key, const char *value)
{
	if (!*key || strpbrk(key, ": \n") || strchr(value, '\n'))
		return cs_error_set(CS_EUSAGE, "bad trailer '%s'", key);
	return cs_buf_printf(&t->trailers, "%s: %s\n", key, value);
}

/* Read the branch HEAD names and its tip (unborn: tip NULL). */
static int read_tip(cs_txn *t, git_reference **head, const char **branch, git_oid *tip_id,
		    int *unborn)
{
	git_repository *repo = t->s->repo;
	if (git_reference_lookup(head, repo, "HEAD") < 0)
		return git_fail(CS_EIO, "cannot read HEAD");
	if (git_reference_type(*head) != GIT_REFERENCE_SYMBOLIC)
		return cs_error_set(CS_EUSAGE, "HEAD is detached; check out a branch");
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
		return git_fail(CS_EIO, "cannot read the tip");
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
		return git_fail(CS_EIO, "cannot create the commit");
	if ((error = t->sign(t->sign_ctx, text.ptr, text.size, &sig)) < 0)
		goto cleanup;
	if (git_commit_create_with_signature(out, t->s->repo, text.ptr, cs_buf_cstr(&sig), NULL) < 0)
		error = git_fail(CS_EIO, "cannot create the signed commit");
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
			error = git_fail(CS_EIO, t->puts[i].path);
			goto cleanup;
		}
		ups[i].action = GIT_TREE_UPDATE_UPSERT;
		ups[i].filemode = GIT_FILEMODE_BLOB;
		ups[i].path = t->puts[i].path;
	}
	if (!t->tree && (error = empty_tree(&base, repo)) < 0)
		goto cleanup;
	if (git_tree_create_updated(&tree_id, repo, t->tree ? t->tree : base, t->nputs, ups) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0) {
		error = git_fail(CS_EIO, "cannot build the tree");
		goto cleanup;
	}
	if ((error = make_signature(&sig, repo)) < 0)
		goto cleanup;
	if ((error = cs_buf_printf(&msg, "%s\n\nCs-Command: %s\n%s",
				   t->summary.len ? t->summary.ptr : command, command,
				   cs_buf_cstr(&t->trailers))) < 0)
		goto cleanup;
	parents[0] = t->tip;
	if (t->sign) {
		error = signed_commit(t, out, sig, msg.ptr, tree, parents);
		goto cleanup;
	}
	if (git_commit_create(out, repo, NULL, sig, sig, NULL, msg.ptr, tree, t->tip ? 1 : 0,
			      parents) < 0)
		error = git_fail(CS_EIO, "cannot create the commit");
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
		if ((error = write_file(s->path, t->puts[i].path, t->puts[i].data, t->puts[i].len,
					0666)) < 0)
			goto cleanup;
	if (git_repository_index(&idx, s->repo) < 0 || git_index_read(idx, 0) < 0) {
		error = git_fail(CS_EIO, "cannot read the index");
		goto cleanup;
	}
	for (size_t i = 0; i < t->nputs; i++)
		if (git_index_add_bypath(idx, t->puts[i].path) < 0) {
			error = git_fail(CS_EIO, t->puts[i].path);
			goto cleanup;
		}
	error = write_index(s, idx);
cleanup:
	git_index_free(idx);
	return error;
}

int cs_store_transact(cs_store *s, const char *command, cs_txn_fn fn, void *ctx)
{
	long long deadline = deadline_ms();
	cs_txn t;
	git_reference *head = NULL, *moved = NULL;
	git_oid tip_id, commit_id;
	const char *branch = NULL;
	int error = 0, unborn = 0, pending = 0;
	memset(&t, 0, sizeof(t));
	t.s = s;
	if (!command || !*command || strchr(command, '\n'))
		return cs_error_set(CS_EUSAGE, "a transaction needs a one-line command name");
	if (!s->bare) {
		if ((error = lock_store(s, deadline)) < 0)
			return error;
		/* another command may have died mid-write since we opened */
		if ((error = recover(s)) < 0) {
			error = cs_error_set(CS_EBUSY, "store is busy: %s", cs_error_last());
			goto cleanup;
		}
	}
	for (;;) {
		int r;
		if ((error = read_tip(&t, &head, &branch, &tip_id, &unborn)) < 0)
			goto cleanup;
		if ((error = fn(&t, ctx)) < 0)
			goto cleanup;
		error = 0;
		if (t.nputs == 0)
			goto cleanup;
		if ((error = build_commit(&t, command, &commit_id)) < 0)
			goto cleanup;
		if (!s->bare) {
			if ((error = write_pending(s, &t)) < 0)
				goto cleanup;
			pending = 1;
		}
		/* in a bare store cs.lock is held only around the branch update */
		if (s->bare && (error = lock_store(s, deadline)) < 0)
			goto cleanup;
		clear_stale_ref_lock(s, branch);
		if ((error = write_file(s->gitdir, "cs-ref", "", 0, 0666)) < 0)
			goto cleanup;
		if (unborn)
			r = git_reference_create(&moved, s->repo, branch, &commit_id, 0, command);
		else
			r = git_reference_create_matching(&moved, s->repo, branch, &commit_id, 1,
							  &tip_id, command);
		{
			cs_buf marker = CS_BUF_INIT;
			if (cs_buf_printf(&marker, "%scs-ref", s->gitdir) == 0)
				unlink(marker.ptr);
			cs_buf_free(&marker);
		}
		if (s->bare)
			unlock_store(s);
		if (r == 0)
			break;
		if (r != GIT_EMODIFIED && r != GIT_ELOCKED && r != GIT_EEXISTS) {
			error = git_fail(CS_EIO, "cannot move the branch");
			goto cleanup;
		}
		if (now_ms() >= deadline) {
			error = git_fail(CS_EBUSY, "store is busy: the branch keeps moving");
			goto cleanup;
		}
		git_error_clear();
		git_reference_free(head);
		head = NULL;
		txn_release(&t);
		nap();
	}
	pending = 0;
	git_oid_tostr(s->head, sizeof(s->head), &commit_id);
	if (!s->bare) {
		/* The commit stands: a working tree that cannot catch up now
		 * (index locked by someone else) is repaired by the next command
		 * from cs-pending; the write itself succeeded. */
		if (update_worktree(s, &t) < 0)
			cs_error_clear();
		else
			remove_pending(s);
	}
cleanup:
	if (pending)
		remove_pending(s);
	git_reference_free(moved);
	git_reference_free(head);
	txn_release(&t);
	unlock_store(s);
	return error;
}

static int blob_of(git_blob **out, git_repository *repo, const git_commit *c, const char *path)
{
	git_tree *tree = NULL;
	int error;
	*out = NULL;
	if (git_commit_tree(&tree, c) < 0)
		return git_fail(CS_EIO, "cannot read a commit's tree");
	error = blob_at(out, repo, tree, path);
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
		error = git_fail(CS_EIO, "cannot walk the history");
		goto cleanup;
	}
	while (git_revwalk_next(&id, walk) == 0) {
		const git_signature *a;
		cs_history_entry e;
		if (git_commit_lookup(&c, s->repo, &id) < 0) {
			error = git_fail(CS_EIO, "cannot read a commit");
			goto cleanup;
		}
		if ((error = blob_of(&now, s->repo, c, path)) < 0)
			goto cleanup;
		if (git_commit_parentcount(c) > 0) {
			if (git_commit_parent(&parent, c, 0) < 0) {
				error = git_fail(CS_EIO, "cannot read a parent commit");
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
		return git_fail(CS_EIO, "cannot read a blob");
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
	char hex[41], phex[41] = "";
	int error = 0;
	memset(&info, 0, sizeof(info));
	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	if (git_commit_tree(&tree, c) < 0 ||
	    (git_commit_parentcount(c) > 0 &&
	     (git_commit_parent(&parent, c, 0) < 0 || git_commit_tree(&ptree, parent) < 0)) ||
	    git_diff_tree_to_tree(&diff, s->repo, ptree, tree, opts) < 0) {
		error = git_fail(CS_EIO, "cannot read the history");
		goto cleanup;
	}
	if (parent)
		git_oid_tostr(phex, sizeof(phex), git_commit_id(parent));
	if (git_commit_extract_signature(&sig, &data, s->repo, (git_oid *)git_commit_id(c), NULL) == 0) {
		info.signature = sig.ptr;
		info.signed_data = data.ptr;
		info.signed_len = data.size;
	}
	git_error_clear();
	info.commit = hex;
	info.parent = phex;
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
	opts.pathspec.count = 1;
	if (git_revwalk_new(&walk, s->repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_oid_fromstr(&id, head) < 0 || git_revwalk_push(walk, &id) < 0) {
		error = git_fail(CS_EIO, "cannot walk the history");
		goto cleanup;
	}
	if (since) {
		if (git_revparse_single(&obj, s->repo, since) < 0) {
			git_error_clear();
			error = cs_error_set(CS_ENOTFOUND, "--since: no revision '%s'", since);
			goto cleanup;
		}
		if (git_revwalk_hide(walk, git_object_id(obj)) < 0) {
			error = git_fail(CS_EIO, "cannot walk the history");
			goto cleanup;
		}
	}
	while (!error && git_revwalk_next(&id, walk) == 0) {
		if (git_commit_lookup(&c, s->repo, &id) < 0) {
			error = git_fail(CS_EIO, "cannot read a commit");
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
		error = git_fail(CS_EIO, "cannot walk the history");
		goto cleanup;
	}
	while (!error && git_revwalk_next(&id, walk) == 0) {
		const git_signature *a;
		if (git_commit_lookup(&c, s->repo, &id) < 0 || git_commit_tree(&tree, c) < 0 ||
		    (git_commit_parentcount(c) > 0 &&
		     (git_commit_parent(&parent, c, 0) < 0 || git_commit_tree(&ptree, parent) < 0)) ||
		    git_diff_tree_to_tree(&diff, s->repo, ptree, tree, &opts) < 0) {
			error = git_fail(CS_EIO, "cannot read the history");
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
