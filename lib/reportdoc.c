/* The documents of the reports (DESIGN 5 csreport): each report's tree as
 * a cs_doc, every label in the user's language, directory entries by name
 * beside their slugs. */
#include <libintl.h>
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "error.h"
#include "report.h"
#include "snapshot_impl.h"

#define _(s) dgettext("cs", s)
#define N_(s) (s)

struct build {
	const cs_snapshot *c;
	const cs_node *r;
	int csv;                /* CS_REPORT_CSV: one value a cell, bare slugs */
	cs_doc *d;
	cs_buf b;               /* scratch */
};

static const char *s_(const cs_node *n, const char *key)
{
	const cs_node *v = n ? cs_node_get(n, key) : NULL;
	return v && v->type == CS_NODE_SCALAR ? v->str : NULL;
}

static size_t count(const cs_node *seq)
{
	return seq && seq->type == CS_NODE_SEQ ? seq->count : 0;
}

/* The kind's label in the user's language (法律咨询); its msgid is the kind. */
static const char *kind_label(const char *kind)
{
	return kind ? dgettext("cs", kind) : NULL;
}

/* "王丽 (wang-li)" for a directory entry of kind, into b (cleared); the
 * slug alone when it has no name. */
static const char *named(struct build *x, cs_buf *b, const char *kind, const char *slug)
{
	const char *name = slug ? s_(cs_snapshot_find(x->c, kind, slug), "name") : NULL;
	cs_buf_clear(b);
	if (!slug)
		return NULL;
	if (name && *name)
		cs_buf_printf(b, "%s (%s)", name, slug);
	else
		cs_buf_puts(b, slug);
	return cs_buf_cstr(b);
}

static const char *cell_named(struct build *x, cs_buf *b, const char *kind, const char *slug)
{
	return x->csv ? slug : named(x, b, kind, slug);
}

static int fact_int(cs_doc *d, const char *label, const cs_node *n)
{
	return cs_doc_fact(d, label, n && n->type == CS_NODE_SCALAR ? n->str : "0");
}

/* The seq of strings as "a, b, c" into x->b. */
static const char *joined(struct build *x, const cs_node *seq)
{
	size_t i;
	cs_buf_clear(&x->b);
	for (i = 0; i < count(seq); i++)
		cs_buf_printf(&x->b, "%s%s", i ? ", " : "", seq->items[i]->str);
	return cs_buf_cstr(&x->b);
}

/* Begin the document: its title (fmt, translated already, with arg) and the
 * issue date, the report's "now". */
static int start(struct build *x, const char *fmt, const char *arg)
{
	cs_buf title = CS_BUF_INIT, issued = CS_BUF_INIT;
	char day[11];
	int error;
	cs_date_format(x->c->now.day, day);
	if ((error = cs_buf_printf(&title, fmt, arg ? arg : "")) == 0 &&
	    (error = cs_doc_init(x->d, cs_buf_cstr(&title))) == 0 &&
	    (error = cs_buf_tr(&issued, "issued on %s", day)) == 0)
		error = cs_doc_issued(x->d, cs_buf_cstr(&issued));
	cs_buf_free(&title);
	cs_buf_free(&issued);
	return error;
}

/* --- monthly and period reports ---------------------------------------------------- */

static const char *scope_label(const char *scope)
{
	if (scope && !strcmp(scope, "lawyer"))
		return _("lawyer");
	if (scope && !strcmp(scope, "office"))
		return _("judicial office");
	return _("district");
}

/* The subject: the lawyer's or office's name and slug; the district's name. */
static const char *subject(struct build *x, cs_buf *b)
{
	const char *scope = s_(x->r, "scope"), *subj = s_(x->r, "subject");
	if (scope && (!strcmp(scope, "lawyer") || !strcmp(scope, "office")))
		return named(x, b, scope, subj);
	cs_buf_clear(b);
	cs_buf_puts(b, subj ? subj : "");
	return cs_buf_cstr(b);
}

/* The title of a monthly (period 0) or period report: "Monthly report
 * 2026-10: lawyer 王丽 (wang-li)". */
static int titled(struct build *x, int period)
{
	static const char *const formats[2][3] = {
		{ N_("Monthly report %s: lawyer %s"), N_("Monthly report %s: judicial office %s"),
		  N_("Monthly report %s: district %s") },
		{ N_("Period report %s: lawyer %s"), N_("Period report %s: judicial office %s"),
		  N_("Period report %s: district %s") },
	};
	const char *scope = s_(x->r, "scope");
	int which = scope && !strcmp(scope, "lawyer") ? 0 : scope && !strcmp(scope, "office") ? 1 : 2;
	cs_buf subj = CS_BUF_INIT, title = CS_BUF_INIT;
	int error;
	/* the month or period first, then the subject */
	error = cs_buf_printf(&title, _(formats[period][which]), s_(x->r, period ? "period" : "month"),
			      subject(x, &subj));
	if (!error)
		error = start(x, "%s", cs_buf_cstr(&title));
	cs_buf_free(&title);
	cs_buf_free(&subj);
	return error;
}

static int figures_facts(struct build *x)
{
	const cs_node *r = x->r, *t = cs_node_get(r, "totals"), *q = cs_node_get(r, "requests");
	const cs_node *late = cs_node_get(r, "late_entries"), *sup = cs_node_get(r, "supersedes");
	cs_doc *d = x->d;
	size_t i;
	int error;
	if ((error = fact_int(d, _("activities"), cs_node_get(t, "activities"))) < 0 ||
	    (error = fact_int(d, _("service minutes"), cs_node_get(t, "service_minutes"))) < 0 ||
	    (error = fact_int(d, _("people served"), cs_node_get(t, "people_served"))) < 0 ||
	    (error = fact_int(d, _("requests received"), cs_node_get(q, "received"))) < 0 ||
	    (error = fact_int(d, _("requests accepted"), cs_node_get(q, "accepted"))) < 0 ||
	    (error = fact_int(d, _("accepted late"), cs_node_get(q, "accepted_late"))) < 0 ||
	    (error = fact_int(d, _("requests open"), cs_node_get(q, "open"))) < 0 ||
	    (error = cs_doc_fact(d, _("typical cases"), joined(x, cs_node_get(r, "typical_cases")))) < 0)
		return error;
	cs_buf_clear(&x->b);
	for (i = 0; i < count(late); i++)
		cs_buf_printf(&x->b, "%s%s (%s)", i ? ", " : "", s_(late->items[i], "id"),
			      s_(late->items[i], "reason"));
	if (x->b.len && (error = cs_doc_fact(d, _("entries added after filing"), cs_buf_cstr(&x->b))) < 0)
		return error;
	if (sup && (error = cs_doc_fact(d, _("supersedes the report of"), s_(sup, "source_commit"))) < 0)
		return error;
	return 0;
}

static int by_kind_fact(struct build *x)
{
	const cs_node *bk = cs_node_get(cs_node_get(x->r, "totals"), "by_kind");
	size_t i;
	cs_buf_clear(&x->b);
	for (i = 0; bk && bk->type == CS_NODE_MAP && i < bk->count; i++)
		cs_buf_printf(&x->b, "%s%s %s", i ? ", " : "", kind_label(bk->pairs[i].key),
			      bk->pairs[i].value->str);
	return cs_doc_fact(x->d, _("by kind"), cs_buf_cstr(&x->b));
}

static int blocks_section(struct build *x, const char *key, const char *title)
{
	const cs_node *bl = cs_node_get(x->r, key);
	static const char *const cols[8][2] = {
		{ "subject", N_("subject") }, { "name", N_("name") }, { "activities", N_("activities") },
		{ "service_minutes", N_("minutes") }, { "people_served", N_("people") },
		{ "received", N_("requests") }, { "accepted_late", N_("late") }, { "open", N_("open") }
	};
	cs_table *t;
	size_t i;
	int error;
	if (!bl)
		return 0;
	if ((error = cs_doc_section_add(x->d, title, 0, &t)) < 0)
		return error;
	for (i = 0; i < 8 && !error; i++)
		error = cs_table_col(t, cols[i][0], _(cols[i][1]), i >= 2);
	for (i = 0; i < count(bl) && !error; i++) {
		const cs_node *b = bl->items[i], *tt = cs_node_get(b, "totals");
		const cs_node *q = cs_node_get(b, "requests");
		const char *cells[8] = {
			s_(b, key[0] == 'l' ? "lawyer" : "office"), s_(b, "name"),
			s_(tt, "activities"), s_(tt, "service_minutes"), s_(tt, "people_served"),
			s_(q, "received"), s_(q, "accepted_late"), s_(q, "open")
		};
		error = cs_table_row(t, cells);
	}
	return error;
}

/* The items' columns: for csv one value a cell (the date, the person
 * served and the contact apart, bare slugs); for reading the day of the
 * month, who was served with the contact, and names beside slugs, so that
 * an item prints on one line. */
static int items_columns(struct build *x, int lawyers, cs_table **t)
{
	int error;
	if ((error = cs_doc_section_add(x->d, _("Items"), 1, t)) < 0 ||
	    (error = cs_table_col(*t, "id", _("id"), 0)) < 0 ||
	    (error = cs_table_col(*t, "date", _("date"), 0)) < 0 ||
	    (error = cs_table_col(*t, "kind", _("kind"), 0)) < 0 ||
	    (error = cs_table_col(*t, "community", _("community"), 0)) < 0 ||
	    (lawyers && (error = cs_table_col(*t, "lawyer", _("lawyer"), 0)) < 0) ||
	    (error = cs_table_col(*t, "target", _("person served"), 0)) < 0 ||
	    (x->csv && (error = cs_table_col(*t, "contact", _("contact"), 0)) < 0))
		return error;
	return cs_table_col(*t, "summary", _("summary"), 0);
}

static int items_section(struct build *x)
{
	const cs_node *items = cs_node_get(x->r, "items");
	const char *scope = s_(x->r, "scope");
	int lawyers = !x->csv && scope && strcmp(scope, "lawyer");
	cs_buf community = CS_BUF_INIT, lawyer = CS_BUF_INIT, who = CS_BUF_INIT;
	cs_table *t;
	size_t i;
	int error = items_columns(x, lawyers, &t);
	for (i = 0; i < count(items) && !error; i++) {
		const cs_node *it = items->items[i], *tg = cs_node_get(it, "target");
		const char *date = s_(it, "date"), *name = s_(tg, "name"), *contact = s_(tg, "contact");
		const char *cells[8] = { s_(it, "id"), date && !x->csv && strlen(date) == 10 ? date + 5 : date,
					 kind_label(s_(it, "kind")),
					 cell_named(x, &community, "community", s_(it, "community")) };
		size_t k = 4;
		if (lawyers)
			cells[k++] = named(x, &lawyer, "lawyer", s_(it, "lawyer"));
		cs_buf_clear(&who);
		cs_buf_printf(&who, "%s%s%s", name ? name : "", name && contact ? " " : "", contact ? contact : "");
		cells[k++] = x->csv ? name : (name || contact) ? cs_buf_cstr(&who) : NULL;
		if (x->csv)
			cells[k++] = contact;
		cells[k] = s_(it, "summary");
		error = cs_table_row(t, cells);
	}
	cs_buf_free(&community);
	cs_buf_free(&lawyer);
	cs_buf_free(&who);
	return error;
}

/* The signature and seal block of a monthly or period report. */
static int sign_block(struct build *x)
{
	const char *scope = s_(x->r, "scope");
	int error;
	if ((error = cs_doc_sign(x->d, _("reported by (signature):"))) < 0 ||
	    (error = cs_doc_sign(x->d, _("reviewed by (signature):"))) < 0 ||
	    (error = cs_doc_sign(x->d, scope && !strcmp(scope, "district") ?
				 _("judicial bureau (seal):") : _("judicial office (seal):"))) < 0)
		return error;
	return cs_doc_sign(x->d, _("date:"));
}

/* What a monthly and a period report share: the facts, the figures and
 * the offices' and lawyers' blocks. */
static int figures_doc(struct build *x, const char *when_label, const char *when)
{
	cs_buf subj = CS_BUF_INIT;
	int error;
	if ((error = cs_doc_fact(x->d, when_label, when)) < 0 ||
	    (error = cs_doc_fact(x->d, _("scope"), scope_label(s_(x->r, "scope")))) < 0 ||
	    (error = cs_doc_fact(x->d, _("subject"), subject(x, &subj))) < 0 ||
	    (error = cs_doc_fact(x->d, _("source commit"), s_(x->r, "source_commit"))) < 0 ||
	    (error = figures_facts(x)) < 0 || (error = by_kind_fact(x)) < 0 ||
	    (error = blocks_section(x, "offices", _("Judicial offices"))) < 0)
		goto cleanup;
	error = blocks_section(x, "lawyers", _("Lawyers"));
cleanup:
	cs_buf_free(&subj);
	return error;
}

static int weeks_chart(struct build *x)
{
	cs_node *weeks = NULL;
	size_t i;
	long long v;
	int error;
	if ((error = cs_report_weeks(x->r, &weeks)) < 0)
		return error;
	if (weeks->count)
		error = cs_doc_chart_title(x->d, _("Activity by week"));
	for (i = 0; i < weeks->count && !error; i++) {
		v = 0;
		cs_node_int(weeks->pairs[i].value, &v);
		/* under the bar: the Monday's MM-DD */
		error = cs_doc_bar(x->d, weeks->pairs[i].key + 5, v);
	}
	cs_error_clear();
	cs_node_free(weeks);
	return error;
}

static int monthly_doc(struct build *x)
{
	int error;
	if ((error = titled(x, 0)) < 0 || (error = figures_doc(x, _("month"), s_(x->r, "month"))) < 0 ||
	    (error = items_section(x)) < 0 || (error = weeks_chart(x)) < 0)
		return error;
	return sign_block(x);
}

static int period_doc(struct build *x)
{
	const cs_node *f = cs_node_get(x->r, "findings"), *tr = cs_node_get(x->r, "trend");
	cs_table *t;
	size_t i;
	int error;
	if ((error = titled(x, 1)) < 0 || (error = figures_doc(x, _("period"), s_(x->r, "period"))) < 0 ||
	    (error = cs_doc_section_add(x->d, _("Trend by month"), 1, &t)) < 0 ||
	    (error = cs_table_col(t, "month", _("month"), 0)) < 0 ||
	    (error = cs_table_col(t, "activities", _("activities"), 1)) < 0 ||
	    (error = cs_table_col(t, "service_minutes", _("minutes"), 1)) < 0 ||
	    (error = cs_table_col(t, "people_served", _("people"), 1)) < 0 ||
	    (error = cs_table_col(t, "received", _("requests"), 1)) < 0)
		return error;
	for (i = 0; i < count(tr) && !error; i++) {
		const cs_node *m = tr->items[i], *tt = cs_node_get(m, "totals");
		const char *cells[5] = { s_(m, "month"), s_(tt, "activities"), s_(tt, "service_minutes"),
					 s_(tt, "people_served"), s_(cs_node_get(m, "requests"), "received") };
		error = cs_table_row(t, cells);
	}
	if (error < 0 || (error = cs_doc_section_add(x->d, _("Findings"), 0, &t)) < 0 ||
	    (error = cs_table_col(t, "rule", _("rule"), 0)) < 0 ||
	    (error = cs_table_col(t, "period", _("period"), 0)) < 0 ||
	    (error = cs_table_col(t, "message", _("message"), 0)) < 0)
		return error;
	for (i = 0; i < count(f) && !error; i++) {
		const char *cells[3] = { s_(f->items[i], "rule"), s_(f->items[i], "period"),
					 s_(f->items[i], "message") };
		error = cs_table_row(t, cells);
	}
	return error ? error : sign_block(x);
}

/* --- the assessment, the stipends, the card ---------------------------------------- */

/* An assessment item's label ("office_hours" -> office hours). */
static const char *item_label(const char *item)
{
	static const char *const labels[][2] = {
		{ "office_hours", N_("office hours") }, { "lectures", N_("lectures") },
		{ "training", N_("trainings") }, { "requests", N_("requests") },
		{ "signing", N_("signing") }, { "reports", N_("reports") },
		{ "feedback", N_("feedback") }, { "spot_checks", N_("spot checks") },
	};
	size_t i;
	for (i = 0; item && i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(labels[i][0], item))
			return _(labels[i][1]);
	return item;
}

static int deduction_rows(cs_table *t, const cs_node *l, const char *item, const cs_node *ds)
{
	size_t k;
	int error = 0;
	for (k = 0; k < count(ds) && !error; k++) {
		const cs_node *dd = ds->items[k];
		const char *cells[5] = { s_(l, "lawyer"), item, s_(dd, "points"), s_(dd, "rule"),
					 s_(dd, "record") ? s_(dd, "record") : s_(dd, "path") };
		error = cs_table_row(t, cells);
	}
	return error;
}

static int ranking(struct build *x, const cs_node *ls)
{
	static const char *const cols[6][2] = {
		{ "rank", N_("rank") }, { "lawyer", N_("lawyer") }, { "name", N_("name") },
		{ "score", N_("score") }, { "commend", N_("commend") }, { "replace", N_("replace") }
	};
	cs_table *t;
	size_t i;
	int error = cs_doc_section_add(x->d, _("Ranking"), 1, &t);
	for (i = 0; i < 6 && !error; i++)
		error = cs_table_col(t, cols[i][0], _(cols[i][1]), i == 0 || i == 3);
	for (i = 0; i < count(ls) && !error; i++) {
		const cs_node *l = ls->items[i];
		const char *cells[6] = { s_(l, "rank"), s_(l, "lawyer"), s_(l, "name"), s_(l, "score"),
					 cs_node_true(cs_node_get(l, "commend")) ? _("yes") : "",
					 cs_node_true(cs_node_get(l, "replace")) ? _("yes") : "" };
		error = cs_table_row(t, cells);
	}
	return error;
}

static int assess_doc(struct build *x)
{
	const cs_node *ls = cs_node_get(x->r, "lawyers");
	cs_table *t;
	size_t i, j;
	int error;
	if ((error = start(x, _("Assessment %s"), s_(x->r, "year"))) < 0 ||
	    (error = cs_doc_fact(x->d, _("year"), s_(x->r, "year"))) < 0 ||
	    (error = cs_doc_fact(x->d, _("source commit"), s_(x->r, "source_commit"))) < 0 ||
	    (error = cs_doc_fact(x->d, _("commendation candidates"),
				 joined(x, cs_node_get(x->r, "commendation_candidates")))) < 0 ||
	    (error = cs_doc_fact(x->d, _("replacement candidates"),
				 joined(x, cs_node_get(x->r, "replacement_candidates")))) < 0 ||
	    (error = ranking(x, ls)) < 0 || (error = cs_doc_section_add(x->d, _("Deductions"), 0, &t)) < 0 ||
	    (error = cs_table_col(t, "lawyer", _("lawyer"), 0)) < 0 ||
	    (error = cs_table_col(t, "item", _("item"), 0)) < 0 ||
	    (error = cs_table_col(t, "points", _("points"), 1)) < 0 ||
	    (error = cs_table_col(t, "rule", _("rule"), 0)) < 0 ||
	    (error = cs_table_col(t, "source", _("source"), 0)) < 0)
		return error;
	for (i = 0; i < count(ls) && !error; i++) {
		const cs_node *l = ls->items[i], *its = cs_node_get(l, "items");
		for (j = 0; j < count(its) && !error; j++)
			error = deduction_rows(t, l, item_label(s_(its->items[j], "item")),
					       cs_node_get(its->items[j], "deductions"));
		if (!error)
			error = deduction_rows(t, l, _("deduction"), cs_node_get(l, "deductions"));
	}
	return error;
}

static int claims(struct build *x, const cs_node *fs)
{
	static const char *const cols[7][2] = {
		{ "firm", N_("firm") }, { "lawyer", N_("lawyer") }, { "name", N_("name") },
		{ "half_days", N_("half days") }, { "lectures", N_("lectures") },
		{ "trainings", N_("trainings") }, { "amount", N_("amount") }
	};
	cs_table *t;
	size_t i, j;
	int error = cs_doc_section_add(x->d, _("Claims"), 1, &t);
	for (i = 0; i < 7 && !error; i++)
		error = cs_table_col(t, cols[i][0], _(cols[i][1]), i >= 3);
	for (i = 0; i < count(fs) && !error; i++) {
		const cs_node *f = fs->items[i], *ls = cs_node_get(f, "lawyers");
		for (j = 0; j < count(ls) && !error; j++) {
			const cs_node *l = ls->items[j];
			const char *cells[7] = { s_(f, "name"), s_(l, "lawyer"), s_(l, "name"),
						 s_(l, "half_days"), s_(l, "lectures"), s_(l, "trainings"),
						 s_(l, "amount") };
			error = cs_table_row(t, cells);
		}
	}
	return error;
}

static int counted(struct build *x, const cs_node *fs)
{
	cs_table *t;
	size_t i, j, k;
	int error;
	if ((error = cs_doc_section_add(x->d, _("Entries counted"), 0, &t)) < 0 ||
	    (error = cs_table_col(t, "lawyer", _("lawyer"), 0)) < 0 ||
	    (error = cs_table_col(t, "id", _("id"), 0)) < 0 ||
	    (error = cs_table_col(t, "date", _("date"), 0)) < 0 ||
	    (error = cs_table_col(t, "kind", _("kind"), 0)) < 0 ||
	    (error = cs_table_col(t, "units", _("units"), 1)) < 0)
		return error;
	for (i = 0; i < count(fs) && !error; i++) {
		const cs_node *ls = cs_node_get(fs->items[i], "lawyers");
		for (j = 0; j < count(ls) && !error; j++) {
			const cs_node *es = cs_node_get(ls->items[j], "entries");
			for (k = 0; k < count(es) && !error; k++) {
				const cs_node *e = es->items[k];
				const char *cells[5] = { s_(ls->items[j], "lawyer"), s_(e, "id"), s_(e, "date"),
							 kind_label(s_(e, "kind")), s_(e, "units") };
				error = cs_table_row(t, cells);
			}
		}
	}
	return error;
}

static int stipend_doc(struct build *x)
{
	const cs_node *rt = cs_node_get(x->r, "rates"), *fs = cs_node_get(x->r, "firms");
	int error;
	if ((error = start(x, _("Stipend claims %s"), s_(x->r, "month"))) < 0 ||
	    (error = cs_doc_fact(x->d, _("month"), s_(x->r, "month"))) < 0 ||
	    (error = cs_doc_fact(x->d, _("source commit"), s_(x->r, "source_commit"))) < 0 ||
	    (error = cs_doc_fact(x->d, _("rate per half day"), s_(rt, "half_day"))) < 0 ||
	    (error = cs_doc_fact(x->d, _("rate per lecture"), s_(rt, "lecture"))) < 0 ||
	    (error = cs_doc_fact(x->d, _("rate per training"), s_(rt, "training"))) < 0 ||
	    (error = cs_doc_fact(x->d, _("currency"), s_(rt, "currency"))) < 0 ||
	    (error = cs_doc_fact(x->d, _("total"), s_(x->r, "total"))) < 0 || (error = claims(x, fs)) < 0)
		return error;
	return counted(x, fs);
}

static int card_doc(struct build *x)
{
	static const char *const facts[9][2] = {
		{ "community_name", N_("community") }, { "office_name", N_("judicial office") },
		{ "name", N_("lawyer") }, { "firm_name", N_("law firm") }, { "phone", N_("phone") },
		{ "email", N_("e-mail") }, { "photo", N_("photo") }, { "schedule", N_("office hours") },
		{ "place", N_("place") }
	};
	const cs_node *du = cs_node_get(x->r, "duties");
	cs_table *t;
	size_t i;
	int error;
	if ((error = start(x, _("Service contact card: %s"), s_(x->r, "community_name"))) < 0)
		return error;
	for (i = 0; i < 9 && !error; i++)
		error = cs_doc_fact(x->d, _(facts[i][1]), s_(x->r, facts[i][0]));
	if (error < 0 || (error = cs_doc_section_add(x->d, _("Duties"), 0, &t)) < 0 ||
	    (error = cs_table_col(t, "duty", _("duty"), 0)) < 0)
		return error;
	for (i = 0; i < count(du) && !error; i++) {
		const char *cells[1] = { du->items[i]->str };
		error = cs_table_row(t, cells);
	}
	return error;
}

int cs_report_doc(const cs_snapshot *c, const cs_node *report, int flags, cs_doc *out)
{
	static const struct { const char *kind; int (*build)(struct build *); } kinds[] = {
		{ "monthly-report", monthly_doc }, { "period-report", period_doc },
		{ "assessment-report", assess_doc }, { "stipend-claims", stipend_doc },
		{ "contact-card", card_doc },
	};
	struct build x = { c, report, !!(flags & CS_REPORT_CSV), out, CS_BUF_INIT };
	const char *kind = s_(report, "kind");
	size_t i;
	int error = CS_EUSAGE;
	memset(out, 0, sizeof(*out));
	for (i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].kind, kind))
			break;
	if (!kind || i == sizeof(kinds) / sizeof(kinds[0]))
		error = cs_error_set(CS_ESOFTWARE, "no document for a report of kind '%s'",
				     kind ? kind : "?");
	else
		error = kinds[i].build(&x);
	cs_buf_free(&x.b);
	return error;
}
