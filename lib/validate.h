/* One validation, two callers (DESIGN 7 "Trust"): what cscheck reports as
 * a schema.* or ref.* error of a record is exactly what the write path
 * refuses. */
#ifndef CS_VALIDATE_H
#define CS_VALIDATE_H

#include "check.h"

/* Append to out every problem of rec, stored (or about to be stored) at
 * path, against the loaded store c:
 *   schema.kind, schema.invalid  its schema (real dates and times included)
 *   schema.path                  the path its kind, id, date and community give
 *   schema.id                    an event id not beginning with the record's date
 *   schema.order                 an end not after its start, an acceptance
 *                                before the receipt, a signature before the service
 *   schema.future                dated after c->now (see cs_validate_may_be_planned)
 *   schema.schedule              a weekly schedule shorter than half_day_minutes (Art 9)
 *   ref.*                        a firm, office, lawyer, community, head, key holder,
 *                                pairing or assignment that does not exist or was
 *                                not active on the record's date
 * refs 0 skips the ref.* checks of log entries (cscheck outside its --period).
 * Returns 0, or a negative code on an internal error. */
int cs_validate_record(const cs_snapshot *c, const char *path, const cs_node *rec, int refs,
		       cs_findings *out);
/* The same for a record already known to pass the store's schemas (the
 * snapshot's verdict from the cache): every check but the schema's. */
int cs_validate_passed(const cs_snapshot *c, const char *path, const cs_node *rec, int refs,
		       cs_findings *out);

/* 1 when a record of kind may be dated after "now": a meeting may be
 * planned, a pairing or change may take effect later. */
int cs_validate_may_be_planned(const char *kind);

/* 1 when found holds an error (not only warnings) from index first on. */
int cs_findings_have_error(const cs_findings *found, size_t first);

#endif
