/*
 * base32.c: Crockford base32 for keys that people copy by hand.
 */
#include "config.h"

#include "tend/base32.h"

#include <string.h>

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void
base32_encode(const unsigned char *in, size_t n, char *out, int group)
{
	unsigned int acc = 0;
	int bits = 0, col = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			if (group > 0 && col > 0 && col % group == 0)
				*out++ = '-';
			*out++ = alphabet[(acc >> (bits - 5)) & 31];
			bits -= 5;
			col++;
		}
	}
	if (bits > 0) {
		if (group > 0 && col > 0 && col % group == 0)
			*out++ = '-';
		*out++ = alphabet[(acc << (5 - bits)) & 31];
	}
	*out = '\0';
}

char
base32_canon(char c)
{
	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	if (c == 'O')
		c = '0';
	if (c == 'I' || c == 'L')
		c = '1';
	if (c == '\0' || strchr(alphabet, c) == NULL)
		return '\0';
	return c;
}

static int
value_of(char c)
{
	c = base32_canon(c);
	return c == '\0' ? -1 : (int)(strchr(alphabet, c) - alphabet);
}

int
base32_decode(const char *in, unsigned char *out, size_t n)
{
	unsigned int acc = 0;
	int bits = 0;
	size_t got = 0;

	for (; *in != '\0'; in++) {
		int v;

		if (*in == '-' || *in == ' ' || *in == '\t' || *in == '\n' ||
		    *in == '\r')
			continue;
		v = value_of(*in);
		if (v < 0)
			return -1;
		acc = (acc << 5) | (unsigned int)v;
		bits += 5;
		if (bits >= 8) {
			if (got == n)
				return -1;
			out[got++] = (unsigned char)(acc >> (bits - 8));
			bits -= 8;
		}
		acc &= (1u << bits) - 1;
	}
	if (got != n || bits >= 5 || acc != 0)
		return -1;
	return 0;
}
