/* Fault injection for the write commands (tests/faults/run.sh): an
 * LD_PRELOAD object that counts the process's calls that change files or
 * allocate memory, and makes one of them fail or kills the process there.
 *
 *   CS_FAULT=KIND:N   the Nth call of KIND fails (once; the calls after it
 *                     succeed). KIND is write (write, pwrite, close: ENOSPC),
 *                     fsync (fsync, fdatasync: EIO), rename (rename, link:
 *                     EIO), open (open or openat for writing or creating,
 *                     mkdir: EIO), io (any of those four), alloc (malloc,
 *                     calloc, realloc called from outside libgit2: NULL,
 *                     ENOMEM) or gitalloc (those called by libgit2).
 *   CS_CRASH=N        raise(SIGKILL) at the Nth point, before the call is
 *                     made: the points are the io calls and unlink (which
 *                     never fails: a failed removal leaves litter, such as
 *                     libgit2's probe files, not another state).
 *   CS_FAULT_TRACE=1  print the stack where the fault is injected.
 *   CS_FAULT_COUNT=F  at exit, append to F one line per kind, "KIND COUNT"
 *                     (and "point COUNT"),
 *                     and "fired 1" when the fault was injected (else 0).
 *
 * A command killed by SIGSEGV, SIGBUS or SIGABRT prints its stack on stderr
 * ("shim: signal N at" and a frame a line) before it dies of the signal.
 *
 * Every call from the start of the process is counted (the shim's
 * constructor resets the counts; what the dynamic loader does before it
 * is not seen). The variables are removed from the environment so that
 * the programs a command runs (ssh-keygen, an editor) are left alone.
 * Linux and glibc only: the allocator is reached through __libc_malloc,
 * so no dlsym() is needed before the first allocation. Built without
 * CS_SHIM_ALLOC (shim-io.so) it leaves the allocator alone, for the
 * AddressSanitizer build. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <link.h>
#include <signal.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum { K_WRITE, K_FSYNC, K_RENAME, K_OPEN, K_IO, K_ALLOC, K_GITALLOC, K_POINT, K_N };
static const char *const kind_names[K_N] = {"write", "fsync", "rename", "open", "io", "alloc",
					    "gitalloc", "point"};
static const int kind_errno[K_N] = {ENOSPC, EIO, EIO, EIO, EIO, ENOMEM, ENOMEM, 0};

static unsigned long counts[K_N];
static int fault_kind = -1, fired, armed, trace;
static unsigned long fault_at, crash_at;
static char count_file[4096];

static void *real(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);
	if (!f)
		abort();
	return f;
}

/* A command that dies of a signal says where, for the report: the
 * objects and symbols of its stack (libgit2's or the command's own). */
static void on_fatal(int sig)
{
	void *frames[32];
	int n = backtrace(frames, 32);
	char line[64];
	int len = snprintf(line, sizeof(line), "shim: signal %d at\n", sig);
	armed = 0;
	if (write(2, line, (size_t)len) < 0)
		_exit(128 + sig);
	backtrace_symbols_fd(frames, n, 2);
	signal(sig, SIG_DFL);
	raise(sig);
}

__attribute__((constructor)) static void shim_init(void)
{
	void *frame;
	backtrace(&frame, 1); /* loads what backtrace needs now, not in the handler */
	signal(SIGSEGV, on_fatal);
	signal(SIGBUS, on_fatal);
	signal(SIGABRT, on_fatal);
	const char *f = getenv("CS_FAULT"), *c = getenv("CS_CRASH"), *n = getenv("CS_FAULT_COUNT");
	if (f) {
		const char *colon = strchr(f, ':');
		for (int k = 0; colon && k < K_N; k++)
			if ((size_t)(colon - f) == strlen(kind_names[k]) &&
			    !strncmp(f, kind_names[k], (size_t)(colon - f)))
				fault_kind = k;
		if (fault_kind < 0 || (fault_at = strtoul(colon + 1, NULL, 10)) == 0) {
			fprintf(stderr, "shim: bad CS_FAULT '%s'\n", f);
			_exit(125);
		}
	}
	if (c && (crash_at = strtoul(c, NULL, 10)) == 0) {
		fprintf(stderr, "shim: bad CS_CRASH '%s'\n", c);
		_exit(125);
	}
	if (n && strlen(n) < sizeof(count_file))
		strcpy(count_file, n);
	trace = getenv("CS_FAULT_TRACE") != NULL;
	unsetenv("CS_FAULT_TRACE");
	unsetenv("CS_FAULT");
	unsetenv("CS_CRASH");
	unsetenv("CS_FAULT_COUNT");
	memset(counts, 0, sizeof(counts));
	armed = 1;
}

__attribute__((destructor)) static void shim_report(void)
{
	static int (*ropen)(const char *, int, ...);
	static ssize_t (*rwrite)(int, const void *, size_t);
	char line[64];
	int fd, n;
	if (!*count_file)
		return;
	armed = 0;
	ropen = real("open");
	rwrite = real("write");
	if ((fd = ropen(count_file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0)
		return;
	for (int k = 0; k < K_N; k++) {
		n = snprintf(line, sizeof(line), "%s %lu\n", kind_names[k], counts[k]);
		if (rwrite(fd, line, (size_t)n) < 0)
			break;
	}
	n = snprintf(line, sizeof(line), "fired %d\n", fired);
	if (rwrite(fd, line, (size_t)n) < 0)
		n = 0;
	close(fd);
}

/* 0 to make the call, or -1 with errno set to fail it. */
static int hit(int kind)
{
	if (!armed)
		return 0;
	counts[kind]++;
	if (kind != K_ALLOC && kind != K_GITALLOC) {
		counts[K_IO]++;
		counts[K_POINT]++;
		if (crash_at && counts[K_POINT] == crash_at)
			raise(SIGKILL);
	}
	if (fault_kind < 0 || fired)
		return 0;
	if ((fault_kind == kind && counts[kind] == fault_at) ||
	    (fault_kind == K_IO && kind < K_IO && counts[K_IO] == fault_at)) {
		fired = 1;
		if (trace) {
			void *frames[32];
			int n = backtrace(frames, 32);
			static const char head[] = "shim: the fault is injected at\n";
			if (write(2, head, sizeof(head) - 1) > 0)
				backtrace_symbols_fd(frames, n, 2);
		}
		errno = kind_errno[kind];
		return -1;
	}
	return 0;
}

static int writes(int flags)
{
	return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) != 0;
}

#define OPEN_LIKE(name, ...)                                                          \
	int name(__VA_ARGS__, int flags, ...)                                          \
	{                                                                              \
		static int (*f)();                                                     \
		mode_t mode = 0;                                                       \
		if (flags & (O_CREAT | O_TMPFILE)) {                                   \
			va_list ap;                                                    \
			va_start(ap, flags);                                           \
			mode = (mode_t)va_arg(ap, int);                                \
			va_end(ap);                                                    \
		}                                                                      \
		if (writes(flags) && hit(K_OPEN) < 0)                                  \
			return -1;                                                     \
		if (!f)                                                                \
			f = real(#name);                                               \
		return OPEN_CALL;                                                      \
	}

#define OPEN_CALL f(path, flags, mode)
OPEN_LIKE(open, const char *path)
OPEN_LIKE(open64, const char *path)
#undef OPEN_CALL
#define OPEN_CALL f(dirfd, path, flags, mode)
OPEN_LIKE(openat, int dirfd, const char *path)
OPEN_LIKE(openat64, int dirfd, const char *path)
#undef OPEN_CALL

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int mkdir(const char *path, mode_t mode)
{
	static int (*f)(const char *, mode_t);
	if (hit(K_OPEN) < 0)
		return -1;
	if (!f)
		f = real("mkdir");
	return f(path, mode);
}

/* a crash point that never fails: a removal that fails leaves litter
 * (libgit2's probe files, a temporary file), not another state */
int unlink(const char *path)
{
	static int (*f)(const char *);
	if (armed) {
		counts[K_POINT]++;
		if (crash_at && counts[K_POINT] == crash_at)
			raise(SIGKILL);
	}
	if (!f)
		f = real("unlink");
	return f(path);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*f)(int, const void *, size_t);
	/* what goes to the terminal is not the store */
	if (fd > 2 && hit(K_WRITE) < 0)
		return -1;
	if (!f)
		f = real("write");
	return f(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	static ssize_t (*f)(int, const void *, size_t, off_t);
	if (hit(K_WRITE) < 0)
		return -1;
	if (!f)
		f = real("pwrite");
	return f(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	static ssize_t (*f)(int, const void *, size_t, off_t);
	if (hit(K_WRITE) < 0)
		return -1;
	if (!f)
		f = real("pwrite64");
	return f(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	static ssize_t (*f)(int, const struct iovec *, int);
	if (fd > 2 && hit(K_WRITE) < 0)
		return -1;
	if (!f)
		f = real("writev");
	return f(fd, iov, n);
}

/* a close can report a write the kernel put off (NFS, a full disk) */
int close(int fd)
{
	static int (*f)(int);
	int r;
	if (!f)
		f = real("close");
	if (fd > 2 && hit(K_WRITE) < 0) {
		int e = errno;
		f(fd);
		errno = e;
		return -1;
	}
	r = f(fd);
	return r;
}

int fsync(int fd)
{
	static int (*f)(int);
	if (hit(K_FSYNC) < 0)
		return -1;
	if (!f)
		f = real("fsync");
	return f(fd);
}

int fdatasync(int fd)
{
	static int (*f)(int);
	if (hit(K_FSYNC) < 0)
		return -1;
	if (!f)
		f = real("fdatasync");
	return f(fd);
}

int rename(const char *from, const char *to)
{
	static int (*f)(const char *, const char *);
	if (hit(K_RENAME) < 0)
		return -1;
	if (!f)
		f = real("rename");
	return f(from, to);
}

int link(const char *from, const char *to)
{
	static int (*f)(const char *, const char *);
	if (hit(K_RENAME) < 0)
		return -1;
	if (!f)
		f = real("link");
	return f(from, to);
}

#ifdef CS_SHIM_ALLOC
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);

/* Where libgit2 is mapped: its own allocations are the kind gitalloc. */
static uintptr_t git_lo, git_hi;

static int find_git(struct dl_phdr_info *info, size_t size, void *ctx)
{
	(void)size;
	(void)ctx;
	if (!strstr(info->dlpi_name, "libgit2"))
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
		if (ph->p_type != PT_LOAD)
			continue;
		if (!git_lo || lo < git_lo)
			git_lo = lo;
		if (hi > git_hi)
			git_hi = hi;
	}
	return 1;
}

__attribute__((constructor)) static void shim_find_git(void)
{
	dl_iterate_phdr(find_git, NULL);
}

static int alloc_hit(void *caller)
{
	uintptr_t c = (uintptr_t)caller;
	return hit(git_lo && c >= git_lo && c < git_hi ? K_GITALLOC : K_ALLOC);
}

void *malloc(size_t n)
{
	if (alloc_hit(__builtin_return_address(0)) < 0)
		return NULL;
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	if (alloc_hit(__builtin_return_address(0)) < 0)
		return NULL;
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	if (alloc_hit(__builtin_return_address(0)) < 0)
		return NULL;
	return __libc_realloc(p, n);
}
#endif
