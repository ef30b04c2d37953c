/* Pairings (结对, DESIGN 2, 5; Art 5, 9, 17): when a pairing runs, its
 * weekly schedule, and which pairing serves a lawyer or a community on a day. */
#ifndef CS_PAIRING_H
#define CS_PAIRING_H

#include "check.h"
#include "date.h"
#include "node.h"
#include "store.h"

/* Parse a weekly schedule "Wed 14:00-17:30": weekday 1 (Mon) .. 7 (Sun),
 * from and to in minutes. CS_EDATA "'x' is not a weekly schedule like ..." */
int cs_schedule_parse(const char *s, int *weekday, int *from, int *to);

/* The days a pairing runs: from, and to (CS_DAY_MAX while it has no end).
 * Returns 1, or 0 (with no error set) for a pairing without a valid from. */
int cs_pairing_range(const cs_node *assignment, cs_day *from, cs_day *to);
/* 1 when the pairing runs on some day of [from, to]. */
int cs_pairing_overlaps(const cs_node *assignment, cs_day from, cs_day to);
/* 1 when the pairing is active on day (from <= day <= to). */
int cs_pairing_active_on(const cs_node *assignment, cs_day day);

/* The pairings among v[0..n) active on day for lawyer and/or community
 * (either may be NULL), in order: up to max of them into out; returns how
 * many there are in all. */
size_t cs_pairings_on(cs_node *const *v, size_t n, const char *lawyer, const char *community,
		      cs_day day, const cs_node **out, size_t max);
/* The pairing of community, other than the one with id except, that runs
 * on day from or later; NULL when none. */
const cs_node *cs_pairing_taken(cs_node *const *v, size_t n, const char *community, cs_day from,
				const char *except);

/* The pairing active on day for lawyer and/or community (either may be
 * NULL) at rev; *out is a copy, NULL when none. With several (a lawyer
 * serving two communities), the first in path order. */
int cs_pairing_find(cs_store *s, const char *rev, const char *lawyer,
		    const char *community, cs_day day, cs_node **out);


/* --- pairing, changing and ending them (csassign) ----------------------- */


typedef struct {
	const char *lawyer, *community, *from, *schedule, *place, *agreement, *agreement_date;
} cs_pair_spec;

/* Pair a lawyer with a community (Art 5(1)) as one commit: the firm is the
 * lawyer's; refused (CS_EDATA) when the community has a pairing running on
 * from or later. new_id gets the pairing's id. */
int cs_pairing_add(cs_store *s, const cs_pair_spec *p, cs_buf *new_id);

typedef struct {
	const char *lawyer, *schedule, *community;   /* exactly one: the new value */
	const char *effective, *filed, *reason;
	const char *approved_by;   /* the group's exception (Art 17) */
	int refused;               /* record a change the group refused: outcome refused */
} cs_change_spec;

/* Change a pairing (Art 17) as one commit: the change record, the old
 * pairing ended the day before effective, a new pairing from effective.
 * Refused (CS_EDATA, nothing written) when filed is after today, when it
 * gives less than notice_days' notice, when it takes effect before today,
 * or when entries of the old pairing dated from effective on would be left
 * outside any pairing — the last three unless approved_by records the
 * group's exception. With refused, only the change record is written
 * (outcome: refused). new_id gets the new pairing's (or the change's) id. */
int cs_pairing_change(cs_store *s, const char *assignment, const cs_change_spec *c,
		      const cs_time *now, cs_buf *new_id);

/* End a pairing on day on (its last day) as one commit (id gets its id);
 * refused when on is
 * before it began, it has ended already, or entries of the pairing dated
 * after on would be left outside any pairing. */
int cs_pairing_end(cs_store *s, const char *assignment, const char *on, const char *reason,
		   cs_buf *id);
#endif
