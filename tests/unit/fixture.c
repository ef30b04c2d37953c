/* Scratch stores for the unit tests (fixture.h). */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <cmocka.h>

#include <git2.h>

#include "create.h"
#include "error.h"
#include "fixture.h"
#include "sign.h"
#include "snapshot.h"

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void fail_cs(const char *what, int error)
{
	fail_msg("%s: %d %s", what, error, cs_error_last());
}

void fx_store_new(fx_store *f, int bare)
{
	int error;
	memset(f, 0, sizeof(*f));
	f->bare = bare;
	setenv("TZ", "UTC", 1);
	tzset();
	setenv("CS_AUTHOR", "Test Clerk <clerk@example.org>", 1);
	setenv("CS_NOW", "2025-12-01T08:00", 1);
	setenv("CS_CACHE", "0", 1);
	unsetenv("CS_STORE");
	strcpy(f->root, "/tmp/cs-unit-XXXXXX");
	assert_non_null(mkdtemp(f->root));
	snprintf(f->dir, sizeof(f->dir), "%s/store", f->root);
	if ((error = cs_create(f->dir, "测试区", bare)) < 0)
		fail_cs("cs_create", error);
	fx_reopen(f);
}

void fx_store_free(fx_store *f)
{
	size_t i;
	for (i = 0; i < f->nowned; i++)
		free(f->owned[i]);
	free(f->owned);
	free(f->pending);
	f->owned = NULL;
	f->pending = NULL;
	f->nowned = f->npending = 0;
	cs_store_free(f->store);
	f->store = NULL;
	if (*f->root)
		nftw(f->root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	*f->root = '\0';
}

void fx_reopen(fx_store *f)
{
	int error;
	cs_store_free(f->store);
	f->store = NULL;
	if ((error = cs_store_open(&f->store, f->dir)) < 0)
		fail_cs("cs_store_open", error);
}

void fx_head(fx_store *f, char hex[41])
{
	int error;
	if ((error = cs_store_resolve(f->store, NULL, hex)) < 0)
		fail_cs("cs_store_resolve", error);
}

struct puts {
	const char *const *files;
};

static int put_all(cs_txn *t, void *ctx)
{
	const struct puts *p = ctx;
	const char *const *x;
	int error;
	for (x = p->files; *x; x += 2) {
		if (!x[1])
			return cs_error_set(CS_EUSAGE, "%s: only a commit by hand removes", x[0]);
		if ((error = cs_txn_put(t, x[0], x[1], strlen(x[1]))) < 0 ||
		    (error = cs_txn_trailer(t, "Cs-Record", x[0])) < 0)
			return error;
	}
	return cs_txn_message(t, "Test records");
}

void fx_commit(fx_store *f, const char *now, const char *command, const char *const *files)
{
	struct puts p = { files };
	int error;
	setenv("CS_NOW", now, 1);
	if ((error = cs_store_transact(f->store, command, put_all, &p)) < 0)
		fail_cs("cs_store_transact", error);
}

void fx_directory(fx_store *f)
{
	static const char *const files[] = {
		"records/offices/xincheng.yaml", "kind: office\nid: xincheng\nname: 新城司法所\n",
		"records/firms/dacheng.yaml", "kind: firm\nid: dacheng\nname: 大成律师事务所\n",
		"records/lawyers/wang-li.yaml",
		"kind: lawyer\nid: wang-li\nname: 王丽\nfirm: dacheng\n",
		"records/lawyers/zhao.yaml", "kind: lawyer\nid: zhao\nname: 赵强\nfirm: dacheng\n",
		"records/communities/hepingli.yaml",
		"kind: community\nid: hepingli\nname: 和平里社区\noffice: xincheng\n"
		"heads:\n- 张主任\n- 李书记\nworkroom: 和平里活动室\n",
		"records/communities/dongfeng.yaml",
		"kind: community\nid: dongfeng\nname: 东风社区\noffice: xincheng\n"
		"heads:\n- 王书记\nworkroom: 东风活动室\n",
		NULL
	};
	fx_commit(f, "2025-12-01T08:00", "csassign add", files);
}

int fx_setup(void **state)
{
	fx_store *f = test_malloc(sizeof(*f));
	fx_store_new(f, 1);
	*state = f;
	return 0;
}

int fx_setup_directory(void **state)
{
	fx_setup(state);
	fx_directory(*state);
	return 0;
}

int fx_teardown(void **state)
{
	fx_store *f = *state;
	fx_store_free(f);
	test_free(f);
	return 0;
}

static char *own(fx_store *f, char *s)
{
	char **grown;
	assert_non_null(s);
	assert_non_null(grown = realloc(f->owned, (f->nowned + 1) * sizeof(*grown)));
	f->owned = grown;
	f->owned[f->nowned++] = s;
	return s;
}

static void pend(fx_store *f, const char *path, const char *data)
{
	const char **grown = realloc(f->pending, (f->npending + 3) * sizeof(*grown));
	assert_non_null(grown);
	f->pending = grown;
	f->pending[f->npending++] = path;
	f->pending[f->npending++] = data;
	f->pending[f->npending] = NULL;
}

const char *fx_put(fx_store *f, const char *path, const char *fmt, ...)
{
	va_list ap;
	char *data = NULL, *p = own(f, strdup(path));
	int n;
	va_start(ap, fmt);
	n = vasprintf(&data, fmt, ap);
	va_end(ap);
	assert_true(n >= 0);
	pend(f, p, own(f, data));
	return p;
}

void fx_remove(fx_store *f, const char *path)
{
	pend(f, own(f, strdup(path)), NULL);
}

const char *fx_entry(fx_store *f, const char *kind, const char *id, const char *community,
		     const char *lawyer, const char *extra)
{
	char path[160];
	int n = snprintf(path, sizeof(path), "records/log/%s/%.4s/%.2s/%s.yaml", community, id,
			 id + 4, id);
	assert_true(n > 0 && (size_t)n < sizeof(path) && strlen(id) >= 8);
	return fx_put(f, path,
		      "kind: %s\nid: %s\ndate: '%.4s-%.2s-%.2s'\ncommunity: %s\n%s%s%s"
		      "content: 测试内容\n%s%s",
		      kind, id, id, id + 4, id + 6, community, lawyer ? "lawyer: " : "",
		      lawyer ? lawyer : "", lawyer ? "\n" : "",
		      strncmp(extra, "result:", 7) && !strstr(extra, "\nresult:") ? "result: 测试结果\n" : "",
		      extra);
}

const char *fx_pairing(fx_store *f, const char *id, const char *lawyer, const char *community,
		       const char *from, const char *to)
{
	char path[160];
	int n = snprintf(path, sizeof(path), "records/assignments/%s.yaml", id);
	assert_true(n > 0 && (size_t)n < sizeof(path));
	return fx_put(f, path,
		      "kind: assignment\nid: %s\nfirm: dacheng\nlawyer: %s\ncommunity: %s\n"
		      "from: '%s'\n%s%s%sschedule: Wed 14:00-17:30\nplace: 和平里3号\n"
		      "agreement: A-%s\n",
		      id, lawyer, community, from, to ? "to: '" : "", to ? to : "", to ? "'\n" : "",
		      lawyer);
}

void fx_flush(fx_store *f, const char *now)
{
	static const char *const none[] = { NULL };
	fx_commit(f, now, "cslog add", f->npending ? f->pending : none);
	f->npending = 0;
}

void fx_flush_by_hand(fx_store *f, long long when, const char *message)
{
	fx_flush_by_hand_signed(f, when, message, NULL);
}

void fx_flush_by_hand_signed(fx_store *f, long long when, const char *message,
			     const char *keyfile)
{
	static const char *const none[] = { NULL };
	fx_commit_by_hand_signed(f, when, message, f->npending ? f->pending : none, keyfile);
	f->npending = 0;
}

long long fx_epoch(const char *datetime)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(datetime, "%d-%d-%dT%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min) != 5)
		fail_msg("not YYYY-MM-DDTHH:MM: %s", datetime);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long long)timegm(&tm);
}

static void fail_git(const char *what)
{
	const git_error *e = git_error_last();
	fail_msg("%s: %s", what, e && e->message ? e->message : "?");
}

void fx_commit_by_hand(fx_store *f, long long when, const char *message,
		       const char *const *files)
{
	fx_commit_by_hand_signed(f, when, message, files, NULL);
}

void fx_commit_by_hand_signed(fx_store *f, long long when, const char *message,
			      const char *const *files, const char *keyfile)
{
	git_buf text = GIT_BUF_INIT;
	git_reference *ref = NULL, *ref2 = NULL;
	cs_buf sig_text = CS_BUF_INIT;
	int error;
	git_repository *repo = NULL;
	git_commit *head = NULL;
	git_tree *tree = NULL, *updated = NULL;
	git_signature *sig = NULL;
	git_tree_update ups[32];
	git_oid head_id, tree_id, id;
	const git_commit *parents[1];
	size_t n = 0;
	const char *const *x;
	git_libgit2_init();
	if (git_repository_open(&repo, f->dir) < 0 ||
	    git_reference_name_to_id(&head_id, repo, "HEAD") < 0 ||
	    git_commit_lookup(&head, repo, &head_id) < 0 || git_commit_tree(&tree, head) < 0)
		fail_git("reading HEAD");
	for (x = files; *x; x += 2) {
		assert_true(n < sizeof(ups) / sizeof(ups[0]));
		memset(&ups[n], 0, sizeof(ups[n]));
		ups[n].path = x[0];
		if (x[1]) {
			if (git_blob_create_from_buffer(&ups[n].id, repo, x[1], strlen(x[1])) < 0)
				fail_git("writing a blob");
			ups[n].action = GIT_TREE_UPDATE_UPSERT;
			ups[n].filemode = GIT_FILEMODE_BLOB;
		} else {
			ups[n].action = GIT_TREE_UPDATE_REMOVE;
		}
		n++;
	}
	if (git_tree_create_updated(&tree_id, repo, tree, n, ups) < 0 ||
	    git_tree_lookup(&updated, repo, &tree_id) < 0)
		fail_git("building the tree");
	if (git_signature_new(&sig, "Someone", "someone@example.org", (git_time_t)when, 0) < 0)
		fail_git("the signature");
	parents[0] = head;
	if (!keyfile) {
		if (git_commit_create(&id, repo, "HEAD", sig, sig, NULL, message, updated, 1,
				      parents) < 0)
			fail_git("the commit");
	} else {
		if (git_commit_create_buffer(&text, repo, sig, sig, NULL, message, updated, 1,
					     parents) < 0)
			fail_git("the commit's text");
		if ((error = cs_ssh_sign(keyfile, text.ptr, text.size, &sig_text)) < 0)
			fail_cs("cs_ssh_sign", error);
		if (git_commit_create_with_signature(&id, repo, text.ptr, cs_buf_cstr(&sig_text),
						     NULL) < 0 ||
		    git_reference_lookup(&ref, repo, "HEAD") < 0 ||
		    git_reference_create(&ref2, repo, git_reference_symbolic_target(ref), &id, 1,
					 "signed by hand") < 0)
			fail_git("the signed commit");
	}
	git_reference_free(ref2);
	git_reference_free(ref);
	git_buf_dispose(&text);
	cs_buf_free(&sig_text);
	git_signature_free(sig);
	git_tree_free(updated);
	git_tree_free(tree);
	git_commit_free(head);
	git_repository_free(repo);
	git_libgit2_shutdown();
	fx_reopen(f);
}

static void load(fx_store *f, const char *today, const char *rules, cs_snapshot **snap,
		 cs_check_opts *o)
{
	int error;
	if ((error = cs_snapshot_load(snap, f->store, NULL, 0)) < 0)
		fail_cs("cs_snapshot_load", error);
	if ((error = cs_check_opts_init(o, *snap, NULL, today, rules)) < 0)
		fail_cs("cs_check_opts_init", error);
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* A check a month at a time (cs_check_window over 2024-2027, the years the
 * tests write in, or over every month of the log, every 1) finds what the
 * records and the rules find over a load of every record: each rule test
 * checks the windowed checks too. */
static void window_finds_the_same(fx_store *f, const char *today, const char *rules,
				  cs_snapshot *whole, const cs_check_opts *o, int every)
{
	cs_snapshot *snap = NULL;
	cs_check_opts wo;
	cs_findings all, win;
	size_t i;
	int error;
	cs_findings_init(&all);
	cs_findings_init(&win);
	if ((error = cs_check_records(whole, o, &all)) < 0 ||
	    (error = cs_check_rules(whole, o, &all)) < 0)
		fail_cs("cs_check_records and cs_check_rules", error);
	if ((error = every ? cs_snapshot_load_all_window(&snap, f->store, NULL, 0)
		     : cs_snapshot_load_window(&snap, f->store, NULL, cs_date_from_ymd(2024, 1, 1),
					       cs_date_from_ymd(2027, 12, 31))) < 0 ||
	    (error = cs_check_opts_init(&wo, snap, NULL, today, rules)) < 0 ||
	    (error = cs_check_window(snap, &wo, &win)) < 0)
		fail_cs("cs_check_window", error);
	cs_findings_keep(&all, o->rules, o->nrules);
	cs_findings_keep(&win, wo.rules, wo.nrules);
	cs_findings_sort(&all);
	cs_findings_sort(&win);
	for (i = 0; i < all.n && i < win.n; i++) {
		const cs_finding *a = &all.v[i], *b = &win.v[i];
		if (strcmp(a->path, b->path) || a->line != b->line || strcmp(a->rule, b->rule) ||
		    strcmp(a->message, b->message) || a->severity != b->severity ||
		    !same_str(a->record, b->record) || !same_str(a->lawyer, b->lawyer) ||
		    !same_str(a->community, b->community) || !same_str(a->period, b->period))
			fail_msg("the windowed check (%s) differs at %zu: %s:%zu %s %s, not %s:%zu %s %s",
				 every ? "every month" : "2024-2027", i, b->path, b->line, b->rule, b->message, a->path, a->line, a->rule,
				 a->message);
	}
	if (all.n != win.n)
		fail_msg("the windowed check (%s) finds %zu, a whole load %zu",
			 every ? "every month" : "2024-2027", win.n, all.n);
	cs_findings_free(&all);
	cs_findings_free(&win);
	cs_check_opts_free(&wo);
	cs_snapshot_free(snap);
}

void fx_rules(fx_store *f, const char *today, const char *rules, cs_findings *out)
{
	cs_snapshot *snap = NULL;
	cs_check_opts o;
	int error;
	cs_findings_init(out);
	load(f, today, rules, &snap, &o);
	if ((error = cs_check_rules(snap, &o, out)) < 0)
		fail_cs("cs_check_rules", error);
	window_finds_the_same(f, today, rules, snap, &o, 0);
	window_finds_the_same(f, today, rules, snap, &o, 1);
	cs_check_opts_free(&o);
	cs_snapshot_free(snap);
}

void fx_records(fx_store *f, const char *today, cs_findings *out)
{
	cs_snapshot *snap = NULL;
	cs_check_opts o;
	int error;
	cs_findings_init(out);
	load(f, today, NULL, &snap, &o);
	if ((error = cs_check_records(snap, &o, out)) < 0)
		fail_cs("cs_check_records", error);
	cs_check_opts_free(&o);
	cs_snapshot_free(snap);
}

static int is(const cs_finding *x, const char *rule, const char *path, const char *period)
{
	return !strcmp(x->rule, rule) && (!path || !strcmp(x->path, path)) &&
	       (!period || (x->period && !strcmp(x->period, period)));
}

size_t fx_count(const cs_findings *out, const char *rule, const char *path)
{
	size_t i, n = 0;
	for (i = 0; i < out->n; i++)
		n += is(&out->v[i], rule, path, NULL);
	return n;
}

const cs_finding *fx_find(const cs_findings *out, const char *rule, const char *path,
			  const char *period)
{
	size_t i;
	for (i = 0; i < out->n; i++)
		if (is(&out->v[i], rule, path, period))
			return &out->v[i];
	return NULL;
}

static void show(const cs_findings *out)
{
	size_t i;
	for (i = 0; i < out->n; i++)
		print_message("# %s:%zu: %s %s [%s]: %s\n", out->v[i].path, out->v[i].line,
			      out->v[i].severity == CS_SEV_ERROR ? "error" : "warning",
			      out->v[i].rule, out->v[i].period ? out->v[i].period : "-",
			      out->v[i].message);
}

const cs_finding *fx_assert_finding(const cs_findings *out, const char *rule, const char *path,
				    const char *period, int severity)
{
	size_t i;
	for (i = 0; i < out->n; i++)
		if (is(&out->v[i], rule, path, period) && out->v[i].severity == severity)
			return &out->v[i];
	show(out);
	fail_msg("no %s %s finding at %s (period %s)", severity == CS_SEV_ERROR ? "error" : "warning",
		 rule, path ? path : "any path", period ? period : "any");
	return NULL;
}

void fx_assert_none(const cs_findings *out, const char *rule, const char *path,
		    const char *period)
{
	if (!fx_find(out, rule, path, period))
		return;
	show(out);
	fail_msg("an unwanted %s finding at %s (period %s)", rule, path ? path : "some path",
		 period ? period : "any");
}

int fx_sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int n, status;
	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof(cmd));
	status = system(cmd);
	return status == -1 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}
