/* Record kinds, ids, slugs, paths, validation and stable output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "error.h"
#include "record.h"
#include "yaml.h"

static cs_node *load(const char *text)
{
	cs_node *n = NULL;
	assert_int_equal(cs_yaml_load(&n, text, strlen(text), "t.yaml"), 0);
	return n;
}

static void kinds_have_labels_and_families(void **state)
{
	const cs_kind *k;
	(void)state;
	k = cs_kind_find("office-hours");
	assert_non_null(k);
	assert_string_equal(k->zh, "坐班值班");
	assert_true(k->service);
	assert_false(cs_kind_find("gift")->service);
	assert_int_equal(cs_kind_find("lawyer")->family, CS_KIND_DIRECTORY);
	assert_null(cs_kind_find("party"));
	for (k = cs_kinds(); k->name; k++)
		if (k->family != CS_KIND_OTHER)
			assert_non_null(cs_record_schema(NULL, k->name));
	assert_non_null(cs_record_schema(NULL, "config"));
}

static void ids_and_slugs(void **state)
{
	char id[16], id2[16];
	(void)state;
	assert_int_equal(cs_id_new(cs_date_from_ymd(2026, 10, 16), id), 0);
	assert_int_equal(strncmp(id, "20261016-", 9), 0);
	assert_true(cs_id_valid(id));
	assert_int_equal(cs_id_new(cs_date_from_ymd(2026, 10, 16), id2), 0);
	assert_string_not_equal(id, id2);
	assert_false(cs_id_valid("20261332-abcdef"));
	assert_false(cs_id_valid("20261016-ABCDEF"));
	assert_false(cs_id_valid("20261016-abcde"));
	assert_true(cs_id_valid("20261016-k3j9qa"));
	assert_true(cs_slug_valid("wang-li"));
	assert_false(cs_slug_valid("../x"));
	assert_false(cs_slug_valid("Wang"));
	assert_false(cs_slug_valid("-x"));
	assert_false(cs_slug_valid("a23456789012345678901234567890123456789012"));
}

static void paths_follow_the_layout(void **state)
{
	cs_buf p = CS_BUF_INIT;
	cs_node *n;
	(void)state;
	n = load("kind: consultation\nid: 20261016-k3j9qa\ndate: '2026-10-16'\ncommunity: c1\n");
	assert_int_equal(cs_record_path(n, &p), 0);
	assert_string_equal(p.ptr, "records/log/c1/2026/10/20261016-k3j9qa.yaml");
	cs_node_free(n);
	cs_buf_clear(&p);
	n = load("kind: lawyer\nid: wang-li\n");
	assert_int_equal(cs_record_path(n, &p), 0);
	assert_string_equal(p.ptr, "records/lawyers/wang-li.yaml");
	cs_node_free(n);
	cs_buf_clear(&p);
	n = load("kind: meeting\nid: 20261016-k3j9qa\ndate: '2026-10-16'\n");
	assert_int_equal(cs_record_path(n, &p), 0);
	assert_string_equal(p.ptr, "records/meetings/2026/20261016-k3j9qa.yaml");
	cs_node_free(n);
	n = load("kind: lawyer\nid: ../x\n");
	assert_int_equal(cs_record_path(n, &p), CS_EDATA);
	cs_node_free(n);
	n = load("kind: consultation\nid: 20261016-k3j9qa\ndate: '2026-10-16'\ncommunity: ../x\n");
	assert_int_equal(cs_record_path(n, &p), CS_EDATA);
	cs_node_free(n);
	cs_buf_free(&p);
}

static void validation_names_field_and_line(void **state)
{
	cs_node *n;
	(void)state;
	n = load("kind: consultation\nid: 20261016-k3j9qa\ndate: '2026-10-16'\nstart: '09:00'\n"
		 "end: '10:00'\ncommunity: c1\nlawyer: wang-li\nchannel: fax\n");
	assert_int_equal(cs_record_validate(NULL, n, "x.yaml", NULL), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "x.yaml:8: channel"));
	cs_node_free(n);
	n = load("kind: party\nid: x\n");
	assert_int_equal(cs_record_validate(NULL, n, "x.yaml", NULL), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "unknown record kind"));
	cs_node_free(n);
}

static void emit_is_stable_and_schema_ordered(void **state)
{
	cs_node *n, *m;
	cs_buf a = CS_BUF_INIT, b = CS_BUF_INIT;
	(void)state;
	n = load("lawyer: wang-li\ncommunity: c1\nid: 20261016-k3j9qa\nkind: consultation\n"
		 "date: '2026-10-16'\ncontent: 'yes'\n");
	assert_int_equal(cs_record_emit(NULL, n, &a), 0);
	assert_int_equal(strncmp(a.ptr, "kind: consultation\nid: 20261016-k3j9qa\ndate: '2026-10-16'\n", 55), 0);
	assert_non_null(strstr(a.ptr, "content: 'yes'") ? strstr(a.ptr, "content: 'yes'") : strstr(a.ptr, "content: \"yes\""));
	m = load(a.ptr);
	assert_int_equal(cs_record_emit(NULL, m, &b), 0);
	assert_string_equal(a.ptr, b.ptr);
	cs_node_free(n);
	cs_node_free(m);
	cs_buf_free(&a);
	cs_buf_free(&b);
}

static int teardown(void **state)
{
	(void)state;
	cs_record_cleanup();
	return 0;
}

/* A file whose place says what it is: the wrong kind named, its schema
 * applied to the right one. */
static void validate_as_holds_the_kind(void **state)
{
	cs_node *wrong = load("kind: office\nid: x\nname: y\n");
	cs_node *good = load("kind: config\ndistrict: 测试区\n");
	cs_node *bad = load("kind: config\ndistrict: 测试区\nrulez: {}\n");
	(void)state;
	assert_int_equal(cs_record_validate_as(NULL, wrong, "config", "cs.yaml"), CS_EDATA);
	assert_string_equal(cs_error_last(), "cs.yaml:1: kind: must be config");
	assert_int_equal(cs_record_validate_as(NULL, good, "config", "cs.yaml"), 0);
	assert_int_equal(cs_record_validate_as(NULL, bad, "config", "cs.yaml"), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "rulez"));
	cs_error_clear();
	cs_node_free(wrong);
	cs_node_free(good);
	cs_node_free(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_have_labels_and_families),
		cmocka_unit_test(ids_and_slugs),
		cmocka_unit_test(paths_follow_the_layout),
		cmocka_unit_test(validation_names_field_and_line),
		cmocka_unit_test(emit_is_stable_and_schema_ordered),
		cmocka_unit_test(validate_as_holds_the_kind),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
