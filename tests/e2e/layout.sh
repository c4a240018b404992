# tests/e2e/layout.sh: every screen at 80x24, compared line by line with
# tests/e2e/expected/*.txt (paths and the recovery key masked).  After a
# deliberate change to a screen: TEND_E2E_UPDATE=1 make check
# TESTS=tests/e2e/layout.sh, then read the diff before committing.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'

tm_start 80 24
tm_wait_q "Welcome to tend." || diag "no first-run screen"
tm_layout firstrun-choose
tm_type "$PASS"
tm_wait_q "Strong."
tm_layout firstrun-hint
tm_key Enter
tm_wait_q "Once more:"
tm_layout firstrun-repeat
tm_type "$PASS"
tm_key Enter
tm_wait_q "This is your recovery key."
tm_layout firstrun-recovery
last=$(tm_screen | grep -E '^    [0-9A-Z]{4}( [0-9A-Z]{4}){6}$' | tail -n 1 |
	awk '{ print $NF }')
tm_type "$last"
tm_key Enter
tm_wait_q "Nothing here yet."
tm_layout home
tm_type "?"
tm_wait_q "Help: Home"
tm_layout help-home
tm_key Escape
tm_type "o"
tm_wait_q "Lock after"
tm_layout settings
tm_type "r"
tm_wait_q "Put every setting back"
tm_layout confirm
tm_type "n"
tm_wait_q "Nothing was changed."
tm_key Escape
tm_type "L"
tm_wait_q "Your journal is locked."
tm_layout unlock-locked
tm_type "wrong"
tm_key Enter
tm_wait_q "did not open"
tm_layout unlock-wrong
tm_key F1
tm_wait_q "Help: Unlock"
tm_layout help-unlock
tm_key Escape
tm_resize 20 6
tm_wait_q "Please make it"
tm_layout too-small
tm_resize 80 24
tm_wait_q "Your journal is locked."
tm_key C-q
tm_wait "tend-exited-0"

# At the smallest size tend works at (44x14) the explanations give way,
# but the fields, the recovery key and "write it down" stay.
tm_start 44 14 TEND_FILE=small.tend
tm_wait_q "Welcome to tend." || diag "no first-run screen"
tm_layout small-firstrun-choose
tm_type "$PASS"
tm_key Enter
tm_type "$PASS"
tm_key Enter
tm_wait_q "Last four:"
tm_layout small-firstrun-recovery
tm_type "zzzz"
tm_key Enter
tm_wait_q "not how the key ends"
tm_layout small-firstrun-wrong
tm_key C-q
tm_key C-q
tm_wait_q "tend-exited-0"
tm_start 44 14 TEND_FILE=small.tend
tm_wait_q "Your journal is locked."
tm_type "wrong"
tm_key Enter
tm_wait_q "did not open"
tm_layout small-unlock-wrong
tm_key C-q
tm_wait "tend-exited-0"
done_testing
