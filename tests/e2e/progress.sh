# tests/e2e/progress.sh: a long step in the app shows a bar on the message
# row (here emptying the trash, made slow with TEND_TEST_SLOW_STEP, a test
# build's hook), and the bar goes when the step is done.  At 80x24.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault
tj() { "$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
	2>/dev/null; }
id=$(tj add --date 2026-01-06 --title "Gone soon" "delete me" |
	awk '{ print $3 }')
tj rm "$id" >/dev/null

tm_start 80 24 TEND_TEST_SLOW_STEP=1500
tm_wait_q "Your journal is locked." || diag "no unlock screen" "$(tm_screen)"
tm_type "$PASS"
tm_key Enter
tm_home_q || diag "no home screen" "$(tm_screen)"
tm_type t
tm_wait "1 entry in the trash."
tm_type E
tm_wait "This cannot be undone"
tm_type y
tm_wait "Emptying the trash  " 5
like "$(tm_screen | grep 'Emptying the trash  ')" \
	'Emptying the trash  [█░]{20}( [0-9]+%)?$' "a bar of 20 cells"
like "$(tm_screen | tail -n 1)" 'Help' "the shortcut bar stays"
tm_wait "1 entry was deleted for good."
is "$(tm_screen | grep -c '█')" 0 "the bar is gone"
tm_key C-q
tm_wait "tend-exited-0"
done_testing
