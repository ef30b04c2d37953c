/* lib/report.c: masking and the weekly chart data (the figures are checked
 * end to end by tests/cmd/csreport.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "report.h"
#include "utf8.h"
#include "yaml.h"

static void names_keep_their_first_character(void **state)
{
	cs_buf b = CS_BUF_INIT;
	(void)state;
	assert_int_equal(cs_mask_name(&b, "张三丰"), 0);
	assert_string_equal(b.ptr, "张**");
	cs_buf_clear(&b);
	assert_int_equal(cs_mask_name(&b, "李四"), 0);
	assert_string_equal(b.ptr, "李**");
	cs_buf_clear(&b);
	assert_int_equal(cs_mask_name(&b, "Ann"), 0);
	assert_string_equal(b.ptr, "A**");
	cs_buf_free(&b);
}

static void contacts_keep_three_and_four_digits(void **state)
{
	cs_buf b = CS_BUF_INIT;
	(void)state;
	assert_int_equal(cs_mask_contact(&b, "13812345678"), 0);
	assert_string_equal(b.ptr, "138****5678");
	cs_buf_clear(&b);
	assert_int_equal(cs_mask_contact(&b, "021-6234 5678"), 0);
	assert_string_equal(b.ptr, "021-**** 5678");
	cs_buf_clear(&b);
	assert_int_equal(cs_mask_contact(&b, "wang@example.cn"), 0);
	assert_string_equal(b.ptr, "w***@example.cn");
	cs_buf_clear(&b);
	/* a contact that starts with a Chinese character stays valid UTF-8 */
	assert_int_equal(cs_mask_contact(&b, "微信zhang"), 0);
	assert_string_equal(b.ptr, "微***");
	assert_true(cs_utf8_valid(b.ptr, b.len));
	cs_buf_free(&b);
}

static void weeks_cover_the_month_even_without_activity(void **state)
{
	const char *text =
		"month: 2026-10\n"
		"items:\n"
		"- {id: 20261008-aaaaaa, date: '2026-10-08', kind: consultation}\n"
		"- {id: 20261009-aaaaaa, date: '2026-10-09', kind: office-hours}\n"
		"- {id: 20261009-bbbbbb, date: '2026-10-09', kind: request}\n"
		"- {id: 20261031-aaaaaa, date: '2026-10-31', kind: lecture}\n";
	cs_node *r = NULL, *w = NULL;
	long long n;
	(void)state;
	assert_int_equal(cs_yaml_load(&r, text, strlen(text), "t"), 0);
	assert_int_equal(cs_report_weeks(r, &w), 0);
	assert_int_equal(w->count, 5); /* weeks of 09-28, 10-05, 10-12, 10-19, 10-26 */
	assert_string_equal(w->pairs[0].key, "2026-09-28");
	assert_int_equal(cs_node_int(cs_node_get(w, "2026-10-05"), &n), 0);
	assert_int_equal(n, 2); /* a request is not an activity */
	assert_int_equal(cs_node_int(cs_node_get(w, "2026-10-12"), &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(cs_node_int(cs_node_get(w, "2026-10-26"), &n), 0);
	assert_int_equal(n, 1);
	cs_node_free(w);
	cs_node_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_keep_their_first_character),
		cmocka_unit_test(contacts_keep_three_and_four_digits),
		cmocka_unit_test(weeks_cover_the_month_even_without_activity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
