/* Every case of the YAML test suite through cs_yaml_load: no crash, no leak,
 * every invalid input rejected; valid inputs either load (and then mean what
 * the suite's in.json says) or are refused by the record policy. */
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
#include "yaml.h"

typedef struct {
	char *path;
	int error;      /* the case must be rejected */
	int json;       /* in.json exists */
	char *label;
	char *name;     /* test name: path and label */
} suite_case;

static char *top;
static suite_case *cases;
static size_t ncases;
static size_t error_total, error_rejected, valid_total, valid_loaded,
	valid_refused, valid_checked;

static char *case_file(const suite_case *c, const char *file)
{
	cs_buf b = CS_BUF_INIT;
	cs_buf_printf(&b, "%s/data/%s/%s", top, c->path, file);
	return cs_buf_detach(&b);
}

/* in.json may hold several JSON texts (multi-document streams): only a
 * single one is compared, the others fail with CS_EDATA. */
static int load_expected(const suite_case *c, cs_node **out)
{
	char *path = case_file(c, "in.json");
	cs_buf b = CS_BUF_INIT;
	int error;
	*out = NULL;
	error = cs_buf_read_file(&b, path, 0);
	if (!error)
		error = cs_yaml_load(out, b.ptr, b.len, path);
	cs_buf_free(&b);
	free(path);
	return error;
}

static void run_case(void **state)
{
	const suite_case *c = *state;
	char *path = case_file(c, "in.yaml");
	cs_buf in = CS_BUF_INIT;
	cs_node *n = NULL, *want = NULL;
	int error;

	assert_int_equal(cs_buf_read_file(&in, path, 0), 0);
	error = cs_yaml_load(&n, in.ptr, in.len, c->path);
	if (c->error) {
		error_total++;
		if (error == 0) {
			cs_node_free(n);
			cs_buf_free(&in);
			free(path);
			fail_msg("case %s (%s) is invalid YAML but was loaded",
				 c->path, c->label);
		}
		assert_int_equal(error, CS_EDATA);
		error_rejected++;
	} else {
		valid_total++;
		if (error) {
			/* refused by policy (anchors, several documents, tags...) */
			if (error != CS_EDATA) {
				cs_buf_free(&in);
				free(path);
				fail_msg("case %s (%s): unexpected error %d: %s",
					 c->path, c->label, error, cs_error_last());
			}
			assert_non_null(strstr(cs_error_last(), c->path));
			valid_refused++;
		} else {
			valid_loaded++;
			if (c->json && (error = load_expected(c, &want)) != CS_EDATA) {
				int same;
				if (error < 0) {
					cs_node_free(n);
					cs_buf_free(&in);
					free(path);
					fail_msg("case %s (%s): %s", c->path, c->label,
						 cs_error_last());
				}
				same = cs_node_equal(n, want);
				valid_checked++;
				cs_node_free(want);
				if (!same) {
					cs_node_free(n);
					cs_buf_free(&in);
					free(path);
					fail_msg("case %s (%s): loaded tree differs from in.json",
						 c->path, c->label);
				}
			}
		}
	}
	cs_node_free(n);
	cs_buf_free(&in);
	free(path);
}

static int read_cases(void)
{
	cs_buf b = CS_BUF_INIT;
	char *tsv = NULL, *line, *save = NULL;
	const char *env = getenv("CS_TOP");
	int error;
	cs_buf t = CS_BUF_INIT;

	cs_buf_printf(&t, "%s/tests/data/yaml-test-suite", env ? env : ".");
	top = cs_buf_detach(&t);
	cs_buf_printf(&t, "%s/cases.tsv", top);
	tsv = cs_buf_detach(&t);
	if ((error = cs_buf_read_file(&b, tsv, 0)) < 0)
		goto cleanup;
	for (line = strtok_r(b.ptr, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[4] = { NULL };
		char *p = line;
		int i;
		suite_case *c;
		for (i = 0; i < 4 && p; i++) {
			f[i] = p;
			if ((p = strchr(p, '\t')))
				*p++ = '\0';
		}
		if (!f[3])
			continue;
		c = realloc(cases, (ncases + 1) * sizeof(*cases));
		if (!c) {
			error = CS_ENOMEM;
			goto cleanup;
		}
		cases = c;
		c = &cases[ncases++];
		c->path = strdup(f[0]);
		c->error = strcmp(f[1], "error") == 0;
		c->json = strcmp(f[2], "json") == 0;
		c->label = strdup(f[3]);
		cs_buf_printf(&t, "%s %s: %s", c->error ? "reject" : "load",
			      f[0], f[3]);
		c->name = cs_buf_detach(&t);
	}
cleanup:
	cs_buf_free(&b);
	free(tsv);
	return error;
}

int main(void)
{
	struct CMUnitTest *tests;
	size_t i;
	int failed;

	if (read_cases() < 0 || ncases == 0) {
		fprintf(stderr, "test_yaml_suite: cannot read %s/cases.tsv: %s\n",
			top, cs_error_last());
		return 1;
	}
	tests = calloc(ncases, sizeof(*tests));
	if (!tests)
		return 1;
	for (i = 0; i < ncases; i++) {
		tests[i].name = cases[i].name;
		tests[i].test_func = run_case;
		tests[i].initial_state = &cases[i];
	}
	failed = _cmocka_run_group_tests("yaml-test-suite", tests, ncases,
					 NULL, NULL);
	printf("# yaml-test-suite: %zu/%zu error cases rejected, %zu valid cases "
	       "loaded or refused by policy\n", error_rejected, error_total,
	       valid_loaded + valid_refused);
	printf("# yaml-test-suite: %zu valid cases loaded (%zu compared with "
	       "in.json), %zu refused by policy, of %zu\n", valid_loaded,
	       valid_checked, valid_refused, valid_total);
	for (i = 0; i < ncases; i++) {
		free(cases[i].path);
		free(cases[i].label);
		free(cases[i].name);
	}
	free(cases);
	free(tests);
	free(top);
	return failed;
}
