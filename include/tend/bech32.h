/*
 * bech32.h: keys as one line of text with a checksum (the bech32 format:
 * a human-readable prefix, the separator '1', lowercase data characters and
 * a six-character checksum that catches every change of up to four
 * characters).  tend writes therapist keys as "tend1...".
 */
#ifndef TEND_BECH32_H
#define TEND_BECH32_H

#include <stddef.h>

/* Characters needed for n bytes with prefix hrp, plus the NUL. */
#define BECH32_SIZE(hrplen, n) ((hrplen) + 1 + ((n) * 8 + 4) / 5 + 6 + 1)

/* Encode n bytes under the lowercase prefix hrp into out (size from
 * BECH32_SIZE).  Returns 0, or -1 when out is too small. */
int bech32_encode(const char *hrp, const unsigned char *in, size_t n,
    char *out, size_t outsize);

/* Decode text (either all lowercase or all uppercase) whose prefix must be
 * hrp into exactly n bytes.  Returns 0, or a negative bech32_error. */
enum bech32_error {
	BECH32_BAD_PREFIX = -1,
	BECH32_BAD_CHAR = -2,
	BECH32_BAD_LENGTH = -3,
	BECH32_BAD_CHECKSUM = -4,
	BECH32_MIXED_CASE = -5,
};
int bech32_decode(const char *hrp, const char *text, unsigned char *out,
    size_t n);

#endif
