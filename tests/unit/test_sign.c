/* sign: SHA-256, SSH public key lines, and signatures through ssh-keygen. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "error.h"
#include "sha256.h"
#include "sign.h"

#define DATA "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n" \
	"author t <t@example.org> 1760000000 +0800\n\nsign-off 2026-10\n"
#define PASSPHRASE "secret"

struct fixture {
	char dir[256];     /* keys, agent socket, fake programs */
	char tmp[300];     /* $TMPDIR of the module: empty after each call */
	char path[1024];   /* $PATH as the tests found it */
	pid_t agent;
};

static struct fixture fx;

/* ---- helpers ---- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int run(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int st;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Output of a shell command, trailing newline dropped. */
static char *capture(const char *fmt, ...)
{
	char cmd[4096], chunk[512];
	cs_buf out = CS_BUF_INIT;
	size_t n;
	FILE *p;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		assert_int_equal(cs_buf_put(&out, chunk, n), 0);
	pclose(p);
	while (out.len && out.ptr[out.len - 1] == '\n')
		out.ptr[--out.len] = '\0';
	assert_int_equal(cs_buf_puts(&out, ""), 0);
	return cs_buf_detach(&out);
}

static char *path_of(const char *name)
{
	cs_buf b = CS_BUF_INIT;
	assert_int_equal(cs_buf_printf(&b, "%s/%s", fx.dir, name), 0);
	return cs_buf_detach(&b);
}

static char *read_text(const char *name)
{
	cs_buf b = CS_BUF_INIT;
	char *p = path_of(name);
	assert_int_equal(cs_buf_read_file(&b, p, 0), 0);
	free(p);
	return cs_buf_detach(&b);
}

static void write_text(const char *name, const char *text, mode_t mode)
{
	char *p = path_of(name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(p, mode), 0);
	free(p);
}

/* The public key line of a key made in setup, newline dropped. */
static char *pub(const char *name)
{
	return capture("cat '%s/%s.pub'", fx.dir, name);
}

static void assert_tmp_empty(void)
{
	DIR *d = opendir(fx.tmp);
	struct dirent *e;
	int n = 0;
	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			print_error("left in $TMPDIR: %s\n", e->d_name);
			n++;
		}
	closedir(d);
	assert_int_equal(n, 0);
}

/* No ssh-keygen left unreaped (the agent, when one runs, is still alive). */
static void assert_no_zombie(void)
{
	pid_t r = waitpid(-1, NULL, WNOHANG);
	assert_true(r == 0 || (r == -1 && errno == ECHILD));
}

static void assert_not_a_key(const char *text, size_t len, const char *part)
{
	cs_buf key = CS_BUF_INIT, fp = CS_BUF_INIT;
	assert_int_equal(cs_sshkey_parse(text, len, &key, &fp), CS_EDATA);
	if (strncmp(cs_error_last(), "not an SSH public key: ", 23) || !strstr(cs_error_last(), part))
		fail_msg("'%.40s': message '%s', wanted '%s'", text, cs_error_last(), part);
	cs_buf_free(&key);
	cs_buf_free(&fp);
}

static char *sign_file(const char *name, const char *data, size_t len)
{
	cs_buf sig = CS_BUF_INIT;
	char *p = path_of(name);
	if (cs_ssh_sign(p, data, len, &sig) != 0)
		fail_msg("cs_ssh_sign %s: %s", name, cs_error_last());
	free(p);
	return cs_buf_detach(&sig);
}

static int verify(const char *principal, const char *key, const char *data, const char *sig)
{
	char *line = pub(key);
	int r = cs_ssh_verify(principal, line, data, strlen(data), sig);
	free(line);
	return r;
}

static int setup(void **state)
{
	static const char *const keys[][2] = {
		{ "alice", "-t ed25519" }, { "bob", "-t ed25519" }, { "rsa", "-t rsa -b 2048" },
		{ "ec256", "-t ecdsa -b 256" }, { "ec384", "-t ecdsa -b 384" },
		{ "ec521", "-t ecdsa -b 521" }, { "carol", "-t ed25519" },
	};
	const char *base = getenv("TMPDIR"), *path = getenv("PATH");
	size_t i;
	snprintf(fx.dir, sizeof(fx.dir), "%s/cs-test-sign.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(fx.dir))
		return -1;
	snprintf(fx.tmp, sizeof(fx.tmp), "%s/tmp", fx.dir);
	snprintf(fx.path, sizeof(fx.path), "%s", path ? path : "/usr/bin:/bin");
	if (mkdir(fx.tmp, 0700) < 0 || run("mkdir '%s/empty' '%s/fake' '%s/agent'", fx.dir,
					    fx.dir, fx.dir))
		return -1;
	for (i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (run("ssh-keygen -q %s -N '' -C '%s@example.org' -f '%s/%s'", keys[i][1],
			keys[i][0], fx.dir, keys[i][0]))
			return -1;
	if (run("ssh-keygen -q -t ed25519 -N " PASSPHRASE " -f '%s/locked'", fx.dir) ||
	    run("ssh-keygen -q -t ed25519 -N '' -f '%s/agent/k'", fx.dir))
		return -1;
	/* the module's temporary files go here, and nothing of the user's agent */
	setenv("TMPDIR", fx.tmp, 1);
	unsetenv("SSH_AUTH_SOCK");
	unsetenv("DISPLAY");
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	nftw(fx.dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* ---- SHA-256 ---- */

static void hex(char out[2 * CS_SHA256_LEN + 1], const unsigned char md[CS_SHA256_LEN])
{
	int i;
	for (i = 0; i < CS_SHA256_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static void assert_sha256(const char *data, size_t len, const char *want)
{
	unsigned char md[CS_SHA256_LEN];
	char got[2 * CS_SHA256_LEN + 1];
	cs_sha256(data, len, md);
	hex(got, md);
	assert_string_equal(got, want);
}

/* FIPS 180-2 appendix B: "abc", the 448-bit message, a million 'a'. */
/* FNV-1a 64 against its published vectors, and going on from a prefix. */
static void fnv1a_matches_its_vectors(void **state)
{
	(void)state;
	assert_true(cs_fnv1a("", 0, CS_FNV_INIT) == 0xcbf29ce484222325ULL);
	assert_true(cs_fnv1a("a", 1, CS_FNV_INIT) == 0xaf63dc4c8601ec8cULL);
	assert_true(cs_fnv1a("foobar", 6, CS_FNV_INIT) == 0x85944171f73967e8ULL);
	assert_true(cs_fnv1a("bar", 3, cs_fnv1a("foo", 3, CS_FNV_INIT)) == 0x85944171f73967e8ULL);
}

static void sha256_matches_fips180_vectors(void **state)
{
	static const char m448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static const char million_a[] =
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
	unsigned char md[CS_SHA256_LEN];
	char got[2 * CS_SHA256_LEN + 1], *a;
	cs_sha256_ctx c;
	size_t i, n;
	(void)state;
	assert_sha256("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_sha256("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_sha256(m448, strlen(m448),
		      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	a = malloc(1000000);
	assert_non_null(a);
	memset(a, 'a', 1000000);
	assert_sha256(a, 1000000, million_a);
	/* fed in uneven pieces, one byte at a time now and then */
	cs_sha256_init(&c);
	for (i = 0; i < 1000000; i += n) {
		n = i % 3 ? 997 : 1;
		if (n > 1000000 - i)
			n = 1000000 - i;
		cs_sha256_update(&c, a + i, n);
	}
	cs_sha256_final(&c, md);
	hex(got, md);
	assert_string_equal(got, million_a);
	/* the lengths where the padding takes one block or spills into a second */
	assert_sha256(a, 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	assert_sha256(a, 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
	assert_sha256(a, 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
	free(a);
}

/* ---- public key lines ---- */

static void assert_parse_like_ssh_keygen(const char *file)
{
	cs_buf key = CS_BUF_INIT, fp = CS_BUF_INIT;
	char *text = capture("cat '%s'", file);
	char *want_key = capture("cut -d' ' -f1,2 '%s'", file);
	char *want_fp = capture("ssh-keygen -lf '%s' | cut -d' ' -f2", file);
	assert_int_equal(strncmp(want_fp, "SHA256:", 7), 0);
	assert_int_equal(cs_buf_puts(&key, "left over"), 0);
	if (cs_sshkey_parse(text, strlen(text), &key, &fp) != 0)
		fail_msg("%s: %s", file, cs_error_last());
	assert_string_equal(key.ptr, want_key);
	assert_string_equal(fp.ptr, want_fp);
	free(text);
	free(want_key);
	free(want_fp);
	cs_buf_free(&key);
	cs_buf_free(&fp);
}

static void put_string(cs_buf *b, const void *s, size_t n)
{
	unsigned char len[4] = { (unsigned char)(n >> 24), (unsigned char)(n >> 16),
				 (unsigned char)(n >> 8), (unsigned char)n };
	assert_int_equal(cs_buf_put(b, len, 4), 0);
	assert_int_equal(cs_buf_put(b, s, n), 0);
}

/* The decoded blob of a key made in setup. */
static void key_blob(cs_buf *raw, const char *from)
{
	char *p = path_of("blob");
	assert_int_equal(run("cut -d' ' -f2 '%s/%s.pub' | base64 -d > '%s'", fx.dir, from, p), 0);
	cs_buf_clear(raw);
	assert_int_equal(cs_buf_read_file(raw, p, 0), 0);
	free(p);
}

/* name.pub holding "type base64(blob) comment"; returns the line. */
static char *write_key(const char *name, const char *type, const cs_buf *blob)
{
	char *p = path_of("blob"), *b64, *line;
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(blob->ptr, 1, blob->len, f), blob->len);
	assert_int_equal(fclose(f), 0);
	b64 = capture("base64 -w0 < '%s'", p);
	free(capture("printf '%%s %%s made key\\n' '%s' '%s' > '%s/%s.pub'", type, b64, fx.dir,
		     name));
	line = pub(name);
	free(b64);
	free(p);
	return line;
}

/* A security key line made from the public point of an ordinary key: no
 * hardware needed, and ssh-keygen -l reads it. */
static void make_sk_key(const char *name, const char *type, const char *curve,
			const char *from, size_t point)
{
	cs_buf raw = CS_BUF_INIT, blob = CS_BUF_INIT;
	key_blob(&raw, from);
	assert_true(raw.len > point);
	put_string(&blob, type, strlen(type));
	if (curve)
		put_string(&blob, curve, strlen(curve));
	put_string(&blob, raw.ptr + raw.len - point, point);
	put_string(&blob, "ssh:", 4);
	free(write_key(name, type, &blob));
	cs_buf_free(&raw);
	cs_buf_free(&blob);
}

static void sshkey_parse_agrees_with_ssh_keygen(void **state)
{
	static const char *const names[] = { "alice", "rsa", "ec256", "ec384", "ec521",
					     "sk-ed", "sk-ec" };
	char *p;
	size_t i;
	(void)state;
	make_sk_key("sk-ed", "sk-ssh-ed25519@openssh.com", NULL, "alice", 32);
	make_sk_key("sk-ec", "sk-ecdsa-sha2-nistp256@openssh.com", "nistp256", "ec256", 65);
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		p = capture("echo '%s/%s.pub'", fx.dir, names[i]);
		assert_parse_like_ssh_keygen(p);
		free(p);
	}
}

static void assert_bad_blob(const char *name, const char *type, const cs_buf *blob,
			    const char *part)
{
	char *line = write_key(name, type, blob);
	assert_not_a_key(line, strlen(line), part);
	if (run("ssh-keygen -lf '%s/%s.pub' > /dev/null 2>&1", fx.dir, name) == 0)
		fail_msg("%s: ssh-keygen -l reads it", name);
	free(line);
}

/* Key data with a wrong layout, refused here as ssh-keygen refuses them. */
static void sshkey_parse_rejects_bad_key_data_as_ssh_keygen_does(void **state)
{
	static const unsigned char e[] = { 1, 0, 1 };
	unsigned char n[65];
	cs_buf raw = CS_BUF_INIT, b = CS_BUF_INIT;
	char point[65];
	(void)state;
	/* RSA: a 512-bit modulus, a negative modulus */
	memset(n, 0xab, sizeof(n));
	n[0] = 0;
	put_string(&b, "ssh-rsa", 7);
	put_string(&b, e, sizeof(e));
	put_string(&b, n, sizeof(n));
	assert_bad_blob("rsa512", "ssh-rsa", &b, "shorter than 1024 bits");
	cs_buf_clear(&b);
	key_blob(&raw, "rsa");
	assert_int_equal(cs_buf_put(&b, raw.ptr, raw.len - 4 - 257), 0);
	put_string(&b, raw.ptr + raw.len - 256, 256);   /* the 0 byte dropped */
	assert_bad_blob("rsa-neg", "ssh-rsa", &b, "bad RSA modulus");
	/* ECDSA: a compressed point, a point one byte short, another curve */
	key_blob(&raw, "ec256");
	memcpy(point, raw.ptr + raw.len - 65, 65);
	point[0] = 2;
	cs_buf_clear(&b);
	put_string(&b, "ecdsa-sha2-nistp256", 19);
	put_string(&b, "nistp256", 8);
	put_string(&b, point, 65);
	assert_bad_blob("ec-compressed", "ecdsa-sha2-nistp256", &b, "bad ECDSA point");
	point[0] = 4;
	cs_buf_clear(&b);
	put_string(&b, "ecdsa-sha2-nistp256", 19);
	put_string(&b, "nistp256", 8);
	put_string(&b, point, 64);
	assert_bad_blob("ec-short", "ecdsa-sha2-nistp256", &b, "bad ECDSA point");
	cs_buf_clear(&b);
	put_string(&b, "ecdsa-sha2-nistp384", 19);
	put_string(&b, "nistp256", 8);
	put_string(&b, point, 65);
	assert_bad_blob("ec-curve", "ecdsa-sha2-nistp384", &b, "the curve is not nistp384");
	/* Ed25519: 31 bytes; a security key without its application */
	key_blob(&raw, "alice");
	cs_buf_clear(&b);
	put_string(&b, "ssh-ed25519", 11);
	put_string(&b, raw.ptr + raw.len - 31, 31);
	assert_bad_blob("ed-short", "ssh-ed25519", &b, "bad Ed25519 key data");
	cs_buf_clear(&b);
	put_string(&b, "sk-ssh-ed25519@openssh.com", 26);
	put_string(&b, raw.ptr + raw.len - 32, 32);
	assert_bad_blob("sk-no-app", "sk-ssh-ed25519@openssh.com", &b, "application");
	cs_buf_free(&raw);
	cs_buf_free(&b);
}

static void sshkey_parse_drops_comment_and_white_space(void **state)
{
	cs_buf key = CS_BUF_INIT, fp = CS_BUF_INIT, want = CS_BUF_INIT;
	char *line = pub("alice"), *text, *b64 = strchr(line, ' ') + 1;
	(void)state;
	*strchr(b64, ' ') = '\0';
	text = capture("printf '\\n  ssh-ed25519\\t%s  Alice Wang 孙建国 (laptop) \\r\\n\\n'", b64);
	assert_int_equal(cs_sshkey_parse(text, strlen(text), &key, NULL), 0);
	assert_int_equal(cs_buf_printf(&want, "ssh-ed25519 %s", b64), 0);
	assert_string_equal(key.ptr, want.ptr);
	/* no comment at all, and the fingerprint alone */
	assert_int_equal(cs_sshkey_parse(want.ptr, want.len, NULL, &fp), 0);
	assert_int_equal(strncmp(fp.ptr, "SHA256:", 7), 0);
	assert_int_equal(fp.len, 7 + 43);
	free(text);
	free(line);
	cs_buf_free(&key);
	cs_buf_free(&fp);
	cs_buf_free(&want);
}

static void sshkey_parse_rejects_garbage(void **state)
{
	char *alice = pub("alice"), *rsa = pub("rsa"), *b64 = strchr(alice, ' ') + 1;
	char long_type[300];
	cs_buf t = CS_BUF_INIT;
	(void)state;
	*strchr(b64, ' ') = '\0';
	assert_not_a_key("", 0, "empty");
	assert_not_a_key(" \n\t\n", 4, "empty");
	assert_not_a_key("hello world", 11, "unknown key type 'hello'");
	assert_not_a_key("ssh-ed25519", 11, "no key data");
	assert_not_a_key("ssh-ed25519   ", 14, "no key data");
	assert_not_a_key("ssh-dss AAAAB3NzaC1kc3M= old", 28, "unknown key type 'ssh-dss'");
	assert_not_a_key("ssh-ed25519-cert-v01@openssh.com AAAA", 37, "unknown key type");
	assert_not_a_key("restrict ssh-ed25519 AAAA", 25, "unknown key type 'restrict'");
	assert_not_a_key("ssh-ed25519 not*base64", 22, "base64");
	assert_not_a_key("ssh-ed25519 AAAA=AAA", 20, "base64");
	assert_not_a_key("ssh-ed25519 QUJD====", 20, "base64");
	/* base64 cut short by a character: not a multiple of 4 */
	cs_buf_printf(&t, "ssh-ed25519 %.*s", (int)strlen(b64) - 1, b64);
	assert_not_a_key(t.ptr, t.len, "base64");
	/* cut by a group: good base64, a truncated key */
	cs_buf_clear(&t);
	cs_buf_printf(&t, "ssh-ed25519 %.*s", (int)strlen(b64) - 4, b64);
	assert_not_a_key(t.ptr, t.len, "Ed25519");
	/* an Ed25519 blob under another name, an RSA blob under Ed25519 */
	cs_buf_clear(&t);
	cs_buf_printf(&t, "ssh-rsa %s", b64);
	assert_not_a_key(t.ptr, t.len, "not those of a ssh-rsa key");
	cs_buf_clear(&t);
	cs_buf_printf(&t, "ssh-ed25519 %s", strchr(rsa, ' ') + 1);
	assert_not_a_key(t.ptr, t.len, "ssh-ed25519");
	cs_buf_clear(&t);
	cs_buf_printf(&t, "ecdsa-sha2-nistp384 %s", strchr(rsa, ' ') + 1);
	assert_not_a_key(t.ptr, t.len, "ecdsa-sha2-nistp384");
	/* bytes after the key */
	free(rsa);
	rsa = capture("printf 'ssh-ed25519 %%s' \"$( (cut -d' ' -f2 '%s/alice.pub' | base64 -d;"
		      " printf xyz) | base64 -w0)\"", fx.dir);
	assert_not_a_key(rsa, strlen(rsa), "bytes after the key data");
	/* pad bits that are not zero: one more key hidden in the same bytes */
	free(rsa);
	rsa = pub("ec256");
	cs_buf_clear(&t);
	cs_buf_printf(&t, "%.*s", (int)(strchr(rsa + 20, ' ') - rsa), rsa);
	assert_int_equal(t.ptr[t.len - 1], '=');
	assert_int_equal(cs_sshkey_parse(t.ptr, t.len, NULL, NULL), 0);
	t.ptr[t.len - 2] = t.ptr[t.len - 2] == 'z' ? '0' : t.ptr[t.len - 2] == '9' ? '+' :
			    t.ptr[t.len - 2] == 'Z' ? 'a' : (char)(t.ptr[t.len - 2] + 1);
	assert_not_a_key(t.ptr, t.len, "base64");
	/* a NUL inside the text */
	cs_buf_clear(&t);
	cs_buf_printf(&t, "ssh-ed25519 %s", b64);
	t.ptr[5] = '\0';
	assert_not_a_key(t.ptr, t.len, "NUL");
	/* a long token is cut in the message */
	memset(long_type, 'x', sizeof(long_type) - 1);
	long_type[sizeof(long_type) - 1] = '\0';
	assert_not_a_key(long_type, strlen(long_type), "xxx...");
	assert_true(strlen(cs_error_last()) < 120);
	free(alice);
	free(rsa);
	cs_buf_free(&t);
}

static void sshkey_parse_rejects_two_keys(void **state)
{
	char *two = capture("cat '%s/alice.pub' '%s/bob.pub'", fx.dir, fx.dir);
	cs_buf key = CS_BUF_INIT;
	(void)state;
	assert_not_a_key(two, strlen(two), "give one key");
	/* one key with blank lines after it is one key */
	assert_int_equal(run("printf '\\n\\n' >> '%s/carol.pub'", fx.dir), 0);
	free(two);
	two = read_text("carol.pub");
	assert_int_equal(cs_sshkey_parse(two, strlen(two), &key, NULL), 0);
	free(two);
	cs_buf_free(&key);
}

static void sshkey_parse_rejects_a_private_key(void **state)
{
	char *text = read_text("alice");
	(void)state;
	assert_non_null(strstr(text, "PRIVATE KEY"));
	assert_not_a_key(text, strlen(text), "private key");
	assert_not_a_key(text, strlen(text), ".pub");
	free(text);
	assert_int_equal(cs_sshkey_parse(NULL, 0, NULL, NULL), CS_EUSAGE);
}

/* ---- signing and verifying with ssh-keygen ---- */

static void sign_with_a_key_file_then_verify(void **state)
{
	static const char *const names[] = { "alice", "rsa", "ec256", "ec384", "ec521" };
	char *sig, *line;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		sig = sign_file(names[i], DATA, strlen(DATA));
		assert_int_equal(strncmp(sig, "-----BEGIN SSH SIGNATURE-----\n", 30), 0);
		assert_non_null(strstr(sig, "\n-----END SSH SIGNATURE-----\n"));
		assert_int_equal(sig[strlen(sig) - 1], '\n');
		if (verify("alice-wang", names[i], DATA, sig) != 1)
			fail_msg("%s: signature not valid: %s", names[i], cs_error_last());
		free(sig);
	}
	/* what git runs for gpg.format=ssh accepts it: namespace "git", the real principal */
	sig = sign_file("alice", DATA, strlen(DATA));
	write_text("data", DATA, 0600);
	write_text("data.sig", sig, 0600);
	line = pub("alice");
	assert_int_equal(run("printf 'alice@example.org namespaces=\"git\" %%s\\n' '%s' > "
			     "'%s/allowed'", line, fx.dir), 0);
	assert_int_equal(run("ssh-keygen -Y verify -f '%s/allowed' -I alice@example.org -n git "
			     "-s '%s/data.sig' < '%s/data' > /dev/null 2>&1", fx.dir, fx.dir, fx.dir), 0);
	assert_int_not_equal(run("ssh-keygen -Y verify -f '%s/allowed' -I alice@example.org "
				 "-n file -s '%s/data.sig' < '%s/data' > /dev/null 2>&1", fx.dir,
				 fx.dir, fx.dir), 0);
	free(line);
	free(sig);
	assert_tmp_empty();
	assert_no_zombie();
}

static void verify_rejects_another_key(void **state)
{
	char *sig = sign_file("alice", DATA, strlen(DATA));
	(void)state;
	assert_int_equal(verify("alice", "alice", DATA, sig), 1);
	assert_int_equal(verify("alice", "bob", DATA, sig), 0);
	assert_int_equal(verify("alice", "rsa", DATA, sig), 0);
	free(sig);
	assert_tmp_empty();
}

static void verify_rejects_tampered_data(void **state)
{
	char *sig = sign_file("alice", DATA, strlen(DATA));
	char *other = strdup(DATA);
	(void)state;
	assert_non_null(other);
	assert_int_equal(verify("alice", "alice", DATA, sig), 1);
	other[strlen(other) - 2] ^= 1;
	assert_int_equal(verify("alice", "alice", other, sig), 0);
	assert_int_equal(verify("alice", "alice", DATA "\n", sig), 0);
	assert_int_equal(verify("alice", "alice", "", sig), 0);
	free(other);
	free(sig);
	assert_tmp_empty();
}

static void verify_rejects_tampered_signature(void **state)
{
	char *sig = sign_file("alice", DATA, strlen(DATA));
	char *other = sign_file("alice", "other", 5);
	char *bad = strdup(sig), *body;
	(void)state;
	assert_non_null(bad);
	/* a character in the middle of the signature bytes */
	body = bad + 30 + 60;
	*body = *body == 'A' ? 'B' : 'A';
	assert_int_equal(verify("alice", "alice", DATA, bad), 0);
	/* cut short, garbage, nothing, the signature of other data */
	strcpy(bad, sig);
	bad[strlen(bad) / 2] = '\0';
	assert_int_equal(verify("alice", "alice", DATA, bad), 0);
	assert_int_equal(verify("alice", "alice", DATA, "garbage\n"), 0);
	assert_int_equal(verify("alice", "alice", DATA, ""), 0);
	assert_int_equal(verify("alice", "alice", DATA, other), 0);
	assert_int_equal(verify("alice", "alice", "other", other), 1);
	free(bad);
	free(other);
	free(sig);
	assert_tmp_empty();
}

static void verify_rejects_another_namespace(void **state)
{
	char *sig;
	(void)state;
	write_text("data", DATA, 0600);
	assert_int_equal(run("ssh-keygen -Y sign -n file -f '%s/alice' < '%s/data' > "
			     "'%s/file.sig' 2>/dev/null", fx.dir, fx.dir, fx.dir), 0);
	sig = read_text("file.sig");
	assert_int_equal(verify("alice", "alice", DATA, sig), 0);
	free(sig);
	assert_int_equal(run("ssh-keygen -Y sign -n git -f '%s/alice' < '%s/data' > "
			     "'%s/git.sig' 2>/dev/null", fx.dir, fx.dir, fx.dir), 0);
	sig = read_text("git.sig");
	assert_int_equal(verify("alice", "alice", DATA, sig), 1);
	free(sig);
}

/* An SSH signature names no principal: verifying for bob means with bob's
 * registered key, and alice's signature is not valid with it. */
static void verify_for_another_principal_uses_their_key(void **state)
{
	char *sig = sign_file("alice", DATA, strlen(DATA));
	(void)state;
	assert_int_equal(verify("bob", "bob", DATA, sig), 0);
	assert_int_equal(verify("alice", "alice", DATA, sig), 1);
	free(sig);
}

static void verify_for_a_chinese_principal(void **state)
{
	char *sig = sign_file("alice", DATA, strlen(DATA));
	(void)state;
	assert_int_equal(verify("孙建国", "alice", DATA, sig), 1);
	assert_int_equal(verify("孙建国", "bob", DATA, sig), 0);
	free(sig);
	assert_tmp_empty();
}

/* Characters that are syntax in allowed_signers or patterns for -I. */
static void verify_principals_are_not_syntax(void **state)
{
	static const char *const principals[] = {
		"wang li", "a,b", "*", "!alice", "a?c", "\"quoted\"", "two\nlines",
		"#hash", "namespaces=\"file\"", "王丽@example.org", "x\ty",
	};
	char *sig = sign_file("alice", DATA, strlen(DATA));
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(principals) / sizeof(*principals); i++)
		if (verify(principals[i], "alice", DATA, sig) != 1)
			fail_msg("principal '%s': not valid", principals[i]);
	assert_int_equal(verify("*", "bob", DATA, sig), 0);
	free(sig);
}

static void verify_argument_errors(void **state)
{
	char *sig = sign_file("alice", DATA, strlen(DATA));
	char *line = pub("alice");
	(void)state;
	assert_int_equal(cs_ssh_verify("", line, DATA, strlen(DATA), sig), CS_EUSAGE);
	assert_int_equal(cs_ssh_verify(NULL, line, DATA, strlen(DATA), sig), CS_EUSAGE);
	assert_int_equal(cs_ssh_verify("alice", line, DATA, strlen(DATA), NULL), CS_EUSAGE);
	assert_int_equal(cs_ssh_verify("alice", NULL, DATA, strlen(DATA), sig), CS_EUSAGE);
	assert_int_equal(cs_ssh_verify("alice", "ssh-ed25519 nope", DATA, strlen(DATA), sig),
			 CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "not an SSH public key"));
	free(line);
	free(sig);
	assert_tmp_empty();
}

/* Larger than any pipe buffer: no deadlock, every byte signed. */
static void sign_and_verify_large_data(void **state)
{
	size_t len = 8 * 1024 * 1024;
	char *data = malloc(len + 1), *sig, *line = pub("alice");
	size_t i;
	(void)state;
	assert_non_null(data);
	for (i = 0; i < len; i++)
		data[i] = (char)('a' + i % 26);
	data[len] = '\0';
	alarm(120);
	sig = sign_file("alice", data, len);
	assert_int_equal(cs_ssh_verify("alice", line, data, len, sig), 1);
	data[len - 1] ^= 1;
	assert_int_equal(cs_ssh_verify("alice", line, data, len, sig), 0);
	alarm(0);
	free(sig);
	sig = sign_file("alice", "", 0);
	assert_int_equal(cs_ssh_verify("alice", line, "", 0, sig), 1);
	assert_int_equal(cs_ssh_verify("alice", line, NULL, 0, sig), 1);
	free(sig);
	free(line);
	free(data);
	assert_tmp_empty();
	assert_no_zombie();
}

static void sign_fails_without_the_key(void **state)
{
	cs_buf sig = CS_BUF_INIT;
	char *p;
	(void)state;
	assert_int_equal(cs_ssh_sign("/nonexistent/key", DATA, strlen(DATA), &sig), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "/nonexistent/key"));
	assert_non_null(strstr(cs_error_last(), "No such file"));
	assert_null(strstr(cs_error_last(), "Signing data"));
	/* a public key file with no private half and no agent */
	assert_int_equal(run("cp '%s/bob.pub' '%s/empty/lonely.pub'", fx.dir, fx.dir), 0);
	p = path_of("empty/lonely.pub");
	assert_int_equal(cs_ssh_sign(p, DATA, strlen(DATA), &sig), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "No private key found"));
	assert_int_equal(unlink(p), 0);
	free(p);
	assert_int_equal(cs_ssh_sign("", DATA, strlen(DATA), &sig), CS_EUSAGE);
	assert_int_equal(cs_ssh_sign(NULL, DATA, strlen(DATA), &sig), CS_EUSAGE);
	assert_null(sig.ptr);
	assert_tmp_empty();
	assert_no_zombie();
}

static int agent_start(void **state)
{
	char sock[400];
	struct stat st;
	struct timespec pause = { 0, 10 * 1000 * 1000 };
	int i, null;
	(void)state;
	snprintf(sock, sizeof(sock), "%s/agent.sock", fx.dir);
	unlink(sock);
	if ((fx.agent = fork()) < 0)
		return -1;
	if (fx.agent == 0) {
		null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execlp("ssh-agent", "ssh-agent", "-D", "-a", sock, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 500 && !(stat(sock, &st) == 0 && S_ISSOCK(st.st_mode)); i++)
		nanosleep(&pause, NULL);
	setenv("SSH_AUTH_SOCK", sock, 1);
	return i < 500 ? 0 : -1;
}

static int agent_stop(void **state)
{
	(void)state;
	unsetenv("SSH_AUTH_SOCK");
	if (fx.agent > 0) {
		kill(fx.agent, SIGTERM);
		waitpid(fx.agent, NULL, 0);
		fx.agent = 0;
	}
	return 0;
}

static void sign_through_ssh_agent(void **state)
{
	cs_buf sig = CS_BUF_INIT;
	char *line = pub("agent/k"), *p = path_of("agent/k.pub"), *key = path_of("agent/k");
	char *own;
	(void)state;
	/* the agent runs but does not hold the key */
	assert_int_equal(cs_ssh_sign_with_agent(line, DATA, strlen(DATA), &sig), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "ssh-agent"));
	assert_non_null(strstr(cs_error_last(), "find key in agent"));
	assert_int_equal(run("ssh-add -q '%s' 2>/dev/null", key), 0);
	/* from now on only the agent has the private half */
	assert_int_equal(unlink(key), 0);
	assert_int_equal(cs_ssh_sign_with_agent(line, DATA, strlen(DATA), &sig), 0);
	assert_int_equal(cs_ssh_verify("agent user", line, DATA, strlen(DATA), sig.ptr), 1);
	assert_int_equal(verify("agent user", "alice", DATA, sig.ptr), 0);
	/* a public key file as user.signingkey */
	cs_buf_clear(&sig);
	assert_int_equal(cs_ssh_sign(p, DATA, strlen(DATA), &sig), 0);
	assert_int_equal(cs_ssh_verify("agent user", line, DATA, strlen(DATA), sig.ptr), 1);
	/* a private key file still signs by itself while an agent runs */
	own = sign_file("alice", DATA, strlen(DATA));
	assert_int_equal(verify("alice", "alice", DATA, own), 1);
	free(own);
	free(line);
	free(p);
	free(key);
	cs_buf_free(&sig);
	assert_tmp_empty();
	assert_no_zombie();
}

static void sign_with_agent_needs_an_agent(void **state)
{
	cs_buf sig = CS_BUF_INIT;
	char *line = pub("alice");
	(void)state;
	unsetenv("SSH_AUTH_SOCK");
	assert_int_equal(cs_ssh_sign_with_agent(line, DATA, strlen(DATA), &sig), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "through ssh-agent"));
	assert_non_null(strstr(cs_error_last(), "agent socket"));
	setenv("SSH_AUTH_SOCK", "/nonexistent/agent.sock", 1);
	assert_int_equal(cs_ssh_sign_with_agent(line, DATA, strlen(DATA), &sig), CS_EDATA);
	unsetenv("SSH_AUTH_SOCK");
	assert_int_equal(cs_ssh_sign_with_agent("ssh-ed25519 !!", DATA, strlen(DATA), &sig),
			 CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "not an SSH public key"));
	assert_null(sig.ptr);
	free(line);
	assert_tmp_empty();
	assert_no_zombie();
}

/* Run from a terminal with an askpass program that knows the passphrase, a
 * key with a passphrase must still fail, at once: no prompt on the terminal,
 * no askpass. */
static void sign_with_a_passphrase_key_fails_without_prompting(void **state)
{
	char *key = path_of("locked"), *marker = path_of("askpass-ran"), *askpass, *tty;
	char msg[1024] = "", out[256];
	int master, rep[2], r = 1, slave;
	struct pollfd pfd;
	ssize_t n;
	pid_t pid;
	(void)state;
	askpass = capture("printf '#!/bin/sh\\n: > \"%s\"\\necho " PASSPHRASE "\\n' > '%s/askpass'"
			  " && chmod 755 '%s/askpass' && echo '%s/askpass'", marker, fx.dir,
			  fx.dir, fx.dir);
	master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	tty = ptsname(master);
	assert_non_null(tty);
	assert_int_equal(pipe(rep), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		cs_buf sig = CS_BUF_INIT;
		close(rep[0]);
		/* a new session whose controlling terminal is the pty */
		setsid();
		if ((slave = open(tty, O_RDWR)) < 0)
			_exit(1);
		dup2(slave, 0);
		setenv("DISPLAY", ":0", 1);
		setenv("SSH_ASKPASS", askpass, 1);
		setenv("SSH_ASKPASS_REQUIRE", "force", 1);
		r = cs_ssh_sign(key, DATA, strlen(DATA), &sig);
		if (write(rep[1], &r, sizeof(r)) < 0 ||
		    write(rep[1], cs_error_last(), strlen(cs_error_last()) + 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(rep[1]);
	pfd.fd = rep[0];
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 30000) != 1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		fail_msg("cs_ssh_sign did not return within 30 s: it waits for a passphrase");
	}
	assert_int_equal(read(rep[0], &r, sizeof(r)), sizeof(r));
	n = read(rep[0], msg, sizeof(msg) - 1);
	msg[n > 0 ? n : 0] = '\0';
	close(rep[0]);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	if (r != CS_EDATA || !strstr(msg, "passphrase") || !strstr(msg, "locked"))
		fail_msg("signed or failed otherwise: %d '%s'", r, msg);
	assert_int_equal(access(marker, F_OK), -1);
	fcntl(master, F_SETFL, O_NONBLOCK);
	n = read(master, out, sizeof(out) - 1);
	if (n > 0) {
		out[n] = '\0';
		fail_msg("written on the terminal: '%s'", out);
	}
	close(master);
	free(askpass);
	free(marker);
	free(key);
	assert_tmp_empty();
}

static void without_ssh_keygen_not_found(void **state)
{
	cs_buf sig = CS_BUF_INIT;
	char *empty = path_of("empty"), *line = pub("alice"), *key = path_of("alice");
	(void)state;
	setenv("PATH", empty, 1);
	assert_int_equal(cs_ssh_sign(key, DATA, strlen(DATA), &sig), CS_ENOTFOUND);
	assert_non_null(strstr(cs_error_last(), "ssh-keygen"));
	assert_int_equal(cs_ssh_sign_with_agent(line, DATA, strlen(DATA), &sig), CS_ENOTFOUND);
	assert_int_equal(cs_ssh_verify("alice", line, DATA, strlen(DATA), "x"), CS_ENOTFOUND);
	setenv("PATH", fx.path, 1);
	assert_null(sig.ptr);
	free(empty);
	free(line);
	free(key);
	assert_tmp_empty();
	assert_no_zombie();
}

static int restore_env(void **state)
{
	(void)state;
	setenv("PATH", fx.path, 1);
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	unsetenv("SSH_ASKPASS_REQUIRE");
	unsetenv("SSH_AUTH_SOCK");
	alarm(0);
	return 0;
}

/* A stand-in ssh-keygen first in $PATH; $log is where it may write. */
static void fake_ssh_keygen(const char *body)
{
	cs_buf s = CS_BUF_INIT;
	char *log = path_of("fake.log"), *bin = path_of("fake");
	unlink(log);
	assert_int_equal(cs_buf_printf(&s, "#!/bin/sh\nPATH=/usr/bin:/bin\nlog='%s'\n%s", log,
				       body), 0);
	write_text("fake/ssh-keygen", s.ptr, 0755);
	setenv("PATH", bin, 1);
	cs_buf_free(&s);
	free(log);
	free(bin);
}

static void assert_logged(const char *log, const char *want)
{
	if (!strstr(log, want))
		fail_msg("'%s' not in the log:\n%s", want, log);
}

/* What the child gets: its arguments, an environment with no askpass and no
 * display, the whole data on stdin, and private files. */
static void ssh_keygen_gets_no_askpass_and_private_files(void **state)
{
	static const char fake[] =
		"{ echo \"args: $*\"\n"
		"  echo \"askpass=${SSH_ASKPASS_REQUIRE-unset} display=${DISPLAY-unset}"
		" wayland=${WAYLAND_DISPLAY-unset}\"\n"
		"  echo \"stdin=$(wc -c | tr -d ' ')\"\n"
		"  while [ $# -gt 0 ]; do\n"
		"    case $1 in -f|-s) echo \"file $1 $(stat -c %a \"$2\")\"; sed 's/^/> /' \"$2\";; esac\n"
		"    shift\n"
		"  done\n"
		"} >> \"$log\"\n"
		"printf -- '-----BEGIN SSH SIGNATURE-----\\nZmFrZQ==\\n-----END SSH SIGNATURE-----\\n'\n";
	cs_buf sig = CS_BUF_INIT, want = CS_BUF_INIT;
	char *line = pub("alice"), *log, *data = malloc(1 << 20);
	(void)state;
	assert_non_null(data);
	memset(data, 'd', 1 << 20);
	fake_ssh_keygen(fake);
	setenv("DISPLAY", ":0", 1);
	setenv("WAYLAND_DISPLAY", "wayland-0", 1);
	setenv("SSH_ASKPASS_REQUIRE", "force", 1);
	assert_int_equal(cs_ssh_sign_with_agent(line, data, 1 << 20, &sig), 0);
	assert_string_equal(sig.ptr, "-----BEGIN SSH SIGNATURE-----\nZmFrZQ==\n"
			    "-----END SSH SIGNATURE-----\n");
	assert_int_equal(cs_ssh_verify("孙建国", line, data, 1 << 20, sig.ptr), 1);
	log = read_text("fake.log");
	assert_logged(log, "args: -Y sign -n git -P  -f ");
	assert_logged(log, " -U\n");
	assert_logged(log, "askpass=never display=unset wayland=unset\n");
	assert_logged(log, "stdin=1048576\n");
	assert_logged(log, "file -f 600\n");
	*strrchr(line, ' ') = '\0';   /* the key without its comment */
	cs_buf_printf(&want, "\n> %s\n", line);
	assert_logged(log, want.ptr);
	/* the principal as hex, in -I and in the allowed_signers line */
	assert_logged(log, "args: -Y verify -f ");
	assert_logged(log, " -I e5ad99e5bbbae59bbd -n git -s ");
	cs_buf_clear(&want);
	cs_buf_printf(&want, "\n> e5ad99e5bbbae59bbd namespaces=\"git\" %s\n", line);
	assert_logged(log, want.ptr);
	assert_logged(log, "file -s 600\n> -----BEGIN SSH SIGNATURE-----\n> ZmFrZQ==\n");
	free(log);
	free(line);
	free(data);
	cs_buf_free(&sig);
	cs_buf_free(&want);
	assert_tmp_empty();
	assert_no_zombie();
}

/* Both pipes are read together: much on stderr before stdout does not block. */
static void ssh_keygen_output_is_read_without_deadlock(void **state)
{
	cs_buf sig = CS_BUF_INIT;
	char *key = path_of("alice");
	(void)state;
	fake_ssh_keygen("head -c 300000 /dev/zero | tr '\\0' e >&2\n"
			"head -c 300000 /dev/zero | tr '\\0' o\nexit 3\n");
	alarm(60);
	assert_int_equal(cs_ssh_sign(key, DATA, strlen(DATA), &sig), CS_EDATA);
	alarm(0);
	assert_non_null(strstr(cs_error_last(), "eeee..."));
	assert_true(strlen(cs_error_last()) < 400);
	assert_null(sig.ptr);
	free(key);
	assert_tmp_empty();
	assert_no_zombie();
}

/* The message is ssh-keygen's first line after its progress note, or its
 * exit status; a signal is no answer about the signature. */
static void ssh_keygen_failures_reported(void **state)
{
	cs_buf sig = CS_BUF_INIT, want = CS_BUF_INIT;
	char *key = path_of("alice"), *line = pub("alice");
	(void)state;
	fake_ssh_keygen("printf 'Signing data on standard input\\n\\nagent refused "
			"operation\\r\\nmore\\n' >&2\nexit 255\n");
	assert_int_equal(cs_ssh_sign(key, DATA, strlen(DATA), &sig), CS_EDATA);
	assert_int_equal(cs_buf_printf(&want, "cannot sign with '%s': agent refused operation",
				       key), 0);
	assert_string_equal(cs_error_last(), want.ptr);
	fake_ssh_keygen("exit 255\n");
	assert_int_equal(cs_ssh_sign(key, DATA, strlen(DATA), &sig), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "exited with status 255"));
	assert_int_equal(cs_ssh_verify("alice", line, DATA, strlen(DATA), "x"), 0);
	fake_ssh_keygen("echo 'Signing data on standard input' >&2\necho not a signature\n");
	assert_int_equal(cs_ssh_sign(key, DATA, strlen(DATA), &sig), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "no SSH signature"));
	fake_ssh_keygen("head -c 3000000 /dev/zero\n");
	assert_int_equal(cs_ssh_sign(key, DATA, strlen(DATA), &sig), CS_EDATA);
	assert_non_null(strstr(cs_error_last(), "more than"));
	fake_ssh_keygen("kill -9 $$\n");
	assert_int_equal(cs_ssh_sign(key, DATA, strlen(DATA), &sig), CS_ESOFTWARE);
	assert_non_null(strstr(cs_error_last(), "signal 9"));
	assert_int_equal(cs_ssh_verify("alice", line, DATA, strlen(DATA), "x"), CS_ESOFTWARE);
	assert_null(sig.ptr);
	free(key);
	cs_buf_free(&want);
	free(line);
	assert_tmp_empty();
	assert_no_zombie();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_matches_fips180_vectors),
		cmocka_unit_test(fnv1a_matches_its_vectors),
		cmocka_unit_test(sshkey_parse_agrees_with_ssh_keygen),
		cmocka_unit_test(sshkey_parse_rejects_bad_key_data_as_ssh_keygen_does),
		cmocka_unit_test(sshkey_parse_drops_comment_and_white_space),
		cmocka_unit_test(sshkey_parse_rejects_garbage),
		cmocka_unit_test(sshkey_parse_rejects_two_keys),
		cmocka_unit_test(sshkey_parse_rejects_a_private_key),
		cmocka_unit_test(sign_with_a_key_file_then_verify),
		cmocka_unit_test(verify_rejects_another_key),
		cmocka_unit_test(verify_rejects_tampered_data),
		cmocka_unit_test(verify_rejects_tampered_signature),
		cmocka_unit_test(verify_rejects_another_namespace),
		cmocka_unit_test(verify_for_another_principal_uses_their_key),
		cmocka_unit_test(verify_for_a_chinese_principal),
		cmocka_unit_test(verify_principals_are_not_syntax),
		cmocka_unit_test(verify_argument_errors),
		cmocka_unit_test_teardown(sign_and_verify_large_data, restore_env),
		cmocka_unit_test(sign_fails_without_the_key),
		cmocka_unit_test_setup_teardown(sign_through_ssh_agent, agent_start, agent_stop),
		cmocka_unit_test_teardown(sign_with_agent_needs_an_agent, restore_env),
		cmocka_unit_test(sign_with_a_passphrase_key_fails_without_prompting),
		cmocka_unit_test_teardown(without_ssh_keygen_not_found, restore_env),
		cmocka_unit_test_teardown(ssh_keygen_gets_no_askpass_and_private_files, restore_env),
		cmocka_unit_test_teardown(ssh_keygen_output_is_read_without_deadlock, restore_env),
		cmocka_unit_test_teardown(ssh_keygen_failures_reported, restore_env),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
