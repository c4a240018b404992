# tests/e2e/colour.sh: themes reach the terminal, NO_COLOR turns every
# colour off while the bar and the selection still stand out (reverse),
# and a locale without UTF-8 gets plain ASCII symbols.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

# The screen with its escape sequences, one SGR code per line.
sgr_codes() {
	tm capture-pane -e -p -t tend | grep -o '\[[0-9;]*m' | tr -d '[m' |
		tr ';' '\n' | sort -u
}

has_colour() { sgr_codes | grep -Eq '^(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)$'; }

tm_start 80 24
tm_wait "Welcome to tend."
if has_colour; then _result 0 "the default theme uses colour"
else _result 1 "the default theme uses colour"; fi
tm_key C-q
tm_wait "tend-exited-0"

tm_start 80 24 NO_COLOR=1
tm_wait "Welcome to tend."
if has_colour; then _result 1 "NO_COLOR: no colour at all"
	diag "$(sgr_codes | tr '\n' ' ')"
else _result 0 "NO_COLOR: no colour at all"; fi
if sgr_codes | grep -qx 7; then _result 0 "NO_COLOR: the bar is reversed"
else _result 1 "NO_COLOR: the bar is reversed"; fi
if sgr_codes | grep -qx 1; then _result 0 "NO_COLOR: headings are bold"
else _result 1 "NO_COLOR: headings are bold"; fi
tm_key C-q
tm_wait "tend-exited-0"
tm_start 80 24 LANG=C LC_ALL=C
tm_wait "tend - New journal"
tm_type "abc"
tm_wait "New passphrase:    ***"
tm_key C-q
tm_wait "tend-exited-0"
done_testing
