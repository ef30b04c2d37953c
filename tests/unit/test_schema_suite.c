/* The JSON-Schema-Test-Suite (draft 2020-12) for the keywords lib/schema.h
 * supports, plus the date, time, date-time and email formats. One test per
 * file; a failing case names itself. Groups that need what the validator
 * leaves out (remote or $id-relative references, the meta-schema, dynamic
 * references, unevaluated* and other unsupported keywords) are skipped and
 * listed by name. */
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

static const char *const files[] = {
	"type.json", "enum.json", "const.json", "required.json", "properties.json",
	"additionalProperties.json", "patternProperties.json", "items.json",
	"prefixItems.json", "minItems.json", "maxItems.json", "uniqueItems.json",
	"minLength.json", "maxLength.json", "pattern.json", "minimum.json", "maximum.json",
	"exclusiveMinimum.json", "exclusiveMaximum.json", "multipleOf.json", "allOf.json",
	"anyOf.json", "oneOf.json", "not.json", "if-then-else.json", "ref.json", "defs.json",
	"optional/format/date.json", "optional/format/time.json",
	"optional/format/date-time.json", "optional/format/email.json",
};

/* Keywords whose meaning the validator does not implement: a group using
 * one is skipped rather than judged. */
static const char *const unsupported[] = {
	"$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor",
	"unevaluatedProperties", "unevaluatedItems", "$vocabulary", "contains",
	"minContains", "maxContains", "propertyNames", "dependentSchemas",
	"dependentRequired", "minProperties", "maxProperties", NULL
};

static char *dir;
static size_t total, passed, skipped;

/* Why a schema cannot be judged here, or NULL. Looks at every key in the
 * tree (a data value named like a keyword only makes the skip wider). */
static const char *skip_reason(const cs_node *n, int root)
{
	const char *why;
	const cs_node *v;
	size_t i, j;
	if (!n)
		return NULL;
	if (n->type == CS_NODE_SEQ) {
		for (i = 0; i < n->count; i++)
			if ((why = skip_reason(n->items[i], 0)))
				return why;
		return NULL;
	}
	if (n->type != CS_NODE_MAP)
		return NULL;
	for (i = 0; i < n->count; i++) {
		const char *key = n->pairs[i].key;
		for (j = 0; unsupported[j]; j++)
			if (!strcmp(key, unsupported[j]))
				return strcmp(key, "contains") && strncmp(key, "min", 3) &&
				       strncmp(key, "max", 3) && strncmp(key, "prop", 4) &&
				       strncmp(key, "depend", 6)
					? "dynamic or unevaluated keyword"
					: "keyword outside the supported subset";
		v = n->pairs[i].value;
		if (!strcmp(key, "$ref") && v->type == CS_NODE_SCALAR && v->str[0] != '#')
			return "remote or $id-relative reference";
		if (!strcmp(key, "$schema") && !root)
			return "meta-schema";
		if (!strcmp(key, "$id") && !root && v->type == CS_NODE_SCALAR)
			return "embedded $id resource";
		if ((why = skip_reason(v, 0)))
			return why;
	}
	return NULL;
}

static int hex4(const char *p, unsigned *v)
{
	int i;
	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = p[i];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return 0;
	}
	return 1;
}

/* JSON writes astral characters as surrogate pairs ("\ud83d\udca9"), which
 * YAML's double-quoted style does not take: write them as "\U0001f4a9". */
static int json_to_yaml(cs_buf *out, const char *s, size_t len)
{
	size_t i;
	unsigned hi, lo;
	int error = 0;
	for (i = 0; i < len && error >= 0; i++) {
		if (s[i] == '\\' && i + 1 < len && s[i + 1] == '\\') {
			error = cs_buf_put(out, s + i, 2);
			i++;
		} else if (s[i] == '\\' && i + 12 <= len && s[i + 1] == 'u' && s[i + 6] == '\\' &&
			   s[i + 7] == 'u' && hex4(s + i + 2, &hi) && hex4(s + i + 8, &lo) &&
			   hi >= 0xd800 && hi < 0xdc00 && lo >= 0xdc00 && lo < 0xe000) {
			error = cs_buf_printf(out, "\\U%08x",
					      0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00));
			i += 11;
		} else {
			error = cs_buf_putc(out, s[i]);
		}
	}
	return error < 0 ? error : 0;
}

static int load(const char *path, cs_node **out)
{
	cs_buf b = CS_BUF_INIT, y = CS_BUF_INIT;
	int error = cs_buf_read_file(&b, path, 0);
	if (!error)
		error = json_to_yaml(&y, b.ptr, b.len);
	if (!error)
		error = cs_yaml_load(out, y.ptr, y.len, path);
	cs_buf_free(&b);
	cs_buf_free(&y);
	return error;
}

/* 1 when the case's verdict is right; quiet and collecting runs must agree. */
static int run_case(cs_schema *s, const cs_node *data, int expect, const char **why)
{
	cs_schema_result res;
	int quiet, full;
	cs_schema_result_init(&res);
	quiet = cs_schema_validate(s, data, NULL);
	full = cs_schema_validate(s, data, &res);
	*why = "";
	if (quiet < 0 || full < 0)
		*why = cs_error_last();
	else if (quiet != full)
		*why = "quiet and collecting runs disagree";
	else if (full == 1 && res.count)
		*why = "valid but errors reported";
	else if (full == 0 && !res.count)
		*why = "invalid but no error reported";
	else if (full != expect)
		*why = expect ? "rejected a valid instance" : "accepted an invalid instance";
	cs_schema_result_free(&res);
	return !**why;
}

static void run_file(void **state)
{
	const char *file = *state;
	cs_buf path = CS_BUF_INIT, failures = CS_BUF_INIT;
	cs_node *doc = NULL;
	size_t g, t, nfail = 0;
	assert_int_equal(cs_buf_printf(&path, "%s/%s", dir, file), 0);
	if (load(path.ptr, &doc) < 0)
		fail_msg("%s: %s", file, cs_error_last());
	assert_non_null(doc);
	assert_int_equal(doc->type, CS_NODE_SEQ);
	for (g = 0; g < doc->count; g++) {
		const cs_node *group = doc->items[g];
		const cs_node *schema = cs_node_get(group, "schema");
		const cs_node *tests = cs_node_get(group, "tests");
		const char *gdesc = cs_node_get_str(group, "description");
		const char *reason = skip_reason(schema, 1);
		cs_schema *s = NULL;
		int compiled;
		assert_non_null(tests);
		if (reason) {
			for (t = 0; t < tests->count; t++) {
				printf("# skipped: %s: %s / %s: %s\n", file, gdesc,
				       cs_node_get_str(tests->items[t], "description"), reason);
				skipped++;
			}
			continue;
		}
		compiled = cs_schema_new(&s, schema, file) == 0;
		for (t = 0; t < tests->count; t++) {
			const cs_node *tc = tests->items[t];
			const char *why = cs_error_last();
			total++;
			if (compiled && run_case(s, cs_node_get(tc, "data"),
						 cs_node_true(cs_node_get(tc, "valid")), &why)) {
				passed++;
				continue;
			}
			nfail++;
			cs_buf_printf(&failures, "# FAIL %s: %s / %s: %s\n", file, gdesc,
				      cs_node_get_str(tc, "description"), why);
		}
		cs_schema_free(s);
	}
	cs_node_free(doc);
	cs_buf_free(&path);
	if (nfail) {
		fputs(failures.ptr, stdout);
		cs_buf_free(&failures);
		fail_msg("%s: %zu case(s) failed", file, nfail);
	}
	cs_buf_free(&failures);
}

int main(void)
{
	struct CMUnitTest tests[sizeof(files) / sizeof(files[0])];
	const char *top = getenv("CS_TOP");
	cs_buf b = CS_BUF_INIT;
	size_t i, n = 0;
	int rc;
	cs_buf_printf(&b, "%s/tests/data/json-schema-test-suite/tests/draft2020-12",
		      top ? top : ".");
	dir = b.ptr;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		cs_buf p = CS_BUF_INIT;
		FILE *f;
		cs_buf_printf(&p, "%s/%s", dir, files[i]);
		f = fopen(p.ptr, "r");
		cs_buf_free(&p);
		/* the suite has no prefixItems.json of its own; every other file must load */
		if (f)
			fclose(f);
		else if (!strcmp(files[i], "prefixItems.json"))
			continue;
		tests[n].name = files[i];
		tests[n].test_func = run_file;
		tests[n].setup_func = NULL;
		tests[n].teardown_func = NULL;
		tests[n].initial_state = (void *)files[i];
		n++;
	}
	rc = _cmocka_run_group_tests("schema_suite", tests, n, NULL, NULL);
	printf("json-schema-test-suite: %zu/%zu passed\n", passed, total);
	cs_buf_free(&b);
	return rc;
}
