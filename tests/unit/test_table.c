/* Tables and their formats. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "table.h"
#include "utf8.h"

static int setup(void **state)
{
	static cs_table t;
	const char *r1[] = { "c1", "东风社区", "12" };
	const char *r2[] = { "longer-slug", "West", NULL };
	cs_table_init(&t);
	assert_int_equal(cs_table_col(&t, "id", "id", 0), 0);
	assert_int_equal(cs_table_col(&t, "name", "名称", 0), 0);
	assert_int_equal(cs_table_col(&t, "count", "count", 1), 0);
	assert_int_equal(cs_table_row(&t, r1), 0);
	assert_int_equal(cs_table_row(&t, r2), 0);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	cs_table_free(*state);
	return 0;
}

/* Display width of the n-th line. */
static size_t line_width(const char *text, int n)
{
	char buf[256];
	const char *end;
	while (n--)
		text = strchr(text, '\n') + 1;
	end = strchr(text, '\n');
	memcpy(buf, text, (size_t)(end - text));
	buf[end - text] = '\0';
	return cs_utf8_width(buf);
}

static void text_aligns_chinese_by_width(void **state)
{
	cs_buf out = CS_BUF_INIT;
	const char *l1;
	assert_int_equal(cs_table_render(*state, CS_FMT_TEXT, &out), 0);
	/* the numbers are right-aligned: header and first row end together */
	assert_int_equal(line_width(out.ptr, 0), line_width(out.ptr, 1));
	/* the third column starts after "longer-slug" + 2 and "名称"/"West" (4) + 2 */
	l1 = strchr(out.ptr, '\n') + 1;
	assert_int_equal(strncmp(l1, "c1           东风社区     12\n", strlen("c1           东风社区     12\n")), 0);
	cs_buf_free(&out);
}

static void json_has_keys_numbers_and_nulls(void **state)
{
	cs_buf out = CS_BUF_INIT;
	assert_int_equal(cs_table_render(*state, CS_FMT_JSON, &out), 0);
	assert_non_null(strstr(out.ptr, "\"name\": \"东风社区\""));
	assert_non_null(strstr(out.ptr, "\"count\": 12"));
	assert_non_null(strstr(out.ptr, "\"count\": null"));
	cs_buf_free(&out);
}

static void csv_neutralises_formulas(void **state)
{
	cs_buf out = CS_BUF_INIT;
	(void)state;
	cs_csv_cell(&out, "=SUM(A1)");
	cs_buf_putc(&out, '|');
	cs_csv_cell(&out, "a,\"b\"");
	cs_buf_putc(&out, '|');
	cs_csv_cell(&out, "@x");
	cs_buf_putc(&out, '|');
	cs_csv_cell(&out, "-1");
	assert_string_equal(out.ptr, "\"'=SUM(A1)\"|\"a,\"\"b\"\"\"|\"'@x\"|\"'-1\"");
	cs_buf_free(&out);
}

static void md_and_html_escape(void **state)
{
	cs_buf out = CS_BUF_INIT;
	cs_table t;
	const char *r[] = { "a|b", "<script>" };
	(void)state;
	cs_table_init(&t);
	cs_table_col(&t, "a", "A", 0);
	cs_table_col(&t, "b", "B", 0);
	cs_table_row(&t, r);
	assert_int_equal(cs_table_render(&t, CS_FMT_MD, &out), 0);
	assert_non_null(strstr(out.ptr, "a\\|b"));
	cs_buf_clear(&out);
	assert_int_equal(cs_table_render(&t, CS_FMT_HTML, &out), 0);
	assert_non_null(strstr(out.ptr, "&lt;script&gt;"));
	assert_null(strstr(out.ptr, "<script>"));
	cs_buf_free(&out);
	cs_table_free(&t);
}

static void format_names(void **state)
{
	cs_format f;
	(void)state;
	assert_int_equal(cs_format_parse("csv", &f), 0);
	assert_int_equal(f, CS_FMT_CSV);
	assert_true(cs_format_parse("xml", &f) < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_aligns_chinese_by_width),
		cmocka_unit_test(json_has_keys_numbers_and_nulls),
		cmocka_unit_test(csv_neutralises_formulas),
		cmocka_unit_test(md_and_html_escape),
		cmocka_unit_test(format_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
