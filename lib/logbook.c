#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "error.h"
#include "keys.h"
#include "logbook.h"
#include "snapshot_impl.h"

int cs_logbook_sign(cs_store *s, const cs_snapshot *snap, char *const *ids, size_t n,
		    const char *by, const char *keyfile, const cs_time *now)
{
	cs_node **recs = cs_calloc(n ? n : 1, sizeof(*recs));
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	cs_signer sg;
	size_t i;
	int error, sign = 0;
	if (!recs)
		return CS_ENOMEM;
	if ((error = cs_key_signer(snap, by, keyfile, &sg, &sign)) < 0)
		goto cleanup;
	for (i = 0; i < n && !error; i++) {
		const cs_node *c;
		cs_buf_clear(&path);
		if ((error = cs_entry_find(s, ids[i], &path, &recs[i])) < 0)
			break;
		if (!(c = cs_snapshot_find(snap, "community", cs_node_get_str(recs[i], "community")))) {
			error = cs_error_set(CS_EDATA, "%s: has no community to sign for", ids[i]);
		} else if ((error = cs_entry_sign(recs[i], c, by, now)) < 0) {
			error = cs_error_within(error, cs_buf_cstr(&path), 0, NULL);
		}
	}
	if (error < 0)
		goto cleanup;
	if (n == 1)
		cs_buf_printf(&summary, "Sign %s", cs_node_get_str(recs[0], "id"));
	else
		cs_buf_printf(&summary, "Sign %zu entries", n);
	error = cs_entry_rewrite(s, "cslog sign", cs_buf_cstr(&summary), recs, n, NULL,
				 sign ? cs_key_sign : NULL, &sg);
cleanup:
	for (i = 0; i < n; i++)
		cs_node_free(recs[i]);
	free(recs);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

int cs_logbook_accept(cs_store *s, const char *id, const cs_time *at)
{
	cs_node *rec = NULL;
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	int error;
	if ((error = cs_entry_find(s, id, &path, &rec)) == 0 && (error = cs_entry_accept(rec, at)) == 0) {
		cs_buf_printf(&summary, "Accept request %s (Art 10)", cs_node_get_str(rec, "id"));
		error = cs_entry_rewrite(s, "cslog accept", cs_buf_cstr(&summary), &rec, 1, NULL, NULL,
					 NULL);
	}
	cs_node_free(rec);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

int cs_logbook_amend(cs_store *s, const char *id, const char *const *sets, size_t n,
		     const char *reason, cs_buf *full_id)
{
	cs_node *rec = NULL;
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	int error;
	if ((error = cs_entry_find(s, id, &path, &rec)) == 0 &&
	    (error = cs_entry_amend(cs_store_schemas(s), rec, sets, n)) == 0) {
		const char *trailers[] = { "Cs-Amends", cs_node_get_str(rec, "id"), "Cs-Reason", reason,
					   NULL };
		cs_buf_printf(&summary, "Amend %s", cs_node_get_str(rec, "id"));
		if ((error = cs_entry_rewrite(s, "cslog amend", cs_buf_cstr(&summary), &rec, 1, trailers,
					      NULL, NULL)) == 0)
			error = cs_buf_puts(full_id, cs_node_get_str(rec, "id"));
	}
	cs_node_free(rec);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

int cs_logbook_void(cs_store *s, const cs_snapshot *snap, const char *id, const char *reason,
		    const cs_time *now)
{
	cs_node *rec = NULL;
	cs_buf path = CS_BUF_INIT, summary = CS_BUF_INIT;
	const char *trailers[] = { "Cs-Reason", reason, NULL };
	int error;
	if ((error = cs_entry_find(s, id, &path, &rec)) < 0)
		goto cleanup;
	if (cs_entry_sealed(snap, rec)) {
		error = cs_error_set(CS_EDATA, "%s: %.7s is sealed by %s's filed monthly report; change "
				     "it with cslog amend", cs_node_get_str(rec, "id"),
				     cs_node_get_str(rec, "date"), cs_node_get_str(rec, "lawyer"));
		goto cleanup;
	}
	if ((error = cs_entry_void(rec, reason, now)) < 0)
		goto cleanup;
	cs_buf_printf(&summary, "Void %s", cs_node_get_str(rec, "id"));
	error = cs_entry_rewrite(s, "cslog void", cs_buf_cstr(&summary), &rec, 1, trailers, NULL, NULL);
cleanup:
	cs_node_free(rec);
	cs_buf_free(&path);
	cs_buf_free(&summary);
	return error;
}

int cs_logbook_edit(cs_store *s, const cs_node *old, cs_node *draft, const char *reason)
{
	const char *id = cs_node_get_str(old, "id");
	const char *trailers[] = { "Cs-Amends", id, "Cs-Reason", reason, NULL };
	cs_buf summary = CS_BUF_INIT;
	size_t i;
	int error = 0;
	for (i = 0; i < old->count && !error; i++)
		if (cs_entry_field_owned(old->pairs[i].key) && strncmp(old->pairs[i].key, "signed_", 7))
			error = cs_node_set(draft, old->pairs[i].key, cs_node_dup(old->pairs[i].value));
	cs_buf_printf(&summary, "Amend %s", id);
	if (!error)
		error = cs_entry_rewrite(s, "cslog edit", cs_buf_cstr(&summary), &draft, 1, trailers, NULL,
					 NULL);
	cs_buf_free(&summary);
	return error;
}
