# Terminal tests: the real tend under tmux (tests/e2e/tmux.sh), each screen
# compared with a layout in tests/e2e/expected at 80x24.
E2E_TESTS = \
	tests/e2e/firstrun.sh \
	tests/e2e/unlock.sh \
	tests/e2e/resize.sh \
	tests/e2e/layout.sh
TESTS += $(E2E_TESTS)
EXTRA_DIST += $(E2E_TESTS) tests/e2e/tmux.sh
