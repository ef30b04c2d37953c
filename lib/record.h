/* Records and their kinds (DESIGN 3): kinds, ids, slugs, paths,
 * schema validation and stable YAML output. */
#ifndef CS_RECORD_H
#define CS_RECORD_H

#include <stddef.h>

#include "buf.h"
#include "date.h"
#include "node.h"
#include "schema.h"

enum {
	CS_KIND_LOG = 1,        /* a work-log entry: records/log/<community>/<YYYY>/<MM>/<id>.yaml */
	CS_KIND_DIRECTORY = 2,  /* office, firm, lawyer, community: records/<plural>/<slug>.yaml */
	CS_KIND_EVENT = 3,      /* assignment, change: records/<plural>/<id>.yaml */
	CS_KIND_MEETING = 4,    /* meeting: records/meetings/<YYYY>/<id>.yaml */
	CS_KIND_OTHER = 5       /* config, monthly-report, assessment */
};

typedef struct {
	const char *name;       /* "consultation" */
	const char *zh;         /* "法律咨询" */
	int family;             /* CS_KIND_* */
	int service;            /* counts as an activity in reports (DESIGN 5) */
	int timed;              /* must have start and end times (office-hours: Art 9's half day) */
	const char *dir;        /* "records/offices", "records/log", ... */
} cs_kind;

/* The kind called name, or NULL. */
const cs_kind *cs_kind_find(const char *name);
/* The kind of log entry word names, by its name (consultation) or its
 * Chinese label (法律咨询). CS_EUSAGE naming the nearest kind and listing
 * every kind with its label otherwise. */
int cs_kind_lookup(const char *word, const cs_kind **out);
/* All kinds, ending with a zeroed entry. */
const cs_kind *cs_kinds(void);
/* The place of the kind called name in cs_kinds(), -1 when none. */
int cs_kind_index(const char *name);

/* A new event id YYYYMMDD-xxxxxx (6 random Crockford base32 chars) into out[16]. */
int cs_id_new(cs_day day, char out[16]);
/* 1 when s is an event id: a real date, '-', six of [0-9a-z]. */
int cs_id_valid(const char *s);
/* 1 when s is a directory slug [a-z0-9][a-z0-9-]{0,39}. */
int cs_slug_valid(const char *s);

/* The store path a record belongs at, from its kind, id, community and date. */
int cs_record_path(const cs_node *rec, cs_buf *out);

/* A store's own schemas (schemas/<kind>.schema.yaml, DESIGN 2), each of
 * which replaces the built-in one of its kind; it belongs to the store that
 * read it. Every function below takes one, or NULL for the built-in set. */
typedef struct cs_schema_set cs_schema_set;
int cs_schema_set_new(cs_schema_set **out);
/* Use text (a schema in YAML, named name in messages) for kind. CS_EDATA
 * when it does not load or compile. */
int cs_schema_set_add(cs_schema_set *set, const char *kind, const char *text, size_t len,
		      const char *name);
void cs_schema_set_free(cs_schema_set *set);
/* A checksum of every schema a record is validated against through set (the
 * built-in ones and set's own; NULL: the built-in ones only): a verdict kept
 * under one stamp holds for another set only when the stamps are equal. */
unsigned long long cs_schema_set_stamp(const cs_schema_set *set);

/* The compiled schema for a kind ("config" for cs.yaml); NULL when none. */
cs_schema *cs_record_schema(const cs_schema_set *set, const char *kind);
/* Validate rec against its kind's schema. On failure returns CS_EDATA with
 * "name:line: field: why" (the first failure) in cs_error_last(); res, when
 * non-NULL, gets every failure. */
int cs_record_validate(const cs_schema_set *set, const cs_node *rec, const char *name,
		       cs_schema_result *res);
/* Emit rec as YAML with keys in schema order. */
/* rec held to be a record of kind (its kind: field says so) and to pass that
 * kind's schema: a file whose place says what it is (cs.yaml, calendar/). */
int cs_record_validate_as(const cs_schema_set *set, const cs_node *rec, const char *kind,
			  const char *name);
int cs_record_emit(const cs_schema_set *set, const cs_node *rec, cs_buf *out);
/* Free the built-in schemas compiled so far (they are compiled once a
 * process, when first asked for; for leak-free tests). */
void cs_record_cleanup(void);

#endif
