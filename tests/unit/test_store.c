/* The store: create, open, read, and the one-commit write path. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <git2.h>

#include "buf.h"
#include "error.h"
#include "node.h"
#include "store.h"

#define LOG_PATH "records/log/c1/2026/03/20260305-abcdef.yaml"
#define LOG_DATA "kind: consultation\nid: 20260305-abcdef\ncommunity: c1\n"

static const cs_file init_files[] = {
#define CONFIG "district: Test District\noffice: Test Bureau\n"
	{ "cs.yaml", CONFIG, sizeof(CONFIG) - 1 },
	{ "calendar/2026.yaml", "year: 2026\n", sizeof("year: 2026\n") - 1 },
};

struct fixture {
	char root[64];   /* scratch dir */
	char dir[128];   /* the store */
	char cwd[4096];
};

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	int st;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Output of a shell command (trailing newline kept). */
static char *capture(const char *fmt, ...)
{
	char cmd[2048];
	cs_buf out = CS_BUF_INIT;
	char chunk[512];
	size_t n;
	FILE *p;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		assert_int_equal(cs_buf_put(&out, chunk, n), 0);
	pclose(p);
	cs_buf_puts(&out, "");
	return cs_buf_detach(&out);
}

static void assert_capture(const char *want, const char *fmt, const char *dir)
{
	char *got = capture(fmt, dir);
	assert_string_equal(got, want);
	free(got);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->root, "/tmp/cs-test-store-XXXXXX");
	if (!mkdtemp(f->root) || !getcwd(f->cwd, sizeof(f->cwd)))
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s/store", f->root);
	setenv("CS_AUTHOR", "Test Clerk <clerk@example.org>", 1);
	setenv("CS_NOW", "2026-03-05T10:20:30", 1);
	unsetenv("CS_STORE");
	unsetenv("CS_LOCK_TIMEOUT_MS");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (chdir(f->cwd) < 0)
		return -1;
	nftw(f->root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static void create(struct fixture *f, int bare)
{
	setenv("CS_NOW", "2026-03-01T09:00", 1);
	assert_int_equal(cs_store_create(f->dir, bare, init_files, 2, "Create the store"), 0);
	setenv("CS_NOW", "2026-03-05T10:20:30", 1);
}

static cs_store *open_store(const char *dir)
{
	cs_store *s = NULL;
	int r = cs_store_open(&s, dir);
	if (r < 0)
		fail_msg("cs_store_open: %s", cs_error_last());
	assert_non_null(s);
	return s;
}

struct add {
	const char *path;
	const char *data;
	int calls;
	int ret;
	void (*hook)(struct add *a, cs_txn *t);
	void *hook_ctx;
};

static int add_fn(cs_txn *t, void *ctx)
{
	struct add *a = ctx;
	int r;
	a->calls++;
	if (a->hook)
		a->hook(a, t);
	if ((r = cs_txn_put(t, a->path, a->data, strlen(a->data))) < 0)
		return r;
	assert_int_equal(cs_txn_exists(t, a->path), 1);
	if ((r = cs_txn_message(t, "Add consultation")) < 0 ||
	    (r = cs_txn_trailer(t, "Cs-Record", a->path)) < 0)
		return r;
	return a->ret;
}

static void add(cs_store *s, const char *path, const char *data)
{
	struct add a = { path, data, 0, 0, NULL, NULL };
	int r = cs_store_transact(s, "cslog add", add_fn, &a);
	if (r < 0)
		fail_msg("cs_store_transact: %s", cs_error_last());
	assert_int_equal(a.calls, 1);
}

static int file_is(const char *dir, const char *rel, const char *want)
{
	char path[512];
	cs_buf b = CS_BUF_INIT;
	int same;
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (cs_buf_read_file(&b, path, 0) < 0) {
		cs_buf_free(&b);
		return 0;
	}
	same = strcmp(cs_buf_cstr(&b), want) == 0;
	cs_buf_free(&b);
	return same;
}

static void test_create_with_worktree(void **state)
{
	struct fixture *f = *state;
	struct stat st;
	char hook[256];
	create(f, 0);
	assert_true(file_is(f->dir, "cs.yaml", init_files[0].data));
	assert_true(file_is(f->dir, "calendar/2026.yaml", "year: 2026\n"));
	snprintf(hook, sizeof(hook), "%s/.git/hooks/pre-commit", f->dir);
	assert_int_equal(stat(hook, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0755);
	assert_int_equal(run("grep -q 'cscheck --worktree -C' %s", hook), 0);
	assert_capture("", "git -C %s status --porcelain", f->dir);
	assert_capture("refs/heads/main\n", "git -C %s symbolic-ref HEAD", f->dir);
	assert_capture("Create the store\n\nCs-Command: csinit\n\n", "git -C %s log -1 --format=%%B",
		       f->dir);
	assert_capture("Test Clerk <clerk@example.org>\n", "git -C %s log -1 --format='%%an <%%ae>'",
		       f->dir);
	/* a store is never created over another */
	assert_int_equal(cs_store_create(f->dir, 0, init_files, 2, "again"), CS_ECANTCREAT);
	assert_int_equal(cs_store_create(f->dir, 1, init_files, 2, "again"), CS_ECANTCREAT);
	/* a message with its own trailers is kept as it is */
	{
		char other[256];
		snprintf(other, sizeof(other), "%s/own", f->root);
		assert_int_equal(cs_store_create(other, 1, init_files, 2,
						 "Create X\n\nCs-Command: csinit\n"), 0);
		assert_capture("Create X\n\nCs-Command: csinit\n\n",
			       "git -C %s log -1 --format=%%B", other);
	}
	/* cs.yaml is required */
	{
		char other[256];
		snprintf(other, sizeof(other), "%s/other", f->root);
		assert_int_equal(cs_store_create(other, 0, init_files + 1, 1, "x"), CS_EUSAGE);
	}
}

static void test_create_refuses_repository_with_commits(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(run("git init -q %s && git -C %s -c user.name=a -c user.email=a@b "
			     "commit -q --allow-empty -m x", f->dir, f->dir), 0);
	assert_int_equal(cs_store_create(f->dir, 0, init_files, 2, "x"), CS_ECANTCREAT);
}

static void test_create_bare(void **state)
{
	struct fixture *f = *state;
	cs_store *s;
	char path[256];
	create(f, 1);
	snprintf(path, sizeof(path), "%s/cs.yaml", f->dir);
	assert_int_equal(access(path, F_OK), -1);
	assert_capture("true\n", "git -C %s rev-parse --is-bare-repository", f->dir);
	s = open_store(f->dir);
	assert_int_equal(cs_store_is_bare(s), 1);
	assert_string_equal(cs_node_get_str(cs_store_config(s), "district"), "Test District");
	snprintf(path, sizeof(path), "%s/", f->dir);
	assert_string_equal(cs_store_path(s), path);
	assert_int_equal(strlen(cs_store_head(s)), 40);
	cs_store_free(s);
}

static void test_open_by_dir_env_and_parent(void **state)
{
	struct fixture *f = *state;
	cs_store *s;
	char want[256], sub[256];
	create(f, 0);
	snprintf(want, sizeof(want), "%s/", f->dir);

	s = open_store(f->dir);
	assert_int_equal(cs_store_is_bare(s), 0);
	assert_string_equal(cs_store_path(s), want);
	assert_string_equal(cs_node_get_str(cs_store_config(s), "office"), "Test Bureau");
	cs_store_free(s);

	setenv("CS_STORE", f->dir, 1);
	assert_int_equal(chdir(f->root), 0);
	s = open_store(NULL);
	assert_string_equal(cs_store_path(s), want);
	cs_store_free(s);
	unsetenv("CS_STORE");

	snprintf(sub, sizeof(sub), "%s/calendar", f->dir);
	assert_int_equal(chdir(sub), 0);
	s = open_store(NULL);
	assert_string_equal(cs_store_path(s), want);
	cs_store_free(s);
}

static void test_open_not_found(void **state)
{
	struct fixture *f = *state;
	cs_store *s = NULL;
	assert_int_equal(chdir(f->root), 0);
	assert_int_equal(cs_store_open(&s, NULL), CS_ENOTFOUND);
	assert_null(s);
	assert_string_equal(cs_error_last(), "no cs store found (use -C DIR or set CS_STORE)");
	assert_int_equal(cs_store_open(&s, f->root), CS_ENOTFOUND);
	/* a git repository without cs.yaml is not a store */
	assert_int_equal(run("git init -q %s", f->dir), 0);
	assert_int_equal(cs_store_open(&s, f->dir), CS_ENOTFOUND);
	setenv("CS_STORE", f->dir, 1);
	assert_int_equal(cs_store_open(&s, NULL), CS_ENOTFOUND);
	unsetenv("CS_STORE");
	assert_null(s);
}

static int count_fn(void *ctx, const char *path, const char *data, size_t len)
{
	cs_buf *b = ctx;
	(void)data;
	cs_buf_printf(b, "%s %zu\n", path, len);
	return 0;
}

static void test_transact_adds_one_commit(void **state)
{
	struct fixture *f = *state;
	cs_store *s;
	cs_node *rec = NULL;
	cs_buf b = CS_BUF_INIT;
	char before[41], log_dir[256];
	char *out;
	create(f, 0);
	s = open_store(f->dir);
	strcpy(before, cs_store_head(s));
	add(s, LOG_PATH, LOG_DATA);
	assert_string_not_equal(cs_store_head(s), before);
	assert_int_equal(strlen(cs_store_head(s)), 40);

	/* one commit on top of the old tip, with the trailers */
	out = capture("git -C %s rev-parse HEAD HEAD^ && git -C %s rev-list --count HEAD", f->dir,
		      f->dir);
	{
		char want[200];
		snprintf(want, sizeof(want), "%s\n%s\n2\n", cs_store_head(s), before);
		assert_string_equal(out, want);
	}
	free(out);
	assert_capture("Add consultation\n\nCs-Command: cslog add\nCs-Record: " LOG_PATH "\n\n",
		       "git -C %s log -1 --format=%%B", f->dir);
	assert_capture("Test Clerk <clerk@example.org>|Test Clerk\n",
		       "git -C %s log -1 --format='%%an <%%ae>|%%cn'", f->dir);
	/* CS_NOW 2026-03-05T10:20:30 in TZ=UTC-8 (08:00 east of Greenwich) */
	assert_capture("1772677230 +0800\n", "git -C %s log -1 --format=%%ad --date=raw", f->dir);
	assert_capture(LOG_PATH "\n", "git -C %s diff --name-only HEAD^ HEAD", f->dir);

	/* the working tree and the index follow */
	assert_true(file_is(f->dir, LOG_PATH, LOG_DATA));
	assert_capture("", "git -C %s status --porcelain", f->dir);
	snprintf(log_dir, sizeof(log_dir), "%s/.git/cs-pending", f->dir);
	assert_int_equal(access(log_dir, F_OK), -1);

	/* reading back */
	assert_int_equal(cs_store_read_blob(s, NULL, LOG_PATH, &b), 0);
	assert_string_equal(b.ptr, LOG_DATA);
	assert_int_equal(cs_store_read_blob(s, before, LOG_PATH, &b), CS_ENOTFOUND);
	assert_int_equal(cs_store_read_blob(s, NULL, "records/nope.yaml", &b), CS_ENOTFOUND);
	assert_int_equal(cs_store_read_record(s, NULL, LOG_PATH, &rec), 0);
	assert_non_null(rec);
	assert_string_equal(cs_node_get_str(rec, "kind"), "consultation");
	cs_node_free(rec);

	add(s, "records/log/c1/2026/03/20260301-zzzzzz.yaml", "kind: visit\n");
	add(s, "records/lawyers/li.yaml", "kind: lawyer\n");
	cs_buf_clear(&b);
	assert_int_equal(cs_store_walk(s, NULL, "records/log", count_fn, &b), 0);
	assert_string_equal(cs_buf_cstr(&b),
			    "records/log/c1/2026/03/20260301-zzzzzz.yaml 12\n" LOG_PATH " 53\n");
	cs_buf_clear(&b);
	assert_int_equal(cs_store_walk(s, NULL, "records", count_fn, &b), 0);
	assert_string_equal(cs_buf_cstr(&b),
			    "records/lawyers/li.yaml 13\n"
			    "records/log/c1/2026/03/20260301-zzzzzz.yaml 12\n" LOG_PATH " 53\n");
	cs_buf_clear(&b);
	assert_int_equal(cs_store_walk(s, before, "records", count_fn, &b), 0);
	assert_string_equal(cs_buf_cstr(&b), "");
	assert_int_equal(cs_store_walk(s, NULL, "records/meetings", count_fn, &b), 0);
	assert_string_equal(cs_buf_cstr(&b), "");
	assert_capture("", "git -C %s status --porcelain", f->dir);
	assert_capture("4\n", "git -C %s rev-list --count HEAD", f->dir);
	cs_buf_free(&b);
	cs_store_free(s);

	/* a new handle sees the new head */
	s = open_store(f->dir);
	out = capture("git -C %s rev-parse HEAD", f->dir);
	out[40] = '\0';
	assert_string_equal(cs_store_head(s), out);
	free(out);
	cs_store_free(s);
}

static int stop_fn(void *ctx, const char *path, const char *data, size_t len)
{
	int *n = ctx;
	(void)path; (void)data; (void)len;
	return ++*n == 2 ? 42 : 0;
}

static void test_walk_stops_when_fn_says(void **state)
{
	struct fixture *f = *state;
	cs_store *s;
	int n = 0;
	create(f, 1);
	s = open_store(f->dir);
	add(s, "records/a/1.yaml", "a: 1\n");
	add(s, "records/a/2.yaml", "a: 2\n");
	add(s, "records/a/3.yaml", "a: 3\n");
	assert_int_equal(cs_store_walk(s, NULL, "records", stop_fn, &n), 42);
	assert_int_equal(n, 2);
	cs_store_free(s);
}

static void test_author_from_git_config(void **state)
{
	struct fixture *f = *state;
	cs_store *s;
	create(f, 0);
	unsetenv("CS_AUTHOR");
	assert_int_equal(run("git -C %s config user.name 'Config Name' && "
			     "git -C %s config user.email cfg@example.org", f->dir, f->dir), 0);
	s = open_store(f->dir);
	add(s, LOG_PATH, LOG_DATA);
	assert_capture("Config Name <cfg@example.org>\n", "git -C %s log -1 --format='%%an <%%ae>'",
		       f->dir);
	cs_store_free(s);
}

static void test_resolve(void **state)
{
	struct fixture *f = *state;
	cs_store *s;
	char first[41], second[41], third[41], oid[41];
	create(f, 1);
	s = open_store(f->dir);
	strcpy(first, cs_store_head(s));
	setenv("CS_NOW", "2026-03-05T23:59", 1);
	add(s, "records/a.yaml", "a: 1\n");
	strcpy(second, cs_store_head(s));
	setenv("CS_NOW", "2026-03-07T00:00", 1);
	add(s, "records/b.yaml", "b: 1\n");
	strcpy(third, cs_store_head(s));

	assert_int_equal(cs_store_resolve(s, NULL, oid), 0);
	assert_string_equal(oid, third);
	assert_int_equal(cs_store_resolve(s, "HEAD", oid), 0);
	assert_string_equal(oid, third);
	assert_int_equal(cs_store_resolve(s, "2026-03-07", oid), 0);
	assert_string_equal(oid, third);
	assert_int_equal(cs_store_resolve(s, "2026-03-06", oid), 0);
	assert_string_equal(oid, second);
	assert_int_equal(cs_store_resolve(s, "2026-03-05", oid), 0);
	assert_string_equal(oid, second);
	assert_int_equal(cs_store_resolve(s, "2026-03-04", oid), 0);
	assert_string_equal(oid, first);
	assert_int_equal(cs_store_resolve(s, "2026-02-28", oid), CS_ENOTFOUND);
	assert_int_equal(cs_store_resolve(s, "HEAD~1", oid), 0);
	assert_string_equal(oid, second);
	assert_int_equal(cs_store_resolve(s, "main^^", oid), 0);
	assert_string_equal(oid, first);
	assert_int_equal(cs_store_resolve(s, second, oid), 0);
	assert_string_equal(oid, second);
	assert_int_equal(cs_store_resolve(s, "no-such-rev", oid), CS_ENOTFOUND);
	cs_store_free(s);
}

/* Another command moves the branch while fn runs (first call only). */
static void race_with_store(struct add *a, cs_txn *t)
{
	if (a->calls == 1) {
		cs_store *other = open_store(a->hook_ctx);
		assert_int_equal(strlen(cs_txn_tip(t)), 40);
		add(other, "records/other.yaml", "other: 1\n");
		cs_store_free(other);
	}
}

static void race_with_git(struct add *a, cs_txn *t)
{
	(void)t;
	if (a->calls == 1)
		assert_int_equal(run("git -C %s -c user.name=o -c user.email=o@x commit -q "
				     "--no-verify --allow-empty -m other", (char *)a->hook_ctx), 0);
}

static void check_race(struct fixture *f, int bare)
{
	cs_store *s;
	struct add a = { LOG_PATH, LOG_DATA, 0, 0, bare ? race_with_store : race_with_git, f->dir };
	char before[41];
	cs_buf b = CS_BUF_INIT;
	create(f, bare);
	s = open_store(f->dir);
	strcpy(before, cs_store_head(s));
	if (cs_store_transact(s, "cslog add", add_fn, &a) < 0)
		fail_msg("cs_store_transact: %s", cs_error_last());
	assert_int_equal(a.calls, 2);
	/* both commits kept, ours on top of the other */
	assert_capture("3\n", "git -C %s rev-list --count HEAD", f->dir);
	assert_capture(bare ? "Add consultation\n" : "other\n",
		       "git -C %s log -1 --skip=1 --format=%%s", f->dir);
	assert_capture("Add consultation\n", "git -C %s log -1 --format=%%s", f->dir);
	assert_int_equal(cs_store_read_blob(s, NULL, LOG_PATH, &b), 0);
	if (bare) {
		assert_int_equal(cs_store_read_blob(s, NULL, "records/other.yaml", &b), 0);
		assert_string_equal(b.ptr, "other: 1\n");
	} else {
		assert_capture("", "git -C %s status --porcelain", f->dir);
	}
	cs_buf_free(&b);
	cs_store_free(s);
}

static void test_lost_race_retries_bare(void **state)
{
	check_race(*state, 1);
}

static void test_lost_race_retries_worktree(void **state)
{
	check_race(*state, 0);
}

static void test_fn_error_writes_nothing(void **state)
{
	struct fixture *f = *state;
	cs_store *s;
	struct add a = { LOG_PATH, LOG_DATA, 0, CS_EDATA, NULL, NULL };
	char before[41], path[256];
	create(f, 0);
	s = open_store(f->dir);
	strcpy(before, cs_store_head(s));
	assert_int_equal(cs_store_transact(s, "cslog add", add_fn, &a), CS_EDATA);
	assert_int_equal(a.calls, 1);
	assert_string_equal(cs_store_head(s), before);
	assert_capture("1\n", "git -C %s rev-list --count HEAD", f->dir);
	snprintf(path, sizeof(path), "%s/" LOG_PATH, f->dir);
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "%s/.git/cs-pending", f->dir);
	assert_int_equal(access(path, F_OK), -1);
	assert_capture("", "git -C %s status --porcelain", f->dir);
	/* a bad path is refused the same way */
	a.path = "../escape.yaml";
	a.ret = 0;
	assert_int_equal(cs_store_transact(s, "cslog add", add_fn, &a), CS_EUSAGE);
	assert_capture("1\n", "git -C %s rev-list --count HEAD", f->dir);
	cs_store_free(s);
}

static void test_recovers_after_kill(void **state)
{
	struct fixture *f = *state;
	cs_store *s;
	char path[256];
	FILE *fp;
	create(f, 0);
	s = open_store(f->dir);
	add(s, LOG_PATH, LOG_DATA);
	cs_store_free(s);
	/* A command that died after moving the branch: HEAD replaces LOG_PATH
	 * and adds new.yaml, the working tree and index still hold the old state. */
	assert_int_equal(run("cd %s && export GIT_INDEX_FILE=.git/tmp-index && git read-tree HEAD && "
			     "a=$(printf 'kind: consultation\\nid: changed\\n' | git hash-object -w --stdin) && "
			     "b=$(printf 'kind: visit\\n' | git hash-object -w --stdin) && "
			     "git update-index --add --cacheinfo 100644,$a," LOG_PATH " && "
			     "git update-index --add --cacheinfo 100644,$b,records/new.yaml && "
			     "t=$(git write-tree) && c=$(git -c user.name=x -c user.email=x@y "
			     "commit-tree $t -p HEAD -m amend) && git update-ref refs/heads/main $c && "
			     "rm .git/tmp-index", f->dir), 0);
	snprintf(path, sizeof(path), "%s/.git/cs-pending", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(LOG_PATH "\nrecords/new.yaml\n", fp);
	fclose(fp);
	/* the user's own uncommitted work elsewhere, a second after the store was
	 * made: an edit within the index's own second is git's "racy" case,
	 * which libgit2 1.5 may record as clean (not what this test is about) */
	assert_int_equal(run("cd %s && sleep 1 && echo mine > notes.txt && "
			     "echo 'year: 2027' > calendar/2026.yaml", f->dir), 0);

	s = open_store(f->dir);
	assert_int_equal(access(path, F_OK), -1);
	assert_true(file_is(f->dir, LOG_PATH, "kind: consultation\nid: changed\n"));
	assert_true(file_is(f->dir, "records/new.yaml", "kind: visit\n"));
	assert_true(file_is(f->dir, "notes.txt", "mine\n"));
	assert_true(file_is(f->dir, "calendar/2026.yaml", "year: 2027\n"));
	assert_capture(" M calendar/2026.yaml\n?? notes.txt\n", "git -C %s status --porcelain",
		       f->dir);
	cs_store_free(s);
}

static void test_pending_before_branch_moved_changes_nothing(void **state)
{
	struct fixture *f = *state;
	cs_store *s;
	char path[256];
	FILE *fp;
	create(f, 0);
	/* killed after writing cs-pending but before the branch moved */
	snprintf(path, sizeof(path), "%s/.git/cs-pending", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(LOG_PATH "\n", fp);
	fclose(fp);
	/* a second later: see test_recovers_after_kill */
	assert_int_equal(run("cd %s && sleep 1 && echo 'year: 2027' > calendar/2026.yaml", f->dir), 0);
	s = open_store(f->dir);
	assert_int_equal(access(path, F_OK), -1);
	assert_capture(" M calendar/2026.yaml\n", "git -C %s status --porcelain", f->dir);
	cs_store_free(s);
}

static int never_fn(cs_txn *t, void *ctx)
{
	(void)t;
	++*(int *)ctx;
	return 0;
}

static void test_busy_when_lock_held(void **state)
{
	struct fixture *f = *state;
	cs_store *s, *s2 = NULL;
	char lock[256], c;
	int fds[2], calls = 0, status;
	pid_t pid;
	struct add a = { LOG_PATH, LOG_DATA, 0, 0, NULL, NULL };
	create(f, 0);
	s = open_store(f->dir);
	snprintf(lock, sizeof(lock), "%s/.git/cs.lock", f->dir);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(lock, O_RDWR | O_CREAT, 0644);
		if (fd < 0 || flock(fd, LOCK_EX) < 0)
			_exit(1);
		if (write(fds[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &c, 1), 1);
	close(fds[0]);
	setenv("CS_LOCK_TIMEOUT_MS", "200", 1);
	assert_int_equal(cs_store_transact(s, "cslog add", never_fn, &calls), CS_EBUSY);
	assert_int_equal(calls, 0);
	assert_non_null(strstr(cs_error_last(), "store is busy"));
	assert_int_equal(cs_store_open(&s2, f->dir), CS_EBUSY);
	assert_null(s2);
	assert_capture("1\n", "git -C %s rev-list --count HEAD", f->dir);
	/* the kernel drops the lock of a killed holder */
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	assert_int_equal(cs_store_transact(s, "cslog add", add_fn, &a), 0);
	assert_int_equal(a.calls, 1);
	assert_capture("2\n", "git -C %s rev-list --count HEAD", f->dir);
	cs_store_free(s);
}

static void test_no_puts_no_commit(void **state)
{
	struct fixture *f = *state;
	cs_store *s;
	int calls = 0;
	char before[41];
	create(f, 1);
	s = open_store(f->dir);
	strcpy(before, cs_store_head(s));
	assert_int_equal(cs_store_transact(s, "cslog add", never_fn, &calls), 0);
	assert_int_equal(calls, 1);
	assert_string_equal(cs_store_head(s), before);
	cs_store_free(s);
}

/* Several processes writing at once: every entry lands, one commit each. */
static void check_concurrent(struct fixture *f, int bare)
{
	enum { PROCS = 4, EACH = 5 };
	pid_t pids[PROCS];
	int status, failed = 0;
	cs_store *s;
	cs_buf b = CS_BUF_INIT;
	char want[16];
	create(f, bare);
	setenv("CS_LOCK_TIMEOUT_MS", "20000", 1);
	for (int p = 0; p < PROCS; p++) {
		pids[p] = fork();
		assert_true(pids[p] >= 0);
		if (pids[p] == 0) {
			cs_store *cs = NULL;
			int bad = cs_store_open(&cs, f->dir) < 0;
			for (int i = 0; !bad && i < EACH; i++) {
				char path[64], data[64];
				struct add a = { path, data, 0, 0, NULL, NULL };
				snprintf(path, sizeof(path), "records/log/p%d/%d.yaml", p, i);
				snprintf(data, sizeof(data), "p: %d\ni: %d\n", p, i);
				bad = cs_store_transact(cs, "cslog add", add_fn, &a) < 0;
			}
			if (bad)
				fprintf(stderr, "# child %d: %s\n", p, cs_error_last());
			cs_store_free(cs);
			_exit(bad);
		}
	}
	for (int p = 0; p < PROCS; p++) {
		waitpid(pids[p], &status, 0);
		failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	assert_false(failed);
	snprintf(want, sizeof(want), "%d\n", 1 + PROCS * EACH);
	assert_capture(want, "git -C %s rev-list --count HEAD", f->dir);
	s = open_store(f->dir);
	for (int p = 0; p < PROCS; p++)
		for (int i = 0; i < EACH; i++) {
			char path[64], data[64];
			snprintf(path, sizeof(path), "records/log/p%d/%d.yaml", p, i);
			snprintf(data, sizeof(data), "p: %d\ni: %d\n", p, i);
			assert_int_equal(cs_store_read_blob(s, NULL, path, &b), 0);
			assert_string_equal(b.ptr, data);
			if (!bare)
				assert_true(file_is(f->dir, path, data));
		}
	if (!bare)
		assert_capture("", "git -C %s status --porcelain", f->dir);
	assert_int_equal(run("git -C %s fsck --no-progress >/dev/null 2>&1", f->dir), 0);
	cs_buf_free(&b);
	cs_store_free(s);
}

static void test_concurrent_writers_bare(void **state)
{
	check_concurrent(*state, 1);
}

static void test_concurrent_writers_worktree(void **state)
{
	check_concurrent(*state, 0);
}

/* The CA bundle libgit2 would parse at start-up is not read: the dynamic
 * linker resolves mbedTLS's loader to cs's (lib/store.c), which reads no
 * file (mbedTLS's own fails on a file that is not there). */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);

static void test_start_up_reads_no_certificate_authorities(void **state)
{
	int (*resolved)(void *, const char *);
	(void)state;
	*(void **)&resolved = dlsym(RTLD_DEFAULT, "mbedtls_x509_crt_parse_file");
	assert_non_null(resolved);
	assert_ptr_equal(resolved, mbedtls_x509_crt_parse_file);
	assert_int_equal(resolved(NULL, "/nonexistent/ca-certificates.crt"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_up_reads_no_certificate_authorities),
		cmocka_unit_test_setup_teardown(test_create_with_worktree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_refuses_repository_with_commits, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_create_bare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_by_dir_env_and_parent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transact_adds_one_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk_stops_when_fn_says, setup, teardown),
		cmocka_unit_test_setup_teardown(test_author_from_git_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lost_race_retries_bare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lost_race_retries_worktree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fn_error_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recovers_after_kill, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pending_before_branch_moved_changes_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_when_lock_held, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_puts_no_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_writers_bare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_writers_worktree, setup, teardown),
	};
	/* fixed local zone (08:00 east) so commit times and dates are checkable;
	 * git run by the tests must not read the user's configuration */
	setenv("TZ", "UTC-8", 1);
	tzset();
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	setenv("GIT_AUTHOR_DATE", "2026-03-01T00:00:00", 1);
	setenv("GIT_COMMITTER_DATE", "2026-03-01T00:00:00", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
