/*
 * measure-int.h: what measure.c, measure-builtin.c and measure-store.c
 * share and nobody else sees.
 */
#ifndef TEND_MEASURE_INT_H
#define TEND_MEASURE_INT_H

#include "tend/measure.h"

/* The built-in definitions' file texts, in measure_builtin_names order,
 * NULL-ended; and earlier versions still needed for old responses. */
extern const char *const measure_builtin_src[];
extern const char *const measure_builtin_old[];

/* Parse a definition that is known to be good (a built-in, or one the
 * journal stored after checking it): NULL if it does not parse. */
struct measure_def *measure_def_load(const char *name, const char *text,
    int builtin);

/* The version hash of a definition's text (FNV-1a 64, hex). */
void measure_hash(const char *text, size_t len,
    char out[MEASURE_HASH_LEN + 1]);

#endif
