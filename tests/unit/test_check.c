/* lib/check.c: periods, rule selection, findings (the rules themselves are
 * checked by test_rules.c, and end to end by tests/cmd/cscheck-rules.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "check.h"
#include "params.h"
#include "error.h"

static void periods_parse_to_their_days(void **state)
{
	cs_day f, t;
	(void)state;
	assert_int_equal(cs_period_parse("2026-10", &f, &t), 0);
	assert_int_equal(f, cs_date_from_ymd(2026, 10, 1));
	assert_int_equal(t, cs_date_from_ymd(2026, 10, 31));
	assert_int_equal(cs_period_parse("2026-Q1", &f, &t), 0);
	assert_int_equal(t, cs_date_from_ymd(2026, 3, 31));
	assert_int_equal(cs_period_parse("2024-Q1", &f, &t), 0);
	assert_int_equal(f, cs_date_from_ymd(2024, 1, 1));
	assert_int_equal(cs_period_parse("2026-H2", &f, &t), 0);
	assert_int_equal(f, cs_date_from_ymd(2026, 7, 1));
	assert_int_equal(t, cs_date_from_ymd(2026, 12, 31));
	assert_int_equal(cs_period_parse("2026", &f, &t), 0);
	assert_int_equal(t - f, 364);
	assert_int_equal(cs_period_parse("2026-Q5", &f, &t), CS_EUSAGE);
	assert_int_equal(cs_period_parse("2026-H3", &f, &t), CS_EUSAGE);
	assert_int_equal(cs_period_parse("2026-13", &f, &t), CS_EUSAGE);
	assert_int_equal(cs_period_parse("26", &f, &t), CS_EUSAGE);
}

static void rules_are_known_by_id_or_prefix(void **state)
{
	const char *const *ids = cs_rule_ids();
	size_t n = 0;
	(void)state;
	while (ids[n])
		n++;
	assert_true(n >= 14);
	assert_true(cs_rule_known("art9"));
	assert_true(cs_rule_known("art9.office-hours"));
	assert_true(cs_rule_known("ref"));
	assert_true(cs_rule_known("audit.deleted"));
	assert_false(cs_rule_known("art9.office"));
	assert_false(cs_rule_known("art99"));
	assert_false(cs_rule_known("art"));
}

static void findings_sort_stably(void **state)
{
	cs_findings f;
	(void)state;
	cs_findings_init(&f);
	assert_int_equal(cs_finding_add(&f, "b.yaml", 3, CS_SEV_ERROR, "art16.gift", "x", NULL, NULL,
					"2026-10", "gift %s", "卡"), 0);
	assert_int_equal(cs_finding_add(&f, "a.yaml", 9, CS_SEV_WARNING, "art11.one-record", NULL,
					"wang", "c1", NULL, "twice"), 0);
	assert_int_equal(cs_finding_add(&f, "a.yaml", 2, CS_SEV_ERROR, "ref.lawyer", NULL, NULL, NULL,
					NULL, "no %s", "lawyer"), 0);
	cs_findings_sort(&f);
	assert_string_equal(f.v[0].path, "a.yaml");
	assert_int_equal(f.v[0].line, 2);
	assert_int_equal(f.v[1].line, 9);
	assert_string_equal(f.v[1].lawyer, "wang");
	assert_null(f.v[1].period);
	assert_string_equal(f.v[2].message, "gift 卡");
	assert_string_equal(f.v[2].period, "2026-10");
	cs_findings_free(&f);
	assert_int_equal(f.n, 0);
}

static void parameters_default_without_cs_yaml(void **state)
{
	(void)state;
	assert_int_equal(cs_param_get(NULL, "half_day_minutes"), 180);
	assert_int_equal(cs_param_get(NULL, "accept_working_days"), 2);
	assert_int_equal(cs_param_get(NULL, "office_report_day"), 3);
	assert_int_equal(cs_param_get(NULL, "min_feedback"), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(periods_parse_to_their_days),
		cmocka_unit_test(rules_are_known_by_id_or_prefix),
		cmocka_unit_test(findings_sort_stably),
		cmocka_unit_test(parameters_default_without_cs_yaml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
