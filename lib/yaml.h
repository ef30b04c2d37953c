/* YAML loading and emitting (libyaml) for records.
 * The loader rejects what a record must never hold: aliases and anchors,
 * duplicate keys, non-UTF-8, documents over 1 MiB, nesting over 64 levels,
 * more than one document; tags other than the core ones (!!str, !!int...).
 * Errors carry "file:line: why". */
#ifndef CS_YAML_H
#define CS_YAML_H

#include <stddef.h>

#include "buf.h"
#include "node.h"

#define CS_YAML_MAX_BYTES (1024 * 1024)
#define CS_YAML_MAX_DEPTH 64

/* Load one document from data; name is used in messages (a path, "-", ...).
 * An empty stream gives *out == NULL and returns 0.
 * Returns 0, or CS_EDATA with "name:line: why" in cs_error_last(). */
int cs_yaml_load(cs_node **out, const char *data, size_t len, const char *name);
int cs_yaml_load_file(cs_node **out, const char *path);

/* Key order for emitting mappings: given the path of keys from the root
 * ("" for the root mapping, "target" for the mapping under target, ...),
 * returns the rank of key (lower comes first) or -1 for "after the known
 * ones, in their own order", or a CS_E* code below -1 when the rank cannot
 * be told (the emit fails with it). NULL orders keep document order. */
typedef int (*cs_yaml_key_rank)(void *ctx, const char *path, const char *key);

/* Emit n as one block-style YAML document ("---" omitted) into out.
 * Every scalar that YAML 1.1 would read as anything but the string it is
 * (yes, no, on, off, y, n, null, ~, numbers, 0123, 1e3, dates, leading or
 * trailing spaces, ": ", " #", indicators...) is quoted; plain scalars that
 * are ints, bools or nulls stay plain. Same tree, same bytes. */
int cs_yaml_emit(cs_buf *out, const cs_node *n, cs_yaml_key_rank rank, void *ctx);

/* Write n as JSON (UTF-8, no escapes beyond what JSON requires).
 * indent 0: one line; >0: pretty with that many spaces. */
int cs_json_emit(cs_buf *out, const cs_node *n, int indent);
/* A JSON array written an item at a time, as cs_json_emit writes it whole:
 * item i (from 0), then the end after n of them; a long list is not held. */
int cs_json_emit_item(cs_buf *out, const cs_node *item, int indent, size_t i);
int cs_json_emit_end(cs_buf *out, int indent, size_t n);

#endif
