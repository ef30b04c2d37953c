#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "directory.h"
#include "error.h"
#include "keys.h"
#include "params.h"
#include "record.h"
#include "sha256.h"
#include "sign.h"
#include "write.h"
#include "snapshot_impl.h"

int cs_key_slug(const char *name, cs_buf *out)
{
	unsigned char h[CS_SHA256_LEN];
	size_t i;
	cs_buf_clear(out);
	if (cs_slug_valid(name))
		return cs_buf_puts(out, name);
	/* a Chinese name has no slug of its own: one from its hash, stable */
	cs_sha256(name, strlen(name), h);
	cs_buf_puts(out, "k-");
	for (i = 0; i < 5; i++)
		cs_buf_printf(out, "%02x", h[i]);
	return 0;
}

static const char *role_of(const cs_snapshot *snap, const char *name)
{
	size_t i;
	if (cs_snapshot_find(snap, "lawyer", name))
		return "lawyer";
	for (i = 0; i < snap->ncommunities; i++)
		if (cs_dir_is_head(snap->communities[i], name))
			return "head";
	return "clerk";
}

int cs_key_add(cs_store *s, const cs_key_spec *k, const cs_time *now, cs_buf *slug)
{
	cs_snapshot *snap = NULL;
	cs_node *rec = NULL;
	cs_buf key = CS_BUF_INIT, fp = CS_BUF_INIT, summary = CS_BUF_INIT;
	cs_commit c;
	cs_put put;
	char today[11];
	int error;
	memset(&c, 0, sizeof(c));
	memset(&put, 0, sizeof(put));
	if ((error = cs_sshkey_parse(k->key, strlen(k->key), &key, &fp)) < 0) {
		if (k->source && error == CS_EDATA)
			error = cs_error_within(CS_EDATA, k->source, 0, NULL);
		goto cleanup;
	}
	if ((error = cs_snapshot_load_directory(&snap, s, NULL)) < 0)
		goto cleanup;
	if (cs_snapshot_key(snap, k->name)) {
		error = cs_error_set(CS_ECANTCREAT, "'%s' has a registered key already (%s)", k->name,
				     cs_node_get_str(cs_snapshot_key(snap, k->name), "id"));
		goto cleanup;
	}
	{
		size_t i;
		for (i = 0; i < snap->nkeys; i++)
			if (!strcmp(cs_node_get_str(snap->keys[i], "fingerprint") ?
				    cs_node_get_str(snap->keys[i], "fingerprint") : "", cs_buf_cstr(&fp))) {
				error = cs_error_set(CS_ECANTCREAT, "the key %s is registered already, for "
						     "'%s': one key is one person's", cs_buf_cstr(&fp),
						     cs_node_get_str(snap->keys[i], "name"));
				goto cleanup;
			}
	}
	if ((error = k->slug ? (cs_buf_clear(slug), cs_buf_puts(slug, k->slug))
			     : cs_key_slug(k->name, slug)) < 0)
		goto cleanup;
	cs_date_format(now->day, today);
	if (!(rec = cs_node_new_map())) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if ((error = cs_node_set_str(rec, "kind", "key")) < 0 ||
	    (error = cs_node_set_str(rec, "id", cs_buf_cstr(slug))) < 0 ||
	    (error = cs_node_set_str(rec, "name", k->name)) < 0 ||
	    (error = cs_node_set_str(rec, "role", k->role ? k->role : role_of(snap, k->name))) < 0 ||
	    (error = cs_node_set_str(rec, "key", cs_buf_cstr(&key))) < 0 ||
	    (error = cs_node_set_str(rec, "fingerprint", cs_buf_cstr(&fp))) < 0 ||
	    (error = cs_node_set_str(rec, "added", today)) < 0)
		goto cleanup;
	put.rec = rec;
	put.create = 1;
	cs_buf_printf(&summary, "Register the signing key %s of %s", cs_buf_cstr(&fp),
		      cs_buf_cstr(slug));
	c.command = "csassign key add";
	c.summary = cs_buf_cstr(&summary);
	error = cs_write_records(s, &c, &put, 1, NULL);
	if (error == CS_ECANTCREAT)
		error = cs_error_set(CS_ECANTCREAT, "a key %s exists already", cs_buf_cstr(slug));
cleanup:
	cs_snapshot_free(snap);
	cs_node_free(rec);
	cs_buf_free(&key);
	cs_buf_free(&fp);
	cs_buf_free(&summary);
	return error;
}

int cs_key_sign(void *ctx, const char *text, size_t len, cs_buf *sig)
{
	const cs_signer *sg = ctx;
	int error = sg->keyfile ? cs_ssh_sign(sg->keyfile, text, len, sig)
				: cs_ssh_sign_with_agent(sg->pubkey, text, len, sig);
	if (error < 0) {
		char why[1024];
		snprintf(why, sizeof(why), "%s", cs_error_last());
		return cs_error_set(CS_EDATA, "'%s' has a registered key, and the sign-off could not "
				    "be signed with it (give --key FILE, or add the key to ssh-agent): %s",
				    sg->by, why);
	}
	/* the signature must be the registered key's, or the audit would refuse it */
	if ((error = cs_ssh_verify(sg->by, sg->pubkey, text, len, cs_buf_cstr(sig))) != 1)
		return error < 0 ? error : cs_error_set(CS_EDATA, "--key: not the key registered for "
							"'%s'; nothing was signed", sg->by);
	return 0;
}

int cs_key_signer(const cs_snapshot *snap, const char *by, const char *keyfile, cs_signer *sg,
		  int *sign)
{
	const cs_node *key = cs_snapshot_key(snap, by);
	if (keyfile && access(keyfile, R_OK) < 0)
		return cs_error_set(CS_ENOTFOUND, "--key: cannot read '%s': %s", keyfile,
				    strerror(errno));
	sg->by = by;
	sg->keyfile = keyfile;
	sg->pubkey = key ? cs_node_get_str(key, "key") : NULL;
	*sign = key != NULL;
	if (!key && keyfile)
		return cs_error_set(CS_EDATA, "--key: '%s' has no registered key; register it first with "
				    "csassign key add", by);
	if (!key && cs_param_get(snap->config, "require_signatures"))
		return cs_error_set(CS_EDATA, "this store requires signed sign-offs "
				    "(rules.require_signatures) and '%s' has no registered key "
				    "(csassign key add)", by);
	return 0;
}
