/* YAML loading with the record policy, emitting, and JSON writing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "error.h"
#include "node.h"
#include "yaml.h"

static cs_node *load_ok(const char *text)
{
	cs_node *n = NULL;
	int error = cs_yaml_load(&n, text, strlen(text), "t.yaml");
	if (error)
		fail_msg("load failed: %s", cs_error_last());
	return n;
}

/* The load is rejected with CS_EDATA and "t.yaml:LINE: " in the message. */
static void assert_rejected_at(const char *text, size_t len, size_t line,
			       const char *why)
{
	cs_node *n = NULL;
	char want[64];
	int error = cs_yaml_load(&n, text, len, "t.yaml");
	assert_null(n);
	assert_int_equal(error, CS_EDATA);
	snprintf(want, sizeof(want), "t.yaml:%zu: ", line);
	if (strncmp(cs_error_last(), want, strlen(want)) != 0)
		fail_msg("message '%s' does not start with '%s'", cs_error_last(), want);
	if (why && !strstr(cs_error_last(), why))
		fail_msg("message '%s' does not say '%s'", cs_error_last(), why);
}

static char *emit(const cs_node *n, cs_yaml_key_rank rank, void *ctx)
{
	cs_buf b = CS_BUF_INIT;
	int error = cs_yaml_emit(&b, n, rank, ctx);
	if (error)
		fail_msg("emit failed: %s", cs_error_last());
	return cs_buf_detach(&b);
}

/* Emitting a one-key mapping {v: s} with s a string. */
static char *emit_string_value(const char *s)
{
	cs_node *m = cs_node_new_map();
	char *out;
	assert_int_equal(cs_node_set_str(m, "v", s), 0);
	out = emit(m, NULL, NULL);
	cs_node_free(m);
	return out;
}

static void test_load_mapping_with_lines(void **state)
{
	cs_node *n = load_ok("kind: office\nid: east\n\nname: 东区\ntags:\n  - a\n  - 'b'\n");
	cs_node *tags;
	assert_int_equal(n->type, CS_NODE_MAP);
	assert_int_equal(n->line, 1);
	assert_string_equal(cs_node_get_str(n, "name"), "东区");
	assert_int_equal(cs_node_get(n, "name")->line, 4);
	tags = cs_node_get(n, "tags");
	assert_int_equal(tags->type, CS_NODE_SEQ);
	assert_int_equal(tags->count, 2);
	assert_int_equal(tags->items[1]->line, 7);
	assert_int_equal(tags->items[0]->plain, 1);
	assert_int_equal(tags->items[1]->plain, 0);
	cs_node_free(n);
}

static void test_load_scalar_styles(void **state)
{
	cs_node *n = load_ok("a: 12\nb: '12'\nc: \"true\"\nd: |\n  12\ne:\nf: !!str 12\ng: !!int '7'\n");
	assert_int_equal(cs_node_scalar_kind(cs_node_get(n, "a")), CS_SCALAR_INT);
	assert_int_equal(cs_node_scalar_kind(cs_node_get(n, "b")), CS_SCALAR_STRING);
	assert_int_equal(cs_node_scalar_kind(cs_node_get(n, "c")), CS_SCALAR_STRING);
	assert_int_equal(cs_node_scalar_kind(cs_node_get(n, "d")), CS_SCALAR_STRING);
	assert_string_equal(cs_node_get(n, "d")->str, "12\n");
	assert_int_equal(cs_node_scalar_kind(cs_node_get(n, "e")), CS_SCALAR_NULL);
	assert_int_equal(cs_node_get(n, "f")->plain, 0);
	assert_int_equal(cs_node_scalar_kind(cs_node_get(n, "f")), CS_SCALAR_STRING);
	assert_int_equal(cs_node_scalar_kind(cs_node_get(n, "g")), CS_SCALAR_INT);
	cs_node_free(n);
}

static void test_load_empty_stream(void **state)
{
	cs_node *n = (cs_node *)1;
	assert_int_equal(cs_yaml_load(&n, "", 0, "t.yaml"), 0);
	assert_null(n);
	n = (cs_node *)1;
	assert_int_equal(cs_yaml_load(&n, "# only a comment\n", 17, "t.yaml"), 0);
	assert_null(n);
}

static void test_load_json_text(void **state)
{
	const char *json = "[{\"description\": \"x\", \"schema\": {\"type\": \"integer\", "
			   "\"minimum\": 1.5e2}, \"tests\": [{\"data\": null, \"valid\": false},"
			   "{\"data\": \"a\\u00e9\\n\\\"q\\\"\", \"valid\": true}]}]\n";
	cs_node *n = load_ok(json), *t;
	double d;
	assert_int_equal(n->type, CS_NODE_SEQ);
	assert_int_equal(cs_node_number(cs_node_get(cs_node_get(n->items[0], "schema"),
						     "minimum"), &d), 0);
	assert_true(d == 150.0);
	t = cs_node_get(n->items[0], "tests");
	assert_int_equal(cs_node_scalar_kind(cs_node_get(t->items[0], "data")),
			 CS_SCALAR_NULL);
	assert_string_equal(cs_node_get_str(t->items[1], "data"), "a\xc3\xa9\n\"q\"");
	cs_node_free(n);
}

static void test_load_json_surrogate_pairs(void **state)
{
	const char *t = "{\"a\": \"x\\uD83D\\uDCA9y\\ud83d\\udca9\", \"b\": 1}\n";
	cs_node *n = load_ok(t);
	assert_string_equal(cs_node_get_str(n, "a"), "x\xf0\x9f\x92\xa9y\xf0\x9f\x92\xa9");
	cs_node_free(n);
	/* a lone surrogate is still an error; a single-quoted one is text */
	t = "a: 1\nb: \"\\uD83D\"\n";
	assert_rejected_at(t, strlen(t), 2, "escape");
	n = load_ok("a: '\\uD83D\\uDCA9'\n");
	assert_string_equal(cs_node_get_str(n, "a"), "\\uD83D\\uDCA9");
	cs_node_free(n);
}

/* The JSON Schema test suite's files are JSON texts: all of them load. */
static void test_load_json_schema_suite_files(void **state)
{
	const char *top = getenv("CS_TOP");
	cs_buf pat = CS_BUF_INIT;
	glob_t g;
	size_t i;
	cs_buf_printf(&pat, "%s/tests/data/json-schema-test-suite/tests/draft2020-12/*.json",
		      top ? top : ".");
	if (glob(pat.ptr, 0, NULL, &g) != 0)
		fail_msg("no file matches %s", pat.ptr);
	for (i = 0; i < g.gl_pathc; i++) {
		cs_node *n = NULL;
		if (cs_yaml_load_file(&n, g.gl_pathv[i]) != 0)
			fail_msg("%s: %s", g.gl_pathv[i], cs_error_last());
		assert_non_null(n);
		assert_int_equal(n->type, CS_NODE_SEQ);
		cs_node_free(n);
	}
	assert_true(g.gl_pathc > 10);
	globfree(&g);
	cs_buf_free(&pat);
}

static void test_reject_alias(void **state)
{
	assert_rejected_at("a: x\nb: [1, 2]\nc: *ref\n", 22, 3, "alias");
}

static void test_reject_anchor(void **state)
{
	assert_rejected_at("a: x\nb: &ref\n  c: 1\n", 20, 2, "anchor");
}

static void test_reject_duplicate_key(void **state)
{
	const char *t = "a: 1\nb: 2\nc:\n  x: 1\n  y: 2\n  x: 3\n";
	assert_rejected_at(t, strlen(t), 6, "duplicate key 'x'");
}

static void test_reject_duplicate_key_quoted_spelling(void **state)
{
	const char *t = "id: 1\n'id': 2\n";
	assert_rejected_at(t, strlen(t), 2, "duplicate key");
}

static void test_reject_duplicate_key_large_map(void **state)
{
	cs_buf b = CS_BUF_INIT;
	int i;
	for (i = 0; i < 100; i++)
		cs_buf_printf(&b, "k%d: %d\n", i, i);
	cs_buf_printf(&b, "k42: again\n");
	assert_rejected_at(b.ptr, b.len, 101, "duplicate key 'k42'");
	cs_buf_free(&b);
}

static void test_reject_non_utf8(void **state)
{
	const char t[] = "a: 1\nb: ok\nc: caf\xe9\n";
	assert_rejected_at(t, sizeof(t) - 1, 3, "UTF-8");
}

static void test_reject_too_large(void **state)
{
	size_t len = CS_YAML_MAX_BYTES + 1;
	char *big = malloc(len);
	assert_non_null(big);
	memset(big, 'a', len);
	memcpy(big, "a: ", 3);
	assert_rejected_at(big, len, 1, "larger than");
	free(big);
}

static void test_reject_too_deep(void **state)
{
	cs_buf b = CS_BUF_INIT;
	int i;
	cs_node *n = NULL;
	for (i = 0; i < CS_YAML_MAX_DEPTH; i++)
		cs_buf_puts(&b, "[");
	for (i = 0; i < CS_YAML_MAX_DEPTH; i++)
		cs_buf_puts(&b, "]");
	assert_int_equal(cs_yaml_load(&n, b.ptr, b.len, "t.yaml"), 0);
	cs_node_free(n);
	cs_buf_clear(&b);
	for (i = 0; i <= CS_YAML_MAX_DEPTH; i++)
		cs_buf_puts(&b, "[");
	for (i = 0; i <= CS_YAML_MAX_DEPTH; i++)
		cs_buf_puts(&b, "]");
	assert_rejected_at(b.ptr, b.len, 1, "nesting");
	cs_buf_free(&b);
}

static void test_reject_two_documents(void **state)
{
	const char *t = "a: 1\n---\nb: 2\n";
	assert_rejected_at(t, strlen(t), 2, "more than one document");
}

static void test_reject_non_scalar_key(void **state)
{
	const char *t = "a: 1\n? [x, y]\n: 2\n";
	assert_rejected_at(t, strlen(t), 2, "keys must be scalars");
}

static void test_reject_custom_tag(void **state)
{
	const char *t = "a: 1\nb: !secret x\n";
	assert_rejected_at(t, strlen(t), 2, "tag");
}

static void test_reject_mismatched_core_tag(void **state)
{
	const char *t = "a: 1\nb: !!int abc\n";
	assert_rejected_at(t, strlen(t), 2, "!!int");
}

static void test_reject_syntax_error_with_line(void **state)
{
	const char *t = "a: 1\nb: [1, 2\nc: 3\n";
	cs_node *n = NULL;
	assert_int_equal(cs_yaml_load(&n, t, strlen(t), "t.yaml"), CS_EDATA);
	assert_null(n);
	assert_non_null(strstr(cs_error_last(), "t.yaml:"));
	t = "a: 1\n  b: 2\n";
	assert_rejected_at(t, strlen(t), 2, NULL);
}

static void test_reject_comment_without_space(void **state)
{
	const char *t = "a: 1\nkey: \"value\"# not a comment\n";
	assert_rejected_at(t, strlen(t), 2, "comment");
}

static void test_load_file_uses_path(void **state)
{
	char path[] = "/tmp/cs-test-yaml-XXXXXX";
	int fd = mkstemp(path);
	cs_node *n = NULL;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "a: 1\na: 2\n", 10), 10);
	close(fd);
	assert_int_equal(cs_yaml_load_file(&n, path), CS_EDATA);
	assert_null(n);
	assert_non_null(strstr(cs_error_last(), path));
	assert_non_null(strstr(cs_error_last(), ":2: "));
	unlink(path);
	assert_int_equal(cs_yaml_load_file(&n, path), CS_ENOTFOUND);
}

static void test_emit_quotes_yaml11_booleans(void **state)
{
	const char *words[] = { "yes", "no", "on", "off", "y", "n", "Yes", "NO",
				"On", "OFF", "true", "False" };
	size_t i;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char *out = emit_string_value(words[i]), want[32];
		snprintf(want, sizeof(want), "v: '%s'\n", words[i]);
		assert_string_equal(out, want);
		free(out);
	}
}

static void test_emit_quotes_nulls(void **state)
{
	const char *words[] = { "null", "~", "NULL", "" };
	size_t i;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char *out = emit_string_value(words[i]), want[32];
		snprintf(want, sizeof(want), "v: '%s'\n", words[i]);
		assert_string_equal(out, want);
		free(out);
	}
}

static void test_emit_quotes_numbers(void **state)
{
	const char *words[] = { "0123", "1e3", "12", "-3", "0x1f", "1_000", ".5",
				".inf", "1.5", "0o17", "+1" };
	size_t i;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char *out = emit_string_value(words[i]), want[32];
		snprintf(want, sizeof(want), "v: '%s'\n", words[i]);
		assert_string_equal(out, want);
		free(out);
	}
}

static void test_emit_quotes_dates_and_times(void **state)
{
	const char *words[] = { "2026-10-01", "2026-10-01T10:00", "1:20", "14:30" };
	size_t i;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char *out = emit_string_value(words[i]), want[40];
		snprintf(want, sizeof(want), "v: '%s'\n", words[i]);
		assert_string_equal(out, want);
		free(out);
	}
}

static void test_emit_quotes_indicators(void **state)
{
	const char *words[] = { " x", "x ", "a: b", "#x", "a #b", "- x", "*x",
				"&x", "!x", "[x]", "{x}", "@x", "`x", "%x", "'x'",
				"\"x\"", "|x", ">x", "---", "..." };
	size_t i;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char *out = emit_string_value(words[i]);
		cs_node *back = load_ok(out);
		if (strncmp(out, "v: '", 4) != 0 && strncmp(out, "v: \"", 4) != 0)
			fail_msg("'%s' not quoted: %s", words[i], out);
		assert_string_equal(cs_node_get_str(back, "v"), words[i]);
		cs_node_free(back);
		free(out);
	}
}

static void test_emit_plain_when_safe(void **state)
{
	const char *words[] = { "hello world", "wang-li", "Wed 14:00-17:30",
				"20261016-k3j9qa", "a:b", "x#y", "1st", "东区司法所",
				"2026-10 report", "v1.2.3a" };
	size_t i;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		char *out = emit_string_value(words[i]), want[64];
		snprintf(want, sizeof(want), "v: %s\n", words[i]);
		assert_string_equal(out, want);
		free(out);
	}
}

static void test_emit_plain_typed_scalars(void **state)
{
	cs_node *m = cs_node_new_map();
	char *out;
	cs_node_set(m, "num", cs_node_new_int(3));
	cs_node_set(m, "b", cs_node_new_bool(1));
	cs_node_set(m, "z", cs_node_new_null());
	cs_node_set(m, "f", cs_node_new_plain("1.5"));
	cs_node_set(m, "s", cs_node_new_plain("yes"));
	out = emit(m, NULL, NULL);
	assert_string_equal(out, "num: 3\nb: true\nz: null\nf: 1.5\ns: 'yes'\n");
	free(out);
	cs_node_free(m);
}

static void test_emit_chinese_unescaped(void **state)
{
	char *out = emit_string_value("张三在东区社区工作室提供法律咨询");
	assert_string_equal(out, "v: 张三在东区社区工作室提供法律咨询\n");
	free(out);
}

static void test_emit_multiline_literal(void **state)
{
	char *out = emit_string_value("第一行\nsecond line\n");
	assert_string_equal(out, "v: |\n  第一行\n  second line\n");
	free(out);
}

static void test_emit_long_line_not_folded(void **state)
{
	cs_buf b = CS_BUF_INIT;
	char *out;
	int i;
	for (i = 0; i < 60; i++)
		cs_buf_puts(&b, "word ");
	cs_buf_puts(&b, "end");
	out = emit_string_value(b.ptr);
	assert_int_equal(strchr(out, '\n') - out, (long)strlen(out) - 1);
	free(out);
	cs_buf_free(&b);
}

static void test_emit_no_document_markers(void **state)
{
	cs_node *n = load_ok("a: 1\nb: [x, {c: d}]\ne: {}\nf: []\n");
	char *out = emit(n, NULL, NULL);
	assert_null(strstr(out, "---"));
	assert_null(strstr(out, "..."));
	assert_string_equal(out, "a: 1\nb:\n- x\n- c: d\ne: {}\nf: []\n");
	free(out);
	cs_node_free(n);
}

static void test_emit_round_trip_is_stable(void **state)
{
	const char *text =
		"kind: consultation\nid: 20261016-k3j9qa\ndate: 2026-10-16\nstart: 09:00\n"
		"end: '10:30'\nyes_field: yes\nnum: 0123\ncount: 12\nflag: on\n"
		"target: {type: resident, name: 张三, contact: \"138 0000 0000\"}\n"
		"content: |\n  咨询劳动合同纠纷\n  second: line\nempty:\nq: ' lead'\n"
		"list: [a, 'b c', 1e3, '1e3', null, \"null\", ~]\nlong: x  y\n";
	cs_node *a = load_ok(text), *b;
	char *first = emit(a, NULL, NULL), *second;
	b = load_ok(first);
	assert_true(cs_node_equal(a, b));
	second = emit(b, NULL, NULL);
	assert_string_equal(first, second);
	assert_non_null(strstr(first, "date: '2026-10-16'\n"));
	assert_non_null(strstr(first, "start: '09:00'\n"));
	assert_non_null(strstr(first, "yes_field: 'yes'\n"));
	assert_non_null(strstr(first, "num: 0123\n"));
	free(first);
	free(second);
	cs_node_free(a);
	cs_node_free(b);
}

static int rank_keys(void *ctx, const char *path, const char *key)
{
	static const char *root[] = { "kind", "id", "date", "target", NULL };
	static const char *target[] = { "type", "name", NULL };
	const char **order = strcmp(path, "") == 0 ? root
			     : strcmp(path, "target") == 0 ? target : NULL;
	int i;
	(*(int *)ctx)++;
	if (strcmp(path, "items") == 0 && strcmp(key, "z") == 0)
		return 0;
	for (i = 0; order && order[i]; i++)
		if (strcmp(order[i], key) == 0)
			return i;
	return -1;
}

static void test_emit_key_order_by_rank(void **state)
{
	cs_node *n = load_ok("extra2: b\ntarget: {name: x, other: 1, type: resident}\n"
			     "id: a1\nextra1: a\nkind: gift\n"
			     "items: [{a: 1, z: 2}]\n");
	int calls = 0;
	char *out = emit(n, rank_keys, &calls);
	assert_string_equal(out,
			    "kind: gift\nid: a1\ntarget:\n  type: resident\n  name: x\n"
			    "  other: 1\nextra2: b\nextra1: a\nitems:\n- z: 2\n  a: 1\n");
	assert_true(calls > 0);
	free(out);
	/* no rank: document order */
	out = emit(n, NULL, NULL);
	assert_int_equal(strncmp(out, "extra2: b\n", 10), 0);
	free(out);
	cs_node_free(n);
}

static void test_json_escaping(void **state)
{
	cs_node *m = cs_node_new_map();
	cs_buf b = CS_BUF_INIT;
	cs_node_set_str(m, "s", "q\"b\\s/\n\t\r\b\f\x01\x1f 张");
	cs_node_set_str(m, "k\"", "v");
	assert_int_equal(cs_json_emit(&b, m, 0), 0);
	assert_string_equal(b.ptr,
			    "{\"s\":\"q\\\"b\\\\s/\\n\\t\\r\\b\\f\\u0001\\u001f 张\",\"k\\\"\":\"v\"}");
	cs_buf_free(&b);
	cs_node_free(m);
}

static void test_json_types(void **state)
{
	cs_node *n = load_ok("i: 12\nj: '12'\nf: 1.50\ne: 1e3\nh: 0x1f\no: 0o17\np: +5\n"
			     "d: .5\ninf: .inf\nnan: .nan\nb: True\nz: ~\nzz:\nl: [1, x]\nm: {}\n");
	cs_buf b = CS_BUF_INIT;
	assert_int_equal(cs_json_emit(&b, n, 0), 0);
	assert_string_equal(b.ptr,
			    "{\"i\":12,\"j\":\"12\",\"f\":1.50,\"e\":1e3,\"h\":31,\"o\":15,"
			    "\"p\":5,\"d\":0.5,\"inf\":null,\"nan\":null,\"b\":true,\"z\":null,"
			    "\"zz\":null,\"l\":[1,\"x\"],\"m\":{}}");
	cs_buf_free(&b);
	cs_node_free(n);
}

static void test_json_pretty(void **state)
{
	cs_node *n = load_ok("a: [1, {b: x}]\nc: []\n");
	cs_buf b = CS_BUF_INIT;
	assert_int_equal(cs_json_emit(&b, n, 2), 0);
	assert_string_equal(b.ptr,
			    "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x\"\n    }\n  ],\n"
			    "  \"c\": []\n}");
	cs_buf_free(&b);
	cs_node_free(n);
}

static void test_json_reloads_equal(void **state)
{
	cs_node *n = load_ok("a: [1, 2.5, 'x: y', true, null]\nb: {c: 东, d: \"\\t\"}\n"), *m;
	cs_buf b = CS_BUF_INIT;
	assert_int_equal(cs_json_emit(&b, n, 0), 0);
	m = load_ok(b.ptr);
	assert_true(cs_node_equal(n, m));
	cs_buf_free(&b);
	cs_node_free(n);
	cs_node_free(m);
}

/* An array written an item at a time is the array written whole. */
static void test_json_items_one_at_a_time(void **state)
{
	static const char *const docs[] = {
		"[]", "[{kind: a, n: 1}]", "[{kind: a, n: [1, 2]}, {kind: b}, 中文, [x, {y: z}]]", NULL
	};
	size_t d, i;
	(void)state;
	for (d = 0; docs[d]; d++) {
		cs_node *n = NULL;
		cs_buf whole = CS_BUF_INIT, parts = CS_BUF_INIT;
		assert_int_equal(cs_yaml_load(&n, docs[d], strlen(docs[d]), "t"), 0);
		assert_int_equal(cs_json_emit(&whole, n, 2), 0);
		for (i = 0; i < n->count; i++)
			assert_int_equal(cs_json_emit_item(&parts, n->items[i], 2, i), 0);
		assert_int_equal(cs_json_emit_end(&parts, 2, n->count), 0);
		assert_string_equal(cs_buf_cstr(&parts), cs_buf_cstr(&whole));
		cs_buf_free(&whole);
		cs_buf_free(&parts);
		cs_node_free(n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_mapping_with_lines),
		cmocka_unit_test(test_load_scalar_styles),
		cmocka_unit_test(test_load_empty_stream),
		cmocka_unit_test(test_load_json_text),
		cmocka_unit_test(test_load_json_surrogate_pairs),
		cmocka_unit_test(test_load_json_schema_suite_files),
		cmocka_unit_test(test_reject_alias),
		cmocka_unit_test(test_reject_anchor),
		cmocka_unit_test(test_reject_duplicate_key),
		cmocka_unit_test(test_reject_duplicate_key_quoted_spelling),
		cmocka_unit_test(test_reject_duplicate_key_large_map),
		cmocka_unit_test(test_reject_non_utf8),
		cmocka_unit_test(test_reject_too_large),
		cmocka_unit_test(test_reject_too_deep),
		cmocka_unit_test(test_reject_two_documents),
		cmocka_unit_test(test_reject_non_scalar_key),
		cmocka_unit_test(test_reject_custom_tag),
		cmocka_unit_test(test_reject_mismatched_core_tag),
		cmocka_unit_test(test_reject_syntax_error_with_line),
		cmocka_unit_test(test_reject_comment_without_space),
		cmocka_unit_test(test_load_file_uses_path),
		cmocka_unit_test(test_emit_quotes_yaml11_booleans),
		cmocka_unit_test(test_emit_quotes_nulls),
		cmocka_unit_test(test_emit_quotes_numbers),
		cmocka_unit_test(test_emit_quotes_dates_and_times),
		cmocka_unit_test(test_emit_quotes_indicators),
		cmocka_unit_test(test_emit_plain_when_safe),
		cmocka_unit_test(test_emit_plain_typed_scalars),
		cmocka_unit_test(test_emit_chinese_unescaped),
		cmocka_unit_test(test_emit_multiline_literal),
		cmocka_unit_test(test_emit_long_line_not_folded),
		cmocka_unit_test(test_emit_no_document_markers),
		cmocka_unit_test(test_emit_round_trip_is_stable),
		cmocka_unit_test(test_emit_key_order_by_rank),
		cmocka_unit_test(test_json_escaping),
		cmocka_unit_test(test_json_types),
		cmocka_unit_test(test_json_pretty),
		cmocka_unit_test(test_json_reloads_equal),
		cmocka_unit_test(test_json_items_one_at_a_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
