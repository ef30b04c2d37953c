/* Calendar dates as day numbers, times of day as minutes, and "now". */
#ifndef CS_DATE_H
#define CS_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t cs_day;
/* A day after every other: the end of what has no end. */
#define CS_DAY_MAX INT32_MAX

typedef struct {
	cs_day day;
	int minute;   /* minutes since midnight, 0..1439; -1 when only a date */
	int second;   /* 0..59 */
} cs_time;

/* Parse YYYY-MM-DD exactly (a real date); 0 or CS_EDATA. */
int cs_date_parse(const char *s, cs_day *out);
/* Parse HH:MM (00:00..23:59) into minutes; 0 or CS_EDATA. */
int cs_hhmm_parse(const char *s, int *minutes);
/* A time as a clerk types it ("9:00", "09:00") as HH:MM into out[6].
 * CS_EDATA saying what is wrong: a full-width colon (14：10), a period
 * (14.10), an hour past 23. */
int cs_hhmm_normalize(const char *s, char out[6]);
/* Parse YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or "YYYY-MM-DD HH:MM[:SS]",
 * with an optional trailing Z or +08:00 that is ignored (local time). */
int cs_datetime_parse(const char *s, cs_time *out);
/* Parse YYYY-MM into year and month. */
int cs_month_parse(const char *s, int *year, int *month);

cs_day cs_date_from_ymd(int y, int m, int d);
void cs_date_to_ymd(cs_day day, int *y, int *m, int *d);
/* 1 = Monday .. 7 = Sunday. */
int cs_date_weekday(cs_day day);
int cs_date_days_in_month(int y, int m);
/* ISO 8601 week: year and week number of the week holding day. */
void cs_date_iso_week(cs_day day, int *iso_year, int *week);
/* Monday of the ISO week holding day. */
cs_day cs_date_week_monday(cs_day day);

/* Format into out (at least 11 bytes): YYYY-MM-DD. */
void cs_date_format(cs_day day, char out[11]);
/* HH:MM into out (at least 6 bytes). */
void cs_hhmm_format(int minutes, char out[6]);
/* YYYY-MM-DDTHH:MM:SS, or YYYY-MM-DD when minute < 0 (at least 20 bytes). */
void cs_time_format(const cs_time *t, char out[20]);

/* "Now": $CS_NOW (ISO date or date-time) when set, else the clock (local).
 * Returns CS_EUSAGE for a malformed $CS_NOW. */
int cs_now(cs_time *out);
/* Seconds since the epoch for t, as UTC wall clock (for commit times). */
int64_t cs_time_epoch(const cs_time *t);

#endif
