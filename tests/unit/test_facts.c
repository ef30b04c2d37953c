/* An entry's facts (lib/facts.c): what is put is got back, field by field;
 * a cut or damaged form is CS_EDATA, never a read past its end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "error.h"
#include "facts.h"
#include "record.h"

static cs_entry sample(void)
{
	cs_entry e;
	memset(&e, 0, sizeof(e));
	e.kind = "consultation";
	e.id = "20261001-9772vp";
	e.lawyer = "zhou-jing";
	e.community = NULL;
	e.day = 20727;
	e.start = 930;
	e.end = -1;
	e.attendees = -1;
	e.score = -3;
	e.has_score = 1;
	e.is_void = 1;
	e.typical = 1;
	e.line = 1;
	e.field[CS_EF_SIGNED_BY] = "潘志刚";
	e.field_line[CS_EF_SIGNED_BY] = 14;
	e.field[CS_EF_PLACE] = "";
	e.field_line[CS_EF_PLACE] = 3;
	return e;
}

static void test_round_trip(void **state)
{
	cs_entry e = sample(), back;
	cs_buf b = CS_BUF_INIT;
	const char *p;
	int i;
	(void)state;
	assert_int_equal(cs_facts_put(&b, &e), 0);
	p = b.ptr;
	assert_int_equal(cs_facts_get(&p, b.ptr + b.len, &back), 0);
	assert_ptr_equal(p, b.ptr + b.len);
	assert_string_equal(back.kind, "consultation");
	assert_string_equal(back.id, e.id);
	assert_string_equal(back.lawyer, "zhou-jing");
	assert_null(back.community);
	assert_int_equal(back.day, e.day);
	assert_int_equal(back.start, 930);
	assert_int_equal(back.end, -1);
	assert_int_equal(back.attendees, -1);
	assert_int_equal(back.score, -3);
	assert_true(back.has_score && back.is_void && back.typical && !back.has_target);
	assert_int_equal(back.kind_ix, cs_kind_index("consultation"));
	assert_int_equal(back.service, cs_kind_find("consultation")->service);
	assert_null(back.rec);
	assert_null(back.path);
	for (i = 0; i < CS_EF_COUNT; i++) {
		assert_int_equal(back.field_line[i], e.field_line[i]);
		if (e.field[i])
			assert_string_equal(back.field[i], e.field[i]);
		else
			assert_null(back.field[i]);
	}
	/* the strings are the buffer's */
	assert_true(back.id > b.ptr && back.id < b.ptr + b.len);
	cs_buf_free(&b);
}

static void test_cut_and_damaged(void **state)
{
	cs_entry e = sample(), back;
	cs_buf b = CS_BUF_INIT;
	size_t cut;
	(void)state;
	assert_int_equal(cs_facts_put(&b, &e), 0);
	for (cut = 0; cut < b.len; cut++) {
		/* a copy of just the first cut bytes: a read past them is ASan's */
		char *copy = malloc(cut ? cut : 1);
		const char *p = copy;
		assert_non_null(copy);
		memcpy(copy, b.ptr, cut);
		assert_int_equal(cs_facts_get(&p, copy + cut, &back), CS_EDATA);
		free(copy);
	}
	/* a kind that is none, and one of the directory */
	{
		cs_entry odd = sample();
		cs_buf c = CS_BUF_INIT;
		const char *p;
		odd.kind = "consultaton";
		assert_int_equal(cs_facts_put(&c, &odd), 0);
		p = c.ptr;
		assert_int_equal(cs_facts_get(&p, c.ptr + c.len, &back), CS_EDATA);
		cs_buf_clear(&c);
		odd.kind = "lawyer";
		assert_int_equal(cs_facts_put(&c, &odd), 0);
		p = c.ptr;
		assert_int_equal(cs_facts_get(&p, c.ptr + c.len, &back), CS_EDATA);
		cs_buf_free(&c);
	}
	/* a start out of the day's minutes */
	{
		cs_entry odd = sample();
		cs_buf c = CS_BUF_INIT;
		const char *p;
		odd.start = 24 * 60 + 1;
		assert_int_equal(cs_facts_put(&c, &odd), 0);
		p = c.ptr;
		assert_int_equal(cs_facts_get(&p, c.ptr + c.len, &back), CS_EDATA);
		cs_buf_free(&c);
	}
	cs_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_cut_and_damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
