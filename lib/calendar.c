#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "error.h"
#include "record.h"
#include "store.h"
#include "yaml.h"

#define DAYS_MAX 366

struct year {
	int year;
	signed char state[DAYS_MAX + 1]; /* 0 default, 1 holiday, 2 make-up working day */
	char *names[DAYS_MAX + 1];
};

struct cs_calendar {
	struct year *years;
	size_t n;
};

int cs_calendar_new(cs_calendar **out)
{
	if (!(*out = cs_calloc(1, sizeof(**out))))
		return CS_ENOMEM;
	return 0;
}

void cs_calendar_free(cs_calendar *c)
{
	size_t i, d;
	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		for (d = 0; d <= DAYS_MAX; d++)
			free(c->years[i].names[d]);
	free(c->years);
	free(c);
}

static struct year *find(const cs_calendar *c, int y)
{
	size_t i;
	for (i = 0; i < c->n; i++)
		if (c->years[i].year == y)
			return &c->years[i];
	return NULL;
}

static int add_days(struct year *yr, const cs_node *list, int state, const char *name)
{
	size_t i;
	if (!list)
		return 0;
	if (list->type != CS_NODE_SEQ)
		return cs_error_at(CS_EDATA, name, list->line, state == 1 ? "holidays" : "workdays",
				   "must be a list");
	for (i = 0; i < list->count; i++) {
		const cs_node *e = list->items[i];
		const char *date = cs_node_get_str(e, "date"), *label = cs_node_get_str(e, "name");
		cs_day day;
		int y, m, d, doy;
		if (!date || cs_date_parse(date, &day) < 0)
			return cs_error_at(CS_EDATA, name, e->line, "date", "'%s' is not a date",
					   date ? date : "");
		cs_date_to_ymd(day, &y, &m, &d);
		if (y != yr->year)
			return cs_error_at(CS_EDATA, name, e->line, "date", "%s is not in %d", date,
					   yr->year);
		doy = day - cs_date_from_ymd(y, 1, 1);
		yr->state[doy] = (signed char)state;
		free(yr->names[doy]);
		yr->names[doy] = label ? cs_strdup(label) : NULL;
	}
	return 0;
}

int cs_calendar_add(cs_calendar *c, const cs_node *rec, const char *name)
{
	const cs_node *yn = cs_node_get(rec, "year");
	struct year *yr, *grown;
	long long y;
	int error;
	if (!yn || cs_node_int(yn, &y) < 0 || y < 1900 || y > 9999)
		return cs_error_at(CS_EDATA, name, rec ? rec->line : 0, "year", "is not a year");
	if (!(yr = find(c, (int)y))) {
		if (!(grown = cs_realloc(c->years, (c->n + 1) * sizeof(*grown))))
			return CS_ENOMEM;
		c->years = grown;
		yr = &c->years[c->n++];
		memset(yr, 0, sizeof(*yr));
		yr->year = (int)y;
	}
	if ((error = add_days(yr, cs_node_get(rec, "holidays"), 1, name)) < 0)
		return error;
	return add_days(yr, cs_node_get(rec, "workdays"), 2, name);
}

struct load_ctx {
	cs_calendar *c;
	cs_store *s;
};

static int load_one(void *vctx, const char *path, const char *data, size_t len)
{
	struct load_ctx *ctx = vctx;
	cs_node *rec = NULL;
	int error;
	if ((error = cs_yaml_load(&rec, data, len, path)) < 0)
		return error;
	/* held to its schema: an unknown key or a day without its name is a
	 * mistake in the data the working days come from */
	if (rec && (error = cs_record_validate_as(cs_store_schemas(ctx->s), rec, "calendar",
						   path)) == 0)
		error = cs_calendar_add(ctx->c, rec, path);
	cs_node_free(rec);
	return error;
}

int cs_calendar_load(cs_calendar **out, cs_store *s, const char *rev)
{
	struct load_ctx ctx;
	int error;
	if ((error = cs_calendar_new(&ctx.c)) < 0)
		return error;
	ctx.s = s;
	error = cs_store_walk(s, rev, "calendar", load_one, &ctx);
	if (error == CS_ENOTFOUND)
		error = 0;
	if (error < 0) {
		cs_calendar_free(ctx.c);
		return error;
	}
	*out = ctx.c;
	return 0;
}

int cs_calendar_is_workday(const cs_calendar *c, cs_day day, int *out)
{
	int y, m, d, doy;
	struct year *yr;
	cs_date_to_ymd(day, &y, &m, &d);
	if (!(yr = find(c, y)))
		return cs_error_set(CS_EDATA, "no calendar for %d (calendar/%d.yaml)", y, y);
	doy = day - cs_date_from_ymd(y, 1, 1);
	if (yr->state[doy] == 1)
		*out = 0;
	else if (yr->state[doy] == 2)
		*out = 1;
	else
		*out = cs_date_weekday(day) <= 5;
	return 0;
}

int cs_calendar_nth_workday_after(const cs_calendar *c, cs_day day, int n, cs_day *out)
{
	int error, work, guard = 0;
	while (n > 0) {
		day++;
		if (++guard > 3660)
			return cs_error_set(CS_EDATA, "no working day within ten years");
		if ((error = cs_calendar_is_workday(c, day, &work)) < 0)
			return error;
		if (work)
			n--;
	}
	*out = day;
	return 0;
}

int cs_calendar_count_workdays(const cs_calendar *c, cs_day from, cs_day to, int *out)
{
	int error, work;
	*out = 0;
	for (; from <= to; from++) {
		if ((error = cs_calendar_is_workday(c, from, &work)) < 0)
			return error;
		*out += work;
	}
	return 0;
}

const char *cs_calendar_name(const cs_calendar *c, cs_day day)
{
	int y, m, d;
	struct year *yr;
	cs_date_to_ymd(day, &y, &m, &d);
	if (!(yr = find(c, y)))
		return NULL;
	return yr->names[day - cs_date_from_ymd(y, 1, 1)];
}
