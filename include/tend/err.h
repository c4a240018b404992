/*
 * err.h: user-facing errors as values, and fatal() for the rest.
 *
 * A function that can fail for a reason the user should hear about takes a
 * struct err * last, fills it with one sentence (no trailing period, no
 * newline) and returns -1.  The one place that prints it is the command
 * line's main().  Messages name files, page numbers and settings, never
 * anything the user wrote.
 *
 * fatal() is for what the user cannot fix (out of memory, a broken
 * invariant): it runs the registered cleanup hooks (restore the terminal,
 * wipe keys), prints one line and exits with status 1.
 */
#ifndef TEND_ERR_H
#define TEND_ERR_H

#include <stddef.h>

#define ERR_MSG_MAX 512

struct err {
	char msg[ERR_MSG_MAX];
};

/* Fill e (if not NULL) with a printf-style message; always returns -1. */
int err_set(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prefix the message already in e with "what: "; returns -1. */
int err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Run at fatal() time, last registered first.  At most 8 hooks. */
void fatal_on_exit(void (*hook)(void));

__attribute__((noreturn, format(printf, 1, 2)))
void fatal(const char *fmt, ...);

/* Allocation that never returns NULL (fatal() instead). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
