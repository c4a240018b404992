# Terminal tests: the real tend under tmux (tests/e2e/tmux.sh), each screen
# compared with a layout in tests/e2e/expected at 80x24.
E2E_TESTS = \
	tests/e2e/firstrun.sh \
	tests/e2e/unlock.sh \
	tests/e2e/resize.sh \
	tests/e2e/settings.sh \
	tests/e2e/colour.sh \
	tests/e2e/timeline.sh \
	tests/e2e/checkin.sh \
	tests/e2e/lists.sh \
	tests/e2e/chart.sh \
	tests/e2e/search.sh \
	tests/e2e/editor.sh \
	tests/e2e/review.sh \
	tests/e2e/flow.sh \
	tests/e2e/layout.sh \
	tests/e2e/report-html.sh \
	tests/e2e/export.sh \
	tests/e2e/sender.sh \
	tests/e2e/export-keys.sh \
	tests/e2e/passwd.sh \
	tests/e2e/rollback.sh \
	tests/e2e/jot.sh \
	tests/e2e/progress.sh \
	tests/e2e/mistakes.sh \
	tests/e2e/measure.sh \
	tests/e2e/measure-take.sh \
	tests/e2e/summary.sh \
	tests/e2e/themes.sh \
	tests/e2e/access.sh
TESTS += $(E2E_TESTS)
# The HTML report's screenshot, kept next to the test logs to look at.
CLEANFILES += tests/e2e/report-html.png
EXTRA_DIST += $(E2E_TESTS) tests/e2e/tmux.sh \
	tests/e2e/expected/firstrun-choose.txt \
	tests/e2e/expected/firstrun-hint.txt \
	tests/e2e/expected/firstrun-repeat.txt \
	tests/e2e/expected/firstrun-recovery.txt \
	tests/e2e/expected/home.txt \
	tests/e2e/expected/rollback-ask.txt \
	tests/e2e/expected/jot.txt \
	tests/e2e/expected/sessions.txt \
	tests/e2e/expected/sessions-empty.txt \
	tests/e2e/expected/agenda.txt \
	tests/e2e/expected/trash.txt \
	tests/e2e/expected/timeline.txt \
	tests/e2e/expected/entry.txt \
	tests/e2e/expected/help-home.txt \
	tests/e2e/expected/help-unlock.txt \
	tests/e2e/expected/settings.txt \
	tests/e2e/expected/confirm.txt \
	tests/e2e/expected/checkin.txt \
	tests/e2e/expected/support.txt \
	tests/e2e/expected/support-empty.txt \
	tests/e2e/expected/editor.txt \
	tests/e2e/expected/review.txt \
	tests/e2e/expected/summary.txt \
	tests/e2e/expected/summary-phases.txt \
	tests/e2e/expected/review-about.txt \
	tests/e2e/expected/sender-unknown.txt \
	tests/e2e/expected/sender-changed.txt \
	tests/e2e/expected/export-own.txt \
	tests/e2e/expected/export-therapist.txt \
	tests/e2e/expected/unlock-locked.txt \
	tests/e2e/expected/unlock-wrong.txt \
	tests/e2e/expected/too-small.txt \
	tests/e2e/expected/small-firstrun-choose.txt \
	tests/e2e/expected/small-firstrun-recovery.txt \
	tests/e2e/expected/small-firstrun-wrong.txt \
	tests/e2e/expected/small-unlock-wrong.txt \
	tests/e2e/expected/chart.txt \
	tests/e2e/expected/chart-empty.txt \
	tests/e2e/expected/chart-text.txt \
	tests/e2e/expected/search.txt \
	tests/e2e/expected/export.txt \
	tests/e2e/expected/export-none.txt \
	tests/e2e/expected/passwd-current.txt \
	tests/e2e/expected/passwd-ask.txt \
	tests/e2e/expected/passwd-key.txt \
	tests/e2e/expected/mistakes-trashed.txt \
	tests/e2e/expected/mistakes-home-trashed.txt \
	tests/e2e/expected/mistakes-checkin-edit.txt \
	tests/e2e/expected/mistakes-agenda-done.txt \
	tests/e2e/expected/measure-home.txt \
	tests/e2e/expected/measure-list.txt \
	tests/e2e/expected/measure-intro.txt \
	tests/e2e/expected/measure-item.txt \
	tests/e2e/expected/measure-review.txt
