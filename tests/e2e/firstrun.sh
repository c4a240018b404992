# tests/e2e/firstrun.sh: the first start makes a journal: a passphrase
# typed twice (a mismatch is forgiven), the recovery key shown once and
# confirmed; the journal then opens with the passphrase and the key shown
# really is its recovery key.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='blue kettle morning walk'
printf '%s\n' "$PASS" >"$T/pw"

tm_start 100 30
tm_wait "Welcome to tend."
tm_key Enter
tm_wait "Type a passphrase first"
tm_type "short"
tm_wait "This is short"
tm_key Enter
tm_wait "Once more:"
tm_type "something else"
tm_key Enter
tm_wait "The two were not the same"
tm_type "$PASS"
tm_wait "Strong."
if tm_screen | grep -q "kettle"; then _result 1 "the passphrase is not shown"
else _result 0 "the passphrase is not shown"; fi
tm_key Enter
tm_type "$PASS"
tm_key Enter
tm_wait "This is your recovery key."
ok "the journal file exists now" test -f "$T/journal.tend"
mode=$(stat -c %a "$T/journal.tend")
is "$mode" 600 "the journal file is 0600"

key=$(tm_screen | grep -E '^    [0-9A-Z]{4}( [0-9A-Z]{4}){6}$' | tr -d ' \n')
is "${#key}" 56 "the recovery key is on the screen (56 characters)"
last=$(printf '%s' "$key" | cut -c53-56)

tm_type "0000"
tm_key Enter
tm_wait "That is not how the key ends"
tm_key C-q
tm_wait "will not be shown again"
tm_type "$(printf '%s' "$last" | tr 'A-Z' 'a-z')"
tm_key Enter
tm_wait "Nothing here yet."
tm_wait "Journal: journal.tend"
tm_key q
tm_wait "tend-exited-0"

ok "tend verify opens it with the same passphrase" \
	tend -f "$T/journal.tend" --passphrase-file "$T/pw" verify
printf '%s\n' "$key" >"$T/rk"
printf 'a new passphrase\n' >"$T/pw2"
ok "the key shown is the journal's recovery key" \
	tend -f "$T/journal.tend" recover --recovery-key-file "$T/rk" \
	--new-passphrase-file "$T/pw2"
ok "and the new passphrase opens it" \
	tend -f "$T/journal.tend" --passphrase-file "$T/pw2" verify

# Left alone with the recovery key on screen, tend hides it; any key
# shows it again (TEND_TEST_IDLE_SECONDS: test only, seconds not minutes).
tm_start 100 30 TEND_FILE=second.tend TEND_TEST_IDLE_SECONDS=3
tm_wait "Welcome to tend."
tm_type "$PASS"
tm_key Enter
tm_type "$PASS"
tm_key Enter
tm_wait "The recovery key is hidden while you are away." 20
if tm_screen | grep -Eq '^    [0-9A-Z]{4}( [0-9A-Z]{4}){6}$'; then
	_result 1 "the key is off the screen"
else
	_result 0 "the key is off the screen"
fi
tm_type "x"
key2=
for _i in $(seq 200); do        # up to 10 s for the key to come back
	key2=$(tm_screen | grep -E '^    [0-9A-Z]{4}( [0-9A-Z]{4}){6}$' |
		tr -d ' \n')
	[ -n "$key2" ] && break
	sleep 0.05
done
is "${#key2}" 56 "any key shows it again"
tm_type "$(printf '%s' "$key2" | cut -c53-56)"
tm_key Enter
tm_wait "Nothing here yet."
tm_key q
tm_wait "tend-exited-0"
done_testing
