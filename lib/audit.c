/* The audit of the history (DESIGN 7): it judges what each commit did to
 * the records, never what its message says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "entry.h"
#include "error.h"
#include "params.h"
#include "sign.h"
#include "yaml.h"

struct audit {
	cs_store *s;
	cs_findings *out;
};

static cs_node *parse(const char *data, size_t len, const char *path)
{
	cs_node *n = NULL;
	if (!data)
		return NULL;
	if (cs_yaml_load(&n, data, len, path) < 0) {
		cs_error_clear();
		return NULL;
	}
	return n;
}

static int audit_add(struct audit *a, const cs_commit_info *c, const char *path, int sev,
	       const char *rule, const cs_node *rec, const char *fmt, const char *x,
	       const char *y)
{
	int error = cs_finding_add(a->out, path, 0, sev, rule, rec ? cs_node_get_str(rec, "id") : NULL,
				   rec ? cs_node_get_str(rec, "lawyer") : NULL,
				   rec ? cs_node_get_str(rec, "community") : NULL, NULL, fmt, x, y);
	if (!error && !(a->out->v[a->out->n - 1].commit = cs_strdup(c->commit)))
		error = CS_ENOMEM;
	return error;
}

/* The value of every "key: value" trailer line of message, one after another. */
static int has_trailer(const char *message, const char *key, const char *value)
{
	size_t k = strlen(key), v = strlen(value);
	const char *p;
	for (p = message; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, key, k) && p[k] == ':' && p[k + 1] == ' ' && !strncmp(p + k + 2, value, v) &&
		    (p[k + 2 + v] == '\n' || !p[k + 2 + v]))
			return 1;
	return 0;
}

/* A command's commit names every record it writes (Cs-Record); one that
 * changes others was made by hand under a command's name. */
static int made_by(struct audit *a, const cs_commit_info *c, int *by_hand)
{
	char command[128];
	size_t i;
	*by_hand = !cs_commit_trailer(c->message, "Cs-Command", command, sizeof(command));
	if (*by_hand)
		return audit_add(a, c, c->nchanges ? c->changes[0].path : "-", CS_SEV_ERROR, "audit.manual",
			   NULL, "commit %.12s was not made by the cs commands (no Cs-Command "
			   "trailer): %s", c->commit, c->summary);
	for (i = 0; i < c->nchanges && *c->parent; i++)
		if (!has_trailer(c->message, "Cs-Record", c->changes[i].path)) {
			*by_hand = 1;
			return audit_add(a, c, c->changes[i].path, CS_SEV_ERROR, "audit.manual", NULL,
				   "commit %.12s changes %s, which its Cs-Record trailers do not name: "
				   "made by hand under a command's name", c->commit, c->changes[i].path);
		}
	return 0;
}

/* 1 when new is old with only the keys listed added (with any values). */
static int only_added(const cs_node *old, const cs_node *now, const char *const *keys)
{
	cs_node *trimmed = cs_node_dup(now);
	size_t i;
	int same;
	if (!trimmed)
		return 0;
	for (i = 0; keys[i]; i++)
		if (!cs_node_get(old, keys[i]))
			cs_node_remove(trimmed, keys[i]);
	same = cs_node_equal(old, trimmed);
	cs_node_free(trimmed);
	return same;
}

static int is_signed(const cs_node *rec)
{
	return rec && cs_node_get_str(rec, "signed_by") != NULL;
}

/* What a change of a log entry is, by its content. */
enum { CH_OTHER, CH_SIGN, CH_UNSIGN, CH_ACCEPT, CH_VOID };

static int kind_of_change(const cs_node *old, const cs_node *now)
{
	static const char *const sign[] = { "signed_by", "signed_at", NULL };
	static const char *const accept[] = { "accepted_at", NULL };
	static const char *const voids[] = { "voided_at", "void_reason", NULL };
	if (!is_signed(old) && is_signed(now))
		return only_added(old, now, sign) ? CH_SIGN : CH_OTHER;
	if (is_signed(old) && !is_signed(now))
		return CH_UNSIGN;
	if (only_added(old, now, accept))
		return CH_ACCEPT;
	if (only_added(old, now, voids) && cs_node_get(now, "voided_at") && !cs_node_get(old, "voided_at"))
		return CH_VOID;
	return CH_OTHER;
}

static int sealed_in(struct audit *a, const cs_commit_info *c, const cs_node *rec)
{
	const char *lawyer = cs_node_get_str(rec, "lawyer"), *date = cs_node_get_str(rec, "date");
	cs_buf path = CS_BUF_INIT;
	int sealed = 0;
	if (lawyer && date && strlen(date) >= 7 && *c->parent &&
	    cs_report_file(&path, date, "lawyer", lawyer) == 0)
		sealed = cs_store_exists(a->s, c->parent, cs_buf_cstr(&path));
	cs_buf_free(&path);
	return sealed;
}

/* An amendment names its reason; it is listed, not an error, in a sealed
 * month (the change itself is shown by cslog history). */
static int amendment(const cs_commit_info *c)
{
	char command[64], reason[8];
	cs_commit_trailer(c->message, "Cs-Command", command, sizeof(command));
	return (!strcmp(command, "cslog amend") || !strcmp(command, "cslog edit")) &&
	       cs_commit_trailer(c->message, "Cs-Reason", reason, sizeof(reason));
}

static int entry_modified(struct audit *a, const cs_commit_info *c, const cs_change *ch,
			  const cs_node *old, const cs_node *now)
{
	int what = kind_of_change(old, now), error = 0;
	if (what == CH_OTHER && !is_signed(old) && amendment(c))
		what = CH_UNSIGN;
	if (is_signed(old) && is_signed(now) && !cs_node_equal(old, now) && what != CH_VOID)
		error = audit_add(a, c, ch->path, CS_SEV_ERROR, "audit.signed-modified", old,
			    "signed entry changed by commit %.12s without clearing its signature "
			    "(only cslog amend changes a signed entry, and it clears the signature)%s",
			    c->commit, "");
	else if (!is_signed(old) && is_signed(now) && what == CH_OTHER)
		error = audit_add(a, c, ch->path, CS_SEV_ERROR, "audit.signed-modified", old,
			    "entry signed and changed in one commit %.12s: a sign-off adds the "
			    "signature only%s", c->commit, "");
	if (!error && sealed_in(a, c, old))
		error = audit_add(a, c, ch->path, what == CH_OTHER || what == CH_VOID ? CS_SEV_ERROR
									: CS_SEV_WARNING,
			    "audit.sealed-modified", old,
			    "entry of a filed month changed by commit %.12s (%s)", c->commit,
			    what == CH_SIGN ? "signed" : what == CH_UNSIGN ? "amended"
			    : what == CH_ACCEPT ? "accepted" : what == CH_VOID ? "voided" : "edited");
	return error;
}

static int entry_added(struct audit *a, const cs_commit_info *c, const cs_change *ch,
		       const cs_node *now)
{
	const char *late = cs_node_get_str(now, "late_reason");
	int error = 0;
	if (is_signed(now))
		error = audit_add(a, c, ch->path, CS_SEV_ERROR, "audit.signed-modified", now,
			    "entry added already signed by commit %.12s (a sign-off is cslog sign on "
			    "an entry logged before)%s", c->commit, "");
	if (!error && sealed_in(a, c, now))
		error = late ? audit_add(a, c, ch->path, CS_SEV_WARNING, "audit.late-entry", now,
				   "entry added by commit %.12s after its month was filed, late: %s",
				   c->commit, late)
			     : audit_add(a, c, ch->path, CS_SEV_ERROR, "audit.late-entry", now,
				   "entry added by commit %.12s after its month was filed, without "
				   "--late and a reason%s", c->commit, "");
	return error;
}

static int report_modified(struct audit *a, const cs_commit_info *c, const cs_change *ch,
			   const cs_node *old, const cs_node *now)
{
	const cs_node *sup = now ? cs_node_get(now, "supersedes") : NULL;
	const char *was = old ? cs_node_get_str(old, "source_commit") : NULL;
	const char *says = sup ? cs_node_get_str(sup, "source_commit") : NULL;
	if (was && says && !strcmp(was, says) && cs_node_get_str(sup, "reason"))
		return audit_add(a, c, ch->path, CS_SEV_WARNING, "audit.filed-modified", NULL,
			   "filed report superseded by commit %.12s: %s", c->commit,
			   cs_node_get_str(sup, "reason"));
	return audit_add(a, c, ch->path, CS_SEV_ERROR, "audit.filed-modified", NULL,
		   "filed record changed by commit %.12s, not superseded by csreport --supersede%s",
		   c->commit, "");
}

/* --- sign-off signatures ------------------------------------------------ */

struct keys {
	const char *name;
	cs_node *found;     /* the key records of name */
};

static int note_key(void *ctx, const char *path, const char *data, size_t len)
{
	struct keys *k = ctx;
	cs_node *rec = parse(data, len, path);
	const char *name = rec ? cs_node_get_str(rec, "name") : NULL;
	if (name && !strcmp(name, k->name) && cs_node_get_str(rec, "key"))
		return cs_node_push(k->found, rec);
	cs_node_free(rec);
	return 0;
}

/* The keys registered for name before commit c (in its parent). */
static int keys_of(struct audit *a, const cs_commit_info *c, const char *name, cs_node **out)
{
	struct keys k = { name, cs_node_new_seq() };
	int error = 0;
	if (!k.found)
		return CS_ENOMEM;
	if (*c->parent && (error = cs_store_walk(a->s, c->parent, "records/keys", note_key, &k)) ==
	    CS_ENOTFOUND)
		error = 0;
	if (error < 0) {
		cs_node_free(k.found);
		return error;
	}
	*out = k.found;
	return 0;
}

static int required(struct audit *a, const cs_commit_info *c)
{
	cs_node *cfg = NULL;
	long long yes;
	if (cs_store_read_record(a->s, c->commit, "cs.yaml", &cfg) < 0) {
		cs_error_clear();
		return 0;
	}
	yes = cs_param_get(cfg, "require_signatures");
	cs_node_free(cfg);
	return (int)yes;
}

static int check_signoff(struct audit *a, const cs_commit_info *c, const cs_change *ch,
			 const cs_node *now)
{
	const char *by = cs_node_get_str(now, "signed_by");
	cs_node *keys = NULL;
	size_t i;
	int error, valid = 0;
	if ((error = keys_of(a, c, by, &keys)) < 0)
		return error;
	if (!keys->count && !required(a, c))
		goto cleanup;
	for (i = 0; c->signature && i < keys->count && !valid && error >= 0; i++) {
		error = cs_ssh_verify(by, cs_node_get_str(keys->items[i], "key"), c->signed_data,
				      c->signed_len, c->signature);
		valid = error == 1;
	}
	if (error < 0)
		cs_error_clear();
	error = 0;
	if (!valid)
		error = audit_add(a, c, ch->path, CS_SEV_ERROR, "audit.unverified-sign", now,
			    !keys->count ? "sign-off by '%s' in commit %.12s is not signed, and the store "
			    "requires signed sign-offs (rules.require_signatures)"
			    : c->signature ? "sign-off by '%s' in commit %.12s has a signature that is not "
			    "the registered key's" : "sign-off by '%s' in commit %.12s is not signed with "
			    "the key registered for the signer", by, c->commit);
cleanup:
	cs_node_free(keys);
	return error;
}

/* --- each commit ---------------------------------------------------------- */

static int one_change(struct audit *a, const cs_commit_info *c, const cs_change *ch)
{
	cs_node *old = parse(ch->old_data, ch->old_len, ch->path);
	cs_node *now = parse(ch->new_data, ch->new_len, ch->path);
	int error = 0, log = !strncmp(ch->path, "records/log/", 12) ||
			     !strncmp(ch->path, "records/meetings/", 17);
	if (ch->status == 'D')
		error = audit_add(a, c, ch->path, CS_SEV_ERROR, "audit.deleted", old,
			    "%s removed by commit %.12s: a record is never deleted (void it)", ch->path,
			    c->commit);
	else if (log && ch->status == 'M' && old && now)
		error = entry_modified(a, c, ch, old, now);
	else if (log && ch->status == 'A' && now)
		error = entry_added(a, c, ch, now);
	else if (ch->status == 'M' && (!strncmp(ch->path, "records/reports/", 16) ||
				       !strncmp(ch->path, "records/assessments/", 20)))
		error = report_modified(a, c, ch, old, now);
	else if (ch->status == 'M' && !strncmp(ch->path, "records/keys/", 13))
		error = audit_add(a, c, ch->path, CS_SEV_ERROR, "audit.filed-modified", old,
				  "registered signing key changed by commit %.12s: a key is added once, "
				  "never replaced%s", c->commit, "");
	if (!error && log && now && is_signed(now) && !is_signed(old))
		error = check_signoff(a, c, ch, now);
	cs_node_free(old);
	cs_node_free(now);
	return error;
}

/* What a merge changes against its first parent must come from its
 * second: a file the merge itself changed was edited in it, by hand. */
static int merged(struct audit *a, const cs_commit_info *c)
{
	cs_buf theirs = CS_BUF_INIT;
	size_t i;
	int error = 0;
	for (i = 0; i < c->nchanges && !error; i++) {
		const cs_change *ch = &c->changes[i];
		int found = cs_store_read_blob(a->s, c->parent2, ch->path, &theirs) == 0;
		cs_error_clear();
		if (ch->status == 'D' ? !found
				      : found && theirs.len == ch->new_len &&
					!memcmp(theirs.ptr, ch->new_data, ch->new_len))
			continue;
		error = audit_add(a, c, ch->path, CS_SEV_ERROR, "audit.manual", NULL,
				  "merge %.12s changes %s itself (it comes from neither copy): an "
				  "edit hidden in a merge", c->commit, ch->path);
	}
	cs_buf_free(&theirs);
	return error;
}

static int one_commit(void *ctx, const cs_commit_info *c)
{
	struct audit *a = ctx;
	size_t i;
	int error = 0, by_hand;
	if (c->parents > 1)
		return merged(a, c); /* a merge of two copies (DESIGN 8) changes nothing by itself */
	if ((error = made_by(a, c, &by_hand)) < 0)
		return error;
	for (i = 0; i < c->nchanges && !error; i++)
		error = one_change(a, c, &c->changes[i]);
	return error;
}

int cs_check_audit(cs_store *s, const char *since, const char *against, cs_findings *out)
{
	struct audit a = { s, out };
	char hex[41];
	int error, yes;
	if ((error = cs_store_commits(s, since, NULL, one_commit, &a)) < 0)
		return error;
	if (!against)
		return 0;
	if ((error = cs_store_descends(s, against, &yes, hex)) < 0 || yes)
		return error;
	error = cs_finding_add(out, "records", 0, CS_SEV_ERROR, "audit.rewritten", NULL, NULL, NULL,
			       NULL, "%s (%s) is not an ancestor of this history: it was rewritten",
			       against, hex);
	if (!error && !(out->v[out->n - 1].commit = cs_strdup(hex)))
		error = CS_ENOMEM;
	return error;
}
