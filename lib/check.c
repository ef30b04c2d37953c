#include <dirent.h>
#include <libintl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "directory.h"
#include "error.h"
#include "params.h"
#include "record.h"
#include "utf8.h"
#include "validate.h"
#include "yaml.h"

void cs_findings_init(cs_findings *f)
{
	memset(f, 0, sizeof(*f));
}

void cs_finding_release(cs_finding *x)
{
	free(x->path);
	free(x->rule);
	free(x->message);
	free(x->record);
	free(x->lawyer);
	free(x->community);
	free(x->period);
	free(x->commit);
	memset(x, 0, sizeof(*x));
}

void cs_findings_free(cs_findings *f)
{
	size_t i;
	for (i = 0; i < f->n; i++)
		cs_finding_release(&f->v[i]);
	free(f->v);
	cs_findings_init(f);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_finding(const void *va, const void *vb)
{
	const cs_finding *a = va, *b = vb;
	int d;
	if ((d = strcmp(a->path, b->path)))
		return d;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((d = strcmp(a->rule, b->rule)))
		return d;
	if ((d = cmp_str(a->period, b->period)))
		return d;
	return strcmp(a->message, b->message);
}

void cs_findings_sort(cs_findings *f)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof(*f->v), cmp_finding);
}

static char *dup_or_null(const char *s)
{
	return s ? cs_strdup(s) : NULL;
}

int cs_finding_add(cs_findings *f, const char *path, size_t line, int severity,
		   const char *rule, const char *record, const char *lawyer,
		   const char *community, const char *period, const char *fmt, ...)
{
	cs_buf msg = CS_BUF_INIT;
	cs_finding *x;
	va_list ap;
	int error;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 32;
		cs_finding *v = cs_realloc(f->v, cap * sizeof(*v));
		if (!v)
			return CS_ENOMEM;
		f->v = v;
		f->cap = cap;
	}
	/* the message in the user's language (po/ has the findings' formats) */
	va_start(ap, fmt);
	error = cs_buf_vprintf(&msg, dgettext("cs", fmt), ap);
	va_end(ap);
	if (error < 0)
		return error;
	x = &f->v[f->n++];
	x->path = cs_strdup(path);
	x->line = line;
	x->severity = severity;
	x->rule = cs_strdup(rule);
	x->message = cs_buf_detach(&msg);
	x->record = dup_or_null(record);
	x->lawyer = dup_or_null(lawyer);
	x->community = dup_or_null(community);
	x->period = dup_or_null(period);
	x->commit = NULL;
	return 0;
}

int cs_period_parse(const char *s, cs_day *from, cs_day *to)
{
	int y, n;
	char c;
	size_t len = strlen(s);
	if (len == 4 && sscanf(s, "%4d", &y) == 1 && y > 0) {
		*from = cs_date_from_ymd(y, 1, 1);
		*to = cs_date_from_ymd(y, 12, 31);
		return 0;
	}
	if (len == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'H') &&
	    sscanf(s, "%4d-%c%d", &y, &c, &n) == 3) {
		if (c == 'Q' && n >= 1 && n <= 4) {
			*from = cs_date_from_ymd(y, 3 * n - 2, 1);
			*to = cs_date_from_ymd(y, 3 * n, cs_date_days_in_month(y, 3 * n));
			return 0;
		}
		if (c == 'H' && n >= 1 && n <= 2) {
			*from = cs_date_from_ymd(y, 6 * n - 5, 1);
			*to = cs_date_from_ymd(y, 6 * n, cs_date_days_in_month(y, 6 * n));
			return 0;
		}
	}
	if (len == 7 && cs_month_parse(s, &y, &n) == 0) {
		*from = cs_date_from_ymd(y, n, 1);
		*to = cs_date_from_ymd(y, n, cs_date_days_in_month(y, n));
		return 0;
	}
	return cs_error_set(CS_EUSAGE, "'%s' is not a period (YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY)", s);
}

long long cs_check_param(const cs_check *c, const char *name)
{
	return cs_param_get(c->config, name);
}

/* Loading */

static int add_file(cs_check *c, const char *path, const char *data, size_t len)
{
	struct cs_file_rec *grown;
	cs_node *rec = NULL;
	if (c->nfiles % 256 == 0) {
		if (!(grown = cs_realloc(c->files, (c->nfiles + 256) * sizeof(*grown))))
			return CS_ENOMEM;
		c->files = grown;
	}
	c->files[c->nfiles].error = NULL;
	c->files[c->nfiles].lazy = 0;
	if (cs_yaml_load(&rec, data, len, path) < 0) {
		rec = NULL;
		c->files[c->nfiles].error = cs_strdup(cs_error_last());
		cs_error_clear();
	}
	c->files[c->nfiles].path = cs_strdup(path);
	c->files[c->nfiles].rec = rec;
	c->nfiles++;
	return 0;
}

static int walk_add(void *ctx, const char *path, const char *data, size_t len)
{
	return add_file(ctx, path, data, len);
}

/* A filed report or assessment: its path only. */
static int add_lazy(cs_check *c, const char *path)
{
	struct cs_file_rec *grown;
	if (c->nfiles % 256 == 0) {
		if (!(grown = cs_realloc(c->files, (c->nfiles + 256) * sizeof(*grown))))
			return CS_ENOMEM;
		c->files = grown;
	}
	memset(&c->files[c->nfiles], 0, sizeof(c->files[0]));
	if (!(c->files[c->nfiles].path = cs_strdup(path)))
		return CS_ENOMEM;
	c->files[c->nfiles++].lazy = 1;
	return 0;
}

struct names {
	cs_check *c;
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
static int list_lazy(cs_check *c, const char *dir)
{
	struct names n = { c, dir, 0 };
	return cs_store_names(c->store, c->rev, dir, name_add, &n);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under root/rel, in path order. */
static int fs_walk(cs_check *c, const char *root, const char *rel)
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
	qsort(names, n, sizeof(*names), cmp_path);
	for (i = 0; i < n && !error; i++) {
		cs_buf_clear(&child);
		cs_buf_printf(&child, "%s/%s", rel, names[i]);
		cs_buf_clear(&full);
		cs_buf_printf(&full, "%s%s", root, cs_buf_cstr(&child));
		if (lstat(cs_buf_cstr(&full), &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
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

static int sort_entries(const void *va, const void *vb)
{
	const cs_entry *a = va, *b = vb;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return strcmp(a->path, b->path);
}

static int index_files(cs_check *c)
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
		else if (k->family == CS_KIND_LOG || k->family == CS_KIND_MEETING) {
			cs_entry *e, *grown;
			const char *date = cs_node_get_str(rec, "date");
			const char *st = cs_node_get_str(rec, "start");
			const char *en = cs_node_get_str(rec, "end");
			cs_day day;
			if (!date || cs_date_parse(date, &day) < 0) {
				cs_error_clear();
				continue;
			}
			if (c->nentries % 256 == 0) {
				if (!(grown = cs_realloc(c->entries, (c->nentries + 256) * sizeof(*grown))))
					return CS_ENOMEM;
				c->entries = grown;
			}
			e = &c->entries[c->nentries++];
			e->path = path;
			e->rec = rec;
			e->kind = kind;
			e->id = cs_node_get_str(rec, "id");
			e->lawyer = cs_node_get_str(rec, "lawyer");
			e->community = cs_node_get_str(rec, "community");
			e->day = day;
			if (!st || cs_hhmm_parse(st, &e->start) < 0)
				e->start = -1;
			if (!en || cs_hhmm_parse(en, &e->end) < 0)
				e->end = -1;
			cs_error_clear();
			e->is_void = cs_node_get(rec, "voided_at") != NULL;
			e->service = k->service;
		}
	}
	if (c->offices) qsort(c->offices, c->noffices, sizeof(cs_node *), cmp_slug);
	if (c->firms) qsort(c->firms, c->nfirms, sizeof(cs_node *), cmp_slug);
	if (c->lawyers) qsort(c->lawyers, c->nlawyers, sizeof(cs_node *), cmp_slug);
	if (c->communities) qsort(c->communities, c->ncommunities, sizeof(cs_node *), cmp_slug);
	if (c->keys) qsort(c->keys, c->nkeys, sizeof(cs_node *), cmp_slug);
	if (c->entries) qsort(c->entries, c->nentries, sizeof(cs_entry), sort_entries);
	return error;
}

static void views(const cs_check *c, const char *kind, cs_node ***v, size_t *n)
{
	*v = NULL;
	*n = 0;
	if (!strcmp(kind, "office")) *v = c->offices, *n = c->noffices;
	else if (!strcmp(kind, "firm")) *v = c->firms, *n = c->nfirms;
	else if (!strcmp(kind, "lawyer")) *v = c->lawyers, *n = c->nlawyers;
	else if (!strcmp(kind, "community")) *v = c->communities, *n = c->ncommunities;
	else if (!strcmp(kind, "key")) *v = c->keys, *n = c->nkeys;
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

int cs_check_resolve(const cs_check *c, const char *kind, const char *word, const char **slug)
{
	cs_node **v;
	const char **words = NULL, *near;
	cs_buf list = CS_BUF_INIT;
	size_t n, i, hits = 0;
	int error;
	views(c, kind, &v, &n);
	*slug = NULL;
	if (cs_slug_valid(word) && cs_check_find(c, kind, word)) {
		*slug = cs_node_get_str(cs_check_find(c, kind, word), "id");
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

const cs_node *cs_check_key(const cs_check *c, const char *name)
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

int cs_check_exists(const cs_check *c, const char *path)
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

const cs_node *cs_check_find(const cs_check *c, const char *kind, const char *slug)
{
	cs_node **v = NULL, key, **hit;
	cs_pair pair;
	size_t n = 0;
	if (!slug)
		return NULL;
	if (!strcmp(kind, "office")) v = c->offices, n = c->noffices;
	else if (!strcmp(kind, "firm")) v = c->firms, n = c->nfirms;
	else if (!strcmp(kind, "lawyer")) v = c->lawyers, n = c->nlawyers;
	else if (!strcmp(kind, "community")) v = c->communities, n = c->ncommunities;
	else if (!strcmp(kind, "key")) v = c->keys, n = c->nkeys;
	if (!v)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.type = CS_NODE_MAP;
	pair.key = "id";
	pair.value = &(cs_node){ .type = CS_NODE_SCALAR, .str = (char *)slug,
				 .len = strlen(slug) };
	key.pairs = &pair;
	key.count = 1;
	{
		cs_node *kp = &key;
		hit = bsearch(&kp, v, n, sizeof(*v), cmp_slug);
	}
	return hit ? *hit : NULL;
}

static int load(cs_check *c, cs_store *s, const char *rev, int worktree, const cs_check *range);

/* A directory (or file) right under records/, in a load of everything. */
static int top_add(void *ctx, const char *name, int is_dir)
{
	cs_check *c = ctx;
	cs_buf path = CS_BUF_INIT, data = CS_BUF_INIT;
	int error;
	if ((error = cs_buf_printf(&path, "records/%s", name)) < 0)
		return error;
	if (!is_dir) {
		if ((error = cs_store_read_blob(c->store, c->rev, cs_buf_cstr(&path), &data)) == 0)
			error = add_file(c, cs_buf_cstr(&path), data.ptr, data.len);
	} else if (!strcmp(name, "reports") || !strcmp(name, "assessments")) {
		error = list_lazy(c, cs_buf_cstr(&path));
	} else if ((error = cs_store_walk(c->store, c->rev, cs_buf_cstr(&path), walk_add, c)) ==
		   CS_ENOTFOUND) {
		error = 0;
	}
	cs_buf_free(&path);
	cs_buf_free(&data);
	return error;
}

/* Every record, or, with a month range, all but the work log outside it. */
static int walk_records(cs_check *c)
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
		else if ((error = cs_store_walk(c->store, c->rev, dirs[i], walk_add, c)) == CS_ENOTFOUND)
			error = 0;
	}
	if (c->directory_only)
		return error;
	n = c->nfiles;
	for (i = 0; i < n && !error; i++) {
		const char *p = c->files[i].path, *slug;
		size_t len;
		if (strncmp(p, "records/communities/", 20))
			continue;
		slug = p + 20;
		len = strlen(slug);
		if (len <= 5 || strcmp(slug + len - 5, ".yaml"))
			continue;
		cs_date_to_ymd(c->log_from, &y, &m, &d);
		while (!error && cs_date_from_ymd(y, m, 1) <= c->log_to) {
			cs_buf_clear(&dir);
			cs_buf_printf(&dir, "records/log/%.*s/%04d/%02d", (int)(len - 5), slug, y, m);
			if ((error = cs_store_walk(c->store, c->rev, cs_buf_cstr(&dir), walk_add, c)) ==
			    CS_ENOTFOUND)
				error = 0;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	cs_buf_free(&dir);
	return error;
}

int cs_check_load_months(cs_check *c, cs_store *s, const char *rev, cs_day from, cs_day to)
{
	cs_check tmp;
	memset(&tmp, 0, sizeof(tmp));
	tmp.log_from = from;
	tmp.log_to = to;
	return load(c, s, rev, 0, &tmp);
}

int cs_check_load_directory(cs_check *c, cs_store *s, const char *rev)
{
	cs_check tmp;
	memset(&tmp, 0, sizeof(tmp));
	tmp.log_from = tmp.log_to = 1;
	tmp.directory_only = 1;
	return load(c, s, rev, 0, &tmp);
}

int cs_check_load(cs_check *c, cs_store *s, const char *rev, int worktree)
{
	return load(c, s, rev, worktree, NULL);
}

static int load(cs_check *c, cs_store *s, const char *rev, int worktree, const cs_check *range)
{
	size_t i;
	int error;
	cs_time now;
	memset(c, 0, sizeof(*c));
	c->store = s;
	c->worktree = worktree;
	if (range) {
		c->log_from = range->log_from;
		c->log_to = range->log_to;
		c->directory_only = range->directory_only;
	}
	if ((error = cs_now(&now)) < 0)
		return error;
	c->now = now;
	c->today = now.day;
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
			}
			cs_buf_free(&cfg);
		}
		if ((error = cs_calendar_new(&c->cal)) < 0)
			return error;
	} else {
		if ((error = cs_store_resolve(s, rev, c->rev)) < 0)
			return error;
		if ((error = walk_records(c)) < 0)
			return error;
		if (cs_store_read_record(s, c->rev, "cs.yaml", &c->config) < 0) {
			c->config = NULL;
			cs_error_clear();
		}
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
	return index_files(c);
}

void cs_check_free(cs_check *c)
{
	size_t i;
	for (i = 0; i < c->nfiles; i++) {
		free(c->files[i].path);
		free(c->files[i].error);
		cs_node_free(c->files[i].rec);
	}
	free(c->files);
	free(c->offices);
	free(c->firms);
	free(c->lawyers);
	free(c->communities);
	free(c->assignments);
	free(c->changes);
	free(c->keys);
	free(c->entries);
	free(c->report_paths);
	for (i = 0; i < c->nfiled; i++)
		free(c->filed[i].path);
	free(c->filed);
	free((void *)c->rules);
	free(c->rules_text);
	cs_node_free(c->config);
	cs_calendar_free(c->cal);
	memset(c, 0, sizeof(*c));
}

/* Records: schema.*, ref.* */

size_t cs_check_entries_from(const cs_check *c, cs_day day)
{
	size_t lo = 0, hi = c->nentries;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->entries[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int cs_check_in_period(const cs_check *c, cs_day day)
{
	return !c->has_period || (day >= c->period_from && day <= c->period_to);
}

int cs_check_overlaps(const cs_check *c, cs_day from, cs_day to)
{
	return !c->has_period || (from <= c->period_to && to >= c->period_from);
}

int cs_check_lawyer_paired(const cs_check *c, const char *lawyer, cs_day from, cs_day to)
{
	size_t i;
	for (i = 0; i < c->nassignments; i++)
		if (!cmp_str(cs_node_get_str(c->assignments[i], "lawyer"), lawyer) &&
		    cs_pairing_overlaps(c->assignments[i], from, to))
			return 1;
	return 0;
}

int cs_check_office_paired(const cs_check *c, const char *office, cs_day from, cs_day to)
{
	size_t i;
	for (i = 0; i < c->nassignments; i++) {
		const cs_node *a = c->assignments[i];
		const cs_node *cm = cs_check_find(c, "community", cs_node_get_str(a, "community"));
		if (cm && office && !cmp_str(cs_node_get_str(cm, "office"), office) &&
		    cs_pairing_overlaps(a, from, to))
			return 1;
	}
	return 0;
}

/* The references of a work-log entry are judged within the --period only. */
static int refs_judged(const cs_check *c, const cs_node *rec)
{
	const cs_kind *k = cs_kind_find(cs_node_get_str(rec, "kind"));
	const char *date = cs_node_get_str(rec, "date");
	cs_day day;
	if (!k || (k->family != CS_KIND_LOG && k->family != CS_KIND_MEETING))
		return 1;
	if (!date || cs_date_parse(date, &day) < 0) {
		cs_error_clear();
		return 1;
	}
	return cs_check_in_period(c, day);
}

/* A filed report or assessment, read and validated now, then let go. */
static int check_lazy(cs_check *c, const struct cs_file_rec *f, cs_findings *out)
{
	cs_buf data = CS_BUF_INIT;
	cs_node *rec = NULL;
	int error;
	if ((error = cs_store_read_blob(c->store, c->rev, f->path, &data)) < 0)
		goto cleanup;
	if (cs_yaml_load(&rec, data.ptr, data.len, f->path) < 0) {
		char msg[1024];
		snprintf(msg, sizeof(msg), "%s", cs_error_last());
		cs_error_clear();
		error = cs_finding_add(out, f->path, 1, CS_SEV_ERROR, "schema.yaml", NULL, NULL, NULL,
				       NULL, "%s", msg);
		goto cleanup;
	}
	error = rec ? cs_validate_record(c, f->path, rec, 1, out)
		    : cs_finding_add(out, f->path, 1, CS_SEV_ERROR, "schema.yaml", NULL, NULL, NULL,
				     NULL, "%s", "empty file");
cleanup:
	cs_node_free(rec);
	cs_buf_free(&data);
	return error;
}

int cs_check_records(cs_check *c, cs_findings *out)
{
	size_t i;
	int error = 0;
	for (i = 0; i < c->nfiles && !error; i++) {
		const char *path = c->files[i].path;
		const cs_node *rec = c->files[i].rec;
		if (c->files[i].lazy) {
			error = check_lazy(c, &c->files[i], out);
			continue;
		}
		if (!rec) {
			/* the loader's "path:line: why", kept from the load */
			const char *msg = c->files[i].error ? c->files[i].error : "";
			const char *at = strstr(msg, path);
			size_t line = 1;
			if (at && at[strlen(path)] == ':')
				line = strtoul(at + strlen(path) + 1, NULL, 10);
			error = cs_finding_add(out, path, line ? line : 1, CS_SEV_ERROR, "schema.yaml",
					       NULL, NULL, NULL, NULL, "%s", *msg ? msg : "empty file");
			continue;
		}
		error = cs_validate_record(c, path, rec, refs_judged(c, rec), out);
	}
	return error;
}

/* --- what is judged and shown ---------------------------------------------- */

int cs_check_select(cs_check *c, const char *list)
{
	char *tok, *save = NULL;
	const char **v = NULL, **grown;
	size_t n = 0;
	if (!list)
		return 0;
	if (!(c->rules_text = cs_strdup(list)))
		return CS_ENOMEM;
	for (tok = strtok_r(c->rules_text, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (!*tok)
			continue;
		if (!cs_rule_known(tok)) {
			const char *near = cs_utf8_nearest(tok, cs_rule_ids());
			free(v);
			return near ? cs_error_set(CS_EUSAGE, "unknown rule '%s'; did you mean '%s'? "
						   "(see cscheck(1))", tok, near)
				    : cs_error_set(CS_EUSAGE, "unknown rule '%s' (see cscheck(1))", tok);
		}
		if (!(grown = cs_realloc(v, (n + 1) * sizeof(*v)))) {
			free(v);
			return CS_ENOMEM;
		}
		v = grown;
		v[n++] = tok;
	}
	c->rules = v;
	c->nrules = n;
	return 0;
}

void cs_check_judge(cs_check *c, const char *period, const char *today)
{
	if (today)
		cs_date_parse(today, &c->today);
	if (period && cs_period_parse(period, &c->period_from, &c->period_to) == 0)
		c->has_period = 1;
	cs_error_clear();
}

static int selected(const char *rule, const char *const *rules, size_t n)
{
	size_t j;
	for (j = 0; j < n; j++) {
		size_t k = strlen(rules[j]);
		if (!strcmp(rule, rules[j]) || (!strncmp(rule, rules[j], k) && rule[k] == '.'))
			return 1;
	}
	return 0;
}

void cs_findings_keep(cs_findings *f, const char *const *rules, size_t n)
{
	size_t i, keep = 0;
	if (!n)
		return;
	for (i = 0; i < f->n; i++) {
		if (selected(f->v[i].rule, rules, n))
			f->v[keep++] = f->v[i];
		else
			cs_finding_release(&f->v[i]);
	}
	f->n = keep;
}

void cs_findings_count(const cs_findings *f, size_t *errors, size_t *warnings)
{
	size_t i;
	*errors = *warnings = 0;
	for (i = 0; i < f->n; i++)
		(f->v[i].severity == CS_SEV_ERROR ? (*errors)++ : (*warnings)++);
}

static const char *severity_name(int sev)
{
	return sev == CS_SEV_ERROR ? "error" : "warning";
}

cs_node *cs_findings_tree(const cs_findings *f)
{
	cs_node *seq = cs_node_new_seq(), *m;
	char line[32];
	size_t i;
	int error = 0;
	for (i = 0; seq && i < f->n && !error; i++) {
		const cs_finding *x = &f->v[i];
		if (!(m = cs_node_new_map()) || cs_node_push(seq, m) < 0) {
			cs_node_free(m);
			error = CS_ENOMEM;
			break;
		}
		snprintf(line, sizeof(line), "%zu", x->line);
		if (cs_node_set_str(m, "path", x->path) < 0 ||
		    cs_node_set(m, "line", cs_node_new_plain(line)) < 0 ||
		    cs_node_set_str(m, "severity", severity_name(x->severity)) < 0 ||
		    cs_node_set_str(m, "rule", x->rule) < 0 || cs_node_set_str(m, "message", x->message) < 0 ||
		    (x->record && cs_node_set_str(m, "record", x->record) < 0) ||
		    (x->lawyer && cs_node_set_str(m, "lawyer", x->lawyer) < 0) ||
		    (x->community && cs_node_set_str(m, "community", x->community) < 0) ||
		    (x->period && cs_node_set_str(m, "period", x->period) < 0) ||
		    (x->commit && cs_node_set_str(m, "commit", x->commit) < 0))
			error = CS_ENOMEM;
	}
	if (error) {
		cs_node_free(seq);
		return NULL;
	}
	return seq;
}

int cs_findings_table(const cs_findings *f, cs_table *t, const char *path, const char *line,
		      const char *severity, const char *rule, const char *message,
		      const char *period)
{
	char n[32];
	size_t i;
	int error = 0;
	cs_table_col(t, "path", path, 0);
	cs_table_col(t, "line", line, 1);
	cs_table_col(t, "severity", severity, 0);
	cs_table_col(t, "rule", rule, 0);
	cs_table_col(t, "message", message, 0);
	cs_table_col(t, "period", period, 0);
	for (i = 0; i < f->n && !error; i++) {
		const char *cells[6];
		snprintf(n, sizeof(n), "%zu", f->v[i].line);
		cells[0] = f->v[i].path;
		cells[1] = n;
		cells[2] = severity_name(f->v[i].severity);
		cells[3] = f->v[i].rule;
		cells[4] = f->v[i].message;
		cells[5] = f->v[i].period;
		error = cs_table_row(t, cells);
	}
	return error;
}
