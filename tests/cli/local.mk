# Shell tests of the command line.
CLI_TESTS = \
	tests/cli/noterm.sh
TESTS += $(CLI_TESTS)
EXTRA_DIST += $(CLI_TESTS)
