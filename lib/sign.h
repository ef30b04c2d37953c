/* SSH signatures made and checked the way git does for gpg.format=ssh: OpenSSH's
 * `ssh-keygen -Y sign` and `ssh-keygen -Y verify` with the namespace "git".
 *
 * ssh-keygen is looked up in $PATH and run directly (fork and exec, no shell),
 * in a session of its own (no controlling terminal), with SSH_ASKPASS_REQUIRE=never,
 * DISPLAY and WAYLAND_DISPLAY removed and an empty passphrase given (-P ''), so a
 * key that needs a passphrase fails instead of prompting. Data reach its
 * standard input from an unlinked temporary file; the allowed_signers, signature
 * and public key files it needs by name are private temporary files (mkstemp,
 * 0600) in $TMPDIR (else /tmp), removed before the function returns. */
#ifndef CS_SIGN_H
#define CS_SIGN_H

#include <stddef.h>

#include "buf.h"

/* An OpenSSH public key line ("ssh-ed25519 AAAA... comment"), surrounding
 * white space and a final newline allowed: checks that it is one key of a
 * known type (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521,
 * sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com) with valid
 * base64 whose decoded blob has that type's layout. Sets key to "type base64"
 * (no comment, no newline) and fingerprint to "SHA256:..." as `ssh-keygen -l`
 * prints it; either may be NULL. Both are replaced, not appended to.
 * CS_EDATA ("not an SSH public key: ...") otherwise, CS_EUSAGE for a NULL text. */
int cs_sshkey_parse(const char *text, size_t len, cs_buf *key, cs_buf *fingerprint);

/* Sign data[0..len) (the commit buffer) with `ssh-keygen -Y sign -n git -f keyfile`,
 * as git does with user.signingkey: keyfile is a private key file, or a public
 * key file whose private half ssh-agent holds ($SSH_AUTH_SOCK). Sets sig to the
 * armored "-----BEGIN SSH SIGNATURE-----\n...-----END SSH SIGNATURE-----\n".
 * CS_ENOTFOUND when ssh-keygen is not installed; CS_EDATA, with ssh-keygen's
 * message, when signing fails (no such key, key not in the agent, a key with
 * a passphrase); CS_EUSAGE for a NULL or empty keyfile. */
int cs_ssh_sign(const char *keyfile, const char *data, size_t len, cs_buf *sig);

/* The same with a public key line (as cs_sshkey_parse returns, a comment
 * allowed) instead of a file: only ssh-agent is asked for the private half
 * (ssh-keygen -U). CS_EDATA when the line is not a public key, when no agent
 * answers or when it does not hold the key. */
int cs_ssh_sign_with_agent(const char *pubkey_line, const char *data, size_t len,
			   cs_buf *sig);

/* Verify sig (armored, as cs_ssh_sign makes it) over data[0..len) for principal
 * with the public key line: ssh-keygen -Y verify against a one-line
 * allowed_signers file `principal namespaces="git" key`. An SSH signature does
 * not name a principal, so what binds the signature to a person is the key the
 * caller registered for them. Principals (UTF-8 names, slugs, anything with
 * spaces or commas) are given to ssh-keygen as the hex of their bytes, in the
 * file and in -I alike, so that no character of theirs is read as syntax.
 * Returns 1 when valid; 0 when not (bad or tampered signature, other key, other
 * namespace, other data, garbage); negative on an error: CS_ENOTFOUND without
 * ssh-keygen, CS_EDATA when pubkey_line is not a public key, CS_EUSAGE for an
 * empty principal or a NULL argument. */
int cs_ssh_verify(const char *principal, const char *pubkey_line, const char *data,
		  size_t len, const char *sig);

#endif
