/* The record tree: constructors, access, core-schema reading, equality. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "error.h"
#include "node.h"

static cs_scalar_kind plain_kind(const char *s)
{
	cs_node *n = cs_node_new_plain(s);
	cs_scalar_kind k = cs_node_scalar_kind(n);
	cs_node_free(n);
	return k;
}

static void test_core_schema_null(void **state)
{
	assert_int_equal(plain_kind(""), CS_SCALAR_NULL);
	assert_int_equal(plain_kind("~"), CS_SCALAR_NULL);
	assert_int_equal(plain_kind("null"), CS_SCALAR_NULL);
	assert_int_equal(plain_kind("Null"), CS_SCALAR_NULL);
	assert_int_equal(plain_kind("NULL"), CS_SCALAR_NULL);
	assert_int_equal(plain_kind("nULL"), CS_SCALAR_STRING);
}

static void test_core_schema_bool(void **state)
{
	const char *yes[] = { "true", "True", "TRUE" };
	const char *no[] = { "false", "False", "FALSE" };
	size_t i;
	for (i = 0; i < 3; i++) {
		cs_node *t = cs_node_new_plain(yes[i]), *f = cs_node_new_plain(no[i]);
		assert_int_equal(cs_node_scalar_kind(t), CS_SCALAR_BOOL);
		assert_int_equal(cs_node_scalar_kind(f), CS_SCALAR_BOOL);
		assert_true(cs_node_true(t));
		assert_false(cs_node_true(f));
		cs_node_free(t);
		cs_node_free(f);
	}
	/* YAML 1.1 booleans are strings in the core schema */
	assert_int_equal(plain_kind("yes"), CS_SCALAR_STRING);
	assert_int_equal(plain_kind("on"), CS_SCALAR_STRING);
	assert_int_equal(plain_kind("tRUE"), CS_SCALAR_STRING);
}

static void test_core_schema_int(void **state)
{
	assert_int_equal(plain_kind("0"), CS_SCALAR_INT);
	assert_int_equal(plain_kind("-12"), CS_SCALAR_INT);
	assert_int_equal(plain_kind("+7"), CS_SCALAR_INT);
	assert_int_equal(plain_kind("0123"), CS_SCALAR_INT);
	assert_int_equal(plain_kind("0o17"), CS_SCALAR_INT);
	assert_int_equal(plain_kind("0x1F"), CS_SCALAR_INT);
	assert_int_equal(plain_kind("0o8"), CS_SCALAR_STRING);
	assert_int_equal(plain_kind("0xg"), CS_SCALAR_STRING);
	assert_int_equal(plain_kind("1_000"), CS_SCALAR_STRING);
	assert_int_equal(plain_kind("-"), CS_SCALAR_STRING);
}

static void test_core_schema_float(void **state)
{
	assert_int_equal(plain_kind("1.5"), CS_SCALAR_FLOAT);
	assert_int_equal(plain_kind(".5"), CS_SCALAR_FLOAT);
	assert_int_equal(plain_kind("1."), CS_SCALAR_FLOAT);
	assert_int_equal(plain_kind("1e3"), CS_SCALAR_FLOAT);
	assert_int_equal(plain_kind("-2.5E-3"), CS_SCALAR_FLOAT);
	assert_int_equal(plain_kind(".inf"), CS_SCALAR_FLOAT);
	assert_int_equal(plain_kind("-.Inf"), CS_SCALAR_FLOAT);
	assert_int_equal(plain_kind(".NaN"), CS_SCALAR_FLOAT);
	assert_int_equal(plain_kind("1e"), CS_SCALAR_STRING);
	assert_int_equal(plain_kind("."), CS_SCALAR_STRING);
	assert_int_equal(plain_kind("1.2.3"), CS_SCALAR_STRING);
	assert_int_equal(plain_kind("2026-10-01"), CS_SCALAR_STRING);
	/* the first-byte fast path: signs only before inf, words that start alike */
	assert_int_equal(plain_kind("+.INF"), CS_SCALAR_FLOAT);
	assert_int_equal(plain_kind("-.nan"), CS_SCALAR_STRING);
	assert_int_equal(plain_kind(".NAN"), CS_SCALAR_FLOAT);
	assert_int_equal(plain_kind("nullx"), CS_SCALAR_STRING);
	assert_int_equal(plain_kind("truex"), CS_SCALAR_STRING);
	assert_int_equal(plain_kind("~~"), CS_SCALAR_STRING);
	assert_int_equal(plain_kind("wang-li"), CS_SCALAR_STRING);
}

static void test_quoted_scalars_are_strings(void **state)
{
	cs_node *n = cs_node_new_str("true");
	assert_int_equal(cs_node_scalar_kind(n), CS_SCALAR_STRING);
	assert_false(cs_node_true(n));
	cs_node_free(n);
	n = cs_node_new_str("");
	assert_int_equal(cs_node_scalar_kind(n), CS_SCALAR_STRING);
	cs_node_free(n);
}

static void test_int_values(void **state)
{
	long long v;
	cs_node *n = cs_node_new_plain("0x1f");
	assert_int_equal(cs_node_int(n, &v), 0);
	assert_int_equal(v, 31);
	cs_node_free(n);
	n = cs_node_new_plain("0o17");
	assert_int_equal(cs_node_int(n, &v), 0);
	assert_int_equal(v, 15);
	cs_node_free(n);
	n = cs_node_new_plain("-9223372036854775808");
	assert_int_equal(cs_node_int(n, &v), 0);
	assert_true(v == LLONG_MIN);
	cs_node_free(n);
	n = cs_node_new_plain("9223372036854775808");
	assert_int_equal(cs_node_int(n, &v), CS_EDATA);
	cs_node_free(n);
	n = cs_node_new_plain("3.0");
	assert_int_equal(cs_node_int(n, &v), 0);
	assert_int_equal(v, 3);
	cs_node_free(n);
	n = cs_node_new_plain("3.5");
	assert_int_equal(cs_node_int(n, &v), CS_EDATA);
	cs_node_free(n);
	n = cs_node_new_str("3");
	assert_int_equal(cs_node_int(n, &v), CS_EDATA);
	cs_node_free(n);
	n = cs_node_new_int(-42);
	assert_int_equal(cs_node_int(n, &v), 0);
	assert_int_equal(v, -42);
	assert_string_equal(n->str, "-42");
	cs_node_free(n);
}

static void test_number_values(void **state)
{
	double d;
	cs_node *n = cs_node_new_plain("1e3");
	assert_int_equal(cs_node_number(n, &d), 0);
	assert_true(d == 1000.0);
	cs_node_free(n);
	n = cs_node_new_plain("-.inf");
	assert_int_equal(cs_node_number(n, &d), 0);
	assert_true(d < -1e308);
	cs_node_free(n);
	n = cs_node_new_plain("abc");
	assert_int_equal(cs_node_number(n, &d), CS_EDATA);
	cs_node_free(n);
}

static void test_map_set_get_remove(void **state)
{
	cs_node *m = cs_node_new_map();
	assert_non_null(m);
	assert_int_equal(cs_node_set_str(m, "a", "1"), 0);
	assert_int_equal(cs_node_set(m, "b", cs_node_new_int(2)), 0);
	assert_int_equal(cs_node_set(m, "n", cs_node_new_null()), 0);
	assert_int_equal(m->count, 3);
	assert_string_equal(cs_node_get_str(m, "a"), "1");
	assert_null(cs_node_get_str(m, "n"));
	assert_null(cs_node_get(m, "missing"));
	/* replacing keeps the position */
	assert_int_equal(cs_node_set_str(m, "a", "x"), 0);
	assert_int_equal(m->count, 3);
	assert_string_equal(m->pairs[0].key, "a");
	assert_string_equal(cs_node_get_str(m, "a"), "x");
	assert_int_equal(cs_node_remove(m, "a"), 1);
	assert_int_equal(cs_node_remove(m, "a"), 0);
	assert_int_equal(m->count, 2);
	assert_string_equal(m->pairs[0].key, "b");
	cs_node_free(m);
}

static void test_map_take_hands_the_value_over(void **state)
{
	cs_node *m = cs_node_new_map(), *v;
	(void)state;
	assert_int_equal(cs_node_set_str(m, "a", "1"), 0);
	assert_int_equal(cs_node_set(m, "b", cs_node_new_int(2)), 0);
	assert_int_equal(cs_node_set_str(m, "c", "3"), 0);
	assert_non_null(v = cs_node_take(m, "b"));
	assert_string_equal(v->str, "2");
	assert_int_equal(m->count, 2);
	assert_null(cs_node_get(m, "b"));
	assert_string_equal(m->pairs[1].key, "c");
	assert_null(cs_node_take(m, "b"));
	cs_node_free(v);
	cs_node_free(m);
}

static void test_packed_in_bulk_is_the_tree_built_node_by_node(void **state)
{
	cs_buf b = CS_BUF_INIT;
	cs_node *want = cs_node_new_seq(), *m = cs_node_new_map(), *t = cs_node_new_map(), *back;
	const char *p;
	size_t at;
	(void)state;
	assert_int_equal(cs_node_set_str(t, "name", "张*"), 0);
	assert_int_equal(cs_node_set_str(m, "id", "20261001-abc123"), 0);
	assert_int_equal(cs_node_set(m, "lawyer", cs_node_new_null()), 0);
	assert_int_equal(cs_node_set(m, "target", t), 0);
	assert_int_equal(cs_node_set_str(m, "summary", ""), 0);
	assert_int_equal(cs_node_push(want, m), 0);
	assert_int_equal(cs_pack_seq_open(&b, &at), 0);
	assert_int_equal(cs_pack_map(&b, 4), 0);
	assert_int_equal(cs_pack_key(&b, "id"), 0);
	assert_int_equal(cs_pack_cstr(&b, "20261001-abc123"), 0);
	assert_int_equal(cs_pack_key(&b, "lawyer"), 0);
	assert_int_equal(cs_pack_cstr(&b, NULL), 0);
	assert_int_equal(cs_pack_key(&b, "target"), 0);
	assert_int_equal(cs_pack_map(&b, 1), 0);
	assert_int_equal(cs_pack_key(&b, "name"), 0);
	assert_int_equal(cs_pack_cstr(&b, "张*"), 0);
	assert_int_equal(cs_pack_key(&b, "summary"), 0);
	assert_int_equal(cs_pack_str(&b, "", 0), 0);
	cs_pack_seq_close(&b, at, 1);
	p = b.ptr;
	assert_int_equal(cs_node_unpack(&p, b.ptr + b.len, &back), 0);
	assert_ptr_equal(p, b.ptr + b.len);
	assert_true(cs_node_equal(want, back));
	/* keys in the order written; the null a plain null, the strings strings */
	m = back->items[0];
	assert_string_equal(m->pairs[1].key, "lawyer");
	assert_int_equal(cs_node_scalar_kind(m->pairs[1].value), CS_SCALAR_NULL);
	assert_int_equal(cs_node_scalar_kind(m->pairs[3].value), CS_SCALAR_STRING);
	assert_string_equal(cs_node_get_str(cs_node_get(m, "target"), "name"), "张*");
	cs_node_free(back);
	cs_node_free(want);
	cs_buf_free(&b);
}

/* A sequence closed with its count after its items reads back as one
 * packed with its count first. */
static void test_packed_sequence_closed_after_its_items(void **state)
{
	cs_buf b = CS_BUF_INIT;
	cs_node *back;
	const char *p;
	size_t at, i;
	char s[16];
	(void)state;
	assert_int_equal(cs_pack_seq_open(&b, &at), 0);
	for (i = 0; i < 300; i++) {
		snprintf(s, sizeof(s), "%zu", i);
		assert_int_equal(cs_pack_cstr(&b, s), 0);
	}
	cs_pack_seq_close(&b, at, 300);
	p = b.ptr;
	assert_int_equal(cs_node_unpack(&p, b.ptr + b.len, &back), 0);
	assert_ptr_equal(p, b.ptr + b.len);
	assert_int_equal(back->type, CS_NODE_SEQ);
	assert_int_equal(back->count, 300);
	assert_string_equal(back->items[299]->str, "299");
	cs_node_free(back);
	/* closed with too many: refused, not read past the end */
	cs_pack_seq_close(&b, at, 301);
	p = b.ptr;
	assert_int_equal(cs_node_unpack(&p, b.ptr + b.len, &back), CS_EDATA);
	cs_buf_free(&b);
}

static void test_seq_push_and_dup(void **state)
{
	cs_node *s = cs_node_new_seq(), *m = cs_node_new_map(), *d;
	size_t i;
	for (i = 0; i < 20; i++)
		assert_int_equal(cs_node_push(s, cs_node_new_int((long long)i)), 0);
	assert_int_equal(cs_node_set(m, "list", s), 0);
	assert_int_equal(cs_node_set_str(m, "name", "张三"), 0);
	d = cs_node_dup(m);
	assert_non_null(d);
	assert_true(cs_node_equal(m, d));
	assert_ptr_not_equal(cs_node_get(d, "list"), s);
	assert_int_equal(cs_node_get(d, "list")->count, 20);
	cs_node_free(m);
	cs_node_free(d);
}

static void test_equal_numbers_by_value(void **state)
{
	cs_node *a = cs_node_new_plain("1"), *b = cs_node_new_plain("1.0"),
		*c = cs_node_new_plain("0x1"), *s = cs_node_new_str("1");
	assert_true(cs_node_equal(a, b));
	assert_true(cs_node_equal(a, c));
	assert_false(cs_node_equal(a, s));
	cs_node_free(a);
	cs_node_free(b);
	cs_node_free(c);
	cs_node_free(s);
}

static void test_equal_maps_ignore_key_order(void **state)
{
	cs_node *a = cs_node_new_map(), *b = cs_node_new_map();
	cs_node_set_str(a, "x", "1");
	cs_node_set(a, "y", cs_node_new_bool(1));
	cs_node_set(b, "y", cs_node_new_plain("True"));
	cs_node_set_str(b, "x", "1");
	assert_true(cs_node_equal(a, b));
	cs_node_set_str(b, "x", "2");
	assert_false(cs_node_equal(a, b));
	cs_node_free(a);
	cs_node_free(b);
}

static void test_equal_nulls_and_strings(void **state)
{
	cs_node *a = cs_node_new_plain("~"), *b = cs_node_new_null(),
		*c = cs_node_new_str("null"), *d = cs_node_new_strn("a\0b", 3),
		*e = cs_node_new_strn("a\0c", 3);
	assert_true(cs_node_equal(a, b));
	assert_false(cs_node_equal(a, c));
	assert_false(cs_node_equal(d, e));
	cs_node_free(a);
	cs_node_free(b);
	cs_node_free(c);
	cs_node_free(d);
	cs_node_free(e);
}

static void test_equal_sequences_in_order(void **state)
{
	cs_node *a = cs_node_new_seq(), *b = cs_node_new_seq();
	cs_node_push(a, cs_node_new_str("x"));
	cs_node_push(a, cs_node_new_str("y"));
	cs_node_push(b, cs_node_new_str("y"));
	cs_node_push(b, cs_node_new_str("x"));
	assert_false(cs_node_equal(a, b));
	cs_node_free(a);
	cs_node_free(b);
}

/* A packed tree comes back equal, in one read-only allocation; every cut
 * short copy of it is refused, none read past its end. */
static void test_pack_unpack_one_block(void **state)
{
	cs_node *m = cs_node_new_map(), *seq = cs_node_new_seq(), *back = NULL, *copy;
	cs_buf b = CS_BUF_INIT;
	const char *p;
	size_t cut;
	(void)state;
	assert_int_equal(cs_node_set_str(m, "content", "咨询婚姻家庭问题"), 0);
	assert_int_equal(cs_node_set(m, "attendees", cs_node_new_plain("12")), 0);
	assert_int_equal(cs_node_push(seq, cs_node_new_str("王丽")), 0);
	assert_int_equal(cs_node_push(seq, cs_node_new_map()), 0);
	assert_int_equal(cs_node_set(m, "parties", seq), 0);
	assert_int_equal(cs_node_set(m, "empty", cs_node_new_str("")), 0);
	m->line = 3;
	assert_int_equal(cs_node_pack(m, &b), 0);
	p = b.ptr;
	assert_int_equal(cs_node_unpack(&p, b.ptr + b.len, &back), 0);
	assert_ptr_equal(p, b.ptr + b.len);
	assert_true(cs_node_equal(m, back));
	assert_int_equal(back->line, 3);
	assert_int_equal(cs_node_scalar_kind(cs_node_get(back, "attendees")), CS_SCALAR_INT);
	assert_string_equal(cs_node_get_str(back, "content"), "咨询婚姻家庭问题");
	/* read-only: changed only through a copy */
	assert_int_equal(cs_node_set_str(back, "content", "x"), CS_ESOFTWARE);
	assert_int_equal(cs_node_push(cs_node_get(back, "parties"), cs_node_new_null()), CS_ESOFTWARE);
	assert_int_equal(cs_node_remove(back, "content"), CS_ESOFTWARE);
	assert_null(cs_node_take(back, "content"));
	cs_error_clear();
	assert_non_null(copy = cs_node_dup(back));
	assert_int_equal(cs_node_set_str(copy, "content", "x"), 0);
	cs_node_free(copy);
	cs_node_free(back);
	/* borrowed: equal, its strings and keys inside the packed bytes */
	p = b.ptr;
	assert_int_equal(cs_node_unpack_borrowed(&p, b.ptr + b.len, &back), 0);
	assert_ptr_equal(p, b.ptr + b.len);
	assert_true(cs_node_equal(m, back));
	assert_true(back->pairs[0].key >= b.ptr && back->pairs[0].key < b.ptr + b.len);
	assert_string_equal(back->pairs[0].key, "content");
	copy = cs_node_get(back, "content");
	assert_true(copy->str >= b.ptr && copy->str < b.ptr + b.len);
	assert_int_equal(copy->str[copy->len], '\0');
	assert_string_equal(cs_node_get_str(back, "empty"), "");
	assert_string_equal(cs_node_get(back, "parties")->items[0]->str, "王丽");
	cs_node_free(back);
	for (cut = 0; cut < b.len; cut++) {
		p = b.ptr;
		back = NULL;
		assert_int_equal(cs_node_unpack(&p, b.ptr + cut, &back), CS_EDATA);
		assert_null(back);
		p = b.ptr;
		assert_int_equal(cs_node_unpack_borrowed(&p, b.ptr + cut, &back), CS_EDATA);
		assert_null(back);
	}
	/* a string not ended by its NUL is refused (borrowed, it would run on) */
	{
		char *nul = memmem(b.ptr, b.len, "content", 8); /* the key and its NUL */
		assert_non_null(nul);
		nul[7] = 'X';
		p = b.ptr;
		assert_int_equal(cs_node_unpack_borrowed(&p, b.ptr + b.len, &back), CS_EDATA);
		p = b.ptr;
		assert_int_equal(cs_node_unpack(&p, b.ptr + b.len, &back), CS_EDATA);
		nul[7] = '\0';
		/* and a scalar's: its text ends where its length says, in a NUL */
		nul = memmem(b.ptr, b.len, "王丽", sizeof("王丽"));
		assert_non_null(nul);
		nul[sizeof("王丽") - 1] = 'X';
		p = b.ptr;
		assert_int_equal(cs_node_unpack_borrowed(&p, b.ptr + b.len, &back), CS_EDATA);
		p = b.ptr;
		assert_int_equal(cs_node_unpack(&p, b.ptr + b.len, &back), CS_EDATA);
	}
	cs_buf_free(&b);
	cs_node_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_core_schema_null),
		cmocka_unit_test(test_core_schema_bool),
		cmocka_unit_test(test_core_schema_int),
		cmocka_unit_test(test_core_schema_float),
		cmocka_unit_test(test_quoted_scalars_are_strings),
		cmocka_unit_test(test_int_values),
		cmocka_unit_test(test_number_values),
		cmocka_unit_test(test_map_set_get_remove),
		cmocka_unit_test(test_map_take_hands_the_value_over),
		cmocka_unit_test(test_seq_push_and_dup),
		cmocka_unit_test(test_packed_in_bulk_is_the_tree_built_node_by_node),
		cmocka_unit_test(test_packed_sequence_closed_after_its_items),
		cmocka_unit_test(test_equal_numbers_by_value),
		cmocka_unit_test(test_equal_maps_ignore_key_order),
		cmocka_unit_test(test_equal_nulls_and_strings),
		cmocka_unit_test(test_equal_sequences_in_order),
		cmocka_unit_test(test_pack_unpack_one_block),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
