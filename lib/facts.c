/* An entry's facts (cs_entry without its record) in a compact binary form:
 * what a figures load (cs_snapshot_load_figures) keeps in the cache of a
 * month folder, so that a period report or an assessment neither parses nor
 * holds the entries' records.
 *
 * facts := str kind, id, lawyer, community; num day, start, end,
 *          attendees, score, line; u8 flags; varint present;
 *          (str field, num line) for each bit of present, from the lowest
 * present: bit i set when the record has the field i of cs_entry.field
 *          (most have a few of them)
 * str := varint 0 (NULL) | varint len+1, len bytes, NUL
 * num := varint of the value zigzagged (negatives are small) */
#include <string.h>

#include "error.h"
#include "facts.h"
#include "record.h"

enum { F_VOID = 1, F_TARGET = 2, F_TYPICAL = 4, F_SCORE = 8 };

/* cs_varint_get, a byte's value read here: most are one byte */
static inline int varint(const char **p, const char *end, size_t *v)
{
	if (*p < end && !((unsigned char)**p & 0x80)) {
		*v = (unsigned char)*(*p)++;
		return 0;
	}
	return cs_varint_get(p, end, v);
}

static int put_str(cs_buf *out, const char *s)
{
	size_t n;
	int error;
	if (!s)
		return cs_varint_put(out, 0);
	n = strlen(s);
	if ((error = cs_varint_put(out, n + 1)) < 0)
		return error;
	return cs_buf_put(out, s, n + 1);
}

static int put_num(cs_buf *out, long long v)
{
	unsigned long long u = (unsigned long long)v;
	return cs_varint_put(out, (size_t)((u << 1) ^ (v < 0 ? ~0ULL : 0)));
}

int cs_facts_put(cs_buf *out, const cs_entry *e)
{
	size_t present = 0;
	int error, i;
	unsigned flags = (e->is_void ? F_VOID : 0) | (e->has_target ? F_TARGET : 0) |
			 (e->typical ? F_TYPICAL : 0) | (e->has_score ? F_SCORE : 0);
	if ((error = put_str(out, e->kind)) < 0 || (error = put_str(out, e->id)) < 0 ||
	    (error = put_str(out, e->lawyer)) < 0 || (error = put_str(out, e->community)) < 0 ||
	    (error = put_num(out, e->day)) < 0 || (error = put_num(out, e->start)) < 0 ||
	    (error = put_num(out, e->end)) < 0 || (error = put_num(out, e->attendees)) < 0 ||
	    (error = put_num(out, e->has_score ? e->score : 0)) < 0 ||
	    (error = put_num(out, e->line)) < 0 || (error = cs_buf_putc(out, (char)flags)) < 0)
		return error;
	for (i = 0; i < CS_EF_COUNT; i++)
		if (e->field[i] || e->field_line[i])
			present |= (size_t)1 << i;
	if ((error = cs_varint_put(out, present)) < 0)
		return error;
	for (i = 0; i < CS_EF_COUNT; i++)
		if ((present >> i & 1) && ((error = put_str(out, e->field[i])) < 0 ||
					   (error = put_num(out, e->field_line[i])) < 0))
			return error;
	return 0;
}

static int get_str(const char **p, const char *end, const char **s)
{
	size_t n;
	if (varint(p, end, &n) < 0)
		return CS_EDATA;
	if (!n) {
		*s = NULL;
		return 0;
	}
	/* n bytes ending in a NUL (one before it, which no writer makes, only
	 * cuts the string short) */
	if (n > (size_t)(end - *p) || (*p)[n - 1])
		return CS_EDATA;
	*s = *p;
	*p += n;
	return 0;
}

static int get_num(const char **p, const char *end, long long lo, long long hi, long long *v)
{
	size_t u;
	long long x;
	if (varint(p, end, &u) < 0)
		return CS_EDATA;
	x = (long long)(u >> 1) ^ -(long long)(u & 1);
	if (x < lo || x > hi)
		return CS_EDATA;
	*v = x;
	return 0;
}

int cs_facts_get(const char **p, const char *end, cs_entry *e)
{
	long long day, start, end_, att, score, line, fl;
	const cs_kind *k;
	size_t present;
	int i;
	memset(e, 0, sizeof(*e));
	if (get_str(p, end, &e->kind) < 0 || get_str(p, end, &e->id) < 0 ||
	    get_str(p, end, &e->lawyer) < 0 || get_str(p, end, &e->community) < 0 ||
	    get_num(p, end, -10000000, 10000000, &day) < 0 ||
	    get_num(p, end, -1, 24 * 60, &start) < 0 || get_num(p, end, -1, 24 * 60, &end_) < 0 ||
	    get_num(p, end, -1, (long long)1 << 53, &att) < 0 ||
	    get_num(p, end, -((long long)1 << 53), (long long)1 << 53, &score) < 0 ||
	    get_num(p, end, 0, 1 << 30, &line) < 0 || *p >= end)
		return CS_EDATA;
	if (!e->kind || !(k = cs_kind_find(e->kind)) ||
	    (k->family != CS_KIND_LOG && k->family != CS_KIND_MEETING))
		return CS_EDATA;
	fl = (unsigned char)*(*p)++;
	if (varint(p, end, &present) < 0 || present >> CS_EF_COUNT)
		return CS_EDATA;
	for (i = 0; present >> i; i++) {
		long long at;
		if (!(present >> i & 1))
			continue;
		if (get_str(p, end, &e->field[i]) < 0 || get_num(p, end, 0, 1 << 30, &at) < 0)
			return CS_EDATA;
		cs_entry_set_line(e, (int)i, (size_t)at);
	}
	e->day = (cs_day)day;
	e->start = (int)start;
	e->end = (int)end_;
	e->attendees = att;
	e->score = score;
	e->line = (unsigned)line;
	e->is_void = !!(fl & F_VOID);
	e->has_target = !!(fl & F_TARGET);
	e->typical = !!(fl & F_TYPICAL);
	e->has_score = !!(fl & F_SCORE);
	e->service = !!k->service;
	e->kind_ix = (int)(k - cs_kinds());
	return 0;
}

int cs_facts_put_str(cs_buf *out, const char *s)
{
	return put_str(out, s);
}

int cs_facts_get_str(const char **p, const char *end, const char **s)
{
	return get_str(p, end, s);
}
