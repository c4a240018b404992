/*
 * utf8.c: UTF-8 validation and cutting a line for one-line listings.
 *
 * Journal text is stored as UTF-8; everything that enters the store goes
 * through utf8_valid() first, so the rest of tend can trust it.
 */
#include "config.h"

#include "tend/utf8.h"

#include <string.h>

/* Length of the sequence that starts with byte c, 0 if c cannot start one. */
static size_t
seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

int
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t len, k;

		if (p[i] == 0)
			return 0;
		len = seq_len(p[i]);
		if (len == 0 || i + len > n)
			return 0;
		for (k = 1; k < len; k++)
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
		/* Overlong three- and four-byte forms, surrogates, > U+10FFFF. */
		if (len == 3 && p[i] == 0xe0 && p[i + 1] < 0xa0)
			return 0;
		if (len == 3 && p[i] == 0xed && p[i + 1] >= 0xa0)
			return 0;
		if (len == 4 && p[i] == 0xf0 && p[i + 1] < 0x90)
			return 0;
		if (len == 4 && p[i] == 0xf4 && p[i + 1] >= 0x90)
			return 0;
		i += len;
	}
	return 1;
}

int
utf8_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (strchr(" \t\r\n\f\v", *s) == NULL)
			return 0;
	return 1;
}

void
utf8_first_line(const char *s, size_t maxchars, char *out, size_t outsz)
{
	size_t o = 0, chars = 0;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	while (*s != '\0' && *s != '\n' && *s != '\r') {
		size_t len = seq_len((unsigned char)*s);

		if (len == 0 || strnlen(s, len) < len)
			len = 1;        /* not UTF-8: copy the byte alone */
		if (chars == maxchars || o + len + 4 > outsz) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(out + o, s, len);
		o += len;
		s += len;
		chars++;
	}
	out[o] = '\0';
}
