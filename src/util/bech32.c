/*
 * bech32.c: encode and check "prefix1data" strings (BIP 173's bech32).
 *
 * The checksum is the remainder of a BCH code over GF(32) taken over the
 * expanded prefix, the data and six zero characters; it is built so that any
 * change of up to four characters is always detected.
 */
#include "config.h"

#include "tend/bech32.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

static const char charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/* The code's generator, one row per bit shifted out of the top. */
static uint32_t
polymod_step(uint32_t chk, unsigned int value)
{
	static const uint32_t gen[5] = {
		0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3,
	};
	uint32_t top = chk >> 25;
	int i;

	chk = ((chk & 0x1ffffff) << 5) ^ value;
	for (i = 0; i < 5; i++)
		if ((top >> i) & 1)
			chk ^= gen[i];
	return chk;
}

static uint32_t
prefix_checksum(const char *hrp)
{
	uint32_t chk = 1;
	const char *p;

	for (p = hrp; *p != '\0'; p++)
		chk = polymod_step(chk, (unsigned char)*p >> 5);
	chk = polymod_step(chk, 0);
	for (p = hrp; *p != '\0'; p++)
		chk = polymod_step(chk, (unsigned char)*p & 31);
	return chk;
}

int
bech32_encode(const char *hrp, const unsigned char *in, size_t n, char *out,
    size_t outsize)
{
	size_t hl = strlen(hrp), o, i;
	uint32_t chk = prefix_checksum(hrp), acc = 0;
	int bits = 0;

	if (outsize < BECH32_SIZE(hl, n))
		return -1;
	memcpy(out, hrp, hl);
	o = hl;
	out[o++] = '1';
	for (i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			unsigned int v = (acc >> (bits - 5)) & 31;

			chk = polymod_step(chk, v);
			out[o++] = charset[v];
			bits -= 5;
		}
	}
	if (bits > 0) {
		unsigned int v = (acc << (5 - bits)) & 31;

		chk = polymod_step(chk, v);
		out[o++] = charset[v];
	}
	for (i = 0; i < 6; i++)
		chk = polymod_step(chk, 0);
	chk ^= 1;
	for (i = 0; i < 6; i++)
		out[o++] = charset[(chk >> (5 * (5 - i))) & 31];
	out[o] = '\0';
	return 0;
}

static int
char_value(char c)
{
	const char *p;

	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	p = c != '\0' ? strchr(charset, c) : NULL;
	return p == NULL ? -1 : (int)(p - charset);
}

int
bech32_decode(const char *hrp, const char *text, unsigned char *out, size_t n)
{
	size_t hl = strlen(hrp), len = strlen(text), i, got = 0;
	int lower = 0, upper = 0, bits = 0;
	uint32_t chk, acc = 0;
	const char *data;

	for (i = 0; i < len; i++) {
		if (text[i] >= 'a' && text[i] <= 'z')
			lower = 1;
		if (text[i] >= 'A' && text[i] <= 'Z')
			upper = 1;
	}
	if (lower && upper)
		return BECH32_MIXED_CASE;
	if (len < hl + 1 || strncasecmp(text, hrp, hl) != 0 || text[hl] != '1')
		return BECH32_BAD_PREFIX;
	data = text + hl + 1;
	if (strlen(data) != ((n * 8 + 4) / 5) + 6)
		return BECH32_BAD_LENGTH;
	chk = prefix_checksum(hrp);
	for (i = 0; data[i] != '\0'; i++) {
		int v = char_value(data[i]);

		if (v < 0)
			return BECH32_BAD_CHAR;
		chk = polymod_step(chk, (unsigned int)v);
	}
	if (chk != 1)
		return BECH32_BAD_CHECKSUM;
	len = strlen(data) - 6;
	for (i = 0; i < len; i++) {
		acc = (acc << 5) | (unsigned int)char_value(data[i]);
		bits += 5;
		if (bits >= 8) {
			out[got++] = (unsigned char)(acc >> (bits - 8));
			bits -= 8;
		}
		acc &= (1u << bits) - 1;
	}
	if (got != n || acc != 0)
		return BECH32_BAD_LENGTH;
	return 0;
}
