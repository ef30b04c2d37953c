/* The fuzzing entry points (targets.h). Included whole by
 * tests/unit/test_fuzz_regress.c and compiled beside each fuzz_*.c. */
#include <dirent.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "csv.h"
#include "date.h"
#include "error.h"
#include "facts.h"
#include "import.h"
#include "node.h"
#include "pairing.h"
#include "record.h"
#include "schema.h"
#include "table.h"
#include "snapshot.h"
#include "store.h"
#include "yaml.h"

#include "targets.h"

static void broken(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, detail ? detail : "");
	abort();
}

/* --- YAML ---------------------------------------------------------------- */

/* NEL, LS or PS in s: line breaks to YAML 1.1 (libyaml), not to JSON. */
static int yaml11_break(const char *s, size_t len)
{
	return s && (memmem(s, len, "\xc2\x85", 2) || memmem(s, len, "\xe2\x80\xa8", 3) ||
		     memmem(s, len, "\xe2\x80\xa9", 3));
}

/* 1 when the JSON of the tree does not read back through libyaml as it: a
 * number that is not finite (.inf, .nan: JSON writes null), a NEL, LS or
 * PS that JSON leaves as it is and YAML 1.1 folds as a line break, or a key
 * of over 1024 characters (YAML's limit of an implicit key, as in JSON's
 * {"key": ...}; the YAML emitter writes such a key "? key"). */
static int json_differs(const cs_node *n)
{
	double d;
	size_t i;
	if (n->type == CS_NODE_SCALAR)
		return (cs_node_scalar_kind(n) == CS_SCALAR_FLOAT && cs_node_number(n, &d) == 0 &&
			!isfinite(d)) || yaml11_break(n->str, n->len);
	for (i = 0; i < n->count; i++) {
		if (n->type == CS_NODE_MAP && (strlen(n->pairs[i].key) > 1000 ||
					       yaml11_break(n->pairs[i].key, strlen(n->pairs[i].key))))
			return 1;
		if (json_differs(n->type == CS_NODE_SEQ ? n->items[i] : n->pairs[i].value))
			return 1;
	}
	return 0;
}

/* The bytes as a cache file's packed tree (the cache is read around when
 * corrupt): what unpacks packs and unpacks as itself. */
static void unpack_raw(const char *data, size_t size)
{
	cs_node *a = NULL, *b = NULL;
	cs_buf packed = CS_BUF_INIT;
	const char *p = data, *q;
	if (cs_node_unpack(&p, data + size, &a) == 0) {
		if (!a || p < data || p > data + size)
			broken("an unpacked tree is none, or read past the end", NULL);
		if (cs_node_pack(a, &packed) < 0)
			broken("an unpacked tree does not pack", cs_error_last());
		q = packed.ptr;
		if (cs_node_unpack(&q, packed.ptr + packed.len, &b) < 0 || !cs_node_equal(a, b))
			broken("an unpacked tree packs as another", NULL);
	}
	cs_error_clear();
	cs_node_free(a);
	cs_node_free(b);
	cs_buf_free(&packed);
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The bytes as a figures payload's entry facts (facts.c): what reads puts
 * and reads as itself, and never past the end. */
static void facts_raw(const char *data, size_t size)
{
	cs_entry a, b;
	cs_buf packed = CS_BUF_INIT;
	const char *p = data, *q;
	int i;
	if (cs_facts_get(&p, data + size, &a) == 0) {
		if (p < data || p > data + size)
			broken("facts read past the end", NULL);
		if (cs_facts_put(&packed, &a) < 0)
			broken("facts read do not put", cs_error_last());
		q = packed.ptr;
		if (cs_facts_get(&q, packed.ptr + packed.len, &b) < 0 || !same_str(a.kind, b.kind) ||
		    !same_str(a.id, b.id) || !same_str(a.lawyer, b.lawyer) ||
		    !same_str(a.community, b.community) || a.day != b.day || a.start != b.start ||
		    a.end != b.end || a.attendees != b.attendees || a.typical != b.typical)
			broken("facts put read as others", NULL);
		for (i = 0; i < CS_EF_COUNT; i++)
			if (!same_str(a.field[i], b.field[i]) || a.field_line[i] != b.field_line[i])
				broken("a field of facts put read as another", NULL);
	}
	cs_error_clear();
	cs_buf_free(&packed);
}

int cs_fuzz_yaml(const uint8_t *data, size_t size)
{
	cs_node *a = NULL, *b = NULL, *c = NULL;
	cs_buf y1 = CS_BUF_INIT, y2 = CS_BUF_INIT, json = CS_BUF_INIT, packed = CS_BUF_INIT;
	const char *p;
	unpack_raw((const char *)data, size);
	facts_raw((const char *)data, size);
	if (cs_yaml_load(&a, (const char *)data, size, "fuzz") < 0 || !a)
		goto done;
	if (cs_yaml_emit(&y1, a, NULL, NULL) < 0)
		broken("a loaded tree does not emit", cs_error_last());
	if (y1.len > CS_YAML_MAX_BYTES)
		goto done;
	if (cs_yaml_load(&b, y1.ptr, y1.len, "emitted") < 0 || !b)
		broken("the emitted YAML does not load again", cs_error_last());
	if (!cs_node_equal(a, b))
		broken("the emitted YAML loads as another tree", y1.ptr);
	if (cs_yaml_emit(&y2, b, NULL, NULL) < 0 || y1.len != y2.len || memcmp(y1.ptr, y2.ptr, y1.len))
		broken("the same tree emits other bytes", y1.ptr);
	if (cs_json_emit(&json, a, 0) < 0)
		broken("a loaded tree does not emit as JSON", cs_error_last());
	/* JSON is YAML: what was written reads back as the tree it was (but
	 * for what YAML 1.1 reads otherwise) */
	if (json.len <= CS_YAML_MAX_BYTES && !json_differs(a)) {
		cs_node_free(b);
		b = NULL;
		if (cs_yaml_load(&b, json.ptr, json.len, "json") < 0 || !b)
			broken("the JSON emitted does not load", json.ptr);
		if (!cs_node_equal(a, b))
			broken("the JSON emitted loads as another tree", json.ptr);
	}
	if (cs_node_pack(a, &packed) < 0)
		broken("a loaded tree does not pack", cs_error_last());
	p = packed.ptr;
	if (cs_node_unpack(&p, packed.ptr + packed.len, &c) < 0 || p != packed.ptr + packed.len ||
	    !cs_node_equal(a, c))
		broken("a packed tree does not unpack as itself", cs_error_last());
done:
	cs_error_clear();
	cs_node_free(a);
	cs_node_free(b);
	cs_node_free(c);
	cs_buf_free(&y1);
	cs_buf_free(&y2);
	cs_buf_free(&json);
	cs_buf_free(&packed);
	return 0;
}

/* --- schema ---------------------------------------------------------------- */

/* A validation's answer agrees with its list of failures, and is the same
 * asked without the list, and asked again. */
static void validate(cs_schema *s, const cs_node *instance)
{
	cs_schema_result res;
	int r;
	cs_schema_result_init(&res);
	r = cs_schema_validate(s, instance, &res);
	if ((r < 0) != (cs_schema_validate(s, instance, NULL) < 0) ||
	    (r >= 0 && cs_schema_validate(s, instance, NULL) != r))
		broken("a validation without its failures answers otherwise", NULL);
	if (r == 1 && res.count)
		broken("valid, with failures", res.errors[0].message);
	if (r == 0 && !res.count)
		broken("invalid, without a failure", NULL);
	for (size_t i = 0; i < res.count; i++)
		if (!res.errors[i].field || !res.errors[i].message)
			broken("a failure without its field or message", NULL);
	cs_schema_result_free(&res);
	cs_error_clear();
}

static void own_schema(const cs_node *schema, const cs_node *instance)
{
	cs_schema *s = NULL;
	if (cs_schema_new(&s, schema, "fuzz") == 0)
		validate(s, instance);
	cs_schema_free(s);
	cs_error_clear();
}

/* A record of a kind: judged by that kind's schema, emitted in its order. */
static void as_record(const cs_node *rec)
{
	const cs_kind *k;
	cs_schema_result res;
	cs_buf out = CS_BUF_INIT;
	cs_node *again = NULL;
	for (k = cs_kinds(); k->name; k++) {
		cs_schema *s = cs_record_schema(NULL, k->name);
		if (s)
			validate(s, rec);
	}
	cs_schema_result_init(&res);
	if (cs_record_validate(NULL, rec, "fuzz", &res) == 0 && rec->type == CS_NODE_MAP) {
		if (cs_record_emit(NULL, rec, &out) < 0)
			broken("a valid record does not emit", cs_error_last());
		if (cs_yaml_load(&again, out.ptr, out.len, "emitted") < 0 || !cs_node_equal(rec, again))
			broken("a valid record emits as another", out.ptr);
	}
	cs_schema_result_free(&res);
	cs_node_free(again);
	cs_buf_free(&out);
	cs_error_clear();
}

int cs_fuzz_schema(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n----\n";
	const char *d = (const char *)data, *cut = NULL;
	cs_node *a = NULL, *b = NULL;
	size_t i;
	for (i = 0; i + sizeof(sep) - 1 <= size && !cut; i++)
		if (!memcmp(d + i, sep, sizeof(sep) - 1))
			cut = d + i;
	if (cut) {
		const char *rest = cut + sizeof(sep) - 1;
		if (cs_yaml_load(&a, d, (size_t)(cut - d), "schema") == 0 && a &&
		    cs_yaml_load(&b, rest, (size_t)(d + size - rest), "instance") == 0 && b)
			own_schema(a, b);
		goto done;
	}
	if (cs_yaml_load(&a, d, size, "fuzz") < 0 || !a)
		goto done;
	if (a->type == CS_NODE_SEQ) {
		for (i = 0; i < a->count; i++) {
			const cs_node *g = a->items[i], *schema = cs_node_get(g, "schema"),
				      *tests = cs_node_get(g, "tests");
			if (g->type != CS_NODE_MAP || !schema || !tests || tests->type != CS_NODE_SEQ)
				continue;
			for (size_t j = 0; j < tests->count; j++) {
				const cs_node *t = tests->items[j], *inst;
				if (t->type == CS_NODE_MAP && (inst = cs_node_get(t, "data")))
					own_schema(schema, inst);
			}
		}
	}
	as_record(a);
done:
	cs_error_clear();
	cs_node_free(a);
	cs_node_free(b);
	return 0;
}

/* --- CSV and the importer ------------------------------------------------- */

static struct {
	int tried;
	char root[64];
	cs_store *store;
	cs_snapshot *snap;
	char lawyer[64];
} csv;

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void cs_fuzz_cleanup(void)
{
	cs_snapshot_free(csv.snap);
	cs_store_free(csv.store);
	csv.snap = NULL;
	csv.store = NULL;
	if (csv.root[0])
		nftw(csv.root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	csv.root[0] = '\0';
}

static char *slurp(const char *path, size_t *len)
{
	cs_buf b = CS_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *in = fopen(path, "rb");
	if (!in)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		if (cs_buf_put(&b, chunk, n) < 0)
			break;
	fclose(in);
	*len = b.len;
	return b.ptr ? cs_buf_detach(&b) : strdup("");
}

/* A bare store of the sample district's directory (no work log), read once. */
static int csv_store(void)
{
	static const char *const dirs[] = { "offices", "firms", "lawyers", "communities",
					    "assignments", "changes", NULL };
	static const char cfg[] = "kind: config\ndistrict: Fuzz District\noffice: Fuzz Bureau\n";
	const char *top = getenv("CS_TOP");
	cs_file *files = NULL;
	size_t n = 0, i, k;
	char dir[4096], store[128];
	int error = -1;
	if (csv.tried)
		return csv.snap ? 0 : -1;
	csv.tried = 1;
	if (!top)
		top = ".";
	strcpy(csv.root, "/tmp/cs-fuzz-csv-XXXXXX");
	if (!mkdtemp(csv.root)) {
		csv.root[0] = '\0';
		return -1;
	}
	atexit(cs_fuzz_cleanup);
	if (!(files = calloc(1024, sizeof(*files))))
		goto cleanup;
	files[n].path = strdup("cs.yaml");
	files[n].data = strdup(cfg);
	files[n++].len = sizeof(cfg) - 1;
	for (k = 0; dirs[k]; k++) {
		struct dirent *e;
		DIR *dp;
		snprintf(dir, sizeof(dir), "%s/records/%s", top, dirs[k]);
		if (!(dp = opendir(dir)))
			continue;
		while ((e = readdir(dp)) && n < 1024) {
			char path[4096 + 256], rel[512];
			size_t len;
			char *text;
			if (!strstr(e->d_name, ".yaml"))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			snprintf(rel, sizeof(rel), "records/%s/%s", dirs[k], e->d_name);
			if (!(text = slurp(path, &len)))
				continue;
			files[n].path = strdup(rel);
			files[n].data = text;
			files[n++].len = len;
		}
		closedir(dp);
	}
	snprintf(store, sizeof(store), "%s/store", csv.root);
	setenv("CS_AUTHOR", "Fuzz Clerk <clerk@example.org>", 1);
	setenv("CS_NOW", "2026-11-20T09:00:00", 1);
	unsetenv("CS_STORE");
	if (cs_store_create(store, 1, files, n, "the fuzzed importer's directory") < 0 ||
	    cs_store_open(&csv.store, store) < 0 ||
	    cs_snapshot_load_directory(&csv.snap, csv.store, NULL) < 0)
		goto cleanup;
	if (cs_snapshot_count(csv.snap, "lawyer")) {
		const char *id = cs_node_get_str(cs_snapshot_record(csv.snap, "lawyer", 0), "id");
		snprintf(csv.lawyer, sizeof(csv.lawyer), "%s", id ? id : "");
	}
	error = 0;
cleanup:
	for (i = 0; i < n; i++) {
		free((char *)files[i].path);
		free((char *)files[i].data);
	}
	free(files);
	if (error < 0) {
		fprintf(stderr, "fuzz: no store for the importer: %s\n", cs_error_last());
		cs_error_clear();
	}
	return error;
}

/* A cell cs writes (cs_csv_cell) reads back, unguarded, as it was; but for
 * a cell that itself starts with the guard (an apostrophe before = + - @ tab
 * CR), which a spreadsheet reads as the guard too. */
static void cell_round_trip(const char *cell)
{
	cs_buf w = CS_BUF_INIT;
	cs_node *back = cs_node_new_seq();
	const char *p;
	size_t line = 1;
	if (!back)
		return;
	if (cs_csv_cell(&w, cell) < 0 || cs_buf_puts(&w, "\r\n") < 0)
		broken("cs_csv_cell failed", cs_error_last());
	p = w.ptr;
	if (cs_csv_row(&p, w.ptr + w.len, back, &line) < 0 || back->count != 1 ||
	    p != w.ptr + w.len)
		broken("a cell written does not read back as one", w.ptr);
	if (cs_csv_unguard(cell) == cell && strcmp(cs_csv_unguard(back->items[0]->str), cell))
		broken("a cell written reads back as another", w.ptr);
	cs_node_free(back);
	cs_buf_free(&w);
}

/* Every row: each read moves on, and never past the end. */
static void rows(const cs_buf *text)
{
	const char *p = text->ptr, *end = text->ptr + text->len;
	size_t line = 1;
	while (p < end) {
		const char *was = p;
		cs_node *row = cs_node_new_seq();
		int r;
		if (!row)
			return;
		r = cs_csv_row(&p, end, row, &line);
		if (r == 0 && (p <= was || p > end || !row->count))
			broken("a CSV row read nothing, or past the end", NULL);
		for (size_t i = 0; r == 0 && i < row->count; i++)
			cell_round_trip(row->items[i]->str);
		cs_node_free(row);
		if (r < 0)
			break;
	}
	if (line > text->len + 1)
		broken("more lines counted than there are", NULL);
	cs_error_clear();
}

int cs_fuzz_csv(const uint8_t *data, size_t size)
{
	cs_buf text = CS_BUF_INIT;
	const char *d = (const char *)data;
	if (cs_csv_decode(d, size, "UTF-8", "fuzz.csv", &text) == 0) {
		rows(&text);
		if (csv_store() == 0) {
			cs_import_opts o;
			cs_import rs;
			cs_time now;
			cs_datetime_parse("2026-11-20T09:00:00", &now);
			for (int with_lawyer = 0; with_lawyer < 2; with_lawyer++) {
				memset(&o, 0, sizeof(o));
				memset(&rs, 0, sizeof(rs));
				o.lawyer = with_lawyer ? csv.lawyer : NULL;
				if (cs_import_read(csv.snap, &now, "fuzz.csv", &text, &o, &rs) == 0 && !rs.n)
					broken("an import of no entries succeeded", NULL);
				cs_import_free(&rs);
				cs_error_clear();
			}
		}
	}
	cs_error_clear();
	if (cs_csv_decode(d, size, "GBK", "fuzz.csv", &text) == 0)
		rows(&text);
	cs_error_clear();
	cs_buf_free(&text);
	return 0;
}

/* --- dates, times, periods, schedules ------------------------------------- */

static void same(const char *what, const char *wrote, const char *formatted)
{
	if (strcmp(wrote, formatted)) {
		char msg[256];
		snprintf(msg, sizeof(msg), "'%.80s' read as '%.80s'", wrote, formatted);
		broken(what, msg);
	}
}

/* The weekday, ISO week and Monday of a day agree with the C library's. */
static void calendar_of(cs_day day, const char *s)
{
	struct tm tm;
	time_t t = (time_t)day * 86400;
	char iso[32];
	int y, w, y2, w2;
	if (!gmtime_r(&t, &tm))
		return;
	if (cs_date_weekday(day) != (tm.tm_wday ? tm.tm_wday : 7))
		broken("cs_date_weekday is not the C library's", s);
	cs_date_iso_week(day, &y, &w);
	strftime(iso, sizeof(iso), "%G %V", &tm);
	if (sscanf(iso, "%d %d", &y2, &w2) != 2 || y != y2 || w != w2)
		broken("cs_date_iso_week is not the C library's", s);
	if (cs_date_weekday(cs_date_week_monday(day)) != 1 || day - cs_date_week_monday(day) > 6 ||
	    cs_date_week_monday(day) > day)
		broken("cs_date_week_monday is not the Monday of its week", s);
}

static void one_date(const char *s)
{
	char out[64];
	cs_day day, from, to;
	cs_time t;
	int a, b, c;
	if (cs_date_parse(s, &day) == 0) {
		cs_date_format(day, out);
		same("cs_date_parse", s, out);
		calendar_of(day, s);
	}
	if (cs_hhmm_parse(s, &a) == 0) {
		if (a < 0 || a > 1439)
			broken("cs_hhmm_parse gave a minute out of the day", s);
		cs_hhmm_format(a, out);
		same("cs_hhmm_parse", s, out);
	}
	if (cs_hhmm_normalize(s, out) == 0 && (strlen(out) != 5 || cs_hhmm_parse(out, &a) < 0))
		broken("cs_hhmm_normalize gave no HH:MM", s);
	if (cs_datetime_parse(s, &t) == 0) {
		if (t.minute < -1 || t.minute > 1439 || t.second < 0 || t.second > 59)
			broken("cs_datetime_parse gave a time out of the day", s);
		cs_time_format(&t, out);
		if (strncmp(s, out, 10) || (t.minute >= 0 && strncmp(s + 11, out + 11, 5)))
			broken("cs_datetime_parse read another date or time", s);
	}
	if (cs_month_parse(s, &a, &b) == 0) {
		snprintf(out, sizeof(out), "%04d-%02d", a, b);
		same("cs_month_parse", s, out);
	}
	if (cs_period_parse(s, &from, &to) == 0) {
		int y, m, d, y2, m2, d2;
		cs_date_to_ymd(from, &y, &m, &d);
		cs_date_to_ymd(to, &y2, &m2, &d2);
		if (from > to || y != y2 || d != 1 || d2 != cs_date_days_in_month(y2, m2))
			broken("cs_period_parse gave no period of whole months", s);
		if (m == 1 && m2 == 12)
			snprintf(out, sizeof(out), "%04d", y);
		else if (m == m2)
			snprintf(out, sizeof(out), "%04d-%02d", y, m);
		else if (m2 - m == 2)
			snprintf(out, sizeof(out), "%04d-Q%d", y, m2 / 3);
		else
			snprintf(out, sizeof(out), "%04d-H%d", y, m2 / 6);
		same("cs_period_parse", s, out);
	}
	if (cs_schedule_parse(s, &a, &b, &c) == 0) {
		static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
		if (a < 1 || a > 7 || b < 0 || b >= c || c > 1439)
			broken("cs_schedule_parse gave no weekly half day", s);
		snprintf(out, sizeof(out), "%s %02d:%02d-%02d:%02d", days[a - 1], b / 60, b % 60,
			 c / 60, c % 60);
		same("cs_schedule_parse", s, out);
	}
	cs_error_clear();
}

int cs_fuzz_date(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *line, *next;
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	one_date(s);
	for (line = s; line; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		one_date(line);
	}
	free(s);
	return 0;
}
