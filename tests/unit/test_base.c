/* error, buf, utf8 and date: the bottom layer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "utf8.h"

static void error_at_names_file_line_field(void **state)
{
	(void)state;
	assert_int_equal(cs_error_at(CS_EDATA, "a.yaml", 3, "date", "bad %s", "x"), CS_EDATA);
	assert_string_equal(cs_error_last(), "a.yaml:3: date: bad x");
	assert_int_equal(cs_error_code(), CS_EDATA);
	assert_int_equal(cs_error_exit_status(CS_EDATA), 65);
	assert_int_equal(cs_error_exit_status(CS_EBUSY), 75);
	assert_int_equal(cs_error_exit_status(-12345), 70);
	cs_error_clear();
	assert_string_equal(cs_error_last(), "");
	/* an error met one level down, told where it is */
	cs_error_at(CS_EDATA, NULL, 0, "date", "is not a date");
	assert_int_equal(cs_error_within(0, "import.csv", 4, NULL), CS_EDATA);
	assert_string_equal(cs_error_last(), "import.csv:4: date: is not a date");
	assert_int_equal(cs_error_within(CS_ENOTFOUND, "x", 0, NULL), CS_ENOTFOUND);
	assert_string_equal(cs_error_last(), "x: import.csv:4: date: is not a date");
	assert_int_equal(cs_error_code(), CS_ENOTFOUND);
	cs_error_clear();
}

static void buf_grows_and_detaches(void **state)
{
	cs_buf b = CS_BUF_INIT;
	char *s;
	int i;
	(void)state;
	assert_string_equal(cs_buf_cstr(&b), "");
	for (i = 0; i < 1000; i++)
		assert_int_equal(cs_buf_printf(&b, "%d,", i), 0);
	assert_int_equal(strncmp(b.ptr, "0,1,2,", 6), 0);
	assert_int_equal(b.len, strlen(b.ptr));
	s = cs_buf_detach(&b);
	assert_null(b.ptr);
	assert_int_equal(strncmp(s, "0,1", 3), 0);
	free(s);
	cs_buf_free(&b);
}

static void buf_read_missing_file(void **state)
{
	cs_buf b = CS_BUF_INIT;
	(void)state;
	assert_int_equal(cs_buf_read_file(&b, "/nonexistent/x", 0), CS_ENOTFOUND);
	assert_non_null(strstr(cs_error_last(), "/nonexistent/x"));
	cs_buf_free(&b);
}

static void utf8_validates_and_measures(void **state)
{
	(void)state;
	assert_true(cs_utf8_valid("王丽 ok", strlen("王丽 ok")));
	assert_false(cs_utf8_valid("\xc0\xaf", 2));        /* overlong */
	assert_false(cs_utf8_valid("\xed\xa0\x80", 3));    /* surrogate */
	assert_int_equal(cs_utf8_invalid_at("王丽\xffx", 8), 6);  /* the byte after 王丽 */
	assert_int_equal(cs_utf8_invalid_at("ok", 2), 2);
	assert_false(cs_utf8_valid("\xe7\x8e", 2));        /* truncated */
	assert_int_equal(cs_utf8_count("东风社区", strlen("东风社区")), 4);
	assert_int_equal(cs_utf8_width("东风社区"), 8);
	assert_int_equal(cs_utf8_width("ab王"), 4);
	assert_int_equal(cs_utf8_width("ｆｕｌｌ"), 8);
	/* ASCII: control characters take no column, the rest one */
	assert_int_equal(cs_utf8_width("a\tb\x7f c"), 4);
	assert_int_equal(cs_utf8_width("x\xffy"), 3); /* an invalid byte: one column */
	assert_int_equal(cs_utf8_prefix_for_width("东风社区", 5), 6);
}

static void dates_parse_and_format(void **state)
{
	cs_day d;
	cs_time t;
	int y, m, dd, min;
	char s[20];
	(void)state;
	assert_int_equal(cs_date_parse("2026-10-01", &d), 0);
	cs_date_to_ymd(d, &y, &m, &dd);
	assert_int_equal(y * 10000 + m * 100 + dd, 20261001);
	assert_int_equal(cs_date_weekday(d), 4);
	assert_int_equal(cs_date_parse("2026-02-29", &d), CS_EDATA);
	assert_int_equal(cs_date_parse("2024-02-29", &d), 0);
	assert_int_equal(cs_date_parse("2026-13-40", &d), CS_EDATA);
	assert_int_equal(cs_date_parse("2026-1-1", &d), CS_EDATA);
	assert_int_equal(cs_hhmm_parse("23:59", &min), 0);
	assert_int_equal(min, 1439);
	assert_int_equal(cs_hhmm_parse("24:00", &min), CS_EDATA);
	assert_int_equal(cs_datetime_parse("2026-10-09T10:30", &t), 0);
	assert_int_equal(t.minute, 630);
	cs_time_format(&t, s);
	assert_string_equal(s, "2026-10-09T10:30:00");
	assert_int_equal(cs_datetime_parse("2026-10-09X10:30", &t), CS_EDATA);
	cs_date_format(cs_date_from_ymd(1999, 12, 31) + 1, s);
	assert_string_equal(s, "2000-01-01");
}

static void iso_weeks(void **state)
{
	int y, w;
	(void)state;
	cs_date_iso_week(cs_date_from_ymd(2026, 1, 1), &y, &w);  /* a Thursday */
	assert_int_equal(y * 100 + w, 202601);
	cs_date_iso_week(cs_date_from_ymd(2027, 1, 1), &y, &w);  /* a Friday */
	assert_int_equal(y * 100 + w, 202653);
	cs_date_iso_week(cs_date_from_ymd(2026, 10, 1), &y, &w);
	assert_int_equal(y * 100 + w, 202640);
	assert_int_equal(cs_date_week_monday(cs_date_from_ymd(2026, 10, 4)),
			 cs_date_from_ymd(2026, 9, 28));
}

static void now_from_environment(void **state)
{
	cs_time t;
	char s[20];
	(void)state;
	setenv("CS_NOW", "2026-10-12T09:15:00", 1);
	assert_int_equal(cs_now(&t), 0);
	cs_time_format(&t, s);
	assert_string_equal(s, "2026-10-12T09:15:00");
	setenv("CS_NOW", "yesterday", 1);
	assert_int_equal(cs_now(&t), CS_EUSAGE);
	unsetenv("CS_NOW");
	assert_int_equal(cs_now(&t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(error_at_names_file_line_field),
		cmocka_unit_test(buf_grows_and_detaches),
		cmocka_unit_test(buf_read_missing_file),
		cmocka_unit_test(utf8_validates_and_measures),
		cmocka_unit_test(dates_parse_and_format),
		cmocka_unit_test(iso_weeks),
		cmocka_unit_test(now_from_environment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
