#include <string.h>

#include "directory.h"
#include "error.h"
#include "pairing.h"

int cs_schedule_parse(const char *s, int *weekday, int *from, int *to)
{
	static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	char a[6], b[6];
	int i;
	for (i = 0; i < 7; i++)
		if (!strncmp(s, days[i], 3))
			break;
	if (i == 7 || strlen(s) != 15 || s[3] != ' ' || s[9] != '-')
		goto bad;
	memcpy(a, s + 4, 5);
	a[5] = '\0';
	memcpy(b, s + 10, 5);
	b[5] = '\0';
	if (cs_hhmm_parse(a, from) < 0 || cs_hhmm_parse(b, to) < 0 || *to <= *from)
		goto bad;
	*weekday = i + 1;
	return 0;
bad:
	cs_error_clear();
	return cs_error_set(CS_EDATA, "'%s' is not a weekly schedule like 'Wed 14:00-17:30'", s);
}

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

size_t cs_pairings_on(cs_node *const *v, size_t n, const char *lawyer, const char *community,
		      cs_day day, const cs_node **out, size_t max)
{
	size_t i, found = 0;
	for (i = 0; i < n; i++) {
		if (lawyer && !same(cs_node_get_str(v[i], "lawyer"), lawyer))
			continue;
		if (community && !same(cs_node_get_str(v[i], "community"), community))
			continue;
		if (!cs_pairing_active_on(v[i], day))
			continue;
		if (found < max)
			out[found] = v[i];
		found++;
	}
	return found;
}

const cs_node *cs_pairing_taken(cs_node *const *v, size_t n, const char *community, cs_day from,
				const char *except)
{
	size_t i;
	for (i = 0; i < n; i++) {
		cs_day f, t;
		if (!same(cs_node_get_str(v[i], "community"), community) ||
		    (except && same(cs_node_get_str(v[i], "id"), except)))
			continue;
		if (cs_pairing_range(v[i], &f, &t) && t < from)
			continue;
		return v[i];
	}
	return NULL;
}

int cs_pairing_range(const cs_node *a, cs_day *from, cs_day *to)
{
	const char *f = cs_node_get_str(a, "from"), *t = cs_node_get_str(a, "to");
	int ok = f && cs_date_parse(f, from) == 0;
	*to = CS_DAY_MAX;
	if (ok && t && cs_date_parse(t, to) < 0)
		*to = CS_DAY_MAX;
	cs_error_clear();
	return ok;
}

int cs_pairing_overlaps(const cs_node *a, cs_day from, cs_day to)
{
	cs_day f, t;
	return cs_pairing_range(a, &f, &t) && f <= to && t >= from;
}

int cs_pairing_active_on(const cs_node *a, cs_day day)
{
	return cs_pairing_overlaps(a, day, day);
}

int cs_pairing_find(cs_store *s, const char *rev, const char *lawyer,
		    const char *community, cs_day day, cs_node **out)
{
	cs_node *all = NULL;
	size_t i;
	int error;
	*out = NULL;
	if ((error = cs_dir_load_all(s, rev, "records/assignments", &all)) < 0)
		return error;
	for (i = 0; i < all->count; i++) {
		cs_node *a = all->items[i];
		const char *l = cs_node_get_str(a, "lawyer");
		const char *c = cs_node_get_str(a, "community");
		if (lawyer && (!l || strcmp(l, lawyer) != 0))
			continue;
		if (community && (!c || strcmp(c, community) != 0))
			continue;
		if (!cs_pairing_active_on(a, day))
			continue;
		if (!(*out = cs_node_dup(a)))
			error = CS_ENOMEM;
		break;
	}
	cs_node_free(all);
	return error;
}

