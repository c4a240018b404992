# Terminal tests: the real tend under tmux (tests/e2e/tmux.sh), each screen
# compared with a layout in tests/e2e/expected at 80x24.
E2E_TESTS = \
	tests/e2e/firstrun.sh \
	tests/e2e/unlock.sh \
	tests/e2e/resize.sh \
	tests/e2e/settings.sh \
	tests/e2e/colour.sh \
	tests/e2e/timeline.sh \
	tests/e2e/layout.sh
TESTS += $(E2E_TESTS)
EXTRA_DIST += $(E2E_TESTS) tests/e2e/tmux.sh \
	tests/e2e/expected/firstrun-choose.txt \
	tests/e2e/expected/firstrun-hint.txt \
	tests/e2e/expected/firstrun-repeat.txt \
	tests/e2e/expected/firstrun-recovery.txt \
	tests/e2e/expected/home.txt \
	tests/e2e/expected/timeline.txt \
	tests/e2e/expected/entry.txt \
	tests/e2e/expected/help-home.txt \
	tests/e2e/expected/help-unlock.txt \
	tests/e2e/expected/settings.txt \
	tests/e2e/expected/confirm.txt \
	tests/e2e/expected/unlock-locked.txt \
	tests/e2e/expected/unlock-wrong.txt \
	tests/e2e/expected/too-small.txt \
	tests/e2e/expected/small-firstrun-choose.txt \
	tests/e2e/expected/small-firstrun-recovery.txt \
	tests/e2e/expected/small-firstrun-wrong.txt \
	tests/e2e/expected/small-unlock-wrong.txt
