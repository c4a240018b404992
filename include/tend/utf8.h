/*
 * utf8.h: checking and cutting UTF-8 text.
 *
 * Validation follows RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF.  Cutting never splits a character.
 */
#ifndef TEND_UTF8_H
#define TEND_UTF8_H

#include <stddef.h>

/* 1 if the n bytes at s are valid UTF-8 without NUL bytes, else 0. */
int utf8_valid(const char *s, size_t n);

/* 1 if s holds nothing but spaces, tabs and line breaks. */
int utf8_blank(const char *s);

/* Copy the first line of s into out (size outsz, outsz >= 4), at most
 * maxchars characters; "..." marks a cut.  Leading blanks are skipped. */
void utf8_first_line(const char *s, size_t maxchars, char *out,
    size_t outsz);

#endif
