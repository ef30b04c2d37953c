/* Reports (DESIGN 5 csreport; Art 5(5), 7(1), 18, 20, 21): figures computed
 * from a loaded store (cs_snapshot), returned as trees; formatting is the
 * caller's. Residents' names and contacts are masked unless reveal. */
#ifndef CS_REPORT_H
#define CS_REPORT_H

#include "buf.h"
#include "check.h"
#include "doc.h"
#include "mask.h"
#include "node.h"

/* Scope of a report: "lawyer", "office" or "district"; subject is the
 * lawyer's or office's slug (ignored for the district). */
int cs_report_monthly(cs_snapshot *c, int year, int month, const char *scope,
		      const char *subject, int reveal, cs_node **out);
/* A quarter, half or year (name: 2026-Q3, 2026-H2, 2026) for the Art 20
 * meetings: figures, the rules' findings and month-by-month trend. */
int cs_report_period(cs_snapshot *c, const char *period, const char *scope,
		     const char *subject, int reveal, cs_node **out);
/* The Art 21 assessment of every lawyer for year, ranked. */
int cs_report_assess(cs_snapshot *c, int year, cs_node **out);
/* The Art 5(5) stipend claims of every firm for a month. */
int cs_report_stipend(cs_snapshot *c, int year, int month, cs_node **out);
/* The Art 7(1) service contact card of a community (on c->today). */
int cs_report_card(cs_snapshot *c, const char *community, cs_node **out);

/* The lawyers and then the offices that owe a monthly report for the
 * month (Art 18): every lawyer with a block in the district's report, every
 * office with a community paired that month. A sequence of mappings
 * {scope: lawyer|office, subject: slug}. */
int cs_report_monthly_due(cs_snapshot *c, int year, int month, cs_node **out);

/* The document of a report (any of the trees above, by its kind) for
 * text, md, csv and html: labels in the user's language, an issue date (the
 * store's "now", c->now), directory entries named beside their slugs
 * (王丽 (wang-li)), and for monthly and period reports a signature and seal
 * block; a monthly report's items print on one line (the day of the month,
 * the person served with the contact). With CS_REPORT_CSV the tables are
 * as a spreadsheet wants them: one value a cell, bare slugs, whole dates.
 * *out is initialised here; free it with cs_doc_free, even after an
 * error. */
enum { CS_REPORT_CSV = 1 };
int cs_report_doc(const cs_snapshot *c, const cs_node *report, int flags, cs_doc *out);

/* Activity per ISO week (Monday's date -> count) of a report's items, for charts. */
int cs_report_weeks(const cs_node *report, cs_node **out);

#endif
