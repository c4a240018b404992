# tests/e2e/sender.sh: who sent a bundle, in the full-screen review, and
# the six words asked for on a terminal.  A bundle from an unknown journal
# (or one named like a known patient but signed by another key) opens on a
# screen that says so, and no journal text shows until Enter; q closes the
# review.  An alias with escape codes shows as plain text.  tend review
# asks for the share passphrase (no echo) when there is no identity, or
# when the bundle has no slot for it.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

export XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
printf 'the therapist passphrase\n' >"$T/tpw"
tm_new_vault
j() {
	"$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
	    >"$T/j.out" 2>/dev/null || { echo "Bail out! seeding failed: $*"; exit 1; }
}
"$TEND_BIN" --passphrase-file "$T/tpw" identity new --kdf minimal \
	>"$T/key" 2>/dev/null || { echo "Bail out! no identity"; exit 1; }
"$TEND_BIN" --passphrase-file "$T/tpw" identity new --kdf minimal \
	--identity "$T/other.tend" >"$T/key2" 2>/dev/null ||
	{ echo "Bail out! no second identity"; exit 1; }
j add --share --title "Secretlynx" "only after Enter"
j sql --write <<EOF
INSERT INTO meta(key, value) VALUES
	('owner', 'Riv' || char(27) || ']0;x' || char(7) || 'er');
EOF
j export -o "$T/b.tend" --to "$(head -n 1 "$T/key")"

tm_mask() {
	sed -e "s|$T|<T>|g" \
	    -e 's/[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}/XXXX-XXXX-XXXX-XXXX/g'
}

# ---- an unknown sender ----
TM_ARGS="--passphrase-file $T/tpw review $T/b.tend"
tm_start 80 24
tm_wait "Unknown sender"
tm_wait "It calls itself: Riv]0;xer"
tm_wait "From: an unknown sender"
ok "no journal text before Enter" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q Secretlynx' \
	sh "$TM_SOCK"
tm_layout sender-unknown
tm_type '?'
tm_wait "Close the review without reading the export"
tm_key Escape
tm_wait "Unknown sender"
tm_key Enter
tm_wait "tend · Summary"
tm_wait "not one of your known"
tm_key Escape
tm_home
tm_wait "Secretlynx"
tm_wait "From: an unknown sender"
tm_type q
tm_wait "tend-exited-0"

tm_start 80 24
tm_wait "Unknown sender"
tm_type q
tm_wait "tend-exited-0"
ok "q closed it unread" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q Secretlynx' \
	sh "$TM_SOCK"

# ---- a changed key: a known patient's name, another journal ----
"$TEND_BIN" --passphrase-file "$T/tpw" patient add Robin "$T/b.tend" \
	>/dev/null 2>&1 || { echo "Bail out! patient add failed"; exit 1; }
printf 'pw two\n' >"$T/pw2"
t2() {
	"$TEND_BIN" -f "$T/v2.tend" --passphrase-file "$T/pw2" "$@" \
	    >/dev/null 2>&1 || { echo "Bail out! seeding failed: $*"; exit 1; }
}
t2 init --kdf minimal --recovery-key-file "$T/rk2"
t2 add --share --title "Impostorlynx" "x"
t2 name Robin
t2 export -o "$T/b2.tend" --to "$(head -n 1 "$T/key")" --share-passphrase
TM_ARGS="--passphrase-file $T/tpw review $T/b2.tend"
tm_start 80 24
tm_wait "This journal's key has changed"
tm_wait 'This export is named "Robin", like your patient Robin'
ok "no journal text before Enter" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q Impostorlynx' \
	sh "$TM_SOCK"
tm_layout sender-changed
tm_key Enter
tm_wait "not signed by the journal of"
tm_key Escape
tm_wait "Impostorlynx"
tm_wait "From: a changed key"
tm_type q
tm_wait "tend-exited-0"

# ---- a known patient: straight to the summary, the journal below ----
TM_ARGS="--passphrase-file $T/tpw review $T/b.tend"
tm_start 80 24
tm_wait "tend · Summary"
tm_key Escape
tm_home
tm_wait "From: Robin (known)"
tm_wait "Secretlynx"
tm_type q
tm_wait "tend-exited-0"

# ---- the six words, asked for on a terminal ----
j export -o "$T/b3.tend" --share-passphrase
head -n 1 "$T/j.out" >"$T/words"
words=$(cat "$T/words")
# No identity at all.
TM_ARGS="review --json --identity $T/none.tend $T/b3.tend"
tm_start 80 24
tm_wait "The share passphrase (six words):"
tm_type "$words"
ok "the words are not echoed" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -qF "$2"' \
	sh "$TM_SOCK" "$words"
tm_key Enter
tm_wait '"from":{"name":null,"known":false'
tm_wait "tend-exited-0"
# An identity the bundle has no slot for (it was made for another key and
# the six words): the identity's passphrase first, then the words.
j export -o "$T/b4.tend" --to "$(head -n 1 "$T/key2")" --share-passphrase
head -n 1 "$T/j.out" >"$T/words4"
TM_ARGS="--passphrase-file $T/tpw review --json $T/b4.tend"
tm_start 80 24
tm_wait "This bundle was not made for your identity"
tm_wait "The share passphrase (six words):"
tm_type "$(cat "$T/words4")"
tm_key Enter
tm_wait '"known":true'
tm_wait "tend-exited-0"
# Wrong words: one line, exit 1.
tm_start 80 24
tm_wait "The share passphrase (six words):"
tm_type "able acorn actor adapt admit advice"
tm_key Enter
tm_wait "wrong share passphrase"
tm_wait "tend-exited-1"
# Without a terminal nothing is asked: the error as before.
ok_rc 1 "no terminal: no question" "$TEND_BIN" review --json \
	--identity "$T/none.tend" "$T/b3.tend" </dev/null
one_line "$ERR" "one line"
like "$ERR" "no identity" "it says there is no identity"

done_testing
