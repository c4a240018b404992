# tests/e2e/flow.sh: one person's first session with tend, from the first
# run to quitting, in a real terminal: make the journal, write an entry
# with non-ASCII text, save it, check in, find the entry by searching, see
# the check-in on the chart, lock and unlock, quit; then the command line
# (tend list --json, stats --json) agrees with what was typed.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
TEXT='Heute war ich am See. Ich fühlte mich sicher, 安心 🌿'
printf '%s\n' "$PASS" >"$T/pw"
cli() { "$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
	2>/dev/null; }

# ---- first run ----
tm_start 80 24
tm_wait "Welcome to tend."
tm_type "$PASS"
tm_key Enter
tm_wait "Once more:"
tm_type "$PASS"
tm_key Enter
tm_wait "This is your recovery key."
last=$(tm_screen | grep -E '^    [0-9A-Z]{4}( [0-9A-Z]{4}){6}$' | tail -n 1 |
	awk '{ print $NF }')
tm_type "$last"
tm_key Enter
tm_wait "Nothing here yet."
tm_home

# ---- an entry ----
tm_type n
tm_wait "Your entry"
tm_type "$TEXT"
tm_wait "$TEXT"
tm_key Tab
tm_type "Am See"
tm_key C-s
tm_wait "Your entry is saved"
tm_home
tm_wait "Am See"

# ---- a check-in: c, a digit for the mood, Ctrl-S ----
tm_type c
tm_wait "How are you right now?"
tm_type 7
tm_key C-s
tm_home
tm_wait "mood 7/10"

# ---- search finds the entry, diacritics ignored ----
tm_type /
tm_type fuhlte
tm_wait "1 entry found"
tm_wait "Am See"
tm_key Escape
tm_home

# ---- the chart shows the check-in ----
tm_type g
tm_wait "(1 check-in)"
tm_key Escape
tm_home

# ---- lock and unlock ----
tm_type L
tm_wait "Your journal is locked."
ok "the locked screen shows no journal text" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q "Am See"' \
	sh "$TM_SOCK"
tm_type "$PASS"
tm_key Enter
tm_home
tm_wait "Am See"

# ---- quit ----
tm_type q
tm_wait "tend-exited-0"

# ---- the command line agrees ----
J=$(cli list --json)
is "$(printf '%s' "$J" | jq length)" 1 "one entry"
is "$(printf '%s' "$J" | jq -r '.[0].body')" "$TEXT" "its text, exactly"
is "$(printf '%s' "$J" | jq -r '.[0].title')" "Am See" "its title"
S=$(cli stats --json)
is "$(printf '%s' "$S" | jq -r '.checkins')" 1 "one check-in"
is "$(printf '%s\n' 'SELECT mood FROM checkins' | cli sql)" 7 "with mood 7"
is "$(grep -c 'fühlte' "$T/journal.tend")" 0 "the text is not in the file"

done_testing
