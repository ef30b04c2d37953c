#include <string.h>

#include "error.h"
#include "params.h"

static const cs_param params[] = {
	{ "half_day_minutes", 180, 0 }, { "lectures_per_quarter", 1, 0 },
	{ "trainings_per_year", 1, 0 }, { "accept_working_days", 2, 0 },
	{ "sign_within_days", 7, 0 }, { "notice_days", 3, 0 },
	{ "lawyer_report_day", 2, 0 }, { "office_report_day", 3, 0 },
	{ "failed_spot_checks", 2, 0 }, { "min_feedback", 3, 0 },
	{ "require_signatures", 0, 1 },
	{ NULL, 0, 0 }
};

const cs_param *cs_params(void)
{
	return params;
}

static const cs_param *find(const char *name)
{
	const cs_param *p;
	for (p = params; p->name; p++)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

long long cs_param_get(const cs_node *config, const char *name)
{
	const cs_node *rules = config ? cs_node_get(config, "rules") : NULL;
	const cs_node *v = rules ? cs_node_get(rules, name) : NULL;
	const cs_param *p = find(name);
	long long out;
	if (!p)
		return 0;
	if (v && p->boolean && cs_node_scalar_kind(v) == CS_SCALAR_BOOL)
		return cs_node_true(v);
	if (v && !p->boolean && cs_node_int(v, &out) == 0)
		return out;
	cs_error_clear();
	return p->value;
}

int cs_params_defaults(cs_node **out)
{
	const cs_param *p;
	int error;
	if (!(*out = cs_node_new_map()))
		return CS_ENOMEM;
	for (p = params; p->name; p++)
		if ((error = cs_node_set(*out, p->name, p->boolean ? cs_node_new_bool((int)p->value)
								  : cs_node_new_int(p->value))) < 0) {
			cs_node_free(*out);
			*out = NULL;
			return error;
		}
	return 0;
}
