# tests/e2e/jot.sh: a quick note from the unlock screen at 80x24, sealed
# without the passphrase, then brought in at the unlock and counted on the
# home screen; a note jotted from the command line too.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault
IN="$T/journal.tend-inbox"

tm_start 80 24
tm_wait "Your journal is locked."
tm_wait "^N Quick note"
tm_key C-n
tm_wait "A quick note"
tm_wait "Write here. Ctrl-S keeps it."
tm_wait "^S Keep"
tm_type "the kettle sang and I felt calm"
tm_key Enter
tm_type "second line of the note"
tm_wait "second line of the note"
tm_layout jot
tm_key C-s
tm_wait "Your note is sealed."
tm_wait "1 note, written while locked, will come in when you unlock."
ok "the inbox is there" test -f "$IN"
is "$(stat -c %a "$IN")" 600 "the inbox is mode 0600"
is "$(grep -c kettle "$IN")" 0 "no word of the note is in the inbox"
is "$(strings "$IN" | grep -c -e kettle -e calm -e 'second line')" 0 \
	"strings finds none of it either"

# Esc once with text asks; Esc again leaves without keeping it.
tm_key C-n
tm_wait "Write here."
tm_type "not this one"
tm_key Escape
tm_wait "Press Esc again to leave without keeping the note"
tm_key Escape
tm_wait "Your journal is locked."
ok "the dropped note was not kept" sh -c \
	"[ \$(stat -c %s '$IN') -eq \$((16 + 4 + 48 + 1024)) ]"

# A second note from the command line while the app waits.
printf 'from the command line\n' |
	"$TEND_BIN" -f "$T/journal.tend" jot >/dev/null 2>&1
tm_type "$PASS"
tm_key Enter
tm_home
tm_wait "2 notes came in while your journal was locked (tagged jot)."
tm_wait "the kettle sang"
ok "the inbox is gone after the unlock" test ! -e "$IN"
tm_type "L"
tm_wait "Your journal is locked."
tm_type "$PASS"
tm_key Enter
tm_home
if tm_screen | grep -q "came in while"; then
	_result 1 "the next unlock says nothing more"
else
	_result 0 "the next unlock says nothing more"
fi
tm_key q
tm_wait "tend-exited-0"
n=$(printf 'SELECT count(*) FROM tags WHERE tag = %s;\n' "'jot'" |
	"$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" sql 2>/dev/null)
is "$n" 2 "two entries tagged jot, each once"

done_testing
