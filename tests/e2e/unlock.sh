# tests/e2e/unlock.sh: unlocking (a wrong passphrase, then the right one),
# help, locking with L and by idle time, and leaving by q, Ctrl-C and
# SIGTERM with the terminal given back each time.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault

tm_start 100 30
tm_wait "Your journal is locked."
tm_type "not it"
tm_key Enter
tm_wait "That passphrase did not open your journal. Take your time"
tm_type "$PASS"
tm_key Enter
tm_wait "Nothing here yet."
tm_wait "minimal"
# The note is longer than a row: it wraps onto a second row, not cut.
tm_wait "moderate makes it strong."

tm_type "?"
tm_wait "Help: Home"
tm_wait "Lock: The screen clears at once"
tm_wait "Esc Back"
tm_key Escape
tm_wait "Nothing here yet."

tm_type "L"
tm_wait "Your journal is locked."
tm_wait "Locked. Your journal is closed"
if tm_screen | grep -q "Nothing here yet"; then _result 1 "lock clears the screen"
else _result 0 "lock clears the screen"; fi
tm_key F1
tm_wait "Help: Unlock"
tm_key Escape
tm_type "$PASS"
tm_key Enter
tm_wait "Nothing here yet."
tm_key q
tm_wait "tend-exited-0"

# Ctrl-C leaves at once, cleanly.
tm_start 100 30
tm_wait "Your journal is locked."
tm_key C-c
tm_wait "tend-exited-0"

# SIGTERM: the loop notices the flag, the screens leave, the terminal is
# restored and tend exits normally.
tm_start 100 30
tm_wait "Your journal is locked."
tm_type "$PASS"
tm_key Enter
tm_wait "Nothing here yet."
pid=$(tm_tend_pid)
like "$pid" '^[0-9]+$' "tend is running as process $pid"
kill -TERM "$pid"
tm_wait "tend-exited-0"

# SIGHUP (the terminal went away) and SIGINT from outside: the same.
for sig in HUP INT; do
	tm_start 100 30
	tm_wait "Your journal is locked."
	tm_type "$PASS"
	tm_key Enter
	tm_wait "Nothing here yet."
	kill -"$sig" "$(tm_tend_pid)"
	tm_wait "tend-exited-0"
done

# Locking by itself after the idle time (a test-only override in seconds
# instead of the configured minutes).
# (Not waiting to see the open journal: on a busy machine the second could
# pass before a capture sees it; the message below only follows an unlock.)
tm_start 100 30 TEND_TEST_IDLE_SECONDS=2
tm_wait "Your journal is locked."
tm_type "$PASS"
tm_key Enter
tm_wait "Locked after a while without a key press." 20
tm_wait "Your journal is locked."
tm_key C-q
tm_wait "tend-exited-0"

# A passphrase in UTF-8, with Backspace taking back one whole character.
printf 'café ☕ łódź\n' >"$T/pw-utf8"
ok "a journal with a UTF-8 passphrase" tend -f "$T/utf8.tend" \
	--passphrase-file "$T/pw-utf8" init --kdf minimal \
	--recovery-key-file "$T/rk-utf8"
tm_start 100 30 TEND_FILE=utf8.tend
tm_wait "Your journal is locked."
tm_type "café ☕ łódźź"
tm_key BSpace
tm_key Enter
tm_wait "Nothing here yet."
tm_key q
tm_wait "tend-exited-0"

ok "the journal is still sound" \
	tend -f "$T/journal.tend" --passphrase-file "$T/pw" verify
done_testing
