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

/* Make text from elsewhere (a bundle, the journal) safe to print on a
 * terminal, in place: control characters (U+0000-U+001F, DEL,
 * U+0080-U+009F, so never ESC) and bytes that are not UTF-8 are removed;
 * a tab becomes a space, and so does a line break unless multiline.  With
 * maxchars > 0 the text is cut after that many characters.  The bytes
 * freed at the end are zeroed.  Returns the new length. */
size_t utf8_clean(char *s, int multiline, size_t maxchars);

/* A copy of a JSON text (malloc'd) in which DEL and U+0080-U+009F are
 * written as \u escapes and each byte that is not UTF-8 as \ufffd, so
 * the text is safe on a terminal and means the same (JSON escapes the
 * other controls itself).  Such characters can only stand in strings. */
char *utf8_json_controls(const char *json);

#endif
