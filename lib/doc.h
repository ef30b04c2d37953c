/* The report document writer, beside table: a document is data — a title,
 * the line under it (the issue date), facts (label and value), sections of
 * tables, a bar chart and a signature and seal block — rendered as text,
 * md, csv (its primary table only) or html (one self-contained printable
 * A4 document: print CSS, page numbers, tables that never run past the
 * page's printable width). The caller gives every word of the data in the
 * user's language; the few words of the writer itself ("(none)", "page 1
 * of 2") are translated here. Rendering appends to a buffer: lib never
 * prints. */
#ifndef CS_DOC_H
#define CS_DOC_H

#include <stddef.h>

#include "buf.h"
#include "table.h"

typedef struct {
	char *title;
	cs_table t;
} cs_doc_section;

typedef struct {
	char *title;             /* the chart's heading; NULL: no chart */
	char **labels;           /* under each bar ("10-05") */
	long long *values;       /* the bars, >= 0 */
	size_t n;
} cs_doc_chart;

typedef struct {
	char *title;
	char *issued;            /* the line under the title ("issued on 2026-11-01"), or NULL */
	cs_table facts;          /* two columns: label, value */
	cs_doc_section *sections;
	size_t nsections;
	size_t primary;          /* the section a csv holds (the facts when there is none) */
	cs_doc_chart chart;      /* html draws it after the facts */
	char **signatures;       /* the signature and seal block at the end, one line each */
	size_t nsignatures;
} cs_doc;

/* A document titled title (copied); free with cs_doc_free. */
int cs_doc_init(cs_doc *d, const char *title);
void cs_doc_free(cs_doc *d);

/* The line under the title (copied). */
int cs_doc_issued(cs_doc *d, const char *line);
/* Add a fact; value NULL is an empty one. */
int cs_doc_fact(cs_doc *d, const char *label, const char *value);
/* Add a section titled title; *out is its table, to give columns and rows
 * (it belongs to the document). primary: the one csv holds. */
int cs_doc_section_add(cs_doc *d, const char *title, int primary, cs_table **out);
/* Title the chart, then add its bars in order. */
int cs_doc_chart_title(cs_doc *d, const char *title);
int cs_doc_bar(cs_doc *d, const char *label, long long value);
/* Add a line of the signature and seal block ("reported by (signature):"). */
int cs_doc_sign(cs_doc *d, const char *line);

/* Render d in fmt (text, md, csv or html; CS_EUSAGE for yaml and json,
 * which are the report's tree, not a document) onto out. */
int cs_doc_render(const cs_doc *d, cs_format fmt, cs_buf *out);

/* The widths of t's columns on a page n tenths of an em wide, in per
 * mille, into permille[t->ncols] (summing to 1000): each column as wide as
 * its widest cell would print; when they do not fit, narrowed an em at a
 * time where that adds the fewest lines to the table (a column with one
 * long cell before one whose every cell is long); what is left over is
 * shared in proportion. */
int cs_doc_widths(const cs_table *t, size_t n, int *permille);

#endif
