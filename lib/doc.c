#include <libintl.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "error.h"
#include "utf8.h"

#define _(s) dgettext("cs", s)

/* A4 (210 mm) less two 10 mm margins in tenths of an em of the tables'
 * 6.5pt type (190 mm is 82.9 em), less a little for rounding. */
#define PAGE_WIDTH 820
/* A fact whose value is wider than its cell (a third of the page, in
 * tenths of an em of 7.5pt) has a row of its own in html. */
#define WIDE_FACT 230
/* A cell's padding and borders (3.5pt, 0.54 em), in tenths of an em, and
 * a little to spare. */
#define CELL_PAD 7

int cs_doc_init(cs_doc *d, const char *title)
{
	memset(d, 0, sizeof(*d));
	cs_table_init(&d->facts);
	if (!(d->title = cs_strdup(title ? title : "")))
		return CS_ENOMEM;
	if (cs_table_col(&d->facts, "label", _("item"), 0) < 0 ||
	    cs_table_col(&d->facts, "value", _("value"), 0) < 0)
		return CS_ENOMEM;
	return 0;
}

void cs_doc_free(cs_doc *d)
{
	size_t i;
	free(d->title);
	free(d->issued);
	cs_table_free(&d->facts);
	for (i = 0; i < d->nsections; i++) {
		free(d->sections[i].title);
		cs_table_free(&d->sections[i].t);
	}
	free(d->sections);
	free(d->chart.title);
	for (i = 0; i < d->chart.n; i++)
		free(d->chart.labels[i]);
	free(d->chart.labels);
	free(d->chart.values);
	for (i = 0; i < d->nsignatures; i++)
		free(d->signatures[i]);
	free(d->signatures);
	memset(d, 0, sizeof(*d));
}

static int replace(char **slot, const char *s)
{
	char *copy = cs_strdup(s ? s : "");
	if (!copy)
		return CS_ENOMEM;
	free(*slot);
	*slot = copy;
	return 0;
}

int cs_doc_issued(cs_doc *d, const char *line)
{
	return replace(&d->issued, line);
}

int cs_doc_fact(cs_doc *d, const char *label, const char *value)
{
	const char *cells[2] = { label, value ? value : "" };
	return cs_table_row(&d->facts, cells);
}

int cs_doc_section_add(cs_doc *d, const char *title, int primary, cs_table **out)
{
	cs_doc_section *grown = cs_realloc(d->sections, (d->nsections + 1) * sizeof(*grown));
	*out = NULL;
	if (!grown)
		return CS_ENOMEM;
	d->sections = grown;
	if (!(grown[d->nsections].title = cs_strdup(title ? title : "")))
		return CS_ENOMEM;
	cs_table_init(&grown[d->nsections].t);
	if (primary)
		d->primary = d->nsections;
	*out = &grown[d->nsections++].t;
	return 0;
}

int cs_doc_chart_title(cs_doc *d, const char *title)
{
	return replace(&d->chart.title, title);
}

int cs_doc_bar(cs_doc *d, const char *label, long long value)
{
	char **labels = cs_realloc(d->chart.labels, (d->chart.n + 1) * sizeof(*labels));
	long long *values;
	if (!labels)
		return CS_ENOMEM;
	d->chart.labels = labels;
	if (!(values = cs_realloc(d->chart.values, (d->chart.n + 1) * sizeof(*values))))
		return CS_ENOMEM;
	d->chart.values = values;
	if (!(labels[d->chart.n] = cs_strdup(label ? label : "")))
		return CS_ENOMEM;
	values[d->chart.n++] = value < 0 ? 0 : value;
	return 0;
}

int cs_doc_sign(cs_doc *d, const char *line)
{
	char **grown = cs_realloc(d->signatures, (d->nsignatures + 1) * sizeof(*grown));
	if (!grown)
		return CS_ENOMEM;
	d->signatures = grown;
	if (!(grown[d->nsignatures] = cs_strdup(line ? line : "")))
		return CS_ENOMEM;
	d->nsignatures++;
	return 0;
}

/* --- column widths ---------------------------------------------------------- */

/* The printed width of s in tenths of an em of the report's sans-serif
 * type: a Chinese character (or any other non-ASCII one) a full em, digits
 * and capitals 0.6, other letters 0.5, punctuation and spaces 0.3. */
static size_t cell_width(const char *s)
{
	size_t w = 0, n;
	uint32_t cp;
	while (s && *s) {
		if (!(n = cs_utf8_decode(s, strlen(s), &cp))) {
			n = 1;
			cp = 0xfffd;
		}
		s += n;
		if (cp >= 0x80)
			w += cs_utf8_cp_width(cp) ? 10 : 0;
		else if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || cp == '*' || cp == '#')
			w += 6;
		else if (cp == '@' || cp == '%' || cp == 'm' || cp == 'w')
			w += 8;
		else if (cp >= 'a' && cp <= 'z')
			w += 5;
		else
			w += 3;
	}
	return w;
}

/* A column narrower than this (two ems and the padding) helps no one. */
#define MIN_COLUMN (CELL_PAD + 20)
/* Columns are narrowed an em at a time. */
#define STEP 10

/* The lines a cell w wide takes in a column col wide. */
static size_t lines(size_t w, size_t col)
{
	size_t text = w - CELL_PAD, room = col - CELL_PAD;
	return text <= room ? 1 : (text + room - 1) / room;
}

/* The column to narrow by STEP (or by need, when less) that adds the
 * fewest lines to the table, rows being as high as their highest cell;
 * alike, the wider. -1 when none can be. w[c][r] is the width of row r
 * (0 the heading) of column c; cur[c] the column's width. */
static int cheapest(size_t *const *w, size_t m, const size_t *cur, size_t ncols, size_t need)
{
	size_t c, r, cost, best_cost = 0, cut = need < STEP ? need : STEP;
	int best = -1;
	for (c = 0; c < ncols; c++) {
		if (cur[c] < MIN_COLUMN + cut)
			continue;
		for (cost = 0, r = 0; r < m; r++) {
			size_t k, others = 1, now, after = lines(w[c][r], cur[c] - cut);
			for (k = 0; k < ncols; k++)
				if (k != c && lines(w[k][r], cur[k]) > others)
					others = lines(w[k][r], cur[k]);
			now = lines(w[c][r], cur[c]);
			now = now > others ? now : others;
			cost += (after > others ? after : others) - now;
		}
		if (best < 0 || cost < best_cost || (cost == best_cost && cur[c] > cur[best])) {
			best = (int)c;
			best_cost = cost;
		}
	}
	return best;
}

int cs_doc_widths(const cs_table *t, size_t n, int *permille)
{
	size_t **w, *cur, c, r, m = t->nrows + 1, sum = 0, given = 0, cut;
	int error = 0, which;
	if (!t->ncols)
		return 0;
	w = cs_calloc(t->ncols, sizeof(*w));
	cur = cs_calloc(t->ncols, sizeof(*cur));
	for (c = 0; w && cur && c < t->ncols && !error; c++) {
		if (!(w[c] = cs_calloc(m, sizeof(**w)))) {
			error = CS_ENOMEM;
			break;
		}
		cur[c] = w[c][0] = cell_width(t->labels[c]) + CELL_PAD;
		for (r = 0; r < t->nrows; r++)
			if ((w[c][r + 1] = cell_width(t->rows[r][c]) + CELL_PAD) > cur[c])
				cur[c] = w[c][r + 1];
		sum += cur[c];
	}
	if (!w || !cur)
		error = CS_ENOMEM;
	/* narrow where it adds the fewest lines until the table fits */
	while (!error && sum > n && (which = cheapest(w, m, cur, t->ncols, sum - n)) >= 0) {
		cut = sum - n < STEP ? sum - n : STEP;
		cur[which] -= cut;
		sum -= cut;
	}
	for (c = 0; !error && c < t->ncols; c++) {
		permille[c] = c + 1 < t->ncols ? (int)(cur[c] * 1000 / sum) : (int)(1000 - given);
		given += (size_t)permille[c];
	}
	for (c = 0; w && c < t->ncols; c++)
		free(w[c]);
	free(w);
	free(cur);
	return error;
}

/* --- text and md -------------------------------------------------------------- */

static int text_facts(const cs_doc *d, cs_buf *out)
{
	size_t i, j, pad = 0;
	int error = 0;
	for (i = 0; i < d->facts.nrows; i++)
		if (d->facts.rows[i][0] && cs_utf8_width(d->facts.rows[i][0]) > pad)
			pad = cs_utf8_width(d->facts.rows[i][0]);
	for (i = 0; i < d->facts.nrows && !error; i++) {
		const char *label = d->facts.rows[i][0], *value = d->facts.rows[i][1];
		error = cs_buf_printf(out, "%s:", label ? label : "");
		if (value && *value) {
			j = label ? cs_utf8_width(label) : 0;
			if (!error && j < pad + 1)
				error = cs_buf_fill(out, ' ', pad + 1 - j);
			if (!error)
				error = cs_buf_puts(out, value);
		}
		if (!error)
			error = cs_buf_putc(out, '\n');
	}
	return error;
}

static int sections(const cs_doc *d, cs_format fmt, cs_buf *out)
{
	size_t i;
	int error = 0;
	for (i = 0; i < d->nsections && !error; i++) {
		const cs_doc_section *s = &d->sections[i];
		error = cs_buf_printf(out, fmt == CS_FMT_MD ? "\n## %s\n\n" : "\n%s\n", s->title);
		if (!error && s->t.nrows)
			error = cs_table_render(&s->t, fmt, out);
		else if (!error)
			error = cs_buf_printf(out, "%s\n", _("(none)"));
	}
	return error;
}

/* The signature and seal block: a line to sign on after each label (md:
 * a paragraph each). */
static int signatures(const cs_doc *d, cs_format fmt, cs_buf *out)
{
	size_t i;
	int error = 0;
	for (i = 0; i < d->nsignatures && !error; i++)
		error = cs_buf_printf(out, "%s%s ________________\n", i && fmt != CS_FMT_MD ? "" : "\n",
				      d->signatures[i]);
	return error;
}

static int render_text(const cs_doc *d, cs_buf *out)
{
	size_t w = cs_utf8_width(d->title);
	int error = cs_buf_printf(out, "%s\n", d->title);
	while (w-- && !error)
		error = cs_buf_putc(out, '=');
	if (!error)
		error = cs_buf_putc(out, '\n');
	if (!error && d->issued)
		error = cs_buf_printf(out, "%s\n", d->issued);
	if (!error)
		error = text_facts(d, out);
	if (!error)
		error = sections(d, CS_FMT_TEXT, out);
	return error ? error : signatures(d, CS_FMT_TEXT, out);
}

static int render_md(const cs_doc *d, cs_buf *out)
{
	int error = cs_buf_printf(out, "# %s\n\n", d->title);
	if (!error && d->issued)
		error = cs_buf_printf(out, "%s\n\n", d->issued);
	if (!error)
		error = cs_table_render(&d->facts, CS_FMT_MD, out);
	if (!error)
		error = sections(d, CS_FMT_MD, out);
	return error ? error : signatures(d, CS_FMT_MD, out);
}

/* --- html ----------------------------------------------------------------------- */

static const char style[] =
	"body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif; font-size: 7.5pt;\n"
	"       line-height: 1.25; margin: 0; }\n"
	"h1 { font-size: 12pt; margin: 0 0 1pt; }\n"
	"p.issued { margin: 0 0 3pt; }\n"
	"h2 { font-size: 9pt; margin: 5pt 0 1.5pt; break-after: avoid; }\n"
	"table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-bottom: 2pt; }\n"
	"th, td { border: 0.5pt solid #999; padding: 0.4pt 1.5pt; text-align: left; vertical-align: top;\n"
	"         overflow-wrap: anywhere; font-size: 6.5pt; line-height: 1.2; }\n"
	"table.facts th, table.facts td { font-size: 7.5pt; }\n"
	"th { background: #eee; font-weight: bold; }\n"
	"td.n, th.n { text-align: right; }\n"
	"tr { break-inside: avoid; }\n"
	"svg { display: block; width: 100%; height: auto; }\n"
	"div.sign { display: grid; grid-template-columns: 1fr 1fr; gap: 9pt 16pt; margin-top: 10pt;\n"
	"           break-inside: avoid; break-before: avoid; font-size: 9pt; }\n"
	"div.sign span { display: inline-block; width: 45%; border-bottom: 0.5pt solid #000;\n"
	"                height: 10pt; vertical-align: bottom; margin-left: 3pt; }\n";

/* One byte of a CSS string's text. */
static int css_char(cs_buf *out, char ch)
{
	if (ch == '"' || ch == '\\')
		return cs_buf_printf(out, "\\%c", ch);
	if (ch == '<' || ch == '\n')
		return cs_buf_printf(out, "\\%x ", (unsigned)ch);
	return cs_buf_putc(out, ch);
}

/* The page number as a CSS content value, from the translated "page %1$d
 * of %2$d": the words quoted, the numbers the page counters. */
static int page_content(cs_buf *out)
{
	const char *p = _("page %1$d of %2$d");
	int error = cs_buf_putc(out, '"');
	while (*p && !error) {
		if (!strncmp(p, "%1$d", 4) || !strncmp(p, "%2$d", 4)) {
			error = cs_buf_puts(out, p[1] == '1' ? "\" counter(page) \"" : "\" counter(pages) \"");
			p += 4;
		} else if (!strncmp(p, "%%", 2)) {
			error = cs_buf_putc(out, '%');
			p += 2;
		} else {
			error = css_char(out, *p++);
		}
	}
	return error ? error : cs_buf_putc(out, '"');
}

static int html_head(const cs_doc *d, cs_buf *out)
{
	int error;
	if ((error = cs_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
				 "<meta charset=\"utf-8\">\n<title>")) < 0 ||
	    (error = cs_html_escape(out, d->title)) < 0 ||
	    (error = cs_buf_puts(out, "</title>\n<style>\n@page { size: A4; margin: 10mm 10mm 12mm;\n"
				 "  @bottom-center { font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif;\n"
				 "    font-size: 7pt; color: #444; content: ")) < 0 ||
	    (error = page_content(out)) < 0 ||
	    (error = cs_buf_puts(out, "; } }\n")) < 0 || (error = cs_buf_puts(out, style)) < 0 ||
	    (error = cs_buf_puts(out, "</style>\n</head>\n<body>\n<h1>")) < 0 ||
	    (error = cs_html_escape(out, d->title)) < 0 || (error = cs_buf_puts(out, "</h1>\n")) < 0)
		return error;
	if (d->issued && ((error = cs_buf_puts(out, "<p class=\"issued\">")) < 0 ||
			  (error = cs_html_escape(out, d->issued)) < 0 ||
			  (error = cs_buf_puts(out, "</p>\n")) < 0))
		return error;
	return 0;
}

static int html_cell(cs_buf *out, const char *tag, const char *cls, const char *text, int span)
{
	int error = cs_buf_printf(out, "<%s", tag);
	if (!error && cls)
		error = cs_buf_printf(out, " class=\"%s\"", cls);
	if (!error && span > 1)
		error = cs_buf_printf(out, " colspan=\"%d\"", span);
	if (!error)
		error = cs_buf_putc(out, '>');
	if (!error)
		error = cs_html_escape(out, text);
	return error ? error : cs_buf_printf(out, "</%s>", tag);
}

/* Facts two to a row (label, value, label, value), a wide one alone. */
static int html_facts(const cs_doc *d, cs_buf *out)
{
	size_t i, k;
	int error;
	if (!d->facts.nrows)
		return 0;
	error = cs_buf_puts(out, "<table class=\"facts\">\n<colgroup><col style=\"width:16%\">"
			    "<col style=\"width:34%\"><col style=\"width:16%\"><col style=\"width:34%\">"
			    "</colgroup>\n");
	for (i = 0; i < d->facts.nrows && !error; i = k) {
		char **row = d->facts.rows[i];
		int wide = cell_width(row[1]) > WIDE_FACT;
		k = i + 1;
		error = cs_buf_puts(out, "<tr>");
		if (!error)
			error = html_cell(out, "th", NULL, row[0], 1);
		if (!error)
			error = html_cell(out, "td", NULL, row[1], wide ? 3 : 1);
		if (!error && !wide) {
			if (k < d->facts.nrows && cell_width(d->facts.rows[k][1]) <= WIDE_FACT) {
				if (!(error = html_cell(out, "th", NULL, d->facts.rows[k][0], 1)))
					error = html_cell(out, "td", NULL, d->facts.rows[k][1], 1);
				k++;
			} else {
				error = cs_buf_puts(out, "<th></th><td></td>");
			}
		}
		if (!error)
			error = cs_buf_puts(out, "</tr>\n");
	}
	return error ? error : cs_buf_puts(out, "</table>\n");
}

static int html_chart(const cs_doc *d, cs_buf *out)
{
	const int w = 700, h = 62, pad = 24;
	long long max = 1;
	size_t i, n = d->chart.n;
	int bw, error;
	if (!n || !d->chart.title)
		return 0;
	for (i = 0; i < n; i++)
		if (d->chart.values[i] > max)
			max = d->chart.values[i];
	bw = (w - 2 * pad) / (int)n;
	if ((error = cs_buf_puts(out, "<h2>")) < 0 || (error = cs_html_escape(out, d->chart.title)) < 0 ||
	    (error = cs_buf_printf(out, "</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
				   "role=\"img\">\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
				   "stroke=\"#333\"/>\n", w, h + 16, pad, h, w - pad, h)) < 0)
		return error;
	for (i = 0; i < n && !error; i++) {
		int bh = (int)((h - 14) * d->chart.values[i] / max), x = pad + (int)i * bw;
		error = cs_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#4a7ab5\"/>\n"
				      "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%lld</text>\n"
				      "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">",
				      x + 4, h - bh, bw - 8, bh, x + bw / 2, h - bh - 3, d->chart.values[i],
				      x + bw / 2, h + 12);
		if (!error && !(error = cs_html_escape(out, d->chart.labels[i])))
			error = cs_buf_puts(out, "</text>\n");
	}
	return error ? error : cs_buf_puts(out, "</svg>\n");
}

/* A table at widths that fit the page: long cells wrap, none overflows. */
static int html_table(const cs_table *t, cs_buf *out)
{
	int *pm = cs_calloc(t->ncols + 1, sizeof(*pm)), error;
	size_t r, c;
	if (!pm)
		return CS_ENOMEM;
	error = cs_doc_widths(t, PAGE_WIDTH, pm);
	if (!error)
		error = cs_buf_puts(out, "<table>\n<colgroup>");
	for (c = 0; c < t->ncols && !error; c++)
		error = cs_buf_printf(out, "<col style=\"width:%d.%d%%\">", pm[c] / 10, pm[c] % 10);
	if (!error)
		error = cs_buf_puts(out, "</colgroup>\n<thead><tr>");
	for (c = 0; c < t->ncols && !error; c++)
		error = html_cell(out, "th", t->numeric[c] ? "n" : NULL, t->labels[c], 1);
	if (!error)
		error = cs_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (r = 0; r < t->nrows && !error; r++) {
		error = cs_buf_puts(out, "<tr>");
		for (c = 0; c < t->ncols && !error; c++)
			error = html_cell(out, "td", t->numeric[c] ? "n" : NULL, t->rows[r][c], 1);
		if (!error && (error = cs_buf_puts(out, "</tr>\n")) == 0)
			error = cs_buf_spill(out);
	}
	free(pm);
	return error ? error : cs_buf_puts(out, "</tbody>\n</table>\n");
}

static int html_signatures(const cs_doc *d, cs_buf *out)
{
	size_t i;
	int error;
	if (!d->nsignatures)
		return 0;
	error = cs_buf_puts(out, "<div class=\"sign\">\n");
	for (i = 0; i < d->nsignatures && !error; i++) {
		if (!(error = cs_buf_puts(out, "<div>")) && !(error = cs_html_escape(out, d->signatures[i])))
			error = cs_buf_puts(out, "<span></span></div>\n");
	}
	return error ? error : cs_buf_puts(out, "</div>\n");
}

static int render_html(const cs_doc *d, cs_buf *out)
{
	size_t i;
	int error;
	if ((error = html_head(d, out)) < 0 || (error = html_facts(d, out)) < 0 ||
	    (error = html_chart(d, out)) < 0)
		return error;
	for (i = 0; i < d->nsections && !error; i++) {
		const cs_doc_section *s = &d->sections[i];
		if ((error = cs_buf_puts(out, "<h2>")) < 0 || (error = cs_html_escape(out, s->title)) < 0 ||
		    (error = cs_buf_puts(out, "</h2>\n")) < 0)
			break;
		error = s->t.nrows ? html_table(&s->t, out) : cs_buf_printf(out, "<p>%s</p>\n", _("(none)"));
	}
	if (!error)
		error = html_signatures(d, out);
	return error ? error : cs_buf_puts(out, "</body>\n</html>\n");
}

int cs_doc_render(const cs_doc *d, cs_format fmt, cs_buf *out)
{
	switch (fmt) {
	case CS_FMT_TEXT:
		return render_text(d, out);
	case CS_FMT_MD:
		return render_md(d, out);
	case CS_FMT_CSV:
		return cs_table_render(d->nsections ? &d->sections[d->primary].t : &d->facts,
				       CS_FMT_CSV, out);
	case CS_FMT_HTML:
		return render_html(d, out);
	default:
		return cs_error_set(CS_EUSAGE, "not a document format");
	}
}
