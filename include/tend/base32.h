/*
 * base32.h: Crockford base32, the alphabet people can read aloud and type:
 * 0-9 A-Z without I, L, O, U.  Decoding ignores case, spaces and dashes and
 * reads O as 0 and I or L as 1.
 */
#ifndef TEND_BASE32_H
#define TEND_BASE32_H

#include <stddef.h>

/* Characters needed for n bytes, without separators. */
#define BASE32_LEN(n) (((n) * 8 + 4) / 5)

/* Encode n bytes into out (NUL-terminated), a dash every group characters
 * (0: none).  out must hold BASE32_LEN(n) + BASE32_LEN(n) / group + 1. */
void base32_encode(const unsigned char *in, size_t n, char *out, int group);

/* The alphabet's character that c is read as (any case, O as 0, I and L
 * as 1), or '\0' when c is not one of them. */
char base32_canon(char c);

/* Decode into exactly n bytes.  Returns 0, or -1 when a character is not in
 * the alphabet, the length is wrong or the padding bits are not zero. */
int base32_decode(const char *in, unsigned char *out, size_t n);

#endif
