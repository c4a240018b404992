/*
 * testhook.h: settings that exist only for the test suite.
 *
 * The tests need a cheap key derivation and an idle lock after seconds
 * rather than minutes.  These come from the environment, but only in a
 * binary built with TEND_TEST_HOOKS defined: `make check` builds one as
 * tests/hooks/tend, and `./configure --enable-test-hooks` turns them on in
 * tend itself.  In every other build test_hook() returns NULL and the
 * names of the variables are not even in the binary.
 */
#ifndef TEND_TESTHOOK_H
#define TEND_TESTHOOK_H

enum test_hook {
	TEST_HOOK_KDF,          /* a key derivation profile name, e.g. minimal */
	TEST_HOOK_IDLE_SECONDS, /* lock the app after this many idle seconds */
	TEST_HOOK_SLOW_STEP     /* milliseconds every long step waits first,
	                         * so that its progress line shows */
};

/* The hook's value, or NULL when it is unset or hooks are compiled out. */
const char *test_hook(enum test_hook h);

#endif
