#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "error.h"

/* Howard Hinnant's days_from_civil / civil_from_days algorithms. */
cs_day cs_date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void cs_date_to_ymd(cs_day z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int cs_date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int cs_date_weekday(cs_day day)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((day % 7 + 7 + 3) % 7);
	return w + 1;
}

cs_day cs_date_week_monday(cs_day day)
{
	return day - (cs_date_weekday(day) - 1);
}

void cs_date_iso_week(cs_day day, int *iso_year, int *week)
{
	cs_day thursday = cs_date_week_monday(day) + 3;
	int y, m, d;
	cs_date_to_ymd(thursday, &y, &m, &d);
	*iso_year = y;
	*week = (thursday - cs_date_from_ymd(y, 1, 1)) / 7 + 1;
}

static int digits(const char *s, int n)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int parse_ymd(const char *s, cs_day *out)
{
	int y, m, d;
	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > cs_date_days_in_month(y, m))
		return -1;
	*out = cs_date_from_ymd(y, m, d);
	return 0;
}

int cs_date_parse(const char *s, cs_day *out)
{
	if (strlen(s) != 10 || parse_ymd(s, out) < 0)
		return cs_error_set(CS_EDATA, "'%s' is not a date (YYYY-MM-DD)", s);
	return 0;
}

int cs_hhmm_normalize(const char *s, char out[6])
{
	const char *colon = strchr(s, ':');
	int m;
	if (strstr(s, "\xef\xbc\x9a"))
		return cs_error_set(CS_EDATA, "'%s' has a full-width colon '\xef\xbc\x9a'; type an ASCII "
				    "colon: HH:MM", s);
	if (!colon && (strchr(s, '.') || strchr(s, '\xe3')))
		return cs_error_set(CS_EDATA, "'%s' is not a time: write it HH:MM, like 09:30", s);
	if (colon && colon - s == 1 && snprintf(out, 6, "0%s", s) == 5 && cs_hhmm_parse(out, &m) == 0)
		return 0;
	cs_error_clear();
	if (strlen(s) == 5 && cs_hhmm_parse(s, &m) == 0) {
		memcpy(out, s, 6);
		return 0;
	}
	return cs_error_set(CS_EDATA, "'%s' is not a time HH:MM from 00:00 to 23:59", s);
}

int cs_hhmm_parse(const char *s, int *minutes)
{
	int h, m;
	if (strlen(s) != 5 || s[2] != ':' || (h = digits(s, 2)) < 0 ||
	    (m = digits(s + 3, 2)) < 0 || h > 23 || m > 59)
		return cs_error_set(CS_EDATA, "'%s' is not a time (HH:MM)", s);
	*minutes = h * 60 + m;
	return 0;
}

int cs_month_parse(const char *s, int *year, int *month)
{
	int y, m;
	if (strlen(s) != 7 || s[4] != '-' || (y = digits(s, 4)) < 1 ||
	    (m = digits(s + 5, 2)) < 1 || m > 12)
		return cs_error_set(CS_EDATA, "'%s' is not a month (YYYY-MM)", s);
	*year = y;
	*month = m;
	return 0;
}

int cs_datetime_parse(const char *s, cs_time *out)
{
	const char *p;
	int h, m, sec = 0;
	if (parse_ymd(s, &out->day) < 0)
		goto bad;
	out->minute = -1;
	out->second = 0;
	if (s[10] == '\0')
		return 0;
	if (s[10] != 'T' && s[10] != ' ')
		goto bad;
	p = s + 11;
	if ((h = digits(p, 2)) < 0 || p[2] != ':' || (m = digits(p + 3, 2)) < 0 ||
	    h > 23 || m > 59)
		goto bad;
	p += 5;
	if (*p == ':') {
		if ((sec = digits(p + 1, 2)) < 0 || sec > 60)
			goto bad;
		p += 3;
		if (*p == '.')
			for (p++; isdigit((unsigned char)*p); p++)
				;
	}
	if (*p == 'Z')
		p++;
	else if ((*p == '+' || *p == '-') && digits(p + 1, 2) >= 0 &&
		 p[3] == ':' && digits(p + 4, 2) >= 0)
		p += 6;
	if (*p)
		goto bad;
	out->minute = h * 60 + m;
	out->second = sec > 59 ? 59 : sec;
	return 0;
bad:
	return cs_error_set(CS_EDATA,
			    "'%s' is not a date or date-time (YYYY-MM-DD[THH:MM])", s);
}

void cs_date_format(cs_day day, char out[11])
{
	char tmp[64];
	int y, m, d;
	cs_date_to_ymd(day, &y, &m, &d);
	if (y >= 0 && y <= 9999) {
		/* the common case, without printf (a report formats thousands) */
		out[0] = (char)('0' + y / 1000);
		out[1] = (char)('0' + y / 100 % 10);
		out[2] = (char)('0' + y / 10 % 10);
		out[3] = (char)('0' + y % 10);
		out[4] = out[7] = '-';
		out[5] = (char)('0' + m / 10);
		out[6] = (char)('0' + m % 10);
		out[8] = (char)('0' + d / 10);
		out[9] = (char)('0' + d % 10);
		out[10] = '\0';
		return;
	}
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

void cs_hhmm_format(int minutes, char out[6])
{
	char tmp[32];
	snprintf(tmp, sizeof(tmp), "%02d:%02d", minutes / 60, minutes % 60);
	memcpy(out, tmp, 5);
	out[5] = '\0';
}

void cs_time_format(const cs_time *t, char out[20])
{
	char d[11];
	cs_date_format(t->day, d);
	char tmp[64];
	if (t->minute < 0)
		snprintf(tmp, sizeof(tmp), "%s", d);
	else
		snprintf(tmp, sizeof(tmp), "%sT%02d:%02d:%02d", d, t->minute / 60,
			 t->minute % 60, t->second);
	memcpy(out, tmp, 19);
	out[19] = '\0';
}

int cs_now(cs_time *out)
{
	const char *env = getenv("CS_NOW");
	time_t t;
	struct tm tm;
	if (env && *env) {
		if (cs_datetime_parse(env, out) < 0)
			return cs_error_set(CS_EUSAGE,
					    "CS_NOW: '%s' is not an ISO date or date-time", env);
		if (out->minute < 0) {
			out->minute = 12 * 60;
			out->second = 0;
		}
		return 0;
	}
	t = time(NULL);
	if (!localtime_r(&t, &tm))
		return cs_error_set(CS_ESOFTWARE, "cannot read the clock");
	out->day = cs_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	out->minute = tm.tm_hour * 60 + tm.tm_min;
	out->second = tm.tm_sec;
	return 0;
}

int64_t cs_time_epoch(const cs_time *t)
{
	int64_t s = (int64_t)t->day * 86400;
	if (t->minute > 0)
		s += (int64_t)t->minute * 60 + t->second;
	return s;
}
