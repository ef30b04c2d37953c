/* Sign-off keys (DESIGN 7 "Trust"): the SSH public keys of heads, clerks
 * and lawyers, kept as records (records/keys/<slug>.yaml, kind key), and
 * the check that a sign-off commit was signed with the signer's key. */
#ifndef CS_KEYS_H
#define CS_KEYS_H

#include "check.h"
#include "store.h"

typedef struct {
	const char *name;     /* the person, as signed_by names a head (孙建国) or a lawyer's slug */
	const char *role;     /* head, clerk, lawyer; NULL: found from the directory */
	const char *slug;     /* the record's slug; NULL: the name if it is one, else k-<hash> */
	const char *key;      /* the public key text (a line of an .pub file) */
	const char *source;   /* where the key text came from, for messages (or NULL) */
} cs_key_spec;

/* Register a key as one commit; slug gets the record's slug. CS_EDATA for
 * text that is not one SSH public key, a head who is not a head of any
 * community, a lawyer not in the directory; CS_ECANTCREAT when the person
 * has a key already. */
int cs_key_add(cs_store *s, const cs_key_spec *k, const cs_time *now, cs_buf *slug);

/* The slug a key of name is kept under. */
int cs_key_slug(const char *name, cs_buf *out);

/* Who signs a sign-off, and with what. */
typedef struct {
	const char *by;        /* the signer (a head's name) */
	const char *keyfile;   /* a private key file (cslog sign --key), or NULL */
	const char *pubkey;    /* the registered key; its private half in ssh-agent */
} cs_signer;

/* How a sign-off by by is signed (DESIGN 7): *sign = 1 with the key
 * registered for by (from keyfile, else through ssh-agent); 0 without
 * one, unless the store requires signatures (CS_EDATA) or a keyfile is
 * given for a signer without a registered key (CS_EDATA). */
int cs_key_signer(const cs_snapshot *snap, const char *by, const char *keyfile, cs_signer *sg,
		  int *sign);
/* A cs_sign_fn: sign the commit's text as sg, and check the signature is
 * the registered key's before anything is written. */
int cs_key_sign(void *ctx, const char *text, size_t len, cs_buf *sig);

#endif
