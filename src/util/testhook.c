/*
 * testhook.c: the test suite's environment variables (see testhook.h).
 *
 * This file is compiled twice: into libtend.a without TEND_TEST_HOOKS
 * (every lookup answers NULL) and into tests/hooks/tend with it.
 */
#include "config.h"

#include <stddef.h>

#include "tend/testhook.h"

#ifdef TEND_TEST_HOOKS
#include <stdlib.h>

const char *
test_hook(enum test_hook h)
{
	switch (h) {
	case TEST_HOOK_KDF:
		return getenv("TEND_TEST_KDF");
	case TEST_HOOK_IDLE_SECONDS:
		return getenv("TEND_TEST_IDLE_SECONDS");
	case TEST_HOOK_SLOW_STEP:
		return getenv("TEND_TEST_SLOW_STEP");
	}
	return NULL;
}
#else
const char *
test_hook(enum test_hook h)
{
	(void)h;
	return NULL;
}
#endif
