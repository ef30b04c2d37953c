/* The cache of parsed folders: a file <gitdir>/cs-cache/<hash of dir> each,
 * "cs-cache 8\n" dir "\n" tree "\n" schemas "\n" length:u64 checksum:u64
 * payload, where schemas is the stamp of the store's schemas (the payload
 * carries their verdicts), written to a temporary file and renamed over
 * the folder's file of its earlier tree, mode 0600 (the records hold
 * personal data, Art 15). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "error.h"
#include "sha256.h"
#include "store_impl.h"

#define MAGIC "cs-cache 8\n"

/* The payload's checksum: FNV-1a's step over eight bytes at a time (a word
 * read as little-endian) in four lanes, one a word of each 32 bytes (no lane
 * waits on another's multiply), the lanes folded, then the bytes left; it
 * catches a torn or damaged file, it is no defence against one forged (see
 * cache.h). */
static uint64_t sum(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h[4] = { CS_FNV_INIT, CS_FNV_INIT ^ 1, CS_FNV_INIT ^ 2, CS_FNV_INIT ^ 3 }, r;
	int i;
	for (; len >= 32; p += 32, len -= 32)
		for (i = 0; i < 4; i++) {
			uint64_t w;
			memcpy(&w, p + 8 * i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			w = __builtin_bswap64(w);
#endif
			h[i] = (h[i] ^ w) * 1099511628211ULL;
			h[i] ^= h[i] >> 29;
		}
	for (r = h[0], i = 1; i < 4; i++) {
		r = (r ^ h[i]) * 1099511628211ULL;
		r ^= r >> 29;
	}
	return cs_fnv1a(p, len, r);
}

static void put64(unsigned char *out, uint64_t v)
{
	int i;
	for (i = 0; i < 8; i++)
		out[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get64(const unsigned char *in)
{
	uint64_t v = 0;
	int i;
	for (i = 7; i >= 0; i--)
		v = v << 8 | in[i];
	return v;
}

static int file_path(cs_store *s, const char *dir, cs_buf *path)
{
	return cs_buf_printf(path, "%scs-cache/%016llx", s->gitdir,
			     (unsigned long long)cs_fnv1a(dir, strlen(dir), CS_FNV_INIT));
}

static int header(cs_store *s, const char *dir, const char *tree, cs_buf *out)
{
	return cs_buf_printf(out, MAGIC "%s\n%s\n%016llx\n", dir, tree,
			     cs_schema_set_stamp(cs_store_schemas(s)));
}

/* n bytes of fd into p; 0 when it had them. */
static int read_all(int fd, char *p, size_t n)
{
	while (n) {
		ssize_t r = read(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

/* The payload of dir's file into v, mapped: for tree, or (tree NULL) for
 * whichever tree it was written for. Mapped, not read: no copy, and the
 * pages come in from the page cache at once (MAP_POPULATE); a file is only
 * ever replaced by a rename, never cut short in place, so the mapping holds
 * what was checked for as long as it is kept. */
static int get(cs_store *s, const char *dir, const char *tree, cs_cache_view *v)
{
	cs_buf path = CS_BUF_INIT, head = CS_BUF_INIT;
	char *got = NULL;
	void *map = MAP_FAILED;
	struct stat st;
	uint64_t len;
	size_t at;
	int fd = -1, error = CS_ENOTFOUND;
	/* the header written for another tree differs in the tree's 40
	 * characters only, after MAGIC and dir */
	if (!cs_store_cache_on(s) || (tree && strlen(tree) != 40) || file_path(s, dir, &path) < 0 ||
	    header(s, dir, tree ? tree : "0000000000000000000000000000000000000000", &head) < 0 ||
	    (fd = open(path.ptr, O_RDONLY | O_CLOEXEC)) < 0)
		goto done;
	at = strlen(MAGIC) + strlen(dir) + 1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size < head.len + 16 || (uint64_t)st.st_size > SIZE_MAX / 2 ||
	    !(got = cs_malloc(head.len + 16)) || read_all(fd, got, head.len + 16) < 0 ||
	    memcmp(got, head.ptr, at) || memcmp(got + at + 40, head.ptr + at + 40, head.len - at - 40) ||
	    (tree && memcmp(got + at, head.ptr + at, 40)))
		goto done;
	len = get64((const unsigned char *)got + head.len);
	if (len != (uint64_t)st.st_size - head.len - 16 ||
	    (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0)) ==
		    MAP_FAILED ||
	    get64((const unsigned char *)got + head.len + 8) !=
		    sum((const char *)map + head.len + 16, (size_t)len))
		goto done;
	cs_cache_view_free(v);
	v->map = map;
	v->maplen = (size_t)st.st_size;
	v->ptr = (const char *)map + head.len + 16;
	v->len = (size_t)len;
	map = MAP_FAILED;
	error = 0;
done:
	if (map != MAP_FAILED)
		munmap(map, (size_t)st.st_size);
	if (fd >= 0)
		close(fd);
	free(got);
	cs_buf_free(&path);
	cs_buf_free(&head);
	cs_error_clear();
	return error;
}

int cs_cache_get(cs_store *s, const char *dir, const char *tree, cs_cache_view *v)
{
	return get(s, dir, tree, v);
}

int cs_cache_get_earlier(cs_store *s, const char *dir, cs_cache_view *v)
{
	return get(s, dir, NULL, v);
}

void cs_cache_view_free(cs_cache_view *v)
{
	if (v->map)
		munmap(v->map, v->maplen);
	free(v->owned);
	*v = (cs_cache_view)CS_CACHE_VIEW_INIT;
}

void cs_cache_view_own(cs_cache_view *v, cs_buf *payload)
{
	size_t len = payload->len;
	cs_cache_view_free(v);
	v->owned = cs_buf_detach(payload);
	v->ptr = v->owned;
	v->len = v->owned ? len : 0;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int cs_cache_put(cs_store *s, const char *dir, const char *tree, const cs_buf *payload)
{
	cs_buf path = CS_BUF_INIT, tmp = CS_BUF_INIT, head = CS_BUF_INIT;
	unsigned char sizes[16];
	int fd = -1, ok = 0;
	if (!cs_store_cache_on(s) || strlen(tree) != 40 || file_path(s, dir, &path) < 0 ||
	    header(s, dir, tree, &head) < 0 || cs_buf_printf(&tmp, "%scs-cache", s->gitdir) < 0)
		goto done;
	if (mkdir(tmp.ptr, 0700) < 0 && errno != EEXIST)
		goto done;
	if (cs_buf_puts(&tmp, "/tmp-XXXXXX") < 0 || (fd = mkstemp(tmp.ptr)) < 0)
		goto done;
	put64(sizes, payload->len);
	put64(sizes + 8, sum(payload->ptr, payload->len));
	ok = write_all(fd, head.ptr, head.len) == 0 && write_all(fd, sizes, 16) == 0 &&
	     write_all(fd, payload->ptr, payload->len) == 0;
	ok = close(fd) == 0 && ok;
	fd = -1;
	ok = ok && rename(tmp.ptr, path.ptr) == 0;
	if (!ok)
		unlink(tmp.ptr);
done:
	if (fd >= 0) {
		close(fd);
		unlink(tmp.ptr);
	}
	cs_buf_free(&path);
	cs_buf_free(&tmp);
	cs_buf_free(&head);
	cs_error_clear();
	return ok ? 0 : -1;
}
