#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directory.h"
#include "error.h"
#include "mask.h"
#include "record.h"
#include "report.h"
#include "snapshot_impl.h"
#include "utf8.h"

/* --- small tree helpers ------------------------------------------------- */

static int set_int(cs_node *map, const char *key, long long v)
{
	return cs_node_set(map, key, cs_node_new_int(v));
}

static int set_str(cs_node *map, const char *key, const char *v)
{
	return cs_node_set(map, key, v ? cs_node_new_str(v) : cs_node_new_null());
}

/* Set key to *value in map, which takes it: *value is NULL after success. */
static int adopt(cs_node *map, const char *key, cs_node **value)
{
	int error = cs_node_set(map, key, *value);
	if (!error)
		*value = NULL;
	return error;
}

static int same(const char *a, const char *b)
{
	return a && b && (a == b || !strcmp(a, b));
}

static const char *str(const cs_node *n, const char *key)
{
	return n ? cs_node_get_str(n, key) : NULL;
}

/* --- scopes --------------------------------------------------------------- */

typedef struct {
	const char *lawyer;       /* lawyer scope */
	const char *office;       /* office scope */
} scope;

/* Both may be set: a lawyer's work within an office's communities. */
static int in_scope(const cs_snapshot *c, const scope *sc, const cs_entry *e)
{
	if (sc->lawyer && !same(e->lawyer, sc->lawyer))
		return 0;
	return !sc->office || (e->office && !strcmp(e->office, sc->office));
}

static int check_scope(cs_snapshot *c, const char *kind, const char *subject, scope *sc)
{
	memset(sc, 0, sizeof(*sc));
	if (!strcmp(kind, "district"))
		return 0;
	if (!subject)
		return cs_error_set(CS_EUSAGE, "a %s report needs its subject", kind);
	if (!strcmp(kind, "lawyer")) {
		if (!cs_snapshot_find(c, "lawyer", subject))
			return cs_error_set(CS_ENOTFOUND, "no such lawyer '%s'", subject);
		sc->lawyer = subject;
		return 0;
	}
	if (!strcmp(kind, "office")) {
		if (!cs_snapshot_find(c, "office", subject))
			return cs_error_set(CS_ENOTFOUND, "no such office '%s'", subject);
		sc->office = subject;
		return 0;
	}
	return cs_error_set(CS_EUSAGE, "unknown scope '%s'", kind);
}

/* --- figures ------------------------------------------------------------- */

static int summary_of(const cs_node *rec, int reveal, cs_buf *out)
{
	const char *content = str(rec, "content");
	size_t n;
	const char *nl;
	if (!content)
		content = str(rec, "topic");
	if (!content)
		content = str(rec, "item");
	if (!content)
		return 0;
	n = cs_utf8_prefix_for_width(content, 60);
	if ((nl = memchr(content, '\n', n)))
		n = (size_t)(nl - content);
	if ((reveal ? cs_buf_put(out, content, n) : cs_mask_numbers(out, content, n)) < 0)
		return CS_ENOMEM;
	if (n < strlen(content))
		return cs_buf_puts(out, "…");
	return 0;
}

/* key and value packed into out, the value as mask (NULL: none) makes it in scratch. */
static int pack_masked(cs_buf *out, const char *key, const char *value,
		       int (*mask)(cs_buf *, const char *), cs_buf *scratch)
{
	int error;
	cs_buf_clear(scratch);
	if ((error = cs_pack_key(out, key)) < 0 || (mask && (error = mask(scratch, value)) < 0))
		return error;
	return cs_pack_cstr(out, mask ? cs_buf_cstr(scratch) : value);
}

/* The item's target t (who was served, a mapping) packed into out as a
 * key and its mapping, the resident's name and contact masked unless
 * reveal. scratch: a buffer to mask in. */
static int pack_target(const cs_node *t, int reveal, cs_buf *scratch, cs_buf *out)
{
	const char *type = str(t, "type"), *name = str(t, "name"), *contact = str(t, "contact");
	int error;
	if ((error = cs_pack_key(out, "target")) < 0 ||
	    (error = cs_pack_map(out, !!type + !!name + !!contact)) < 0 ||
	    (type && ((error = cs_pack_key(out, "type")) < 0 || (error = cs_pack_cstr(out, type)) < 0)))
		return error;
	/* residents' names are personal data; a group's or an organisation's are not */
	if (type && strcmp(type, "resident"))
		reveal = 1;
	if (name && (error = pack_masked(out, "name", name, reveal ? NULL : cs_mask_name, scratch)) < 0)
		return error;
	if (contact)
		return pack_masked(out, "contact", contact, reveal ? NULL : cs_mask_contact, scratch);
	return 0;
}

/* One item of a monthly report, packed into out: id, date, kind,
 * community, lawyer (unless the report is a lawyer's), target, summary. */
static int pack_item(const cs_entry *e, const cs_node *rec, const scope *sc, int reveal,
		     cs_buf *scratch, cs_buf *out)
{
	const cs_node *t = cs_node_get(rec, "target");
	char date[11];
	int error;
	if (t && t->type != CS_NODE_MAP)
		t = NULL; /* the schemas refuse it; no target then */
	cs_date_format(e->day, date);
	if ((error = cs_pack_map(out, 5 + !sc->lawyer + !!t)) < 0 ||
	    (error = cs_pack_key(out, "id")) < 0 || (error = cs_pack_cstr(out, e->id)) < 0 ||
	    (error = cs_pack_key(out, "date")) < 0 || (error = cs_pack_cstr(out, date)) < 0 ||
	    (error = cs_pack_key(out, "kind")) < 0 || (error = cs_pack_cstr(out, e->kind)) < 0 ||
	    (error = cs_pack_key(out, "community")) < 0 ||
	    (error = cs_pack_cstr(out, e->community)) < 0 ||
	    (!sc->lawyer && ((error = cs_pack_key(out, "lawyer")) < 0 ||
			     (error = cs_pack_cstr(out, e->lawyer)) < 0)) ||
	    (t && (error = pack_target(t, reveal, scratch, out)) < 0))
		return error;
	cs_buf_clear(scratch);
	if ((error = summary_of(rec, reveal, scratch)) < 0 ||
	    (error = cs_pack_key(out, "summary")) < 0)
		return error;
	return cs_pack_str(out, cs_buf_cstr(scratch), scratch->len);
}

/* The items packed in b (a sequence) as one allocation. */
static int unpack_items(const cs_buf *b, cs_node **out)
{
	const char *p = b->ptr;
	return cs_node_unpack(&p, b->ptr + b->len, out);
}

typedef struct {
	long long activities, minutes, people;
	long long by_kind[32];
	long long received, accepted, late, open;
	int request_ix, meeting_ix;  /* those kinds' places in cs_kinds() */
} figures;

static int count(cs_snapshot *c, const cs_entry *e, figures *f)
{
	if (e->service) {
		f->activities++;
		if (e->kind_ix >= 0 && e->kind_ix < 32)
			f->by_kind[e->kind_ix]++;
		if (e->start >= 0 && e->end > e->start)
			f->minutes += e->end - e->start;
		if (e->attendees >= 0)
			f->people += e->attendees;
		else if (e->has_target)
			f->people += 1;
	}
	if (e->kind_ix == f->request_ix) {
		f->received++;
		if (!e->field[CS_EF_ACCEPTED_AT]) {
			f->open++;
			return 0;
		}
		f->accepted++;
		if (!e->accepted)
			return 0;
		/* the calendar's error again, with its message */
		if (e->deadline_error) {
			cs_day again;
			int error = cs_calendar_nth_workday_after(c->cal, e->received_day,
								  (int)cs_snapshot_param(c, "accept_working_days"),
								  &again);
			return error < 0 ? error : e->deadline_error;
		}
		if (e->accepted_day > e->deadline)
			f->late++;
	}
	return 0;
}

static int figures_tree(const figures *f, cs_node *into)
{
	cs_node *totals = cs_node_new_map(), *by = cs_node_new_map(), *req = cs_node_new_map();
	const cs_kind *k, *all = cs_kinds();
	int error = CS_ENOMEM;
	if (!totals || !by || !req)
		goto fail;
	for (k = all; k->name; k++)
		if (k - all < 32 && f->by_kind[k - all] &&
		    (error = set_int(by, k->name, f->by_kind[k - all])) < 0)
			goto fail;
	if ((error = set_int(totals, "activities", f->activities)) < 0 ||
	    (error = adopt(totals, "by_kind", &by)) < 0)
		goto fail;
	if ((error = set_int(totals, "service_minutes", f->minutes)) < 0 ||
	    (error = set_int(totals, "people_served", f->people)) < 0 ||
	    (error = set_int(req, "received", f->received)) < 0 ||
	    (error = set_int(req, "accepted", f->accepted)) < 0 ||
	    (error = set_int(req, "accepted_late", f->late)) < 0 ||
	    (error = set_int(req, "open", f->open)) < 0 ||
	    (error = adopt(into, "totals", &totals)) < 0)
		goto fail;
	if ((error = cs_node_set(into, "requests", req)) < 0)
		goto fail;
	return 0;
fail:
	cs_node_free(totals);
	cs_node_free(by);
	cs_node_free(req);
	return error;
}

/* Some of the entries: their places in c->entries, in order. */
typedef struct {
	size_t *ix;
	size_t n, cap;
} entry_set;

static int set_add(entry_set *s, size_t i)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		size_t *grown = cs_realloc(s->ix, cap * sizeof(*grown));
		if (!grown)
			return CS_ENOMEM;
		s->ix = grown;
		s->cap = cap;
	}
	s->ix[s->n++] = i;
	return 0;
}

/* --- a report's items ------------------------------------------------------
 * An entry a figures load holds as its facts has no record: the items of
 * such entries are packed from their records read again a folder at a time
 * (cs_snapshot_facts_records), each apart, then all in their order. */

typedef struct {
	const scope *sc;
	int reveal;
	const cs_entry **by_path;  /* the items' entries held as facts, sorted by path */
	size_t n;
	struct { size_t at, len; } *packed_at;  /* each one's item in packed; len 0: not read */
	cs_buf packed, *scratch;
} reread_items;

static int by_entry_path(const void *a, const void *b)
{
	const cs_entry *const *x = a, *const *y = b;
	return strcmp((*x)->path, (*y)->path);
}

/* path's place in x->by_path, or -1. */
static long item_of(const reread_items *x, const char *path)
{
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = strcmp(path, x->by_path[mid]->path);
		if (!d)
			return (long)mid;
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

static int item_wanted(void *ctx, const char *path)
{
	return item_of(ctx, path) >= 0;
}

static int item_read_again(void *ctx, const struct cs_file_rec *f)
{
	reread_items *x = ctx;
	long k = item_of(x, f->path);
	size_t at = x->packed.len;
	int error;
	if (k < 0)
		return 0;
	if (!f->rec)
		return cs_error_set(CS_EDATA, "%s: no record when read again", f->path);
	if ((error = pack_item(x->by_path[k], f->rec, x->sc, x->reveal, x->scratch, &x->packed)) < 0)
		return error;
	x->packed_at[k].at = at;
	x->packed_at[k].len = x->packed.len - at;
	return 0;
}

/* The items of the entries of set (in its order) packed into out as a
 * sequence. */
static int pack_items(cs_snapshot *c, const scope *sc, int reveal, const entry_set *set,
		      cs_buf *scratch, cs_buf *out)
{
	reread_items x;
	size_t i, at = 0;
	long k;
	int error = 0;
	memset(&x, 0, sizeof(x));
	x.sc = sc;
	x.reveal = reveal;
	x.scratch = scratch;
	for (i = 0; i < set->n; i++)
		x.n += !c->entries[set->ix[i]].rec;
	if (x.n) {
		if (!(x.by_path = cs_malloc(x.n * sizeof(*x.by_path))) ||
		    !(x.packed_at = cs_calloc(x.n, sizeof(*x.packed_at)))) {
			error = CS_ENOMEM;
			goto done;
		}
		for (x.n = 0, i = 0; i < set->n; i++)
			if (!c->entries[set->ix[i]].rec)
				x.by_path[x.n++] = &c->entries[set->ix[i]];
		qsort(x.by_path, x.n, sizeof(*x.by_path), by_entry_path);
		if ((error = cs_snapshot_facts_records(c, item_wanted, item_read_again, &x)) < 0)
			goto done;
	}
	if ((error = cs_pack_seq_open(out, &at)) < 0)
		goto done;
	for (i = 0; i < set->n && !error; i++) {
		const cs_entry *e = &c->entries[set->ix[i]];
		if (e->rec)
			error = pack_item(e, e->rec, sc, reveal, scratch, out);
		else if ((k = item_of(&x, e->path)) < 0 || !x.packed_at[k].len)
			error = cs_error_set(CS_EDATA, "%s: its record not read again", e->path);
		else
			error = cs_buf_put(out, x.packed.ptr + x.packed_at[k].at, x.packed_at[k].len);
	}
	if (!error)
		cs_pack_seq_close(out, at, set->n);
done:
	free(x.by_path);
	free(x.packed_at);
	cs_buf_free(&x.packed);
	return error;
}

/* --- what a report counts ---------------------------------------------------
 * One pass over the entries of its days (a whole load's at once, or each
 * month of a window load's in turn, cs_check_window_rules) gathers what its
 * blocks show: the figures and typical cases of its scope, of each lawyer
 * and of each office, the figures of each month, the lawyers who worked
 * there and (a whole load's) the entries of its items. */

typedef struct {
	figures f;
	cs_node *typical;      /* the ids of its typical cases, in the entries' order */
} tally_block;

typedef struct {
	const scope *sc;
	cs_day from, to;
	int subs;              /* the lawyers' and the offices' blocks too */
	int with_items;        /* the scope's entries kept in items (a whole load's places) */
	tally_block all;
	tally_block *lawyer;   /* by place in c->lawyers (of the slug: cs_snapshot_find_ix) */
	tally_block *office;   /* by place in c->offices */
	unsigned char *worked; /* by place in c->lawyers: an entry of the lawyer's in scope */
	long *office_of;       /* by place in c->communities: its office's place, or -1 */
	size_t nlawyers, noffices;
	figures *month;        /* each month of [from, to], from y0-m0 (trend rows) */
	size_t nmonths;
	int y0, m0;
	entry_set items;
} tally;

static void figures_init(figures *f)
{
	memset(f, 0, sizeof(*f));
	f->request_ix = cs_kind_index("request");
	f->meeting_ix = cs_kind_index("meeting");
}

static int block_init(tally_block *b)
{
	figures_init(&b->f);
	return (b->typical = cs_node_new_seq()) ? 0 : CS_ENOMEM;
}

static void tally_free(tally *t)
{
	size_t i;
	cs_node_free(t->all.typical);
	for (i = 0; t->lawyer && i < t->nlawyers; i++)
		cs_node_free(t->lawyer[i].typical);
	for (i = 0; t->office && i < t->noffices; i++)
		cs_node_free(t->office[i].typical);
	free(t->lawyer);
	free(t->office);
	free(t->worked);
	free(t->office_of);
	free(t->month);
	free(t->items.ix);
	memset(t, 0, sizeof(*t));
}

/* A tally of sc's entries in [from, to] of c's directory, nothing counted
 * yet; months: a figures row each month too. */
static int tally_init(tally *t, const cs_snapshot *c, const scope *sc, cs_day from, cs_day to,
		      int subs, int with_items, int months)
{
	size_t i;
	int error, d, y1, m1;
	memset(t, 0, sizeof(*t));
	t->sc = sc;
	t->from = from;
	t->to = to;
	t->subs = subs;
	t->with_items = with_items;
	t->nlawyers = c->nlawyers;
	t->noffices = c->noffices;
	cs_date_to_ymd(from, &t->y0, &t->m0, &d);
	cs_date_to_ymd(to, &y1, &m1, &d);
	t->nmonths = months && to >= from ? (size_t)((y1 - t->y0) * 12 + m1 - t->m0 + 1) : 0;
	if ((error = block_init(&t->all)) < 0)
		goto fail;
	if (!(t->lawyer = cs_calloc(c->nlawyers + 1, sizeof(*t->lawyer))) ||
	    !(t->office = cs_calloc(c->noffices + 1, sizeof(*t->office))) ||
	    !(t->worked = cs_calloc(c->nlawyers + 1, 1)) ||
	    !(t->office_of = cs_calloc(c->ncommunities + 1, sizeof(*t->office_of))) ||
	    !(t->month = cs_calloc(t->nmonths + 1, sizeof(*t->month)))) {
		error = CS_ENOMEM;
		goto fail;
	}
	for (i = 0; i < c->nlawyers; i++)
		if ((error = block_init(&t->lawyer[i])) < 0)
			goto fail;
	for (i = 0; i < c->noffices; i++)
		if ((error = block_init(&t->office[i])) < 0)
			goto fail;
	for (i = 0; i < c->ncommunities; i++)
		t->office_of[i] = cs_snapshot_find_ix(c, "office", str(c->communities[i], "office"));
	for (i = 0; i < t->nmonths; i++)
		figures_init(&t->month[i]);
	return 0;
fail:
	tally_free(t);
	return error;
}

/* e counted into b, its id among b's typical cases when it is one. */
static int tally_one(cs_snapshot *s, const cs_entry *e, tally_block *b)
{
	int error = count(s, e, &b->f);
	if (!error && e->typical && e->id)
		error = cs_node_push(b->typical, cs_node_new_str(e->id));
	return error;
}

/* The entries of s (a load, or a month of a window load, sharing the
 * directory t was made for) in t's days counted: a meeting is not an
 * activity, nor is a void entry anything. */
static int tally_add(tally *t, cs_snapshot *s)
{
	size_t i;
	int error = 0, y, m, d;
	for (i = cs_snapshot_entries_from(s, t->from);
	     !error && i < s->nentries && s->entries[i].day <= t->to; i++) {
		const cs_entry *e = &s->entries[i];
		int scoped = in_scope(s, t->sc, e);
		long k;
		if (e->is_void)
			continue;
		if (scoped && e->lawyer_ix >= 0)
			t->worked[e->lawyer_ix] = 1;
		if (e->kind_ix == t->all.f.meeting_ix)
			continue;
		if (scoped) {
			if ((error = tally_one(s, e, &t->all)) < 0 ||
			    (t->with_items && (error = set_add(&t->items, i)) < 0))
				break;
			cs_date_to_ymd(e->day, &y, &m, &d);
			k = (long)(y - t->y0) * 12 + m - t->m0;
			if (k >= 0 && (size_t)k < t->nmonths && (error = count(s, e, &t->month[k])) < 0)
				break;
		}
		if (!t->subs)
			continue;
		if (scoped && e->lawyer_ix >= 0 && (error = tally_one(s, e, &t->lawyer[e->lawyer_ix])) < 0)
			break;
		if (e->office && e->community_ix >= 0 && (k = t->office_of[e->community_ix]) >= 0)
			error = tally_one(s, e, &t->office[k]);
	}
	return error;
}

/* b's totals, requests and typical cases into map (which takes the cases;
 * a block given twice gives them the first time). */
static int block_tree(tally_block *b, cs_node *map)
{
	cs_node *none = NULL;
	int error = figures_tree(&b->f, map);
	if (error < 0)
		return error;
	if (!b->typical && !(none = cs_node_new_seq()))
		return CS_ENOMEM;
	error = adopt(map, "typical_cases", b->typical ? &b->typical : &none);
	cs_node_free(none); /* NULL once taken */
	return error;
}

/* The lawyers of t's days (a pairing active then, in the office when
 * given, or an entry there), by place in c->lawyers: their places in
 * *out, *n of them. */
static int tally_lawyers(const cs_snapshot *c, const tally *t, size_t **out, size_t *n)
{
	size_t i;
	*n = 0;
	if (!(*out = cs_calloc(c->nlawyers + 1, sizeof(**out))))
		return CS_ENOMEM;
	for (i = 0; i < c->nlawyers; i++) {
		const char *l = str(c->lawyers[i], "id");
		long ix = cs_snapshot_find_ix(c, "lawyer", l);
		if (l && ((ix >= 0 && t->worked[ix]) ||
			  cs_snapshot_paired(c, l, t->sc->office, t->from, t->to)))
			(*out)[(*n)++] = i;
		cs_error_clear();
	}
	return 0;
}

/* The lawyers' blocks and (a district's report) the offices' into report. */
static int sub_blocks(cs_snapshot *c, tally *t, cs_node *report)
{
	cs_node *blocks = cs_node_new_seq(), *offices = NULL;
	size_t *who = NULL, n = 0, i;
	int error;
	if (!blocks)
		return CS_ENOMEM;
	if ((error = tally_lawyers(c, t, &who, &n)) < 0)
		goto cleanup;
	for (i = 0; i < n && !error; i++) {
		cs_node *b = cs_node_new_map();
		const char *l = str(c->lawyers[who[i]], "id");
		if (!b || (error = cs_node_push(blocks, b)) < 0) {
			cs_node_free(b);
			error = CS_ENOMEM;
			break;
		}
		if ((error = set_str(b, "lawyer", l)) < 0 ||
		    (error = set_str(b, "name", str(c->lawyers[who[i]], "name"))) < 0)
			break;
		error = block_tree(&t->lawyer[cs_snapshot_find_ix(c, "lawyer", l)], b);
	}
	if (error < 0 || (error = adopt(report, "lawyers", &blocks)) < 0)
		goto cleanup;
	if (!t->sc->lawyer && !t->sc->office) {
		if (!(offices = cs_node_new_seq())) {
			error = CS_ENOMEM;
			goto cleanup;
		}
		for (i = 0; i < c->noffices && !error; i++) {
			cs_node *b = cs_node_new_map();
			if (!b || (error = cs_node_push(offices, b)) < 0) {
				cs_node_free(b);
				error = CS_ENOMEM;
				break;
			}
			if ((error = set_str(b, "office", str(c->offices[i], "id"))) < 0 ||
			    (error = set_str(b, "name", str(c->offices[i], "name"))) < 0)
				break;
			error = block_tree(&t->office[i], b);
		}
		if (!error)
			error = adopt(report, "offices", &offices);
	}
cleanup:
	free(who);
	cs_node_free(blocks);
	cs_node_free(offices);
	return error;
}

static int header(cs_snapshot *c, cs_node *r, const char *kind, const char *key,
		  const char *value, const char *scope_kind, const char *subject)
{
	const char *district = str(c->config, "district");
	int error;
	if ((error = set_str(r, "kind", kind)) < 0 || (error = set_str(r, key, value)) < 0 ||
	    (error = set_str(r, "scope", scope_kind)) < 0 ||
	    (error = set_str(r, "subject", strcmp(scope_kind, "district") ? subject :
			     (district ? district : "district"))) < 0)
		return error;
	return set_str(r, "source_commit", c->rev[0] ? c->rev : "worktree");
}

/* The entries of the month added after its report was filed (cslog add
 * --late, DESIGN 7): listed, with why, whenever the month is reported. */
static int late_entries(cs_snapshot *c, const scope *sc, cs_day from, cs_day to, cs_node *map)
{
	cs_node *list = cs_node_new_seq(), *item;
	size_t i;
	char date[11];
	int error = 0;
	if (!list)
		return CS_ENOMEM;
	for (i = cs_snapshot_entries_from(c, from); i < c->nentries && c->entries[i].day <= to &&
	     !error; i++) {
		const cs_entry *e = &c->entries[i];
		const char *why = e->field[CS_EF_LATE_REASON];
		if (!why || e->is_void || e->day < from || e->day > to || !in_scope(c, sc, e))
			continue;
		if (!(item = cs_node_new_map()) || (error = cs_node_push(list, item)) < 0) {
			cs_node_free(item);
			error = CS_ENOMEM;
			break;
		}
		cs_date_format(e->day, date);
		if ((error = set_str(item, "id", e->id)) < 0 || (error = set_str(item, "date", date)) < 0 ||
		    (error = set_str(item, "kind", e->kind)) < 0 ||
		    (error = set_str(item, "reason", why)) < 0)
			break;
		error = set_str(item, "recorded_at", e->field[CS_EF_RECORDED_AT]);
	}
	if (!error && list->count)
		return adopt(map, "late_entries", &list);
	cs_node_free(list);
	return error;
}

/* The day of a work-log or meeting file from its name (the id's date), or 0. */
static cs_day file_day(const char *path)
{
	const char *base = strrchr(path, '/');
	char ymd[11];
	cs_day day;
	if (strncmp(path, "records/log/", 12) && strncmp(path, "records/meetings/", 17))
		return 0;
	base = base ? base + 1 : path;
	if (strlen(base) < 8 || strspn(base, "0123456789") < 8)
		return 0;
	snprintf(ymd, sizeof(ymd), "%.4s-%.2s-%.2s", base, base + 4, base + 6);
	if (cs_date_parse(ymd, &day) < 0) {
		cs_error_clear();
		return 0;
	}
	return day;
}

/* A report counts every entry of its days or refuses: an entry of them that
 * does not parse or fails its schema (a hand edit) would otherwise be left
 * out of the figures in silence. CS_EDATA names the first, file:line: field. */
static int refuse_invalid(cs_snapshot *c, cs_day from, cs_day to)
{
	const cs_schema_set *set = cs_store_schemas(c->store);
	size_t i;
	int error;
	if (c->valid_to && c->valid_from <= from && to <= c->valid_to)
		return 0;
	for (i = 0; i < c->nfiles; i++) {
		const struct cs_file_rec *f = &c->files[i];
		cs_day day;
		if (f->lazy || (!f->rec && !f->error && f->valid))
			continue;     /* an entry a figures load holds as facts passed */
		if (!(day = file_day(f->path)) || day < from || day > to)
			continue;
		if (!f->rec && f->error && *f->error)
			return cs_error_set(CS_EDATA, "%s", f->error);
		if (!f->rec)
			return cs_error_set(CS_EDATA, "%s: an empty file", f->path);
		/* the cache's verdict when it has one: the schemas passed it */
		if (!f->valid && (error = cs_record_validate(set, f->rec, f->path, NULL)) < 0)
			return error;
	}
	c->valid_from = from;
	c->valid_to = to;
	return 0;
}

int cs_report_monthly(cs_snapshot *c, int year, int month, const char *kind,
		      const char *subject, int reveal, cs_node **out)
{
	cs_node *r = NULL, *items = NULL;
	cs_buf packed = CS_BUF_INIT, scratch = CS_BUF_INIT;
	tally t;
	scope sc;
	char name[16];
	cs_day from = cs_date_from_ymd(year, month, 1);
	cs_day to = cs_date_from_ymd(year, month, cs_date_days_in_month(year, month));
	int error;
	*out = NULL;
	memset(&t, 0, sizeof(t));
	if ((error = refuse_invalid(c, from, to)) < 0 ||
	    (error = check_scope(c, kind, subject, &sc)) < 0)
		return error;
	if ((error = tally_init(&t, c, &sc, from, to, !sc.lawyer, 1, 0)) < 0 ||
	    (error = tally_add(&t, c)) < 0)
		goto cleanup;
	if (!(r = cs_node_new_map())) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	snprintf(name, sizeof(name), "%04d-%02d", year % 10000, month % 100);
	if ((error = header(c, r, "monthly-report", "month", name, kind, subject)) < 0 ||
	    (error = block_tree(&t.all, r)) < 0 ||
	    (error = pack_items(c, &sc, reveal, &t.items, &scratch, &packed)) < 0 ||
	    (error = unpack_items(&packed, &items)) < 0)
		goto cleanup;
	/* a lawyer's items before the late entries; a district's or an
	 * office's after the blocks of its lawyers and offices */
	if (sc.lawyer && (error = adopt(r, "items", &items)) < 0)
		goto cleanup;
	if ((error = late_entries(c, &sc, from, to, r)) < 0 ||
	    (!sc.lawyer && (error = sub_blocks(c, &t, r)) < 0) ||
	    (!sc.lawyer && (error = adopt(r, "items", &items)) < 0))
		goto cleanup;
	*out = r;
	r = NULL;
cleanup:
	tally_free(&t);
	cs_node_free(items);
	cs_node_free(r);
	cs_buf_free(&packed);
	cs_buf_free(&scratch);
	return error;
}

static int due(cs_node *list, const char *scope, const char *subject)
{
	cs_node *m = cs_node_new_map();
	int error;
	if (!m || (error = cs_node_push(list, m)) < 0) {
		cs_node_free(m);
		return CS_ENOMEM;
	}
	if ((error = set_str(m, "scope", scope)) < 0)
		return error;
	return set_str(m, "subject", subject);
}

int cs_report_monthly_due(cs_snapshot *c, int year, int month, cs_node **out)
{
	cs_day from = cs_date_from_ymd(year, month, 1);
	cs_day to = cs_date_from_ymd(year, month, cs_date_days_in_month(year, month));
	cs_node *list = cs_node_new_seq();
	size_t *who = NULL, n = 0, i;
	tally t;
	scope all;
	int error;
	*out = NULL;
	memset(&all, 0, sizeof(all));
	memset(&t, 0, sizeof(t));
	if (!list)
		return CS_ENOMEM;
	if ((error = tally_init(&t, c, &all, from, to, 0, 0, 0)) < 0 ||
	    (error = tally_add(&t, c)) < 0 || (error = tally_lawyers(c, &t, &who, &n)) < 0)
		goto cleanup;
	for (i = 0; i < n && !error; i++)
		error = due(list, "lawyer", str(c->lawyers[who[i]], "id"));
	/* an office with no lawyer that month owes nothing (Art 18) */
	for (i = 0; i < c->noffices && !error; i++) {
		const char *o = str(c->offices[i], "id");
		if (o && cs_snapshot_office_paired(c, o, from, to))
			error = due(list, "office", o);
	}
	if (!error) {
		*out = list;
		list = NULL;
	}
cleanup:
	free(who);
	tally_free(&t);
	cs_node_free(list);
	return error;
}

/* One row a month of t's days: the month's figures. */
static int trend_rows(const tally *t, cs_node *trend)
{
	int error = 0, y = t->y0, m = t->m0;
	size_t k;
	for (k = 0; k < t->nmonths && !error; k++) {
		cs_node *row = cs_node_new_map();
		char name[16];
		if (!row || (error = cs_node_push(trend, row)) < 0) {
			cs_node_free(row);
			return CS_ENOMEM;
		}
		snprintf(name, sizeof(name), "%04d-%02d", y % 10000, m % 100);
		if ((error = set_str(row, "month", name)) == 0)
			error = figures_tree(&t->month[k], row);
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return error;
}

/* The findings (sorted) of the scope's lawyer or office, or all of them. */
static int scoped_findings(const cs_snapshot *c, const scope *sc, cs_findings *f,
			   cs_node *found)
{
	size_t i;
	int error = 0;
	cs_findings_sort(f);
	for (i = 0; i < f->n && !error; i++) {
		const cs_finding *x = &f->v[i];
		const cs_node *community = cs_snapshot_find(c, "community", x->community);
		cs_node *m;
		if (sc->lawyer && !same(x->lawyer, sc->lawyer))
			continue;
		if (sc->office && !(community && same(str(community, "office"), sc->office)))
			continue;
		if (!(m = cs_node_new_map()) || (error = cs_node_push(found, m)) < 0) {
			cs_node_free(m);
			return CS_ENOMEM;
		}
		if ((error = set_str(m, "rule", x->rule)) < 0 ||
		    (error = set_str(m, "severity", x->severity == CS_SEV_ERROR ? "error" : "warning")) < 0 ||
		    (error = set_str(m, "path", x->path)) < 0 ||
		    (x->period && (error = set_str(m, "period", x->period)) < 0) ||
		    (x->lawyer && (error = set_str(m, "lawyer", x->lawyer)) < 0) ||
		    (x->community && (error = set_str(m, "community", x->community)) < 0) ||
		    (error = set_str(m, "message", x->message)) < 0)
			break;
	}
	return error;
}

/* A window load's month: refused when an entry of [from, to] is not valid,
 * else counted. */
struct pass {
	cs_day from, to;
	tally *t;  /* NULL: nothing counted */
};

static int pass_month(void *ctx, cs_snapshot *w)
{
	struct pass *p = ctx;
	int error = refuse_invalid(w, p->from, p->to);
	return error || !p->t ? error : tally_add(p->t, w);
}

/* The rules' findings for [from, to], judged as cscheck judges them, and
 * (t not NULL) the tally of those days: a window load's months one at a
 * time, else the load's entries at once. CS_EDATA when an entry of those
 * days is not valid (refuse_invalid). */
static int pass_over(cs_snapshot *c, cs_day from, cs_day to, tally *t, cs_findings *f)
{
	struct pass p = { from, to, t };
	cs_check_opts o;
	int error;
	memset(&o, 0, sizeof(o));
	o.today = c->now.day;
	cs_check_opts_period(&o, from, to);
	if ((error = refuse_invalid(c, from, to)) < 0)
		return error;
	if (c->window)
		return cs_check_window_rules(c, &o, pass_month, &p, f);
	if (t && (error = tally_add(t, c)) < 0)
		return error;
	return cs_check_rules(c, &o, f);
}

int cs_report_period(cs_snapshot *c, const char *period, const char *kind,
		     const char *subject, int reveal, cs_node **out)
{
	cs_node *r = NULL, *trend = NULL, *found = NULL;
	cs_findings f;
	tally t;
	scope sc;
	cs_day from, to;
	int error;
	(void)reveal; /* a period report shows no item */
	*out = NULL;
	cs_findings_init(&f);
	memset(&t, 0, sizeof(t));
	if ((error = cs_period_parse(period, &from, &to)) < 0 ||
	    (error = check_scope(c, kind, subject, &sc)) < 0)
		return error;
	if ((error = tally_init(&t, c, &sc, from, to, !sc.lawyer, 0, 1)) < 0 ||
	    (error = pass_over(c, from, to, &t, &f)) < 0)
		goto cleanup;
	if (!(r = cs_node_new_map()) || !(trend = cs_node_new_seq()) || !(found = cs_node_new_seq())) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if ((error = header(c, r, "period-report", "period", period, kind, subject)) < 0 ||
	    (error = block_tree(&t.all, r)) < 0)
		goto cleanup;
	if (!sc.lawyer && (error = sub_blocks(c, &t, r)) < 0)
		goto cleanup;
	if ((error = trend_rows(&t, trend)) < 0 || (error = scoped_findings(c, &sc, &f, found)) < 0)
		goto cleanup;
	if ((error = adopt(r, "findings", &found)) < 0)
		goto cleanup;
	if ((error = adopt(r, "trend", &trend)) < 0)
		goto cleanup;
	*out = r;
	r = NULL;
cleanup:
	tally_free(&t);
	cs_findings_free(&f);
	cs_node_free(r);
	cs_node_free(trend);
	cs_node_free(found);
	return error;
}

/* --- assessment (Art 21) ---------------------------------------------------- */

struct rubric_item {
	const char *item, *rule;
	long long points;
	double per;
};

static const struct rubric_item default_items[] = {
	{ "office_hours", "art9.office-hours", 20, 2 },
	{ "lectures", "art9.lecture", 10, 5 },
	{ "training", "art9.training", 10, 10 },
	{ "requests", "art10.accept", 15, 5 },
	{ "signing", "art11.signed", 10, 1 },
	{ "reports", "art18.report", 10, 2 },
	{ "feedback", NULL, 15, 0 },
	{ "spot_checks", NULL, 10, 5 },
};

static const struct {
	const char *rule;
	double points;
} default_deductions[] = {
	{ "art13.conflict", 10 }, { "art16.gift", 5 }, { "art15.privacy", 2 },
	{ "art11.one-record", 1 },
};

static double num(const cs_node *n, double dflt)
{
	double v;
	if (n && cs_node_number(n, &v) == 0)
		return v;
	cs_error_clear();
	return dflt;
}

static const cs_node *rubric(const cs_snapshot *c, const char *key)
{
	const cs_node *a = c->config ? cs_node_get(c->config, "assessment") : NULL;
	return a ? cs_node_get(a, key) : NULL;
}

static int cite(cs_node *list, const cs_finding *x, double points)
{
	cs_node *d = cs_node_new_map();
	char pts[32];
	int error;
	if (!d || (error = cs_node_push(list, d)) < 0) {
		cs_node_free(d);
		return CS_ENOMEM;
	}
	snprintf(pts, sizeof(pts), "%g", points);
	if ((error = set_str(d, "rule", x->rule)) < 0 || (error = set_str(d, "path", x->path)) < 0 ||
	    (x->record && (error = set_str(d, "record", x->record)) < 0) ||
	    (x->period && (error = set_str(d, "period", x->period)) < 0) ||
	    (error = cs_node_set(d, "points", cs_node_new_plain(pts))) < 0)
		return error;
	return set_str(d, "message", x->message);
}

static int cite_entry(cs_node *list, const cs_entry *e, const char *why, double points)
{
	cs_node *d = cs_node_new_map();
	char pts[32];
	int error;
	if (!d || (error = cs_node_push(list, d)) < 0) {
		cs_node_free(d);
		return CS_ENOMEM;
	}
	snprintf(pts, sizeof(pts), "%g", points);
	if ((error = set_str(d, "rule", why)) < 0 || (error = set_str(d, "path", e->path)) < 0 ||
	    (error = set_str(d, "record", e->id)) < 0)
		return error;
	return cs_node_set(d, "points", cs_node_new_plain(pts));
}

struct scored {
	cs_node *block;
	double score;
	const char *lawyer;
};

static int by_score(const void *va, const void *vb)
{
	const struct scored *a = va, *b = vb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(a->lawyer, b->lawyer);
}

/* The mean feedback score of the lawyer in [from, to], out of max (max
 * when there is none). */
static double feedback_points(const cs_snapshot *c, const char *lawyer, cs_day from, cs_day to,
			      double max)
{
	double sum = 0;
	size_t j, n = 0;
	for (j = 0; j < c->nentries; j++) {
		const cs_entry *e = &c->entries[j];
		if (e->is_void || strcmp(e->kind, "feedback") || !same(e->lawyer, lawyer) ||
		    e->day < from || e->day > to || !e->has_score)
			continue;
		sum += (double)e->score;
		n++;
	}
	return n ? max * (sum / (double)n) / 5.0 : max;
}

/* What the lawyer's failed spot checks in [from, to] take off pts, cited. */
static int spot_check_points(const cs_snapshot *c, const char *lawyer, cs_day from, cs_day to,
			     double per, double *pts, cs_node *cites)
{
	size_t j;
	int error = 0;
	for (j = 0; j < c->nentries && !error; j++) {
		const cs_entry *e = &c->entries[j];
		double lose;
		if (e->is_void || strcmp(e->kind, "spot-check") || !same(e->lawyer, lawyer) ||
		    e->day < from || e->day > to || !same(e->field[CS_EF_RESULT], "fail"))
			continue;
		lose = *pts < per ? *pts : per;
		*pts -= lose;
		error = cite_entry(cites, e, "spot-check", lose);
	}
	return error;
}

/* One item of the rubric for the lawyer: a row of items, its points added to *total. */
static int assess_item(cs_snapshot *c, const cs_findings *f, const char *lawyer, cs_day from,
		       cs_day to, const struct rubric_item *di, cs_node *items, double *total)
{
	const cs_node *conf = rubric(c, "items");
	const cs_node *it = conf ? cs_node_get(conf, di->item) : NULL;
	double max = num(it ? cs_node_get(it, "points") : NULL, (double)di->points);
	double per = num(it ? cs_node_get(it, "per_finding") : NULL, di->per);
	double pts = max;
	cs_node *row = cs_node_new_map(), *cites = cs_node_new_seq();
	char buf[32];
	size_t j;
	int error = 0;
	if (!row || !cites || (error = cs_node_push(items, row)) < 0) {
		cs_node_free(row);
		cs_node_free(cites);
		return CS_ENOMEM;
	}
	if (di->rule) {
		for (j = 0; j < f->n && !error; j++)
			if (same(f->v[j].rule, di->rule) && same(f->v[j].lawyer, lawyer)) {
				double lose = pts < per ? pts : per;
				pts -= lose;
				error = cite(cites, &f->v[j], lose);
			}
	} else if (!strcmp(di->item, "feedback")) {
		pts = feedback_points(c, lawyer, from, to, max);
	} else {
		error = spot_check_points(c, lawyer, from, to, per, &pts, cites);
	}
	pts = (double)(long long)(pts * 10 + 0.5) / 10;
	*total += pts;
	snprintf(buf, sizeof(buf), "%g", pts);
	if (!error)
		error = set_str(row, "item", di->item);
	if (!error)
		error = cs_node_set(row, "points", cs_node_new_plain(buf));
	snprintf(buf, sizeof(buf), "%g", max);
	if (!error)
		error = cs_node_set(row, "max", cs_node_new_plain(buf));
	if (!error)
		return cs_node_set(row, "deductions", cites);
	cs_node_free(cites);
	return error;
}

static int assess_lawyer(cs_snapshot *c, const cs_findings *f, const char *lawyer,
			 cs_day from, cs_day to, struct scored *out)
{
	cs_node *b = cs_node_new_map(), *items = cs_node_new_seq(), *ded = cs_node_new_seq();
	cs_node *reasons = cs_node_new_seq();
	const cs_node *lw = cs_snapshot_find(c, "lawyer", lawyer);
	double total = 0;
	size_t i, j;
	int error = 0, replace = 0;
	char buf[32];
	if (!b || !items || !ded || !reasons) {
		error = CS_ENOMEM;
		goto fail;
	}
	for (i = 0; i < sizeof(default_items) / sizeof(default_items[0]) && !error; i++)
		error = assess_item(c, f, lawyer, from, to, &default_items[i], items, &total);
	for (i = 0; i < sizeof(default_deductions) / sizeof(default_deductions[0]) && !error; i++) {
		const cs_node *conf = rubric(c, "deductions");
		double per = num(conf ? cs_node_get(conf, default_deductions[i].rule) : NULL,
				 default_deductions[i].points);
		for (j = 0; j < f->n && !error; j++)
			if (same(f->v[j].rule, default_deductions[i].rule) && same(f->v[j].lawyer, lawyer)) {
				total -= per;
				error = cite(ded, &f->v[j], per);
			}
	}
	for (j = 0; j < f->n && !error; j++)
		if (same(f->v[j].rule, "art21.replace") && same(f->v[j].lawyer, lawyer)) {
			replace = 1;
			error = cs_node_push(reasons, cs_node_new_str(f->v[j].message));
		}
	if (error < 0)
		goto fail;
	if (total < 0)
		total = 0;
	total = (double)(long long)(total * 10 + 0.5) / 10;
	snprintf(buf, sizeof(buf), "%g", total);
	if ((error = set_str(b, "lawyer", lawyer)) < 0 ||
	    (error = set_str(b, "name", str(lw, "name"))) < 0 ||
	    (error = set_str(b, "firm", str(lw, "firm"))) < 0 ||
	    (error = cs_node_set(b, "score", cs_node_new_plain(buf))) < 0 ||
	    (error = adopt(b, "items", &items)) < 0)
		goto fail;
	if ((error = adopt(b, "deductions", &ded)) < 0)
		goto fail;
	if ((error = cs_node_set(b, "replace", cs_node_new_bool(replace))) < 0 ||
	    (error = adopt(b, "replace_reasons", &reasons)) < 0)
		goto fail;
	out->block = b;
	out->score = total;
	out->lawyer = lawyer;
	return 0;
fail:
	cs_node_free(b);
	cs_node_free(items);
	cs_node_free(ded);
	cs_node_free(reasons);
	return error;
}

int cs_report_assess(cs_snapshot *c, int year, cs_node **out)
{
	cs_findings f;
	struct scored *s = NULL;
	cs_node *r = NULL, *list = NULL, *commend = NULL, *replace = NULL;
	cs_day from = cs_date_from_ymd(year, 1, 1), to = cs_date_from_ymd(year, 12, 31);
	int error;
	double min = num(rubric(c, "commend_min"), 90);
	size_t i, n = 0;
	char y[8];
	*out = NULL;
	cs_findings_init(&f);
	if ((error = pass_over(c, from, to, NULL, &f)) < 0)
		goto cleanup;
	if (!(s = cs_calloc(c->nlawyers + 1, sizeof(*s))) || !(r = cs_node_new_map()) ||
	    !(list = cs_node_new_seq()) || !(commend = cs_node_new_seq()) ||
	    !(replace = cs_node_new_seq())) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i < c->nlawyers && !error; i++) {
		const char *l = str(c->lawyers[i], "id");
		if (!l || !cs_snapshot_lawyer_paired(c, l, from, to))
			continue;
		if ((error = assess_lawyer(c, &f, l, from, to, &s[n])) == 0)
			n++;
	}
	if (error < 0)
		goto cleanup;
	qsort(s, n, sizeof(*s), by_score);
	for (i = 0; i < n && !error; i++) {
		int cm = s[i].score >= min && !cs_node_true(cs_node_get(s[i].block, "replace"));
		if ((error = set_int(s[i].block, "rank", (long long)i + 1)) < 0 ||
		    (error = cs_node_set(s[i].block, "commend", cs_node_new_bool(cm))) < 0)
			break;
		if (cm && (error = cs_node_push(commend, cs_node_new_str(s[i].lawyer))) < 0)
			break;
		if (cs_node_true(cs_node_get(s[i].block, "replace")) &&
		    (error = cs_node_push(replace, cs_node_new_str(s[i].lawyer))) < 0)
			break;
		if ((error = cs_node_push(list, s[i].block)) < 0)
			break;
		s[i].block = NULL;
	}
	if (error < 0)
		goto cleanup;
	snprintf(y, sizeof(y), "%04d", year % 10000);
	if ((error = set_str(r, "kind", "assessment-report")) < 0 ||
	    (error = cs_node_set(r, "year", cs_node_new_int(year))) < 0 ||
	    (error = set_str(r, "source_commit", c->rev[0] ? c->rev : "worktree")) < 0 ||
	    (error = adopt(r, "lawyers", &list)) < 0)
		goto cleanup;
	if ((error = adopt(r, "commendation_candidates", &commend)) < 0)
		goto cleanup;
	if ((error = adopt(r, "replacement_candidates", &replace)) < 0)
		goto cleanup;
	*out = r;
	r = NULL;
cleanup:
	for (i = 0; s && i < n; i++)
		cs_node_free(s[i].block);
	free(s);
	cs_findings_free(&f);
	cs_node_free(r);
	cs_node_free(list);
	cs_node_free(commend);
	cs_node_free(replace);
	return error;
}

/* --- stipends (Art 5(5)) ---------------------------------------------------- */

static double rate(const cs_snapshot *c, const char *key, double dflt)
{
	const cs_node *s = c->config ? cs_node_get(c->config, "stipend") : NULL;
	return num(s ? cs_node_get(s, key) : NULL, dflt);
}

static int money(cs_node *map, const char *key, double v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%.2f", v);
	return cs_node_set(map, key, cs_node_new_plain(buf));
}

struct stipend_rates {
	double half, lecture, training;   /* per half day, lecture, training */
	long long need;                   /* the minutes of a half day */
};

/* The paid entries of the lawyer in [from, to] into entries; the units of each kind. */
static int stipend_entries(const cs_snapshot *c, const char *l, cs_day from, cs_day to,
			   long long need, cs_node *entries, long long units_of[3])
{
	size_t k;
	int error = 0;
	for (k = 0; k < c->nentries && !error; k++) {
		const cs_entry *e = &c->entries[k];
		long long units = 0;
		cs_node *row;
		char date[11];
		if (e->is_void || !same(e->lawyer, l) || e->day < from || e->day > to)
			continue;
		if (!strcmp(e->kind, "office-hours") && e->start >= 0 && e->end > e->start)
			units_of[0] += units = (e->end - e->start) / need;
		else if (!strcmp(e->kind, "lecture"))
			units_of[1] += units = 1;
		else if (!strcmp(e->kind, "training"))
			units_of[2] += units = 1;
		if (!units)
			continue;
		cs_date_format(e->day, date);
		if (!(row = cs_node_new_map()) || (error = cs_node_push(entries, row)) < 0) {
			cs_node_free(row);
			return CS_ENOMEM;
		}
		if ((error = set_str(row, "id", e->id)) < 0 ||
		    (error = set_str(row, "date", date)) < 0 ||
		    (error = set_str(row, "kind", e->kind)) < 0 ||
		    (error = set_int(row, "units", units)) < 0)
			break;
	}
	return error;
}

/* A paired lawyer's claim for the month, pushed onto lawyers; its amount added to *sum. */
static int stipend_lawyer(const cs_snapshot *c, const cs_node *lawyer, cs_day from, cs_day to,
			  const struct stipend_rates *rt, cs_node *lawyers, double *sum)
{
	const char *l = str(lawyer, "id");
	long long units[3] = { 0, 0, 0 };
	cs_node *lb, *entries;
	double amount;
	int error;
	if (!cs_snapshot_lawyer_paired(c, l, from, to))
		return 0;
	if (!(lb = cs_node_new_map()) || (error = cs_node_push(lawyers, lb)) < 0) {
		cs_node_free(lb);
		return CS_ENOMEM;
	}
	if (!(entries = cs_node_new_seq()))
		return CS_ENOMEM;
	if ((error = stipend_entries(c, l, from, to, rt->need, entries, units)) < 0) {
		cs_node_free(entries);
		return error;
	}
	amount = (double)units[0] * rt->half + (double)units[1] * rt->lecture +
		 (double)units[2] * rt->training;
	*sum += amount;
	if ((error = set_str(lb, "lawyer", l)) < 0 || (error = set_str(lb, "name", str(lawyer, "name"))) < 0 ||
	    (error = set_int(lb, "half_days", units[0])) < 0 ||
	    (error = set_int(lb, "lectures", units[1])) < 0 ||
	    (error = set_int(lb, "trainings", units[2])) < 0 ||
	    (error = money(lb, "amount", amount)) < 0) {
		cs_node_free(entries);
		return error;
	}
	return cs_node_set(lb, "entries", entries);
}

int cs_report_stipend(cs_snapshot *c, int year, int month, cs_node **out)
{
	cs_day from = cs_date_from_ymd(year, month, 1);
	cs_day to = cs_date_from_ymd(year, month, cs_date_days_in_month(year, month));
	struct stipend_rates rt = { rate(c, "half_day", 200), rate(c, "lecture", 300),
				    rate(c, "training", 300),
				    cs_snapshot_param(c, "half_day_minutes") };
	double grand = 0;
	cs_node *r = cs_node_new_map(), *firms = cs_node_new_seq(), *rates = cs_node_new_map();
	char name[16];
	size_t i, j;
	int error = 0;
	*out = NULL;
	if (!r || !firms || !rates) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if ((error = refuse_invalid(c, from, to)) < 0)
		goto cleanup;
	for (i = 0; i < c->nfirms && !error; i++) {
		const char *firm = str(c->firms[i], "id");
		cs_node *fb = cs_node_new_map(), *lawyers = cs_node_new_seq();
		double famount = 0;
		if (!fb || !lawyers || (error = cs_node_push(firms, fb)) < 0) {
			cs_node_free(fb);
			cs_node_free(lawyers);
			error = CS_ENOMEM;
			break;
		}
		for (j = 0; j < c->nlawyers && !error; j++)
			if (same(str(c->lawyers[j], "firm"), firm))
				error = stipend_lawyer(c, c->lawyers[j], from, to, &rt, lawyers, &famount);
		grand += famount;
		if (error < 0) {
			cs_node_free(lawyers);
			break;
		}
		if ((error = set_str(fb, "firm", firm)) < 0 ||
		    (error = set_str(fb, "name", str(c->firms[i], "name"))) < 0 ||
		    (error = money(fb, "amount", famount)) < 0 ||
		    (error = cs_node_set(fb, "lawyers", lawyers)) < 0) {
			cs_node_free(lawyers);
			break;
		}
	}
	if (error < 0)
		goto cleanup;
	snprintf(name, sizeof(name), "%04d-%02d", year % 10000, month % 100);
	if ((error = money(rates, "half_day", rt.half)) < 0 ||
	    (error = money(rates, "lecture", rt.lecture)) < 0 ||
	    (error = money(rates, "training", rt.training)) < 0 ||
	    (error = set_str(rates, "currency", str(cs_node_get(c->config, "stipend"), "currency") ?
			     str(cs_node_get(c->config, "stipend"), "currency") : "CNY")) < 0)
		goto cleanup;
	if ((error = set_str(r, "kind", "stipend-claims")) < 0 ||
	    (error = set_str(r, "month", name)) < 0 ||
	    (error = set_str(r, "source_commit", c->rev[0] ? c->rev : "worktree")) < 0 ||
	    (error = adopt(r, "rates", &rates)) < 0)
		goto cleanup;
	if ((error = adopt(r, "firms", &firms)) < 0)
		goto cleanup;
	if ((error = money(r, "total", grand)) < 0)
		goto cleanup;
	*out = r;
	r = NULL;
cleanup:
	cs_node_free(r);
	cs_node_free(firms);
	cs_node_free(rates);
	return error;
}

/* --- the service contact card (Art 7(1)) ---------------------------------- */

static const char *const duties[] = {
	"为居民和社区居委会提供法律咨询",
	"帮助困难群众获得法律援助，协助人民调解委员会调解矛盾纠纷",
	"定期开展法制宣传，培训社区工作人员",
	"协助起草、修订、审核社区公约、规章和法律文书，参与重大项目和合同的谈判签约",
	"调查研究基层矛盾化解情况和居民法律需求",
	NULL
};

int cs_report_card(cs_snapshot *c, const char *community, cs_node **out)
{
	const cs_node *cm = cs_snapshot_find(c, "community", community), *pair = NULL, *lw, *firm, *office;
	cs_node *r = NULL, *d = NULL;
	size_t i;
	char on[11];
	int error;
	*out = NULL;
	if (!cm)
		return cs_error_set(CS_ENOTFOUND, "no such community '%s'", community);
	for (i = 0; i < c->nassignments; i++)
		if (same(str(c->assignments[i], "community"), community) &&
		    cs_pairing_active_on(c->assignments[i], c->now.day))
			pair = c->assignments[i];
	cs_date_format(c->now.day, on);
	if (!pair)
		return cs_error_set(CS_ENOTFOUND, "community '%s' has no lawyer on %s", community, on);
	lw = cs_snapshot_find(c, "lawyer", str(pair, "lawyer"));
	firm = cs_snapshot_find(c, "firm", str(pair, "firm"));
	office = cs_snapshot_find(c, "office", str(cm, "office"));
	if (!(r = cs_node_new_map()) || !(d = cs_node_new_seq()))
		goto nomem;
	for (i = 0; duties[i]; i++)
		if (cs_node_push(d, cs_node_new_str(duties[i])) < 0)
			goto nomem;
	if ((error = set_str(r, "kind", "contact-card")) < 0 ||
	    (error = set_str(r, "community", community)) < 0 ||
	    (error = set_str(r, "community_name", str(cm, "name"))) < 0 ||
	    (error = set_str(r, "office", str(cm, "office"))) < 0 ||
	    (error = set_str(r, "office_name", str(office, "name"))) < 0 ||
	    (error = set_str(r, "lawyer", str(pair, "lawyer"))) < 0 ||
	    (error = set_str(r, "name", str(lw, "name"))) < 0 ||
	    (error = set_str(r, "photo", str(lw, "photo"))) < 0 ||
	    (error = set_str(r, "phone", str(lw, "phone"))) < 0 ||
	    (error = set_str(r, "email", str(lw, "email"))) < 0 ||
	    (error = set_str(r, "firm", str(pair, "firm"))) < 0 ||
	    (error = set_str(r, "firm_name", str(firm, "name"))) < 0 ||
	    (error = set_str(r, "schedule", str(pair, "schedule"))) < 0 ||
	    (error = set_str(r, "place", str(pair, "place"))) < 0 ||
	    (error = set_str(r, "workroom", str(cm, "workroom"))) < 0 ||
	    (error = set_str(r, "on", on)) < 0 ||
	    (error = adopt(r, "duties", &d)) < 0)
		goto fail;
	*out = r;
	return 0;
nomem:
	error = CS_ENOMEM;
fail:
	cs_node_free(r);
	cs_node_free(d);
	return error;
}

int cs_report_weeks(const cs_node *report, cs_node **out)
{
	const cs_node *items = cs_node_get(report, "items");
	const char *month = str(report, "month");
	cs_node *m = cs_node_new_map();
	size_t i;
	int y, mo;
	if (!m)
		return CS_ENOMEM;
	/* every week that touches the month, even without activity */
	if (month && cs_month_parse(month, &y, &mo) == 0) {
		cs_day d = cs_date_week_monday(cs_date_from_ymd(y, mo, 1));
		cs_day last = cs_date_from_ymd(y, mo, cs_date_days_in_month(y, mo));
		char monday[11];
		for (; d <= last; d += 7) {
			cs_date_format(d, monday);
			if (set_int(m, monday, 0) < 0) {
				cs_node_free(m);
				return CS_ENOMEM;
			}
		}
	}
	for (i = 0; items && items->type == CS_NODE_SEQ && i < items->count; i++) {
		const char *date = str(items->items[i], "date");
		const cs_kind *k = cs_kind_find(str(items->items[i], "kind"));
		cs_day d;
		char monday[11];
		cs_node *cur;
		long long n = 0;
		if (!k || !k->service || !date || cs_date_parse(date, &d) < 0)
			continue;
		cs_date_format(cs_date_week_monday(d), monday);
		if ((cur = cs_node_get(m, monday)))
			cs_node_int(cur, &n);
		if (set_int(m, monday, n + 1) < 0) {
			cs_node_free(m);
			return CS_ENOMEM;
		}
	}
	cs_error_clear();
	*out = m;
	return 0;
}
