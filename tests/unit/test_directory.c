/* lib/directory.c and lib/write.c on a scratch store. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "directory.h"
#include "error.h"
#include "record.h"
#include "write.h"
#include "yaml.h"

struct fixture {
	char dir[64];
	cs_store *s;
};

static cs_node *rec(const char *text)
{
	cs_node *n = NULL;
	assert_int_equal(cs_yaml_load(&n, text, strlen(text), "t"), 0);
	return n;
}

static void put(cs_store *s, const char *text)
{
	cs_node *n = rec(text);
	cs_put p = { n, 1, NULL };
	cs_commit c = { "test", "add", NULL, NULL, NULL, NULL, NULL };
	if (cs_write_records(s, &c, &p, 1, NULL) < 0)
		fail_msg("%s", cs_error_last());
	cs_node_free(n);
}

static int setup(void **state)
{
	static struct fixture f;
	const char *cfg = "kind: config\ndistrict: 测试区\n";
	cs_file file = { "cs.yaml", cfg, strlen(cfg) };
	setenv("CS_NOW", "2026-10-12T10:00:00", 1);
	setenv("CS_AUTHOR", "Unit <unit@example.org>", 1);
	strcpy(f.dir, "/tmp/cs-unit.XXXXXX");
	assert_non_null(mkdtemp(f.dir));
	assert_int_equal(cs_store_create(f.dir, 1, &file, 1, "init\n\nCs-Command: test\n"), 0);
	assert_int_equal(cs_store_open(&f.s, f.dir), 0);
	put(f.s, "kind: office\nid: o1\nname: 甲所\n");
	put(f.s, "kind: community\nid: c1\nname: 东风\noffice: o1\nheads: [张主任, 李书记]\n");
	put(f.s, "kind: firm\nid: f1\nname: 律所\n");
	put(f.s, "kind: lawyer\nid: wang\nname: 王\nfirm: f1\n");
	put(f.s, "kind: assignment\nid: 20260901-aaaaaa\nfirm: f1\nlawyer: wang\ncommunity: c1\n"
		 "from: '2026-09-01'\nto: '2026-10-31'\nschedule: 'Wed 14:00-17:30'\nplace: 室\nagreement: A\n");
	put(f.s, "kind: consultation\nid: 20261008-abc123\ndate: '2026-10-08'\ncommunity: c1\nlawyer: wang\n");
	put(f.s, "kind: consultation\nid: 20261008-abd456\ndate: '2026-10-08'\ncommunity: c1\nlawyer: wang\n");
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];
	cs_store_free(f->s);
	cs_record_cleanup();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void entries_are_found_by_slug(void **state)
{
	struct fixture *f = *state;
	cs_node *c = NULL;
	assert_int_equal(cs_dir_get(f->s, NULL, "community", "c1", &c), 0);
	assert_string_equal(cs_node_get_str(c, "name"), "东风");
	assert_true(cs_dir_is_head(c, "李书记"));
	assert_false(cs_dir_is_head(c, "王五"));
	cs_node_free(c);
	assert_int_equal(cs_dir_get(f->s, NULL, "lawyer", "nobody", &c), CS_ENOTFOUND);
	assert_non_null(strstr(cs_error_last(), "no such lawyer 'nobody'"));
	assert_int_equal(cs_dir_get(f->s, NULL, "lawyer", "../x", &c), CS_EDATA);
}

static void pairings_are_active_within_their_dates(void **state)
{
	struct fixture *f = *state;
	cs_node *p = NULL;
	assert_int_equal(cs_pairing_find(f->s, NULL, "wang", NULL, cs_date_from_ymd(2026, 9, 1), &p), 0);
	assert_non_null(p);
	assert_string_equal(cs_node_get_str(p, "community"), "c1");
	assert_true(cs_pairing_active_on(p, cs_date_from_ymd(2026, 10, 31)));
	assert_false(cs_pairing_active_on(p, cs_date_from_ymd(2026, 11, 1)));
	assert_false(cs_pairing_active_on(p, cs_date_from_ymd(2026, 8, 31)));
	cs_node_free(p);
	assert_int_equal(cs_pairing_find(f->s, NULL, NULL, "c1", cs_date_from_ymd(2026, 11, 1), &p), 0);
	assert_null(p);
}

static void ids_resolve_by_unique_prefix(void **state)
{
	struct fixture *f = *state;
	cs_buf path = CS_BUF_INIT;
	assert_int_equal(cs_id_lookup(f->s, NULL, "records/log", "20261008-abc", &path), 0);
	assert_string_equal(path.ptr, "records/log/c1/2026/10/20261008-abc123.yaml");
	assert_int_equal(cs_id_lookup(f->s, NULL, "records/log", "20261008-ab", &path), CS_EUSAGE);
	assert_non_null(strstr(cs_error_last(), "ambiguous"));
	assert_int_equal(cs_id_lookup(f->s, NULL, "records/log", "2027", &path), CS_ENOTFOUND);
	assert_int_equal(cs_id_lookup(f->s, NULL, "records/log", "../x", &path), CS_EUSAGE);
	cs_buf_free(&path);
}

static void writes_validate_and_refuse_to_overwrite(void **state)
{
	struct fixture *f = *state;
	cs_node *bad = rec("kind: office\nid: o2\nname: 乙所\nbogus: 1\n");
	cs_node *dup = rec("kind: office\nid: o1\nname: 甲所\n");
	cs_put p = { bad, 1, NULL };
	cs_commit c = { "test", "bad", NULL, NULL, NULL, NULL, NULL };
	char before[41];
	snprintf(before, sizeof(before), "%s", cs_store_head(f->s));
	assert_int_equal(cs_write_records(f->s, &c, &p, 1, NULL), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "records/offices/o2.yaml"));
	assert_non_null(strstr(cs_error_last(), "bogus"));
	p.rec = dup;
	assert_int_equal(cs_write_records(f->s, &c, &p, 1, NULL), CS_ECANTCREAT);
	assert_string_equal(cs_store_head(f->s), before);
	cs_node_free(bad);
	cs_node_free(dup);
}

static void a_write_of_several_records_is_one_commit(void **state)
{
	struct fixture *f = *state;
	cs_node *a = rec("kind: office\nid: o3\nname: 丙所\n");
	cs_node *b = rec("kind: office\nid: o4\nname: 丁所\n");
	cs_put p[2] = { { a, 1, NULL }, { b, 1, NULL } };
	const char *trailers[] = { "Cs-Reason", "测试", NULL };
	cs_commit c = { "test two", "two", trailers, NULL, NULL, NULL, NULL };
	cs_buf blob = CS_BUF_INIT, path = CS_BUF_INIT;
	assert_int_equal(cs_write_records(f->s, &c, p, 2, &path), 0);
	assert_string_equal(path.ptr, "records/offices/o3.yaml");
	assert_int_equal(cs_store_read_blob(f->s, NULL, "records/offices/o4.yaml", &blob), 0);
	assert_string_equal(blob.ptr, "kind: office\nid: o4\nname: 丁所\n");
	cs_node_free(a);
	cs_node_free(b);
	cs_buf_free(&blob);
	cs_buf_free(&path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entries_are_found_by_slug),
		cmocka_unit_test(pairings_are_active_within_their_dates),
		cmocka_unit_test(ids_resolve_by_unique_prefix),
		cmocka_unit_test(writes_validate_and_refuse_to_overwrite),
		cmocka_unit_test(a_write_of_several_records_is_one_commit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
