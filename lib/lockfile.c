/* The store's lock and its atomic files (DESIGN 4): cs.lock held for a
 * write, with EX_TEMPFAIL when it stays busy; every file written to a
 * temporary name, fsynced and renamed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "record.h"
#include "store_impl.h"
#include "yaml.h"

long long store_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long store_deadline_ms(void)
{
	const char *env = getenv("CS_LOCK_TIMEOUT_MS");
	long long ms = LOCK_TIMEOUT_MS;
	if (env && *env) {
		char *end;
		long long v = strtoll(env, &end, 10);
		if (*end == '\0' && v >= 0)
			ms = v;
	}
	return store_now_ms() + ms;
}

void store_nap(void)
{
	static unsigned seed;
	struct timespec ts;
	if (!seed)
		seed = (unsigned)getpid() ^ (unsigned)store_now_ms();
	ts.tv_sec = 0;
	ts.tv_nsec = (long)(1 + rand_r(&seed) % 10) * 1000000L;
	nanosleep(&ts, NULL);
}

/* Exclusive flock on <gitdir>/cs.lock, retried until the deadline. */
int store_lock_store(cs_store *s, long long deadline)
{
	cs_buf p = CS_BUF_INIT;
	int fd = -1, error = 0;
	if (s->lock_fd >= 0)
		return 0;
	if ((error = cs_buf_printf(&p, "%scs.lock", s->gitdir)) < 0)
		goto cleanup;
	fd = open(p.ptr, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0640);
	if (fd < 0) {
		error = cs_error_set(CS_EIO, "cannot open '%s': %s", p.ptr, strerror(errno));
		goto cleanup;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			error = cs_error_set(CS_EIO, "cannot lock '%s': %s", p.ptr, strerror(errno));
			goto cleanup;
		}
		if (store_now_ms() >= deadline) {
			error = cs_error_set(CS_EBUSY, "store is busy: '%s' is held by another command",
					     p.ptr);
			goto cleanup;
		}
		store_nap();
	}
	s->lock_fd = fd;
	fd = -1;
cleanup:
	if (fd >= 0)
		close(fd);
	cs_buf_free(&p);
	return error;
}

void store_unlock_store(cs_store *s)
{
	if (s->lock_fd >= 0) {
		close(s->lock_fd);
		s->lock_fd = -1;
	}
}

int store_valid_path(const char *path)
{
	const char *p = path, *seg;
	if (!path || !*path || *path == '/')
		return 0;
	while (*p) {
		size_t n;
		seg = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - seg);
		if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.') ||
		    (n == 4 && strncasecmp(seg, ".git", 4) == 0))
			return 0;
		if (*p == '/') {
			p++;
			if (!*p)
				return 0;
		}
	}
	return 1;
}

/* --- files ------------------------------------------------------------- */

int store_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int error = 0;
	if (fd < 0)
		return cs_error_set(CS_EIO, "cannot open '%s': %s", dir, strerror(errno));
	if (fsync(fd) < 0 && errno != EINVAL)
		error = cs_error_set(CS_EIO, "cannot sync '%s': %s", dir, strerror(errno));
	close(fd);
	return error;
}

/* Create the directories leading to root/rel, refusing symlinks on the way. */
int store_make_parents(const char *root, const char *rel)
{
	cs_buf p = CS_BUF_INIT;
	const char *slash;
	struct stat st;
	int error = 0;
	if ((error = cs_buf_puts(&p, root)) < 0)
		goto cleanup;
	for (const char *c = rel; (slash = strchr(c, '/')); c = slash + 1) {
		if ((error = cs_buf_put(&p, c, (size_t)(slash - c + 1))) < 0)
			goto cleanup;
		if (lstat(p.ptr, &st) == 0) {
			if (!S_ISDIR(st.st_mode)) {
				error = cs_error_set(CS_ECANTCREAT, "cannot create '%s%s': '%s' is not a directory",
						     root, rel, p.ptr);
				goto cleanup;
			}
			continue;
		}
		if (mkdir(p.ptr, 0750) < 0 && errno != EEXIST) {
			error = cs_error_set(CS_ECANTCREAT, "cannot create '%s': %s", p.ptr, strerror(errno));
			goto cleanup;
		}
	}
cleanup:
	cs_buf_free(&p);
	return error;
}

/* Write root/rel atomically: temp file beside it, fsync, rename, fsync dir. */
int store_write_file(const char *root, const char *rel, const char *data, size_t len,
		      mode_t mode)
{
	static unsigned counter;
	cs_buf path = CS_BUF_INIT, tmp = CS_BUF_INIT, dir = CS_BUF_INIT;
	int fd = -1, error = 0, tries = 0;
	const char *slash;
	if ((error = store_make_parents(root, rel)) < 0)
		goto cleanup;
	if ((error = cs_buf_printf(&path, "%s%s", root, rel)) < 0)
		goto cleanup;
	slash = strrchr(path.ptr, '/');
	if ((error = cs_buf_put(&dir, path.ptr, slash ? (size_t)(slash - path.ptr + 1) : 0)) < 0 ||
	    (dir.len == 0 && (error = cs_buf_puts(&dir, "./")) < 0))
		goto cleanup;
	do {
		cs_buf_clear(&tmp);
		if ((error = cs_buf_printf(&tmp, "%s.%s.%ld.%u.tmp", dir.ptr, slash ? slash + 1 : rel,
					   (long)getpid(), counter++)) < 0)
			goto cleanup;
		fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	} while (fd < 0 && errno == EEXIST && ++tries < 100);
	if (fd < 0) {
		error = cs_error_set(CS_ECANTCREAT, "cannot create '%s': %s", tmp.ptr, strerror(errno));
		goto cleanup;
	}
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error = cs_error_set(CS_EIO, "cannot write '%s': %s", tmp.ptr, strerror(errno));
			goto cleanup;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0) {
		error = cs_error_set(CS_EIO, "cannot sync '%s': %s", tmp.ptr, strerror(errno));
		goto cleanup;
	}
	if (close(fd) < 0) {
		fd = -1;
		error = cs_error_set(CS_EIO, "cannot write '%s': %s", tmp.ptr, strerror(errno));
		goto cleanup;
	}
	fd = -1;
	if (rename(tmp.ptr, path.ptr) < 0) {
		error = cs_error_set(CS_EIO, "cannot rename '%s' to '%s': %s", tmp.ptr, path.ptr,
				     strerror(errno));
		goto cleanup;
	}
	cs_buf_clear(&tmp);
	error = store_fsync_dir(dir.ptr);
cleanup:
	if (fd >= 0)
		close(fd);
	if (tmp.len)
		unlink(tmp.ptr);
	cs_buf_free(&path);
	cs_buf_free(&tmp);
	cs_buf_free(&dir);
	return error;
}

