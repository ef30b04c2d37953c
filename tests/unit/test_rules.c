/* lib/rules.c (cs_check_rules) and the record checks (cs_check_records):
 * every rule id of cs_rule_ids(), passing and failing, at the boundary of
 * its parameter, on a scratch store (tests/unit/fixture.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "check.h"
#include "fixture.h"

#define W CS_SEV_WARNING
#define E CS_SEV_ERROR


/* --- art7.visit ------------------------------------------------------------ */

static void art7_a_visit_every_month(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const cs_finding *x;
	const char *pa = fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	/* zhao's pairing covers 14 of September's 30 days: not due then */
	fx_pairing(f, "20260917-bbbbbb", "zhao", "dongfeng", "2026-09-17", NULL);
	fx_entry(f, "visit", "20260930-cccccc", "hepingli", NULL, "office: xincheng\n");
	fx_entry(f, "visit", "20261101-dddddd", "dongfeng", NULL, "office: xincheng\n");
	fx_flush(f, "2026-11-02T09:00");
	fx_rules(f, "2026-11-30", "art7", &out);
	/* hepingli: September visited on its last day; October not */
	fx_assert_none(&out, "art7.visit", "records/communities/hepingli.yaml", "2026-09");
	x = fx_assert_finding(&out, "art7.visit", "records/communities/hepingli.yaml", "2026-10", E);
	assert_string_equal(x->record, "20260901-aaaaaa");
	assert_string_equal(x->lawyer, "wang-li");
	assert_string_equal(x->community, "hepingli");
	/* dongfeng: due from October; November has not ended on 11-30 */
	fx_assert_none(&out, "art7.visit", "records/communities/dongfeng.yaml", "2026-09");
	fx_assert_finding(&out, "art7.visit", "records/communities/dongfeng.yaml", "2026-10", E);
	fx_assert_none(&out, "art7.visit", NULL, "2026-11");
	assert_int_equal(fx_count(&out, "art7.visit", NULL), 2);
	assert_non_null(pa);
	cs_findings_free(&out);
}

/* --- art9 ---------------------------------------------------------------- */

static void art9_half_a_day_of_office_hours_a_week(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const cs_finding *x;
	const char *pa = fx_pairing(f, "20260907-aaaaaa", "wang-li", "hepingli", "2026-09-07", NULL);
	/* W37: exactly 180 minutes; W38: 179; W39: 90 + 90, one at the
	 * workroom, one at the pairing's place; W40 has not ended */
	fx_entry(f, "office-hours", "20260909-bbbbbb", "hepingli", "wang-li",
		 "start: '14:00'\nend: '17:00'\nplace: 和平里活动室\n");
	fx_entry(f, "office-hours", "20260916-cccccc", "hepingli", "wang-li",
		 "start: '14:00'\nend: '16:59'\n");
	fx_entry(f, "office-hours", "20260921-dddddd", "hepingli", "wang-li",
		 "start: '09:00'\nend: '10:30'\nplace: 和平里活动室\n");
	fx_entry(f, "office-hours", "20260923-eeeeee", "hepingli", "wang-li",
		 "start: '14:00'\nend: '15:30'\nplace: 和平里3号\n");
	fx_flush(f, "2026-09-28T09:00");
	fx_rules(f, "2026-09-28", "art9.office-hours", &out);
	fx_assert_none(&out, "art9.office-hours", pa, "2026-W37");
	x = fx_assert_finding(&out, "art9.office-hours", pa, "2026-W38", E);
	assert_string_equal(x->lawyer, "wang-li");
	assert_non_null(strstr(x->message, "179 minutes"));
	fx_assert_none(&out, "art9.office-hours", pa, "2026-W39");
	assert_int_equal(fx_count(&out, "art9.office-hours", NULL), 1);
	cs_findings_free(&out);
}

/* A week across the new year is judged in the year of its Thursday, with
 * the office hours of its days in the year before: a check of every period
 * judges the spans a year at a time (fx_rules compares it with a load of
 * every record). */
static void art9_a_week_across_the_new_year(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *pa = fx_pairing(f, "20251208-aaaaaa", "wang-li", "hepingli", "2025-12-08", NULL);
	/* 2026-W01 is Mon 12-29 to Sun 01-04, its Thursday New Year's Day */
	fx_entry(f, "office-hours", "20251230-bbbbbb", "hepingli", "wang-li",
		 "start: '14:00'\nend: '17:30'\n");
	fx_flush(f, "2026-01-12T09:00");
	fx_rules(f, "2026-01-12", "art9.office-hours", &out);
	fx_assert_none(&out, "art9.office-hours", pa, "2026-W01");
	fx_assert_finding(&out, "art9.office-hours", pa, "2025-W52", E);
	fx_assert_finding(&out, "art9.office-hours", pa, "2026-W02", E);
	cs_findings_free(&out);
}

static void art9_office_hours_elsewhere_do_not_count(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *pa = fx_pairing(f, "20260907-aaaaaa", "wang-li", "hepingli", "2026-09-07", NULL);
	fx_entry(f, "office-hours", "20260909-bbbbbb", "hepingli", "wang-li",
		 "start: '14:00'\nend: '17:30'\nplace: 律师事务所\n");
	fx_flush(f, "2026-09-28T09:00");
	fx_rules(f, "2026-09-15", "art9.office-hours", &out);
	fx_assert_finding(&out, "art9.office-hours", pa, "2026-W37", E);
	cs_findings_free(&out);
}

static void art9_a_week_without_working_days_is_exempt(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	/* 2026-02-16 to 02-22: all of it the Spring Festival holiday */
	const char *pa = fx_pairing(f, "20260209-aaaaaa", "wang-li", "hepingli", "2026-02-09", NULL);
	fx_entry(f, "office-hours", "20260211-bbbbbb", "hepingli", "wang-li",
		 "start: '14:00'\nend: '17:00'\n");
	fx_flush(f, "2026-03-01T09:00");
	fx_rules(f, "2026-03-02", "art9.office-hours", &out);
	fx_assert_none(&out, "art9.office-hours", pa, "2026-W07");
	fx_assert_none(&out, "art9.office-hours", pa, "2026-W08");
	/* 02-23 is a holiday too, but 02-28 a make-up working day */
	fx_assert_finding(&out, "art9.office-hours", pa, "2026-W09", E);
	cs_findings_free(&out);
}

static void art9_a_lecture_every_quarter(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const cs_finding *x;
	const char *pa = fx_pairing(f, "20260701-aaaaaa", "wang-li", "hepingli", "2026-07-01", NULL);
	/* from 08-16 the pairing is active 46 of Q3's 92 days (due), from 08-17 not */
	const char *pb = fx_pairing(f, "20260816-bbbbbb", "zhao", "dongfeng", "2026-08-16", NULL);
	fx_entry(f, "lecture", "20260930-cccccc", "hepingli", "wang-li", "");
	fx_flush(f, "2026-10-01T09:00");
	fx_rules(f, "2027-01-05", "art9.lecture", &out);
	fx_assert_none(&out, "art9.lecture", pa, "2026-Q3");
	x = fx_assert_finding(&out, "art9.lecture", pa, "2026-Q4", E);
	assert_string_equal(x->community, "hepingli");
	fx_assert_finding(&out, "art9.lecture", pb, "2026-Q3", E);
	assert_int_equal(fx_count(&out, "art9.lecture", NULL), 3);
	cs_findings_free(&out);
}

static void art9_a_lecture_is_not_due_under_half_a_quarter(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *pb = fx_pairing(f, "20260817-bbbbbb", "zhao", "dongfeng", "2026-08-17", NULL);
	fx_flush(f, "2026-10-01T09:00");
	fx_rules(f, "2026-10-05", "art9.lecture", &out);
	fx_assert_none(&out, "art9.lecture", pb, NULL);
	cs_findings_free(&out);
}

static void art9_a_training_every_year(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *pa = fx_pairing(f, "20260101-aaaaaa", "wang-li", "hepingli", "2026-01-01", NULL);
	const char *pb = fx_pairing(f, "20260101-bbbbbb", "zhao", "dongfeng", "2026-01-01", NULL);
	fx_entry(f, "training", "20261231-cccccc", "hepingli", "wang-li", "");
	/* a voided training does not count */
	fx_entry(f, "training", "20261230-dddddd", "dongfeng", "zhao",
		 "voided_at: '2026-12-30T18:00'\nvoid_reason: 记错\n");
	fx_flush(f, "2027-01-02T09:00");
	fx_rules(f, "2026-12-31", "art9.training", &out);
	assert_int_equal(out.n, 0); /* the year has not ended */
	cs_findings_free(&out);
	fx_rules(f, "2027-01-02", "art9.training", &out);
	fx_assert_none(&out, "art9.training", pa, "2026");
	fx_assert_finding(&out, "art9.training", pb, "2026", E);
	cs_findings_free(&out);
}

/* --- art10.accept: two working days, across the 2026 National Day ---------- */

static void art10_accepted_within_two_working_days(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *r[7];
	fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	/* received Wed 09-30: Oct 1-7 are holidays, so 10-08 is the 1st and 10-09 the 2nd */
	r[0] = fx_entry(f, "request", "20260930-bbbbbb", "hepingli", "wang-li",
			"received_at: '2026-09-30T09:00'\naccepted_at: '2026-10-09T23:59'\n");
	/* Sat 10-10 is a make-up working day: the 3rd */
	r[1] = fx_entry(f, "request", "20260930-cccccc", "hepingli", "wang-li",
			"received_at: '2026-09-30T10:00'\naccepted_at: '2026-10-10T09:00'\n");
	/* received Thu 10-08: Fri 10-09, Sat 10-10 */
	r[2] = fx_entry(f, "request", "20261008-dddddd", "hepingli", "wang-li",
			"received_at: '2026-10-08T09:00'\naccepted_at: '2026-10-10T16:00'\n");
	r[3] = fx_entry(f, "request", "20261008-eeeeee", "hepingli", "wang-li",
			"received_at: '2026-10-08T10:00'\naccepted_at: '2026-10-12T09:00'\n");
	/* not accepted: received Thu 10-15, due Mon 10-19 */
	r[4] = fx_entry(f, "request", "20261015-ffffff", "hepingli", "wang-li",
			"received_at: '2026-10-15T09:00'\n");
	/* a voided request is not judged */
	r[5] = fx_entry(f, "request", "20261001-gggggg", "hepingli", "wang-li",
			"received_at: '2026-10-01T09:00'\nvoided_at: '2026-10-01T10:00'\n"
			"void_reason: 重复\n");
	fx_flush(f, "2026-10-16T09:00");
	fx_rules(f, "2026-10-19", "art10", &out);
	fx_assert_none(&out, "art10.accept", r[0], NULL);
	fx_assert_finding(&out, "art10.accept", r[1], "2026-09", E);
	fx_assert_none(&out, "art10.accept", r[2], NULL);
	fx_assert_finding(&out, "art10.accept", r[3], "2026-10", E);
	fx_assert_none(&out, "art10.accept", r[4], NULL); /* today is the deadline */
	fx_assert_none(&out, "art10.accept", r[5], NULL);
	assert_int_equal(fx_count(&out, "art10.accept", NULL), 2);
	assert_int_equal(fx_find(&out, "art10.accept", r[1], NULL)->line, 9); /* accepted_at */
	cs_findings_free(&out);
	fx_rules(f, "2026-10-20", "art10.accept", &out);
	fx_assert_finding(&out, "art10.accept", r[4], "2026-10", E);
	assert_int_equal(fx_count(&out, "art10.accept", NULL), 3);
	cs_findings_free(&out);
}

/* --- art11 ------------------------------------------------------------------- */

static void art11_signed_by_a_head_within_seven_days(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *e[6];
	const cs_finding *x;
	fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	e[0] = fx_entry(f, "consultation", "20261001-bbbbbb", "hepingli", "wang-li",
			"signed_by: 张主任\nsigned_at: '2026-10-08T18:00'\n");
	e[1] = fx_entry(f, "consultation", "20261001-cccccc", "hepingli", "wang-li",
			"signed_by: 李书记\nsigned_at: '2026-10-09T08:00'\n");
	e[2] = fx_entry(f, "consultation", "20261002-dddddd", "hepingli", "wang-li",
			"signed_by: 王书记\nsigned_at: '2026-10-02T18:00'\n");
	e[3] = fx_entry(f, "consultation", "20261012-eeeeee", "hepingli", "wang-li", "");
	e[4] = fx_entry(f, "consultation", "20261011-ffffff", "hepingli", "wang-li", "");
	/* not a service: nobody signs a request */
	e[5] = fx_entry(f, "request", "20261001-gggggg", "hepingli", "wang-li",
			"received_at: '2026-10-01T09:00'\naccepted_at: '2026-10-01T10:00'\n");
	fx_flush(f, "2026-10-19T09:00");
	fx_rules(f, "2026-10-19", "art11.signed", &out);
	fx_assert_none(&out, "art11.signed", e[0], NULL);
	x = fx_assert_finding(&out, "art11.signed", e[1], "2026-10", E);
	assert_non_null(strstr(x->message, "more than 7 days"));
	x = fx_assert_finding(&out, "art11.signed", e[2], "2026-10", E);
	assert_non_null(strstr(x->message, "not a head"));
	fx_assert_none(&out, "art11.signed", e[3], NULL);
	x = fx_assert_finding(&out, "art11.signed", e[4], "2026-10", E);
	assert_non_null(strstr(x->message, "not signed within 7 days"));
	fx_assert_none(&out, "art11.signed", e[5], NULL);
	assert_int_equal(fx_count(&out, "art11.signed", NULL), 3);
	cs_findings_free(&out);
}

static void art11_one_service_one_record(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *e[6];
	fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	fx_pairing(f, "20260901-bbbbbb", "wang-li", "dongfeng", "2026-09-01", NULL);
	/* the same consultation twice; then one at another time */
	e[0] = fx_entry(f, "consultation", "20261012-aaaaa1", "hepingli", "wang-li",
			"start: '09:00'\nend: '09:30'\n");
	e[1] = fx_entry(f, "consultation", "20261012-aaaaa2", "hepingli", "wang-li",
			"start: '09:00'\nend: '09:30'\n");
	e[2] = fx_entry(f, "consultation", "20261012-aaaaa3", "hepingli", "wang-li",
			"start: '09:30'\nend: '10:00'\n");
	/* 14:00-15:00 in hepingli overlaps 14:59-16:00 in dongfeng; 15:00 does not */
	e[3] = fx_entry(f, "mediation", "20261013-aaaaa4", "hepingli", "wang-li",
			"start: '14:00'\nend: '15:00'\n");
	e[4] = fx_entry(f, "mediation", "20261013-aaaaa5", "dongfeng", "wang-li",
			"start: '14:59'\nend: '16:00'\n");
	e[5] = fx_entry(f, "mediation", "20261014-aaaaa6", "hepingli", "wang-li",
			"start: '14:00'\nend: '15:00'\n");
	fx_entry(f, "mediation", "20261014-aaaaa7", "dongfeng", "wang-li",
		 "start: '15:00'\nend: '16:00'\n");
	fx_flush(f, "2026-10-19T09:00");
	fx_rules(f, "2026-10-19", "art11.one-record", &out);
	fx_assert_none(&out, "art11.one-record", e[0], NULL);
	fx_assert_finding(&out, "art11.one-record", e[1], "2026-10", W);
	fx_assert_none(&out, "art11.one-record", e[2], NULL);
	fx_assert_none(&out, "art11.one-record", e[3], NULL);
	fx_assert_finding(&out, "art11.one-record", e[4], "2026-10", W);
	fx_assert_none(&out, "art11.one-record", e[5], NULL);
	assert_int_equal(fx_count(&out, "art11.one-record", NULL), 2);
	cs_findings_free(&out);
}

/* --- art13, art15, art16 ------------------------------------------------------- */

static void art13_never_against_the_paired_community(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *e[4];
	fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	e[0] = fx_entry(f, "representation", "20261012-aaaaa1", "hepingli", "wang-li",
			"opposing: 居民甲\nopposing_type: resident\n");
	e[1] = fx_entry(f, "representation", "20261012-aaaaa2", "hepingli", "wang-li",
			"opposing: 和平里社区\nopposing_type: community\n");
	e[2] = fx_entry(f, "representation", "20261012-aaaaa3", "hepingli", "wang-li",
			"opposing: 东风社区\nopposing_type: community\n");
	e[3] = fx_entry(f, "representation", "20261012-aaaaa4", "hepingli", "wang-li",
			"opposing: 某公司\nopposing_type: company\n");
	fx_flush(f, "2026-10-19T09:00");
	fx_rules(f, "2026-10-19", "art13", &out);
	assert_int_equal(fx_assert_finding(&out, "art13.conflict", e[0], "2026-10", E)->line, 9);
	assert_int_equal(fx_assert_finding(&out, "art13.conflict", e[1], "2026-10", E)->line, 8);
	fx_assert_none(&out, "art13.conflict", e[2], NULL);
	fx_assert_none(&out, "art13.conflict", e[3], NULL);
	cs_findings_free(&out);
}

static void art15_numbers_stay_in_the_target_fields(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *e[5];
	const cs_finding *x;
	fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	e[0] = fx_entry(f, "consultation", "20261012-aaaaa1", "hepingli", "wang-li",
			"target:\n  type: resident\n  name: 陈某\n  contact: '13800001234'\n");
	e[1] = fx_entry(f, "consultation", "20261012-aaaaa2", "hepingli", "wang-li",
			"result: 回电13800001234\n");
	e[2] = fx_entry(f, "consultation", "20261012-aaaaa3", "hepingli", "wang-li",
			"result: 身份证11010519491231002X已核对\n");
	/* 12 digits are no mobile number; a wrong check digit no ID number */
	e[3] = fx_entry(f, "consultation", "20261012-aaaaa4", "hepingli", "wang-li",
			"result: 案号138000012345\n");
	e[4] = fx_entry(f, "consultation", "20261012-aaaaa5", "hepingli", "wang-li",
			"result: 编号110105194912310021\n");
	fx_flush(f, "2026-10-19T09:00");
	fx_rules(f, "2026-10-19", "art15", &out);
	fx_assert_none(&out, "art15.privacy", e[0], NULL);
	x = fx_assert_finding(&out, "art15.privacy", e[1], "2026-10", E);
	assert_non_null(strstr(x->message, "mobile"));
	assert_int_equal(x->line, 7);
	x = fx_assert_finding(&out, "art15.privacy", e[2], "2026-10", E);
	assert_non_null(strstr(x->message, "ID-card"));
	fx_assert_none(&out, "art15.privacy", e[3], NULL);
	fx_assert_none(&out, "art15.privacy", e[4], NULL);
	cs_findings_free(&out);
}

static void art16_only_a_silk_banner(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *e[3];
	fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	e[0] = fx_entry(f, "gift", "20261012-aaaaa1", "hepingli", "wang-li", "item: 锦旗一面\n");
	e[1] = fx_entry(f, "gift", "20261012-aaaaa2", "hepingli", "wang-li", "item: 购物卡\n");
	e[2] = fx_entry(f, "gift", "20261012-aaaaa3", "hepingli", "wang-li",
			"item: 购物卡\nvoided_at: '2026-10-12T18:00'\nvoid_reason: 已退回\n");
	fx_flush(f, "2026-10-19T09:00");
	fx_rules(f, "2026-10-19", "art16", &out);
	fx_assert_none(&out, "art16.gift", e[0], NULL);
	assert_int_equal(fx_assert_finding(&out, "art16.gift", e[1], "2026-10", E)->line, 8);
	fx_assert_none(&out, "art16.gift", e[2], NULL);
	cs_findings_free(&out);
}

/* --- art17.notice: three days ------------------------------------------------- */

static const char *change(fx_store *f, const char *id, const char *filed, const char *effective,
			  const char *extra)
{
	char path[96];
	snprintf(path, sizeof(path), "records/changes/%s.yaml", id);
	return fx_put(f, path,
		      "kind: change\nid: %s\nassignment: 20260901-aaaaaa\nfiled: '%s'\n"
		      "effective: '%s'\nreason: 调整\nschedule: Thu 14:00-17:30\n%s",
		      id, filed, effective, extra);
}

static void art17_changes_filed_three_days_ahead(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *c[4];
	const cs_finding *x;
	fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	c[0] = change(f, "20261001-aaaaa1", "2026-10-01", "2026-10-04", "");
	c[1] = change(f, "20261001-aaaaa2", "2026-10-01", "2026-10-03", "");
	c[2] = change(f, "20261001-aaaaa3", "2026-10-01", "2026-10-03", "approved_by: 新城司法所\n");
	c[3] = change(f, "20261001-aaaaa4", "2026-10-01", "2026-10-02", "outcome: refused\n");
	fx_flush(f, "2026-10-05T09:00");
	fx_rules(f, "2026-10-05", "art17", &out);
	fx_assert_none(&out, "art17.notice", c[0], NULL);
	x = fx_assert_finding(&out, "art17.notice", c[1], "2026-10", E);
	assert_string_equal(x->record, "20261001-aaaaa2");
	assert_string_equal(x->lawyer, "wang-li");
	assert_string_equal(x->community, "hepingli");
	assert_int_equal(x->line, 5);
	fx_assert_none(&out, "art17.notice", c[2], NULL);
	fx_assert_none(&out, "art17.notice", c[3], NULL);
	cs_findings_free(&out);
}

/* --- art18.report: lawyers by the 2nd, offices by the 3rd ---------------------- */

static void art18_reports_filed_by_their_day(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	fx_flush(f, "2026-09-01T09:00");
	fx_put(f, "records/reports/2026-09/lawyer-wang-li.yaml", "kind: report\n");
	fx_flush(f, "2026-10-02T23:59");
	fx_put(f, "records/reports/2026-09/office-xincheng.yaml", "kind: report\n");
	fx_flush(f, "2026-10-04T00:01");
	fx_rules(f, "2026-11-03", "art18", &out);
	fx_assert_none(&out, "art18.report", "records/reports/2026-09/lawyer-wang-li.yaml", NULL);
	fx_assert_finding(&out, "art18.report", "records/reports/2026-09/office-xincheng.yaml",
			  "2026-09", E);
	/* October: the lawyer's was due 11-02; the office's is due today */
	assert_string_equal(fx_assert_finding(&out, "art18.report",
					      "records/reports/2026-10/lawyer-wang-li.yaml",
					      "2026-10", E)->lawyer, "wang-li");
	fx_assert_none(&out, "art18.report", "records/reports/2026-10/office-xincheng.yaml", NULL);
	assert_int_equal(fx_count(&out, "art18.report", NULL), 2);
	cs_findings_free(&out);
}

/* --- art20.meeting ------------------------------------------------------------- */

static const char *meeting(fx_store *f, const char *id, const char *type)
{
	char path[96];
	snprintf(path, sizeof(path), "records/meetings/%.4s/%s.yaml", id, id);
	return fx_put(f, path,
		      "kind: meeting\nid: %s\ndate: '%.4s-%.2s-%.2s'\ncontent: 会议\nresult: 纪要\n"
		      "meeting_type: %s\n",
		      id, id, id + 4, id + 6, type);
}

static void art20_joint_meetings_quarterly_summary_half_yearly(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	fx_pairing(f, "20260701-aaaaaa", "wang-li", "hepingli", "2026-07-01", NULL);
	meeting(f, "20260930-aaaaa1", "joint");
	meeting(f, "20261231-aaaaa2", "summary");
	meeting(f, "20261215-aaaaa3", "exchange");
	fx_flush(f, "2027-01-02T09:00");
	fx_rules(f, "2027-01-05", "art20", &out);
	fx_assert_none(&out, "art20.meeting", NULL, "2026-Q3");
	fx_assert_finding(&out, "art20.meeting", "records/meetings/2026", "2026-Q4", E);
	fx_assert_none(&out, "art20.meeting", NULL, "2026-H2");
	assert_int_equal(fx_count(&out, "art20.meeting", NULL), 1);
	cs_findings_free(&out);
}

/* --- art21.replace ----------------------------------------------------------- */

static void art21_two_failed_spot_checks_or_a_low_score(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *e[6];
	const cs_finding *x;
	fx_pairing(f, "20250901-aaaaaa", "wang-li", "hepingli", "2025-09-01", NULL);
	fx_pairing(f, "20250901-bbbbbb", "zhao", "dongfeng", "2025-09-01", NULL);
	/* zhao: one fail in 2025 and one in 2026, a pass between */
	e[0] = fx_entry(f, "spot-check", "20251210-aaaaa1", "dongfeng", "zhao",
			"office: xincheng\nresult: fail\n");
	e[1] = fx_entry(f, "spot-check", "20260110-aaaaa2", "dongfeng", "zhao",
			"office: xincheng\nresult: fail\n");
	fx_entry(f, "spot-check", "20260210-aaaaa7", "dongfeng", "zhao",
		 "office: xincheng\nresult: pass\n");
	/* wang-li: two fails in 2026 */
	e[2] = fx_entry(f, "spot-check", "20260310-aaaaa3", "hepingli", "wang-li",
			"office: xincheng\nresult: fail\n");
	e[3] = fx_entry(f, "spot-check", "20260410-aaaaa4", "hepingli", "wang-li",
			"office: xincheng\nresult: fail\n");
	e[4] = fx_entry(f, "feedback", "20260928-aaaaa5", "hepingli", "wang-li", "score: 3\n");
	e[5] = fx_entry(f, "feedback", "20260928-aaaaa6", "dongfeng", "zhao", "score: 2\n");
	fx_flush(f, "2026-10-05T09:00");
	fx_rules(f, "2026-10-05", "art21", &out);
	fx_assert_none(&out, "art21.replace", e[0], NULL);
	fx_assert_none(&out, "art21.replace", e[1], NULL);
	fx_assert_none(&out, "art21.replace", e[2], NULL);
	x = fx_assert_finding(&out, "art21.replace", e[3], "2026", E);
	assert_string_equal(x->lawyer, "wang-li");
	fx_assert_none(&out, "art21.replace", e[4], NULL);
	x = fx_assert_finding(&out, "art21.replace", e[5], "2026-09", E);
	assert_string_equal(x->lawyer, "zhao");
	assert_int_equal(fx_count(&out, "art21.replace", NULL), 2);
	cs_findings_free(&out);
}

/* --- the record checks: schema.* and ref.* ---------------------------------- */

#define KEY "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILF/HhFh4KN3LFawHEyhblEiMRfkcNwrfTTcV9PgPhm9"
#define FINGERPRINT "SHA256:nrYqkZPKwH/KjrJhLUW5ojB83HcGamSIPPF38JXI0BI"

static const char consultation[] =
	"channel: in-person\ntarget:\n  type: resident\n  name: 陈某\n  contact: '13800001234'\n"
	"start: '09:00'\nend: '09:30'\nsigned_by: 张主任\nsigned_at: '2026-10-12T18:00'\n"
	"recorded_at: '2026-10-12T10:00'\n";

/* A store of whole records: nothing to find. */
static void records_whole_pass_every_check(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	fx_entry(f, "consultation", "20261012-aaaaaa", "hepingli", "wang-li", consultation);
	fx_put(f, "records/changes/20261001-bbbbbb.yaml",
	       "kind: change\nid: 20261001-bbbbbb\nassignment: 20260901-aaaaaa\nfiled: '2026-10-01'\n"
	       "effective: '2026-10-08'\nreason: 调整\nschedule: Thu 14:00-17:00\n");
	fx_put(f, "records/keys/zhang.yaml",
	       "kind: key\nid: zhang\nname: 张主任\nrole: head\nkey: " KEY "\nfingerprint: "
	       FINGERPRINT "\nadded: '2026-09-01'\n");
	fx_flush(f, "2026-10-19T09:00");
	fx_records(f, "2026-10-19", &out);
	if (out.n)
		fx_assert_none(&out, out.v[0].rule, NULL, NULL);
	cs_findings_free(&out);
}

static void records_each_fault_has_its_finding(void **state)
{
	fx_store *f = *state;
	cs_findings out;
	const char *p[17];
	size_t i;
	fx_pairing(f, "20260901-aaaaaa", "wang-li", "hepingli", "2026-09-01", NULL);
	p[0] = fx_put(f, "records/log/hepingli/2026/10/20261012-bad000.yaml",
		      "kind: consultation\nid: [20261012\n");
	p[1] = fx_put(f, "records/offices/castle.yaml", "kind: castle\nid: castle\n");
	p[2] = fx_entry(f, "consultation", "20261012-bad002", "hepingli", "wang-li", "channel: fax\n");
	p[3] = fx_put(f, "records/lawyers/li.yaml", "kind: lawyer\nid: li-ming\nname: 李明\nfirm: dacheng\n");
	p[4] = fx_put(f, "records/log/hepingli/2026/10/20261013-bad004.yaml",
		      "kind: consultation\nid: 20261013-bad004\ndate: '2026-10-12'\ncommunity: hepingli\n"
		      "lawyer: wang-li\n");
	p[5] = fx_entry(f, "consultation", "20261012-bad005", "hepingli", "wang-li",
			"start: '10:00'\nend: '09:00'\n");
	p[6] = fx_entry(f, "consultation", "20261019-bad006", "hepingli", "wang-li",
			"start: '09:01'\n");
	p[7] = fx_put(f, "records/assignments/20260901-bad007.yaml",
		      "kind: assignment\nid: 20260901-bad007\nfirm: dacheng\nlawyer: zhao\n"
		      "community: dongfeng\nfrom: '2026-09-01'\nschedule: Wed 14:00-16:59\n"
		      "place: 东风活动室\nagreement: A-zhao\n");
	p[8] = fx_put(f, "records/keys/li.yaml",
		      "kind: key\nid: li\nname: 李书记\nrole: head\nkey: " KEY "\nfingerprint: "
		      "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nadded: '2026-09-01'\n");
	p[9] = fx_entry(f, "consultation", "20261012-bad009", "hepingli", "nobody", "");
	p[10] = fx_put(f, "records/assignments/20260901-bad010.yaml",
		       "kind: assignment\nid: 20260901-bad010\nfirm: dacheng\nlawyer: zhao\n"
		       "community: nowhere\nfrom: '2026-09-01'\nschedule: Wed 14:00-17:30\n"
		       "place: 别处\nagreement: A-zhao\n");
	p[11] = fx_put(f, "records/communities/xiyuan.yaml",
		       "kind: community\nid: xiyuan\nname: 西苑社区\noffice: nooffice\nheads:\n- 某某\n");
	p[12] = fx_put(f, "records/lawyers/qian.yaml", "kind: lawyer\nid: qian\nname: 钱\nfirm: nofirm\n");
	p[13] = fx_entry(f, "consultation", "20261012-bad013", "hepingli", "wang-li",
			 "signed_by: 王书记\nsigned_at: '2026-10-12T18:00'\n");
	p[14] = fx_entry(f, "consultation", "20261012-bad014", "hepingli", "zhao", "");
	p[15] = fx_put(f, "records/changes/20261001-bad015.yaml",
		       "kind: change\nid: 20261001-bad015\nassignment: 20200101-zzzzzz\n"
		       "filed: '2026-10-01'\neffective: '2026-10-08'\nreason: 调整\n"
		       "schedule: Thu 14:00-17:30\n");
	/* what may be whole beside them */
	p[16] = fx_entry(f, "consultation", "20261012-good16", "hepingli", "wang-li", consultation);
	fx_flush(f, "2026-10-19T09:00");
	fx_records(f, "2026-10-19", &out);
	fx_assert_finding(&out, "schema.yaml", p[0], NULL, E);
	fx_assert_finding(&out, "schema.kind", p[1], NULL, E);
	fx_assert_finding(&out, "schema.invalid", p[2], NULL, E);
	fx_assert_finding(&out, "schema.path", p[3], NULL, E);
	assert_int_equal(fx_assert_finding(&out, "schema.id", p[4], NULL, E)->line, 2);
	assert_int_equal(fx_assert_finding(&out, "schema.order", p[5], NULL, E)->line, 9);
	fx_assert_finding(&out, "schema.future", p[6], NULL, E);
	fx_assert_finding(&out, "schema.schedule", p[7], NULL, E);
	fx_assert_finding(&out, "schema.key", p[8], NULL, E);
	fx_assert_finding(&out, "ref.lawyer", p[9], NULL, E);
	fx_assert_finding(&out, "ref.community", p[10], NULL, E);
	fx_assert_finding(&out, "ref.office", p[11], NULL, E);
	fx_assert_finding(&out, "ref.firm", p[12], NULL, E);
	fx_assert_finding(&out, "ref.head", p[13], NULL, E);
	fx_assert_finding(&out, "ref.pairing", p[14], NULL, E);
	fx_assert_finding(&out, "ref.assignment", p[15], NULL, E);
	for (i = 0; i < out.n; i++)
		if (!strcmp(out.v[i].path, p[16]))
			fx_assert_none(&out, out.v[i].rule, p[16], NULL);
	cs_findings_free(&out);
}

/* --- every rule has its test --------------------------------------------------- */

/* The ids tested above; the audit's (audit.*) are test_audit.c's, which
 * checks them as this does (every_audit_id_has_a_test). */
static const char *const covered[] = {
	"art7.visit", "art9.office-hours", "art9.lecture", "art9.training", "art10.accept",
	"art11.signed", "art11.one-record", "art13.conflict", "art15.privacy", "art16.gift",
	"art17.notice", "art18.report", "art20.meeting", "art21.replace",
	"ref.lawyer", "ref.community", "ref.office", "ref.firm", "ref.head", "ref.pairing",
	"ref.assignment", "schema.yaml", "schema.kind", "schema.invalid", "schema.path",
	"schema.id", "schema.order", "schema.future", "schema.schedule", "schema.key",
	NULL
};

static void every_rule_id_has_a_test(void **state)
{
	const char *const *ids = cs_rule_ids();
	size_t i, j, missing = 0;
	(void)state;
	for (i = 0; ids[i]; i++) {
		if (!strncmp(ids[i], "audit.", 6))
			continue;
		for (j = 0; covered[j] && strcmp(covered[j], ids[i]); j++)
			;
		if (!covered[j]) {
			print_message("# no test for rule %s\n", ids[i]);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

/* a rule test: a new store holding the directory of fx_directory */
#define T(test) cmocka_unit_test_setup_teardown(test, fx_setup_directory, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(art7_a_visit_every_month),
		T(art9_half_a_day_of_office_hours_a_week),
		T(art9_a_week_across_the_new_year),
		T(art9_office_hours_elsewhere_do_not_count),
		T(art9_a_week_without_working_days_is_exempt),
		T(art9_a_lecture_every_quarter),
		T(art9_a_lecture_is_not_due_under_half_a_quarter),
		T(art9_a_training_every_year),
		T(art10_accepted_within_two_working_days),
		T(art11_signed_by_a_head_within_seven_days),
		T(art11_one_service_one_record),
		T(art13_never_against_the_paired_community),
		T(art15_numbers_stay_in_the_target_fields),
		T(art16_only_a_silk_banner),
		T(art17_changes_filed_three_days_ahead),
		T(art18_reports_filed_by_their_day),
		T(art20_joint_meetings_quarterly_summary_half_yearly),
		T(art21_two_failed_spot_checks_or_a_low_score),
		T(records_whole_pass_every_check),
		T(records_each_fault_has_its_finding),
		cmocka_unit_test(every_rule_id_has_a_test),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
