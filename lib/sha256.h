/* SHA-256 (FIPS 180-4), for SSH key fingerprints; FNV-1a, for the checksums
 * that only tell one text from another (the cache, the schemas' stamp). */
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

/* FNV-1a (64 bits) of data[0..len), going on from h (CS_FNV_INIT to start). */
#define CS_FNV_INIT 14695981039346656037ULL
uint64_t cs_fnv1a(const void *data, size_t len, uint64_t h);

#endif
