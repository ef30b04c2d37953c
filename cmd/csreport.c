/* csreport: the monthly reports of Art 18, period summaries for the Art 20
 * meetings, the Art 21 assessment, the Art 5(5) stipends and the Art 7(1)
 * contact cards (DESIGN 5). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "date.h"
#include "directory.h"
#include "error.h"
#include "filing.h"
#include "record.h"
#include "report.h"
#include "utf8.h"
#include "write.h"
#include "yaml.h"

struct args {
	const char *month, *lawyer, *office, *quarter, *half, *year, *as_of, *dir;
	int district, all, commit, reveal, bom, supersede;
	const char *reason;
	cs_format format;
	cs_store *store;
	cs_check chk;
};

static void usage(FILE *f)
{
	fputs(_("usage: csreport [-C DIR] monthly --month YYYY-MM (--lawyer L | --office O |\n"
		"                --district | --all) [--commit [--supersede --reason TEXT]]\n"
		"       csreport [-C DIR] period (--quarter YYYY-Qn | --half YYYY-Hn | --year YYYY)\n"
		"                (--lawyer L | --office O | --district)\n"
		"       csreport [-C DIR] assess --year YYYY [--commit]\n"
		"       csreport [-C DIR] stipend --month YYYY-MM\n"
		"       csreport [-C DIR] card COMMUNITY\n"
		"Common: [--format text|yaml|json|csv|md|html] [--reveal] [--bom] [--as-of DATE|REV]\n"
		"Residents' names and contacts are masked unless --reveal.\n"
		"Also -h, --help and --version.\n"), f);
}

/* --- a document: title, facts, tables, a chart -------------------------- */

struct doc {
	char *title;
	cs_table facts;        /* label, value */
	struct section { char *title; cs_table t; } *sections;
	size_t nsections;
	size_t primary;        /* the section a csv holds */
	cs_node *weeks;        /* monday -> activities, for the chart (may be NULL) */
};

static void doc_init(struct doc *d, const char *title)
{
	memset(d, 0, sizeof(*d));
	d->title = cs_strdup(title);
	cs_table_init(&d->facts);
	cs_table_col(&d->facts, "label", _("item"), 0);
	cs_table_col(&d->facts, "value", _("value"), 0);
}

static void doc_free(struct doc *d)
{
	size_t i;
	free(d->title);
	cs_table_free(&d->facts);
	for (i = 0; i < d->nsections; i++) {
		free(d->sections[i].title);
		cs_table_free(&d->sections[i].t);
	}
	free(d->sections);
	cs_node_free(d->weeks);
}

static void fact(struct doc *d, const char *label, const char *value)
{
	const char *cells[2] = { label, value ? value : "" };
	cs_table_row(&d->facts, cells);
}

static void fact_int(struct doc *d, const char *label, const cs_node *n)
{
	fact(d, label, n && n->type == CS_NODE_SCALAR ? n->str : "0");
}

static cs_table *section(struct doc *d, const char *title)
{
	struct section *grown = realloc(d->sections, (d->nsections + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	d->sections = grown;
	grown[d->nsections].title = cs_strdup(title);
	cs_table_init(&grown[d->nsections].t);
	return &d->sections[d->nsections++].t;
}

static const char *s_(const cs_node *n, const char *key)
{
	const cs_node *v = n ? cs_node_get(n, key) : NULL;
	return v && v->type == CS_NODE_SCALAR ? v->str : NULL;
}

static int render_chart(const struct doc *d, cs_buf *out)
{
	const int w = 640, h = 90, pad = 30;
	long long max = 1, v;
	size_t i, n = d->weeks ? d->weeks->count : 0;
	int bw;
	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		if (cs_node_int(d->weeks->pairs[i].value, &v) == 0 && v > max)
			max = v;
	bw = (int)((w - 2 * pad) / (int)n);
	cs_buf_printf(out, "<h2>%s</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		      "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n", _("Activity by week"),
		      w, h + 30, w, h + 30);
	cs_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
		      pad, h, w - pad, h);
	for (i = 0; i < n; i++) {
		int bh, x;
		v = 0;
		cs_node_int(d->weeks->pairs[i].value, &v);
		bh = (int)((h - 20) * v / max);
		x = pad + (int)i * bw;
		cs_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#4a7ab5\"/>\n",
			      x + 4, h - bh, bw - 8, bh);
		cs_buf_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%lld</text>\n",
			      x + bw / 2, h - bh - 4, v);
		cs_buf_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n",
			      x + bw / 2, h + 16, d->weeks->pairs[i].key + 5);
	}
	cs_error_clear();
	return cs_buf_puts(out, "</svg>\n");
}

static int render_doc(const struct doc *d, cs_format fmt, int bom, cs_buf *out)
{
	size_t i;
	int error = 0;
	switch (fmt) {
	case CS_FMT_TEXT:
		cs_buf_printf(out, "%s\n", d->title);
		{
			size_t w = cs_utf8_width(d->title);
			while (w--)
				cs_buf_putc(out, '=');
			cs_buf_putc(out, '\n');
		}
		for (i = 0; i < d->facts.nrows; i++) {
			size_t pad = 0, j, lw = cs_utf8_width(d->facts.rows[i][0]);
			for (j = 0; j < d->facts.nrows; j++)
				if (cs_utf8_width(d->facts.rows[j][0]) > pad)
					pad = cs_utf8_width(d->facts.rows[j][0]);
			cs_buf_printf(out, "%s:", d->facts.rows[i][0]);
			if (d->facts.rows[i][1] && *d->facts.rows[i][1]) {
				for (j = lw; j < pad + 1; j++)
					cs_buf_putc(out, ' ');
				cs_buf_puts(out, d->facts.rows[i][1]);
			}
			cs_buf_putc(out, '\n');
		}
		for (i = 0; i < d->nsections && !error; i++) {
			cs_buf_printf(out, "\n%s\n", d->sections[i].title);
			if (d->sections[i].t.nrows)
				error = cs_table_render(&d->sections[i].t, CS_FMT_TEXT, out);
			else
				cs_buf_printf(out, "%s\n", _("(none)"));
		}
		return error;
	case CS_FMT_MD:
		cs_buf_printf(out, "# %s\n\n", d->title);
		error = cs_table_render(&d->facts, CS_FMT_MD, out);
		for (i = 0; i < d->nsections && !error; i++) {
			cs_buf_printf(out, "\n## %s\n\n", d->sections[i].title);
			if (d->sections[i].t.nrows)
				error = cs_table_render(&d->sections[i].t, CS_FMT_MD, out);
			else
				cs_buf_printf(out, "%s\n", _("(none)"));
		}
		return error;
	case CS_FMT_CSV:
		if (bom)
			cs_buf_puts(out, "\xef\xbb\xbf");
		if (d->nsections)
			return cs_table_render(&d->sections[d->primary].t, CS_FMT_CSV, out);
		return cs_table_render(&d->facts, CS_FMT_CSV, out);
	case CS_FMT_HTML:
		cs_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
		cs_html_escape(out, d->title);
		cs_buf_puts(out, "</title>\n<style>\n"
			    "@page { size: A4; margin: 12mm; }\n"
			    "body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif; font-size: 8pt; margin: 0; }\n"
			    "h1 { font-size: 13pt; margin: 0 0 4pt; }\n"
			    "h2 { font-size: 10pt; margin: 6pt 0 2pt; }\n"
			    "table { border-collapse: collapse; width: 100%; margin-bottom: 4pt; }\n"
			    "th, td { border: 1px solid #999; padding: 1pt 3pt; text-align: left; vertical-align: top; }\n"
			    "table.facts td { width: 25%; }\n"
			    "svg { display: block; }\n"
			    "td:not(:last-child), th:not(:last-child) { white-space: nowrap; }\n"
			    "th { background: #eee; }\n"
			    "tr { page-break-inside: avoid; }\n"
			    "</style>\n</head>\n<body>\n<h1>");
		cs_html_escape(out, d->title);
		cs_buf_puts(out, "</h1>\n<table class=\"facts\">\n");
		/* facts two to a row, to keep the page to one sheet */
		for (i = 0; i < d->facts.nrows; i += 2) {
			size_t k;
			cs_buf_puts(out, "<tr>");
			for (k = i; k < i + 2; k++) {
				cs_buf_puts(out, "<th>");
				if (k < d->facts.nrows)
					cs_html_escape(out, d->facts.rows[k][0]);
				cs_buf_puts(out, "</th><td>");
				if (k < d->facts.nrows)
					cs_html_escape(out, d->facts.rows[k][1]);
				cs_buf_puts(out, "</td>");
			}
			cs_buf_puts(out, "</tr>\n");
		}
		cs_buf_puts(out, "</table>\n");
		if (!error)
			error = render_chart(d, out);
		for (i = 0; i < d->nsections && !error; i++) {
			cs_buf_puts(out, "<h2>");
			cs_html_escape(out, d->sections[i].title);
			cs_buf_puts(out, "</h2>\n");
			if (d->sections[i].t.nrows)
				error = cs_table_render(&d->sections[i].t, CS_FMT_HTML, out);
			else
				cs_buf_printf(out, "<p>%s</p>\n", _("(none)"));
		}
		return error ? error : cs_buf_puts(out, "</body>\n</html>\n");
	default:
		return cs_error_set(CS_ESOFTWARE, "not a document format");
	}
}

/* --- documents of each report -------------------------------------------- */

static void figures_facts(struct doc *d, const cs_node *r)
{
	const cs_node *t = cs_node_get(r, "totals"), *q = cs_node_get(r, "requests");
	const cs_node *tc = cs_node_get(r, "typical_cases");
	cs_buf b = CS_BUF_INIT;
	size_t i;
	fact_int(d, _("activities"), cs_node_get(t, "activities"));
	fact_int(d, _("service minutes"), cs_node_get(t, "service_minutes"));
	fact_int(d, _("people served"), cs_node_get(t, "people_served"));
	fact_int(d, _("requests received"), cs_node_get(q, "received"));
	fact_int(d, _("requests accepted"), cs_node_get(q, "accepted"));
	fact_int(d, _("accepted late"), cs_node_get(q, "accepted_late"));
	fact_int(d, _("requests open"), cs_node_get(q, "open"));
	const cs_node *late = cs_node_get(r, "late_entries"), *sup = cs_node_get(r, "supersedes");
	for (i = 0; tc && tc->type == CS_NODE_SEQ && i < tc->count; i++)
		cs_buf_printf(&b, "%s%s", i ? ", " : "", tc->items[i]->str);
	fact(d, _("typical cases"), cs_buf_cstr(&b));
	cs_buf_clear(&b);
	for (i = 0; late && late->type == CS_NODE_SEQ && i < late->count; i++)
		cs_buf_printf(&b, "%s%s (%s)", i ? ", " : "", s_(late->items[i], "id"),
			      s_(late->items[i], "reason"));
	if (b.len)
		fact(d, _("entries added after filing"), cs_buf_cstr(&b));
	if (sup)
		fact(d, _("supersedes the report of"), s_(sup, "source_commit"));
	cs_buf_free(&b);
}

static void by_kind_fact(struct doc *d, const cs_node *r)
{
	const cs_node *bk = cs_node_get(cs_node_get(r, "totals"), "by_kind");
	cs_buf b = CS_BUF_INIT;
	size_t i;
	for (i = 0; bk && bk->type == CS_NODE_MAP && i < bk->count; i++)
		cs_buf_printf(&b, "%s%s %s", i ? ", " : "", cli_kind_label(bk->pairs[i].key),
			      bk->pairs[i].value->str);
	fact(d, _("by kind"), cs_buf_cstr(&b));
	cs_buf_free(&b);
}

static void blocks_section(struct doc *d, const cs_node *r, const char *key, const char *title)
{
	const cs_node *bl = cs_node_get(r, key);
	cs_table *t;
	size_t i;
	if (!bl)
		return;
	t = section(d, title);
	cs_table_col(t, "subject", _("subject"), 0);
	cs_table_col(t, "name", _("name"), 0);
	cs_table_col(t, "activities", _("activities"), 1);
	cs_table_col(t, "service_minutes", _("minutes"), 1);
	cs_table_col(t, "people_served", _("people"), 1);
	cs_table_col(t, "received", _("requests"), 1);
	cs_table_col(t, "accepted_late", _("late"), 1);
	cs_table_col(t, "open", _("open"), 1);
	for (i = 0; bl->type == CS_NODE_SEQ && i < bl->count; i++) {
		const cs_node *b = bl->items[i], *tt = cs_node_get(b, "totals");
		const cs_node *q = cs_node_get(b, "requests");
		const char *cells[8] = {
			s_(b, key[0] == 'l' ? "lawyer" : "office"), s_(b, "name"),
			s_(tt, "activities"), s_(tt, "service_minutes"), s_(tt, "people_served"),
			s_(q, "received"), s_(q, "accepted_late"), s_(q, "open")
		};
		cs_table_row(t, cells);
	}
}

static void items_section(struct doc *d, const cs_node *r)
{
	const cs_node *items = cs_node_get(r, "items");
	cs_table *t = section(d, _("Items"));
	size_t i;
	d->primary = d->nsections - 1;
	cs_table_col(t, "id", _("id"), 0);
	cs_table_col(t, "date", _("date"), 0);
	cs_table_col(t, "kind", _("kind"), 0);
	cs_table_col(t, "community", _("community"), 0);
	cs_table_col(t, "target", _("person served"), 0);
	cs_table_col(t, "contact", _("contact"), 0);
	cs_table_col(t, "summary", _("summary"), 0);
	for (i = 0; items && items->type == CS_NODE_SEQ && i < items->count; i++) {
		const cs_node *it = items->items[i], *tg = cs_node_get(it, "target");
		const char *kind = s_(it, "kind");
		const char *cells[7] = { s_(it, "id"), s_(it, "date"), kind ? cli_kind_label(kind) : NULL,
					 s_(it, "community"), s_(tg, "name"), s_(tg, "contact"),
					 s_(it, "summary") };
		cs_table_row(t, cells);
	}
}

/* What a monthly and a period report share: the title, the facts, the
 * figures and the offices' and lawyers' blocks. */
static void figures_doc(struct doc *d, const cs_node *r, const char *title,
			const char *when_label, const char *when)
{
	doc_init(d, title);
	fact(d, when_label, when);
	fact(d, _("scope"), s_(r, "scope"));
	fact(d, _("subject"), s_(r, "subject"));
	fact(d, _("source commit"), s_(r, "source_commit"));
	figures_facts(d, r);
	by_kind_fact(d, r);
	blocks_section(d, r, "offices", _("Judicial offices"));
	blocks_section(d, r, "lawyers", _("Lawyers"));
}

static int monthly_doc(struct doc *d, const cs_node *r)
{
	char title[256];
	snprintf(title, sizeof(title), _("Monthly report %s: %s %s"), s_(r, "month"),
		 s_(r, "scope"), s_(r, "subject"));
	figures_doc(d, r, title, _("month"), s_(r, "month"));
	items_section(d, r);
	return cs_report_weeks(r, &d->weeks);
}

static int period_doc(struct doc *d, const cs_node *r)
{
	const cs_node *f = cs_node_get(r, "findings"), *tr = cs_node_get(r, "trend");
	cs_table *t;
	char title[256];
	size_t i;
	snprintf(title, sizeof(title), _("Period report %s: %s %s"), s_(r, "period"),
		 s_(r, "scope"), s_(r, "subject"));
	figures_doc(d, r, title, _("period"), s_(r, "period"));
	t = section(d, _("Trend by month"));
	d->primary = d->nsections - 1;
	cs_table_col(t, "month", _("month"), 0);
	cs_table_col(t, "activities", _("activities"), 1);
	cs_table_col(t, "service_minutes", _("minutes"), 1);
	cs_table_col(t, "people_served", _("people"), 1);
	cs_table_col(t, "received", _("requests"), 1);
	for (i = 0; tr && tr->type == CS_NODE_SEQ && i < tr->count; i++) {
		const cs_node *m = tr->items[i], *tt = cs_node_get(m, "totals");
		const char *cells[5] = { s_(m, "month"), s_(tt, "activities"), s_(tt, "service_minutes"),
					 s_(tt, "people_served"),
					 s_(cs_node_get(m, "requests"), "received") };
		cs_table_row(t, cells);
	}
	t = section(d, _("Findings"));
	cs_table_col(t, "rule", _("rule"), 0);
	cs_table_col(t, "period", _("period"), 0);
	cs_table_col(t, "message", _("message"), 0);
	for (i = 0; f && f->type == CS_NODE_SEQ && i < f->count; i++) {
		const char *cells[3] = { s_(f->items[i], "rule"), s_(f->items[i], "period"),
					 s_(f->items[i], "message") };
		cs_table_row(t, cells);
	}
	return 0;
}

static int assess_doc(struct doc *d, const cs_node *r)
{
	const cs_node *ls = cs_node_get(r, "lawyers");
	cs_table *t;
	char title[256];
	size_t i, j;
	cs_buf b = CS_BUF_INIT;
	snprintf(title, sizeof(title), _("Assessment %s"), s_(r, "year"));
	doc_init(d, title);
	fact(d, _("year"), s_(r, "year"));
	fact(d, _("source commit"), s_(r, "source_commit"));
	for (j = 0; j < 2; j++) {
		const cs_node *c = cs_node_get(r, j ? "replacement_candidates" : "commendation_candidates");
		cs_buf_clear(&b);
		for (i = 0; c && c->type == CS_NODE_SEQ && i < c->count; i++)
			cs_buf_printf(&b, "%s%s", i ? ", " : "", c->items[i]->str);
		fact(d, j ? _("replacement candidates") : _("commendation candidates"), cs_buf_cstr(&b));
	}
	t = section(d, _("Ranking"));
	d->primary = d->nsections - 1;
	cs_table_col(t, "rank", _("rank"), 1);
	cs_table_col(t, "lawyer", _("lawyer"), 0);
	cs_table_col(t, "name", _("name"), 0);
	cs_table_col(t, "score", _("score"), 1);
	cs_table_col(t, "commend", _("commend"), 0);
	cs_table_col(t, "replace", _("replace"), 0);
	for (i = 0; ls && ls->type == CS_NODE_SEQ && i < ls->count; i++) {
		const cs_node *l = ls->items[i];
		const char *cells[6] = { s_(l, "rank"), s_(l, "lawyer"), s_(l, "name"), s_(l, "score"),
					 cs_node_true(cs_node_get(l, "commend")) ? _("yes") : "",
					 cs_node_true(cs_node_get(l, "replace")) ? _("yes") : "" };
		cs_table_row(t, cells);
	}
	t = section(d, _("Deductions"));
	cs_table_col(t, "lawyer", _("lawyer"), 0);
	cs_table_col(t, "item", _("item"), 0);
	cs_table_col(t, "points", _("points"), 1);
	cs_table_col(t, "rule", _("rule"), 0);
	cs_table_col(t, "source", _("source"), 0);
	for (i = 0; ls && ls->type == CS_NODE_SEQ && i < ls->count; i++) {
		const cs_node *l = ls->items[i], *its = cs_node_get(l, "items");
		const cs_node *ded = cs_node_get(l, "deductions");
		size_t k;
		for (j = 0; its && its->type == CS_NODE_SEQ && j < its->count; j++) {
			const cs_node *ds = cs_node_get(its->items[j], "deductions");
			for (k = 0; ds && ds->type == CS_NODE_SEQ && k < ds->count; k++) {
				const char *src = s_(ds->items[k], "record") ? s_(ds->items[k], "record")
									      : s_(ds->items[k], "path");
				const char *cells[5] = { s_(l, "lawyer"), s_(its->items[j], "item"),
							 s_(ds->items[k], "points"), s_(ds->items[k], "rule"), src };
				cs_table_row(t, cells);
			}
		}
		for (k = 0; ded && ded->type == CS_NODE_SEQ && k < ded->count; k++) {
			const char *src = s_(ded->items[k], "record") ? s_(ded->items[k], "record")
								       : s_(ded->items[k], "path");
			const char *cells[5] = { s_(l, "lawyer"), _("deduction"), s_(ded->items[k], "points"),
						 s_(ded->items[k], "rule"), src };
			cs_table_row(t, cells);
		}
	}
	cs_buf_free(&b);
	return 0;
}

static int stipend_doc(struct doc *d, const cs_node *r)
{
	const cs_node *fs = cs_node_get(r, "firms"), *rt = cs_node_get(r, "rates");
	cs_table *t;
	char title[256];
	size_t i, j, k;
	snprintf(title, sizeof(title), _("Stipend claims %s"), s_(r, "month"));
	doc_init(d, title);
	fact(d, _("month"), s_(r, "month"));
	fact(d, _("source commit"), s_(r, "source_commit"));
	fact(d, _("rate per half day"), s_(rt, "half_day"));
	fact(d, _("rate per lecture"), s_(rt, "lecture"));
	fact(d, _("rate per training"), s_(rt, "training"));
	fact(d, _("currency"), s_(rt, "currency"));
	fact(d, _("total"), s_(r, "total"));
	t = section(d, _("Claims"));
	d->primary = d->nsections - 1;
	cs_table_col(t, "firm", _("firm"), 0);
	cs_table_col(t, "lawyer", _("lawyer"), 0);
	cs_table_col(t, "name", _("name"), 0);
	cs_table_col(t, "half_days", _("half days"), 1);
	cs_table_col(t, "lectures", _("lectures"), 1);
	cs_table_col(t, "trainings", _("trainings"), 1);
	cs_table_col(t, "amount", _("amount"), 1);
	for (i = 0; fs && fs->type == CS_NODE_SEQ && i < fs->count; i++) {
		const cs_node *f = fs->items[i], *ls = cs_node_get(f, "lawyers");
		for (j = 0; ls && ls->type == CS_NODE_SEQ && j < ls->count; j++) {
			const cs_node *l = ls->items[j];
			const char *cells[7] = { s_(f, "name"), s_(l, "lawyer"), s_(l, "name"),
						 s_(l, "half_days"), s_(l, "lectures"), s_(l, "trainings"),
						 s_(l, "amount") };
			cs_table_row(t, cells);
		}
	}
	t = section(d, _("Entries counted"));
	cs_table_col(t, "lawyer", _("lawyer"), 0);
	cs_table_col(t, "id", _("id"), 0);
	cs_table_col(t, "date", _("date"), 0);
	cs_table_col(t, "kind", _("kind"), 0);
	cs_table_col(t, "units", _("units"), 1);
	for (i = 0; fs && fs->type == CS_NODE_SEQ && i < fs->count; i++) {
		const cs_node *ls = cs_node_get(fs->items[i], "lawyers");
		for (j = 0; ls && ls->type == CS_NODE_SEQ && j < ls->count; j++) {
			const cs_node *es = cs_node_get(ls->items[j], "entries");
			for (k = 0; es && es->type == CS_NODE_SEQ && k < es->count; k++) {
				const cs_node *e = es->items[k];
				const char *kind = s_(e, "kind");
				const char *cells[5] = { s_(ls->items[j], "lawyer"), s_(e, "id"), s_(e, "date"),
							 kind ? cli_kind_label(kind) : NULL, s_(e, "units") };
				cs_table_row(t, cells);
			}
		}
	}
	return 0;
}

static int card_doc(struct doc *d, const cs_node *r)
{
	const cs_node *du = cs_node_get(r, "duties");
	cs_table *t;
	char title[256];
	size_t i;
	snprintf(title, sizeof(title), _("Service contact card: %s"), s_(r, "community_name"));
	doc_init(d, title);
	fact(d, _("community"), s_(r, "community_name"));
	fact(d, _("judicial office"), s_(r, "office_name"));
	fact(d, _("lawyer"), s_(r, "name"));
	fact(d, _("law firm"), s_(r, "firm_name"));
	fact(d, _("phone"), s_(r, "phone"));
	fact(d, _("e-mail"), s_(r, "email"));
	fact(d, _("photo"), s_(r, "photo"));
	fact(d, _("office hours"), s_(r, "schedule"));
	fact(d, _("place"), s_(r, "place"));
	t = section(d, _("Duties"));
	cs_table_col(t, "duty", _("duty"), 0);
	for (i = 0; du && du->type == CS_NODE_SEQ && i < du->count; i++) {
		const char *cells[1] = { du->items[i]->str };
		cs_table_row(t, cells);
	}
	return 0;
}

static int print_report(struct args *a, const cs_node *r, int (*build)(struct doc *, const cs_node *))
{
	cs_buf out = CS_BUF_INIT;
	struct doc d;
	int error;
	memset(&d, 0, sizeof(d));
	if (a->format == CS_FMT_JSON || a->format == CS_FMT_YAML) {
		error = cli_tree(&out, r, a->format);
	} else {
		if (!(error = build(&d, r)))
			error = render_doc(&d, a->format, a->bom, &out);
		doc_free(&d);
	}
	if (!error && cli_out(&out))
		error = cs_error_set(CS_EIO, "cannot write to standard output");
	cs_buf_free(&out);
	return error;
}

/* --- commands --------------------------------------------------------------- */

static int file_report(struct args *a, cs_node *r)
{
	cs_filing f = { a->supersede, a->reason };
	cs_buf path = CS_BUF_INIT;
	cs_time now;
	int error;
	if ((error = cs_now(&now)) == 0 &&
	    (error = cs_filing_monthly(a->store, r, &now, &f, &path)) == 0)
		printf("%s\n", cs_buf_cstr(&path));
	cs_buf_free(&path);
	return error;
}

static int filed(struct args *a, const char *month, const char *scope, const char *slug)
{
	char path[256];
	size_t i;
	snprintf(path, sizeof(path), "records/reports/%s/%s-%s.yaml", month, scope, slug);
	for (i = 0; i < a->chk.nreports; i++)
		if (!strcmp(a->chk.report_paths[i], path))
			return 1;
	return 0;
}

static int monthly_one(struct args *a, int y, int m, const char *scope, const char *subject,
		       cs_node *collect)
{
	cs_node *r = NULL;
	int error;
	if ((error = cs_report_monthly(&a->chk, y, m, scope, subject, a->reveal && !a->commit, &r)) < 0)
		return error;
	if (a->commit) {
		error = file_report(a, r);
	} else if (collect) {
		error = cs_node_push(collect, r);
		r = NULL;
	} else {
		error = print_report(a, r, monthly_doc);
	}
	cs_node_free(r);
	return error;
}

static int cmd_monthly(struct args *a)
{
	int y, m, error = 0, scopes = !!a->lawyer + !!a->office + a->district + a->all;
	size_t i;
	cs_node *all = NULL;
	if (!a->month)
		return cs_error_set(CS_EUSAGE, "--month YYYY-MM is required");
	if (cs_month_parse(a->month, &y, &m) < 0)
		return cs_error_set(CS_EUSAGE, "--month: '%s' is not a month (YYYY-MM)", a->month);
	if (scopes != 1)
		return cs_error_set(CS_EUSAGE, "give one of --lawyer, --office, --district or --all");
	if (a->commit && a->district)
		return cs_error_set(CS_EUSAGE, "only lawyer and office reports are filed (--commit)");
	if (a->commit && a->reveal)
		return cs_error_set(CS_EUSAGE, "a filed report never reveals residents' data (--reveal)");
	if (a->supersede && (!a->commit || a->all))
		return cs_error_set(CS_EUSAGE, "--supersede files one corrected report: give --commit "
				    "and --lawyer or --office");
	if (a->supersede && !a->reason)
		return cs_error_set(CS_EUSAGE, "--supersede needs --reason TEXT");
	if (a->lawyer)
		return monthly_one(a, y, m, "lawyer", a->lawyer, NULL);
	if (a->office)
		return monthly_one(a, y, m, "office", a->office, NULL);
	if (a->district)
		return monthly_one(a, y, m, "district", NULL, NULL);
	/* --all: every lawyer's report, then every office's */
	if (!a->commit && !(all = cs_node_new_seq()))
		return CS_ENOMEM;
	{
		cs_node *r = NULL;
		const cs_node *ls, *os;
		if ((error = cs_report_monthly(&a->chk, y, m, "district", NULL, 0, &r)) < 0)
			goto cleanup;
		ls = cs_node_get(r, "lawyers");
		os = cs_node_get(r, "offices");
		for (i = 0; ls && i < ls->count && !error; i++) {
			const char *l = s_(ls->items[i], "lawyer");
			if (!a->commit || !filed(a, a->month, "lawyer", l))
				error = monthly_one(a, y, m, "lawyer", l, all);
		}
		for (i = 0; os && i < os->count && !error; i++) {
			const char *o = s_(os->items[i], "office");
			/* an office with no lawyer that month owes nothing (Art 18) */
			if (!cs_check_office_paired(&a->chk, o, cs_date_from_ymd(y, m, 1),
						    cs_date_from_ymd(y, m, cs_date_days_in_month(y, m))))
				continue;
			if (!a->commit || !filed(a, a->month, "office", o))
				error = monthly_one(a, y, m, "office", o, all);
		}
		cs_node_free(r);
	}
	if (!error && all) {
		cs_buf out = CS_BUF_INIT;
		if (a->format == CS_FMT_JSON || a->format == CS_FMT_YAML) {
			error = cli_tree(&out, all, a->format);
		} else {
			for (i = 0; i < all->count && !error; i++) {
				struct doc d;
				memset(&d, 0, sizeof(d));
				if (i && a->format == CS_FMT_TEXT)
					cs_buf_puts(&out, "\n\f\n");
				if (!(error = monthly_doc(&d, all->items[i])))
					error = render_doc(&d, a->format, a->bom && !i, &out);
				doc_free(&d);
			}
		}
		if (!error && cli_out(&out))
			error = cs_error_set(CS_EIO, "cannot write to standard output");
		cs_buf_free(&out);
	}
cleanup:
	cs_node_free(all);
	return error;
}

static int cmd_period(struct args *a)
{
	const char *p = a->quarter ? a->quarter : a->half ? a->half : a->year;
	int n = !!a->quarter + !!a->half + !!a->year;
	int scopes = !!a->lawyer + !!a->office + a->district;
	cs_day f, t;
	cs_node *r = NULL;
	int error;
	if (n != 1)
		return cs_error_set(CS_EUSAGE, "give one of --quarter, --half or --year");
	if (scopes != 1)
		return cs_error_set(CS_EUSAGE, "give one of --lawyer, --office or --district");
	if (cs_period_parse(p, &f, &t) < 0 || (a->quarter && !strchr(p, 'Q')) ||
	    (a->half && !strchr(p, 'H')) || (a->year && strlen(p) != 4))
		return a->quarter ? cs_error_set(CS_EUSAGE, "'%s' is not a quarter (YYYY-Qn)", p) :
		       a->half ? cs_error_set(CS_EUSAGE, "'%s' is not a half year (YYYY-Hn)", p) :
		       cs_error_set(CS_EUSAGE, "'%s' is not a year (YYYY)", p);
	error = cs_report_period(&a->chk, p, a->lawyer ? "lawyer" : a->office ? "office" : "district",
				 a->lawyer ? a->lawyer : a->office, a->reveal, &r);
	if (!error)
		error = print_report(a, r, period_doc);
	cs_node_free(r);
	return error;
}

static int cmd_assess(struct args *a)
{
	cs_node *r = NULL;
	long long y;
	size_t i;
	int error;
	char *end;
	if (!a->year)
		return cs_error_set(CS_EUSAGE, "--year YYYY is required");
	y = strtoll(a->year, &end, 10);
	if (*end || strlen(a->year) != 4 || y < 1)
		return cs_error_set(CS_EUSAGE, "--year: '%s' is not a year", a->year);
	if ((error = cs_report_assess(&a->chk, (int)y, &r)) < 0)
		return error;
	if (a->commit) {
		const cs_node *ls = cs_node_get(r, "lawyers");
		cs_put *puts = cs_calloc(ls ? ls->count + 1 : 1, sizeof(*puts));
		cs_node **recs = cs_calloc(ls ? ls->count + 1 : 1, sizeof(*recs));
		char summary[128];
		for (i = 0; puts && recs && ls && i < ls->count && !error; i++) {
			if (!(recs[i] = cs_node_new_map())) {
				error = CS_ENOMEM;
				break;
			}
			cs_node_set_str(recs[i], "kind", "assessment");
			cs_node_set(recs[i], "year", cs_node_new_int(y));
			{
				const cs_node *b = ls->items[i];
				size_t k;
				for (k = 0; k < b->count; k++)
					cs_node_set(recs[i], b->pairs[k].key, cs_node_dup(b->pairs[k].value));
			}
			cs_node_set_str(recs[i], "source_commit", s_(r, "source_commit"));
			puts[i].rec = recs[i];
			puts[i].create = 1;
		}
		if (!puts || !recs)
			error = CS_ENOMEM;
		if (!error && ls && ls->count) {
			cs_commit cm;
			memset(&cm, 0, sizeof(cm));
			snprintf(summary, sizeof(summary), "File the %lld assessment of %zu lawyers (Art 21)",
				 y, ls->count);
			cm.command = "csreport assess";
			cm.summary = summary;
			error = cs_write_records(a->store, &cm, puts, ls->count, NULL);
			if (error == CS_ECANTCREAT)
				error = cs_error_set(CS_ECANTCREAT, "the %lld assessment is filed already", y);
		}
		if (!error)
			error = print_report(a, r, assess_doc);
		for (i = 0; recs && ls && i < ls->count; i++)
			cs_node_free(recs[i]);
		free(recs);
		free(puts);
	} else {
		error = print_report(a, r, assess_doc);
	}
	cs_node_free(r);
	return error;
}

static int cmd_stipend(struct args *a)
{
	cs_node *r = NULL;
	int y, m, error;
	if (!a->month)
		return cs_error_set(CS_EUSAGE, "--month YYYY-MM is required");
	if (cs_month_parse(a->month, &y, &m) < 0)
		return cs_error_set(CS_EUSAGE, "--month: '%s' is not a month (YYYY-MM)", a->month);
	if ((error = cs_report_stipend(&a->chk, y, m, &r)) < 0)
		return error;
	error = print_report(a, r, stipend_doc);
	cs_node_free(r);
	return error;
}

static int cmd_card(struct args *a, const char *community)
{
	cs_node *r = NULL;
	int error = cs_report_card(&a->chk, community, &r);
	if (!error)
		error = print_report(a, r, card_doc);
	cs_node_free(r);
	return error;
}

/* Options each verb takes. */
enum { O_MONTH = 1, O_LAWYER = 2, O_OFFICE = 4, O_DISTRICT = 8, O_ALL = 16, O_COMMIT = 32,
       O_QUARTER = 64, O_HALF = 128, O_YEAR = 256, O_REVEAL = 512, O_SUPERSEDE = 1024,
       O_REASON = 2048 };

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "lawyer", required_argument, NULL, 'l' },
		{ "office", required_argument, NULL, 'o' },
		{ "district", no_argument, NULL, 'd' },
		{ "all", no_argument, NULL, 'a' },
		{ "commit", no_argument, NULL, 'c' },
		{ "quarter", required_argument, NULL, 'q' },
		{ "half", required_argument, NULL, 'H' },
		{ "year", required_argument, NULL, 'y' },
		{ "reveal", no_argument, NULL, 'r' },
		{ "supersede", no_argument, NULL, 'S' },
		{ "reason", required_argument, NULL, 'R' },
		{ "bom", no_argument, NULL, 'b' },
		{ "as-of", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct args a;
	char *operands[4];
	int nops = 0, c, status = 0, error;
	unsigned seen = 0, ok;
	const char *verb;

	cli_init("csreport");
	memset(&a, 0, sizeof(a));
	while (optind < argc) {
		if ((c = getopt_long(argc, argv, "-C:h", opts, NULL)) == -1)
			break;
		switch (c) {
		case 1:
			if (nops == 4)
				return cli_usage(_("too many arguments"));
			operands[nops++] = optarg;
			break;
		case 'm': a.month = optarg; seen |= O_MONTH; break;
		case 'l': a.lawyer = optarg; seen |= O_LAWYER; break;
		case 'o': a.office = optarg; seen |= O_OFFICE; break;
		case 'd': a.district = 1; seen |= O_DISTRICT; break;
		case 'a': a.all = 1; seen |= O_ALL; break;
		case 'c': a.commit = 1; seen |= O_COMMIT; break;
		case 'q': a.quarter = optarg; seen |= O_QUARTER; break;
		case 'H': a.half = optarg; seen |= O_HALF; break;
		case 'y': a.year = optarg; seen |= O_YEAR; break;
		case 'r': a.reveal = 1; seen |= O_REVEAL; break;
		case 'S': a.supersede = 1; seen |= O_SUPERSEDE; break;
		case 'R': a.reason = optarg; seen |= O_REASON; break;
		case 'b': a.bom = 1; break;
		case 's': a.as_of = optarg; break;
		case 'F':
			if ((status = cli_format(optarg, &a.format)) != 0)
				return status;
			break;
		case 'C': a.dir = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': return cli_version();
		default: return cli_usage(_("unknown option"));
		}
	}
	if (nops == 0)
		return cli_usage(_("a command is required (monthly, period, assess, stipend, card)"));
	verb = operands[0];
	if (!strcmp(verb, "monthly"))
		ok = O_MONTH | O_LAWYER | O_OFFICE | O_DISTRICT | O_ALL | O_COMMIT | O_REVEAL |
		     O_SUPERSEDE | O_REASON;
	else if (!strcmp(verb, "period"))
		ok = O_QUARTER | O_HALF | O_YEAR | O_LAWYER | O_OFFICE | O_DISTRICT | O_REVEAL;
	else if (!strcmp(verb, "assess"))
		ok = O_YEAR | O_COMMIT;
	else if (!strcmp(verb, "stipend"))
		ok = O_MONTH;
	else if (!strcmp(verb, "card"))
		ok = O_REVEAL;
	else
		return cli_usage(_("unknown command '%s'"), verb);
	if (seen & ~ok)
		return cli_usage(_("an option given does not apply to '%s'"), verb);
	if (!strcmp(verb, "card") ? nops != 2 : nops != 1)
		return cli_usage(nops < 2 ? _("%s: an operand is required") : _("%s: too many arguments"),
				 verb);
	if (a.commit && a.as_of)
		return cli_usage(_("--commit files from the current state; it takes no --as-of"));
	if ((status = cli_open(&a.store, a.dir)) != 0)
		return status;
	{
		/* a month's report reads that month of the work log, not all of it */
		int y, m;
		cs_time now;
		if ((!strcmp(verb, "monthly") || !strcmp(verb, "stipend")) && a.month &&
		    cs_month_parse(a.month, &y, &m) == 0)
			error = cs_check_load_months(&a.chk, a.store, a.as_of, cs_date_from_ymd(y, m, 1),
						     cs_date_from_ymd(y, m, cs_date_days_in_month(y, m)));
		else if (!strcmp(verb, "card") && (error = cs_now(&now)) == 0)
			error = cs_check_load_months(&a.chk, a.store, a.as_of, now.day, now.day);
		else
			error = cs_check_load(&a.chk, a.store, a.as_of, 0);
		if (error < 0)
			goto done;
	}
	if (!strcmp(verb, "monthly"))
		error = cmd_monthly(&a);
	else if (!strcmp(verb, "period"))
		error = cmd_period(&a);
	else if (!strcmp(verb, "assess"))
		error = cmd_assess(&a);
	else if (!strcmp(verb, "stipend"))
		error = cmd_stipend(&a);
	else
		error = cmd_card(&a, operands[1]);
done:
	if (error < 0)
		status = error == CS_EUSAGE ? cli_usage("%s", cs_error_last()) : cli_fail(error);
	cs_check_free(&a.chk);
	cs_store_free(a.store);
	cs_record_cleanup();
	return status;
}
