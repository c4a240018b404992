# Shell tests of the real binary (TAP through SH_LOG_DRIVER).
cli_tests = \
	tests/cli/init.sh \
	tests/cli/sql.sh \
	tests/cli/keys.sh \
	tests/cli/integrity.sh \
	tests/cli/badinput.sh \
	tests/cli/usage.sh \
	tests/cli/journal-entries.sh \
	tests/cli/journal-track.sh \
	tests/cli/journal-bad.sh \
	tests/cli/journal-concurrent.sh \
	tests/cli/noterm.sh \
	tests/cli/share.sh \
	tests/cli/patients.sh \
	tests/cli/export-plain.sh \
	tests/cli/testhooks.sh \
	tests/cli/rekey.sh \
	tests/cli/hostile.sh \
	tests/cli/checkin-share.sh \
	tests/cli/checkin-edit.sh \
	tests/cli/rollback.sh \
	tests/cli/jot.sh \
	tests/cli/memory.sh
TESTS += $(cli_tests)
EXTRA_DIST += $(cli_tests)

# Builds the bundles an attacker could make, for tests/cli/hostile.sh.
check_PROGRAMS += tests/cli/hostile-bundle
tests_cli_hostile_bundle_SOURCES = tests/cli/hostile-bundle.c
tests_cli_hostile_bundle_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/tests/unit
