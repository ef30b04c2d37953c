/* The record schemas (schemas/<kind>.schema.yaml): each one loads, compiles and is shaped as the
 * records contract says; a sample record of every kind passes and broken
 * ones fail on the right field. */
#include <dirent.h>
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
#include "schema.h"
#include "yaml.h"

static const char *const kinds[] = {
	"office", "firm", "lawyer", "community", "assignment", "change", "key", "config",
	"consultation", "legal-aid", "mediation", "lecture", "training", "publicity",
	"drafting", "negotiation", "office-hours", "research", "request",
	"conflict-report", "gift", "representation", "visit", "spot-check", "feedback",
	"meeting",
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static const char *top;

static cs_node *yaml(const char *text)
{
	cs_node *n = NULL;
	if (cs_yaml_load(&n, text, strlen(text), "sample") < 0)
		fail_msg("yaml: %s", cs_error_last());
	assert_non_null(n);
	return n;
}

static cs_node *load_schema_doc(const char *kind)
{
	cs_buf path = CS_BUF_INIT;
	cs_node *n = NULL;
	cs_buf_printf(&path, "%s/schemas/%s.schema.yaml", top, kind);
	if (cs_yaml_load_file(&n, path.ptr) < 0)
		fail_msg("%s: %s", path.ptr, cs_error_last());
	cs_buf_free(&path);
	assert_non_null(n);
	return n;
}

static cs_schema *load_schema(const char *kind)
{
	cs_node *n = load_schema_doc(kind);
	cs_schema *s = NULL;
	if (cs_schema_new(&s, n, kind) < 0)
		fail_msg("%s: %s", kind, cs_error_last());
	cs_node_free(n);
	return s;
}

/* A valid record of kind, as YAML text (caller frees). */
static char *sample(const char *kind)
{
	static const struct { const char *kind, *text; } fixed[] = {
		{ "office", "kind: office\nid: chunshen-office\nname: 春申司法所\n"
		  "address: 春申路1号\nphone: '021-12345678'\n" },
		{ "firm", "kind: firm\nid: zhengda\nname: 正大律师事务所\nphone: '13800138000'\n"
		  "address: 人民路2号\n" },
		{ "lawyer", "kind: lawyer\nid: wang-li\nname: 王立\nfirm: zhengda\n"
		  "phone: '13900139000'\nemail: wangli@zhengda.example.com\nlicence: '13101201510123456'\n"
		  "photo: photos/wang-li.jpg\n" },
		{ "community", "kind: community\nid: chunshen\nname: 春申社区\n"
		  "office: chunshen-office\nheads: [李主任, 赵书记]\nworkroom: 春申路3号201室\n" },
		{ "assignment", "kind: assignment\nid: 20260801-btrvd7\nfirm: zhengda\nlawyer: wang-li\n"
		  "community: chunshen\nfrom: 2026-08-01\nto: 2027-07-31\nschedule: Wed 14:00-17:30\n"
		  "place: 社区法律服务室\nagreement: XH-2026-017\nagreement_date: 2026-07-20\n" },
		{ "change", "kind: change\nid: 20261001-abcdef\nassignment: 20260801-btrvd7\n"
		  "filed: 2026-09-20\neffective: 2026-10-01\nreason: 律师调动\nlawyer: zhou-min\n"
		  "approved_by: 区司法局\nnew_assignment: 20261001-ghijkl\noutcome: applied\n" },
		{ "key", "kind: key\nid: sun-jianguo\nname: 孙建国\nrole: head\n"
		  "key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPOcjJhKCN4DRGDwARBr6PEBrFsnbA64+DqqrfidRnUa\n"
		  "fingerprint: 'SHA256:J90w9BHhuMtIh3w9Tb6TtqONntUiXgdaF7y2EbQeCII'\nadded: 2026-12-02\n" },
		{ "config", "kind: config\ndistrict: 闵行区\noffice: 区律师工作组办公室\n"
		  "locale: zh_CN.UTF-8\nrules:\n  half_day_minutes: 180\n  min_feedback: 3\n" },
	};
	static const struct { const char *kind, *own; } own[] = {
		{ "legal-aid", "aid_org: 区法律援助中心\n" },
		{ "mediation", "parties: [张三, 李四]\noutcome: settled\n" },
		{ "lecture", "topic: 民法典与生活\nattendees: 45\n" },
		{ "training", "topic: 人民调解技巧\nattendees: 12\naudience: mediators\n" },
		{ "office-hours", "place: 社区法律服务室\n" },
		{ "request", "received_at: 2026-03-04T09:15\naccepted_at: 2026-03-04T10:00:00\nfrom: 居委会\n" },
		{ "conflict-report", "parties: [甲, 乙]\nreported_to: [春申司法所]\n" },
		{ "gift", "item: 锦旗\nvalue: 0\ngiver: 张三\n" },
		{ "representation", "case_no: (2026)沪0112民初123号\nparties: [张三]\nclient: 张三\n"
		  "opposing: 某物业公司\nopposing_type: organisation\nforum: litigation\n" },
		{ "visit", "office: chunshen-office\nvisitor: 孙所长\nevaluation: 工作规范\n" },
		{ "spot-check", "office: chunshen-office\ninspector: 钱科长\n" },
		{ "feedback", "score: 5\nby: 李主任\n" },
		{ "meeting", "meeting_type: joint\nattendees: 20\nparticipants: [王立, 周敏]\n" },
	};
	cs_buf b = CS_BUF_INIT;
	const char *extra = "";
	size_t i;
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (!strcmp(fixed[i].kind, kind))
			return strdup(fixed[i].text);
	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (!strcmp(own[i].kind, kind))
			extra = own[i].own;
	cs_buf_printf(&b, "kind: %s\nid: 20260304-abcdef\ndate: 2026-03-04\n"
		      "start: '14:00'\nend: '15:30'\ncommunity: chunshen\nlawyer: wang-li\n"
		      "channel: in-person\ntarget: {type: resident, name: 张三, contact: '13700000000'}\n"
		      "content: 咨询劳动合同解除\nresult: %s\ntypical: false\n%s"
		      "signed_by: 李主任\nsigned_at: 2026-03-04T16:00\nrecorded_at: 2026-03-04T16:05:00\n",
		      kind, strcmp(kind, "spot-check") ? "已当场解答" : "pass", extra);
	return cs_buf_detach(&b);
}

static int is_log_kind(const char *kind)
{
	size_t i;
	for (i = 8; i < NKINDS; i++)
		if (!strcmp(kinds[i], kind))
			return 1;
	return 0;
}

/* Validate n; returns the verdict and asserts the two modes agree. */
static int check(cs_schema *s, const cs_node *n, cs_schema_result *res)
{
	int quiet = cs_schema_validate(s, n, NULL);
	int rc;
	cs_schema_result_free(res);
	rc = cs_schema_validate(s, n, res);
	assert_int_equal(quiet, rc);
	return rc;
}

static void expect_error(cs_schema *s, const cs_node *n, const char *kind, const char *field,
			 const char *message)
{
	cs_schema_result res;
	size_t i;
	int found = 0;
	cs_schema_result_init(&res);
	if (check(s, n, &res) != 0)
		fail_msg("%s: accepted a record with a bad %s", kind, field);
	for (i = 0; i < res.count; i++)
		if (!strcmp(res.errors[i].field, field) &&
		    (!message || !strcmp(res.errors[i].message, message)))
			found = 1;
	if (!found) {
		for (i = 0; i < res.count; i++)
			print_message("  %s: %s: %s\n", kind, res.errors[i].field, res.errors[i].message);
		fail_msg("%s: no error '%s' for %s", kind, message ? message : "(any)", field);
	}
	cs_schema_result_free(&res);
}

static void test_every_schema_file_is_a_known_kind_and_compiles(void **state)
{
	cs_buf dirpath = CS_BUF_INIT;
	DIR *d;
	struct dirent *e;
	size_t seen = 0, i;
	cs_buf_printf(&dirpath, "%s/schemas", top);
	d = opendir(dirpath.ptr);
	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		char kind[128];
		int known = 0;
		cs_schema *s;
		if (n <= 12 || strcmp(e->d_name + n - 12, ".schema.yaml"))
			continue;
		snprintf(kind, sizeof(kind), "%.*s", (int)(n - 12), e->d_name);
		for (i = 0; i < NKINDS; i++)
			known |= !strcmp(kinds[i], kind);
		if (!known && strcmp(kind, "calendar") && strcmp(kind, "monthly-report") &&
		    strcmp(kind, "assessment"))
			fail_msg("schemas/%s: not a record kind", e->d_name);
		s = load_schema(kind);
		cs_schema_free(s);
		seen++;
	}
	closedir(d);
	cs_buf_free(&dirpath);
	assert_true(seen >= NKINDS);
}

static void test_schemas_follow_the_records_contract(void **state)
{
	size_t i;
	for (i = 0; i < NKINDS; i++) {
		cs_node *doc = load_schema_doc(kinds[i]);
		const cs_node *props = cs_node_get(doc, "properties");
		const cs_node *addl = cs_node_get(doc, "additionalProperties");
		const char *id = cs_node_get_str(doc, "$id");
		char want[64];
		assert_string_equal(cs_node_get_str(doc, "$schema"),
				    "https://json-schema.org/draft/2020-12/schema");
		snprintf(want, sizeof(want), "/%s.schema.yaml", kinds[i]);
		assert_non_null(id);
		assert_non_null(strstr(id, want));
		assert_non_null(cs_node_get_str(doc, "title"));
		assert_string_equal(cs_node_get_str(doc, "type"), "object");
		assert_non_null(addl);
		assert_int_equal(cs_node_scalar_kind(addl), CS_SCALAR_BOOL);
		assert_false(cs_node_true(addl));
		assert_non_null(props);
		assert_true(props->count >= 2);
		assert_string_equal(props->pairs[0].key, "kind");
		assert_non_null(cs_node_get_str(props->pairs[0].value, "const"));
		assert_string_equal(cs_node_get_str(props->pairs[0].value, "const"), kinds[i]);
		assert_string_equal(props->pairs[1].key, strcmp(kinds[i], "config") ? "id" : "district");
		if (is_log_kind(kinds[i])) {
			size_t n = props->count;
			assert_string_equal(props->pairs[2].key, "date");
			assert_string_equal(props->pairs[n - 1].key, "recorded_at");
			assert_string_equal(props->pairs[n - 6].key, "signed_by");
			assert_string_equal(props->pairs[n - 2].key, "late_reason");
		}
		cs_node_free(doc);
	}
}

static void test_sample_record_of_every_kind_passes(void **state)
{
	size_t i, j;
	for (i = 0; i < NKINDS; i++) {
		cs_schema *s = load_schema(kinds[i]);
		char *text = sample(kinds[i]);
		cs_node *n = yaml(text);
		cs_schema_result res;
		cs_schema_result_init(&res);
		if (check(s, n, &res) != 1) {
			for (j = 0; j < res.count; j++)
				print_message("  %s: %s:%zu: %s\n", kinds[i], res.errors[j].field,
					      res.errors[j].line, res.errors[j].message);
			fail_msg("%s: sample rejected", kinds[i]);
		}
		cs_schema_result_free(&res);
		cs_node_free(n);
		free(text);
		cs_schema_free(s);
	}
}

static void test_every_kind_rejects_extra_and_missing_fields(void **state)
{
	size_t i;
	for (i = 0; i < NKINDS; i++) {
		cs_schema *s = load_schema(kinds[i]);
		char *text = sample(kinds[i]);
		cs_node *n = yaml(text);
		const char *req = strcmp(kinds[i], "config") ? "id" : "district";
		assert_int_equal(cs_node_set_str(n, "remarks", "x"), 0);
		expect_error(s, n, kinds[i], "remarks", "is not allowed");
		assert_int_equal(cs_node_remove(n, "remarks"), 1);
		assert_int_equal(cs_node_remove(n, req), 1);
		expect_error(s, n, kinds[i], req, "is required");
		assert_int_equal(cs_node_set_str(n, req, "x"), 0);
		assert_int_equal(cs_node_set_str(n, "kind", "nothing"), 0);
		expect_error(s, n, kinds[i], "kind", NULL);
		cs_node_free(n);
		free(text);
		cs_schema_free(s);
	}
}

static void test_log_kinds_require_their_fields(void **state)
{
	static const struct { const char *kind, *field; int required; } cases[] = {
		{ "consultation", "lawyer", 1 }, { "consultation", "community", 1 },
		{ "consultation", "start", 0 }, { "consultation", "end", 0 },
		{ "office-hours", "start", 1 },
		{ "consultation", "date", 1 }, { "consultation", "channel", 0 },
		{ "visit", "lawyer", 0 }, { "visit", "visitor", 0 }, { "visit", "office", 1 },
		{ "visit", "start", 0 }, { "spot-check", "result", 1 }, { "spot-check", "lawyer", 0 },
		{ "feedback", "score", 1 }, { "feedback", "lawyer", 0 },
		{ "meeting", "community", 0 }, { "meeting", "lawyer", 0 },
		{ "meeting", "meeting_type", 1 }, { "meeting", "start", 0 },
		{ "request", "received_at", 1 }, { "request", "start", 0 },
		{ "gift", "item", 1 }, { "representation", "opposing", 1 },
		{ "representation", "opposing_type", 1 }, { "office-hours", "end", 1 },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cs_schema *s = load_schema(cases[i].kind);
		char *text = sample(cases[i].kind);
		cs_node *n = yaml(text);
		cs_schema_result res;
		cs_schema_result_init(&res);
		assert_int_equal(cs_node_remove(n, cases[i].field), 1);
		if (cases[i].required)
			expect_error(s, n, cases[i].kind, cases[i].field, "is required");
		else if (check(s, n, &res) != 1)
			fail_msg("%s: %s should be optional", cases[i].kind, cases[i].field);
		cs_schema_result_free(&res);
		cs_node_free(n);
		free(text);
		cs_schema_free(s);
	}
}

/* Set field (a dotted path of at most two keys) to the YAML value text. */
static void set_yaml(cs_node *rec, const char *field, const char *value)
{
	char key[64];
	const char *dot = strchr(field, '.');
	cs_node *v = yaml(value), *map = rec;
	if (dot) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - field), field);
		map = cs_node_get(rec, key);
		assert_non_null(map);
		field = dot + 1;
	}
	assert_int_equal(cs_node_set(map, field, v), 0);
}

static void test_bad_values_fail_on_their_field(void **state)
{
	static const struct { const char *kind, *field, *value, *message; } cases[] = {
		{ "consultation", "date", "2026-02-30", "is not a date (YYYY-MM-DD)" },
		{ "consultation", "date", "'2026-3-4'", "is not a date (YYYY-MM-DD)" },
		{ "consultation", "channel", "fax", "must be one of: in-person, phone, email, online" },
		{ "consultation", "start", "'24:00'", NULL },
		{ "consultation", "end", "1530", NULL },
		{ "consultation", "id", "20260304-ABCDEF", NULL },
		{ "consultation", "lawyer", "Wang Li", NULL },
		{ "consultation", "typical", "'yes'", "must be a boolean" },
		{ "consultation", "signed_at", "'2026-03-04 16:00'", NULL },
		{ "consultation", "target.type", "alien", NULL },
		{ "consultation", "target.phone", "'1'", "is not allowed" },
		{ "mediation", "outcome", "maybe", NULL },
		{ "mediation", "parties", "张三", "must be an array" },
		{ "lecture", "attendees", "-3", "must be at least 0" },
		{ "lecture", "attendees", "'45'", "must be an integer" },
		{ "training", "audience", "lawyers", NULL },
		{ "gift", "value", "-1", "must be at least 0" },
		{ "feedback", "score", "6", "must be at most 5" },
		{ "feedback", "score", "0", "must be at least 1" },
		{ "spot-check", "result", "ok", "must be one of: pass, fail" },
		{ "meeting", "meeting_type", "party", NULL },
		{ "representation", "forum", "court", NULL },
		{ "lawyer", "email", "wangli@", "is not an e-mail address" },
		{ "lawyer", "phone", "13900139000", "must be a string" },
		{ "community", "heads", "[]", "must have at least 1 item" },
		{ "community", "heads", "[李主任, 李主任]", NULL },
		{ "assignment", "schedule", "Wed 2pm", NULL },
		{ "assignment", "from", "2026-13-01", "is not a date (YYYY-MM-DD)" },
		{ "assignment", "id", "chunshen", NULL },
		{ "change", "outcome", "pending", "must be one of: applied, refused" },
		{ "config", "rules.foo", "1", "is not allowed" },
		{ "config", "rules.min_feedback", "9", "must be at most 5" },
		{ "office", "id", "-bad", NULL },
		{ "office", "id", "a-very-long-slug-that-goes-past-forty-chars", NULL },
	};
	size_t i;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cs_schema *s = load_schema(cases[i].kind);
		char *text = sample(cases[i].kind);
		cs_node *n = yaml(text);
		set_yaml(n, cases[i].field, cases[i].value);
		expect_error(s, n, cases[i].kind, cases[i].field, cases[i].message);
		cs_node_free(n);
		free(text);
		cs_schema_free(s);
	}
}

static void test_lengths_are_counted_in_characters(void **state)
{
	cs_schema *s = load_schema("consultation");
	char *text = sample("consultation");
	cs_node *n = yaml(text);
	cs_node *target = cs_node_get(n, "target");
	cs_schema_result res;
	cs_buf name = CS_BUF_INIT;
	int i;
	cs_schema_result_init(&res);
	for (i = 0; i < 100; i++)
		cs_buf_puts(&name, "张");   /* 300 bytes, 100 characters */
	assert_int_equal(cs_node_set_str(target, "name", name.ptr), 0);
	assert_int_equal(check(s, n, &res), 1);
	cs_buf_puts(&name, "张");
	assert_int_equal(cs_node_set_str(target, "name", name.ptr), 0);
	expect_error(s, n, "consultation", "target.name", "must be at most 100 characters");
	cs_schema_result_free(&res);
	cs_buf_free(&name);
	cs_node_free(n);
	free(text);
	cs_schema_free(s);
}

static void test_change_names_exactly_one_new_value(void **state)
{
	cs_schema *s = load_schema("change");
	char *text = sample("change");
	cs_node *n = yaml(text);
	assert_int_equal(cs_node_set_str(n, "community", "other"), 0);
	expect_error(s, n, "change", "", NULL);
	assert_int_equal(cs_node_remove(n, "community"), 1);
	assert_int_equal(cs_node_remove(n, "lawyer"), 1);
	expect_error(s, n, "change", "", NULL);
	cs_node_free(n);
	free(text);
	cs_schema_free(s);
}

static void test_key_rank_is_the_field_order(void **state)
{
	cs_schema *s = load_schema("consultation");
	assert_int_equal(cs_schema_key_rank(s, "", "kind"), 0);
	assert_int_equal(cs_schema_key_rank(s, "", "id"), 1);
	assert_int_equal(cs_schema_key_rank(s, "", "date"), 2);
	assert_true(cs_schema_key_rank(s, "", "content") < cs_schema_key_rank(s, "", "signed_by"));
	assert_int_equal(cs_schema_key_rank(s, "target", "type"), 0);
	assert_int_equal(cs_schema_key_rank(s, "target", "name"), 1);
	assert_int_equal(cs_schema_key_rank(s, "", "nope"), -1);
	cs_schema_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_schema_file_is_a_known_kind_and_compiles),
		cmocka_unit_test(test_schemas_follow_the_records_contract),
		cmocka_unit_test(test_sample_record_of_every_kind_passes),
		cmocka_unit_test(test_every_kind_rejects_extra_and_missing_fields),
		cmocka_unit_test(test_log_kinds_require_their_fields),
		cmocka_unit_test(test_bad_values_fail_on_their_field),
		cmocka_unit_test(test_lengths_are_counted_in_characters),
		cmocka_unit_test(test_change_names_exactly_one_new_value),
		cmocka_unit_test(test_key_rank_is_the_field_order),
	};
	top = getenv("CS_TOP");
	if (!top)
		top = ".";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
