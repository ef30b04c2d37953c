#include <libintl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

static char last[2048];
static int last_code;

static int vset(int code, const char *prefix, const char *fmt, va_list ap)
{
	size_t n = 0;
	if (prefix) {
		n = strlen(prefix);
		if (n >= sizeof(last))
			n = sizeof(last) - 1;
		memcpy(last, prefix, n);
	}
	/* the message in the user's language (po/ has the formats) */
	vsnprintf(last + n, sizeof(last) - n, dgettext("cs", fmt), ap);
	last_code = code;
	return code;
}

int cs_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(code, NULL, fmt, ap);
	va_end(ap);
	return code;
}

int cs_error_at(int code, const char *file, size_t line, const char *field,
		const char *fmt, ...)
{
	char prefix[1024];
	va_list ap;
	if (file && line && field)
		snprintf(prefix, sizeof(prefix), "%s:%zu: %s: ", file, line, field);
	else if (file && line)
		snprintf(prefix, sizeof(prefix), "%s:%zu: ", file, line);
	else if (file && field)
		snprintf(prefix, sizeof(prefix), "%s: %s: ", file, field);
	else if (file)
		snprintf(prefix, sizeof(prefix), "%s: ", file);
	else if (field)
		snprintf(prefix, sizeof(prefix), "%s: ", field);
	else
		prefix[0] = '\0';
	va_start(ap, fmt);
	vset(code, prefix, fmt, ap);
	va_end(ap);
	return code;
}

int cs_error_within(int code, const char *file, size_t line, const char *field)
{
	char msg[sizeof(last)];
	memcpy(msg, last, sizeof(msg));
	return cs_error_at(code ? code : last_code, file, line, field, "%s", msg);
}

const char *cs_error_last(void)
{
	return last;
}

int cs_error_code(void)
{
	return last_code;
}

void cs_error_clear(void)
{
	last[0] = '\0';
	last_code = 0;
}

int cs_error_exit_status(int code)
{
	if (code >= 0)
		return 0;
	switch (code) {
	case CS_EUSAGE: case CS_EDATA: case CS_ENOTFOUND: case CS_ECANTCREAT:
	case CS_EIO: case CS_EBUSY: case CS_ESOFTWARE:
		return -code;
	default:
		return 70;
	}
}
