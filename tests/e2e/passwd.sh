# tests/e2e/passwd.sh: changing the passphrase in the app (Settings, p),
# and the re-encryption it offers: after a yes the journal is under a new
# key (an old copy's header no longer reads it), the new recovery key is
# shown once and must be typed back, and the journal opens with the new
# passphrase.  After a no, the recovery key still works.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
NEW='a calm new passphrase'
V="$T/journal.tend"
tm_new_vault
"$TEND_BIN" -f "$V" --passphrase-file "$T/pw" add --title "kept" \
	"an entry from before" >/dev/null 2>&1
cp "$V" "$T/old.tend"
printf '%s\n' "$NEW" >"$T/pw-new"

unlock() {
	tm_wait "Your journal is locked."
	tm_type "$1"
	tm_key Enter
	tm_home
}

tm_start 80 24
unlock "$PASS"
tm_type "o"
tm_wait "p Passphrase"
tm_type "p"
tm_wait "Passphrase now:"
tm_layout passwd-current
tm_type "not it"
tm_key Enter
tm_wait "That is not the passphrase in use."
tm_type "$PASS"
tm_key Enter
tm_wait "New passphrase:"
tm_type "$NEW"
tm_key Enter
tm_wait "Once more:"
tm_type "$NEW"
tm_key Enter
tm_wait "Also re-encrypt everything with a new key? [y/N]"
tm_layout passwd-ask
tm_type "y"
tm_wait "This is your new recovery key"
tm_layout passwd-key
KEY=$(tm_screen | grep -E '^    [0-9A-Z]{4}( [0-9A-Z]{4}){6}$' | tr -d ' ' |
	tr -d '\n')
is "${#KEY}" 56 "the new recovery key is on the screen"
tm_type "ZZZZ"
tm_key Enter
tm_wait "That is not how the key ends."
tm_type "$(printf '%s' "$KEY" | tail -c 4)"
tm_key Enter
tm_wait "Everything is re-encrypted under a new key."
tm_wait "Your journal is locked."
tm_type "$PASS"
tm_key Enter
tm_wait "That passphrase did not open your journal."
tm_type "$NEW"
tm_key Enter
tm_home
tm_wait "kept"
tm_key q
tm_wait "tend-exited-0"

ok_rc 1 "the old passphrase no longer opens the journal" \
	"$TEND_BIN" -f "$V" --passphrase-file "$T/pw" list
ok "the new one does" "$TEND_BIN" -f "$V" --passphrase-file "$T/pw-new" list
like "$OUT" "kept" "... with the entry from before"
"$TEND_BIN" -f "$V" --passphrase-file "$T/pw-new" add --title "later" \
	"written after the change" >/dev/null 2>&1
head -c 4096 "$T/old.tend" >"$T/glued.tend"
tail -c +4097 "$V" >>"$T/glued.tend"
ok_rc 1 "an old header with the old passphrase reads no new page" \
	"$TEND_BIN" -f "$T/glued.tend" --passphrase-file "$T/pw" list
printf '%s\n' "$KEY" | sed 's/\(....\)/\1-/g; s/-$//' >"$T/key-new"
ok "the recovery key shown opens the journal" "$TEND_BIN" -f "$V" recover \
	--recovery-key-file "$T/key-new" --new-passphrase-file "$T/pw-new"
ok_rc 1 "the first recovery key does not" "$TEND_BIN" -f "$V" recover \
	--recovery-key-file "$T/recovery" --new-passphrase-file "$T/pw-new"

# A no keeps the key: only the passphrase changes.
tm_start 80 24
unlock "$NEW"
tm_type "o"
tm_type "p"
tm_wait "Passphrase now:"
tm_type "$NEW"
tm_key Enter
tm_wait "New passphrase:"
tm_type "$PASS"
tm_key Enter
tm_type "$PASS"
tm_key Enter
tm_wait "[y/N]"
tm_type "n"
tm_wait "The recovery key still works."
tm_wait "Settings"
tm_key Escape
tm_key q
tm_wait "tend-exited-0"
ok "after a no the new passphrase opens the journal" \
	"$TEND_BIN" -f "$V" --passphrase-file "$T/pw" list
ok "and the recovery key still works" "$TEND_BIN" -f "$V" recover \
	--recovery-key-file "$T/key-new" --new-passphrase-file "$T/pw"

# Esc before the change leaves everything as it was.
tm_start 80 24
unlock "$PASS"
tm_type "o"
tm_type "p"
tm_wait "Passphrase now:"
tm_key Escape
tm_wait "The passphrase was not changed."
tm_key Escape
tm_key q
tm_wait "tend-exited-0"
ok "Esc changed nothing" "$TEND_BIN" -f "$V" --passphrase-file "$T/pw" list
done_testing
