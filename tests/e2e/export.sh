# tests/e2e/export.sh: the export screen writes a bundle for the
# therapist.  A journal seeded with the command line (a shared and a
# private entry with words found nowhere else, an older shared entry
# before the last session, a shared and a private check-in, a session,
# two stored therapists)
# is exported from the app: nobody chosen is refused, the summary shows
# before anything is written, the file opens with the chosen therapist's
# identity (tend review) and holds the shared entry and check-in in the
# range but not the private ones (the summary counts the private
# check-in left out); an existing file is refused and left alone; a share
# passphrase is shown once and opens the file; private entries go only
# when ticked; the page fits 80x24 and survives 44x14; with no therapist
# stored it says how to add one and offers the share passphrase.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault
j() {
	"$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
		>/dev/null 2>&1 || { echo "Bail out! seeding failed: $*"; exit 1; }
}

# Two therapists' identities; Dr Ada's is the default one.
printf 'the therapist speaks\n' >"$T/tpw"
printf 'another therapist\n' >"$T/tpw2"
ID="$XDG_DATA_HOME/tend/identity.tend"
"$TEND_BIN" --passphrase-file "$T/tpw" identity new --kdf minimal \
	>"$T/id1" 2>/dev/null || { echo "Bail out! identity new"; exit 1; }
"$TEND_BIN" --passphrase-file "$T/tpw2" identity new --kdf minimal \
	--identity "$T/id2.tend" >"$T/id2" 2>/dev/null ||
	{ echo "Bail out! identity new"; exit 1; }
j therapist add "Dr Ada" "$(head -n 1 "$T/id1")"
j therapist add "Bo" "$(head -n 1 "$T/id2")"

j add --date "2025-03-01 10:00" --share --title "Before" "the oldharbour lights"
j session add --kind medicine --date "2025-03-10 09:00"
j add --share --title "Shared" "the zebrafinch sings at dawn"
j add --title "Mine" "the marmalade secret stays home"
j checkin --mood 6 --note "steady"
j checkin --mood 3 --private --note "the quietotter check-in"

# The default file name carries today's date; fingerprints are new
# every run.
TODAY=$(date +%F)
tm_mask() {
	sed -e "s|$T|<T>|g" -e "s/$TODAY/<today>   /g" \
	    -e 's/[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}/XXXX-XXXX-XXXX-XXXX/g'
}

unlock() {
	tm_wait "Your journal is locked."
	tm_type "$PASS"
	tm_key Enter
	tm_home
}

review() {   # review FILE: the bundle as JSON, opened with Dr Ada's key
	"$TEND_BIN" --passphrase-file "$T/tpw" review "$1" --json \
		--identity "$ID" 2>"$T/.rerr"
}

DEF="$HOME/tend-export-$TODAY.tend"

# ---- the page, nobody chosen, the summary, writing ----
tm_start 80 24
unlock
tm_key e
tm_wait "Who can open the file"
tm_wait "since the last session (2025-03-10)"
tm_wait "~/tend-export-$TODAY.tend"
tm_layout export
tm_key C-s
tm_wait "Please choose who can open the file"
[ ! -e "$DEF" ]; _result $? "nothing written with nobody chosen"

tm_key Down Space               # tick Dr Ada (Bo comes first)
tm_wait "▸ [x] Dr Ada"
tm_key C-s
tm_wait "The file will hold 1 entry marked to share, 1 check-in, 1 session"
tm_wait "all on $TODAY. Private entries stay out, and so"
tm_wait "does 1 private check-in. Only Dr Ada can open it."
tm_wait "Ada can open it. Write it now?"
[ ! -e "$DEF" ]; _result $? "nothing written before the answer"
tm_key n
tm_wait "Nothing was written."
[ ! -e "$T/small.tend" ]; _result $? "no answer, no file"
[ ! -e "$DEF" ]; _result $? "nothing written after no"

# Enter on Write asks the same.
tm_key Tab Tab Tab Tab Tab
tm_key Enter
tm_wait "The file will hold 1 entry marked to share"
tm_key y
tm_wait "The file is written"
tm_wait "Only Dr Ada can open it."
tm_wait "Written to ~/tend-export-$TODAY.tend; only Dr Ada can open it."
[ -f "$DEF" ]; _result $? "the file is there"
is "$(stat -c %a "$DEF")" 600 "the file is 0600"
OUT=$(review "$DEF")
_result $? "tend review opens it with Dr Ada's identity"
like "$OUT" "zebrafinch" "the shared entry is in it"
printf '%s' "$OUT" | grep -q marmalade
_result $((! $?)) "the private entry is not"
printf '%s' "$OUT" | grep -q oldharbour
_result $((! $?)) "an entry before the last session is not"
like "$OUT" '"mood":6' "the check-in is in it"
printf '%s' "$OUT" | grep -q quietotter
_result $((! $?)) "the private check-in is not"
"$TEND_BIN" --passphrase-file "$T/tpw2" review "$DEF" --json \
	--identity "$T/id2.tend" >/dev/null 2>&1
_result $((! $?)) "Bo cannot open it"

# ---- an existing file is refused and left alone ----
sum=$(sha256sum "$DEF")
tm_key Escape
tm_home
tm_key e
tm_wait "Who can open the file"
tm_key Down Space C-s
tm_wait "A file with that name is already there"
is "$(sha256sum "$DEF")" "$sum" "the existing file is untouched"

# ---- a folder that does not exist is said before the question ----
tm_key C-u
tm_type "$T/no/such/folder/x.tend"
tm_key C-s
tm_wait "That folder does not exist or cannot be written to"
ok "no question was asked" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q "Write it now?"' \
	sh "$TM_SOCK"
ok "nothing was made" test ! -e "$T/no"

# ---- a share passphrase, private entries, everything ----
tm_key Up Up Up Space           # the share passphrase (from the file)
tm_wait "[x] also a six-word share passphrase"
tm_key Down Space Space         # the range: everything
tm_wait "‹ everything ›"
tm_key Down Space               # private entries too
tm_wait "[x] included"
tm_key Down C-u
tm_type "all.tend"
tm_key C-s
tm_wait "The file will hold 3 entries, 2 check-ins"
tm_wait "Private entries and check-ins are"
tm_key y
tm_wait "The share passphrase, shown only now"
tm_wait "Written to $T/all.tend"
tm_wait "Only Dr Ada and whoever has the share passphrase can open it."
tm_wait "never in the same message as the file"
WORDS=$(tm_screen | sed -n '/shown only now/,$p' | sed -n 3p | sed 's/^ *//')
like "$WORDS" '^[a-z]+( [a-z]+){5}$' "six words are shown"
printf '%s\n' "$WORDS" >"$T/words"
OUT=$("$TEND_BIN" review "$T/all.tend" --json \
	--share-passphrase-file "$T/words" 2>/dev/null)
_result $? "the share passphrase opens it"
like "$OUT" "marmalade" "the private entry is in it"
like "$OUT" "oldharbour" "so is the older one"
like "$OUT" "quietotter" "and the private check-in"
OUT=$(review "$T/all.tend")
_result $? "Dr Ada's identity opens it too"

# ---- small terminals ----
tm_key Escape
tm_home
tm_key e
tm_wait "Who can open the file"
tm_resize 44 14
tm_wait "Export"
tm_key Space Tab Tab Tab Tab Tab Tab
tm_wait "Write the file"
tm_key C-s
tm_wait "A file with that name"
tm_key C-u
tm_type "small.tend"
tm_key C-s
tm_wait "y: yes, write it"
tm_key n
tm_wait "Nothing was written."
[ ! -e "$T/small.tend" ]; _result $? "no answer, no file"

tm_tend_pid >/dev/null; _result $? "tend still runs at 44x14"
tm_resize 80 24
tm_wait "Write the file"
tm_key Escape
tm_home
tm_key q
tm_wait "tend-exited-0"

# ---- no therapist stored: how to add one, and the share passphrase ----
j therapist rm "Dr Ada"
j therapist rm Bo
tm_start 80 24
unlock
tm_key e
tm_wait "No therapist is stored yet."
tm_wait "tend therapist add NAME KEY"
tm_wait "▸ [x] a six-word share passphrase"
tm_layout export-none
tm_key Escape
tm_home

done_testing
