/* Residents' personal data (Art 15): masked wherever it is shown unless
 * the user asks --reveal (DESIGN 5, 7). */
#ifndef CS_MASK_H
#define CS_MASK_H

#include <stddef.h>

#include "buf.h"
#include "node.h"

/* 张三丰 -> 张**; 13912345678 -> 139****5678; a@b.cn -> a***@b.cn. */
int cs_mask_name(cs_buf *out, const char *name);
int cs_mask_contact(cs_buf *out, const char *contact);
/* s[0..len) with the mobile numbers (11 digits from 1) and ID-card numbers
 * (18 characters) in it masked: 139****5678, 310104********1234. */
int cs_mask_numbers(cs_buf *out, const char *s, size_t len);

/* Mask a record in place: a resident target's name, contact and ID number
 * (groups' and organisations' are not personal data), the names of
 * parties, clients, givers, a resident's request and a resident opposing
 * party, and the mobile and ID numbers written in any text. */
int cs_mask_record(cs_node *rec);
/* 1 when a flattened field name (target.name, parties) holds names or
 * contacts that cs_mask_record masks. */
int cs_mask_field(const char *field);

#endif
