/* The rule parameters of cs.yaml (DESIGN 6, 7): the one table of their
 * names and defaults. */
#ifndef CS_PARAMS_H
#define CS_PARAMS_H

#include <stddef.h>

#include "node.h"

typedef struct {
	const char *name;       /* "notice_days" */
	long long value;        /* the default */
	int boolean;            /* a true/false parameter (require_signatures) */
} cs_param;

/* Every parameter, ending with a zeroed entry. */
const cs_param *cs_params(void);
/* The value of name under config's rules: (or its default when unset or
 * not a number; 0 for an unknown name). config may be NULL. */
long long cs_param_get(const cs_node *config, const char *name);
/* A rules: mapping holding every parameter at its default (for csinit). */
int cs_params_defaults(cs_node **out);

#endif
