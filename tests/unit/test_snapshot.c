/* The snapshot (lib/snapshot.c) and the checker's settings (cs_check_opts):
 * a store made of the sample district's records, loaded whole, by months
 * and as its directory only, then asked. */
#include <dirent.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "buf.h"
#include "check.h"
#include "error.h"
#include "record.h"
#include "snapshot_impl.h"
#include "yaml.h"

#define REPORT "records/reports/2026-09/lawyer-chen-jie.yaml"

struct fixture {
	char root[64];
	char dir[128];
	cs_file *files;
	size_t nfiles;
	size_t count[8];   /* record files under records/<kind>s/ */
	size_t log_oct;    /* the sample's log entries of 2026-10 */
	size_t meetings;   /* and its meetings of 2026 (a year's folder) */
	cs_store *store;
};

static const char *kinds[] = { "office", "firm", "lawyer", "community", "assignment",
			       "change", NULL };
static const char *dirs[] = { "offices", "firms", "lawyers", "communities", "assignments",
			      "changes", NULL };

static void add_file(struct fixture *f, const char *path, const char *data, size_t len)
{
	cs_file *grown = realloc(f->files, (f->nfiles + 1) * sizeof(*grown));
	char *p = strdup(path), *d = malloc(len + 1);
	assert_non_null(grown);
	assert_non_null(p);
	assert_non_null(d);
	memcpy(d, data, len);
	d[len] = 0;
	f->files = grown;
	f->files[f->nfiles].path = p;
	f->files[f->nfiles].data = d;
	f->files[f->nfiles].len = len;
	f->nfiles++;
}

static struct fixture *walk_fixture;

static int take(const char *fpath, const struct stat *st, int flag, struct FTW *ftw)
{
	struct fixture *f = walk_fixture;
	const char *rel = strstr(fpath, "/records/");
	cs_buf data = CS_BUF_INIT;
	FILE *in;
	char chunk[4096];
	size_t n, k;
	(void)st;
	(void)ftw;
	if (flag != FTW_F || !rel || !strstr(rel, ".yaml"))
		return 0;
	rel++;
	assert_non_null(in = fopen(fpath, "rb"));
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		assert_int_equal(cs_buf_put(&data, chunk, n), 0);
	fclose(in);
	add_file(f, rel, data.ptr, data.len);
	cs_buf_free(&data);
	for (k = 0; kinds[k]; k++) {
		char dir[64];
		snprintf(dir, sizeof(dir), "records/%s/", dirs[k]);
		if (!strncmp(rel, dir, strlen(dir)))
			f->count[k]++;
	}
	if (!strncmp(rel, "records/log/", 12) && strstr(rel, "/2026/10/"))
		f->log_oct++;
	if (!strncmp(rel, "records/meetings/2026/", 22))
		f->meetings++;
	return 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *top = getenv("CS_TOP");
	char recs[4096];
	static const char cfg[] = "kind: config\ndistrict: Test District\noffice: Test Bureau\n";
	static const char rep[] = "kind: report\n";
	if (!f || !top)
		return -1;
	strcpy(f->root, "/tmp/cs-test-snap-XXXXXX");
	if (!mkdtemp(f->root))
		return -1;
	snprintf(f->dir, sizeof(f->dir), "%s/store", f->root);
	snprintf(recs, sizeof(recs), "%s/records", top);
	add_file(f, "cs.yaml", cfg, sizeof(cfg) - 1);
	add_file(f, REPORT, rep, sizeof(rep) - 1);
	walk_fixture = f;
	if (nftw(recs, take, 16, FTW_PHYS) < 0)
		return -1;
	setenv("CS_AUTHOR", "Test Clerk <clerk@example.org>", 1);
	setenv("CS_NOW", "2026-10-05T09:00:00", 1);
	unsetenv("CS_STORE");
	if (cs_store_create(f->dir, 1, f->files, f->nfiles, "The sample district") < 0 ||
	    cs_store_open(&f->store, f->dir) < 0)
		return -1;
	setenv("CS_NOW", "2026-11-20T09:00:00", 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	size_t i;
	cs_store_free(f->store);
	for (i = 0; i < f->nfiles; i++) {
		free((char *)f->files[i].path);
		free((char *)f->files[i].data);
	}
	free(f->files);
	nftw(f->root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static void whole_store_is_read_and_asked(void **state)
{
	struct fixture *f = *state;
	cs_snapshot *s;
	const cs_node *lawyer;
	const char *slug;
	size_t k;
	assert_int_equal(cs_snapshot_load(&s, f->store, NULL, 0), 0);
	assert_int_equal(strlen(cs_snapshot_rev(s)), 40);
	assert_int_equal(cs_snapshot_worktree(s), 0);
	assert_int_equal(cs_snapshot_nfiles(s), f->nfiles - 1); /* all but cs.yaml */
	for (k = 0; kinds[k]; k++)
		assert_int_equal(cs_snapshot_count(s, kinds[k]), f->count[k]);
	assert_null(cs_snapshot_record(s, "lawyer", f->count[2]));
	lawyer = cs_snapshot_find(s, "lawyer", "chen-jie");
	assert_non_null(lawyer);
	assert_null(cs_snapshot_find(s, "lawyer", "nobody"));
	/* by name, as a clerk types it */
	assert_int_equal(cs_snapshot_resolve(s, "lawyer", cs_node_get_str(lawyer, "name"), &slug), 0);
	assert_string_equal(slug, "chen-jie");
	assert_int_equal(cs_snapshot_resolve(s, "lawyer", "chen-jei", &slug), CS_ENOTFOUND);
	assert_non_null(strstr(cs_error_last(), "chen-jie"));
	cs_error_clear();
	assert_int_equal(cs_snapshot_exists(s, REPORT), 1);
	assert_int_equal(cs_snapshot_exists(s, "records/reports/2026-08/x.yaml"), 0);
	assert_int_equal(cs_snapshot_param(s, "half_day_minutes"), 180);
	assert_true(cs_snapshot_lawyer_paired(s, "chen-jie", cs_date_from_ymd(2026, 10, 1),
					      cs_date_from_ymd(2026, 10, 31)));
	assert_false(cs_snapshot_lawyer_paired(s, "chen-jie", cs_date_from_ymd(1990, 1, 1),
					       cs_date_from_ymd(1990, 1, 31)));
	cs_snapshot_free(s);
}

static void months_read_only_their_entries(void **state)
{
	struct fixture *f = *state;
	cs_day from = cs_date_from_ymd(2026, 10, 1), to = cs_date_from_ymd(2026, 10, 31);
	cs_snapshot *s;
	size_t i, first;
	assert_int_equal(cs_snapshot_load_months(&s, f->store, NULL, from, to), 0);
	assert_true(f->log_oct > 0);
	/* the log of those months, and the meetings of their years */
	assert_int_equal(s->nentries, f->log_oct + f->meetings);
	for (i = 0; i < s->nentries; i++) {
		if (!strncmp(s->entries[i].path, "records/log/", 12))
			assert_true(s->entries[i].day >= from && s->entries[i].day <= to);
		assert_true(i == 0 || s->entries[i - 1].day <= s->entries[i].day);
	}
	/* the directory is read whole all the same */
	assert_int_equal(cs_snapshot_count(s, "lawyer"), f->count[2]);
	first = cs_snapshot_entries_from(s, cs_date_from_ymd(2026, 10, 15));
	assert_true(first == s->nentries || s->entries[first].day >= cs_date_from_ymd(2026, 10, 15));
	assert_true(first == 0 || s->entries[first - 1].day < cs_date_from_ymd(2026, 10, 15));
	assert_int_equal(cs_snapshot_entries_from(s, to + 1), s->nentries);
	cs_snapshot_free(s);
}

static void directory_only_has_no_entries(void **state)
{
	struct fixture *f = *state;
	cs_snapshot *s;
	assert_int_equal(cs_snapshot_load_directory(&s, f->store, NULL), 0);
	assert_int_equal(s->nentries, 0);
	assert_int_equal(cs_snapshot_count(s, "community"), f->count[3]);
	assert_int_equal(cs_snapshot_count(s, "assignment"), f->count[4]);
	cs_snapshot_free(s);
	/* a revision that does not exist: no snapshot, an error */
	s = (cs_snapshot *)1;
	assert_true(cs_snapshot_load(&s, f->store, "no-such-rev", 0) < 0);
	assert_null(s);
	cs_error_clear();
}

static void first_filed_is_the_day_of_the_first_commit(void **state)
{
	struct fixture *f = *state;
	cs_snapshot *s;
	cs_day day = 0;
	assert_int_equal(cs_snapshot_load_directory(&s, f->store, NULL), 0);
	assert_int_equal(cs_snapshot_first_filed(s, REPORT, &day), 1);
	assert_int_equal(day, cs_date_from_ymd(2026, 10, 5));
	assert_int_equal(cs_snapshot_first_filed(s, "records/reports/2026-08/x.yaml", &day), 0);
	assert_int_equal(s->filed_walked, 1); /* asked twice, walked once */
	cs_snapshot_free(s);
}

static void opts_are_the_callers(void **state)
{
	struct fixture *f = *state;
	cs_snapshot *s;
	cs_check_opts o;
	assert_int_equal(cs_snapshot_load_directory(&s, f->store, NULL), 0);
	assert_int_equal(cs_check_opts_init(&o, s, NULL, NULL, NULL), 0);
	assert_int_equal(o.today, cs_snapshot_now(s).day);
	assert_int_equal(o.today, cs_date_from_ymd(2026, 11, 20));
	assert_true(cs_check_in_period(&o, cs_date_from_ymd(1999, 1, 1)));
	assert_null(o.rules);
	cs_check_opts_free(&o);
	assert_int_equal(cs_check_opts_init(&o, s, "2026-Q3", "2026-10-01", "art9,art18.report"), 0);
	assert_int_equal(o.today, cs_date_from_ymd(2026, 10, 1));
	assert_true(cs_check_in_period(&o, cs_date_from_ymd(2026, 7, 1)));
	assert_false(cs_check_in_period(&o, cs_date_from_ymd(2026, 10, 1)));
	assert_true(cs_check_overlaps(&o, cs_date_from_ymd(2026, 9, 30), cs_date_from_ymd(2026, 12, 1)));
	assert_int_equal(o.nrules, 2);
	assert_string_equal(o.rules[1], "art18.report");
	cs_check_opts_period(&o, cs_date_from_ymd(2026, 10, 1), cs_date_from_ymd(2026, 10, 31));
	assert_true(cs_check_in_period(&o, cs_date_from_ymd(2026, 10, 1)));
	cs_check_opts_free(&o);
	assert_int_equal(cs_check_opts_init(&o, s, "2026-13", NULL, NULL), CS_EUSAGE);
	cs_check_opts_free(&o);
	cs_error_clear();
	assert_int_equal(cs_check_opts_init(&o, s, NULL, "2026-02-30", NULL), CS_EUSAGE);
	cs_check_opts_free(&o);
	cs_error_clear();
	assert_int_equal(cs_check_opts_init(&o, s, NULL, NULL, "art9.lectur"), CS_EUSAGE);
	assert_non_null(strstr(cs_error_last(), "art9.lecture"));
	cs_check_opts_free(&o);
	cs_error_clear();
	cs_snapshot_free(s);
}


/* The files of two snapshots are the same: paths, records, errors. */
static void assert_same_files(const cs_snapshot *a, const cs_snapshot *b)
{
	size_t i;
	assert_int_equal(a->nfiles, b->nfiles);
	assert_int_equal(a->nentries, b->nentries);
	for (i = 0; i < a->nfiles; i++) {
		const struct cs_file_rec *x = &a->files[i], *y = &b->files[i];
		cs_buf px = CS_BUF_INIT, py = CS_BUF_INIT;
		assert_string_equal(x->path, y->path);
		assert_int_equal(x->lazy, y->lazy);
		assert_true((x->rec == NULL) == (y->rec == NULL));
		assert_true((x->error == NULL) == (y->error == NULL));
		if (x->error)
			assert_string_equal(x->error, y->error);
		if (x->rec) {
			/* the packed form carries lines and styles too */
			assert_int_equal(cs_node_pack(x->rec, &px), 0);
			assert_int_equal(cs_node_pack(y->rec, &py), 0);
			assert_int_equal(px.len, py.len);
			assert_memory_equal(px.ptr, py.ptr, px.len);
		}
		cs_buf_free(&px);
		cs_buf_free(&py);
	}
}

static size_t cache_files(const struct fixture *f)
{
	char dir[256];
	struct dirent *d;
	size_t n = 0;
	DIR *dp;
	snprintf(dir, sizeof(dir), "%s/cs-cache", f->dir);
	if (!(dp = opendir(dir)))
		return 0;
	while ((d = readdir(dp)))
		if (d->d_name[0] != '.')
			n++;
	closedir(dp);
	return n;
}

/* Every cache file's path, one after the other. */
static char *cache_file(const struct fixture *f, size_t which)
{
	char dir[256], *path = NULL;
	struct dirent *d;
	size_t n = 0;
	DIR *dp;
	snprintf(dir, sizeof(dir), "%s/cs-cache", f->dir);
	assert_non_null(dp = opendir(dir));
	while ((d = readdir(dp)) && !path)
		if (d->d_name[0] != '.' && n++ == which) {
			path = malloc(strlen(dir) + strlen(d->d_name) + 2);
			assert_non_null(path);
			sprintf(path, "%s/%s", dir, d->d_name);
		}
	closedir(dp);
	assert_non_null(path);
	return path;
}

static void copy_file(const char *from, const char *to)
{
	char buf[4096];
	size_t n;
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
}

static void cache_gives_what_the_objects_give(void **state)
{
	struct fixture *f = *state;
	cs_day from = cs_date_from_ymd(2026, 8, 1), to = cs_date_from_ymd(2026, 10, 31);
	cs_snapshot *cold, *warm, *bare;
	size_t folders;
	struct stat st;
	char dir[256], rm[300];
	/* the tests before this one filled it */
	snprintf(rm, sizeof(rm), "rm -rf '%s/cs-cache'", f->dir);
	assert_int_equal(system(rm), 0);
	setenv("CS_CACHE", "0", 1);
	assert_int_equal(cs_snapshot_load_months(&bare, f->store, NULL, from, to), 0);
	assert_int_equal(cache_files(f), 0); /* CS_CACHE=0: nothing written */
	unsetenv("CS_CACHE");
	assert_int_equal(cs_snapshot_load_months(&cold, f->store, NULL, from, to), 0);
	assert_int_equal(cold->cache_hits, 0);
	folders = cold->cache_misses;
	assert_true(folders > 0);
	assert_int_equal(cache_files(f), folders);
	snprintf(dir, sizeof(dir), "%s/cs-cache", f->dir);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0077, 0); /* personal data: the owner's only */
	assert_int_equal(cs_snapshot_load_months(&warm, f->store, NULL, from, to), 0);
	assert_int_equal(warm->cache_hits, folders);
	assert_int_equal(warm->cache_misses, 0);
	assert_same_files(bare, cold);
	assert_same_files(bare, warm);
	/* the warm load's records point into the cache files it holds mapped,
	 * one a folder; with none allowed (CS_CACHE_MAPS=0) they are copied
	 * and the files let go, the same records either way */
	assert_int_equal(warm->narenas, folders);
	cs_snapshot_free(warm);
	setenv("CS_CACHE_MAPS", "0", 1);
	assert_int_equal(cs_snapshot_load_months(&warm, f->store, NULL, from, to), 0);
	unsetenv("CS_CACHE_MAPS");
	assert_int_equal(warm->cache_hits, folders);
	assert_int_equal(warm->narenas, 0);
	assert_same_files(bare, warm);
	cs_snapshot_free(warm);
	/* a value that is not a count: the default */
	setenv("CS_CACHE_MAPS", "many", 1);
	assert_int_equal(cs_snapshot_load_months(&warm, f->store, NULL, from, to), 0);
	unsetenv("CS_CACHE_MAPS");
	assert_int_equal(warm->narenas, folders);
	cs_snapshot_free(cold);
	cs_snapshot_free(warm);
	cs_snapshot_free(bare);
}

/* The schemas' verdict travels with a folder in the cache: a record that
 * passed them is marked so on a warm load and not validated again, one that
 * failed them is, and the findings are those of a load from the objects. */
static void cache_keeps_the_schemas_verdict(void **state)
{
	struct fixture *f = *state;
	static const char bad[] = "kind: consultation\nid: 20261009-zzzzzz\ndate: 2026-10-09\n";
	cs_day from = cs_date_from_ymd(2026, 10, 1), to = cs_date_from_ymd(2026, 10, 31);
	cs_file *files;
	size_t nf = 0, pick;
	cs_store *st;
	cs_snapshot *cold, *warm, *bare;
	cs_check_opts o;
	cs_findings fb, fw;
	cs_schema_set *set;
	char dir[192], path[128];
	const char *slash;
	size_t i, j, valid = 0, invalid = 0;
	for (i = 0; i < f->nfiles && !(strstr(f->files[i].path, "records/log/") &&
					strstr(f->files[i].path, "/2026/10/")); i++)
		;
	assert_true(i < f->nfiles);
	pick = i;
	/* the directory, one entry of the sample's and a bad one beside it */
	assert_non_null(files = calloc(f->nfiles + 1, sizeof(*files)));
	for (j = 0; j < f->nfiles; j++)
		if (j == pick || strncmp(f->files[j].path, "records/log/", 12))
			files[nf++] = f->files[j];
	slash = strrchr(f->files[pick].path, '/');
	snprintf(path, sizeof(path), "%.*s/20261009-zzzzzz.yaml",
		 (int)(slash - f->files[pick].path), f->files[pick].path);
	files[nf].path = path;
	files[nf].data = bad;
	files[nf++].len = sizeof(bad) - 1;
	snprintf(dir, sizeof(dir), "%s/verdict", f->root);
	assert_int_equal(cs_store_create(dir, 1, files, nf, "verdicts"), 0);
	assert_int_equal(cs_store_open(&st, dir), 0);
	setenv("CS_CACHE", "0", 1);
	assert_int_equal(cs_snapshot_load_months(&bare, st, NULL, from, to), 0);
	unsetenv("CS_CACHE");
	assert_int_equal(cs_snapshot_load_months(&cold, st, NULL, from, to), 0);
	assert_int_equal(cs_snapshot_load_months(&warm, st, NULL, from, to), 0);
	/* the directory's folders through the cache as the log's: the warm
	 * load parses nothing */
	assert_true(cold->cache_misses > 1);
	assert_true(cold->files_parsed > 2); /* the two log files and the directory's */
	assert_int_equal(warm->cache_hits, cold->cache_misses);
	assert_int_equal(warm->cache_misses, 0);
	assert_int_equal(warm->files_parsed, 0);
	for (j = 0; j < warm->nfiles; j++) {
		if (!strcmp(warm->files[j].path, f->files[pick].path))
			valid += warm->files[j].valid == 1;
		if (!strcmp(warm->files[j].path, path))
			invalid += warm->files[j].valid == 0;
	}
	assert_int_equal(valid, 1);
	assert_int_equal(invalid, 1);
	for (j = 0; j < bare->nfiles; j++)
		assert_int_equal(bare->files[j].valid, 0); /* no cache, no verdict */
	cs_findings_init(&fb);
	cs_findings_init(&fw);
	assert_int_equal(cs_check_opts_init(&o, warm, NULL, NULL, NULL), 0);
	assert_int_equal(cs_check_records(bare, &o, &fb), 0);
	assert_int_equal(cs_check_records(warm, &o, &fw), 0);
	assert_int_equal(fw.n, fb.n);
	for (j = 0, invalid = 0; j < fw.n; j++) {
		assert_string_equal(fw.v[j].rule, fb.v[j].rule);
		assert_string_equal(fw.v[j].message, fb.v[j].message);
		invalid += !strcmp(fw.v[j].rule, "schema.invalid") && !strcmp(fw.v[j].path, path);
	}
	assert_true(invalid > 0);
	cs_check_opts_free(&o);
	cs_findings_free(&fb);
	cs_findings_free(&fw);
	/* other schemas, another stamp: the verdicts of one do not serve the other */
	assert_int_equal(cs_schema_set_new(&set), 0);
	assert_int_equal(cs_schema_set_stamp(set), cs_schema_set_stamp(NULL));
	assert_int_equal(cs_schema_set_add(set, "consultation", "type: object\n", 13, "x"), 0);
	assert_true(cs_schema_set_stamp(set) != cs_schema_set_stamp(NULL));
	cs_schema_set_free(set);
	cs_snapshot_free(bare);
	cs_snapshot_free(cold);
	cs_snapshot_free(warm);
	cs_store_free(st);
	free(files);
}

static void bad_cache_is_read_around(void **state)
{
	struct fixture *f = *state;
	cs_day from = cs_date_from_ymd(2026, 8, 1), to = cs_date_from_ymd(2026, 10, 31);
	cs_snapshot *bare, *s;
	char *a, *b, rm[300];
	FILE *out;
	size_t folders;
	setenv("CS_CACHE", "0", 1);
	assert_int_equal(cs_snapshot_load_months(&bare, f->store, NULL, from, to), 0);
	unsetenv("CS_CACHE");
	assert_int_equal(cs_snapshot_load_months(&s, f->store, NULL, from, to), 0);
	folders = s->cache_hits + s->cache_misses;
	cs_snapshot_free(s);
	assert_true(cache_files(f) >= 2);
	/* one file damaged at its end, another overwritten by a third's
	 * (a foreign file: it names another folder), a fourth cut short */
	a = cache_file(f, 0);
	assert_non_null(out = fopen(a, "r+b"));
	assert_int_equal(fseek(out, -1, SEEK_END), 0);
	fputc('#', out);
	fclose(out);
	b = cache_file(f, 1);
	{
		char *c = cache_file(f, 2);
		copy_file(c, b);
		free(c);
	}
	assert_int_equal(cs_snapshot_load_months(&s, f->store, NULL, from, to), 0);
	assert_int_equal(s->cache_misses, 2);
	assert_int_equal(s->cache_hits, folders - 2);
	assert_same_files(bare, s);
	cs_snapshot_free(s);
	/* both rewritten */
	assert_int_equal(cs_snapshot_load_months(&s, f->store, NULL, from, to), 0);
	assert_int_equal(s->cache_misses, 0);
	cs_snapshot_free(s);
	/* deleted: read from the objects again */
	snprintf(rm, sizeof(rm), "rm -rf '%s/cs-cache'", f->dir);
	assert_int_equal(system(rm), 0);
	assert_int_equal(cs_snapshot_load_months(&s, f->store, NULL, from, to), 0);
	assert_int_equal(s->cache_misses, folders);
	assert_same_files(bare, s);
	cs_snapshot_free(s);
	cs_snapshot_free(bare);
	free(a);
	free(b);
}

/* A folder's new tree after one new file: the files of its earlier tree
 * that did not change (the same path and blob id) come from the cache of
 * that tree, only the new one is parsed, and the load is what the objects
 * give. */
static void new_tree_parses_only_its_new_file(void **state)
{
	struct fixture *f = *state;
	cs_day from = cs_date_from_ymd(2026, 10, 1), to = cs_date_from_ymd(2026, 10, 31);
	cs_file *files;
	cs_store *a, *b;
	cs_snapshot *s, *bare;
	char da[192], db[192], cmd[512], folder[160];
	const char *slash;
	size_t i, nf = 0, pick, in_folder = 0;
	for (i = 0; i < f->nfiles && !(strstr(f->files[i].path, "records/log/") &&
					strstr(f->files[i].path, "/2026/10/")); i++)
		;
	assert_true(i < f->nfiles);
	pick = i;
	slash = strrchr(f->files[pick].path, '/');
	snprintf(folder, sizeof(folder), "%.*s/", (int)(slash - f->files[pick].path + 1) - 1,
		 f->files[pick].path);
	for (i = 0; i < f->nfiles; i++)
		in_folder += !strncmp(f->files[i].path, folder, strlen(folder));
	assert_true(in_folder >= 2);
	/* store a: the folder without one of its files; b: with it */
	assert_non_null(files = calloc(f->nfiles + 1, sizeof(*files)));
	for (i = 0; i < f->nfiles; i++)
		if (i != pick)
			files[nf++] = f->files[i];
	snprintf(da, sizeof(da), "%s/earlier", f->root);
	snprintf(db, sizeof(db), "%s/later", f->root);
	assert_int_equal(cs_store_create(da, 1, files, nf, "earlier"), 0);
	assert_int_equal(cs_store_create(db, 1, f->files, f->nfiles, "later"), 0);
	assert_int_equal(cs_store_open(&a, da), 0);
	assert_int_equal(cs_store_open(&b, db), 0);
	assert_int_equal(cs_snapshot_load_months(&s, a, NULL, from, to), 0);
	assert_true(s->cache_misses >= 1);
	assert_int_equal(s->files_reused, 0);
	cs_snapshot_free(s);
	/* b's cache is a's: its folders' earlier trees */
	snprintf(cmd, sizeof(cmd), "cp -R '%s/cs-cache' '%s/cs-cache'", da, db);
	assert_int_equal(system(cmd), 0);
	setenv("CS_CACHE", "0", 1);
	assert_int_equal(cs_snapshot_load_months(&bare, b, NULL, from, to), 0);
	unsetenv("CS_CACHE");
	assert_int_equal(cs_snapshot_load_months(&s, b, NULL, from, to), 0);
	assert_int_equal(s->cache_misses, 1);
	assert_int_equal(s->files_parsed, 1);
	assert_int_equal(s->files_reused, in_folder - 1);
	assert_same_files(bare, s);
	cs_snapshot_free(s);
	/* and then b's own tree is in the cache */
	assert_int_equal(cs_snapshot_load_months(&s, b, NULL, from, to), 0);
	assert_int_equal(s->cache_misses, 0);
	assert_same_files(bare, s);
	cs_snapshot_free(s);
	cs_snapshot_free(bare);
	cs_store_free(a);
	cs_store_free(b);
	free(files);
}

/* A figures load that reads its folders from the objects holds their
 * entries as a load from the cache does, as facts (no record), once the
 * cache has them: the same entries, the same days and kinds. */
static size_t facts_held(const cs_snapshot *s)
{
	size_t i, n = 0;
	for (i = 0; i < s->nentries; i++)
		n += s->entries[i].rec == NULL;
	return n;
}

static void figures_read_from_the_objects_are_held_as_facts(void **state)
{
	struct fixture *f = *state;
	cs_day from = cs_date_from_ymd(2026, 8, 1), to = cs_date_from_ymd(2026, 10, 31);
	cs_snapshot *cold, *warm, *bare;
	size_t i;
	char rm[300];
	snprintf(rm, sizeof(rm), "rm -rf '%s/cs-cache'", f->dir);
	assert_int_equal(system(rm), 0);
	setenv("CS_CACHE", "0", 1);
	assert_int_equal(cs_snapshot_load_figures(&bare, f->store, NULL, from, to), 0);
	unsetenv("CS_CACHE");
	assert_int_equal(facts_held(bare), 0); /* no cache: every record whole */
	assert_int_equal(cs_snapshot_load_figures(&cold, f->store, NULL, from, to), 0);
	assert_int_equal(cold->cache_hits, 0);
	assert_true(cold->cache_misses > 0);
	assert_int_equal(cs_snapshot_load_figures(&warm, f->store, NULL, from, to), 0);
	assert_int_equal(warm->cache_misses, 0);
	assert_true(facts_held(cold) > 0);
	assert_int_equal(facts_held(cold), facts_held(warm));
	assert_int_equal(cold->nentries, bare->nentries);
	assert_int_equal(cold->nfiles, bare->nfiles);
	for (i = 0; i < cold->nentries; i++) {
		assert_int_equal(cold->entries[i].day, bare->entries[i].day);
		assert_int_equal(cold->entries[i].kind_ix, bare->entries[i].kind_ix);
		assert_string_equal(cold->entries[i].path, bare->entries[i].path);
		assert_string_equal(cold->entries[i].path, warm->entries[i].path);
	}
	cs_snapshot_free(cold);
	cs_snapshot_free(warm);
	cs_snapshot_free(bare);
}

static void packed_trees_come_back_whole(void **state)
{
	static const char doc[] = "a: 1\nb: [x, 'y', {c: ~}]\nd: |\n  两行\n  text\n";
	cs_node *n = NULL, *back = NULL;
	cs_buf b = CS_BUF_INIT;
	const char *p, *end;
	size_t cut;
	(void)state;
	assert_int_equal(cs_yaml_load(&n, doc, sizeof(doc) - 1, "t.yaml"), 0);
	assert_int_equal(cs_node_pack(n, &b), 0);
	p = b.ptr;
	end = b.ptr + b.len;
	assert_int_equal(cs_node_unpack(&p, end, &back), 0);
	assert_ptr_equal(p, end);
	assert_true(cs_node_equal(n, back));
	assert_int_equal(cs_node_get(back, "d")->line, cs_node_get(n, "d")->line);
	assert_int_equal(cs_node_get(back, "a")->plain, 1);
	cs_node_free(back);
	/* every cut is refused, none read past the end */
	for (cut = 0; cut < b.len; cut++) {
		p = b.ptr;
		back = (cs_node *)1;
		assert_int_equal(cs_node_unpack(&p, b.ptr + cut, &back), CS_EDATA);
		assert_null(back);
	}
	cs_node_free(n);
	cs_buf_free(&b);
}

/* An entry keeps its fields' lines in 16 bits: a field past line 65535
 * is cited at the record's first line, never at a wrong one. */
static void entry_field_lines_past_16_bits_fall_back_to_the_record(void **state)
{
	cs_entry e;
	(void)state;
	memset(&e, 0, sizeof(e));
	e.line = 3;
	cs_entry_set_line(&e, CS_EF_PLACE, 12);
	assert_int_equal(cs_entry_line(&e, CS_EF_PLACE), 12);
	cs_entry_set_line(&e, CS_EF_PLACE, 65535);
	assert_int_equal(cs_entry_line(&e, CS_EF_PLACE), 65535);
	cs_entry_set_line(&e, CS_EF_PLACE, 65536 + 12);
	assert_int_equal(cs_entry_line(&e, CS_EF_PLACE), 3);
	assert_int_equal(cs_entry_line(&e, CS_EF_SIGNED_AT), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entry_field_lines_past_16_bits_fall_back_to_the_record),
		cmocka_unit_test(whole_store_is_read_and_asked),
		cmocka_unit_test(months_read_only_their_entries),
		cmocka_unit_test(directory_only_has_no_entries),
		cmocka_unit_test(first_filed_is_the_day_of_the_first_commit),
		cmocka_unit_test(opts_are_the_callers),
		cmocka_unit_test(packed_trees_come_back_whole),
		cmocka_unit_test(cache_gives_what_the_objects_give),
		cmocka_unit_test(bad_cache_is_read_around),
		cmocka_unit_test(cache_keeps_the_schemas_verdict),
		cmocka_unit_test(new_tree_parses_only_its_new_file),
		cmocka_unit_test(figures_read_from_the_objects_are_held_as_facts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
