/* The rules of the regulation (DESIGN 6), one function per rule id. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "directory.h"
#include "error.h"
#include "record.h"
#include "snapshot_impl.h"

#define FOREVER CS_DAY_MAX

typedef struct {
	const cs_node *rec;
	const char *id, *lawyer, *community, *place;
	cs_day from, to;
	char path[128];
} pairing;

static int load_pairings(const cs_snapshot *c, pairing **out, size_t *n)
{
	size_t i;
	*n = 0;
	if (!(*out = cs_calloc(c->nassignments, sizeof(**out))))
		return CS_ENOMEM;
	for (i = 0; i < c->nassignments; i++) {
		const cs_node *a = c->assignments[i];
		pairing *p = &(*out)[*n];
		if (!cs_pairing_range(a, &p->from, &p->to))
			continue;
		p->rec = a;
		p->id = cs_node_get_str(a, "id");
		p->lawyer = cs_node_get_str(a, "lawyer");
		p->community = cs_node_get_str(a, "community");
		p->place = cs_node_get_str(a, "place");
		if (!p->id || !p->lawyer || !p->community)
			continue;
		snprintf(p->path, sizeof(p->path), "records/assignments/%s.yaml", p->id);
		(*n)++;
	}
	return 0;
}

static int active(const pairing *p, cs_day day)
{
	return day >= p->from && day <= p->to;
}

/* Days of [from, to] the pairing is active. */
static int active_days(const pairing *p, cs_day from, cs_day to)
{
	cs_day a = p->from > from ? p->from : from, b = p->to < to ? p->to : to;
	return b >= a ? b - a + 1 : 0;
}

static int same(const char *a, const char *b)
{
	return a && b && (a == b || !strcmp(a, b));
}

/* YYYY then sep and NN into out (snprintf here was a tenth of a year report). */
static void year_and(int y, char sep, int n, char out[16])
{
	y %= 10000;
	if (y < 0)
		y = -y;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = sep;
	out[sep ? 6 : 5] = (char)('0' + n / 10 % 10);
	out[sep ? 7 : 6] = (char)('0' + n % 10);
	out[sep ? 8 : 7] = '\0';
}

static void week_name(cs_day monday, char out[16])
{
	int y, w;
	cs_date_iso_week(monday, &y, &w);
	year_and(y, 'W', w, out);
}

static void month_name(int y, int m, char out[16])
{
	year_and(y, 0, m, out);
}

static const char *str(const cs_node *rec, const char *key)
{
	return cs_node_get_str(rec, key);
}

static size_t line_of(const cs_node *rec, const char *field)
{
	const cs_node *v = rec ? cs_node_get(rec, field) : NULL;
	return v ? v->line : (rec && rec->line ? rec->line : 1);
}

static int calendar_finding(cs_findings *out, const char *rule)
{
	char msg[512];
	snprintf(msg, sizeof(msg), "%s", cs_error_last());
	cs_error_clear();
	return cs_finding_add(out, "calendar", 0, CS_SEV_ERROR, rule, NULL, NULL, NULL, NULL,
			      "%s", msg);
}

/* The entries of one kind, in the order of c->entries (by day): what the
 * rules that count a kind in a period search, in O(log n) a period instead
 * of a pass over every entry. */
typedef struct {
	const cs_entry **v;
	size_t n;
} kind_list;

/* What one run of the rules shares: the store judged and the lists built. */
typedef struct {
	cs_snapshot *c;
	const cs_check_opts *o;      /* the rules, the period, the day judged */
	/* every kind's list, made at the first asked for: one array of the
	 * entries not void, grouped by kind (kinds[k] a view into it) */
	const cs_entry **by_kind;
	kind_list *kinds;
	size_t nkinds;
} rules_ctx;

static void ctx_free(rules_ctx *x)
{
	free(x->by_kind);
	free(x->kinds);
	x->by_kind = NULL;
	x->kinds = NULL;
	x->nkinds = 0;
}

/* The lists of every kind: counted, then filled, in two passes over the
 * entries for all kinds (not two a kind). */
static int make_kind_lists(rules_ctx *x)
{
	const cs_snapshot *c = x->c;
	const cs_kind *all = cs_kinds();
	size_t n = 0, i, at = 0;
	while (all[n].name)
		n++;
	if (!(x->kinds = cs_calloc(n, sizeof(*x->kinds))) ||
	    !(x->by_kind = cs_calloc(c->nentries ? c->nentries : 1, sizeof(*x->by_kind)))) {
		ctx_free(x);
		return CS_ENOMEM;
	}
	for (i = 0; i < c->nentries; i++)
		if (!c->entries[i].is_void && c->entries[i].kind_ix >= 0 &&
		    (size_t)c->entries[i].kind_ix < n)
			x->kinds[c->entries[i].kind_ix].n++;
	for (i = 0; i < n; i++) {
		x->kinds[i].v = x->by_kind + at;
		at += x->kinds[i].n;
		x->kinds[i].n = 0;
	}
	for (i = 0; i < c->nentries; i++) {
		const cs_entry *e = &c->entries[i];
		if (!e->is_void && e->kind_ix >= 0 && (size_t)e->kind_ix < n) {
			kind_list *l = &x->kinds[e->kind_ix];
			l->v[l->n++] = e;
		}
	}
	x->nkinds = n;
	return 0;
}

/* The list of kind, in day order; NULL when out of memory. */
static const kind_list *of_kind(rules_ctx *x, const char *kind)
{
	static const kind_list none;
	int ix = cs_kind_index(kind);
	if (!x->kinds && make_kind_lists(x) < 0)
		return NULL;
	return ix >= 0 && (size_t)ix < x->nkinds ? &x->kinds[ix] : &none;
}

/* The first of l on or after day. */
static size_t first_on(const kind_list *l, cs_day day)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->v[mid]->day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Art 9: half a day of office hours at the workroom every week. */
static int cs_rule_art9_office_hours(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	long long need = cs_snapshot_param(c, "half_day_minutes");
	const kind_list *hours = of_kind(x, "office-hours");
	pairing *ps = NULL;
	size_t np, i, j;
	int error;
	if (!hours)
		return CS_ENOMEM;
	if ((error = load_pairings(c, &ps, &np)) < 0)
		return error;
	for (i = 0; i < np && !error; i++) {
		const pairing *p = &ps[i];
		const cs_node *community = cs_snapshot_find(c, "community", p->community);
		const char *workroom = community ? str(community, "workroom") : NULL;
		cs_day monday = cs_date_week_monday(p->from), last = p->to;
		if (last > o->today)
			last = o->today;
		for (; monday <= last && !error; monday += 7) {
			cs_day thursday = monday + 3, d;
			int work = 0, w = 0, minutes = 0;
			char week[16], a[11], b[11];
			if (monday + 6 >= o->today)
				break; /* not ended yet */
			if (!active(p, thursday) || !cs_check_in_period(o, thursday))
				continue;
			for (d = monday; d <= monday + 6; d++) {
				if ((error = cs_calendar_is_workday(c->cal, d, &w)) < 0)
					break;
				work += w;
			}
			if (error < 0) {
				error = calendar_finding(out, "art9.office-hours");
				break;
			}
			if (!work)
				continue; /* a week without a working day is exempt */
			for (j = first_on(hours, monday); j < hours->n && hours->v[j]->day <= monday + 6; j++) {
				const cs_entry *e = hours->v[j];
				const char *place;
				if (!same(e->lawyer, p->lawyer) || !same(e->community, p->community) ||
				    e->start < 0 || e->end <= e->start)
					continue;
				place = e->field[CS_EF_PLACE];
				if (place && !same(place, workroom) && !same(place, p->place))
					continue;
				minutes += e->end - e->start;
			}
			if (minutes >= need)
				continue;
			week_name(monday, week);
			cs_date_format(monday, a);
			cs_date_format(monday + 6, b);
			error = cs_finding_add(out, p->path, 1, CS_SEV_ERROR, "art9.office-hours",
					       p->id, p->lawyer, p->community, week,
					       "week %s (%s to %s): %d minutes of office hours at the workroom, less than %lld",
					       week, a, b, minutes, need);
		}
	}
	free(ps);
	return error;
}

/* Count entries of kind in community within [from, to] (not void); -1
 * when out of memory. */
static int count_kind(rules_ctx *x, const char *kind, const char *community,
		      cs_day from, cs_day to)
{
	const kind_list *l = of_kind(x, kind);
	size_t j;
	int n = 0;
	if (!l)
		return -1;
	for (j = first_on(l, from); j < l->n && l->v[j]->day <= to; j++)
		if (same(l->v[j]->community, community))
			n++;
	return n;
}

/* A calendar quarter (months 3), half year (6) or year (12), named as the
 * findings name it: 2026-Q3, 2026-H2, 2026. */
typedef struct {
	int y, m, months;
	cs_day from, to;
	char name[32];
} span;

static void span_at(span *s, int y, int m, int months)
{
	int em = m + months - 1;
	s->y = y;
	s->m = m;
	s->months = months;
	s->from = cs_date_from_ymd(y, m, 1);
	s->to = cs_date_from_ymd(y, em, cs_date_days_in_month(y, em));
	if (months == 3)
		snprintf(s->name, sizeof(s->name), "%04d-Q%d", y % 10000, (m - 1) / 3 + 1);
	else if (months == 6)
		snprintf(s->name, sizeof(s->name), "%04d-H%d", y % 10000, (m - 1) / 6 + 1);
	else
		snprintf(s->name, sizeof(s->name), "%04d", y % 10000);
}

/* The span of that length holding day, and the one after s. */
static void span_of(span *s, cs_day day, int months)
{
	int y, m, d;
	cs_date_to_ymd(day, &y, &m, &d);
	span_at(s, y, ((m - 1) / months) * months + 1, months);
}

static void span_next(span *s)
{
	int y = s->y, m = s->m + s->months;
	if (m > 12) {
		m -= 12;
		y++;
	}
	span_at(s, y, m, s->months);
}

/* A quarter or year is due when the pairing is active for at least half of it. */
static int per_period(rules_ctx *x, cs_findings *out, const char *rule, const char *kind,
		      long long need, int months)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	pairing *ps = NULL;
	size_t np, i;
	int error;
	if ((error = load_pairings(c, &ps, &np)) < 0)
		return error;
	for (i = 0; i < np && !error; i++) {
		const pairing *p = &ps[i];
		span q;
		for (span_of(&q, p->from, months); q.from <= p->to && q.to < o->today;
		     span_next(&q)) {
			int have;
			if (2 * active_days(p, q.from, q.to) < q.to - q.from + 1 ||
			    !cs_check_overlaps(o, q.from, q.to))
				continue;
			if ((have = count_kind(x, kind, p->community, q.from, q.to)) < 0) {
				error = CS_ENOMEM;
				break;
			}
			if (have >= need)
				continue;
			if (!strcmp(kind, "lecture"))
				error = cs_finding_add(out, p->path, 1, CS_SEV_ERROR, rule, p->id,
						       p->lawyer, p->community, q.name,
						       "%s: %d lecture(s) in community '%s', fewer than %lld",
						       q.name, have, p->community, need);
			else
				error = cs_finding_add(out, p->path, 1, CS_SEV_ERROR, rule, p->id,
						       p->lawyer, p->community, q.name,
						       "%s: %d training(s) in community '%s', fewer than %lld",
						       q.name, have, p->community, need);
			if (error < 0)
				break;
		}
	}
	free(ps);
	return error;
}

/* Art 9: a lecture in the community every quarter. */
static int cs_rule_art9_lecture(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	return per_period(x, out, "art9.lecture", "lecture",
			  cs_snapshot_param(c, "lectures_per_quarter"), 3);
}

/* Art 9: a training of mediators and community workers every year. */
static int cs_rule_art9_training(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	return per_period(x, out, "art9.training", "training",
			  cs_snapshot_param(c, "trainings_per_year"), 12);
}

static void entry_month(const cs_entry *e, char out[16])
{
	int y, m, d;
	cs_date_to_ymd(e->day, &y, &m, &d);
	month_name(y, m, out);
}

/* Art 10: a request accepted within two working days of its receipt. */
static int cs_rule_art10_accept(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	long long n = cs_snapshot_param(c, "accept_working_days");
	size_t j;
	int error = 0, ix = cs_kind_index("request");
	for (j = 0; j < c->nentries && !error; j++) {
		const cs_entry *e = &c->entries[j];
		const char *r, *acc;
		cs_day deadline;
		char month[16], dl[11];
		if (e->is_void || e->kind_ix != ix)
			continue;
		r = e->field[CS_EF_RECEIVED_AT];
		if (!cs_check_in_period(o, e->received_day))
			continue;
		if (e->deadline_error) {
			/* asked again for the calendar's message, which names the file */
			cs_calendar_nth_workday_after(c->cal, e->received_day, (int)n, &deadline);
			error = calendar_finding(out, "art10.accept");
			continue;
		}
		deadline = e->deadline;
		acc = e->field[CS_EF_ACCEPTED_AT];
		if (!(e->accepted ? e->accepted_day > deadline : o->today > deadline))
			continue;
		/* named only for a finding */
		cs_date_format(deadline, dl);
		entry_month(e, month);
		if (e->accepted) {
			error = cs_finding_add(out, e->path, cs_entry_line(e, CS_EF_ACCEPTED_AT),
					       CS_SEV_ERROR, "art10.accept", e->id, e->lawyer,
					       e->community, month,
					       "request received %s accepted %s, after the deadline %s (%lld working days)",
					       r ? r : "?", acc, dl, n);
		} else {
			error = cs_finding_add(out, e->path, cs_entry_line(e, CS_EF_RECEIVED_AT),
					       CS_SEV_ERROR, "art10.accept", e->id, e->lawyer,
					       e->community, month,
					       "request received %s not accepted by the deadline %s (%lld working days)",
					       r ? r : "?", dl, n);
		}
	}
	return error;
}

/* Art 11: every service signed by a head of its community within a week. */
/* The month and date of e, named for a finding (only then: most entries
 * have none); always 1. */
static int names(const cs_entry *e, char month[16], char date[11])
{
	entry_month(e, month);
	cs_date_format(e->day, date);
	return 1;
}

static int cs_rule_art11_signed(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	long long within = cs_snapshot_param(c, "sign_within_days");
	const cs_node *community, **heads_of = cs_calloc(c->ncommunities + 1, sizeof(*heads_of));
	size_t j, k;
	int error = 0;
	if (!heads_of)
		return CS_ENOMEM;
	/* each community's heads, looked up once, not for each entry */
	for (j = 0; j < c->ncommunities; j++)
		heads_of[j] = cs_node_get(c->communities[j], "heads");
	for (j = 0; j < c->nentries && !error; j++) {
		const cs_entry *e = &c->entries[j];
		const char *by, *at;
		const cs_node *heads;
		cs_time signed_at;
		char month[16], date[11];
		int head = 0;
		if (e->is_void || !e->service || !cs_check_in_period(o, e->day))
			continue;
		by = e->field[CS_EF_SIGNED_BY];
		at = e->field[CS_EF_SIGNED_AT];
		if (!by) {
			if (o->today - e->day > within && names(e, month, date))
				error = cs_finding_add(out, e->path, 1, CS_SEV_ERROR, "art11.signed",
						       e->id, e->lawyer, e->community, month,
						       "%s of %s not signed within %lld days", e->kind,
						       date, within);
			continue;
		}
		community = e->community_ix >= 0 ? c->communities[e->community_ix] : NULL;
		heads = community ? heads_of[e->community_ix] : NULL;
		for (k = 0; !head && heads && heads->type == CS_NODE_SEQ && k < heads->count; k++)
			head = heads->items[k]->type == CS_NODE_SCALAR && !strcmp(heads->items[k]->str, by);
		if (community && !head && names(e, month, date)) {
			error = cs_finding_add(out, e->path, cs_entry_line(e, CS_EF_SIGNED_BY), CS_SEV_ERROR,
					       "art11.signed", e->id, e->lawyer, e->community, month,
					       "signed by '%s', who is not a head of community '%s'",
					       by, e->community);
			continue;
		}
		if (at && cs_datetime_parse(at, &signed_at) == 0 && signed_at.day - e->day > within &&
		    names(e, month, date))
			error = cs_finding_add(out, e->path, cs_entry_line(e, CS_EF_SIGNED_AT), CS_SEV_ERROR,
					       "art11.signed", e->id, e->lawyer, e->community, month,
					       "%s of %s signed %s, more than %lld days later", e->kind,
					       date, at, within);
		cs_error_clear();
	}
	free(heads_of);
	return error;
}

/* Art 11: one matter one record, one visit one record. */
/* Two entries of one lawyer on one day: the same service twice, or one
 * service in two communities at once. */
static int one_record_pair(cs_findings *out, const cs_entry *a, const cs_entry *b)
{
	char month[16];
	if (same(a->community, b->community) && a->kind_ix == b->kind_ix &&
	    a->start == b->start && a->end == b->end && (entry_month(b, month), 1))
		return cs_finding_add(out, b->path, 1, CS_SEV_WARNING, "art11.one-record", b->id,
				      b->lawyer, b->community, month,
				      "the same %s as %s: one service, one record", b->kind,
				      a->id ? a->id : a->path);
	if (!same(a->community, b->community) && a->end > b->start && b->end > a->start &&
	    a->end >= 0 && b->end >= 0 && (entry_month(b, month), 1))
		return cs_finding_add(out, b->path, 1, CS_SEV_WARNING, "art11.one-record", b->id,
				      b->lawyer, b->community, month,
				      "overlaps %s in community '%s': one service recorded for two communities",
				      a->id ? a->id : a->path, a->community ? a->community : "?");
	return 0;
}

/* By lawyer, then in the order of the day (by start). */
static int by_lawyer(const void *x, const void *y)
{
	const cs_entry *a = *(const cs_entry *const *)x, *b = *(const cs_entry *const *)y;
	/* the directory's lawyers are sorted by slug: their places compare as
	 * their slugs do */
	int d = a->lawyer_ix >= 0 && b->lawyer_ix >= 0 ? (a->lawyer_ix > b->lawyer_ix) -
		(a->lawyer_ix < b->lawyer_ix) : strcmp(a->lawyer, b->lawyer);
	return d ? d : a < b ? -1 : a > b;
}

static int cs_rule_art11_one_record(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	const cs_entry **v, **w;
	size_t *at, i, j, k, m, g, h, nl = c->nlawyers;
	int error = 0;
	if (!c->nentries)
		return 0;
	v = cs_malloc(c->nentries * sizeof(*v));
	w = cs_malloc(c->nentries * sizeof(*w));
	at = cs_calloc(nl + 2, sizeof(*at));
	if (!v || !w || !at) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	/* entries are sorted by day, then start: each day's by lawyer (counted
	 * into their lawyers' places in the directory, in their order; those of
	 * a lawyer not in it first, sorted by slug) */
	for (i = 0; i < c->nentries && !error; i = k) {
		for (k = i; k < c->nentries && c->entries[k].day == c->entries[i].day; k++)
			;
		if (!cs_check_in_period(o, c->entries[i].day))
			continue;
		for (j = i, m = 0; j < k; j++)
			if (!c->entries[j].is_void && c->entries[j].lawyer && c->entries[j].start >= 0)
				v[m++] = &c->entries[j];
		memset(at, 0, (nl + 2) * sizeof(*at));
		for (j = 0; j < m; j++)
			at[v[j]->lawyer_ix + 2]++;
		for (j = 2; j < nl + 2; j++)
			at[j] += at[j - 1];
		for (j = 0; j < m; j++)
			w[at[v[j]->lawyer_ix + 1]++] = v[j];
		qsort(w, at[0], sizeof(*w), by_lawyer);
		for (g = 0; g < m && !error; g++)
			for (h = g + 1; h < m && !error && (w[g]->lawyer == w[h]->lawyer ||
							     !strcmp(w[g]->lawyer, w[h]->lawyer)); h++)
				error = one_record_pair(out, w[g], w[h]);
	}
cleanup:
	free(v);
	free(w);
	free(at);
	return error;
}

/* Art 13: never act against the paired community or its residents. */
static int cs_rule_art13_conflict(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	size_t j;
	int error = 0, ix = cs_kind_index("representation");
	for (j = 0; j < c->nentries && !error; j++) {
		const cs_entry *e = &c->entries[j];
		const char *type, *opposing;
		const cs_node *community;
		char month[16];
		if (e->is_void || e->kind_ix != ix || !cs_check_in_period(o, e->day))
			continue;
		type = e->field[CS_EF_OPPOSING_TYPE];
		opposing = e->field[CS_EF_OPPOSING];
		community = cs_snapshot_find(c, "community", e->community);
		entry_month(e, month);
		if (same(type, "resident"))
			error = cs_finding_add(out, e->path, cs_entry_line(e, CS_EF_OPPOSING_TYPE),
					       CS_SEV_ERROR, "art13.conflict", e->id, e->lawyer,
					       e->community, month,
					       "acts against a resident of the paired community '%s' "
					       "(the opposing party, named in the record)", e->community);
		else if (same(type, "community") &&
			 (same(opposing, e->community) ||
			  (community && same(opposing, str(community, "name")))))
			error = cs_finding_add(out, e->path, cs_entry_line(e, CS_EF_OPPOSING),
					       CS_SEV_ERROR, "art13.conflict", e->id, e->lawyer,
					       e->community, month,
					       "acts against the paired community '%s'", e->community);
	}
	return error;
}

/* GB 11643: 17 digits and a check character. */
static int id_number_at(const char *s)
{
	static const int w[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int sum = 0, i;
	for (i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += (s[i] - '0') * w[i];
	}
	return s[17] == check[sum % 11] || (check[sum % 11] == 'X' && s[17] == 'x');
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* 1: an ID number, 2: a mobile number, 0: none. */
static int personal_number(const char *s)
{
	size_t i, n = strlen(s);
	for (i = 0; i < n; i++) {
		if (i > 0 && is_digit(s[i - 1]))
			continue;
		if (i + 18 <= n && id_number_at(s + i) &&
		    (i + 18 == n || (!is_digit(s[i + 18]) && s[i + 18] != 'X' && s[i + 18] != 'x')))
			return 1;
		if (i + 11 <= n && s[i] == '1' && s[i + 1] >= '3' && s[i + 1] <= '9') {
			size_t k;
			for (k = 2; k < 11 && is_digit(s[i + k]); k++)
				;
			if (k == 11 && (i + 11 == n || !is_digit(s[i + 11])))
				return 2;
		}
	}
	return 0;
}

/* field.key into sub (size bytes), cut to fit: snprintf here was a tenth of
 * a year report */
static void join_field(char *sub, size_t size, const char *field, const char *key)
{
	size_t fl = strlen(field), kl = strlen(key), at;
	if (fl > size - 2)
		fl = size - 2;
	memcpy(sub, field, fl);
	at = fl;
	if (fl)
		sub[at++] = '.';
	if (kl > size - 1 - at)
		kl = size - 1 - at;
	memcpy(sub + at, key, kl);
	sub[at + kl] = '\0';
}

static int scan_privacy(cs_findings *out, const cs_entry *e, const cs_node *n,
			const char *field, const char *month)
{
	size_t i;
	int error = 0, kind;
	char sub[128];
	if (n->type == CS_NODE_SCALAR) {
		if ((kind = personal_number(n->str)) == 1)
			error = cs_finding_add(out, e->path, n->line ? n->line : 1, CS_SEV_ERROR,
					       "art15.privacy", e->id, e->lawyer, e->community, month,
					       "%s: an ID-card number in free text; keep it in the confidential target fields",
					       field);
		else if (kind == 2)
			error = cs_finding_add(out, e->path, n->line ? n->line : 1, CS_SEV_ERROR,
					       "art15.privacy", e->id, e->lawyer, e->community, month,
					       "%s: a mobile number in free text; keep it in the confidential target fields",
					       field);
		return error;
	}
	if (n->type == CS_NODE_SEQ) {
		for (i = 0; i < n->count && !error; i++)
			error = scan_privacy(out, e, n->items[i], field, month);
		return error;
	}
	for (i = 0; i < n->count && !error; i++) {
		const char *k = n->pairs[i].key;
		if (!*field && (!strcmp(k, "target") || !strcmp(k, "id") || !strcmp(k, "kind")))
			continue;
		join_field(sub, sizeof(sub), field, k);
		error = scan_privacy(out, e, n->pairs[i].value, sub, month);
	}
	return error;
}

int cs_rule_privacy_hit(const cs_node *rec, const char *path)
{
	cs_findings f;
	cs_entry e;
	int error;
	if (rec->type != CS_NODE_MAP)
		return 0;
	memset(&e, 0, sizeof(e));
	e.path = path;
	cs_findings_init(&f);
	error = scan_privacy(&f, &e, rec, "", NULL);
	if (!error)
		error = f.n > 0;
	cs_findings_free(&f);
	return error;
}

/* Art 15: residents' ID and phone numbers stay in the confidential fields. */
static int cs_rule_art15_privacy(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	size_t j;
	int error = 0;
	for (j = 0; j < c->nentries && !error; j++) {
		const cs_entry *e = &c->entries[j];
		char month[16];
		/* no record (a figures load's entry) or a clean one: judged by the
		 * cache, with this scan (cs_rule_privacy_hit), to hold no number */
		if (!e->rec || e->clean || !cs_check_in_period(o, e->day) ||
		    e->rec->type != CS_NODE_MAP)
			continue;
		entry_month(e, month);
		error = scan_privacy(out, e, e->rec, "", month);
	}
	return error;
}

/* Art 16: no gifts but silk banners. */
static int cs_rule_art16_gift(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	size_t j;
	int error = 0, ix = cs_kind_index("gift");
	for (j = 0; j < c->nentries && !error; j++) {
		const cs_entry *e = &c->entries[j];
		const char *item;
		char month[16];
		if (e->is_void || e->kind_ix != ix || !cs_check_in_period(o, e->day))
			continue;
		item = e->field[CS_EF_ITEM];
		if (item && strstr(item, "锦旗"))
			continue;
		entry_month(e, month);
		error = cs_finding_add(out, e->path, cs_entry_line(e, CS_EF_ITEM), CS_SEV_ERROR,
				       "art16.gift", e->id, e->lawyer, e->community, month,
				       "accepted a gift '%s': only a silk banner (锦旗) may be accepted",
				       item ? item : "?");
	}
	return error;
}

/* Art 17: a change is reported at least three days before it takes effect. */
static int cs_rule_art17_notice(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	long long notice = cs_snapshot_param(c, "notice_days");
	size_t i;
	int error = 0;
	for (i = 0; i < c->nchanges && !error; i++) {
		const cs_node *ch = c->changes[i];
		const char *filed = str(ch, "filed"), *effective = str(ch, "effective");
		const char *id = str(ch, "id");
		const cs_node *pairing_rec = NULL;
		size_t k;
		cs_day f, e;
		char path[128], month[16];
		int y, m, d;
		if (!filed || !effective || cs_date_parse(filed, &f) < 0 ||
		    cs_date_parse(effective, &e) < 0) {
			cs_error_clear();
			continue;
		}
		if (e - f >= notice || str(ch, "approved_by") || !cs_check_in_period(o, f) ||
		    same(str(ch, "outcome"), "refused"))
			continue;
		snprintf(path, sizeof(path), "records/changes/%s.yaml", id ? id : "?");
		cs_date_to_ymd(f, &y, &m, &d);
		month_name(y, m, month);
		/* who and where: the pairing changed, not the new value */
		for (k = 0; k < c->nassignments; k++)
			if (same(str(c->assignments[k], "id"), str(ch, "assignment")))
				pairing_rec = c->assignments[k];
		error = cs_finding_add(out, path, line_of(ch, "effective"), CS_SEV_ERROR,
				       "art17.notice", id, str(pairing_rec, "lawyer"),
				       str(pairing_rec, "community"), month,
				       "change filed %s takes effect %s, less than %lld days later, without an approval",
				       filed, effective, notice);
	}
	return error;
}

static int has_report(const cs_snapshot *c, const char *path)
{
	size_t i;
	for (i = 0; i < c->nreports; i++)
		if (!strcmp(c->report_paths[i], path))
			return 1;
	return 0;
}

static int report_due(rules_ctx *x, cs_findings *out, const char *scope, const char *slug,
		      int y, int m, long long day, const char *lawyer)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	char path[160], month[16], dl[11], filed[11];
	int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
	cs_day deadline = cs_date_from_ymd(ny, nm, (int)day), d;
	int error;
	month_name(y, m, month);
	snprintf(path, sizeof(path), "records/reports/%s/%s-%s.yaml", month, scope, slug);
	cs_date_format(deadline, dl);
	if (!has_report(c, path)) {
		if (o->today <= deadline)
			return 0;
		if (!strcmp(scope, "lawyer"))
			return cs_finding_add(out, path, 0, CS_SEV_ERROR, "art18.report", NULL, lawyer,
					      NULL, month, "the lawyer report of %s for %s was not filed by %s",
					      slug, month, dl);
		return cs_finding_add(out, path, 0, CS_SEV_ERROR, "art18.report", NULL, lawyer,
				      NULL, month, "the office report of %s for %s was not filed by %s",
				      slug, month, dl);
	}
	if (c->worktree)
		return 0;
	if ((error = cs_snapshot_first_filed(c, path, &d)) < 0)
		return error;
	if (error == 1) {
		if (d > deadline) {
			cs_date_format(d, filed);
			if (!strcmp(scope, "lawyer"))
				return cs_finding_add(out, path, 1, CS_SEV_ERROR, "art18.report", NULL,
						      lawyer, NULL, month,
						      "the lawyer report of %s for %s was filed %s, after the deadline %s",
						      slug, month, filed, dl);
			return cs_finding_add(out, path, 1, CS_SEV_ERROR, "art18.report", NULL, lawyer,
					      NULL, month,
					      "the office report of %s for %s was filed %s, after the deadline %s",
					      slug, month, filed, dl);
		}
	}
	return 0;
}

/* Art 18: lawyers report by the 2nd, judicial offices by the 3rd. */
static int cs_rule_art18_report(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	long long lday = cs_snapshot_param(c, "lawyer_report_day");
	long long oday = cs_snapshot_param(c, "office_report_day");
	pairing *ps = NULL;
	size_t np, i;
	cs_day first = FOREVER;
	int y, m, d, ty, tm, td, error;
	if ((error = load_pairings(c, &ps, &np)) < 0)
		return error;
	for (i = 0; i < np; i++)
		if (ps[i].from < first)
			first = ps[i].from;
	if (first == FOREVER)
		goto cleanup;
	cs_date_to_ymd(first, &y, &m, &d);
	cs_date_to_ymd(o->today, &ty, &tm, &td);
	while ((y < ty || (y == ty && m < tm)) && !error) {
		cs_day from = cs_date_from_ymd(y, m, 1);
		cs_day to = cs_date_from_ymd(y, m, cs_date_days_in_month(y, m));
		/* every lawyer and every office with a pairing that month */
		for (i = 0; cs_check_overlaps(o, from, to) && i < c->nlawyers && !error; i++) {
			const char *l = str(c->lawyers[i], "id");
			if (l && cs_snapshot_lawyer_paired(c, l, from, to))
				error = report_due(x, out, "lawyer", l, y, m, lday, l);
		}
		for (i = 0; cs_check_overlaps(o, from, to) && i < c->noffices && !error; i++) {
			const char *of = str(c->offices[i], "id");
			if (of && cs_snapshot_office_paired(c, of, from, to))
				error = report_due(x, out, "office", of, y, m, oday, NULL);
		}
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
cleanup:
	free(ps);
	return error;
}

/* Art 7: the judicial office visits the workroom every month. */
static int cs_rule_art7_visit(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	pairing *ps = NULL;
	size_t np, i, j;
	int error;
	if ((error = load_pairings(c, &ps, &np)) < 0)
		return error;
	for (i = 0; i < np && !error; i++) {
		const pairing *p = &ps[i];
		int y, m, d;
		cs_date_to_ymd(p->from, &y, &m, &d);
		for (;;) {
			cs_day from = cs_date_from_ymd(y, m, 1);
			cs_day to = cs_date_from_ymd(y, m, cs_date_days_in_month(y, m));
			char month[16], path[128];
			int dup = 0, n;
			if (from > p->to || to >= o->today)
				break;
			/* the community is due once, by the pairing covering most of the month */
			for (j = 0; j < np; j++)
				if (j != i && same(ps[j].community, p->community) &&
				    (active_days(&ps[j], from, to) > active_days(p, from, to) ||
				     (j < i && active_days(&ps[j], from, to) == active_days(p, from, to))))
					dup = 1;
			n = !dup && 2 * active_days(p, from, to) >= to - from + 1 &&
			    cs_check_overlaps(o, from, to) ?
			    count_kind(x, "visit", p->community, from, to) : 1;
			if (n < 0) {
				error = CS_ENOMEM;
				break;
			}
			if (n == 0) {
				month_name(y, m, month);
				snprintf(path, sizeof(path), "records/communities/%s.yaml", p->community);
				error = cs_finding_add(out, path, 1, CS_SEV_ERROR, "art7.visit", p->id,
						       p->lawyer, p->community, month,
						       "%s: no visit of the judicial office to community '%s'",
						       month, p->community);
				if (error < 0)
					break;
			}
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	free(ps);
	return error;
}

/* Meetings of type within [from, to]; -1 when out of memory. */
static int meetings_of(rules_ctx *x, const char *type, cs_day from, cs_day to)
{
	const kind_list *l = of_kind(x, "meeting");
	size_t j;
	int n = 0;
	if (!l)
		return -1;
	for (j = first_on(l, from); j < l->n && l->v[j]->day <= to; j++)
		if (same(l->v[j]->field[CS_EF_MEETING_TYPE], type))
			n++;
	return n;
}

/* Art 20: a joint meeting every quarter, a summary meeting every half year. */
static int cs_rule_art20_meeting(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	pairing *ps = NULL;
	size_t np, i;
	cs_day first = FOREVER;
	int months, error, n = 0;
	if ((error = load_pairings(c, &ps, &np)) < 0)
		return error;
	for (i = 0; i < np; i++)
		if (ps[i].from < first)
			first = ps[i].from;
	for (months = 3; months <= 6 && first != FOREVER && !error; months += 3) {
		span q;
		for (span_of(&q, first, months); q.to < o->today; span_next(&q)) {
			char path[64];
			int due = 0;
			for (i = 0; i < np; i++)
				if (2 * active_days(&ps[i], q.from, q.to) >= q.to - q.from + 1)
					due = 1;
			if (!due || !cs_check_overlaps(o, q.from, q.to))
				continue;
			if ((n = meetings_of(x, months == 3 ? "joint" : "summary", q.from, q.to)) < 0) {
				error = CS_ENOMEM;
				break;
			}
			if (n)
				continue;
			snprintf(path, sizeof(path), "records/meetings/%04d", q.y % 10000);
			error = months == 3 ?
				cs_finding_add(out, path, 0, CS_SEV_ERROR, "art20.meeting", NULL, NULL,
					       NULL, q.name, "%s: no joint meeting (联席会议)", q.name) :
				cs_finding_add(out, path, 0, CS_SEV_ERROR, "art20.meeting", NULL, NULL,
					       NULL, q.name, "%s: no summary meeting (总结会议)", q.name);
			if (error < 0)
				break;
		}
	}
	free(ps);
	return error;
}

/* Art 21: replace a lawyer who fails spot checks or whom the community finds wanting. */
static int cs_rule_art21_replace(rules_ctx *x, cs_findings *out)
{
	cs_snapshot *c = x->c;
	const cs_check_opts *o = x->o;
	long long fails = cs_snapshot_param(c, "failed_spot_checks");
	long long min = cs_snapshot_param(c, "min_feedback");
	const kind_list *checks = of_kind(x, "spot-check"), *feedback;
	size_t i, j;
	int error = 0;
	if (!checks || !(feedback = of_kind(x, "feedback")))
		return CS_ENOMEM;
	for (i = 0; i < c->nlawyers && !error; i++) {
		const char *lawyer = str(c->lawyers[i], "id");
		int year = 0, count = 0;
		for (j = 0; j < checks->n && !error; j++) {
			const cs_entry *e = checks->v[j];
			int y, m, d;
			char name[32];
			if (!same(e->lawyer, lawyer) || !same(e->field[CS_EF_RESULT], "fail"))
				continue;
			cs_date_to_ymd(e->day, &y, &m, &d);
			if (y != year) {
				year = y;
				count = 0;
			}
			if (++count == fails && cs_check_in_period(o, e->day)) {
				snprintf(name, sizeof(name), "%04d", y % 10000);
				error = cs_finding_add(out, e->path, cs_entry_line(e, CS_EF_RESULT),
						       CS_SEV_ERROR, "art21.replace", e->id, lawyer,
						       e->community, name,
						       "lawyer '%s' failed %d spot checks in %d: a candidate for replacement",
						       lawyer, count, y);
			}
		}
		for (j = 0; j < feedback->n && !error; j++) {
			const cs_entry *e = feedback->v[j];
			int y, m, d;
			char name[32];
			long long score = e->score;
			if (!same(e->lawyer, lawyer) || !cs_check_in_period(o, e->day) ||
			    !e->has_score || score >= min)
				continue;
			cs_date_to_ymd(e->day, &y, &m, &d);
			month_name(y, m, name);
			error = cs_finding_add(out, e->path, cs_entry_line(e, CS_EF_SCORE), CS_SEV_ERROR,
					       "art21.replace", e->id, lawyer, e->community, name,
					       "community '%s' rated lawyer '%s' %lld, below %lld: a candidate for replacement",
					       e->community ? e->community : "?", lawyer, score, min);
		}
	}
	return error;
}

static const struct {
	const char *id;
	int (*fn)(rules_ctx *, cs_findings *);
	int part;  /* what it reads (CS_RULES_*) */
} rules[] = {
	{ "art7.visit", cs_rule_art7_visit, CS_RULES_SPANS },
	{ "art9.office-hours", cs_rule_art9_office_hours, CS_RULES_SPANS },
	{ "art9.lecture", cs_rule_art9_lecture, CS_RULES_SPANS },
	{ "art9.training", cs_rule_art9_training, CS_RULES_SPANS },
	{ "art10.accept", cs_rule_art10_accept, CS_RULES_ENTRIES },
	{ "art11.signed", cs_rule_art11_signed, CS_RULES_ENTRIES },
	{ "art11.one-record", cs_rule_art11_one_record, CS_RULES_ENTRIES },
	{ "art13.conflict", cs_rule_art13_conflict, CS_RULES_ENTRIES },
	{ "art15.privacy", cs_rule_art15_privacy, CS_RULES_ENTRIES },
	{ "art16.gift", cs_rule_art16_gift, CS_RULES_ENTRIES },
	{ "art17.notice", cs_rule_art17_notice, CS_RULES_DIRECTORY },
	{ "art18.report", cs_rule_art18_report, CS_RULES_DIRECTORY },
	{ "art20.meeting", cs_rule_art20_meeting, CS_RULES_SPANS },
	{ "art21.replace", cs_rule_art21_replace, CS_RULES_SPANS },
};

static const char *const ids[] = {
	"art7.visit", "art9.office-hours", "art9.lecture", "art9.training", "art10.accept",
	"art11.signed", "art11.one-record", "art13.conflict", "art15.privacy", "art16.gift",
	"art17.notice", "art18.report", "art20.meeting", "art21.replace",
	"ref.lawyer", "ref.community", "ref.office", "ref.firm", "ref.head", "ref.pairing",
	"ref.assignment", "schema.yaml", "schema.kind", "schema.invalid", "schema.path",
	"schema.id", "schema.order", "schema.future", "schema.schedule", "schema.key",
	"audit.deleted", "audit.signed-modified", "audit.sealed-modified", "audit.manual",
	"audit.rewritten", "audit.unverified-sign", "audit.late-entry", "audit.filed-modified",
	NULL
};

const char *const *cs_rule_ids(void)
{
	return ids;
}

static int matches(const char *id, const char *sel)
{
	size_t n = strlen(sel);
	return !strcmp(id, sel) || (!strncmp(id, sel, n) && id[n] == '.');
}

int cs_rule_known(const char *sel)
{
	size_t i;
	for (i = 0; ids[i]; i++)
		if (matches(ids[i], sel))
			return 1;
	return 0;
}

/* An entry of a kind the rules of longer spans count, which a window load's
 * months keep (cs_check_window), with the fields those rules read: an
 * office-hours' place, a meeting's type, a spot check's result (the
 * assessment reads it too), a feedback's score. */
static unsigned spans_count(const cs_entry *e)
{
	static const char *const kinds[] = {
		"visit", "office-hours", "lecture", "training", "meeting", "spot-check", "feedback", NULL
	};
	size_t i;
	if (e->is_void)
		return 0;
	for (i = 0; kinds[i]; i++)
		if (e->kind_ix == cs_kind_index(kinds[i]))
			return CS_KEEP | CS_KEEP_FIELD(CS_EF_PLACE) | CS_KEEP_FIELD(CS_EF_MEETING_TYPE) |
			       CS_KEEP_FIELD(CS_EF_SCORE) |
			       (e->kind_ix == cs_kind_index("spot-check") ? CS_KEEP_FIELD(CS_EF_RESULT) : 0);
	return 0;
}

int cs_check_rules(cs_snapshot *c, const cs_check_opts *o, cs_findings *out)
{
	return cs_check_rules_of(c, o, CS_RULES_ALL, out);
}

int cs_check_rules_of(cs_snapshot *c, const cs_check_opts *o, int parts, cs_findings *out)
{
	rules_ctx x = { .c = c, .o = o };
	size_t i, j;
	int error = 0;
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]) && !error; i++) {
		int on = !o->rules;
		if (!(rules[i].part & parts))
			continue;
		for (j = 0; o->rules && j < o->nrules; j++)
			if (matches(rules[i].id, o->rules[j]))
				on = 1;
		if (on)
			error = rules[i].fn(&x, out);
	}
	ctx_free(&x);
	return error;
}

struct window_ctx {
	const cs_check_opts *o;
	cs_findings *out;
	int records;                            /* the records checked */
	int rules;                              /* the rules run */
	int (*also)(void *ctx, cs_snapshot *w); /* each month given to it first */
	void *ctx;
};

static int check_month(void *ctx, cs_snapshot *w)
{
	struct window_ctx *x = ctx;
	int error = x->also ? x->also(x->ctx, w) : 0;
	if (!error && x->records)
		error = cs_check_records(w, x->o, x->out);
	return error || !x->rules ? error : cs_check_rules_of(w, x->o, CS_RULES_ENTRIES, x->out);
}

/* The rules of longer spans over a year of the entries a window keeps: the
 * spans of that year (a week in the year of its Thursday), all before it in
 * the first year, all after it in the last (cs_snapshot_each_month). */
static int judge_year(void *ctx, cs_snapshot *c, int y, int first, int last)
{
	struct window_ctx *x = ctx;
	cs_check_opts o = *x->o;
	if (!first || !last) {
		o.has_period = 1;
		o.period_from = first ? -CS_DAY_MAX : cs_date_from_ymd(y, 1, 1);
		o.period_to = last ? CS_DAY_MAX : cs_date_from_ymd(y, 12, 31);
	}
	return cs_check_rules_of(c, &o, CS_RULES_SPANS, x->out);
}

static int window(cs_snapshot *c, struct window_ctx *x)
{
	/* a check of every period judges the spans a year at a time, holding a
	 * year of the entries kept, not all of them; a period's, at the end */
	int by_year = !x->o->has_period && x->rules, error;
	/* the directory's files and the meetings; then the months, each on its
	 * own; then what spans them, on the entries they leave */
	if (x->records && (error = cs_check_records(c, x->o, x->out)) < 0)
		return error;
	if ((error = cs_snapshot_each_month(c, x->rules ? spans_count : NULL, check_month,
					    by_year ? judge_year : NULL, x)) < 0 || !x->rules)
		return error;
	return cs_check_rules_of(c, x->o, by_year ? CS_RULES_DIRECTORY
				 : CS_RULES_SPANS | CS_RULES_DIRECTORY, x->out);
}

int cs_check_window(cs_snapshot *c, const cs_check_opts *o, cs_findings *out)
{
	struct window_ctx x = { o, out, 1, 1, NULL, NULL };
	return window(c, &x);
}

int cs_check_window_records(cs_snapshot *c, const cs_check_opts *o, cs_findings *out)
{
	struct window_ctx x = { o, out, 1, 0, NULL, NULL };
	return window(c, &x);
}

int cs_check_window_rules(cs_snapshot *c, const cs_check_opts *o,
			  int (*also)(void *ctx, cs_snapshot *w), void *ctx, cs_findings *out)
{
	struct window_ctx x = { o, out, 0, 1, also, ctx };
	return window(c, &x);
}
