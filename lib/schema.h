/* JSON Schema (2020-12 subset) validation of record trees.
 * Supported: type, enum, const, required, properties, additionalProperties,
 * patternProperties, items, prefixItems, minItems, maxItems, uniqueItems,
 * minLength, maxLength (code points), pattern (POSIX ERE after translating
 * the common ECMA escapes), minimum, maximum, exclusiveMinimum,
 * exclusiveMaximum, multipleOf, allOf, anyOf, oneOf, not, if/then/else,
 * local $ref ("#", "#/$defs/x", JSON pointers) and $defs, and format
 * date, time, date-time, email. Other keywords are ignored. */
#ifndef CS_SCHEMA_H
#define CS_SCHEMA_H

#include <stddef.h>

#include "node.h"

typedef struct cs_schema cs_schema;

/* One failed check: where in the instance, and why. */
typedef struct {
	char *field;      /* dotted path of the instance, e.g. "target.name", "attendees", "" for the root */
	size_t line;      /* source line of the instance node (0 when unknown) */
	char *message;    /* e.g. "is required", "must be one of: a, b", "must be at least 1" */
} cs_schema_error;

typedef struct {
	cs_schema_error *errors;
	size_t count, cap;
} cs_schema_result;

/* Compile a schema tree (it keeps its own copy). name is for messages. */
int cs_schema_new(cs_schema **out, const cs_node *schema, const char *name);
void cs_schema_free(cs_schema *s);
/* The schema tree (for key order: properties in document order). */
const cs_node *cs_schema_root(const cs_schema *s);

/* Validate; returns 1 valid, 0 invalid (details in res when non-NULL),
 * negative on an internal error (e.g. an unresolvable $ref). */
int cs_schema_validate(cs_schema *s, const cs_node *instance, cs_schema_result *res);
void cs_schema_result_init(cs_schema_result *res);
void cs_schema_result_free(cs_schema_result *res);

/* Rank of key among the "properties" of the sub-schema at path (dotted keys
 * from the root, "" for the root), for cs_yaml_emit; -1 when unknown,
 * CS_ENOMEM when a $ref cannot be followed for want of memory. */
int cs_schema_key_rank(void *schema, const char *path, const char *key);

#endif
