/* A work-log entry's life (DESIGN 3, 4, 5, 7; Art 10, 11, 18): setting its
 * fields through its schema, completing a new one against the store, the
 * seal of a filed month, and the changes only a command may make: sign,
 * accept, amend, void. */
#ifndef CS_ENTRY_H
#define CS_ENTRY_H

#include "check.h"
#include "date.h"
#include "node.h"
#include "record.h"

/* 1 when field is set only by its command: signed_by, signed_at (sign),
 * accepted_at (accept), voided_at, void_reason (void), late_reason
 * (add --late), recorded_at (the write itself). */
int cs_entry_field_owned(const char *field);
/* CS_EDATA naming source, the line and the first field of rec that only a
 * command sets; 0 when it holds none. */
int cs_entry_refuse_owned(const cs_node *rec, const char *source);

/* Set FIELD=VALUE (a dotted field for a sub-mapping: target.name) through
 * kind's schema: numbers and booleans by their type, a list field from
 * comma-separated values (growing with each call), anything else a
 * string. CS_EUSAGE when not FIELD=VALUE; CS_EDATA for a field the kind
 * does not have, kind or id, a command's field, or a value not of its type.
 * set: the store's schemas (cs_store_schemas), as in every function below. */
int cs_entry_set(const cs_schema_set *set, cs_node *rec, const char *kind, const char *assignment);

/* The fields FIELD=VALUE may set for kind, as "field (type)" strings in
 * schema order, into a sequence node. */
int cs_entry_fields(const cs_schema_set *set, const char *kind, cs_node **out);

/* A new entry from its parts (what cslog add's options give; NULL for
 * what is not given): the date is today unless given; a request's date
 * and start are when it was received (now, on today without a start);
 * the FIELD=VALUE sets as cs_entry_set applies them. */
typedef struct {
	const char *kind, *date, *start, *end, *community, *lawyer, *channel;
	const char *target_type, *target_name, *target_contact, *content, *result;
	const char *const *sets;
	size_t nsets;
} cs_entry_parts;
int cs_entry_build(const cs_schema_set *set, const cs_entry_parts *p, const cs_time *now,
		   cs_node **out);
/* 1 when an entry of kind may have no lawyer (a visit, spot check,
 * feedback or meeting). */
int cs_entry_lawyer_optional(const cs_kind *k);

/* Complete a new entry against the store snap: its id (from its date),
 * its community (the lawyer's pairing that day; CS_EUSAGE naming both
 * when the lawyer has two, CS_EDATA when none), a visit's or spot check's
 * office (the community's), the lawyer of a visit, spot check or feedback
 * (the community's pairing), recorded_at (now). The entry must then pass
 * cs_validate_record. */
int cs_entry_complete(cs_node *rec, const cs_snapshot *snap, const cs_time *now);

/* The store path of the monthly report of scope (lawyer, office) and
 * subject for month "YYYY-MM". */
int cs_report_file(cs_buf *out, const char *month, const char *scope, const char *subject);
/* 1 when the lawyer's report of the month of rec's date is filed in snap:
 * the entry is sealed (DESIGN 7). */
int cs_entry_sealed(const cs_snapshot *snap, const cs_node *rec);

/* Sign rec as by (a head of community, Art 11) at now. CS_EDATA when by
 * is not a head, or rec is void or signed already. */
int cs_entry_sign(cs_node *rec, const cs_node *community, const char *by, const cs_time *now);
/* Accept a request at at (Art 10). CS_EDATA when rec is not a request, is
 * accepted or signed already, or at is before its receipt. */
int cs_entry_accept(cs_node *rec, const cs_time *at);
/* Amend rec: apply the FIELD=VALUE sets (not the command's fields, nor
 * date or community, which place the record), then clear the signature. */
int cs_entry_amend(const cs_schema_set *set, cs_node *rec, const char *const *sets, size_t n);
/* Void rec at now for reason. CS_EDATA when void already. */
int cs_entry_void(cs_node *rec, const char *reason, const cs_time *now);

/* "YYYY-MM-DDTHH:MM" of t into out. */
void cs_entry_stamp(const cs_time *t, char out[20]);

/* A batch of new entries written as one commit (cslog add, import). */
typedef struct {
	const char *command;            /* "cslog add", "cslog import" */
	const char *summary;            /* the commit's summary */
	const char *const *trailers;    /* key, value pairs ending with NULL; may be NULL */
	int refuse_duplicates;          /* an import: refuse entries the store has already */
} cs_entry_batch;

/* Write the completed entries recs[0..n) (sources[i] names where each came
 * from in messages: "past.csv:12"; may be NULL) as one commit, judged
 * against the store at the tip it is written upon. Refused with CS_EDATA,
 * every offending entry named and nothing written, when an entry is of a
 * lawyer's sealed month without late_reason (or has late_reason and its
 * month is not sealed), repeats an entry of the store or of the batch
 * (same lawyer, community, date, start, kind and content) when
 * refuse_duplicates, or fails cs_validate_record. */
int cs_entry_add(cs_store *s, cs_node *const *recs, const char *const *sources, size_t n,
		 const cs_entry_batch *b);
/* A new entry from the user (a command line, stdin, the editor, a CSV row;
 * source names it in messages) checked as the write will check it: no
 * field only a command sets, completed against snap, then every
 * schema.* and ref.* error of cs_validate_record (CS_EDATA; why gets them,
 * one a line). */
int cs_entry_check_new(const cs_snapshot *snap, const cs_time *now, cs_node *rec,
		       const char *source, cs_buf *why);

/* The text cslog add -e opens in the editor: why (errors of the last try)
 * as comments, the entry, then the kind's other fields as commented
 * placeholders. */
int cs_entry_template(const cs_schema_set *set, const cs_node *rec, const char *why,
		      cs_buf *out);

/* The log entry or meeting whose id begins with prefix (path and record):
 * a dated prefix (YYYYMM...) reads only that month of each community's
 * log. CS_ENOTFOUND when none, CS_EUSAGE when several. */
int cs_entry_find(cs_store *s, const char *prefix, cs_buf *path, cs_node **rec);

/* The entry to edit: rec without the fields only commands set. CS_EDATA
 * for a void entry. */
int cs_entry_draft(const cs_node *rec, cs_node **draft);
/* An edit of old (cslog edit): kind, id, date and community unchanged, no
 * command's field, and every schema.* and ref.* error (in why). */
int cs_entry_check_edit(const cs_snapshot *snap, const cs_node *old, const cs_node *rec, cs_buf *why);

/* Write existing records changed in memory as one commit (signed by sign
 * when not NULL), validated against the store as every write is. */
int cs_entry_rewrite(cs_store *s, const char *command, const char *summary, cs_node **recs,
		     size_t n, const char *const *trailers, cs_sign_fn sign, void *sign_ctx);

#endif
