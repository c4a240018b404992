# tests/e2e/export-keys.sh: the patient's side of knowing who sent a
# bundle, in the app.  The export screen shows the journal's own
# fingerprint (the same as tend export prints) and the name its files
# carry; Ctrl-N changes that name (a space at its start is refused) and
# so does n in the settings; Ctrl-T stores a therapist's key pasted as the
# tend1 line, showing its fingerprint before saving (a mistyped key
# cannot be saved), and the new therapist is ticked at once.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault
j() {
	"$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
		2>/dev/null
}
printf 'the therapist speaks\n' >"$T/tpw"
"$TEND_BIN" --passphrase-file "$T/tpw" identity new --kdf minimal \
	>"$T/id1" 2>/dev/null || { echo "Bail out! identity new"; exit 1; }
key=$(sed -n 1p "$T/id1")
tfpr=$(sed -n 2p "$T/id1")
j add --share "a shared line" >/dev/null
# The journal's own fingerprint, as tend export says it.
j export -o "$T/probe.tend" --share-passphrase >/dev/null 2>"$T/probe.err"
own=$(grep -Eo '[0-9A-Z]{4}(-[0-9A-Z]{4}){3}' "$T/probe.err" | head -n 1)

tm_mask() {
	sed -e "s|$T|<T>|g" -e "s/$(date +%F)/<today>   /g" \
	    -e 's/tend1[02-9ac-hj-np-z]\{58\}/tend1<the key>/' \
	    -e 's/[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}/XXXX-XXXX-XXXX-XXXX/g'
}

tm_start 80 24
tm_wait "Your journal is locked."
tm_type "$PASS"
tm_key Enter
tm_home
tm_key e
tm_wait "Who can open the file"
tm_wait "Your journal's fingerprint: $own"
tm_wait "Its files carry no name (Ctrl-N gives it one)."
tm_wait "press Ctrl-T"
tm_layout export-own

# The name.
tm_key C-n
tm_wait "The name your exported files carry:"
tm_type " River"
tm_key Enter
tm_wait "Not saved: the name begins or ends with a space."
tm_key C-u
tm_type "River"
tm_key Enter
tm_wait 'Its files carry the name "River" (Ctrl-N changes it).'
is "$(j name)" River "tend name sees it"

# A therapist's key, pasted.
tm_key C-t
tm_wait "with a name you will know them by"
tm_type "Dr Ada"
tm_key Tab
tm_type "$(printf '%s' "$key" | sed 's/.$//')"
tm_wait "This is not a whole key yet"
tm_key C-s
tm_wait "Not saved:"
is "$(j therapist list)" "" "a mistyped key is not saved"
tm_type "$(printf '%s' "$key" | sed 's/.*\(.\)$/\1/')"
tm_wait "Fingerprint: $tfpr"
tm_layout export-therapist
tm_key Enter
tm_wait "Saved. Tick them to write a file they can open."
tm_wait "[x] Dr Ada"
is "$(j therapist list | cut -f1,3)" "$(printf 'Dr Ada\t%s' "$tfpr")" \
	"the therapist is stored"

# The name from the settings too.
tm_key Escape
tm_home
tm_key o
tm_wait 'Your exported files carry the name "River" (n changes it).'
tm_key n
tm_wait "The name your exported files carry:"
tm_key C-u
tm_type "Robin"
tm_key Enter
tm_wait 'Your exported files carry the name "Robin" (n changes it).'
is "$(j name)" Robin "the settings changed it"
tm_key Escape
tm_home
tm_type q
tm_wait "tend-exited-0"

done_testing
