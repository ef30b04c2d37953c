/* Tables and their formats. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "node.h"
#include "table.h"
#include "utf8.h"
#include "yaml.h"

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

/* What a buffer with a sink holds at the end, after what it spilled. */
static char *spilled(FILE *f, const cs_buf *b, size_t *before)
{
	long n;
	char *all;
	*before = (size_t)ftell(f);
	assert_int_equal(fwrite(b->ptr, 1, b->len, f), b->len);
	n = ftell(f);
	rewind(f);
	all = malloc((size_t)n + 1);
	assert_non_null(all);
	assert_int_equal(fread(all, 1, (size_t)n, f), (size_t)n);
	all[n] = '\0';
	return all;
}

/* A long table (and a long tree) written through a sink: each format's
 * bytes are the ones it makes in memory, most of them written before the end. */
static void a_long_output_spills_to_its_sink_unchanged(void **state)
{
	static const cs_format fmts[] = { CS_FMT_TEXT, CS_FMT_CSV, CS_FMT_MD, CS_FMT_HTML, CS_FMT_JSON };
	cs_table t;
	cs_node *seq = cs_node_new_seq();
	char id[32];
	size_t i, before;
	(void)state;
	cs_table_init(&t);
	assert_int_equal(cs_table_col(&t, "id", "id", 0), 0);
	assert_int_equal(cs_table_col(&t, "name", "名称", 0), 0);
	assert_int_equal(cs_table_col(&t, "note", "note", 0), 0);
	for (i = 0; i < 10000; i++) {
		/* an empty last cell: text trims its line's trailing spaces */
		const char *row[] = { id, i % 3 ? "东风社区" : "West", i % 2 ? "" : "a note" };
		cs_node *m = cs_node_new_map();
		snprintf(id, sizeof(id), "20261001-%06zu", i);
		assert_int_equal(cs_table_row(&t, row), 0);
		assert_int_equal(cs_node_set_str(m, "id", id), 0);
		assert_int_equal(cs_node_set_str(m, "name", row[1]), 0);
		assert_int_equal(cs_node_push(seq, m), 0);
	}
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]) + 1; i++) {
		cs_buf whole = CS_BUF_INIT, out = CS_BUF_INIT;
		FILE *f = tmpfile();
		char *all;
		assert_non_null(f);
		cs_buf_sink(&out, f);
		if (i < sizeof(fmts) / sizeof(fmts[0])) {
			assert_int_equal(cs_table_render(&t, fmts[i], &whole), 0);
			assert_int_equal(cs_table_render(&t, fmts[i], &out), 0);
		} else {
			assert_int_equal(cs_yaml_emit(&whole, seq, NULL, NULL), 0);
			assert_int_equal(cs_yaml_emit(&out, seq, NULL, NULL), 0);
		}
		assert_true(whole.len > 2 * CS_BUF_SPILL);
		all = spilled(f, &out, &before);
		assert_true(before >= CS_BUF_SPILL);
		assert_true(out.len < CS_BUF_SPILL + 4096);
		assert_string_equal(all, whole.ptr);
		free(all);
		fclose(f);
		cs_buf_free(&whole);
		cs_buf_free(&out);
	}
	{
		/* JSON of a tree spills between a sequence's items */
		cs_buf whole = CS_BUF_INIT, out = CS_BUF_INIT;
		FILE *f = tmpfile();
		char *all;
		assert_non_null(f);
		cs_buf_sink(&out, f);
		assert_int_equal(cs_json_emit(&whole, seq, 2), 0);
		assert_int_equal(cs_json_emit(&out, seq, 2), 0);
		all = spilled(f, &out, &before);
		assert_true(before >= CS_BUF_SPILL);
		assert_string_equal(all, whole.ptr);
		free(all);
		fclose(f);
		cs_buf_free(&whole);
		cs_buf_free(&out);
	}
	cs_node_free(seq);
	cs_table_free(&t);
}

/* A sink that cannot be written: CS_EIO, and a buffer without a sink keeps
 * all it holds. */
static void a_sink_that_cannot_be_written_is_an_error(void **state)
{
	cs_buf b = CS_BUF_INIT;
	FILE *full = fopen("/dev/full", "w");
	(void)state;
	assert_int_equal(cs_buf_fill(&b, 'x', CS_BUF_SPILL), 0);
	assert_int_equal(cs_buf_spill(&b), 0);
	assert_int_equal(b.len, CS_BUF_SPILL);
	if (full) {
		setvbuf(full, NULL, _IONBF, 0);
		cs_buf_sink(&b, full);
		assert_int_equal(cs_buf_spill(&b), CS_EIO);
		fclose(full);
	}
	cs_buf_free(&b);
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
		cmocka_unit_test(a_long_output_spills_to_its_sink_unchanged),
		cmocka_unit_test(a_sink_that_cannot_be_written_is_an_error),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
