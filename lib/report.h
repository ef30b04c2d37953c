/* Reports (DESIGN 5 csreport; Art 5(5), 7(1), 18, 20, 21): figures computed
 * from a loaded store (cs_check), returned as trees; formatting is the
 * caller's. Residents' names and contacts are masked unless reveal. */
#ifndef CS_REPORT_H
#define CS_REPORT_H

#include "buf.h"
#include "check.h"
#include "mask.h"
#include "node.h"

/* Scope of a report: "lawyer", "office" or "district"; subject is the
 * lawyer's or office's slug (ignored for the district). */
int cs_report_monthly(cs_check *c, int year, int month, const char *scope,
		      const char *subject, int reveal, cs_node **out);
/* A quarter, half or year (name: 2026-Q3, 2026-H2, 2026) for the Art 20
 * meetings: figures, the rules' findings and month-by-month trend. */
int cs_report_period(cs_check *c, const char *period, const char *scope,
		     const char *subject, int reveal, cs_node **out);
/* The Art 21 assessment of every lawyer for year, ranked. */
int cs_report_assess(cs_check *c, int year, cs_node **out);
/* The Art 5(5) stipend claims of every firm for a month. */
int cs_report_stipend(cs_check *c, int year, int month, cs_node **out);
/* The Art 7(1) service contact card of a community (on c->today). */
int cs_report_card(cs_check *c, const char *community, cs_node **out);

/* Activity per ISO week (Monday's date -> count) of a report's items, for charts. */
int cs_report_weeks(const cs_node *report, cs_node **out);

#endif
