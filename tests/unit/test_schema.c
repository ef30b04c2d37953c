/* lib/schema.c: verdicts, error fields, lines and messages, patterns,
 * references, key ranks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "node.h"
#include "schema.h"
#include "yaml.h"

static cs_node *yaml(const char *text)
{
	cs_node *n = NULL;
	if (cs_yaml_load(&n, text, strlen(text), "test") < 0)
		fail_msg("yaml: %s", cs_error_last());
	assert_non_null(n);
	return n;
}

static cs_schema *compile(const char *text)
{
	cs_node *n = yaml(text);
	cs_schema *s = NULL;
	if (cs_schema_new(&s, n, "test") < 0)
		fail_msg("schema: %s", cs_error_last());
	cs_node_free(n);
	return s;
}

/* Validate text against s; returns the verdict, errors in res. */
static int check(cs_schema *s, const char *text, cs_schema_result *res)
{
	cs_node *n = yaml(text);
	int rc, quiet;
	cs_schema_result_free(res);
	quiet = cs_schema_validate(s, n, NULL);
	rc = cs_schema_validate(s, n, res);
	cs_node_free(n);
	assert_int_equal(quiet, rc);
	assert_true(rc == 0 || rc == 1);
	assert_true(rc == 1 ? res->count == 0 : res->count > 0);
	return rc;
}

static const cs_schema_error *find(const cs_schema_result *res, const char *field)
{
	size_t i;
	for (i = 0; i < res->count; i++)
		if (!strcmp(res->errors[i].field, field))
			return &res->errors[i];
	return NULL;
}

static void assert_error(const cs_schema_result *res, const char *field, size_t line,
			 const char *message)
{
	const cs_schema_error *e = find(res, field);
	if (!e) {
		size_t i;
		for (i = 0; i < res->count; i++)
			print_message("  have %s:%zu: %s\n", res->errors[i].field,
				      res->errors[i].line, res->errors[i].message);
		fail_msg("no error for field '%s'", field);
	}
	assert_string_equal(e->message, message);
	if (line)
		assert_int_equal(e->line, line);
}

static const char *record_schema =
	"type: object\n"
	"properties:\n"
	"  kind: {const: consultation}\n"
	"  community: {type: string}\n"
	"  name: {type: string, minLength: 1, maxLength: 4}\n"
	"  date: {type: string, format: date}\n"
	"  channel: {enum: [in-person, phone]}\n"
	"  attendees: {type: integer, minimum: 0}\n"
	"  target:\n"
	"    type: object\n"
	"    properties:\n"
	"      name: {type: string}\n"
	"      type: {enum: [resident, other]}\n"
	"    additionalProperties: false\n"
	"  heads: {type: array, items: {type: string}, minItems: 1, uniqueItems: true}\n"
	"required: [kind, name, community]\n"
	"additionalProperties: false\n";

static void test_valid_record_has_no_errors(void **state)
{
	cs_schema *s = compile(record_schema);
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "kind: consultation\nname: 张三\ncommunity: x\n"
			       "date: 2026-03-04\nchannel: phone\nattendees: 3\n"
			       "target: {name: 李四, type: resident}\nheads: [a, b]\n", &res), 1);
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_required_names_missing_field_at_parent_line(void **state)
{
	cs_schema *s = compile(record_schema);
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "kind: consultation\nname: x\n", &res), 0);
	assert_int_equal(res.count, 1);
	assert_error(&res, "community", 1, "is required");
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_errors_carry_dotted_path_and_line(void **state)
{
	cs_schema *s = compile(record_schema);
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "kind: consultation\nname: x\ncommunity: c\n"
			       "target:\n  name: 1\n  type: nobody\n  extra: y\n"
			       "heads:\n  - a\n  - 7\n", &res), 0);
	assert_error(&res, "target.name", 5, "must be a string");
	assert_error(&res, "target.type", 6, "must be one of: resident, other");
	assert_error(&res, "target.extra", 7, "is not allowed");
	assert_error(&res, "heads.1", 10, "must be a string");
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_messages_for_common_keywords(void **state)
{
	cs_schema *s = compile(record_schema);
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "kind: lecture\nname: ''\ncommunity: c\ndate: 2026-02-30\n"
			       "channel: fax\nattendees: -1\nheads: []\nfoo: 1\n", &res), 0);
	assert_error(&res, "kind", 1, "must be consultation");
	assert_error(&res, "name", 2, "must be at least 1 character");
	assert_error(&res, "date", 4, "is not a date (YYYY-MM-DD)");
	assert_error(&res, "channel", 5, "must be one of: in-person, phone");
	assert_error(&res, "attendees", 6, "must be at least 0");
	assert_error(&res, "heads", 7, "must have at least 1 item");
	assert_error(&res, "foo", 8, "is not allowed");
	assert_int_equal(res.count, 7);
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_lengths_count_code_points(void **state)
{
	cs_schema *s = compile(record_schema);
	cs_schema_result res;
	cs_schema_result_init(&res);
	/* four CJK characters are twelve bytes but four characters */
	assert_int_equal(check(s, "kind: consultation\nname: 法律咨询\ncommunity: c\n", &res), 1);
	assert_int_equal(check(s, "kind: consultation\nname: 法律咨询台\ncommunity: c\n", &res), 0);
	assert_error(&res, "name", 2, "must be at most 4 characters");
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_type_keeps_yaml_scalar_meaning(void **state)
{
	cs_schema *s = compile("type: object\nproperties:\n"
			       "  s: {type: string}\n  i: {type: integer}\n  n: {type: number}\n"
			       "  b: {type: boolean}\n  z: {type: [string, 'null']}\n");
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "s: 'x'\ni: 3\nn: 2.5\nb: true\nz: ~\n", &res), 1);
	assert_int_equal(check(s, "i: 3.0\nn: 4\nz: abc\n", &res), 1);
	assert_int_equal(check(s, "s: 12\ni: 3.5\nn: '4'\nb: 'true'\nz: 1\n", &res), 0);
	assert_error(&res, "s", 1, "must be a string");
	assert_error(&res, "i", 2, "must be an integer");
	assert_error(&res, "n", 3, "must be a number");
	assert_error(&res, "b", 4, "must be a boolean");
	assert_error(&res, "z", 5, "must be a string or null");
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_root_errors_have_empty_field(void **state)
{
	cs_schema *s = compile("type: object\n");
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "- a\n", &res), 0);
	assert_error(&res, "", 1, "must be an object");
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_numbers(void **state)
{
	cs_schema *s = compile("properties:\n"
			       "  a: {maximum: 5}\n  b: {exclusiveMinimum: 0}\n"
			       "  c: {exclusiveMaximum: 10}\n  d: {multipleOf: 0.01}\n"
			       "  e: {multipleOf: 3}\n");
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "a: 5\nb: 0.1\nc: 9.99\nd: 19.99\ne: 9\n", &res), 1);
	assert_int_equal(check(s, "d: 0.07\n", &res), 1);
	assert_int_equal(check(s, "a: 6\nb: 0\nc: 10\nd: 19.991\ne: 10\n", &res), 0);
	assert_error(&res, "a", 1, "must be at most 5");
	assert_error(&res, "b", 2, "must be greater than 0");
	assert_error(&res, "c", 3, "must be less than 10");
	assert_error(&res, "d", 4, "must be a multiple of 0.01");
	assert_error(&res, "e", 5, "must be a multiple of 3");
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_patterns_translate_ecma_escapes(void **state)
{
	static const struct { const char *pattern, *text; int ok; } cases[] = {
		{ "'^\\d{8}-[a-z2-7]{6}$'", "20260304-abcdef", 1 },
		{ "'^\\d{8}-[a-z2-7]{6}$'", "20260304-abcde1", 0 },
		{ "'^\\w+$'", "a_B9", 1 },
		{ "'^\\w+$'", "a-b", 0 },
		{ "'^\\S+\\s\\S+$'", "a b", 1 },
		{ "'^\\S+\\s\\S+$'", "a  b", 0 },
		{ "'\\D'", "123", 0 },
		{ "'\\W'", "abc", 0 },
		{ "'b+'", "aabbcc", 1 },       /* unanchored: a search */
		{ "'^b+'", "aabbcc", 0 },
		{ "'^a.c$'", "a中c", 1 },      /* '.' is one code point */
		{ "'^.{2}$'", "中文", 1 },
		{ "'^[\\d.-]+$'", "1.2-3", 1 },
		{ "'^[^\\]]+$'", "a]", 0 },
		{ "'^a{2,3}$'", "aaaa", 0 },
		{ "'^x{$'", "x{", 1 },          /* a brace that is no quantifier is literal */
		{ "'^(?:ab)+?$'", "abab", 1 },
		{ "'^\\p{L}+$'", "律师", 1 },
		{ "'^\\p{L}+$'", "12", 0 },
		{ "'^a\\.b\\/c$'", "a.b/c", 1 },
		{ "'^a\\.b$'", "axb", 0 },
		{ "'^\\u4e2d$'", "中", 1 },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[256];
		cs_schema *s;
		cs_node *n = cs_node_new_str(cases[i].text);
		int rc;
		snprintf(text, sizeof(text), "pattern: %s\n", cases[i].pattern);
		s = compile(text);
		rc = cs_schema_validate(s, n, NULL);
		if (rc != cases[i].ok)
			fail_msg("pattern %s on '%s': got %d", cases[i].pattern, cases[i].text, rc);
		cs_schema_free(s);
		cs_node_free(n);
	}
}

static void test_pattern_message_and_bad_patterns(void **state)
{
	cs_schema *s = compile("properties:\n  id: {pattern: '^[a-z]+$'}\n");
	cs_schema_result res;
	cs_node *n;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "id: ABC\n", &res), 0);
	assert_error(&res, "id", 1, "must match ^[a-z]+$");
	cs_schema_result_free(&res);
	cs_schema_free(s);
	s = NULL;
	/* unsupported or malformed patterns are refused when compiling */
	n = yaml("pattern: '(?=a)b'\n");
	assert_int_equal(cs_schema_new(&s, n, "look"), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "look"));
	cs_node_free(n);
	n = yaml("patternProperties: {'a(': {}}\n");
	assert_int_equal(cs_schema_new(&s, n, "paren"), CS_EDATA);
	assert_null(s);
	cs_node_free(n);
}

static void test_pattern_properties_and_additional(void **state)
{
	cs_schema *s = compile("properties: {a: {type: integer}}\n"
			       "patternProperties: {'^x-': {type: string}}\n"
			       "additionalProperties: {type: boolean}\n");
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "a: 1\nx-y: s\nother: true\n", &res), 1);
	assert_int_equal(check(s, "a: 1\nx-y: 2\nother: 3\n", &res), 0);
	assert_error(&res, "x-y", 2, "must be a string");
	assert_error(&res, "other", 3, "must be a boolean");
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_arrays(void **state)
{
	cs_schema *s = compile("prefixItems: [{type: string}, {type: integer}]\n"
			       "items: {type: boolean}\nmaxItems: 3\nuniqueItems: true\n");
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "[a, 1, true]\n", &res), 1);
	assert_int_equal(check(s, "[a, b, 3]\n", &res), 0);
	assert_error(&res, "1", 0, "must be an integer");
	assert_error(&res, "2", 0, "must be a boolean");
	assert_int_equal(check(s, "[a, 1, true, false]\n", &res), 0);
	assert_error(&res, "", 0, "must have at most 3 items");
	cs_schema_result_free(&res);
	cs_schema_free(s);
	s = compile("uniqueItems: true\n");
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "[1, 2, 1.0]\n", &res), 0);
	assert_int_equal(check(s, "[{a: 1, b: 2}, {b: 2, a: 1}]\n", &res), 0);
	assert_int_equal(check(s, "[1, '1', true]\n", &res), 1);
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_combinators(void **state)
{
	cs_schema *s = compile("anyOf: [{type: string}, {type: integer}]\n"
			       "not: {const: 0}\n");
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "abc\n", &res), 1);
	assert_int_equal(check(s, "0\n", &res), 0);
	assert_error(&res, "", 0, "is not allowed");
	assert_int_equal(check(s, "[1]\n", &res), 0);
	assert_error(&res, "", 0, "must match at least one of the allowed schemas");
	cs_schema_result_free(&res);
	cs_schema_free(s);

	s = compile("oneOf: [{required: [a]}, {required: [b]}]\n");
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "a: 1\n", &res), 1);
	assert_int_equal(check(s, "a: 1\nb: 2\n", &res), 0);
	assert_error(&res, "", 1, "must match only one of the allowed schemas");
	assert_int_equal(check(s, "c: 1\n", &res), 0);
	assert_error(&res, "", 1, "must match one of the allowed schemas");
	cs_schema_result_free(&res);
	cs_schema_free(s);

	s = compile("if: {properties: {kind: {const: spot-check}}}\n"
		    "then: {required: [result]}\n"
		    "else: {properties: {result: {type: string}}}\n"
		    "allOf: [{required: [kind]}]\n");
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "kind: spot-check\nresult: pass\n", &res), 1);
	assert_int_equal(check(s, "kind: spot-check\n", &res), 0);
	assert_error(&res, "result", 1, "is required");
	assert_int_equal(check(s, "kind: visit\nresult: 3\n", &res), 0);
	assert_error(&res, "result", 2, "must be a string");
	assert_int_equal(check(s, "result: x\n", &res), 0);
	assert_error(&res, "kind", 1, "is required");
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_refs_and_defs(void **state)
{
	cs_schema *s = compile("$defs:\n"
			       "  slug: {type: string, pattern: '^[a-z0-9][a-z0-9-]{0,39}$'}\n"
			       "  'a/b': {type: integer}\n"
			       "  't~n': {type: boolean}\n"
			       "  'sp ace': {type: 'null'}\n"
			       "  node:\n"
			       "    type: object\n"
			       "    properties: {next: {$ref: '#/$defs/node'}, v: {$ref: '#/$defs/slug'}}\n"
			       "properties:\n"
			       "  id: {$ref: '#/$defs/slug'}\n"
			       "  n: {$ref: '#/$defs/a~1b'}\n"
			       "  t: {$ref: '#/$defs/t~0n'}\n"
			       "  z: {$ref: '#/$defs/sp%20ace'}\n"
			       "  list: {$ref: '#/$defs/node'}\n"
			       "  self: {$ref: '#'}\n");
	cs_schema_result res;
	cs_node *bad;
	cs_schema *t = NULL;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "id: abc\nn: 1\nt: true\nz: null\n"
			       "list: {v: a, next: {v: b}}\nself: {id: x}\n", &res), 1);
	assert_int_equal(check(s, "id: Abc\nn: x\nt: 1\nz: 0\n"
			       "list: {next: {next: {v: '-'}}}\nself: {id: Y}\n", &res), 0);
	assert_error(&res, "id", 1, "must match ^[a-z0-9][a-z0-9-]{0,39}$");
	assert_error(&res, "n", 2, "must be an integer");
	assert_error(&res, "t", 3, "must be a boolean");
	assert_error(&res, "z", 4, "must be null");
	assert_non_null(find(&res, "list.next.next.v"));
	assert_non_null(find(&res, "self.id"));
	cs_schema_result_free(&res);
	cs_schema_free(s);

	bad = yaml("properties: {a: {$ref: '#/$defs/missing'}}\n");
	assert_int_equal(cs_schema_new(&t, bad, "refs"), CS_EDATA);
	assert_null(t);
	assert_non_null(strstr(cs_error_last(), "#/$defs/missing"));
	cs_node_free(bad);
}

static void test_infinite_ref_loop_is_an_error(void **state)
{
	cs_schema *s = compile("$defs: {a: {$ref: '#/$defs/b'}, b: {$ref: '#/$defs/a'}}\n"
			       "$ref: '#/$defs/a'\n");
	cs_node *n = cs_node_new_int(1);
	assert_int_equal(cs_schema_validate(s, n, NULL), CS_EDATA);
	cs_node_free(n);
	cs_schema_free(s);
}

static void test_boolean_schemas(void **state)
{
	cs_node *t = cs_node_new_bool(1), *f = cs_node_new_bool(0), *x = cs_node_new_str("x");
	cs_schema *st = NULL, *sf = NULL;
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(cs_schema_new(&st, t, "t"), 0);
	assert_int_equal(cs_schema_new(&sf, f, "f"), 0);
	assert_int_equal(cs_schema_validate(st, x, &res), 1);
	assert_int_equal(cs_schema_validate(sf, x, &res), 0);
	assert_error(&res, "", 0, "is not allowed");
	cs_schema_result_free(&res);
	cs_schema_free(st);
	cs_schema_free(sf);
	cs_node_free(t);
	cs_node_free(f);
	cs_node_free(x);
}

static void test_formats(void **state)
{
	cs_schema *s = compile("properties:\n  d: {format: date}\n  t: {format: time}\n"
			       "  dt: {format: date-time}\n  e: {format: email}\n");
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "d: 2024-02-29\nt: '23:59:60Z'\ndt: 2026-03-04T08:30:00+08:00\n"
			       "e: a.b@example.org\n", &res), 1);
	assert_int_equal(check(s, "d: 2025-02-29\nt: '12:00'\ndt: 2026-03-04T08:30\n"
			       "e: a..b@example.org\n", &res), 0);
	assert_error(&res, "d", 1, "is not a date (YYYY-MM-DD)");
	assert_non_null(find(&res, "t"));
	assert_non_null(find(&res, "dt"));
	assert_error(&res, "e", 4, "is not an e-mail address");
	/* formats judge strings only */
	assert_int_equal(check(s, "d: 20240229\n", &res), 1);
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_local_date_times_are_real_calendar_moments(void **state)
{
	cs_schema *s = compile("properties:\n  at: {format: local-date-time}\n");
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "at: 2026-10-15T09:30\n", &res), 1);
	assert_int_equal(check(s, "at: 2028-02-29T23:59:59\n", &res), 1);
	assert_int_equal(check(s, "at: 2026-11-31T10:00\n", &res), 0);
	assert_error(&res, "at", 1, "'2026-11-31T10:00' is not a real date and time (YYYY-MM-DDTHH:MM)");
	assert_int_equal(check(s, "at: 2026-02-30T10:00\n", &res), 0);
	assert_int_equal(check(s, "at: 2026-10-15T24:00\n", &res), 0);
	assert_int_equal(check(s, "at: 2026-10-15 10:00\n", &res), 0);
	assert_int_equal(check(s, "at: 2026-10-15T10:00+08:00\n", &res), 0);
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

static void test_a_hint_replaces_the_regex_in_the_message(void **state)
{
	cs_schema *s = compile("properties:\n  id: {pattern: '^[a-z]+$', x-hint: 'a slug like wang-li'}\n");
	cs_schema_result res;
	cs_schema_result_init(&res);
	assert_int_equal(check(s, "id: 王丽\n", &res), 0);
	assert_error(&res, "id", 1, "'王丽' is not a slug like wang-li");
	cs_schema_result_free(&res);
	cs_schema_free(s);
}

/* A const that fails under anyOf, oneOf, not or if is judged without an
 * error list: the verdict must not depend on what the stack held. */
static void test_const_in_combinators_without_an_error_list(void **state)
{
	cs_schema *s = compile("anyOf:\n  - {const: a}\n  - {const: b}\n");
	cs_schema *t = compile("not: {const: a}\n");
	cs_schema *u = compile("if: {const: a}\nthen: {const: a}\nelse: {const: c}\n");
	cs_schema_result res;
	int i;
	cs_schema_result_init(&res);
	for (i = 0; i < 50; i++) {
		assert_int_equal(check(s, "b\n", &res), 1);
		assert_int_equal(check(s, "c\n", &res), 0);
		assert_int_equal(check(t, "b\n", &res), 1);
		assert_int_equal(check(t, "a\n", &res), 0);
		assert_int_equal(check(u, "a\n", &res), 1);
		assert_int_equal(check(u, "b\n", &res), 0);
	}
	cs_schema_result_free(&res);
	cs_schema_free(s);
	cs_schema_free(t);
	cs_schema_free(u);
}

static void test_key_rank_follows_properties_items_and_refs(void **state)
{
	cs_schema *s = compile("$defs:\n  target: {properties: {type: {}, name: {}, contact: {}}}\n"
			       "properties:\n  kind: {}\n  id: {}\n  target: {$ref: '#/$defs/target'}\n"
			       "  list:\n    items:\n      properties: {b: {}, a: {}}\n");
	assert_int_equal(cs_schema_key_rank(s, "", "kind"), 0);
	assert_int_equal(cs_schema_key_rank(s, "", "target"), 2);
	assert_int_equal(cs_schema_key_rank(s, "", "nope"), -1);
	assert_int_equal(cs_schema_key_rank(s, "target", "contact"), 2);
	assert_int_equal(cs_schema_key_rank(s, "target", "type"), 0);
	assert_int_equal(cs_schema_key_rank(s, "list.3", "a"), 1);
	assert_int_equal(cs_schema_key_rank(s, "list", "a"), 1);   /* paths need not name items */
	assert_int_equal(cs_schema_key_rank(s, "missing", "a"), -1);
	assert_int_equal(cs_schema_key_rank(s, "kind", "a"), -1);
	assert_int_equal(cs_schema_key_rank(NULL, "", "a"), -1);
	cs_schema_free(s);
}

static void test_schema_keeps_its_own_copy(void **state)
{
	cs_node *n = yaml("properties: {a: {type: string}}\n");
	cs_schema *s = NULL;
	cs_node *inst = yaml("a: 1\n");
	assert_int_equal(cs_schema_new(&s, n, "copy"), 0);
	cs_node_free(n);
	assert_non_null(cs_schema_root(s));
	assert_non_null(cs_node_get(cs_schema_root(s), "properties"));
	assert_int_equal(cs_schema_validate(s, inst, NULL), 0);
	cs_node_free(inst);
	cs_schema_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_record_has_no_errors),
		cmocka_unit_test(test_required_names_missing_field_at_parent_line),
		cmocka_unit_test(test_errors_carry_dotted_path_and_line),
		cmocka_unit_test(test_messages_for_common_keywords),
		cmocka_unit_test(test_lengths_count_code_points),
		cmocka_unit_test(test_type_keeps_yaml_scalar_meaning),
		cmocka_unit_test(test_root_errors_have_empty_field),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_patterns_translate_ecma_escapes),
		cmocka_unit_test(test_pattern_message_and_bad_patterns),
		cmocka_unit_test(test_pattern_properties_and_additional),
		cmocka_unit_test(test_arrays),
		cmocka_unit_test(test_combinators),
		cmocka_unit_test(test_refs_and_defs),
		cmocka_unit_test(test_infinite_ref_loop_is_an_error),
		cmocka_unit_test(test_boolean_schemas),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_local_date_times_are_real_calendar_moments),
		cmocka_unit_test(test_a_hint_replaces_the_regex_in_the_message),
		cmocka_unit_test(test_const_in_combinators_without_an_error_list),
		cmocka_unit_test(test_key_rank_follows_properties_items_and_refs),
		cmocka_unit_test(test_schema_keeps_its_own_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
