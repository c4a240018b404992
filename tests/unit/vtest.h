/*
 * vtest.h: helpers shared by the vault tests (test-vault, test-shim,
 * test-integrity, test-crashkill): comparing files, checking that an
 * error is one sentence naming what it should, and filling a vault with
 * rows whose contents can be checked later.
 */
#ifndef TEND_VTEST_H
#define TEND_VTEST_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct vault;

/* One sentence: not empty, no newline, no ". " inside, no final period. */
int vt_one_sentence(const char *msg);

/* msg says "page N" for exactly this N (not a longer number). */
int vt_names_page(const char *msg, unsigned pgno);

/* msg contains word, ignoring case. */
int vt_says(const char *msg, const char *word);

/* The file at path holds exactly buf[0..n). */
int vt_same_file(const char *path, const unsigned char *buf, size_t n);

/* Copy a file (0600); 0 or -1. */
int vt_copy(const char *from, const char *to);

/* Occurrences of needle in buf[0..n). */
size_t vt_count(const unsigned char *buf, size_t n, const char *needle);

/* Size of a file, -1 if missing. */
off_t vt_size(const char *path);

/* path with "-journal" after it (static buffer). */
const char *vt_journal(const char *path);

/* Create table t(n INTEGER PRIMARY KEY, len INTEGER, body TEXT) if missing
 * and add rows first..first+count-1; each body is len bytes of text that
 * starts with marker (NULL: "row") and the row number.  count 0: only
 * make the table.  SQLite code. */
int vt_add_rows(struct vault *v, const char *marker, int first, int count,
    int len);

/* Check the rows of t: count(*) rows numbered 1..count, each body of its
 * stated length and starting with its number.  Returns the row count, or
 * -1 when a row is missing, duplicated or wrong. */
long long vt_check_rows(struct vault *v);

/* A digest of every row of t in order (for before/after comparisons);
 * 0 or -1.  out: 32 bytes. */
int vt_digest_rows(struct vault *v, unsigned char out[32]);

#endif
