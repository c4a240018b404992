# tests/cli/jot.sh: tend jot writes a sealed note without the passphrase;
# the next command that may write brings it in, once.
. "$TEND_SRCDIR/tests/lib.sh"

new_vault
IN="$T/v.tend-inbox"

ok_rc 0 "jot from a pipe, no passphrase" sh -c \
	"printf 'a heron by the canal\n' | '$TEND_BIN' jot"
like "$OUT" "next unlock" "it says when the note comes in"
ok_rc 0 "jot TEXT from argv" tend jot "the word" lighthouse
ok_rc 0 "jot - reads stdin" sh -c "printf 'third: moss\n' | '$TEND_BIN' jot -"
is "$(stat -c %a "$IN")" 600 "the inbox is 0600"
is "$(strings "$IN" | grep -c -e heron -e lighthouse -e moss)" 0 \
	"strings shows none of the notes' words"
is "$(( ($(stat -c %s "$IN") - 16) % (4 + 48 + 1024) ))" 0 \
	"every note is padded to the same size"
ok_rc 1 "an empty note is refused" sh -c "printf '\n\n' | '$TEND_BIN' jot"
one_line "$ERR" "in one sentence"
ok_rc 2 "jot has no options" tend jot --title x
ok_rc 0 "jot -h shows its usage" tend jot -h
like "$OUT" "usage: tend .*jot \[TEXT \| -\]" "... on stdout"
like "$(tend --help)" "jot .*shell history" "help says where argv text goes"

# Reading does not bring notes in; the next command that writes does.
ok "a read-only command" tend --passphrase-file "$T/pw" list
is "$(grep -c heron <<EOF2
$OUT
EOF2
)" 0 "... does not show the notes yet"
ok "a command that writes" tend --passphrase-file "$T/pw" add "written today"
like "$ERR" "3 notes jotted while the journal was locked came in" \
	"it says how many came in"
ok_rc 0 "the inbox is removed" test ! -e "$IN"
ok "list" tend --passphrase-file "$T/pw" list --tag jot
like "$OUT" "a heron by the canal" "the piped note is an entry"
like "$OUT" "the word lighthouse" "the argv note too"
is "$(printf '%s\n' "$OUT" | grep -c '#jot')" 3 "three entries tagged jot"
ok "another write" tend --passphrase-file "$T/pw" add "and again"
is "$(printf '%s\n' "$ERR" | grep -c 'came in')" 0 "nothing more comes in"
is "$(printf "SELECT count(*) FROM entries WHERE shared = 0 AND uuid IN \
(SELECT e.uuid FROM entries e JOIN tags t ON t.entry = e.id AND \
t.tag = 'jot');\n" | sqlv 2>/dev/null)" 3 "each once, none shared"

# A vault that is not there, and a file that is not a vault.
ok_rc 1 "jot with no vault" tend -f "$T/none.tend" jot "x"
like "$ERR" "no vault at" "says there is no vault"
printf 'not a vault at all, just some text here\n%.0s' $(seq 200) >"$T/junk"
ok_rc 1 "jot to a file that is not a vault" tend -f "$T/junk" jot "x"
one_line "$ERR" "in one sentence"
ok_rc 0 "and nothing was written beside it" test ! -e "$T/junk-inbox"

done_testing
