#include <stdio.h>
#include <string.h>

#include "directory.h"
#include "error.h"
#include "pairing.h"
#include "params.h"
#include "record.h"
#include "write.h"
#include "yaml.h"
#include "snapshot_impl.h"

int cs_schedule_parse(const char *s, int *weekday, int *from, int *to)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	char a[6], b[6];
	int i;
	for (i = 0; i < 7; i++)
		if (!strncmp(s, days[i], 3))
			break;
	if (i == 7 || strlen(s) != 15 || s[3] != ' ' || s[9] != '-')
		goto bad;
	memcpy(a, s + 4, 5);
	a[5] = '\0';
	memcpy(b, s + 10, 5);
	b[5] = '\0';
	if (cs_hhmm_parse(a, from) < 0 || cs_hhmm_parse(b, to) < 0 || *to <= *from)
		goto bad;
	*weekday = i + 1;
	return 0;
bad:
	cs_error_clear();
	return cs_error_set(CS_EDATA, "'%s' is not a weekly schedule like 'Wed 14:00-17:30'", s);
}

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

size_t cs_pairings_on(cs_node *const *v, size_t n, const char *lawyer, const char *community,
		      cs_day day, const cs_node **out, size_t max)
{
	size_t i, found = 0;
	for (i = 0; i < n; i++) {
		if (lawyer && !same(cs_node_get_str(v[i], "lawyer"), lawyer))
			continue;
		if (community && !same(cs_node_get_str(v[i], "community"), community))
			continue;
		if (!cs_pairing_active_on(v[i], day))
			continue;
		if (found < max)
			out[found] = v[i];
		found++;
	}
	return found;
}

const cs_node *cs_pairing_taken(cs_node *const *v, size_t n, const char *community, cs_day from,
				const char *except)
{
	size_t i;
	for (i = 0; i < n; i++) {
		cs_day f, t;
		if (!same(cs_node_get_str(v[i], "community"), community) ||
		    (except && same(cs_node_get_str(v[i], "id"), except)))
			continue;
		if (cs_pairing_range(v[i], &f, &t) && t < from)
			continue;
		return v[i];
	}
	return NULL;
}

int cs_pairing_range(const cs_node *a, cs_day *from, cs_day *to)
{
	const char *f = cs_node_get_str(a, "from"), *t = cs_node_get_str(a, "to");
	int ok = f && cs_date_parse(f, from) == 0;
	*to = CS_DAY_MAX;
	if (ok && t && cs_date_parse(t, to) < 0)
		*to = CS_DAY_MAX;
	cs_error_clear();
	return ok;
}

int cs_pairing_overlaps(const cs_node *a, cs_day from, cs_day to)
{
	cs_day f, t;
	return cs_pairing_range(a, &f, &t) && f <= to && t >= from;
}

int cs_pairing_active_on(const cs_node *a, cs_day day)
{
	return cs_pairing_overlaps(a, day, day);
}

int cs_pairing_find(cs_store *s, const char *rev, const char *lawyer,
		    const char *community, cs_day day, cs_node **out)
{
	cs_node *all = NULL;
	size_t i;
	int error;
	*out = NULL;
	if ((error = cs_dir_load_all(s, rev, "records/assignments", &all)) < 0)
		return error;
	for (i = 0; i < all->count; i++) {
		cs_node *a = all->items[i];
		const char *l = cs_node_get_str(a, "lawyer");
		const char *c = cs_node_get_str(a, "community");
		if (lawyer && (!l || strcmp(l, lawyer) != 0))
			continue;
		if (community && (!c || strcmp(c, community) != 0))
			continue;
		if (!cs_pairing_active_on(a, day))
			continue;
		if (!(*out = cs_node_dup(a)))
			error = CS_ENOMEM;
		break;
	}
	cs_node_free(all);
	return error;
}


/* --- pairing, changing and ending them ----------------------------------- */

static int set_opt(cs_node *rec, const char *key, const char *value)
{
	return value ? cs_node_set_str(rec, key, value) : 0;
}

static int load_pairing(cs_store *s, const char *prefix, cs_node **out)
{
	cs_buf path = CS_BUF_INIT;
	int error = cs_id_lookup(s, NULL, "records/assignments", prefix, &path);
	if (error == CS_ENOTFOUND)
		error = cs_error_set(CS_ENOTFOUND, "no such pairing '%s'", prefix);
	if (!error)
		error = cs_store_read_record(s, NULL, cs_buf_cstr(&path), out);
	cs_buf_free(&path);
	return error;
}

struct guard {
	cs_day from;                 /* from this day on */
	const char *taken_in;        /* refuse when this community has a pairing then */
	const char *orphans_in;      /* refuse entries of lawyer here left outside any pairing */
	const char *lawyer;
	int approvable;              /* the group may except it (--approved-by) */
	int ending;                  /* what would leave them so: ending the pairing, or a change */
};

struct orphans {
	const struct guard *g;
	const cs_time *now;
	size_t n;
	char first[32];
};

static int count_orphan(void *ctx, const char *path, const char *data, size_t len)
{
	struct orphans *o = ctx;
	cs_node *rec = NULL;
	const char *date, *lawyer;
	cs_day day;
	if (cs_yaml_load(&rec, data, len, path) < 0 || !rec) {
		cs_error_clear();
		return 0;
	}
	date = cs_node_get_str(rec, "date");
	lawyer = cs_node_get_str(rec, "lawyer");
	if (date && cs_date_parse(date, &day) == 0 && day >= o->g->from && lawyer &&
	    !strcmp(lawyer, o->g->lawyer) && !cs_node_get(rec, "voided_at")) {
		if (!o->n++)
			snprintf(o->first, sizeof(o->first), "%s", cs_node_get_str(rec, "id"));
	}
	cs_error_clear();
	cs_node_free(rec);
	return 0;
}

/* The live entries of lawyer at community from g->from on: months from
 * that day to the last month logged. */
static int orphan_entries(const cs_snapshot *tip, const struct guard *g, struct orphans *o)
{
	cs_buf dir = CS_BUF_INIT;
	int y, m, d, ny, nm, nd, error = 0;
	cs_date_to_ymd(g->from, &y, &m, &d);
	cs_date_to_ymd(tip->now.day > g->from ? tip->now.day : g->from, &ny, &nm, &nd);
	while (!error && (y < ny || (y == ny && m <= nm))) {
		cs_buf_clear(&dir);
		cs_buf_printf(&dir, "records/log/%s/%04d/%02d", g->orphans_in, y, m);
		if ((error = cs_store_walk(tip->store, tip->rev, cs_buf_cstr(&dir), count_orphan, o)) ==
		    CS_ENOTFOUND)
			error = 0;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	cs_buf_free(&dir);
	return error;
}

static int pairing_guard(const cs_snapshot *tip, const cs_put *puts, size_t n, void *ctx)
{
	const struct guard *g = ctx;
	const cs_node *p;
	struct orphans o;
	char d[11];
	int error;
	if (g->taken_in &&
	    (p = cs_pairing_taken(tip->assignments, tip->nassignments, g->taken_in, g->from, NULL))) {
		const char *to = cs_node_get_str(p, "to");
		if (to)
			return cs_error_set(CS_EDATA, "community '%s' already has a pairing (%s) "
					    "active from %s to %s", g->taken_in,
					    cs_node_get_str(p, "id"), cs_node_get_str(p, "from"), to);
		return cs_error_set(CS_EDATA, "community '%s' already has a pairing (%s) active from %s",
				    g->taken_in, cs_node_get_str(p, "id"), cs_node_get_str(p, "from"));
	}
	if (!g->orphans_in)
		return 0;
	memset(&o, 0, sizeof(o));
	o.g = g;
	if ((error = orphan_entries(tip, g, &o)) < 0 || !o.n)
		return error;
	cs_date_format(g->from, d);
	if (g->ending)
		return cs_error_set(CS_EDATA, "ending the pairing would leave %zu entries of lawyer "
				    "'%s' at '%s' from %s on (%s...) outside any pairing", o.n,
				    g->lawyer, g->orphans_in, d, o.first);
	if (g->approvable)
		return cs_error_set(CS_EDATA, "the change would leave %zu entries of lawyer '%s' at "
				    "'%s' from %s on (%s...) outside any pairing; the group's "
				    "exception is recorded with --approved-by", o.n, g->lawyer,
				    g->orphans_in, d, o.first);
	return cs_error_set(CS_EDATA, "the change would leave %zu entries of lawyer '%s' at '%s' "
			    "from %s on (%s...) outside any pairing", o.n, g->lawyer,
			    g->orphans_in, d, o.first);
}

static int write_pairing(cs_store *s, const char *command, const char *summary, cs_put *puts,
			 size_t n, const char *reason, struct guard *g)
{
	const char *trailers[] = { "Cs-Reason", reason, NULL };
	cs_commit c;
	memset(&c, 0, sizeof(c));
	c.command = command;
	c.summary = summary;
	c.trailers = reason ? trailers : NULL;
	c.guard = pairing_guard;
	c.guard_ctx = g;
	return cs_write_records(s, &c, puts, n, NULL);
}

int cs_pairing_add(cs_store *s, const cs_pair_spec *p, cs_buf *new_id)
{
	cs_node *lawyer = NULL, *rec = NULL;
	cs_buf summary = CS_BUF_INIT;
	struct guard g;
	cs_put put;
	char id[16];
	int error;
	memset(&g, 0, sizeof(g));
	memset(&put, 0, sizeof(put));
	if (cs_date_parse(p->from, &g.from) < 0)
		return cs_error_set(CS_EUSAGE, "--from: '%s' is not a date YYYY-MM-DD", p->from);
	if ((error = cs_dir_get(s, NULL, "lawyer", p->lawyer, &lawyer)) < 0 ||
	    (error = cs_id_new(g.from, id)) < 0)
		goto cleanup;
	if (!(rec = cs_node_new_map())) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if ((error = cs_node_set_str(rec, "kind", "assignment")) < 0 ||
	    (error = cs_node_set_str(rec, "id", id)) < 0 ||
	    (error = set_opt(rec, "firm", cs_node_get_str(lawyer, "firm"))) < 0 ||
	    (error = set_opt(rec, "lawyer", p->lawyer)) < 0 ||
	    (error = set_opt(rec, "community", p->community)) < 0 ||
	    (error = set_opt(rec, "from", p->from)) < 0 ||
	    (error = set_opt(rec, "schedule", p->schedule)) < 0 ||
	    (error = set_opt(rec, "place", p->place)) < 0 ||
	    (error = set_opt(rec, "agreement", p->agreement)) < 0 ||
	    (error = set_opt(rec, "agreement_date", p->agreement_date)) < 0)
		goto cleanup;
	g.taken_in = p->community;
	put.rec = rec;
	put.create = 1;
	cs_buf_printf(&summary, "Pair %s with %s from %s", p->lawyer, p->community, p->from);
	if ((error = write_pairing(s, "csassign pair", cs_buf_cstr(&summary), &put, 1, NULL, &g)) == 0)
		error = cs_buf_puts(new_id, id);
cleanup:
	cs_node_free(lawyer);
	cs_node_free(rec);
	cs_buf_free(&summary);
	return error;
}

/* Art 17: filed ahead, with notice_days' notice, taking effect no earlier
 * than today; the group may except a change (approved_by). */
static int change_allowed(const cs_change_spec *c, cs_day effective, cs_day filed,
			  const cs_time *now, long long notice)
{
	char today[11];
	cs_date_format(now->day, today);
	if (filed > now->day)
		return cs_error_set(CS_EDATA, "--filed %s is after today (%s): a change is recorded "
				    "once it is filed", c->filed, today);
	if (c->approved_by || c->refused)
		return 0;
	if (effective - filed < notice)
		return cs_error_set(CS_EDATA, "Art 17: change filed %s takes effect %s, less than %lld "
				    "days' notice; refused (an exception of the group is recorded "
				    "with --approved-by)", c->filed, c->effective, notice);
	if (effective < now->day)
		return cs_error_set(CS_EDATA, "Art 17: the change would take effect on %s, before today "
				    "(%s); refused (an exception of the group is recorded with "
				    "--approved-by)", c->effective, today);
	return 0;
}

/* The change record, and the pairing that follows the old one from effective. */
static int change_records(cs_store *s, const cs_node *old, const cs_change_spec *c, cs_day effective,
			  cs_day filed, cs_node **rec, cs_node **next)
{
	cs_node *lawyer = NULL;
	char cid[16], nid[16];
	int error;
	if ((error = cs_id_new(filed, cid)) < 0 || (error = cs_id_new(effective, nid)) < 0)
		return error;
	if (!(*rec = cs_node_new_map()))
		return CS_ENOMEM;
	if ((error = cs_node_set_str(*rec, "kind", "change")) < 0 ||
	    (error = cs_node_set_str(*rec, "id", cid)) < 0 ||
	    (error = set_opt(*rec, "assignment", cs_node_get_str(old, "id"))) < 0 ||
	    (error = set_opt(*rec, "filed", c->filed)) < 0 ||
	    (error = set_opt(*rec, "effective", c->effective)) < 0 ||
	    (error = set_opt(*rec, "reason", c->reason)) < 0 ||
	    (error = set_opt(*rec, "lawyer", c->lawyer)) < 0 ||
	    (error = set_opt(*rec, "schedule", c->schedule)) < 0 ||
	    (error = set_opt(*rec, "community", c->community)) < 0 ||
	    (error = set_opt(*rec, "approved_by", c->approved_by)) < 0)
		return error;
	if (c->refused)
		return cs_node_set_str(*rec, "outcome", "refused");
	if ((error = cs_node_set_str(*rec, "new_assignment", nid)) < 0 ||
	    (error = cs_node_set_str(*rec, "outcome", "applied")) < 0)
		return error;
	if (!(*next = cs_node_dup(old)))
		return CS_ENOMEM;
	cs_node_remove(*next, "end_reason");
	cs_node_remove(*next, "to");
	if ((error = cs_node_set_str(*next, "id", nid)) < 0 ||
	    (error = cs_node_set_str(*next, "from", c->effective)) < 0 ||
	    (error = cs_node_set_str(*next, "replaces", cs_node_get_str(old, "id"))) < 0 ||
	    (error = cs_node_set_str(*next, "change", cid)) < 0 ||
	    (error = set_opt(*next, "schedule", c->schedule)) < 0 ||
	    (error = set_opt(*next, "community", c->community)) < 0)
		return error;
	if (c->lawyer) {
		if ((error = cs_dir_get(s, NULL, "lawyer", c->lawyer, &lawyer)) == 0 &&
		    (error = cs_node_set_str(*next, "lawyer", c->lawyer)) == 0)
			error = set_opt(*next, "firm", cs_node_get_str(lawyer, "firm"));
		cs_node_free(lawyer);
	}
	return error;
}

int cs_pairing_change(cs_store *s, const char *assignment, const cs_change_spec *c,
		      const cs_time *now, cs_buf *new_id)
{
	cs_node *old = NULL, *rec = NULL, *next = NULL;
	cs_buf summary = CS_BUF_INIT;
	cs_day effective, filed, from, to;
	struct guard g;
	cs_put puts[3];
	char last[11];
	int error;
	memset(&g, 0, sizeof(g));
	memset(puts, 0, sizeof(puts));
	if (cs_date_parse(c->effective, &effective) < 0 || cs_date_parse(c->filed, &filed) < 0)
		return cs_error_set(CS_EUSAGE, "'%s' is not a date YYYY-MM-DD",
				    cs_date_parse(c->effective, &effective) < 0 ? c->effective : c->filed);
	if ((error = load_pairing(s, assignment, &old)) < 0 ||
	    (error = change_allowed(c, effective, filed, now,
				    cs_param_get(cs_store_config(s), "notice_days"))) < 0)
		goto cleanup;
	cs_pairing_range(old, &from, &to);
	if (!c->refused && effective <= from) {
		error = cs_error_set(CS_EDATA, "--effective %s is not after the pairing's start %s",
				     c->effective, cs_node_get_str(old, "from"));
		goto cleanup;
	}
	if (!c->refused && to < effective) {
		error = cs_error_set(CS_EDATA, "pairing %s ended on %s, before %s",
				     cs_node_get_str(old, "id"), cs_node_get_str(old, "to"), c->effective);
		goto cleanup;
	}
	if ((error = change_records(s, old, c, effective, filed, &rec, &next)) < 0)
		goto cleanup;
	puts[0].rec = rec;
	puts[0].create = 1;
	if (!c->refused) {
		cs_date_format(effective - 1, last);
		if ((error = cs_node_set_str(old, "to", last)) < 0 ||
		    (error = cs_node_set_str(old, "end_reason", c->reason)) < 0)
			goto cleanup;
		puts[1].rec = old;
		puts[2].rec = next;
		puts[2].create = 1;
		g.from = effective;
		g.taken_in = c->community;
		/* a new lawyer or community leaves the old pairing's entries uncovered */
		if ((c->lawyer || c->community) && !c->approved_by)
			g.orphans_in = cs_node_get_str(old, "community");
		g.lawyer = cs_node_get_str(old, "lawyer");
		g.approvable = 1;
	}
	cs_buf_printf(&summary, c->refused ? "Record the refused change of pairing %s (Art 17)"
		      : "Change pairing %s from %s (Art 17)", cs_node_get_str(old, "id"), c->effective);
	error = write_pairing(s, "csassign change", cs_buf_cstr(&summary), puts, c->refused ? 1 : 3,
			      c->reason, &g);
	if (!error)
		error = cs_buf_puts(new_id, cs_node_get_str(c->refused ? rec : next, "id"));
cleanup:
	cs_node_free(old);
	cs_node_free(rec);
	cs_node_free(next);
	cs_buf_free(&summary);
	return error;
}

int cs_pairing_end(cs_store *s, const char *assignment, const char *on, const char *reason,
		   cs_buf *id)
{
	cs_node *old = NULL;
	cs_buf summary = CS_BUF_INIT;
	cs_day day, from, to;
	struct guard g;
	cs_put put;
	int error;
	memset(&g, 0, sizeof(g));
	memset(&put, 0, sizeof(put));
	if (cs_date_parse(on, &day) < 0)
		return cs_error_set(CS_EUSAGE, "--on: '%s' is not a date YYYY-MM-DD", on);
	if ((error = load_pairing(s, assignment, &old)) < 0)
		goto cleanup;
	cs_pairing_range(old, &from, &to);
	if (day < from) {
		error = cs_error_set(CS_EDATA, "--on %s is before the pairing's start %s", on,
				     cs_node_get_str(old, "from"));
		goto cleanup;
	}
	if (to < day) {
		error = cs_error_set(CS_EDATA, "pairing %s ended already on %s",
				     cs_node_get_str(old, "id"), cs_node_get_str(old, "to"));
		goto cleanup;
	}
	if ((error = cs_node_set_str(old, "to", on)) < 0 ||
	    (error = cs_node_set_str(old, "end_reason", reason)) < 0)
		goto cleanup;
	g.orphans_in = cs_node_get_str(old, "community");
	g.lawyer = cs_node_get_str(old, "lawyer");
	g.from = day + 1;
	g.ending = 1;
	put.rec = old;
	cs_buf_printf(&summary, "End pairing %s on %s", cs_node_get_str(old, "id"), on);
	if ((error = write_pairing(s, "csassign end", cs_buf_cstr(&summary), &put, 1, reason, &g)) == 0)
		error = cs_buf_puts(id, cs_node_get_str(old, "id"));
cleanup:
	cs_node_free(old);
	cs_buf_free(&summary);
	return error;
}
