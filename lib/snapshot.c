/* Loading a revision of the store (its records, directory, pairings and
 * work log) and asking it: the snapshot every check and report judges. */
#include <dirent.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cache.h"
#include "check.h"
#include "directory.h"
#include "error.h"
#include "facts.h"
#include "pairing.h"
#include "params.h"
#include "record.h"
#include "snapshot_impl.h"
#include "utf8.h"
#include "yaml.h"

/* The room an array holding n things in room *cap must grow to before its
 * next, or 0 when it has it: 256, then a quarter more each time (a year's
 * entries, 72,000, are some 20 MB: doubling held up to twice that; glibc
 * moves a large block by remapping its pages, not by copying them). */
static size_t room_for(size_t n, size_t cap)
{
	if (n < cap)
		return 0;
	return cap < 256 ? 256 : cap + cap / 4;
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

long long cs_snapshot_param(const cs_snapshot *c, const char *name)
{
	return cs_param_get(c->config, name);
}

/* Loading */

/* Room for one more file. */
static int files_room(cs_snapshot *c)
{
	struct cs_file_rec *grown;
	size_t room;
	if ((room = room_for(c->nfiles, c->files_cap))) {
		if (!(grown = cs_realloc(c->files, room * sizeof(*grown))))
			return CS_ENOMEM;
		c->files = grown;
		c->files_cap = room;
	}
	return 0;
}

/* path (owned unless borrowed), rec and error (owned) as the next file read. */
static int push_file_as(cs_snapshot *c, char *path, int borrowed, cs_node *rec, char *error)
{
	if (files_room(c) < 0) {
		if (!borrowed)
			free(path);
		cs_node_free(rec);
		free(error);
		return CS_ENOMEM;
	}
	c->files[c->nfiles].path = path;
	c->files[c->nfiles].rec = rec;
	c->files[c->nfiles].error = error;
	c->files[c->nfiles].lazy = 0;
	c->files[c->nfiles].valid = 0;
	c->files[c->nfiles].private = 1;
	c->files[c->nfiles].borrowed = borrowed;
	c->nfiles++;
	return 0;
}

/* Take path, rec and error (owned) as the next file read. */
static int push_file(cs_snapshot *c, char *path, cs_node *rec, char *error)
{
	return push_file_as(c, path, 0, rec, error);
}

static int add_file(cs_snapshot *c, const char *path, const char *data, size_t len)
{
	cs_node *rec = NULL;
	char *why = NULL, *p;
	int error;
	if ((error = cs_yaml_load(&rec, data, len, path)) < 0) {
		/* a file that could not be read for want of memory is not a bad
		 * file: without it the records would be judged on part of the store */
		if (error == CS_ENOMEM)
			return error;
		rec = NULL;
		why = cs_strdup(cs_error_last());
		cs_error_clear();
	}
	if (!(p = cs_strdup(path))) {
		cs_node_free(rec);
		free(why);
		return CS_ENOMEM;
	}
	return push_file(c, p, rec, why);
}

/* --- the cache of parsed folders (lib/cache.c) ------------------------------
 * payload := count:varint (pathlen:varint path blob:20 size:varint body)*
 * body := state:u8 (node | len:varint why)?
 * blob: the file's blob id (zeros when not known), what a load of the
 * folder's next tree compares to reuse the file unchanged; size: the body's
 * bytes (so that such a load lists the files without unpacking them); state
 * 0: an empty file, 2: a file that did not parse (then why), or a record
 * (then node): 1, | 2 when it passed the schemas the cache file is stamped
 * with, | 4 when it holds a resident's number in free text
 * (cs_rule_privacy_hit). */
enum { STATE_EMPTY = 0, STATE_RECORD = 1, STATE_UNPARSED = 2, STATE_VALID = 2, STATE_PRIVATE = 4 };

/* The files after the first from but those skip marks (skip[i - from]; NULL:
 * none), appended to out; ids: their blob ids, 20 bytes each (NULL: none). */
static int pack_files(const cs_snapshot *c, size_t from, const unsigned char *skip,
		      const unsigned char *ids, cs_buf *out)
{
	static const char zeros[20];
	cs_buf body = CS_BUF_INIT;
	size_t i, count = 0;
	int error;
	for (i = from; i < c->nfiles; i++)
		count += !skip || !skip[i - from];
	if ((error = cs_varint_put(out, count)) < 0)
		return error;
	for (i = from; i < c->nfiles; i++) {
		const struct cs_file_rec *f = &c->files[i];
		size_t n = strlen(f->path);
		int state = f->rec ? STATE_RECORD | (f->valid ? STATE_VALID : 0) |
				     (f->private ? STATE_PRIVATE : 0)
				   : f->error ? STATE_UNPARSED : STATE_EMPTY;
		if (skip && skip[i - from])
			continue;
		cs_buf_clear(&body);
		if ((error = cs_buf_putc(&body, (char)state)) < 0 ||
		    ((state & STATE_RECORD) && (error = cs_node_pack(f->rec, &body)) < 0) ||
		    (state == STATE_UNPARSED && ((error = cs_varint_put(&body, strlen(f->error))) < 0 ||
						 (error = cs_buf_puts(&body, f->error)) < 0)))
			break;
		if ((error = cs_varint_put(out, n)) < 0 || (error = cs_buf_put(out, f->path, n)) < 0 ||
		    (error = cs_buf_put(out, ids ? (const char *)ids + 20 * (i - from) : zeros, 20)) < 0 ||
		    (error = cs_varint_put(out, body.len)) < 0 ||
		    (error = cs_buf_put(out, body.ptr, body.len)) < 0)
			break;
	}
	cs_buf_free(&body);
	return error < 0 ? error : 0;
}

static char *take_str(const char **p, const char *end)
{
	size_t n;
	char *s;
	if (cs_varint_get(p, end, &n) < 0 || n > (size_t)(end - *p) || memchr(*p, '\0', n) ||
	    !(s = cs_malloc(n + 1)))
		return NULL;
	memcpy(s, *p, n);
	s[n] = '\0';
	*p += n;
	return s;
}

/* The file packed at *p (moved past it) appended, with its blob id into id
 * when id is not NULL; CS_EDATA when [*p, end) does not begin with one,
 * nothing appended. */
static int unpack_file(cs_snapshot *c, const char **p, const char *end, int borrow,
		       unsigned char *id)
{
	char *path = take_str(p, end), *why = NULL;
	const char *body_end = NULL;
	cs_node *rec = NULL;
	size_t size;
	int state = -1, error = 0;
	if (path && end - *p > 20) {
		if (id)
			memcpy(id, *p, 20);
		*p += 20;
		if (cs_varint_get(p, end, &size) == 0 && size >= 1 && size <= (size_t)(end - *p)) {
			body_end = *p + size;
			state = *(*p)++;
		}
	}
	if (state >= 0 && (state & STATE_RECORD) && state < 8)
		error = borrow ? cs_node_unpack_borrowed(p, body_end, &rec)
			       : cs_node_unpack(p, body_end, &rec);
	else if (state == STATE_UNPARSED && !(why = take_str(p, body_end)))
		error = CS_EDATA;
	else if (state != STATE_EMPTY && state != STATE_UNPARSED)
		error = CS_EDATA;
	if (!error && *p != body_end)
		error = CS_EDATA;
	if (error < 0) {
		cs_node_free(rec);
		free(why);
		free(path);
		return error;
	}
	if ((error = push_file(c, path, rec, why)) == 0) {
		c->files[c->nfiles - 1].valid = rec && (state & STATE_VALID);
		c->files[c->nfiles - 1].private = rec && (state & STATE_PRIVATE);
	}
	return error;
}

/* The files packed in [p, end) appended, with borrow their records'
 * strings pointing into it (the caller then holds it as long as c:
 * hold_view); CS_EDATA when it does not hold them. */
static int unpack_files(cs_snapshot *c, const char *p, const char *end, int borrow)
{
	size_t n, i;
	int error = 0;
	if (cs_varint_get(&p, end, &n) < 0)
		return CS_EDATA;
	for (i = 0; i < n && !error; i++)
		error = unpack_file(c, &p, end, borrow, NULL);
	return error ? error : p == end ? 0 : CS_EDATA;
}

/* The schemas' verdict on the files read after the first n, and whether
 * each holds a resident's number in free text, kept with them in the cache:
 * a later check or report of an unchanged folder does not run the schemas
 * again on a record that passed them, and a figures load may leave out the
 * free text of one that holds no such number. */
static void judge_files(cs_snapshot *c, size_t n, const unsigned char *reused)
{
	const cs_schema_set *set = cs_store_schemas(c->store);
	size_t from = n;
	for (; n < c->nfiles; n++) {
		struct cs_file_rec *f = &c->files[n];
		if (reused && reused[n - from])
			continue; /* judged when it was first read, its verdicts kept */
		f->valid = f->rec && cs_record_validate(set, f->rec, f->path, NULL) == 0;
		cs_error_clear();
		f->private = !f->rec || cs_rule_privacy_hit(f->rec, f->path) != 0;
		cs_error_clear();
	}
}

/* Let go of the files read after the first n. */
static void drop_files(cs_snapshot *c, size_t n)
{
	while (c->nfiles > n) {
		struct cs_file_rec *f = &c->files[--c->nfiles];
		if (!f->borrowed)
			free(f->path);
		free(f->error);
		cs_node_free(f->rec);
	}
}

/* Let go of the cache payloads held after the first n (after the files
 * that point into them). */
static void drop_views_after(cs_snapshot *c, size_t n)
{
	while (c->narenas > n)
		cs_cache_view_free(&c->arenas[--c->narenas]);
}

static void drop_views(cs_snapshot *c)
{
	drop_views_after(c, 0);
	free(c->arenas);
	c->arenas = NULL;
}

int cs_snapshot_file_is_facts(const struct cs_file_rec *f)
{
	return f->borrowed && !f->rec && !f->error && !f->lazy;
}

static int load_folder(cs_snapshot *c, const char *dir);

/* 1 when want takes one of the files [i, j) held as facts. */
static int wanted(const cs_snapshot *c, size_t i, size_t j, cs_snapshot_want_fn want, void *ctx)
{
	for (; i < j; i++)
		if (cs_snapshot_file_is_facts(&c->files[i]) && want(ctx, c->files[i].path))
			return 1;
	return 0;
}

int cs_snapshot_facts_records(const cs_snapshot *c, cs_snapshot_want_fn want,
			      cs_snapshot_file_fn fn, void *ctx)
{
	cs_snapshot t; /* one folder's files, read again */
	cs_buf dir = CS_BUF_INIT;
	size_t i = 0, j, k;
	int error = 0;
	memset(&t, 0, sizeof(t));
	t.store = c->store;
	memcpy(t.rev, c->rev, sizeof(t.rev));
	while (i < c->nfiles && !error) {
		const char *path = c->files[i].path, *slash = strrchr(path, '/');
		size_t len;
		if (!cs_snapshot_file_is_facts(&c->files[i]) || !slash) {
			i++;
			continue;
		}
		/* the folder's files come together, in the order a load reads them */
		len = (size_t)(slash - path) + 1;
		for (j = i + 1; j < c->nfiles && !strncmp(c->files[j].path, path, len) &&
				!strchr(c->files[j].path + len, '/');
		     j++)
			;
		if (want && !wanted(c, i, j, want, ctx)) {
			i = j;
			continue;
		}
		cs_buf_clear(&dir);
		if ((error = cs_buf_put(&dir, path, len - 1)) < 0 ||
		    (error = load_folder(&t, cs_buf_cstr(&dir))) < 0)
			break;
		for (k = 0; i < j && !error; i++) {
			if (!cs_snapshot_file_is_facts(&c->files[i]) ||
			    (want && !want(ctx, c->files[i].path)))
				continue;
			while (k < t.nfiles && strcmp(t.files[k].path, c->files[i].path))
				k++;
			if (k == t.nfiles)
				/* the same tree: its files are the same */
				error = cs_error_set(CS_EDATA, "%s: not in its folder when read again",
						     c->files[i].path);
			else
				error = fn(ctx, &t.files[k++]);
		}
		drop_files(&t, 0);
		drop_views(&t);
	}
	drop_files(&t, 0);
	drop_views(&t);
	free(t.files);
	cs_buf_free(&dir);
	return error;
}

/* --- a figures load's cache of a folder (cs_snapshot_load_figures) ---------
 * payload := count:varint (path facts)* files
 * path: a string as facts.c writes one (with its NUL, so that the file's
 * path points into the payload); facts: an entry that passed its schemas and holds no resident's number, as
 * facts.c packs it (no record held); files: every other file of the folder,
 * as pack_files packs them. Kept beside the folder's files payload, under its
 * name with "#figures" after it. */

static int fill_entry(cs_entry *e, const char *path, cs_node *rec, const cs_kind *k);
static cs_entry *grow_entries(cs_snapshot *c);

/* 1 when a figures load holds f as its entry's facts only, filling e. */
static int facts_of(const struct cs_file_rec *f, cs_entry *e)
{
	const char *kind;
	const cs_kind *k;
	if (!f->rec || !f->valid || f->private || f->rec->type != CS_NODE_MAP ||
	    !(kind = cs_node_get_str(f->rec, "kind")) || !(k = cs_kind_find(kind)) ||
	    (k->family != CS_KIND_LOG && k->family != CS_KIND_MEETING))
		return 0;
	return fill_entry(e, f->path, f->rec, k) == 0;
}

/* The facts of the files after the first from that a figures load holds so,
 * then the other files as pack_files packs them: each file judged once. */
static int pack_figures(const cs_snapshot *c, size_t from, cs_buf *out)
{
	cs_buf facts = CS_BUF_INIT;
	unsigned char *held = cs_calloc(c->nfiles - from + 1, 1);
	size_t i, n = 0;
	cs_entry e;
	int error = held ? 0 : CS_ENOMEM;
	cs_buf_clear(out);
	for (i = from; i < c->nfiles && !error; i++) {
		const char *path = c->files[i].path;
		if (!(held[i - from] = (unsigned char)facts_of(&c->files[i], &e)))
			continue;
		n++;
		if ((error = cs_facts_put_str(&facts, path)) == 0)
			error = cs_facts_put(&facts, &e);
	}
	if (!error && (error = cs_varint_put(out, n)) == 0 &&
	    (error = cs_buf_put(out, facts.ptr ? facts.ptr : "", facts.len)) == 0)
		error = pack_files(c, from, held, NULL, out);
	free(held);
	cs_buf_free(&facts);
	return error;
}

/* How many cache files a snapshot holds mapped for its records at most:
 * CS_CACHE_MAPS, default 16384 (a quarter of the kernel's default
 * vm.max_map_count); past it a folder's records are copied from its file. */
static size_t views_held_max(void)
{
	const char *env = getenv("CS_CACHE_MAPS");
	char *end;
	unsigned long v;
	if (!env || !*env)
		return 16384;
	v = strtoul(env, &end, 10);
	return *end || env[0] == '-' ? 16384 : (size_t)v;
}

/* The payload v held as long as c (the facts and records read from it
 * point into it); v is empty after. */
static int hold_view(cs_snapshot *c, cs_cache_view *v)
{
	cs_cache_view *grown = cs_realloc(c->arenas, (c->narenas + 1) * sizeof(*grown));
	if (!grown)
		return CS_ENOMEM;
	c->arenas = grown;
	c->arenas[c->narenas++] = *v;
	*v = (cs_cache_view)CS_CACHE_VIEW_INIT;
	return 0;
}

/* The entries and files of a figures payload appended, the payload kept
 * (their strings point into it); CS_EDATA when it is not one, nothing added. */
static int unpack_figures(cs_snapshot *c, cs_cache_view *in)
{
	const char *p = in->ptr, *end = in->ptr + in->len;
	size_t n, i, files = c->nfiles, entries = c->nentries;
	int error = 0;
	if (cs_varint_get(&p, end, &n) < 0)
		return CS_EDATA;
	for (i = 0; i < n && !error; i++) {
		const char *path = NULL;
		cs_entry *e;
		if (cs_facts_get_str(&p, end, &path) < 0 || !path)
			error = CS_EDATA;
		else if (!(e = grow_entries(c)))
			error = CS_ENOMEM;
		else if ((error = cs_facts_get(&p, end, e)) == 0 &&
			 (error = push_file_as(c, (char *)path, 1, NULL, NULL)) == 0) {
			c->files[c->nfiles - 1].valid = 1;
			c->files[c->nfiles - 1].private = 0;
			e->path = path;
			c->nentries++;
		}
	}
	if (!error)
		error = unpack_files(c, p, end, 1);
	if (!error)
		error = hold_view(c, in);
	if (error) {
		c->nentries = entries;
		drop_files(c, files);
		return error;
	}
	return 0;
}

/* A month folder in a figures load: from its figures payload when the cache
 * holds this tree of it; else as load_folder reads it, the figures payload
 * then made from what was read. */
static int load_folder(cs_snapshot *c, const char *dir);

static int load_folder_figures(cs_snapshot *c, const char *dir)
{
	cs_buf key = CS_BUF_INIT, payload = CS_BUF_INIT;
	cs_cache_view kept = CS_CACHE_VIEW_INIT;
	size_t before = c->nfiles, views = c->narenas;
	char tree[41];
	int error;
	if ((error = cs_store_tree_id(c->store, c->rev, dir, tree)) < 0)
		return error == CS_ENOTFOUND ? (cs_error_clear(), 0) : error;
	if ((error = cs_buf_printf(&key, "%s#figures", dir)) < 0)
		return error;
	if (cs_cache_get(c->store, key.ptr, tree, &kept) == 0) {
		if ((error = unpack_figures(c, &kept)) == 0)
			c->cache_hits++;
		if (error != CS_EDATA)
			goto done;
	}
	if ((error = load_folder(c, dir)) == 0 && cs_store_cache_on(c->store) &&
	    pack_figures(c, before, &payload) == 0) {
		/* once kept, held as the next load will hold it, as its facts: a
		 * year read from the objects is not held as its records (a store
		 * that keeps no cache holds them: read again, they would be
		 * parsed again) */
		if (cs_cache_put(c->store, key.ptr, tree, &payload) < 0)
			goto done;
		cs_cache_view_own(&kept, &payload);
		if (!kept.ptr) {
			error = CS_ENOMEM;
			goto done;
		}
		drop_files(c, before);
		drop_views_after(c, views); /* the records' payload, if they came from one */
		if ((error = unpack_figures(c, &kept)) < 0 && error != CS_ENOMEM)
			error = load_folder(c, dir); /* not one after all: the records */
	}
done:
	cs_cache_view_free(&kept);
	cs_buf_free(&key);
	cs_buf_free(&payload);
	return error;
}

/* A folder's new tree read (load_folder): its files whose path and blob id
 * the cache's payload of its earlier tree holds, taken from there with their
 * verdicts; the others read from the objects and judged. */
struct earlier_file {
	const char *path, *at;  /* in the earlier payload: its path (not NUL-ended), its entry */
	size_t len;
	const unsigned char *id;
};

struct reread {
	cs_snapshot *c;
	const char *end;             /* of the earlier payload */
	struct earlier_file *v;      /* sorted by path */
	size_t n;
	cs_buf ids;                  /* each file's blob id, in the order read */
	cs_buf reused;               /* 1 for each file taken from the earlier payload */
};

static int by_earlier_path(const void *a, const void *b)
{
	const struct earlier_file *x = a, *y = b;
	int d = memcmp(x->path, y->path, x->len < y->len ? x->len : y->len);
	return d ? d : (x->len > y->len) - (x->len < y->len);
}

/* The files of the earlier payload [p, end), listed into r (one that does
 * not parse lists nothing: it is no help). */
static void list_earlier(struct reread *r, const char *p, const char *end)
{
	size_t n, i, len, size;
	if (cs_varint_get(&p, end, &n) < 0 || n > (size_t)(end - p) ||
	    !(r->v = cs_calloc(n + 1, sizeof(*r->v))))
		return;
	for (i = 0; i < n; i++) {
		struct earlier_file *f = &r->v[i];
		const char *q;
		f->at = p;
		if (cs_varint_get(&p, end, &len) < 0 || len > (size_t)(end - p) ||
		    (size_t)(end - p) - len <= 20)
			break;
		f->path = p;
		f->len = len;
		f->id = (const unsigned char *)p + len;
		q = p + len + 20;
		if (cs_varint_get(&q, end, &size) < 0 || size > (size_t)(end - q))
			break;
		p = q + size;
	}
	if (i < n) {
		free(r->v);
		r->v = NULL;
		return;
	}
	r->n = n;
	r->end = end;
	qsort(r->v, n, sizeof(*r->v), by_earlier_path);
}

static int reread_want(void *ctx, const char *path, const unsigned char *id)
{
	struct reread *r = ctx;
	struct earlier_file key, *hit;
	const char *p;
	int error;
	if ((error = cs_buf_put(&r->ids, (const char *)id, 20)) < 0)
		return error;
	key.path = path;
	key.len = strlen(path);
	hit = r->n ? bsearch(&key, r->v, r->n, sizeof(*r->v), by_earlier_path) : NULL;
	if (!hit || memcmp(hit->id, id, 20))
		return cs_buf_putc(&r->reused, 0);
	p = hit->at;
	if ((error = unpack_file(r->c, &p, r->end, 0, NULL)) == CS_EDATA)
		return cs_buf_putc(&r->reused, 0); /* read from the objects, then */
	if (error < 0)
		return error;
	if ((error = cs_buf_putc(&r->reused, 1)) < 0)
		return error;
	r->c->files_reused++;
	return 1;
}

static int reread_add(void *ctx, const char *path, const char *data, size_t len)
{
	struct reread *r = ctx;
	r->c->files_parsed++;
	return add_file(r->c, path, data, len);
}

/* One month folder of a community's work log: from the cache when it holds
 * this tree of it, else from the objects, what did not change since the
 * tree the cache holds taken from there (and then into the cache). */
static int load_folder(cs_snapshot *c, const char *dir)
{
	cs_buf payload = CS_BUF_INIT;
	cs_cache_view kept = CS_CACHE_VIEW_INIT, earlier = CS_CACHE_VIEW_INIT;
	struct reread r;
	size_t before = c->nfiles;
	char tree[41];
	int error;
	if ((error = cs_store_tree_id(c->store, c->rev, dir, tree)) < 0)
		return error == CS_ENOTFOUND ? (cs_error_clear(), 0) : error;
	if (cs_cache_get(c->store, dir, tree, &kept) == 0) {
		/* its records point into the file, held, while the mappings held
		 * stay well below the kernel's limit (vm.max_map_count, 65530 by
		 * default); past that they are copied and it is let go */
		int borrow = c->narenas < views_held_max();
		if ((error = unpack_files(c, kept.ptr, kept.ptr + kept.len, borrow)) == 0 &&
		    (!borrow || (error = hold_view(c, &kept)) == 0)) {
			c->cache_hits++;
			goto done;
		}
		drop_files(c, before);
		if (error != CS_EDATA)
			goto done;
	}
	c->cache_misses++;
	memset(&r, 0, sizeof(r));
	r.c = c;
	cs_buf_init(&r.ids);
	cs_buf_init(&r.reused);
	if (cs_cache_get_earlier(c->store, dir, &earlier) == 0)
		list_earlier(&r, earlier.ptr, earlier.ptr + earlier.len);
	if ((error = cs_store_walk_ids(c->store, c->rev, dir, reread_want, reread_add, &r)) < 0)
		goto cleanup;
	if (cs_store_cache_on(c->store) && r.ids.len == 20 * (c->nfiles - before) &&
	    r.reused.len == c->nfiles - before) {
		judge_files(c, before, (const unsigned char *)r.reused.ptr);
		cs_buf_clear(&payload);
		if (pack_files(c, before, NULL, (const unsigned char *)r.ids.ptr, &payload) == 0)
			cs_cache_put(c->store, dir, tree, &payload);
	}
cleanup:
	free(r.v);
	cs_buf_free(&r.ids);
	cs_buf_free(&r.reused);
done:
	cs_buf_free(&payload);
	cs_cache_view_free(&kept);
	cs_cache_view_free(&earlier);
	return error;
}

/* A filed report or assessment: its path only. */
static int add_lazy(cs_snapshot *c, const char *path)
{
	if (files_room(c) < 0)
		return CS_ENOMEM;
	memset(&c->files[c->nfiles], 0, sizeof(c->files[0]));
	if (!(c->files[c->nfiles].path = cs_strdup(path)))
		return CS_ENOMEM;
	c->files[c->nfiles++].lazy = 1;
	return 0;
}

struct names {
	cs_snapshot *c;
	const char *dir;
	int depth;
};

static int name_add(void *ctx, const char *name, int is_dir)
{
	struct names *n = ctx, sub = *n;
	cs_buf path = CS_BUF_INIT;
	int error;
	if ((error = cs_buf_printf(&path, "%s/%s", n->dir, name)) < 0)
		return error;
	if (is_dir && n->depth < 4) {
		sub.dir = cs_buf_cstr(&path);
		sub.depth++;
		error = cs_store_names(n->c->store, n->c->rev, sub.dir, name_add, &sub);
	} else if (!is_dir) {
		error = add_lazy(n->c, cs_buf_cstr(&path));
	}
	cs_buf_free(&path);
	return error;
}

/* Every file under dir by name, without reading one. */
static int list_lazy(cs_snapshot *c, const char *dir)
{
	struct names n = { c, dir, 0 };
	return cs_store_names(c->store, c->rev, dir, name_add, &n);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under root/rel, in path order. */
static int month_of(const char *path);
static int note_folder(cs_snapshot *c, const char *path, int month);

/* 1 for records/log/<community>/<YYYY>/<MM>, a month folder of the log. */
static int log_month_folder(const char *path)
{
	size_t slashes = 0;
	const char *p;
	if (strncmp(path, "records/log/", 12))
		return 0;
	for (p = path; *p; p++)
		slashes += *p == '/';
	return slashes == 4 && month_of(path) >= 0;
}

static int fs_walk(cs_snapshot *c, const char *root, const char *rel)
{
	cs_buf full = CS_BUF_INIT, child = CS_BUF_INIT, data = CS_BUF_INIT;
	DIR *d = NULL;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, i;
	struct stat st;
	int error = 0;
	cs_buf_printf(&full, "%s%s", root, rel);
	if (!(d = opendir(cs_buf_cstr(&full))))
		goto cleanup;
	while ((e = readdir(d))) {
		char **grown;
		if (e->d_name[0] == '.')
			continue;
		if (!(grown = cs_realloc(names, (n + 1) * sizeof(*names)))) {
			error = CS_ENOMEM;
			goto cleanup;
		}
		names = grown;
		names[n++] = cs_strdup(e->d_name);
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_path);
	for (i = 0; i < n && !error; i++) {
		cs_buf_clear(&child);
		cs_buf_printf(&child, "%s/%s", rel, names[i]);
		cs_buf_clear(&full);
		cs_buf_printf(&full, "%s%s", root, cs_buf_cstr(&child));
		if (lstat(cs_buf_cstr(&full), &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode) && c->window && log_month_folder(cs_buf_cstr(&child))) {
			/* read later, in its month (cs_snapshot_each_month) */
			error = note_folder(c, cs_buf_cstr(&child), month_of(cs_buf_cstr(&child)));
		} else if (S_ISDIR(st.st_mode)) {
			error = fs_walk(c, root, cs_buf_cstr(&child));
		} else if (S_ISREG(st.st_mode)) {
			cs_buf_clear(&data);
			if ((error = cs_buf_read_file(&data, cs_buf_cstr(&full), 0)) < 0)
				break;
			error = add_file(c, cs_buf_cstr(&child), data.ptr, data.len);
		}
	}
cleanup:
	if (d)
		closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	cs_buf_free(&full);
	cs_buf_free(&child);
	cs_buf_free(&data);
	return error;
}

static int push(cs_node ***v, size_t *n, cs_node *rec)
{
	cs_node **grown = cs_realloc(*v, (*n + 1) * sizeof(**v));
	if (!grown)
		return CS_ENOMEM;
	*v = grown;
	(*v)[(*n)++] = rec;
	return 0;
}

static int cmp_slug(const void *a, const void *b)
{
	return cmp_str(cs_node_get_str(*(cs_node *const *)a, "id"),
		       cs_node_get_str(*(cs_node *const *)b, "id"));
}

static int sort_entry_ptrs(const void *va, const void *vb)
{
	const cs_entry *a = *(const cs_entry *const *)va, *b = *(const cs_entry *const *)vb;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return strcmp(a->path, b->path);
}

const char *const cs_entry_fields_read[CS_EF_COUNT] = {
	"place", "received_at", "accepted_at", "signed_by", "signed_at", "opposing_type",
	"opposing", "item", "meeting_type", "result", "late_reason", "recorded_at", "score"
};

/* The keys fill_entry reads besides cs_entry_fields_read, after them. */
enum { K_KIND = CS_EF_COUNT, K_ID, K_DATE, K_START, K_END, K_LAWYER, K_COMMUNITY, K_VOIDED_AT,
       K_ATTENDEES, K_TARGET, K_TYPICAL, K_COUNT };
static const char *const entry_keys[K_COUNT - CS_EF_COUNT] = {
	"kind", "id", "date", "start", "end", "lawyer", "community", "voided_at", "attendees",
	"target", "typical"
};

/* Which of those key is (-1: none): by its first byte, then in full. */
static int entry_key(const char *key)
{
	enum { PER_BYTE = 8 }; /* keys that share a first byte: 4 begin with 's' */
	static signed char first[256][PER_BYTE];
	static int ready;
	int i, j;
	if (!ready) {
		memset(first, -1, sizeof(first));
		for (i = 0; i < K_COUNT; i++) {
			const char *k = i < CS_EF_COUNT ? cs_entry_fields_read[i] : entry_keys[i - CS_EF_COUNT];
			for (j = 0; j < PER_BYTE - 1 && first[(unsigned char)k[0]][j] >= 0; j++)
				;
			first[(unsigned char)k[0]][j] = (signed char)i;
		}
		ready = 1;
	}
	for (j = 0; j < PER_BYTE && (i = first[(unsigned char)key[0]][j]) >= 0; j++)
		if (!strcmp(key, i < CS_EF_COUNT ? cs_entry_fields_read[i] : entry_keys[i - CS_EF_COUNT]))
			return i;
	return -1;
}

/* A scalar's string, NULL for anything else or a null. */
static const char *scalar_str(const cs_node *v)
{
	return v && v->type == CS_NODE_SCALAR && cs_node_scalar_kind(v) != CS_SCALAR_NULL ? v->str
											     : NULL;
}

/* A log entry or meeting, as the rules see it, into e: 0, or 1 when its date
 * is not one (it is not an entry then). Its keys are read in one pass, each
 * the first time it comes (as cs_node_get finds it). */
static int fill_entry(cs_entry *e, const char *path, cs_node *rec, const cs_kind *k)
{
	const cs_node *at[K_COUNT] = { NULL };
	const char *date, *st, *en;
	size_t i;
	int key;
	memset(e, 0, sizeof(*e));
	for (i = 0; rec->type == CS_NODE_MAP && i < rec->count; i++)
		if ((key = entry_key(rec->pairs[i].key)) >= 0 && !at[key])
			at[key] = rec->pairs[i].value;
	date = scalar_str(at[K_DATE]);
	if (!date || cs_date_parse(date, &e->day) < 0) {
		cs_error_clear();
		return 1;
	}
	st = scalar_str(at[K_START]);
	en = scalar_str(at[K_END]);
	e->path = path;
	e->rec = rec;
	e->kind = scalar_str(at[K_KIND]);
	e->id = scalar_str(at[K_ID]);
	e->lawyer = scalar_str(at[K_LAWYER]);
	e->community = scalar_str(at[K_COMMUNITY]);
	if (!st || cs_hhmm_parse(st, &e->start) < 0)
		e->start = -1;
	if (!en || cs_hhmm_parse(en, &e->end) < 0)
		e->end = -1;
	e->is_void = at[K_VOIDED_AT] != NULL;
	e->service = !!k->service;
	e->kind_ix = (int)(k - cs_kinds());
	if (!at[K_ATTENDEES] || cs_node_int(at[K_ATTENDEES], &e->attendees) < 0)
		e->attendees = -1;
	e->has_target = at[K_TARGET] != NULL;
	e->typical = cs_node_true(at[K_TYPICAL]) != 0;
	e->line = rec->line;
	for (i = 0; i < CS_EF_COUNT; i++) {
		e->field[i] = scalar_str(at[i]);
		cs_entry_set_line(e, (int)i, at[i] ? at[i]->line : 0);
	}
	e->has_score = at[CS_EF_SCORE] && cs_node_int(at[CS_EF_SCORE], &e->score) == 0;
	cs_error_clear();
	return 0;
}

/* Room for one more entry: its slot, or NULL. */
static cs_entry *grow_entries(cs_snapshot *c)
{
	cs_entry *grown;
	size_t room;
	if ((room = room_for(c->nentries, c->entries_cap))) {
		if (!(grown = cs_realloc(c->entries, room * sizeof(*grown))))
			return NULL;
		c->entries = grown;
		c->entries_cap = room;
	}
	return &c->entries[c->nentries];
}

/* clean: the cache judged rec to hold no resident's number (art15.privacy
 * need not scan it again). */
static int add_entry(cs_snapshot *c, const char *path, cs_node *rec, const cs_kind *k, int clean)
{
	cs_entry *e = grow_entries(c);
	if (!e)
		return CS_ENOMEM;
	if (fill_entry(e, path, rec, k) == 0) {
		e->clean = clean != 0;
		c->nentries++;
	}
	return 0;
}

/* The entries in the order of their paths, when they come in a few runs
 * each in that order and each after or before the others whole (a load
 * reads folder by folder: the work log's, the meetings'...): a new array,
 * or NULL (not so, or out of memory). */
static const cs_entry **in_path_order(const cs_snapshot *c)
{
	enum { MAX_RUNS = 64 };
	struct run { size_t from, to; } run[MAX_RUNS], t;
	size_t n = 1, i, j, k = 0;
	const cs_entry **v;
	run[0].from = 0;
	for (i = 1; i < c->nentries; i++) {
		if (strcmp(c->entries[i - 1].path, c->entries[i].path) < 0)
			continue;
		if (n == MAX_RUNS)
			return NULL;
		run[n - 1].to = i;
		run[n++].from = i;
	}
	run[n - 1].to = c->nentries;
	/* the runs by their first paths (few: insertion), then each must end
	 * before the next begins */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(c->entries[run[j - 1].from].path,
					   c->entries[run[j].from].path) > 0; j--) {
			t = run[j];
			run[j] = run[j - 1];
			run[j - 1] = t;
		}
	if (!(v = cs_malloc(c->nentries * sizeof(*v))))
		return NULL;
	for (i = 0; i < n; i++) {
		if (k && strcmp(v[k - 1]->path, c->entries[run[i].from].path) >= 0) {
			free(v);
			return NULL;
		}
		for (j = run[i].from; j < run[i].to; j++)
			v[k++] = &c->entries[j];
	}
	return v;
}

/* The entries of in in order of start (-1 first) into out, keeping their
 * order otherwise: 0, or -1 when a start is out of a day's range. */
static int count_by_start(size_t n, const cs_entry **in, const cs_entry **out)
{
	size_t at[24 * 60 + 3] = { 0 }, i;
	for (i = 0; i < n; i++) {
		int st = in[i]->start;
		if (st < -1 || st > 24 * 60)
			return -1;
		at[st + 2]++;
	}
	for (i = 1; i < sizeof(at) / sizeof(*at); i++)
		at[i] += at[i - 1];
	for (i = 0; i < n; i++)
		out[at[in[i]->start + 1]++] = in[i];
	return 0;
}

/* v: the entries in order (day, start, path). When they can be had in the
 * order of their paths (in_path_order): counted by start, then by day, each
 * count keeping the order it is given (no comparison). Otherwise counted
 * into their days, then each day sorted (a year's entries share 365 days: a
 * sort of each day's is half the comparisons of one sort of all). */
static void sort_by_day(cs_snapshot *c, const cs_entry **v)
{
	cs_day lo = c->entries[0].day, hi = lo;
	const cs_entry **paths = NULL, **tmp = NULL;
	size_t i, *at, span;
	for (i = 1; i < c->nentries; i++) {
		if (c->entries[i].day < lo)
			lo = c->entries[i].day;
		if (c->entries[i].day > hi)
			hi = c->entries[i].day;
	}
	span = (size_t)((long long)hi - lo) + 1;
	if (span > 4 * c->nentries || !(at = cs_calloc(span + 1, sizeof(*at)))) {
		for (i = 0; i < c->nentries; i++)
			v[i] = &c->entries[i];
		qsort(v, c->nentries, sizeof(*v), sort_entry_ptrs);
		return;
	}
	if ((paths = in_path_order(c)) && (!(tmp = cs_malloc(c->nentries * sizeof(*tmp))) ||
					   count_by_start(c->nentries, paths, tmp) < 0)) {
		free(tmp);
		tmp = NULL;
	}
	free(paths);
	for (i = 0; i < c->nentries; i++)
		at[c->entries[i].day - lo + 1]++;
	for (i = 1; i <= span; i++)
		at[i] += at[i - 1];
	if (tmp) {
		for (i = 0; i < c->nentries; i++)
			v[at[tmp[i]->day - lo]++] = tmp[i];
		free(tmp);
		free(at);
		return;
	}
	for (i = 0; i < c->nentries; i++)
		v[at[c->entries[i].day - lo]++] = &c->entries[i];
	/* at[d] is now where day d + 1 begins */
	for (i = 0; i < span; i++) {
		size_t from = i ? at[i - 1] : 0;
		if (at[i] - from > 1)
			qsort(v + from, at[i] - from, sizeof(*v), sort_entry_ptrs);
	}
	free(at);
}

/* Each request's days (cs_entry.received_day, accepted_day, deadline). */
static void request_days(cs_snapshot *c)
{
	int ix = cs_kind_index("request"), n;
	size_t i;
	if (!c->cal)
		return;
	n = (int)cs_snapshot_param(c, "accept_working_days");
	for (i = 0; i < c->nentries; i++) {
		cs_entry *e = &c->entries[i];
		const char *r = e->field[CS_EF_RECEIVED_AT], *a = e->field[CS_EF_ACCEPTED_AT];
		cs_time t;
		if (e->kind_ix != ix)
			continue;
		e->received_day = r && cs_datetime_parse(r, &t) == 0 ? t.day : e->day;
		if ((e->accepted = a && cs_datetime_parse(a, &t) == 0))
			e->accepted_day = t.day;
		e->deadline_error = cs_calendar_nth_workday_after(c->cal, e->received_day, n,
								  &e->deadline);
		if (e->deadline_error > 0)
			e->deadline_error = 0;
		cs_error_clear();
	}
}

/* Each entry's office (its community's; the entries come folder by folder,
 * so the last community's is asked first) and its lawyer's and community's
 * slugs as the directory holds them, then the entries sorted by day,
 * start and path: through pointers, an entry being some 300 bytes, then
 * moved into place. */
static int order_entries(cs_snapshot *c)
{
	const char *last = NULL, *office = NULL, *slug = NULL, *lawyer = NULL, *known = NULL;
	const cs_entry **v;
	long cix = -1, lix = -1;
	size_t i;
	for (i = 0; i < c->nentries; i++) {
		cs_entry *e = &c->entries[i];
		if (!last || !e->community || strcmp(last, e->community)) {
			const cs_node *cm;
			cix = cs_snapshot_find_ix(c, "community", e->community);
			cm = cix >= 0 ? c->communities[cix] : NULL;
			office = cm ? cs_node_get_str(cm, "office") : NULL;
			slug = cix >= 0 ? c->community_ids[cix] : e->community;
			last = e->community;
		}
		if (e->lawyer && (!lawyer || strcmp(lawyer, e->lawyer))) {
			lix = cs_snapshot_find_ix(c, "lawyer", e->lawyer);
			known = lix >= 0 ? c->lawyer_ids[lix] : e->lawyer;
			lawyer = e->lawyer;
		}
		e->office = office;
		e->community_ix = e->community ? (int)cix : -1;
		e->lawyer_ix = e->lawyer ? (int)lix : -1;
		/* the directory's own strings (equal to these: found by them, or the
		 * last entry's, compared above): the same slug, the same pointer */
		if (e->community)
			e->community = slug;
		if (e->lawyer)
			e->lawyer = known;
	}
	request_days(c);
	if (c->nentries < 2)
		return 0;
	if (!(v = cs_malloc(c->nentries * sizeof(*v))))
		return CS_ENOMEM;
	sort_by_day(c, v);
	/* v[i] is the entry that goes to place i: follow each cycle, one copy held */
	for (i = 0; i < c->nentries; i++) {
		cs_entry held;
		size_t at = i, from;
		if (v[i] == &c->entries[i] || !v[i])
			continue;
		held = c->entries[i];
		while ((from = (size_t)(v[at] - c->entries)) != i) {
			c->entries[at] = c->entries[from];
			v[at] = NULL;
			at = from;
		}
		c->entries[at] = held;
		v[at] = NULL;
	}
	free(v);
	return 0;
}

/* A view sorted by slug, and its slugs in that order into *ids. */
static int sorted_ids(cs_node **v, size_t n, const char ***ids)
{
	size_t i;
	if (v)
		qsort(v, n, sizeof(*v), cmp_slug);
	if (!(*ids = cs_calloc(n + 1, sizeof(**ids))))
		return CS_ENOMEM;
	for (i = 0; i < n; i++) {
		const char *id = cs_node_get_str(v[i], "id");
		(*ids)[i] = id ? id : "";
	}
	return 0;
}

static int index_files(cs_snapshot *c)
{
	size_t i;
	int error = 0;
	for (i = 0; i < c->nfiles && !error; i++) {
		const char *path = c->files[i].path;
		cs_node *rec = c->files[i].rec;
		const char *kind;
		const cs_kind *k;
		if (!strncmp(path, "records/reports/", 16)) {
			const char **grown = cs_realloc(c->report_paths,
							(c->nreports + 1) * sizeof(*grown));
			if (!grown)
				return CS_ENOMEM;
			c->report_paths = grown;
			c->report_paths[c->nreports++] = path;
			continue;
		}
		if (!rec || rec->type != CS_NODE_MAP || !(kind = cs_node_get_str(rec, "kind")) ||
		    !(k = cs_kind_find(kind)))
			continue;
		if (!strcmp(kind, "office") && !strncmp(path, "records/offices/", 16))
			error = push(&c->offices, &c->noffices, rec);
		else if (!strcmp(kind, "firm") && !strncmp(path, "records/firms/", 14))
			error = push(&c->firms, &c->nfirms, rec);
		else if (!strcmp(kind, "lawyer") && !strncmp(path, "records/lawyers/", 16))
			error = push(&c->lawyers, &c->nlawyers, rec);
		else if (!strcmp(kind, "community") && !strncmp(path, "records/communities/", 20))
			error = push(&c->communities, &c->ncommunities, rec);
		else if (!strcmp(kind, "assignment"))
			error = push(&c->assignments, &c->nassignments, rec);
		else if (!strcmp(kind, "change"))
			error = push(&c->changes, &c->nchanges, rec);
		else if (!strcmp(kind, "key") && !strncmp(path, "records/keys/", 13))
			error = push(&c->keys, &c->nkeys, rec);
		else if (k->family == CS_KIND_LOG || k->family == CS_KIND_MEETING)
			error = add_entry(c, path, rec, k, !c->files[i].private);
	}
	if (!error && ((error = sorted_ids(c->offices, c->noffices, &c->office_ids)) < 0 ||
		       (error = sorted_ids(c->firms, c->nfirms, &c->firm_ids)) < 0 ||
		       (error = sorted_ids(c->lawyers, c->nlawyers, &c->lawyer_ids)) < 0 ||
		       (error = sorted_ids(c->communities, c->ncommunities, &c->community_ids)) < 0 ||
		       (error = sorted_ids(c->keys, c->nkeys, &c->key_ids)) < 0))
		return error;
	if (!error)
		error = order_entries(c);
	return error;
}

static void views(const cs_snapshot *c, const char *kind, cs_node ***v, size_t *n)
{
	*v = NULL;
	*n = 0;
	if (!strcmp(kind, "office")) *v = c->offices, *n = c->noffices;
	else if (!strcmp(kind, "firm")) *v = c->firms, *n = c->nfirms;
	else if (!strcmp(kind, "lawyer")) *v = c->lawyers, *n = c->nlawyers;
	else if (!strcmp(kind, "community")) *v = c->communities, *n = c->ncommunities;
	else if (!strcmp(kind, "key")) *v = c->keys, *n = c->nkeys;
	else if (!strcmp(kind, "assignment")) *v = c->assignments, *n = c->nassignments;
	else if (!strcmp(kind, "change")) *v = c->changes, *n = c->nchanges;
}

/* "wang-li (王丽), zhao (赵强), ..." of the first few entries. */
static void valid_list(cs_node **v, size_t n, cs_buf *out)
{
	size_t i;
	for (i = 0; i < n && i < 8; i++)
		cs_buf_printf(out, "%s%s (%s)", i ? ", " : "", cs_node_get_str(v[i], "id"),
			      cs_node_get_str(v[i], "name") ? cs_node_get_str(v[i], "name") : "");
	if (n > 8)
		cs_buf_puts(out, ", ...");
	if (!n)
		cs_buf_puts(out, "-");
}

/* The kind's noun in the user's language (a message's argument is not
 * translated with its format). */
#define N_(s) s
static const char *noun(const char *kind)
{
	static const char *const nouns[] = {
		N_("office"), N_("firm"), N_("lawyer"), N_("community"), N_("key"), NULL
	};
	size_t i;
	for (i = 0; nouns[i]; i++)
		if (!strcmp(nouns[i], kind))
			return dgettext("cs", nouns[i]);
	return kind;
}

int cs_snapshot_resolve(const cs_snapshot *c, const char *kind, const char *word, const char **slug)
{
	cs_node **v;
	const char **words = NULL, *near;
	cs_buf list = CS_BUF_INIT;
	size_t n, i, hits = 0;
	int error;
	views(c, kind, &v, &n);
	*slug = NULL;
	if (cs_slug_valid(word) && cs_snapshot_find(c, kind, word)) {
		*slug = cs_node_get_str(cs_snapshot_find(c, kind, word), "id");
		return 0;
	}
	for (i = 0; i < n; i++)
		if (!cmp_str(cs_node_get_str(v[i], "name"), word)) {
			if (!hits++)
				*slug = cs_node_get_str(v[i], "id");
			cs_buf_printf(&list, "%s%s", hits > 1 ? ", " : "", cs_node_get_str(v[i], "id"));
		}
	if (hits == 1) {
		cs_buf_free(&list);
		return 0;
	}
	if (hits > 1) {
		error = cs_error_set(CS_EUSAGE, "'%s' is the name of more than one %s (%s): give the slug",
				     word, noun(kind), cs_buf_cstr(&list));
		*slug = NULL;
		goto cleanup;
	}
	if (!(words = cs_calloc(2 * n + 1, sizeof(*words)))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		words[2 * i] = cs_node_get_str(v[i], "id");
		words[2 * i + 1] = cs_node_get_str(v[i], "name") ? cs_node_get_str(v[i], "name") : "";
	}
	near = cs_utf8_nearest(word, words);
	for (i = 0; near && i < 2 * n; i++)
		if (words[i] == near)
			near = words[i & ~(size_t)1];
	valid_list(v, n, &list);
	if (near && cs_slug_valid(word))
		error = cs_error_set(CS_ENOTFOUND, "no such %s '%s'; did you mean '%s'?", noun(kind),
				     word, near);
	else if (cs_slug_valid(word))
		error = cs_error_set(CS_ENOTFOUND, "no such %s '%s' (known: %s)", noun(kind), word,
				     cs_buf_cstr(&list));
	else if (near)
		error = cs_error_set(CS_EUSAGE, "'%s' is not the slug or name of a %s; did you mean '%s'?",
				     word, noun(kind), near);
	else
		error = cs_error_set(CS_EUSAGE, "'%s' is not the slug or name of a %s (known: %s)", word,
				     noun(kind), cs_buf_cstr(&list));
cleanup:
	free(words);
	cs_buf_free(&list);
	return error;
}

const cs_node *cs_snapshot_key(const cs_snapshot *c, const char *name)
{
	size_t i;
	if (!name)
		return NULL;
	for (i = 0; i < c->nkeys; i++)
		if (!cmp_str(cs_node_get_str(c->keys[i], "name"), name) ||
		    !cmp_str(cs_node_get_str(c->keys[i], "id"), name))
			return c->keys[i];
	return NULL;
}

int cs_snapshot_exists(const cs_snapshot *c, const char *path)
{
	cs_buf full = CS_BUF_INIT;
	struct stat st;
	int found;
	if (!c->worktree)
		return cs_store_exists(c->store, c->rev, path);
	found = cs_buf_printf(&full, "%s%s", cs_store_path(c->store), path) == 0 &&
		lstat(cs_buf_cstr(&full), &st) == 0;
	cs_buf_free(&full);
	return found;
}

long cs_snapshot_find_ix(const cs_snapshot *c, const char *kind, const char *slug)
{
	const char **ids = NULL;
	size_t n = 0, lo = 0, hi;
	if (!slug)
		return -1;
	if (!strcmp(kind, "office")) ids = c->office_ids, n = c->noffices;
	else if (!strcmp(kind, "firm")) ids = c->firm_ids, n = c->nfirms;
	else if (!strcmp(kind, "lawyer")) ids = c->lawyer_ids, n = c->nlawyers;
	else if (!strcmp(kind, "community")) ids = c->community_ids, n = c->ncommunities;
	else if (!strcmp(kind, "key")) ids = c->key_ids, n = c->nkeys;
	if (!ids)
		return -1;
	for (hi = n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;
		int d = strcmp(slug, ids[mid]);
		if (!d)
			return (long)mid;
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

const cs_node *cs_snapshot_find(const cs_snapshot *c, const char *kind, const char *slug)
{
	cs_node **v;
	size_t n;
	long ix = cs_snapshot_find_ix(c, kind, slug);
	if (ix < 0)
		return NULL;
	views(c, kind, &v, &n);
	return v[ix];
}

/* The month (y * 12 + m - 1) of a month folder's path, records/log/<c>/
 * <YYYY>/<MM>, or -1 when its last two names are not a year and a month. */
static int month_of(const char *path)
{
	const char *p = strrchr(path, '/');
	int y, m;
	if (!p || p - path < 5 || strlen(p) != 3 || p[-5] != '/' ||
	    strspn(p - 4, "0123456789") != 4 || strspn(p + 1, "0123456789") != 2)
		return -1;
	y = atoi(p - 4);
	m = atoi(p + 1);
	return m >= 1 && m <= 12 ? y * 12 + m - 1 : -1;
}

/* A month folder of a window load noted, to be read in its month. */
static int note_folder(cs_snapshot *c, const char *path, int month)
{
	struct cs_month_folder *f;
	size_t cap = room_for(c->nfolders, c->folders_cap);
	if (cap) {
		struct cs_month_folder *grown = cs_realloc(c->folders, cap * sizeof(*grown));
		if (!grown)
			return CS_ENOMEM;
		c->folders = grown;
		c->folders_cap = cap;
	}
	f = &c->folders[c->nfolders];
	if (!(f->path = cs_strdup(path)))
		return CS_ENOMEM;
	f->month = month;
	c->nfolders++;
	return 0;
}

static int by_month_then_path(const void *a, const void *b)
{
	const struct cs_month_folder *x = a, *y = b;
	return x->month != y->month ? (x->month < y->month ? -1 : 1) : strcmp(x->path, y->path);
}

/* The whole work log, month folder by month folder (records/log/<community>/
 * <YYYY>/<MM>, each through the cache); a file elsewhere in it is read as it is. */
struct log_walk {
	cs_snapshot *c;
	const char *dir;
	int depth;           /* 0: communities, 1: years, 2: months */
};

static int log_add(void *ctx, const char *name, int is_dir)
{
	struct log_walk *w = ctx, sub = *w;
	cs_buf path = CS_BUF_INIT, data = CS_BUF_INIT;
	int error;
	if ((error = cs_buf_printf(&path, "%s/%s", w->dir, name)) < 0)
		return error;
	if (!is_dir) {
		if ((error = cs_store_read_blob(w->c->store, w->c->rev, path.ptr, &data)) == 0)
			error = add_file(w->c, path.ptr, data.ptr, data.len);
	} else if (w->depth == 2 && w->c->window && month_of(path.ptr) >= 0) {
		error = note_folder(w->c, path.ptr, month_of(path.ptr)); /* read later, in its month */
	} else if (w->depth == 2) {
		error = w->c->figures ? load_folder_figures(w->c, path.ptr) : load_folder(w->c, path.ptr);
	} else {
		sub.dir = path.ptr;
		sub.depth++;
		error = cs_store_names(w->c->store, w->c->rev, sub.dir, log_add, &sub);
	}
	cs_buf_free(&path);
	cs_buf_free(&data);
	return error;
}

/* A directory (or file) right under records/, in a load of everything. */
static int top_add(void *ctx, const char *name, int is_dir)
{
	cs_snapshot *c = ctx;
	cs_buf path = CS_BUF_INIT, data = CS_BUF_INIT;
	int error;
	if ((error = cs_buf_printf(&path, "records/%s", name)) < 0)
		return error;
	if (!is_dir) {
		if ((error = cs_store_read_blob(c->store, c->rev, cs_buf_cstr(&path), &data)) == 0)
			error = add_file(c, cs_buf_cstr(&path), data.ptr, data.len);
	} else if (!strcmp(name, "reports") || !strcmp(name, "assessments")) {
		error = list_lazy(c, cs_buf_cstr(&path));
	} else if (!strcmp(name, "log")) {
		struct log_walk w = { c, cs_buf_cstr(&path), 0 };
		error = cs_store_names(c->store, c->rev, w.dir, log_add, &w);
	} else {
		error = load_folder(c, cs_buf_cstr(&path)); /* through the cache */
	}
	cs_buf_free(&path);
	cs_buf_free(&data);
	return error;
}

/* The slug of a community's file records/communities/SLUG.yaml (its length
 * into *len, not NUL-ended), or NULL for another path: whose month folders a
 * load reads. */
static const char *community_slug(const char *path, size_t *len)
{
	size_t n;
	if (strncmp(path, "records/communities/", 20))
		return NULL;
	path += 20;
	n = strlen(path);
	if (n <= 5 || strcmp(path + n - 5, ".yaml"))
		return NULL;
	*len = n - 5;
	return path;
}

/* Every record, or, with a month range, all but the work log outside it. */
static int walk_records(cs_snapshot *c)
{
	static const char *const dirs[] = {
		"records/offices", "records/firms", "records/lawyers", "records/communities",
		"records/assignments", "records/changes", "records/keys", "records/meetings",
		"records/reports", "records/assessments", NULL
	};
	cs_buf dir = CS_BUF_INIT;
	size_t i, n;
	int error = 0, y, m, d;
	if (!c->log_to)
		return cs_store_names(c->store, c->rev, "records", top_add, c);
	for (i = 0; dirs[i] && !error; i++) {
		if (c->directory_only && !strcmp(dirs[i], "records/meetings"))
			break;
		if (!strcmp(dirs[i], "records/reports") || !strcmp(dirs[i], "records/assessments"))
			error = list_lazy(c, dirs[i]);
		else
			error = load_folder(c, dirs[i]); /* through the cache, as the log's */
	}
	if (c->directory_only)
		return error;
	n = c->nfiles;
	for (i = 0; i < n && !error; i++) {
		const char *slug;
		size_t len;
		if (!(slug = community_slug(c->files[i].path, &len)))
			continue;
		cs_date_to_ymd(c->log_from, &y, &m, &d);
		while (!error && cs_date_from_ymd(y, m, 1) <= c->log_to) {
			cs_buf_clear(&dir);
			cs_buf_printf(&dir, "records/log/%.*s/%04d/%02d", (int)len, slug, y, m);
			if (c->window) /* read later, one month at a time */
				error = note_folder(c, cs_buf_cstr(&dir), y * 12 + m - 1);
			else
				error = c->figures ? load_folder_figures(c, cs_buf_cstr(&dir))
						   : load_folder(c, cs_buf_cstr(&dir));
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	cs_buf_free(&dir);
	return error;
}

/* What part of the work log a load reads, and how. */
typedef struct {
	cs_day from, to;     /* to 0: all of it */
	int directory_only;
	int figures;         /* a figures load: entries from the cache as their facts */
	int window;          /* the log a month at a time (cs_snapshot_each_month) */
} log_range;

static int load(cs_snapshot *c, cs_store *s, const char *rev, int worktree,
		const log_range *range);

static int load_new(cs_snapshot **out, cs_store *s, const char *rev, int worktree,
		    const log_range *range)
{
	cs_snapshot *c;
	int error;
	*out = NULL;
	if (!(c = cs_calloc(1, sizeof(*c))))
		return CS_ENOMEM;
	if ((error = load(c, s, rev, worktree, range)) < 0) {
		cs_snapshot_free(c);
		return error;
	}
	*out = c;
	return 0;
}

int cs_snapshot_load_months(cs_snapshot **out, cs_store *s, const char *rev, cs_day from,
			    cs_day to)
{
	log_range r = { from, to, 0, 0, 0 };
	return load_new(out, s, rev, 0, &r);
}

int cs_snapshot_load_figures(cs_snapshot **out, cs_store *s, const char *rev, cs_day from,
			     cs_day to)
{
	log_range r = { from, to, 0, 1, 0 };
	return load_new(out, s, rev, 0, &r);
}

int cs_snapshot_load_window(cs_snapshot **out, cs_store *s, const char *rev, cs_day from,
			    cs_day to)
{
	log_range r = { from, to, 0, 1, 1 };
	return load_new(out, s, rev, 0, &r);
}

int cs_snapshot_load_directory(cs_snapshot **out, cs_store *s, const char *rev)
{
	log_range r = { 1, 1, 1, 0, 0 };
	return load_new(out, s, rev, 0, &r);
}

int cs_snapshot_load_all_window(cs_snapshot **out, cs_store *s, const char *rev, int worktree)
{
	log_range r = { 0, 0, 0, 1, 1 }; /* to 0: all of the log */
	return load_new(out, s, rev, worktree, &r);
}

int cs_snapshot_load(cs_snapshot **out, cs_store *s, const char *rev, int worktree)
{
	return load_new(out, s, rev, worktree, NULL);
}

/* cs.yaml holds what every rule and report reads: a key its schema does not
 * know (a misspelt rule) or a value of the wrong type would otherwise fall
 * back to a default in silence. */
static int config_check(cs_snapshot *c, const char *name)
{
	return cs_record_validate_as(cs_store_schemas(c->store), c->config, "config", name);
}

/* A window load's month folders in their order; a window of the whole log
 * spans the months of its folders and of the entries read with the
 * directory (the meetings, a file of the log outside a month folder). */
static int window_months(cs_snapshot *c)
{
	cs_day from = 0, to = 0;
	int first, last;
	if (c->nfolders > 1)
		qsort(c->folders, c->nfolders, sizeof(*c->folders), by_month_then_path);
	if (c->log_to)
		return 0;
	if (c->nfolders) {
		first = c->folders[0].month;
		last = c->folders[c->nfolders - 1].month;
		from = cs_date_from_ymd(first / 12, first % 12 + 1, 1);
		to = cs_date_from_ymd(last / 12, last % 12 + 1,
				      cs_date_days_in_month(last / 12, last % 12 + 1));
	}
	if (c->nentries && (!c->nfolders || c->entries[0].day < from))
		from = c->entries[0].day;
	if (c->nentries && (!c->nfolders || c->entries[c->nentries - 1].day > to))
		to = c->entries[c->nentries - 1].day;
	c->log_from = from;
	c->log_to = to;
	return 0;
}

static int load(cs_snapshot *c, cs_store *s, const char *rev, int worktree,
		const log_range *range)
{
	size_t i;
	int error;
	cs_time now;
	c->store = s;
	c->worktree = worktree;
	if (range) {
		c->log_from = range->from;
		c->log_to = range->to;
		c->directory_only = range->directory_only;
		c->figures = range->figures;
		c->window = range->window;
	}
	if ((error = cs_now(&now)) < 0)
		return error;
	c->now = now;
	if (worktree) {
		const char *root = cs_store_path(s);
		if (cs_store_is_bare(s))
			return cs_error_set(CS_EUSAGE, "--worktree needs a store with a working tree");
		if ((error = fs_walk(c, root, "records")) < 0)
			return error;
		{
			cs_buf cfg = CS_BUF_INIT;
			cs_buf_printf(&cfg, "%scs.yaml", root);
			if (cs_yaml_load_file(&c->config, cs_buf_cstr(&cfg)) < 0) {
				c->config = NULL;
				cs_error_clear();
			} else {
				error = config_check(c, cs_buf_cstr(&cfg));
			}
			cs_buf_free(&cfg);
			if (error < 0)
				return error;
		}
		if ((error = cs_calendar_new(&c->cal)) < 0)
			return error;
	} else {
		if ((error = cs_store_resolve(s, rev, c->rev)) < 0)
			return error;
		if ((error = walk_records(c)) < 0)
			return error;
		if ((error = cs_store_read_record(s, c->rev, "cs.yaml", &c->config)) < 0 ||
		    (error = config_check(c, "cs.yaml")) < 0)
			return error;
		if ((error = cs_calendar_load(&c->cal, s, c->rev)) < 0)
			return error;
	}
	if (worktree) {
		/* the calendar of the worktree: files under calendar/ */
		cs_buf dir = CS_BUF_INIT;
		size_t before = c->nfiles;
		cs_buf_printf(&dir, "%s", cs_store_path(s));
		error = fs_walk(c, cs_buf_cstr(&dir), "calendar");
		cs_buf_free(&dir);
		if (error < 0)
			return error;
		for (i = before; i < c->nfiles; i++)
			if (c->files[i].rec && cs_calendar_add(c->cal, c->files[i].rec,
							       c->files[i].path) < 0)
				cs_error_clear();
	}
	if ((error = index_files(c)) < 0)
		return error;
	return c->window ? window_months(c) : 0;
}

void cs_snapshot_free(cs_snapshot *c)
{
	size_t i;
	if (!c)
		return;
	drop_files(c, 0);
	drop_views(c);
	free(c->files);
	free(c->offices);
	free(c->firms);
	free(c->lawyers);
	free(c->communities);
	free(c->assignments);
	free(c->changes);
	free(c->keys);
	free(c->office_ids);
	free(c->firm_ids);
	free(c->lawyer_ids);
	free(c->community_ids);
	free(c->key_ids);
	free(c->entries);
	free(c->report_paths);
	for (i = 0; i < c->nfiled; i++)
		free(c->filed[i].path);
	free(c->filed);
	cs_node_free(c->config);
	cs_calendar_free(c->cal);
	for (i = 0; i < c->nkept; i++)
		free(c->kept[i]);
	free(c->kept);
	for (i = 0; i < c->nfolders; i++)
		free(c->folders[i].path);
	free(c->folders);
	free(c);
}

/* --- a window load's months (cs_snapshot_each_month) ------------------------ */

/* The entries of w's work-log files held as records (those held as facts
 * are entries already), as index_files makes them. */
static int index_window(cs_snapshot *w)
{
	size_t i;
	int error = 0;
	for (i = 0; i < w->nfiles && !error; i++) {
		const struct cs_file_rec *f = &w->files[i];
		const char *kind;
		const cs_kind *k;
		if (!f->rec || f->rec->type != CS_NODE_MAP ||
		    !(kind = cs_node_get_str(f->rec, "kind")) || !(k = cs_kind_find(kind)))
			continue;
		if (k->family == CS_KIND_LOG || k->family == CS_KIND_MEETING)
			error = add_entry(w, f->path, f->rec, k, !f->private);
	}
	return error;
}

/* The index of the first of the n entries v (sorted by day) on or after day. */
static size_t first_on_or_after(const cs_entry *v, size_t n, cs_day day)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Month y-m of c's window into w (a snapshot sharing c's directory): its
 * folders (c->folders from *next on), then c's own entries of its days (the
 * meetings; among the first sorted of c->entries, which are in order, with
 * entries kept), sorted. */
static int load_month(cs_snapshot *c, size_t sorted, cs_snapshot *w, int y, int m, size_t *next)
{
	cs_day from = cs_date_from_ymd(y, m, 1), to = cs_date_from_ymd(y, m, cs_date_days_in_month(y, m));
	int month = y * 12 + m - 1, error = 0;
	size_t i;
	for (; *next < c->nfolders && c->folders[*next].month < month; ++*next)
		;
	for (; !error && *next < c->nfolders && c->folders[*next].month == month; ++*next)
		error = c->worktree ? fs_walk(w, cs_store_path(c->store), c->folders[*next].path)
				    : load_folder_figures(w, c->folders[*next].path);
	if (!error)
		error = index_window(w);
	for (i = first_on_or_after(c->entries, sorted, from);
	     !error && i < sorted && c->entries[i].day <= to; i++) {
		cs_entry *e;
		if (c->entries[i].kept)
			continue;
		if (!(e = grow_entries(w)))
			return CS_ENOMEM;
		*e = c->entries[i];
		e->shared = 1;
		w->nentries++;
	}
	return error ? error : order_entries(w);
}

/* A copy of e (an entry of a month of c's) that outlives its month, with
 * the fields named (CS_KEEP_FIELD): its strings copied into c's blocks, but
 * the directory's, which it shares; no record. */
#define CS_KEPT_BLOCK ((size_t)64 << 10)
static int keep_entry(cs_snapshot *c, const cs_entry *e, unsigned fields, cs_entry *copy)
{
	const char **own[2 + 2 + CS_EF_COUNT];
	size_t n = 0, i, total = 0;
	char *block, *at, **grown;
	*copy = *e;
	copy->rec = NULL;
	copy->clean = 1;
	copy->kept = 1;
	copy->kind = cs_kinds()[e->kind_ix].name;
	own[n++] = &copy->path;
	if (copy->id)
		own[n++] = &copy->id;
	if (copy->lawyer && !(e->lawyer_ix >= 0 && e->lawyer == c->lawyer_ids[e->lawyer_ix]))
		own[n++] = &copy->lawyer;
	if (copy->community &&
	    !(e->community_ix >= 0 && e->community == c->community_ids[e->community_ix]))
		own[n++] = &copy->community;
	for (i = 0; i < CS_EF_COUNT; i++)
		if (!(fields & CS_KEEP_FIELD(i)))
			copy->field[i] = NULL;
		else if (copy->field[i])
			own[n++] = &copy->field[i];
	for (i = 0; i < n; i++)
		total += strlen(*own[i]) + 1;
	if (total > c->kept_room) { /* a new block: the strings of a few hundred entries */
		size_t size = total > CS_KEPT_BLOCK ? total : CS_KEPT_BLOCK;
		if (!(grown = cs_realloc(c->kept, (c->nkept + 1) * sizeof(*grown))))
			return CS_ENOMEM;
		c->kept = grown;
		if (!(block = cs_malloc(size)))
			return CS_ENOMEM;
		c->kept[c->nkept++] = c->kept_at = block;
		c->kept_room = size;
	}
	at = c->kept_at;
	c->kept_at += total;
	c->kept_room -= total;
	for (i = 0; i < n; i++) {
		size_t len = strlen(*own[i]) + 1;
		memcpy(at, *own[i], len);
		*own[i] = at;
		at += len;
	}
	return 0;
}

/* w, month y-m of c's window before it is read: c's directory, calendar and
 * settings shared, nothing of its own yet (no file, entry, cache view,
 * count, validity or filing walk). */
static void month_window(const cs_snapshot *c, cs_snapshot *w, int y, int m)
{
	*w = *c;
	w->files = NULL;
	w->nfiles = w->files_cap = 0;
	w->entries = NULL;
	w->nentries = w->entries_cap = 0;
	w->arenas = NULL;
	w->narenas = 0;
	w->kept = NULL;
	w->nkept = 0;
	w->kept_at = NULL;
	w->kept_room = 0;
	w->folders = NULL;
	w->nfolders = w->folders_cap = 0;
	w->window = 0;
	w->window_files = 0;
	w->valid_from = w->valid_to = 0; /* its own files are yet to be found valid */
	w->cache_hits = w->cache_misses = w->files_reused = w->files_parsed = 0;
	w->filed = NULL; /* when reports were filed: its own, if it is asked */
	w->nfiled = 0;
	w->filed_walked = 0;
	w->log_from = cs_date_from_ymd(y, m, 1);
	w->log_to = cs_date_from_ymd(y, m, cs_date_days_in_month(y, m));
}

/* How many days before a year the entries kept for it must begin: the
 * week whose Thursday is its first (a week is judged in the year of its
 * Thursday) begins three days before it. */
#define CS_KEPT_DAYS 7

/* The year y of a window's kept entries judged (cs_snapshot_each_month),
 * then those of days before the next year's first week let go (not after
 * the last year). */
static int judge_year(cs_snapshot *c, cs_snapshot_year_fn year, void *ctx, int y, int first,
		      int last, size_t *sorted)
{
	cs_day keep_from = cs_date_from_ymd(y + 1, 1, 1) - CS_KEPT_DAYS;
	size_t i, j;
	int error;
	if ((error = order_entries(c)) < 0)
		return error;
	*sorted = c->nentries;
	if ((error = year(ctx, c, y, first, last)) < 0 || last)
		return error;
	for (i = j = 0; i < c->nentries; i++)
		if (!c->entries[i].kept || c->entries[i].day >= keep_from)
			c->entries[j++] = c->entries[i];
	c->nentries = *sorted = j; /* their strings stay in c->kept until c goes */
	return 0;
}

int cs_snapshot_each_month(cs_snapshot *c, cs_snapshot_keep_fn keep,
			   cs_snapshot_month_fn fn, cs_snapshot_year_fn year, void *ctx)
{
	size_t own = c->nentries, sorted = c->nentries, i, next = 0;
	int y, m, d, first_year, error = 0;
	if (!c->window)
		return cs_error_set(CS_ESOFTWARE, "cs_snapshot_each_month: not a window load");
	cs_date_to_ymd(c->log_from, &y, &m, &d);
	first_year = y;
	while (!error && c->log_to && cs_date_from_ymd(y, m, 1) <= c->log_to) {
		cs_snapshot w;
		month_window(c, &w, y, m);
		if ((error = load_month(c, sorted, &w, y, m, &next)) == 0)
			error = fn(ctx, &w);
		for (i = 0; !error && keep && i < w.nentries; i++) {
			/* its own entries (c holds those copied in) */
			cs_entry *e;
			unsigned fields;
			if (w.entries[i].shared || !(fields = keep(&w.entries[i])))
				continue;
			if (!(e = grow_entries(c)))
				error = CS_ENOMEM;
			else if ((error = keep_entry(c, &w.entries[i], fields, e)) == 0)
				c->nentries++; /* after the sorted ones, in month order */
		}
		c->window_files += w.nfiles;
		c->cache_hits += w.cache_hits;
		c->cache_misses += w.cache_misses;
		c->files_reused += w.files_reused;
		c->files_parsed += w.files_parsed;
		drop_files(&w, 0);
		free(w.files);
		free(w.entries);
		drop_views(&w);
		for (i = 0; i < w.nfiled; i++)
			free(w.filed[i].path);
		free(w.filed);
		/* a January read: the year before it is judged */
		if (!error && year && m == 1 && y > first_year)
			error = judge_year(c, year, ctx, y - 1, y - 1 == first_year, 0, &sorted);
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	if (m == 1) /* past a December: its year is the last read */
		y--;
	if (!error && year)
		error = judge_year(c, year, ctx, y, y == first_year || !c->log_to, 1, &sorted);
	else if (!error && c->nentries > own)
		error = order_entries(c);
	c->window = 0; /* once only: its months are read */
	return error;
}

size_t cs_snapshot_entries_from(const cs_snapshot *c, cs_day day)
{
	return first_on_or_after(c->entries, c->nentries, day);
}

int cs_snapshot_paired(const cs_snapshot *c, const char *lawyer, const char *office, cs_day from,
		       cs_day to)
{
	size_t i;
	for (i = 0; i < c->nassignments; i++) {
		const cs_node *a = c->assignments[i], *cm;
		if ((lawyer && cmp_str(cs_node_get_str(a, "lawyer"), lawyer)) ||
		    !cs_pairing_overlaps(a, from, to))
			continue;
		if (!office)
			return 1;
		cm = cs_snapshot_find(c, "community", cs_node_get_str(a, "community"));
		if (cm && !cmp_str(cs_node_get_str(cm, "office"), office))
			return 1;
	}
	return 0;
}

int cs_snapshot_lawyer_paired(const cs_snapshot *c, const char *lawyer, cs_day from, cs_day to)
{
	return cs_snapshot_paired(c, lawyer ? lawyer : "", NULL, from, to);
}

int cs_snapshot_office_paired(const cs_snapshot *c, const char *office, cs_day from, cs_day to)
{
	return office && cs_snapshot_paired(c, NULL, office, from, to);
}

/* --- asking it --------------------------------------------------------------- */

const char *cs_snapshot_rev(const cs_snapshot *c)
{
	return c->rev;
}

int cs_snapshot_worktree(const cs_snapshot *c)
{
	return c->worktree;
}

size_t cs_snapshot_nfiles(const cs_snapshot *c)
{
	return c->nfiles + c->window_files;
}

cs_time cs_snapshot_now(const cs_snapshot *c)
{
	return c->now;
}

size_t cs_snapshot_count(const cs_snapshot *c, const char *kind)
{
	cs_node **v;
	size_t n;
	views(c, kind, &v, &n);
	return n;
}

const cs_node *cs_snapshot_record(const cs_snapshot *c, const char *kind, size_t i)
{
	cs_node **v;
	size_t n;
	views(c, kind, &v, &n);
	return i < n ? v[i] : NULL;
}

/* When each report was first filed: one walk of the history per snapshot. */
static int note_filed(void *ctx, const char *path, long long time, int offset)
{
	cs_snapshot *c = ctx;
	struct cs_filed *grown, *f;
	long long local = time + (long long)offset * 60;
	size_t i;
	for (i = 0; i < c->nfiled; i++)
		if (!strcmp(c->filed[i].path, path))
			return 0; /* added again after a removal: the first filing counts */
	if (!(grown = cs_realloc(c->filed, (c->nfiled + 1) * sizeof(*grown))))
		return CS_ENOMEM;
	c->filed = grown;
	f = &grown[c->nfiled];
	if (!(f->path = cs_strdup(path)))
		return CS_ENOMEM;
	f->day = (cs_day)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
	c->nfiled++;
	return 0;
}

int cs_snapshot_first_filed(cs_snapshot *c, const char *path, cs_day *day)
{
	size_t i;
	int error;
	if (!c->filed_walked) {
		c->filed_walked = 1;
		if ((error = cs_store_first_added(c->store, c->rev, "records/reports", note_filed, c)) < 0)
			return error;
	}
	for (i = 0; i < c->nfiled; i++)
		if (!strcmp(c->filed[i].path, path)) {
			*day = c->filed[i].day;
			return 1;
		}
	return 0;
}
