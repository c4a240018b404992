# tests/cli/noterm.sh: tend with no command and no terminal says the app
# needs one (and where the journal is), and never writes escape codes.
. "$TEND_SRCDIR/tests/lib.sh"

ok_rc 0 "no command, not a terminal: exit 0" tend </dev/null
like "$OUT" "needs a terminal" "it says the app needs a terminal"
like "$OUT" "not made yet" "and that there is no journal yet"
if printf '%s' "$OUT" | grep -q "$(printf '\033')"; then
	_result 1 "no escape codes"
else
	_result 0 "no escape codes"
fi
new_vault
ok_rc 0 "with a journal" tend </dev/null
like "$OUT" "Your journal is $T/v.tend\." "it names the journal"
done_testing
