/* Errors: every fallible lib/ function returns 0 or a negative CS_E* code and
 * leaves a message for cs_error_last(). lib/ never prints and never exits. */
#ifndef CS_ERROR_H
#define CS_ERROR_H

enum {
	CS_OK = 0,
	CS_EUSAGE = -64,     /* bad arguments (sysexits EX_USAGE) */
	CS_EDATA = -65,      /* bad data: record rejected (EX_DATAERR) */
	CS_ENOTFOUND = -66,  /* no such record or store (EX_NOINPUT) */
	CS_ESOFTWARE = -70,  /* internal error (EX_SOFTWARE) */
	CS_ECANTCREAT = -73, /* cannot create (EX_CANTCREAT) */
	CS_EIO = -74,        /* I/O error (EX_IOERR) */
	CS_EBUSY = -75,      /* store busy (EX_TEMPFAIL) */
	CS_ENOMEM = -70
};

/* Set the last error; returns code so that `return cs_error_set(...)` reads well. */
int cs_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Like cs_error_set, with the file, line and field the error is about. */
int cs_error_at(int code, const char *file, size_t line, const char *field,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The last error told where it is: file, line and field (each optional, as
 * for cs_error_at) put before its message, its code replaced by code (0:
 * kept). Returns the code, for an error met one level down. */
int cs_error_within(int code, const char *file, size_t line, const char *field);
/* Message of the last error ("" when none). */
const char *cs_error_last(void);
/* Code of the last error (0 when none). */
int cs_error_code(void);
void cs_error_clear(void);
/* sysexits status for a CS_E* code (0 for 0). */
int cs_error_exit_status(int code);

#endif
