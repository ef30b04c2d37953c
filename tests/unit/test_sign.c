/* sign: SHA-256, the hash of SSH key fingerprints. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sha256.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_matches_fips180_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
