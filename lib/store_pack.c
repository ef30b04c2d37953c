/* Packing the loose objects that one-commit writes leave behind (DESIGN 9):
 * when objects/17/ suggests more than CS_PACK_LOOSE loose objects (default
 * 2048, estimated as git gc --auto does; 0: after every write), every loose object goes into one
 * new pack (git_packbuilder) and, once the pack and its index are written,
 * the loose copies are removed (as git prune-packed does). Nothing is
 * pruned: an object no commit reaches is packed all the same, so a write in
 * flight in another process loses nothing. A failure leaves the loose
 * objects as they were. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "store_impl.h"

/* CS_PACK_LOOSE: the estimate of loose objects above which a write packs
 * them; 0 packs after every write (the tests). */
static long loose_limit(void)
{
	const char *env = getenv("CS_PACK_LOOSE");
	long v = env && *env ? strtol(env, NULL, 10) : 2048;
	return v >= 0 ? v : 2048;
}

static int is_hex(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!strchr("0123456789abcdef", s[i]) || !s[i])
			return 0;
	return 1;
}

/* The loose objects in objects/<xx>/ (each name 38 hex digits). */
static long count_dir(const char *objects, int fan)
{
	char dir[4096];
	struct dirent *d;
	long n = 0;
	DIR *dp;
	snprintf(dir, sizeof(dir), "%s%02x", objects, fan);
	if (!(dp = opendir(dir)))
		return 0;
	while ((d = readdir(dp)))
		if (strlen(d->d_name) == 38 && is_hex(d->d_name, 38))
			n++;
	closedir(dp);
	return n;
}

typedef struct {
	git_oid *v;
	size_t n, cap;
} oids;

static int collect(const char *objects, oids *out)
{
	char dir[4096], hex[41];
	struct dirent *d;
	int fan;
	for (fan = 0; fan < 256; fan++) {
		DIR *dp;
		snprintf(dir, sizeof(dir), "%s%02x", objects, fan);
		if (!(dp = opendir(dir)))
			continue;
		while ((d = readdir(dp))) {
			if (strlen(d->d_name) != 38 || !is_hex(d->d_name, 38))
				continue;
			if (out->n == out->cap) {
				size_t cap = out->cap ? out->cap * 2 : 1024;
				git_oid *grown = cs_realloc(out->v, cap * sizeof(*grown));
				if (!grown) {
					closedir(dp);
					return CS_ENOMEM;
				}
				out->v = grown;
				out->cap = cap;
			}
			snprintf(hex, sizeof(hex), "%02x%.38s", fan, d->d_name);
			if (git_oid_fromstr(&out->v[out->n], hex) == 0)
				out->n++;
		}
		closedir(dp);
	}
	return 0;
}

int store_pack_loose(cs_store *s, int force)
{
	git_packbuilder *pb = NULL;
	git_odb *odb = NULL;
	cs_buf objects = CS_BUF_INIT, path = CS_BUF_INIT;
	oids loose = { NULL, 0, 0 };
	size_t i;
	int error = 0;
	if ((error = cs_buf_printf(&objects, "%sobjects/", s->gitdir)) < 0)
		goto cleanup;
	if (!force && loose_limit() > 0 && count_dir(objects.ptr, 0x17) * 256 <= loose_limit())
		goto cleanup;
	if ((error = collect(objects.ptr, &loose)) < 0 || loose.n == 0)
		goto cleanup;
	if (git_packbuilder_new(&pb, s->repo) < 0) {
		error = store_git_fail(CS_EIO, "cannot pack the loose objects");
		goto cleanup;
	}
	git_packbuilder_set_threads(pb, 1);
	for (i = 0; i < loose.n; i++)
		if (git_packbuilder_insert(pb, &loose.v[i], NULL) < 0) {
			error = store_git_fail(CS_EIO, "cannot pack the loose objects");
			goto cleanup;
		}
	if (git_packbuilder_write(pb, NULL, 0, NULL, NULL) < 0) {
		error = store_git_fail(CS_EIO, "cannot write a pack of the loose objects");
		goto cleanup;
	}
	/* the pack and its index are in place: the loose copies can go */
	for (i = 0; i < loose.n; i++) {
		char hex[41];
		git_oid_tostr(hex, sizeof(hex), &loose.v[i]);
		cs_buf_clear(&path);
		if (cs_buf_printf(&path, "%s%.2s/%s", objects.ptr, hex, hex + 2) == 0)
			unlink(path.ptr);
	}
	if (git_repository_odb(&odb, s->repo) == 0)
		git_odb_refresh(odb);
cleanup:
	git_error_clear();
	git_odb_free(odb);
	git_packbuilder_free(pb);
	free(loose.v);
	cs_buf_free(&objects);
	cs_buf_free(&path);
	return error;
}
