#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "calendar.h"
#include "error.h"
#include "yaml.h"

extern const struct { const char *name; const char *text; } cs_embedded_calendars[];

static int setup(void **state)
{
	cs_calendar *c = NULL;
	size_t i;
	assert_int_equal(cs_calendar_new(&c), 0);
	for (i = 0; cs_embedded_calendars[i].name; i++) {
		cs_node *n = NULL;
		assert_int_equal(cs_yaml_load(&n, cs_embedded_calendars[i].text,
					      strlen(cs_embedded_calendars[i].text),
					      cs_embedded_calendars[i].name), 0);
		assert_int_equal(cs_calendar_add(c, n, cs_embedded_calendars[i].name), 0);
		cs_node_free(n);
	}
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	cs_calendar_free(*state);
	return 0;
}

static int work(cs_calendar *c, int y, int m, int d)
{
	int w = -1;
	assert_int_equal(cs_calendar_is_workday(c, cs_date_from_ymd(y, m, d), &w), 0);
	return w;
}

static void national_day_2026_is_off(void **state)
{
	int d;
	for (d = 1; d <= 7; d++)
		assert_int_equal(work(*state, 2026, 10, d), 0);
	assert_int_equal(work(*state, 2026, 10, 8), 1);
	assert_int_equal(work(*state, 2026, 9, 30), 1);
	assert_string_equal(cs_calendar_name(*state, cs_date_from_ymd(2026, 10, 1)), "国庆节");
}

static void makeup_days_2026_are_working(void **state)
{
	assert_int_equal(cs_date_weekday(cs_date_from_ymd(2026, 9, 20)), 7);
	assert_int_equal(work(*state, 2026, 9, 20), 1);
	assert_int_equal(cs_date_weekday(cs_date_from_ymd(2026, 10, 10)), 6);
	assert_int_equal(work(*state, 2026, 10, 10), 1);
	assert_int_equal(work(*state, 2026, 10, 11), 0);
	assert_int_equal(work(*state, 2026, 10, 17), 0);
}

static void spring_festival_2026(void **state)
{
	assert_int_equal(work(*state, 2026, 2, 16), 0);
	assert_int_equal(work(*state, 2026, 2, 23), 0);
	assert_int_equal(work(*state, 2026, 2, 14), 1);
	assert_int_equal(work(*state, 2026, 2, 24), 1);
}

static void two_working_days_across_national_day(void **state)
{
	cs_day out;
	assert_int_equal(cs_calendar_nth_workday_after(*state, cs_date_from_ymd(2026, 9, 30), 2, &out), 0);
	assert_int_equal(out, cs_date_from_ymd(2026, 10, 9));
	assert_int_equal(cs_calendar_nth_workday_after(*state, cs_date_from_ymd(2026, 10, 9), 1, &out), 0);
	assert_int_equal(out, cs_date_from_ymd(2026, 10, 10));
	assert_int_equal(cs_calendar_nth_workday_after(*state, cs_date_from_ymd(2026, 10, 9), 2, &out), 0);
	assert_int_equal(out, cs_date_from_ymd(2026, 10, 12));
}

static void year_boundary_and_missing_year(void **state)
{
	cs_day out;
	int n;
	assert_int_equal(cs_calendar_nth_workday_after(*state, cs_date_from_ymd(2025, 12, 31), 1, &out), 0);
	assert_int_equal(out, cs_date_from_ymd(2026, 1, 4)); /* make-up Sunday */
	assert_int_equal(cs_calendar_nth_workday_after(*state, cs_date_from_ymd(2027, 12, 31), 1, &out),
			 CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "2028"));
	assert_int_equal(cs_calendar_is_workday(*state, cs_date_from_ymd(2019, 6, 3), &n), CS_EDATA);
	assert_int_equal(cs_calendar_count_workdays(*state, cs_date_from_ymd(2026, 10, 1),
						    cs_date_from_ymd(2026, 10, 11), &n), 0);
	assert_int_equal(n, 3);
}

static void bad_calendar_rejected(void **state)
{
	cs_calendar *c = NULL;
	cs_node *n = NULL;
	const char *text = "kind: calendar\nyear: 2030\nholidays:\n  - {date: '2031-01-01', name: x}\n";
	(void)state;
	assert_int_equal(cs_calendar_new(&c), 0);
	assert_int_equal(cs_yaml_load(&n, text, strlen(text), "calendar/2030.yaml"), 0);
	assert_int_equal(cs_calendar_add(c, n, "calendar/2030.yaml"), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "calendar/2030.yaml:4"));
	cs_node_free(n);
	cs_calendar_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(national_day_2026_is_off),
		cmocka_unit_test(makeup_days_2026_are_working),
		cmocka_unit_test(spring_festival_2026),
		cmocka_unit_test(two_working_days_across_national_day),
		cmocka_unit_test(year_boundary_and_missing_year),
		cmocka_unit_test(bad_calendar_rejected),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
