/* The report document writer: a document is data, rendered as text, md,
 * csv or printable html. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "doc.h"
#include "error.h"
#include "utf8.h"

static int setup(void **state)
{
	static cs_doc d;
	cs_table *t;
	const char *r1[] = { "20261008-8m8car", "和平里社区 (hepingli)", "=SUM(A1)", "3" };
	const char *r2[] = { "20261009-rf347s", "南苑社区 (nanyuan)", NULL, "12" };
	assert_int_equal(cs_doc_init(&d, "月报 2026-10：律师 王丽 (wang-li) <&>"), 0);
	assert_int_equal(cs_doc_issued(&d, "issued on 2026-11-01"), 0);
	assert_int_equal(cs_doc_fact(&d, "month", "2026-10"), 0);
	assert_int_equal(cs_doc_fact(&d, "服务次数", "31"), 0);
	assert_int_equal(cs_doc_fact(&d, "by kind", "法律咨询 17, 参与调解 6, 法制讲座 1, 坐班值班 7, 法律援助 2"), 0);
	assert_int_equal(cs_doc_fact(&d, "typical cases", NULL), 0);
	assert_int_equal(cs_doc_section_add(&d, "Lawyers", 0, &t), 0);
	assert_int_equal(cs_table_col(t, "lawyer", "lawyer", 0), 0);
	assert_int_equal(cs_doc_section_add(&d, "Items", 1, &t), 0);
	assert_int_equal(cs_table_col(t, "id", "id", 0), 0);
	assert_int_equal(cs_table_col(t, "community", "社区", 0), 0);
	assert_int_equal(cs_table_col(t, "summary", "summary", 0), 0);
	assert_int_equal(cs_table_col(t, "n", "n", 1), 0);
	assert_int_equal(cs_table_row(t, r1), 0);
	assert_int_equal(cs_table_row(t, r2), 0);
	assert_int_equal(cs_doc_chart_title(&d, "Activity by week"), 0);
	assert_int_equal(cs_doc_bar(&d, "09-28", 0), 0);
	assert_int_equal(cs_doc_bar(&d, "10-05", 3), 0);
	assert_int_equal(cs_doc_bar(&d, "10-12", 10), 0);
	assert_int_equal(cs_doc_sign(&d, "reported by (signature):"), 0);
	assert_int_equal(cs_doc_sign(&d, "司法所（盖章）："), 0);
	*state = &d;
	return 0;
}

static int teardown(void **state)
{
	cs_doc_free(*state);
	return 0;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (; (hay = strstr(hay, needle)); hay += strlen(needle))
		n++;
	return n;
}

/* The title, then a line of = as wide as it (display columns, not bytes). */
static void underlined(cs_buf *b, const char *title)
{
	size_t w = cs_utf8_width(title);
	cs_buf_printf(b, "%s\n", title);
	while (w--)
		cs_buf_putc(b, '=');
	cs_buf_putc(b, '\n');
}

static void text_has_title_issue_date_facts_tables_and_signatures(void **state)
{
	cs_buf out = CS_BUF_INIT, head = CS_BUF_INIT;
	assert_int_equal(cs_doc_render(*state, CS_FMT_TEXT, &out), 0);
	underlined(&head, "月报 2026-10：律师 王丽 (wang-li) <&>");
	assert_int_equal(strncmp(out.ptr, head.ptr, head.len), 0);
	assert_int_equal(head.len, strlen("月报 2026-10：律师 王丽 (wang-li) <&>\n") + 37 + 1);
	cs_buf_free(&head);
	assert_non_null(strstr(out.ptr, "\nissued on 2026-11-01\n"));
	/* labels padded to the widest by display width (服务次数 is 8 columns) */
	assert_non_null(strstr(out.ptr, "\nmonth:         2026-10\n"));
	assert_non_null(strstr(out.ptr, "\n服务次数:      31\n"));
	assert_non_null(strstr(out.ptr, "\ntypical cases:\n"));
	assert_non_null(strstr(out.ptr, "\nLawyers\n(none)\n"));
	assert_non_null(strstr(out.ptr, "\nItems\nid "));
	assert_non_null(strstr(out.ptr, "\n\nreported by (signature): ________________\n"
				  "司法所（盖章）： ________________\n"));
	cs_buf_free(&out);
}

static void md_has_headings_tables_and_signature_paragraphs(void **state)
{
	cs_buf out = CS_BUF_INIT;
	assert_int_equal(cs_doc_render(*state, CS_FMT_MD, &out), 0);
	assert_int_equal(strncmp(out.ptr, "# 月报 2026-10", strlen("# 月报 2026-10")), 0);
	assert_non_null(strstr(out.ptr, "\n\nissued on 2026-11-01\n\n| item | value |\n"));
	assert_non_null(strstr(out.ptr, "| month | 2026-10 |\n"));
	assert_non_null(strstr(out.ptr, "\n## Lawyers\n\n(none)\n"));
	assert_non_null(strstr(out.ptr, "\n## Items\n\n| id | 社区 | summary | n |\n"));
	assert_non_null(strstr(out.ptr, "\n\nreported by (signature): ________________\n"
				  "\n司法所（盖章）： ________________\n"));
	cs_buf_free(&out);
}

static void csv_is_the_primary_table_only(void **state)
{
	cs_buf out = CS_BUF_INIT;
	cs_doc facts_only;
	assert_int_equal(cs_doc_render(*state, CS_FMT_CSV, &out), 0);
	assert_string_equal(out.ptr, "id,社区,summary,n\r\n"
			    "20261008-8m8car,和平里社区 (hepingli),\"'=SUM(A1)\",3\r\n"
			    "20261009-rf347s,南苑社区 (nanyuan),,12\r\n");
	/* a document without sections: its facts */
	cs_buf_clear(&out);
	assert_int_equal(cs_doc_init(&facts_only, "card"), 0);
	assert_int_equal(cs_doc_fact(&facts_only, "phone", "13800000001"), 0);
	assert_int_equal(cs_doc_render(&facts_only, CS_FMT_CSV, &out), 0);
	assert_string_equal(out.ptr, "item,value\r\nphone,13800000001\r\n");
	cs_doc_free(&facts_only);
	cs_buf_free(&out);
}

static void html_is_one_printable_a4_document(void **state)
{
	cs_buf out = CS_BUF_INIT;
	assert_int_equal(cs_doc_render(*state, CS_FMT_HTML, &out), 0);
	assert_int_equal(strncmp(out.ptr, "<!DOCTYPE html>\n", 16), 0);
	assert_int_equal(count(out.ptr, "<html"), 1);
	assert_int_equal(count(out.ptr, "</html>"), 1);
	assert_non_null(strstr(out.ptr, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(out.ptr, "@page { size: A4;"));
	/* page numbers from the print counters, words from the catalogue */
	assert_non_null(strstr(out.ptr, "content: \"page \" counter(page) \" of \" counter(pages) \"\";"));
	/* nothing fetched from elsewhere */
	assert_null(strstr(out.ptr, "url("));
	assert_null(strstr(out.ptr, "<script"));
	assert_null(strstr(out.ptr, "<img"));
	assert_null(strstr(out.ptr, "<link"));
	/* the title escaped, in <title> and <h1> */
	assert_int_equal(count(out.ptr, "王丽 (wang-li) &lt;&amp;&gt;"), 2);
	assert_null(strstr(out.ptr, "<&>"));
	assert_non_null(strstr(out.ptr, "<p class=\"issued\">issued on 2026-11-01</p>"));
	cs_buf_free(&out);
}

static void html_facts_two_to_a_row_a_wide_one_alone(void **state)
{
	cs_buf out = CS_BUF_INIT;
	assert_int_equal(cs_doc_render(*state, CS_FMT_HTML, &out), 0);
	assert_non_null(strstr(out.ptr, "<tr><th>month</th><td>2026-10</td><th>服务次数</th><td>31</td></tr>"));
	assert_non_null(strstr(out.ptr, "<tr><th>by kind</th><td colspan=\"3\">法律咨询 17,"));
	/* the last fact alone: its row filled with empty cells */
	assert_non_null(strstr(out.ptr, "<tr><th>typical cases</th><td></td><th></th><td></td></tr>"));
	cs_buf_free(&out);
}

static void html_tables_fit_the_page_and_chart_and_seal_block(void **state)
{
	cs_buf out = CS_BUF_INIT;
	const char *p;
	int sum = 0, whole, tenth, n = 0;
	assert_int_equal(cs_doc_render(*state, CS_FMT_HTML, &out), 0);
	/* the items table's columns: percentages of the page, 100% in all */
	p = strstr(out.ptr, "<table>\n<colgroup>");
	assert_non_null(p);
	while ((p = strstr(p, "<col style=\"width:")) && sscanf(p, "<col style=\"width:%d.%d%%", &whole, &tenth) == 2) {
		sum += whole * 10 + tenth;
		n++;
		p++;
	}
	assert_int_equal(n, 4);
	assert_int_equal(sum, 1000);
	assert_non_null(strstr(out.ptr, "table-layout: fixed"));
	assert_non_null(strstr(out.ptr, "overflow-wrap: anywhere"));
	/* rows as <tr><td>, numbers right-aligned, an empty cell empty */
	assert_non_null(strstr(out.ptr, "<tr><td>20261009-rf347s</td><td>南苑社区 (nanyuan)</td><td></td>"
				  "<td class=\"n\">12</td></tr>"));
	assert_non_null(strstr(out.ptr, "<h2>Lawyers</h2>\n<p>(none)</p>"));
	/* the chart: a bar and its two labels per week */
	assert_int_equal(count(out.ptr, "<svg"), 1);
	assert_int_equal(count(out.ptr, "<rect"), 3);
	assert_non_null(strstr(out.ptr, ">10-12</text>"));
	/* the signature and seal block last */
	p = strstr(out.ptr, "<div class=\"sign\">");
	assert_non_null(p);
	assert_non_null(strstr(p, "<div>司法所（盖章）：<span></span></div>"));
	assert_null(strstr(p, "<table"));
	cs_buf_free(&out);
}

static void widths_narrow_where_it_adds_fewest_lines(void **state)
{
	cs_table t;
	int pm[3], i;
	const char *summary = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
	(void)state;
	cs_table_init(&t);
	assert_int_equal(cs_table_col(&t, "date", "date", 0), 0);
	assert_int_equal(cs_table_col(&t, "who", "who", 0), 0);
	assert_int_equal(cs_table_col(&t, "summary", "summary", 0), 0);
	for (i = 0; i < 10; i++) {
		const char *row[3] = { "2026-10-08", i ? "张**" : "春申社区调解员和社区工作者", summary };
		assert_int_equal(cs_table_row(&t, row), 0);
	}
	/* printed: the date 5.4 ems, the widest person 13 ems, the summaries 30
	 * ems, and 0.7 em of padding each; 50 ems leave it as it is */
	assert_int_equal(cs_doc_widths(&t, 510, pm), 0);
	assert_int_equal(pm[0] + pm[1] + pm[2], 1000);
	assert_in_range(pm[1], 265, 275);
	/* 40 ems: the one long person wraps, no date and no summary does */
	assert_int_equal(cs_doc_widths(&t, 400, pm), 0);
	assert_int_equal(pm[0] + pm[1] + pm[2], 1000);
	assert_int_equal(pm[0], 61 * 1000 / 400);
	assert_int_equal(pm[2], 1000 - pm[0] - pm[1]);
	assert_true(pm[2] >= 307 * 1000 / 400);
	cs_table_free(&t);
	/* a table narrower than the page: in proportion to the widest cells */
	cs_table_init(&t);
	assert_int_equal(cs_table_col(&t, "x", "x", 0), 0);
	assert_int_equal(cs_table_col(&t, "y", "y", 0), 0);
	assert_int_equal(cs_doc_widths(&t, 800, pm), 0);
	assert_int_equal(pm[0], 500);
	assert_int_equal(pm[1], 500);
	cs_table_free(&t);
}

static void yaml_and_json_are_no_document_format(void **state)
{
	cs_buf out = CS_BUF_INIT;
	assert_int_equal(cs_doc_render(*state, CS_FMT_YAML, &out), CS_EUSAGE);
	assert_int_equal(cs_doc_render(*state, CS_FMT_JSON, &out), CS_EUSAGE);
	assert_int_equal(out.len, 0);
	cs_buf_free(&out);
}

static void a_bare_document_has_no_chart_issue_line_or_seal(void **state)
{
	cs_doc d;
	cs_buf out = CS_BUF_INIT, head = CS_BUF_INIT;
	(void)state;
	assert_int_equal(cs_doc_init(&d, "Service contact card: 和平里社区"), 0);
	assert_int_equal(cs_doc_bar(&d, "10-05", 3), 0);   /* bars without a title: no chart */
	assert_int_equal(cs_doc_render(&d, CS_FMT_HTML, &out), 0);
	assert_null(strstr(out.ptr, "<svg"));
	assert_null(strstr(out.ptr, "class=\"issued\""));
	assert_null(strstr(out.ptr, "class=\"sign\""));
	assert_null(strstr(out.ptr, "class=\"facts\""));
	cs_buf_clear(&out);
	assert_int_equal(cs_doc_render(&d, CS_FMT_TEXT, &out), 0);
	underlined(&head, "Service contact card: 和平里社区");
	assert_string_equal(out.ptr, head.ptr);
	cs_buf_free(&head);
	cs_doc_free(&d);
	cs_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_has_title_issue_date_facts_tables_and_signatures),
		cmocka_unit_test(md_has_headings_tables_and_signature_paragraphs),
		cmocka_unit_test(csv_is_the_primary_table_only),
		cmocka_unit_test(html_is_one_printable_a4_document),
		cmocka_unit_test(html_facts_two_to_a_row_a_wide_one_alone),
		cmocka_unit_test(html_tables_fit_the_page_and_chart_and_seal_block),
		cmocka_unit_test(widths_narrow_where_it_adds_fewest_lines),
		cmocka_unit_test(yaml_and_json_are_no_document_format),
		cmocka_unit_test(a_bare_document_has_no_chart_issue_line_or_seal),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
