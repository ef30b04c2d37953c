/* Filing reports (DESIGN 5, 7; Art 18, 21): a monthly report or an annual
 * assessment becomes a record of the store; a filed lawyer's month is
 * sealed. */
#ifndef CS_FILING_H
#define CS_FILING_H

#include "buf.h"
#include "date.h"
#include "node.h"
#include "store.h"

typedef struct {
	int supersede;          /* file a correction of a report filed already */
	const char *reason;     /* why (required with supersede) */
} cs_filing;

/* File the monthly report (scope lawyer or office, as cs_report_monthly
 * makes it) as one commit; path gets its path. Refused with CS_EDATA
 * before the month has ended (now past its last day) and for a
 * supersede without a reason or of a report not filed; CS_ECANTCREAT
 * when it is filed already and this is no supersede. A superseding report
 * records what it supersedes (the filed report's source commit) and why;
 * Art 18 keeps counting from the first filing. */
int cs_filing_monthly(cs_store *s, cs_node *report, const cs_time *now, const cs_filing *f,
		      cs_buf *path);

/* The records the Art 21 assessment (cs_report_assess's tree) is filed
 * as: one "assessment" record per lawyer ranked (kind, year, the lawyer's
 * block, the source commit), into a sequence *out. */
int cs_filing_assessment_records(const cs_node *assessment, cs_node **out);
/* File them (records/assessments/YYYY/<lawyer>.yaml) in one commit;
 * nothing when nobody is ranked. CS_ECANTCREAT when the year is filed
 * already. */
int cs_filing_assessment(cs_store *s, const cs_node *assessment);

/* 1 when the month "YYYY-MM" has ended by now. */
int cs_filing_month_over(const char *month, const cs_time *now);

#endif
