/* Working days (DESIGN 6): Monday to Friday, less public holidays, plus
 * make-up working days (调休), from the store's calendar/YYYY.yaml files.
 * A year without a calendar is an error, never a guess. */
#ifndef CS_CALENDAR_H
#define CS_CALENDAR_H

#include "date.h"
#include "node.h"
#include "store.h"

typedef struct cs_calendar cs_calendar;

int cs_calendar_new(cs_calendar **out);
void cs_calendar_free(cs_calendar *c);
/* Add one year from a parsed calendar record (kind: calendar); name for messages. */
int cs_calendar_add(cs_calendar *c, const cs_node *year, const char *name);
/* Every calendar/YYYY.yaml of the store at rev (NULL: HEAD). */
int cs_calendar_load(cs_calendar **out, cs_store *s, const char *rev);

/* *out = 1 when day is a working day. CS_EDATA "no calendar for YYYY" when
 * the year is not known. */
int cs_calendar_is_workday(const cs_calendar *c, cs_day day, int *out);
/* The n-th working day after day (n >= 1; day itself not counted). */
int cs_calendar_nth_workday_after(const cs_calendar *c, cs_day day, int n, cs_day *out);
/* Number of working days in [from, to]. */
int cs_calendar_count_workdays(const cs_calendar *c, cs_day from, cs_day to, int *out);
/* The name of the holiday or make-up day, or NULL. */
const char *cs_calendar_name(const cs_calendar *c, cs_day day);

#endif
