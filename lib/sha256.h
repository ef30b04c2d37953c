/* SHA-256 (FIPS 180-4), for SSH key fingerprints. */
#ifndef CS_SHA256_H
#define CS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define CS_SHA256_LEN 32

typedef struct {
	uint32_t h[8];
	uint64_t bytes;            /* hashed so far */
	unsigned char block[64];
	size_t used;               /* bytes waiting in block */
} cs_sha256_ctx;

void cs_sha256_init(cs_sha256_ctx *c);
void cs_sha256_update(cs_sha256_ctx *c, const void *data, size_t len);
/* Writes the digest; c must be initialised again before reuse. */
void cs_sha256_final(cs_sha256_ctx *c, unsigned char out[CS_SHA256_LEN]);
/* The digest of data[0..len) in one call. */
void cs_sha256(const void *data, size_t len, unsigned char out[CS_SHA256_LEN]);

#endif
