/* The work log's changes (DESIGN 4, 5, 7; Art 10, 11): each entry found by
 * its id (or a unique prefix), changed as lib/entry says it may change,
 * and written as one commit validated against the store. */
#ifndef CS_LOGBOOK_H
#define CS_LOGBOOK_H

#include "check.h"
#include "date.h"

/* Sign the entries ids[0..n) as by at now (Art 11), in one commit, signed
 * with by's registered key (keyfile, else ssh-agent) when there is one. */
int cs_logbook_sign(cs_store *s, const cs_snapshot *snap, char *const *ids, size_t n,
		    const char *by, const char *keyfile, const cs_time *now);
/* Accept the request id at at (Art 10). */
int cs_logbook_accept(cs_store *s, const char *id, const cs_time *at);
/* Amend the entry id with the FIELD=VALUE sets for reason; its signature
 * is cleared. full_id gets its id. */
int cs_logbook_amend(cs_store *s, const char *id, const char *const *sets, size_t n,
		     const char *reason, cs_buf *full_id);
/* Void the entry id at now for reason; refused (CS_EDATA) in a sealed month. */
int cs_logbook_void(cs_store *s, const cs_snapshot *snap, const char *id, const char *reason,
		    const cs_time *now);
/* Write draft, an amendment of the entry old made in the editor, for
 * reason: the commands' fields come back from old, less the signature. */
int cs_logbook_edit(cs_store *s, const cs_node *old, cs_node *draft, const char *reason);

#endif
