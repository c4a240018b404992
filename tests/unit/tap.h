/*
 * tap.h: a small TAP producer for tend's unit tests.
 *
 * ok(cond, fmt, ...) prints "ok N - what" or "not ok N - what" with the
 * file and line of a failure; tap_done() prints the plan and returns the
 * exit status for main().  Helpers for temporary directories and vaults
 * live in testutil.h.
 */
#ifndef TEND_TAP_H
#define TEND_TAP_H

void tap_ok(int cond, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int tap_done(void);
int tap_failures(void);

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#endif
