#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "error.h"
#include "utf8.h"

static int quoted(const char **p, const char *end, cs_buf *field, size_t *line)
{
	const char *s = *p + 1;
	for (;;) {
		if (s >= end)
			return cs_error_set(CS_EDATA, "an unterminated quoted field");
		if (*s == '"') {
			if (s + 1 < end && s[1] == '"') {
				cs_buf_putc(field, '"');
				s += 2;
				continue;
			}
			*p = s + 1;
			return 0;
		}
		if (*s == '\n')
			(*line)++;
		if (cs_buf_putc(field, *s++) < 0)
			return CS_ENOMEM;
	}
}

int cs_csv_row(const char **p, const char *end, cs_node *row, size_t *line)
{
	cs_buf field = CS_BUF_INIT;
	int error = 0, more = 1;
	while (more && !error) {
		const char *s = *p;
		cs_buf_clear(&field);
		if (s < end && *s == '"') {
			if ((error = quoted(&s, end, &field, line)) < 0)
				break;
		} else {
			while (s < end && *s != ',' && *s != '\n' && *s != '\r')
				cs_buf_putc(&field, *s++);
		}
		error = cs_node_push(row, cs_node_new_str(cs_buf_cstr(&field)));
		if (s < end && *s == ',') {
			s++;
		} else {
			if (s < end && *s == '\r')
				s++;
			if (s < end && *s == '\n') {
				s++;
				(*line)++;
			}
			more = 0;
		}
		*p = s;
	}
	cs_buf_free(&field);
	return error;
}

const char *cs_csv_unguard(const char *cell)
{
	/* the same set as cs_csv_cell guards */
	if (cell[0] == '\'' && cell[1] && strchr("=+-@\t\r", cell[1]))
		return cell + 1;
	return cell;
}

static size_t line_at(const char *s, size_t off)
{
	size_t line = 1, i;
	for (i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

static int from_utf8(const char *data, size_t len, const char *name, cs_buf *out)
{
	size_t bad;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
		data += 3;
		len -= 3;
	}
	if (!cs_utf8_valid(data, len)) {
		bad = cs_utf8_invalid_at(data, len);
		return cs_error_at(CS_EDATA, name, line_at(data, bad), NULL,
				   "not UTF-8 (a spreadsheet saved as GBK? give --encoding GBK, or "
				   "convert it: iconv -f GBK -t UTF-8 FILE > FILE.utf8.csv)");
	}
	cs_buf_clear(out);
	return cs_buf_put(out, data, len);
}

int cs_csv_decode(const char *data, size_t len, const char *encoding, const char *name,
		  cs_buf *out)
{
	iconv_t cd;
	char *in = (char *)data, buf[4096];
	size_t left = len;
	int error = 0;
	if (!encoding || !strcasecmp(encoding, "UTF-8") || !strcasecmp(encoding, "UTF8"))
		return from_utf8(data, len, name, out);
	if ((cd = iconv_open("UTF-8", encoding)) == (iconv_t)-1)
		return cs_error_set(CS_EUSAGE, "--encoding: '%s' is not an encoding iconv knows "
				    "(GBK, GB18030, UTF-8...)", encoding);
	cs_buf_clear(out);
	while (left && !error) {
		char *o = buf;
		size_t room = sizeof(buf);
		size_t r = iconv(cd, &in, &left, &o, &room);
		if ((error = cs_buf_put(out, buf, (size_t)(o - buf))) < 0)
			break;
		if (r == (size_t)-1 && errno != E2BIG)
			error = cs_error_at(CS_EDATA, name, line_at(data, (size_t)(in - data)), NULL,
					    "not %s at byte %zu", encoding, (size_t)(in - data) + 1);
	}
	iconv_close(cd);
	if (!error && out->len >= 3 && !memcmp(out->ptr, "\xef\xbb\xbf", 3)) {
		memmove(out->ptr, out->ptr + 3, out->len - 3);
		out->len -= 3;
		out->ptr[out->len] = '\0';
	}
	return error;
}
