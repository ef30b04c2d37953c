/* The record tree: what the YAML loader builds and the emitter writes.
 * A node is a scalar, a sequence or a mapping (keys in document order). */
#ifndef CS_NODE_H
#define CS_NODE_H

#include <stddef.h>

#include "buf.h"

typedef enum {
	CS_NODE_SCALAR,
	CS_NODE_SEQ,
	CS_NODE_MAP
} cs_node_type;

/* What a scalar means under the YAML 1.2 core schema (JSON types). */
typedef enum {
	CS_SCALAR_NULL,    /* plain "", ~, null, Null, NULL */
	CS_SCALAR_BOOL,    /* plain true/false (any of true, True, TRUE) */
	CS_SCALAR_INT,     /* plain [-+]?[0-9]+, 0o.., 0x.. */
	CS_SCALAR_FLOAT,   /* plain decimal/exponent numbers, .inf, .nan */
	CS_SCALAR_STRING   /* everything else, and every quoted or block scalar */
} cs_scalar_kind;

typedef struct cs_node cs_node;

typedef struct {
	char *key;
	cs_node *value;
} cs_pair;

/* Laid out small (a loaded month holds a hundred thousand, 40 bytes each):
 * the pointers first (a sequence's items and a mapping's pairs share one),
 * then the sizes and the line, then the three one-byte fields. A scalar is
 * at most UINT_MAX bytes, a collection at most UINT_MAX long. */
struct cs_node {
	/* scalar */
	char *str;           /* NUL-terminated; len excludes the NUL */
	union {
		cs_node **items; /* sequence */
		cs_pair *pairs;  /* mapping */
	};
	unsigned int len;
	unsigned int count;  /* items or pairs */
	unsigned int cap;
	unsigned int line;   /* 1-based line in the source; 0 when built in memory */
	unsigned char type;  /* a cs_node_type */
	unsigned char plain; /* 1: plain (unquoted) style in the source */
	unsigned char block; /* 1: the root of a tree made in one allocation
			      * (cs_node_unpack), 2: a node inside one; such a
			      * tree is read-only, freed whole through its root */
};

/* Constructors (NULL on out of memory, with cs_error_last set). */
cs_node *cs_node_new_map(void);
cs_node *cs_node_new_seq(void);
/* A string scalar (never plain: always means a string). */
cs_node *cs_node_new_str(const char *s);
cs_node *cs_node_new_strn(const char *s, size_t len);
/* A plain scalar: its text is read by the core schema (int, bool, null...). */
cs_node *cs_node_new_plain(const char *s);
cs_node *cs_node_new_int(long long v);
cs_node *cs_node_new_bool(int v);
cs_node *cs_node_new_null(void);
void cs_node_free(cs_node *n);
cs_node *cs_node_dup(const cs_node *n);

/* Mapping access: the value for key, or NULL. */
cs_node *cs_node_get(const cs_node *map, const char *key);
/* The string of a scalar value for key, or NULL (also NULL for a null scalar). */
const char *cs_node_get_str(const cs_node *map, const char *key);
/* Set key to value (takes ownership; replaces an existing value in place,
 * else appends). Returns 0 or CS_ENOMEM, also for a NULL value (one that
 * cs_node_new_* could not make). */
int cs_node_set(cs_node *map, const char *key, cs_node *value);
int cs_node_set_str(cs_node *map, const char *key, const char *value);
/* Remove key; returns 1 when it was there, 0 when not, CS_ESOFTWARE in an
 * unpacked (read-only) tree. */
int cs_node_remove(cs_node *map, const char *key);
/* Remove key and hand its value to the caller (who frees it); NULL when key
 * is not there or the tree is unpacked (read-only). */
cs_node *cs_node_take(cs_node *map, const char *key);
/* Append to a sequence (takes ownership); CS_ENOMEM for a NULL item. */
int cs_node_push(cs_node *seq, cs_node *item);

/* How the core schema reads a scalar. */
cs_scalar_kind cs_node_scalar_kind(const cs_node *n);
/* Integer value of an INT scalar (or a FLOAT with integral value); 0 or CS_EDATA. */
int cs_node_int(const cs_node *n, long long *out);
/* Numeric value of INT or FLOAT; 0 or CS_EDATA. */
int cs_node_number(const cs_node *n, double *out);
/* 1 when the scalar is boolean true. */
int cs_node_true(const cs_node *n);

/* A compact binary form of a tree, lines and styles kept (the snapshot's
 * cache): pack appends n to b; unpack reads one tree from *p (moved past it),
 * CS_EDATA when [*p, end) does not hold one. Varints: the lengths in it. */
int cs_node_pack(const cs_node *n, cs_buf *b);
/* (A tree unpacked is one allocation: read it, copy it with cs_node_dup to
 * change it, free it with cs_node_free of its root.) */
int cs_node_unpack(const char **p, const char *end, cs_node **out);
/* The same, its strings and keys not copied but pointing into [*p, end),
 * which must not change and must outlive the tree (a mapped cache file
 * the snapshot holds). */
int cs_node_unpack_borrowed(const char **p, const char *end, cs_node **out);
int cs_varint_put(cs_buf *b, size_t v);
/* A tree written straight into its packed form, for one made in bulk (a
 * report's items: cs_node_unpack then makes it one allocation): a mapping
 * of count pairs, each a key then its value; a string scalar (NULL: a
 * null); a sequence, its length known after its items: open it, pack the
 * items, close it with their count (at: where open put it). Line 0
 * throughout. */
int cs_pack_map(cs_buf *b, size_t count);
int cs_pack_seq_open(cs_buf *b, size_t *at);
void cs_pack_seq_close(cs_buf *b, size_t at, size_t count);
int cs_pack_key(cs_buf *b, const char *key);
int cs_pack_str(cs_buf *b, const char *s, size_t len);
int cs_pack_cstr(cs_buf *b, const char *s);
int cs_varint_get(const char **p, const char *end, size_t *v);

/* Deep equality by JSON meaning (1 = 1.0, key order ignored). */
int cs_node_equal(const cs_node *a, const cs_node *b);

#endif
