/* The write path under failing system calls: lib's calls of write, fsync,
 * rename and git_reference_create_matching go through the __wrap_
 * functions below (linked with $(FAULT_WRAP)), which fail the Nth call of
 * one of them with an errno. A transaction (cs_store_transact) whose call
 * fails before the branch moves returns an error and leaves the branch
 * where it was; one whose call fails after (the working tree catching up)
 * stands, and the next command repairs the working tree. Either way the
 * objects are sound, no lock is left and the next transaction succeeds. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <cmocka.h>

#include <git2.h>

#include "error.h"
#include "fixture.h"

enum { F_WRITE, F_FSYNC, F_RENAME, F_REF, NFAULTS };
static const char *const names[NFAULTS] = { "write", "fsync", "rename",
					    "git_reference_create_matching" };

static struct {
	int calls;      /* since fault_reset */
	int fail_at;    /* the call that fails (0: none) */
	int err;        /* with this errno (or, F_REF, this libgit2 code when negative) */
} faults[NFAULTS];
static int moved;    /* the real git_reference_create_matching moved the branch */
static int injected; /* a call was failed: 1 before the branch moved, 2 after */

static void fault_reset(void)
{
	memset(faults, 0, sizeof(faults));
	moved = injected = 0;
}

static void fault_arm(int which, int nth, int err)
{
	fault_reset();
	faults[which].fail_at = nth;
	faults[which].err = err;
}

static int fault(int which)
{
	if (++faults[which].calls != faults[which].fail_at)
		return 0;
	injected = moved ? 2 : 1;
	if (faults[which].err > 0)
		errno = faults[which].err;
	return 1;
}

ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __real_rename(const char *from, const char *to);
int __real_git_reference_create_matching(git_reference **out, git_repository *repo,
					 const char *name, const git_oid *id, int force,
					 const git_oid *current_id, const char *log_message);

ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __wrap_fsync(int fd);
int __wrap_rename(const char *from, const char *to);
int __wrap_git_reference_create_matching(git_reference **out, git_repository *repo,
					 const char *name, const git_oid *id, int force,
					 const git_oid *current_id, const char *log_message);

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	return fault(F_WRITE) ? -1 : __real_write(fd, buf, n);
}

int __wrap_fsync(int fd)
{
	return fault(F_FSYNC) ? -1 : __real_fsync(fd);
}

int __wrap_rename(const char *from, const char *to)
{
	return fault(F_RENAME) ? -1 : __real_rename(from, to);
}

int __wrap_git_reference_create_matching(git_reference **out, git_repository *repo,
					 const char *name, const git_oid *id, int force,
					 const git_oid *current_id, const char *log_message)
{
	int r;
	if (fault(F_REF)) {
		*out = NULL;
		if (faults[F_REF].err < 0) {
			git_error_set_str(GIT_ERROR_REFERENCE, "injected: the reference changed");
			return faults[F_REF].err;
		}
		git_error_set_str(GIT_ERROR_OS, strerror(faults[F_REF].err));
		return GIT_ERROR;
	}
	r = __real_git_reference_create_matching(out, repo, name, id, force, current_id,
						 log_message);
	if (r == 0)
		moved = 1;
	return r;
}

/* --- the transaction ------------------------------------------------------ */

struct put {
	const char *path, *data;
	int calls;
};

static int put_one(cs_txn *t, void *ctx)
{
	struct put *p = ctx;
	int error;
	p->calls++;
	if ((error = cs_txn_put(t, p->path, p->data, strlen(p->data))) < 0 ||
	    (error = cs_txn_trailer(t, "Cs-Record", p->path)) < 0)
		return error;
	return cs_txn_message(t, "Test entry");
}

#define FIRST "records/offices/first.yaml"
#define SECOND "records/offices/second.yaml"
static const char first[] = "kind: office\nid: first\nname: 第一司法所\n";
static const char second[] = "kind: office\nid: second\nname: 第二司法所\n";

static int transact(fx_store *f, const char *path, const char *data, int *calls)
{
	struct put p = { path, data, 0 };
	int r;
	setenv("CS_NOW", "2026-10-05T09:00", 1);
	r = cs_store_transact(f->store, "cslog add", put_one, &p);
	if (calls)
		*calls = p.calls;
	return r;
}

static int in_head(fx_store *f, const char *path)
{
	return cs_store_exists(f->store, NULL, path) == 1;
}

/* The test fails naming the case (the call failed) unless c holds. */
#define expect(c) do { if (!(c)) fail_msg("%s: not %s", what, #c); } while (0)

/* What any failure must leave: sound objects, no lock file, cs.lock free,
 * no temporary file. */
static void assert_clean(fx_store *f, const char *what)
{
	char lock[160];
	int fd;
	expect(fx_sh("git -C '%s' fsck --strict --no-dangling >/dev/null 2>&1", f->dir) == 0);
	expect(fx_sh("find '%s' -name '*.lock' ! -name cs.lock | grep -q .", f->root) != 0);
	expect(fx_sh("find '%s' -name '*.tmp' | grep -q .", f->root) != 0);
	expect(fx_sh("find '%s' -name cs-ref -o -name cs-index | grep -q .", f->root) != 0);
	snprintf(lock, sizeof(lock), "%s/%scs.lock", f->dir, f->bare ? "" : ".git/");
	if ((fd = open(lock, O_RDWR | O_CLOEXEC)) >= 0) {
		expect(flock(fd, LOCK_EX | LOCK_NB) == 0);
		close(fd);
	}
}

/* The working tree and index match HEAD. */
static void assert_worktree_in_line(fx_store *f, const char *what)
{
	if (!f->bare)
		expect(fx_sh("test -z \"$(git -C '%s' status --porcelain)\"", f->dir) == 0);
}

/* How many times the transaction calls each wrapped function. */
static void count_calls(int bare, int counts[NFAULTS])
{
	fx_store f;
	int i;
	fx_store_new(&f, bare);
	fault_reset();
	assert_int_equal(transact(&f, FIRST, first, NULL), 0);
	for (i = 0; i < NFAULTS; i++)
		counts[i] = faults[i].calls;
	fault_reset();
	fx_store_free(&f);
}

static void fail_each_call(int bare)
{
	static const int errs[] = { EIO, ENOSPC };
	int counts[NFAULTS], which, nth, e;
	count_calls(bare, counts);
	/* the wrappers see lib's calls: or this test tests nothing */
	assert_int_equal(counts[F_REF], 1);
	assert_true(counts[F_FSYNC] >= 2);
	assert_true(counts[F_RENAME] >= 1);
	if (!bare)
		assert_true(counts[F_WRITE] >= 2);
	for (which = 0; which < NFAULTS; which++)
		for (nth = 1; nth <= counts[which]; nth++)
			for (e = 0; e < 2; e++) {
				fx_store f;
				char before[41], after[41], what[256];
				int r;
				fx_store_new(&f, bare);
				fx_head(&f, before);
				fault_arm(which, nth, errs[e]);
				r = transact(&f, FIRST, first, NULL);
				snprintf(what, sizeof(what), "%s store, %s call %d of %d failing (%s): %d %s",
					 bare ? "bare" : "worktree", names[which], nth, counts[which],
					 strerror(errs[e]), r, r < 0 ? cs_error_last() : "");
				expect(injected != 0);
				fault_reset();
				fx_head(&f, after);
				if (injected == 1 || r < 0) {
					/* before the commit point: nothing written */
					expect(r < 0);
					expect(!strcmp(before, after));
					expect(!in_head(&f, FIRST));
					expect(fx_sh("find '%s' -name cs-pending | grep -q .", f.root) != 0);
				} else {
					/* after it: the commit stands */
					expect(r == 0);
					expect(strcmp(before, after));
					expect(in_head(&f, FIRST));
				}
				assert_clean(&f, what);
				/* and the next command succeeds, mending the working tree */
				fx_reopen(&f);
				expect(transact(&f, SECOND, second, NULL) == 0);
				expect(in_head(&f, SECOND));
				assert_clean(&f, what);
				assert_worktree_in_line(&f, what);
				if (!bare && in_head(&f, FIRST))
					expect(fx_sh("cmp -s '%s/%s' - <<'EOF'\n%sEOF", f.dir, FIRST,
						     first) == 0);
				fx_store_free(&f);
			}
}

static void each_call_fails_in_a_worktree_store(void **state)
{
	(void)state;
	fail_each_call(0);
}

static void each_call_fails_in_a_bare_store(void **state)
{
	(void)state;
	fail_each_call(1);
}

/* A commit whose working tree could not catch up leaves cs-pending; the
 * next command mends the working tree first, and when that fails in turn
 * it writes nothing, and the one after mends it. */
static void a_failing_repair_is_repaired_by_the_next_command(void **state)
{
	static const int which[] = { F_WRITE, F_FSYNC, F_RENAME };
	const char *what = "the repair";
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(which) / sizeof(which[0]); i++) {
		fx_store f;
		char before[41], after[41];
		fx_store_new(&f, 0);
		/* the commit's first working tree file: after the commit point */
		fault_arm(F_WRITE, 2, EIO);
		assert_int_equal(transact(&f, FIRST, first, NULL), 0);
		assert_int_equal(injected, 2);
		assert_int_equal(fx_sh("test -f '%s/.git/cs-pending'", f.dir), 0);
		assert_int_not_equal(fx_sh("test -f '%s/%s'", f.dir, FIRST), 0);
		fx_head(&f, before);
		/* the repair's own first call of each kind fails */
		fault_arm(which[i], 1, ENOSPC);
		assert_int_equal(transact(&f, SECOND, second, NULL), CS_EBUSY);
		assert_int_equal(faults[which[i]].calls, 1);
		fault_reset();
		fx_head(&f, after);
		assert_string_equal(before, after);
		assert_false(in_head(&f, SECOND));
		assert_clean(&f, names[which[i]]);
		assert_int_equal(transact(&f, SECOND, second, NULL), 0);
		assert_clean(&f, names[which[i]]);
		assert_worktree_in_line(&f, names[which[i]]);
		expect(fx_sh("cmp -s '%s/%s' - <<'EOF'\n%sEOF", f.dir, FIRST, first) == 0);
		fx_store_free(&f);
	}
}

/* A branch that moved (GIT_EMODIFIED) or is locked (GIT_ELOCKED) at the
 * commit point is a lost race: built again on the new tip. */
static void a_lost_race_is_tried_again(void **state)
{
	static const int codes[] = { GIT_EMODIFIED, GIT_ELOCKED };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		fx_store f;
		int calls = 0;
		fx_store_new(&f, 0);
		fault_arm(F_REF, 1, codes[i]);
		assert_int_equal(transact(&f, FIRST, first, &calls), 0);
		assert_int_equal(calls, 2);
		assert_int_equal(faults[F_REF].calls, 2);
		fault_reset();
		assert_true(in_head(&f, FIRST));
		assert_clean(&f, names[F_REF]);
		assert_worktree_in_line(&f, names[F_REF]);
		fx_store_free(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_call_fails_in_a_worktree_store),
		cmocka_unit_test(each_call_fails_in_a_bare_store),
		cmocka_unit_test(a_failing_repair_is_repaired_by_the_next_command),
		cmocka_unit_test(a_lost_race_is_tried_again),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
