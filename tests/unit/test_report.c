/* lib/report.c: masking, the weekly chart data, and a period report and
 * the assessment read a month at a time (the figures are checked end to
 * end by tests/cmd/csreport.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "date.h"
#include "error.h"
#include "fixture.h"
#include "report.h"
#include "snapshot.h"
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

/* --- a month at a time --------------------------------------------------- */

/* 2026 in two communities: wang-li at hepingli all year, zhao at dongfeng
 * until August; typical cases either side of the quarter's edges, a void
 * entry, a meeting, requests late and open, a visit, feedback, a failed
 * spot check. */
static void a_year_of_work(fx_store *f)
{
	fx_directory(f);
	fx_pairing(f, "20260101-aaaaaa", "wang-li", "hepingli", "2026-01-01", NULL);
	fx_pairing(f, "20260101-bbbbbb", "zhao", "dongfeng", "2026-01-01", "2026-08-31");
	fx_entry(f, "consultation", "20260630-aaaaaa", "hepingli", "wang-li", "typical: true\n");
	fx_entry(f, "consultation", "20260701-bbbbbb", "hepingli", "wang-li",
		 "start: '09:00'\nend: '10:30'\ntypical: true\n");
	fx_entry(f, "lecture", "20260715-cccccc", "dongfeng", "zhao", "attendees: 30\n");
	fx_entry(f, "consultation", "20260801-dddddd", "dongfeng", "zhao",
		 "typical: true\nvoided_at: '2026-08-01T10:00'\nvoid_reason: 重复\n");
	fx_entry(f, "request", "20260902-eeeeee", "hepingli", "wang-li",
		 "received_at: '2026-09-02T09:00'\naccepted_at: '2026-09-10T09:00'\n");
	fx_entry(f, "request", "20260903-ffffff", "hepingli", "wang-li",
		 "received_at: '2026-09-03T09:00'\n");
	fx_entry(f, "feedback", "20260910-iiiiii", "hepingli", "wang-li", "score: 3\n");
	fx_entry(f, "spot-check", "20260911-jjjjjj", "hepingli", "wang-li", "result: fail\n");
	fx_entry(f, "visit", "20260930-gggggg", "hepingli", NULL, "office: xincheng\n");
	fx_entry(f, "office-hours", "20261001-hhhhhh", "hepingli", "wang-li",
		 "start: '14:00'\nend: '17:30'\n");
	fx_entry(f, "consultation", "20261105-kkkkkk", "hepingli", "wang-li", "typical: true\n");
	fx_put(f, "records/meetings/2026/20260920-aaaaa1.yaml",
	       "kind: meeting\nid: 20260920-aaaaa1\ndate: '2026-09-20'\ncontent: 会议\n"
	       "result: 纪要\nmeeting_type: joint\n");
	fx_flush(f, "2026-12-01T09:00");
}

/* The report of period (or the assessment of its year, kind NULL) as YAML,
 * the store loaded whole (window 0) or a month at a time as csreport loads
 * it. */
static char *report_text(fx_store *f, int window, const char *period, const char *kind,
			 const char *subject)
{
	cs_snapshot *snap = NULL;
	cs_node *r = NULL;
	cs_buf out = CS_BUF_INIT;
	cs_day from, to;
	int error;
	assert_int_equal(cs_period_parse(period, &from, &to), 0);
	error = window ? cs_snapshot_load_window(&snap, f->store, NULL, from - 7, to + 7)
		: cs_snapshot_load(&snap, f->store, NULL, 0);
	assert_int_equal(error, 0);
	error = kind ? cs_report_period(snap, period, kind, subject, 0, &r)
		: cs_report_assess(snap, atoi(period), &r);
	if (error)
		fail_msg("%s %s: %s", period, kind ? kind : "assess", cs_error_last());
	assert_int_equal(cs_yaml_emit(&out, r, NULL, NULL), 0);
	cs_node_free(r);
	cs_snapshot_free(snap);
	return out.ptr;
}

static void period_reports_read_a_month_at_a_time(void **state)
{
	static const char *const runs[][3] = {
		{ "2026-Q3", "district", NULL }, { "2026", "district", NULL },
		{ "2026-H2", "office", "xincheng" }, { "2026-Q3", "lawyer", "zhao" },
		{ "2026-Q4", "district", NULL }, { "2026", NULL, NULL },
	};
	fx_store *f = *state;
	size_t i;
	char *whole, *window;
	a_year_of_work(f);
	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		whole = report_text(f, 0, runs[i][0], runs[i][1], runs[i][2]);
		window = report_text(f, 1, runs[i][0], runs[i][1], runs[i][2]);
		if (strcmp(whole, window))
			fail_msg("%s %s: a month at a time\n%s\nnot as a whole load\n%s", runs[i][0],
				 runs[i][1] ? runs[i][1] : "assess", window, whole);
		/* what the comparison covers is there */
		if (i == 0) {
			assert_non_null(strstr(window, "typical_cases:\n- 20260701-bbbbbb\n"));
			assert_null(strstr(window, "20260630-aaaaaa"));
			assert_null(strstr(window, "20260801-dddddd"));
			assert_non_null(strstr(window, "lawyer: zhao"));
			assert_non_null(strstr(window, "month: 2026-09"));
			assert_non_null(strstr(window, "accepted_late: 1"));
			assert_non_null(strstr(window, "rule: art7.visit"));
		}
		if (i == 4)
			assert_null(strstr(window, "lawyer: zhao"));
		if (i == 5) {
			assert_non_null(strstr(window, "20260911-jjjjjj"));
			assert_non_null(strstr(window, "lawyer: zhao"));
		}
		free(whole);
		free(window);
	}
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_keep_their_first_character),
		cmocka_unit_test(contacts_keep_three_and_four_digits),
		cmocka_unit_test(weeks_cover_the_month_even_without_activity),
		cmocka_unit_test_setup_teardown(period_reports_read_a_month_at_a_time, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
