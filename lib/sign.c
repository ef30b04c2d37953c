/* SSH signatures through ssh-keygen -Y, namespace "git", as git signs commits
 * with gpg.format=ssh. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "sha256.h"
#include "sign.h"
#include "utf8.h"

extern char **environ;

#define NAMESPACE "git"
#define SIG_BEGIN "-----BEGIN SSH SIGNATURE-----\n"
#define SIG_END "-----END SSH SIGNATURE-----\n"
#define OUT_MAX (1024 * 1024) /* a signature takes a few hundred bytes */
#define ERR_MAX 4096
#define RSA_MIN_BITS 1024     /* ssh-keygen refuses shorter moduli */

enum { ED25519, RSA, ECDSA, SK_ED25519, SK_ECDSA };

static const struct key_type {
	const char *name;
	int kind;
	const char *curve;  /* ECDSA: the curve named in the blob */
	size_t point;       /* ECDSA: bytes of the uncompressed point */
} key_types[] = {
	{ "ssh-ed25519", ED25519, NULL, 0 },
	{ "ssh-rsa", RSA, NULL, 0 },
	{ "ecdsa-sha2-nistp256", ECDSA, "nistp256", 65 },
	{ "ecdsa-sha2-nistp384", ECDSA, "nistp384", 97 },
	{ "ecdsa-sha2-nistp521", ECDSA, "nistp521", 133 },
	{ "sk-ssh-ed25519@openssh.com", SK_ED25519, NULL, 0 },
	{ "sk-ecdsa-sha2-nistp256@openssh.com", SK_ECDSA, "nistp256", 65 },
};

static const char b64_chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* ssh-keygen is told to use no askpass program; DISPLAY would let it try one. */
static char askpass_never[] = "SSH_ASKPASS_REQUIRE=never";
static const char *const dropped_vars[] = {
	"DISPLAY=", "WAYLAND_DISPLAY=", "SSH_ASKPASS_REQUIRE=",
};

static int b64_digit(char c)
{
	const char *p;
	if (c == '\0' || !(p = strchr(b64_chars, c)))
		return -1;
	return (int)(p - b64_chars);
}

/* Padded base64 with no white space and zero pad bits, as OpenSSH writes it,
 * into out (room for len / 4 * 3 bytes). 0, or -1 when s is not that. */
static int b64_decode(unsigned char *out, size_t *outlen, const char *s, size_t len)
{
	size_t i, pad, o = 0;
	uint32_t v = 0;
	int j, d;
	if (len == 0 || len % 4)
		return -1;
	pad = s[len - 1] != '=' ? 0 : s[len - 2] != '=' ? 1 : 2;
	for (i = 0; i < len; i += 4) {
		v = 0;
		for (j = 0; j < 4; j++) {
			if (i + j >= len - pad)
				d = 0;
			else if ((d = b64_digit(s[i + j])) < 0)
				return -1;
			v = v << 6 | (uint32_t)d;
		}
		out[o++] = (unsigned char)(v >> 16);
		if (i + 4 < len || pad < 2)
			out[o++] = (unsigned char)(v >> 8);
		if (i + 4 < len || pad < 1)
			out[o++] = (unsigned char)v;
	}
	if ((pad == 1 && (v & 0xff)) || (pad == 2 && (v & 0xffff)))
		return -1;
	*outlen = o;
	return 0;
}

static int b64_encode(cs_buf *out, const unsigned char *p, size_t len, int pad)
{
	char q[4];
	size_t i, n;
	uint32_t v;
	int error;
	for (i = 0; i < len; i += 3) {
		n = len - i < 3 ? len - i : 3;
		v = (uint32_t)p[i] << 16;
		if (n > 1)
			v |= (uint32_t)p[i + 1] << 8;
		if (n > 2)
			v |= p[i + 2];
		q[0] = b64_chars[v >> 18 & 63];
		q[1] = b64_chars[v >> 12 & 63];
		q[2] = n > 1 ? b64_chars[v >> 6 & 63] : '=';
		q[3] = n > 2 ? b64_chars[v & 63] : '=';
		if ((error = cs_buf_put(out, q, pad ? 4 : n + 1)) < 0)
			return error;
	}
	return 0;
}

/* s[0..n) fit for a message: cut at a character to fit size, controls and
 * bytes that are not UTF-8 shown as '?'. */
static void excerpt(char *out, size_t size, const char *s, size_t n)
{
	size_t i, max = size - 4;
	int cut = n > max, valid;
	if (cut) {
		n = max;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	valid = cs_utf8_valid(s, n);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[i] = c < 0x20 || c == 0x7f || (c >= 0x80 && !valid) ? '?' : (char)c;
	}
	if (cut) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

/* The SSH wire format (RFC 4251 5): strings are a 32-bit length and bytes. */
struct wire {
	const unsigned char *p;
	size_t left;
};

static int wire_string(struct wire *w, const unsigned char **s, size_t *n)
{
	uint32_t len;
	if (w->left < 4)
		return -1;
	len = (uint32_t)w->p[0] << 24 | (uint32_t)w->p[1] << 16 |
	      (uint32_t)w->p[2] << 8 | w->p[3];
	if (len > w->left - 4)
		return -1;
	*s = w->p + 4;
	*n = len;
	w->p += 4 + (size_t)len;
	w->left -= 4 + (size_t)len;
	return 0;
}

static int wire_is(struct wire *w, const char *want)
{
	const unsigned char *s;
	size_t n;
	return wire_string(w, &s, &n) == 0 && n == strlen(want) && !memcmp(s, want, n);
}

/* A positive mpint: not empty, top bit clear. */
static int wire_mpint(struct wire *w, const unsigned char **s, size_t *n)
{
	return wire_string(w, s, n) == 0 && *n && !(**s & 0x80) ? 0 : -1;
}

static size_t mpint_bits(const unsigned char *s, size_t n)
{
	size_t bits;
	unsigned char top;
	while (n && !*s) {
		s++;
		n--;
	}
	if (!n)
		return 0;
	for (bits = (n - 1) * 8, top = *s; top; top >>= 1)
		bits++;
	return bits;
}

/* The blob after base64 has the layout of its type (OpenSSH PROTOCOL.key, sshkey.c). */
static int blob_check(const struct key_type *t, const unsigned char *blob, size_t len)
{
	struct wire w = { blob, len };
	const unsigned char *s;
	size_t n;
	if (!wire_is(&w, t->name))
		return cs_error_set(CS_EDATA, "not an SSH public key: the key data are not "
				    "those of a %s key", t->name);
	switch (t->kind) {
	case ED25519:
	case SK_ED25519:
		if (wire_string(&w, &s, &n) < 0 || n != 32)
			return cs_error_set(CS_EDATA, "not an SSH public key: bad Ed25519 key data");
		break;
	case RSA:
		if (wire_mpint(&w, &s, &n) < 0)
			return cs_error_set(CS_EDATA, "not an SSH public key: bad RSA exponent");
		if (wire_mpint(&w, &s, &n) < 0)
			return cs_error_set(CS_EDATA, "not an SSH public key: bad RSA modulus");
		if (mpint_bits(s, n) < RSA_MIN_BITS)
			return cs_error_set(CS_EDATA, "not an SSH public key: RSA key shorter than "
					    "%d bits", RSA_MIN_BITS);
		break;
	case ECDSA:
	case SK_ECDSA:
		if (!wire_is(&w, t->curve))
			return cs_error_set(CS_EDATA, "not an SSH public key: the curve is not "
					    "%s", t->curve);
		if (wire_string(&w, &s, &n) < 0 || n != t->point || s[0] != 4)
			return cs_error_set(CS_EDATA, "not an SSH public key: bad ECDSA point");
		break;
	}
	if ((t->kind == SK_ED25519 || t->kind == SK_ECDSA) && wire_string(&w, &s, &n) < 0)
		return cs_error_set(CS_EDATA, "not an SSH public key: no security key application");
	if (w.left)
		return cs_error_set(CS_EDATA, "not an SSH public key: bytes after the key data");
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* The key line of TEXT without its surrounding space, in *P..*END: refuses
 * what is not one OpenSSH public key line (empty, NUL, PEM, several lines). */
static int key_line(const char *text, size_t len, const char **pp, const char **pend)
{
	const char *p, *end;

	if (!text)
		return cs_error_set(CS_EUSAGE, "no SSH public key given");
	if (memchr(text, '\0', len))
		return cs_error_set(CS_EDATA, "not an SSH public key: the text has a NUL byte");
	p = text;
	end = text + len;
	while (p < end && is_space(*p))
		p++;
	while (end > p && is_space(end[-1]))
		end--;
	if (p == end)
		return cs_error_set(CS_EDATA, "not an SSH public key: the text is empty");
	if (end - p > 10 && !memcmp(p, "-----BEGIN", 10)) {
		if (memmem(p, (size_t)(end - p), "PRIVATE KEY", 11))
			return cs_error_set(CS_EDATA, "not an SSH public key: this is a private "
					    "key (give its public half, the .pub file)");
		return cs_error_set(CS_EDATA, "not an SSH public key: a PEM block, not "
				    "an OpenSSH key line");
	}
	if (memchr(p, '\n', (size_t)(end - p)) || memchr(p, '\r', (size_t)(end - p)))
		return cs_error_set(CS_EDATA, "not an SSH public key: more than one line "
				    "(give one key)");
	*pp = p;
	*pend = end;
	return 0;
}

int cs_sshkey_parse(const char *text, size_t len, cs_buf *key, cs_buf *fingerprint)
{
	const struct key_type *t = NULL;
	const char *p = NULL, *end = NULL, *tok, *b64;
	size_t toklen, b64len, bloblen, i;
	unsigned char *blob = NULL, md[CS_SHA256_LEN];
	cs_buf k = CS_BUF_INIT, fp = CS_BUF_INIT;
	char ex[64];
	int error = 0;

	if ((error = key_line(text, len, &p, &end)) < 0)
		return error;
	for (tok = p; p < end && *p != ' ' && *p != '\t'; p++)
		;
	toklen = (size_t)(p - tok);
	for (i = 0; i < sizeof(key_types) / sizeof(*key_types); i++)
		if (strlen(key_types[i].name) == toklen && !memcmp(key_types[i].name, tok, toklen))
			t = &key_types[i];
	if (!t) {
		excerpt(ex, sizeof(ex), tok, toklen);
		return cs_error_set(CS_EDATA, "not an SSH public key: unknown key type '%s'", ex);
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	for (b64 = p; p < end && *p != ' ' && *p != '\t'; p++)
		;
	b64len = (size_t)(p - b64);
	if (!b64len)
		return cs_error_set(CS_EDATA, "not an SSH public key: no key data after '%s'",
				    t->name);

	if (!(blob = cs_malloc(b64len / 4 * 3 + 1))) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if (b64_decode(blob, &bloblen, b64, b64len) < 0) {
		error = cs_error_set(CS_EDATA, "not an SSH public key: the key data are not "
				     "valid base64");
		goto cleanup;
	}
	if ((error = blob_check(t, blob, bloblen)) < 0)
		goto cleanup;
	cs_sha256(blob, bloblen, md);
	if ((error = cs_buf_printf(&k, "%s ", t->name)) < 0 ||
	    (error = b64_encode(&k, blob, bloblen, 1)) < 0 ||
	    (error = cs_buf_puts(&fp, "SHA256:")) < 0 ||
	    (error = b64_encode(&fp, md, sizeof(md), 0)) < 0)
		goto cleanup;
	if (key) {
		cs_buf_free(key);
		*key = k;
		cs_buf_init(&k);
	}
	if (fingerprint) {
		cs_buf_free(fingerprint);
		*fingerprint = fp;
		cs_buf_init(&fp);
	}

cleanup:
	free(blob);
	cs_buf_free(&k);
	cs_buf_free(&fp);
	return error;
}

/* Where execvp would find name in $PATH. */
static int find_program(const char *name, cs_buf *path)
{
	const char *dirs = getenv("PATH"), *p, *colon;
	struct stat st;
	size_t n;
	int error;
	if (!dirs || !*dirs)
		dirs = "/usr/bin:/bin";
	for (p = dirs;; p = colon + 1) {
		colon = strchr(p, ':');
		n = colon ? (size_t)(colon - p) : strlen(p);
		cs_buf_clear(path);
		if ((error = cs_buf_printf(path, "%.*s/%s", n ? (int)n : 1, n ? p : ".",
					   name)) < 0)
			return error;
		if (stat(path->ptr, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(path->ptr, X_OK) == 0)
			return 0;
		if (!colon)
			break;
	}
	cs_buf_clear(path);
	return cs_error_set(CS_ENOTFOUND, "%s not found in PATH (it comes with OpenSSH: "
			    "install openssh-client)", name);
}

/* The environment of ssh-keygen, made before fork: the child only execs. */
static char **child_env(void)
{
	size_t n, i, j, d;
	char **env;
	for (n = 0; environ && environ[n]; n++)
		;
	if (!(env = cs_calloc(n + 2, sizeof(*env))))
		return NULL;
	for (i = j = 0; i < n; i++) {
		for (d = 0; d < sizeof(dropped_vars) / sizeof(*dropped_vars); d++)
			if (!strncmp(environ[i], dropped_vars[d], strlen(dropped_vars[d])))
				break;
		if (d == sizeof(dropped_vars) / sizeof(*dropped_vars))
			env[j++] = environ[i];
	}
	env[j++] = askpass_never;
	env[j] = NULL;
	return env;
}

/* In the child between fork and exec: async-signal-safe calls only. On failure
 * errno goes up the report pipe, which closes by itself when exec succeeds. */
static _Noreturn void exec_child(const char *path, char *argv[], char *env[], int in,
				 int out, int err, int report)
{
	int fds[3] = { in, out, err }, i, e;
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	/* above 2 first, so that no dup2() below closes one of them */
	if ((report = fcntl(report, F_DUPFD_CLOEXEC, 3)) < 0)
		_exit(127);
	for (i = 0; i < 3; i++)
		if ((fds[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, 3)) < 0)
			goto fail;
	for (i = 0; i < 3; i++)
		if (dup2(fds[i], i) < 0)
			goto fail;
	/* a session of its own: no controlling terminal to ask a passphrase on */
	if (setsid() < 0)
		goto fail;
	execve(path, argv, env);
fail:
	e = errno;
	while (write(report, &e, sizeof(e)) < 0 && errno == EINTR)
		;
	_exit(127);
}

static int reap(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return cs_error_set(CS_ESOFTWARE, "cannot wait for ssh-keygen: %s",
					    strerror(errno));
	return 0;
}

/* Read what is there from *fd into b, keeping at most max bytes; closes *fd at
 * end of file. */
static int drain(int *fd, cs_buf *b, size_t max, int *overflow)
{
	char chunk[4096];
	ssize_t n = read(*fd, chunk, sizeof(chunk));
	size_t keep;
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 :
		       cs_error_set(CS_EIO, "cannot read from ssh-keygen: %s", strerror(errno));
	if (n == 0) {
		close(*fd);
		*fd = -1;
		return 0;
	}
	keep = b->len < max ? max - b->len : 0;
	if ((size_t)n > keep)
		*overflow = 1;
	else
		keep = (size_t)n;
	return cs_buf_put(b, chunk, keep);
}

/* Run ssh-keygen with argv, its standard input from in_fd; out and err get
 * what it writes, status its exit status. */
/* Reads the child's output and error output to their ends, both pipes at
 * once (ssh-keygen may fill one while we wait on the other); closes them. */
static int collect(int outp[2], int errp[2], cs_buf *out, cs_buf *err, int *overflow)
{
	struct pollfd pfd[2];
	int error, ignored = 0;

	while (outp[0] >= 0 || errp[0] >= 0) {
		pfd[0].fd = outp[0];
		pfd[1].fd = errp[0];
		pfd[0].events = pfd[1].events = POLLIN;
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return cs_error_set(CS_EIO, "cannot wait for ssh-keygen's output: %s",
					    strerror(errno));
		}
		if (pfd[0].revents && (error = drain(&outp[0], out, OUT_MAX, overflow)) < 0)
			return error;
		if (pfd[1].revents && (error = drain(&errp[0], err, ERR_MAX, &ignored)) < 0)
			return error;
	}
	return 0;
}

static int run_ssh_keygen(char *argv[], int in_fd, cs_buf *out, cs_buf *err, int *status)
{
	cs_buf path = CS_BUF_INIT;
	char **env = NULL;
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 }, rep[2] = { -1, -1 };
	pid_t pid = -1;
	int error = 0, exec_errno, overflow = 0, st, i;
	ssize_t n;

	if ((error = find_program("ssh-keygen", &path)) < 0)
		goto cleanup;
	if (!(env = child_env())) {
		error = CS_ENOMEM;
		goto cleanup;
	}
	if (pipe2(outp, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0 ||
	    pipe2(rep, O_CLOEXEC) < 0) {
		error = cs_error_set(CS_EIO, "cannot make a pipe: %s", strerror(errno));
		goto cleanup;
	}
	if ((pid = fork()) < 0) {
		error = cs_error_set(CS_EIO, "cannot start ssh-keygen: %s", strerror(errno));
		goto cleanup;
	}
	if (pid == 0)
		exec_child(path.ptr, argv, env, in_fd, outp[1], errp[1], rep[1]);
	close(outp[1]);
	close(errp[1]);
	close(rep[1]);
	outp[1] = errp[1] = rep[1] = -1;

	do
		n = read(rep[0], &exec_errno, sizeof(exec_errno));
	while (n < 0 && errno == EINTR);
	if (n == (ssize_t)sizeof(exec_errno)) {
		error = cs_error_set(exec_errno == ENOENT || exec_errno == EACCES ?
				     CS_ENOTFOUND : CS_ESOFTWARE, "cannot run %s: %s",
				     path.ptr, strerror(exec_errno));
		goto cleanup;
	}
	if ((error = collect(outp, errp, out, err, &overflow)) < 0)
		goto cleanup;
	error = reap(pid, &st);
	pid = -1;
	if (error < 0)
		goto cleanup;
	if (WIFSIGNALED(st))
		error = cs_error_set(CS_ESOFTWARE, "ssh-keygen was killed by signal %d",
				     WTERMSIG(st));
	else if (overflow)
		error = cs_error_set(CS_EDATA, "ssh-keygen wrote more than %d bytes", OUT_MAX);
	else
		*status = WEXITSTATUS(st);

cleanup:
	for (i = 0; i < 2; i++) {
		if (outp[i] >= 0)
			close(outp[i]);
		if (errp[i] >= 0)
			close(errp[i]);
		if (rep[i] >= 0)
			close(rep[i]);
	}
	if (pid > 0) {
		kill(pid, SIGKILL);
		reap(pid, &st);
	}
	free(env);
	cs_buf_free(&path);
	return error;
}

/* A new private file in $TMPDIR (else /tmp), open in *fd; path is left empty
 * when none was made. */
static int temp_file(cs_buf *path, int *fd)
{
	const char *dir = getenv("TMPDIR");
	int error;
	if (!dir || !*dir)
		dir = "/tmp";
	cs_buf_clear(path);
	if ((error = cs_buf_printf(path, "%s/cs-sign-XXXXXX", dir)) < 0)
		return error;
	/* O_CREAT|O_EXCL, mode 0600 */
	if ((*fd = mkostemp(path->ptr, O_CLOEXEC)) < 0) {
		cs_buf_clear(path);
		return cs_error_set(CS_ECANTCREAT, "cannot create a temporary file in '%s': %s",
				    dir, strerror(errno));
	}
	return 0;
}

static int write_all(int fd, const char *p, size_t n, const char *path)
{
	ssize_t w;
	while (n) {
		if ((w = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return cs_error_set(CS_EIO, "cannot write '%s': %s", path, strerror(errno));
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A private file holding data[0..len) for ssh-keygen to open by name; the caller
 * removes path when it is not empty, on every path. */
static int temp_write(cs_buf *path, const char *data, size_t len)
{
	int fd, error;
	if ((error = temp_file(path, &fd)) < 0)
		return error;
	error = write_all(fd, data, len, path->ptr);
	if (close(fd) < 0 && !error)
		error = cs_error_set(CS_EIO, "cannot write '%s': %s", path->ptr, strerror(errno));
	return error;
}

/* A descriptor reading data[0..len) from the start, for ssh-keygen's standard
 * input: a file has no pipe's limit to deadlock on. Unlinked at once. */
static int data_file(const char *data, size_t len, int *fdp)
{
	cs_buf path = CS_BUF_INIT;
	int fd = -1, error;
	if ((error = temp_file(&path, &fd)) < 0)
		goto cleanup;
	unlink(path.ptr);
	if ((error = write_all(fd, data, len, path.ptr)) < 0)
		goto cleanup;
	if (lseek(fd, 0, SEEK_SET) < 0) {
		error = cs_error_set(CS_EIO, "cannot rewind '%s': %s", path.ptr, strerror(errno));
		goto cleanup;
	}
	*fdp = fd;
	fd = -1;

cleanup:
	if (fd >= 0)
		close(fd);
	cs_buf_free(&path);
	return error;
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t p = strlen(prefix);
	return n >= p && !memcmp(s, prefix, p);
}

/* ssh-keygen's first line other than its progress notes, for a message. */
static void first_line(const cs_buf *err, char *out, size_t size)
{
	const char *p = cs_buf_cstr(err), *nl;
	size_t n, m;
	while (*p) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		for (m = n; m && is_space(p[m - 1]); m--)
			;
		if (m && !starts_with(p, m, "Signing data on standard input") &&
		    !starts_with(p, m, "Signing file ") &&
		    !starts_with(p, m, "Write signature to ")) {
			excerpt(out, size, p, m);
			return;
		}
		p += n + (nl != NULL);
	}
	out[0] = '\0';
}

static int armored(const cs_buf *b)
{
	size_t e = sizeof(SIG_END) - 1;
	return starts_with(b->ptr ? b->ptr : "", b->len, SIG_BEGIN) &&
	       b->len >= sizeof(SIG_BEGIN) - 1 + e && !memcmp(b->ptr + b->len - e, SIG_END, e);
}

/* ssh-keygen -Y sign; what names the key in messages. */
static int keygen_sign(const char *keyfile, int agent_only, const char *what,
		       const char *data, size_t len, cs_buf *sig)
{
	/* -P '': a key with a passphrase fails at once, it is never asked for */
	char *argv[] = { "ssh-keygen", "-Y", "sign", "-n", NAMESPACE, "-P", "",
			 "-f", (char *)keyfile, agent_only ? "-U" : NULL, NULL };
	cs_buf out = CS_BUF_INIT, err = CS_BUF_INIT;
	char line[256];
	int in = -1, status = 0, error;

	if ((error = data_file(data, len, &in)) < 0)
		goto cleanup;
	if ((error = run_ssh_keygen(argv, in, &out, &err, &status)) < 0)
		goto cleanup;
	if (status != 0) {
		first_line(&err, line, sizeof(line));
		if (line[0])
			error = cs_error_set(CS_EDATA, "cannot sign with %s: %s", what, line);
		else
			error = cs_error_set(CS_EDATA, "cannot sign with %s: ssh-keygen exited "
					     "with status %d", what, status);
		goto cleanup;
	}
	if (!armored(&out)) {
		error = cs_error_set(CS_EDATA, "cannot sign with %s: ssh-keygen wrote no "
				     "SSH signature", what);
		goto cleanup;
	}
	cs_buf_free(sig);
	*sig = out;
	cs_buf_init(&out);

cleanup:
	if (in >= 0)
		close(in);
	cs_buf_free(&out);
	cs_buf_free(&err);
	return error;
}

int cs_ssh_sign(const char *keyfile, const char *data, size_t len, cs_buf *sig)
{
	cs_buf what = CS_BUF_INIT;
	int error;
	if (!keyfile || !*keyfile || (!data && len) || !sig)
		return cs_error_set(CS_EUSAGE, "cs_ssh_sign: no key file, data or signature buffer");
	if ((error = cs_buf_printf(&what, "'%s'", keyfile)) < 0)
		goto cleanup;
	error = keygen_sign(keyfile, 0, what.ptr, data, len, sig);

cleanup:
	cs_buf_free(&what);
	return error;
}

int cs_ssh_sign_with_agent(const char *pubkey_line, const char *data, size_t len,
			   cs_buf *sig)
{
	cs_buf key = CS_BUF_INIT, fp = CS_BUF_INIT, path = CS_BUF_INIT, what = CS_BUF_INIT;
	int error;
	if (!pubkey_line || (!data && len) || !sig)
		return cs_error_set(CS_EUSAGE, "cs_ssh_sign_with_agent: no key, data or "
				    "signature buffer");
	if ((error = cs_sshkey_parse(pubkey_line, strlen(pubkey_line), &key, &fp)) < 0 ||
	    (error = cs_buf_putc(&key, '\n')) < 0 ||
	    (error = cs_buf_printf(&what, "key %s through ssh-agent", fp.ptr)) < 0)
		goto cleanup;
	if ((error = temp_write(&path, key.ptr, key.len)) < 0)
		goto cleanup;
	error = keygen_sign(path.ptr, 1, what.ptr, data, len, sig);

cleanup:
	if (path.len)
		unlink(path.ptr);
	cs_buf_free(&key);
	cs_buf_free(&fp);
	cs_buf_free(&path);
	cs_buf_free(&what);
	return error;
}

/* The principal as ssh-keygen sees it: hex of its bytes, so that white space,
 * commas, quotes, wildcards and newlines in a name are never syntax in the
 * allowed_signers file or a pattern for -I. */
static int principal_token(cs_buf *out, const char *principal)
{
	const unsigned char *p;
	int error;
	for (p = (const unsigned char *)principal; *p; p++)
		if ((error = cs_buf_printf(out, "%02x", *p)) < 0)
			return error;
	return 0;
}

int cs_ssh_verify(const char *principal, const char *pubkey_line, const char *data,
		  size_t len, const char *sig)
{
	char *argv[] = { "ssh-keygen", "-Y", "verify", "-f", NULL, "-I", NULL,
			 "-n", NAMESPACE, "-s", NULL, NULL };
	cs_buf key = CS_BUF_INIT, id = CS_BUF_INIT, line = CS_BUF_INIT;
	cs_buf allowed = CS_BUF_INIT, sigfile = CS_BUF_INIT;
	cs_buf out = CS_BUF_INIT, err = CS_BUF_INIT;
	int in = -1, status = 0, error;

	if (!principal || !*principal)
		return cs_error_set(CS_EUSAGE, "cs_ssh_verify: no principal");
	if (!pubkey_line || (!data && len) || !sig)
		return cs_error_set(CS_EUSAGE, "cs_ssh_verify: no key, data or signature");
	if ((error = cs_sshkey_parse(pubkey_line, strlen(pubkey_line), &key, NULL)) < 0 ||
	    (error = principal_token(&id, principal)) < 0 ||
	    (error = cs_buf_printf(&line, "%s namespaces=\"" NAMESPACE "\" %s\n", id.ptr,
				   key.ptr)) < 0)
		goto cleanup;
	if ((error = temp_write(&allowed, line.ptr, line.len)) < 0 ||
	    (error = temp_write(&sigfile, sig, strlen(sig))) < 0 ||
	    (error = data_file(data, len, &in)) < 0)
		goto cleanup;
	argv[4] = allowed.ptr;
	argv[6] = id.ptr;
	argv[10] = sigfile.ptr;
	if ((error = run_ssh_keygen(argv, in, &out, &err, &status)) < 0)
		goto cleanup;
	error = status == 0;

cleanup:
	if (in >= 0)
		close(in);
	if (allowed.len)
		unlink(allowed.ptr);
	if (sigfile.len)
		unlink(sigfile.ptr);
	cs_buf_free(&key);
	cs_buf_free(&id);
	cs_buf_free(&line);
	cs_buf_free(&allowed);
	cs_buf_free(&sigfile);
	cs_buf_free(&out);
	cs_buf_free(&err);
	return error;
}
