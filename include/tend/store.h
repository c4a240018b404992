/*
 * store.h: everything tend keeps inside the vault's database.  All SQL
 * lives under src/store.
 */
#ifndef TEND_STORE_H
#define TEND_STORE_H

#include <stdio.h>

struct err;
struct vault;

/* Run the SQL script sql on the vault and print each result row to out,
 * columns separated by tabs (NULL as an empty field, blobs as X'hex').
 * Unless write is set every statement must be read-only; a statement that
 * would write is refused before it runs.  Stops at the first error. */
int store_sql_run(struct vault *v, const char *sql, int write, FILE *out,
    struct err *e);

#endif
