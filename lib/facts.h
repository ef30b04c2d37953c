/* An entry's facts without its record (facts.c): the form a figures load
 * (cs_snapshot_load_figures) keeps in the cache of a month folder. */
#ifndef CS_FACTS_H
#define CS_FACTS_H

#include "buf.h"
#include "snapshot_impl.h"

/* Append e (its path and record left out) to out. */
int cs_facts_put(cs_buf *out, const cs_entry *e);
/* The facts at *p (moved past them) into e, whose strings then point into
 * [*p, end): the buffer must outlive e. CS_EDATA when [*p, end) does not
 * begin with facts of an entry of a work-log or meeting kind. */
int cs_facts_get(const char **p, const char *end, cs_entry *e);

/* A string (NULL or one with its NUL) in the form facts hold theirs, and
 * read back pointing into [*p, end): CS_EDATA when it is not one there. */
int cs_facts_put_str(cs_buf *out, const char *s);
int cs_facts_get_str(const char **p, const char *end, const char **s);

#endif
