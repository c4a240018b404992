# Power-loss simulation (crashsim, with the crash VFS under the shim) and
# the tamper sweep.  Both are TAP programs built like the unit tests, with
# sanitizers.  `make check-crash` runs every crash point.
CRASH_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/tests/unit

check_PROGRAMS += tests/crash/crashsim
TESTS += tests/crash/crashsim
noinst_HEADERS += tests/crash/crashvfs.h

tests_crash_crashsim_SOURCES = tests/crash/crashsim.c tests/crash/crashvfs.c
tests_crash_crashsim_CFLAGS = $(CRASH_CFLAGS)

check-crash: tests/crash/crashsim
	@$(AM_TESTS_ENVIRONMENT) tests/crash/crashsim --all
.PHONY: check-crash

check_PROGRAMS += tests/crash/tamper
TESTS += tests/crash/tamper

tests_crash_tamper_SOURCES = tests/crash/tamper.c
tests_crash_tamper_CFLAGS = $(CRASH_CFLAGS)
