/*
 * testutil.h: shared helpers for the unit tests: a private temporary
 * directory (removed at exit), file helpers and vault shortcuts.
 */
#ifndef TEND_TESTUTIL_H
#define TEND_TESTUTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "tend/vault.h"

#define TEST_PASS "correct horse battery staple"

/* A fresh directory under $TMPDIR, removed with its contents at exit. */
const char *test_dir(void);

/* test_dir()/name (static buffer per call: copy it if needed). */
char *test_path(const char *name);

/* Whole file into memory (NULL if missing); *n gets the size. */
unsigned char *test_slurp(const char *path, size_t *n);
int test_spit(const char *path, const void *buf, size_t n);

/* How many times needle occurs in the file (0 if missing). */
int test_count_in_file(const char *path, const char *needle);

/* Start the vault library (fatal on failure). */
void test_init(void);

/* Create a vault with the minimal KDF and TEST_PASS; open it. */
struct vault *test_new_vault(const char *path);
struct vault *test_open_vault(const char *path);

/* Run SQL on an open vault; returns the SQLite result code. */
int test_exec(struct vault *v, const char *sql);
/* First column of the first row as an integer (-1 on error). */
long long test_int(struct vault *v, const char *sql);

/* Flip one byte of a file at off (xor 0x01). */
int test_flip(const char *path, off_t off);

#endif
