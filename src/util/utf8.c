/*
 * utf8.c: UTF-8 validation and cutting a line for one-line listings.
 *
 * Journal text is stored as UTF-8; everything that enters the store goes
 * through utf8_valid() first, so the rest of tend can trust it.
 */
#include "config.h"

#include "tend/utf8.h"

#include <string.h>

#include "tend/err.h"

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

/* The code point of the valid sequence of len bytes at p. */
static unsigned long
code_point(const unsigned char *p, size_t len)
{
	unsigned long cp = len == 1 ? p[0] : p[0] & (0xff >> (len + 1));
	size_t k;

	for (k = 1; k < len; k++)
		cp = cp << 6 | (p[k] & 0x3f);
	return cp;
}

/* Length of the valid UTF-8 character at s (whose NUL ends the text), or
 * 0 for a byte that does not start one. */
static size_t
valid_len(const char *s)
{
	size_t len = seq_len((unsigned char)*s);

	if (len == 0 || strnlen(s, len) < len || !utf8_valid(s, len))
		return 0;
	return len;
}

static int
is_control(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

size_t
utf8_clean(char *s, int multiline, size_t maxchars)
{
	size_t i = 0, o = 0, chars = 0;

	while (s[i] != '\0') {
		size_t len = valid_len(s + i);
		unsigned long cp;

		if (len == 0) {                 /* not UTF-8: dropped */
			i++;
			continue;
		}
		cp = code_point((const unsigned char *)s + i, len);
		if (maxchars != 0 && chars == maxchars)
			break;
		if (cp == '\t' || (cp == '\n' && !multiline)) {
			s[o++] = ' ';
			chars++;
		} else if (cp == '\n' || !is_control(cp)) {
			memmove(s + o, s + i, len);
			o += len;
			chars++;
		}
		i += len;
	}
	memset(s + o, 0, i - o);        /* what was dropped does not linger */
	s[o] = '\0';
	return o;
}

char *
utf8_json_controls(const char *json)
{
	size_t i, o = 0, n = strlen(json);
	/* Each byte becomes at most six ("\u0080" from two bytes is less). */
	char *out = xmalloc(n * 6 + 1);

	for (i = 0; json[i] != '\0';) {
		size_t len = valid_len(json + i);
		unsigned long cp;

		if (len == 0) {
			memcpy(out + o, "\\ufffd", 6);
			o += 6;
			i++;
			continue;
		}
		cp = code_point((const unsigned char *)json + i, len);
		if (cp >= 0x7f && cp <= 0x9f) {
			static const char hex[] = "0123456789abcdef";

			memcpy(out + o, "\\u00", 4);
			out[o + 4] = hex[cp >> 4];
			out[o + 5] = hex[cp & 15];
			o += 6;
		} else {
			memcpy(out + o, json + i, len);
			o += len;
		}
		i += len;
	}
	out[o] = '\0';
	return out;
}
