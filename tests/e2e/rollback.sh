# tests/e2e/rollback.sh: unlocking a journal older than the last version
# this computer saw asks before going on (issue 11, point 4): n locks it
# again, y makes the copy the current version and is not asked again.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault
t() { "$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@"; }
t add --date "2025-03-01 10:00" "an entry from before" >/dev/null 2>&1
cp "$T/journal.tend" "$T/old.tend"
t add --date "2025-03-02 10:00" "an entry from after" >/dev/null 2>&1
cp "$T/old.tend" "$T/journal.tend"

tm_start 80 24
tm_wait "Your journal is locked."
tm_type "$PASS"
tm_key Enter
tm_wait "This journal is older than the last version this computer saw"
tm_wait "y: go on with this copy   n: lock it again"
tm_layout rollback-ask
tm_type "n"
tm_wait "Your journal is locked."

tm_type "$PASS"
tm_key Enter
tm_wait "This journal is older than the last version this computer saw"
tm_type "y"
tm_wait "This copy is now the current version of your journal."
tm_wait "an entry from before"
tm_key q
tm_wait "tend-exited-0"

tm_start 80 24
tm_wait "Your journal is locked."
tm_type "$PASS"
tm_key Enter
tm_wait "an entry from before"
if tm_screen | grep -q "older than the last version"; then
	_result 1 "accepted once, not asked again"
else
	_result 0 "accepted once, not asked again"
fi
ok "verify passes after accepting" t verify
tm_key q
tm_wait "tend-exited-0"

done_testing
