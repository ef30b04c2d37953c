/* The cache of parsed folders (DESIGN 9): a month folder of one community's
 * work log, read and parsed once, kept in the git directory (cs-cache/, one
 * file a folder) with its git tree id, so that a load after one new entry
 * parses one folder's one new file. A file there is used only when its
 * header names the same folder, tree id (or, for the folder's files whose
 * blob ids did not change, any: cs_cache_get_earlier), format and schemas
 * (cs_schema_set_stamp of the store's: the payload holds their verdicts) and
 * its checksum holds; anything else is a miss and the folder is read from the
 * objects again (and the file rewritten). Safe to delete at any time; never
 * written in a working-tree load. dir is the folder's path, or it with
 * "#figures" after it for a figures load's payload of the same folder
 * (snapshot.c). */
#ifndef CS_CACHE_H
#define CS_CACHE_H

#include "buf.h"
#include "store.h"

/* A payload kept: [ptr, ptr + len), read-only, in a mapping of its file
 * that holds until cs_cache_view_free. */
typedef struct {
	void *map;
	size_t maplen;
	char *owned;          /* or a payload made in memory (cs_cache_view_own) */
	const char *ptr;
	size_t len;
} cs_cache_view;
#define CS_CACHE_VIEW_INIT { NULL, 0, NULL, NULL, 0 }

/* The payload kept for dir at tree (hex) into v (its earlier one, if any,
 * freed): 0, or CS_ENOTFOUND (missing, corrupt, foreign or of another
 * format; v untouched). */
int cs_cache_get(cs_store *s, const char *dir, const char *tree, cs_cache_view *v);
/* Keep payload for dir at tree: best effort (a store that cannot be written
 * to just has no cache), never an error to the caller: 0 when kept, -1 when
 * not (what the caller may do besides depends on it). */
int cs_cache_put(cs_store *s, const char *dir, const char *tree, const cs_buf *payload);
/* The payload kept for dir at whichever tree it was kept for (one file a
 * folder: the last written), as cs_cache_get judges it otherwise: what a
 * load of a folder's new tree reuses of its files whose blob ids did not
 * change. */
int cs_cache_get_earlier(cs_store *s, const char *dir, cs_cache_view *v);
/* Unmapped (or freed); v is CS_CACHE_VIEW_INIT after (as it may be before). */
void cs_cache_view_free(cs_cache_view *v);
/* v (freed first) holding payload's bytes, taken from it (payload empty
 * after): a payload just made, held as one read from a file is. */
void cs_cache_view_own(cs_cache_view *v, cs_buf *payload);

#endif
