# tests/e2e/review.sh: a therapist reviews a patient's bundle in the
# full-screen app: the READ-ONLY mark, only shared entries and check-ins,
# no way to write or change anything, the check-ins to look at first (a
# yes to the safety question, a low mood) at the top, the export's
# details and check-ins table (from the summary), the chart with the medicine session, the
# agenda, a safety plan "not included in this export"; a lock closes the
# review; the bundle is byte for byte the same afterwards.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

export XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
printf 'the therapist passphrase\n' >"$T/tpw"
tm_new_vault
j() {
	"$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
	    >/dev/null 2>&1 || { echo "Bail out! seeding failed: $*"; exit 1; }
}
"$TEND_BIN" --passphrase-file "$T/tpw" identity new --kdf minimal \
	>"$T/key" 2>/dev/null || { echo "Bail out! no identity"; exit 1; }
j therapist add Dana "$(head -n 1 "$T/key")"
j session add --kind medicine --date "$(date -d '5 days ago' +%F) 09:00"
d=$(date -d '5 days ago' +%F)
j add --share --date "$d 20:00" --title "Nach der Sitzung" \
	"Geteilt: ich fühlte mich getragen."
j add --date "$d 20:30" --title "Nur für mich" "privatelynxword bleibt hier"
j checkin --date "$d 21:00" --mood 2 --anxiety 7 --symptom nightmares \
	--note "schwere Nacht"
j checkin --date "$d 21:30" --mood 5 --safety yes --note "ein Gedanke"
j checkin --date "$d 21:45" --mood 4 --private --note "privatecheckinword"
j checkin --date "$d 22:00" --mood 6
j agenda add "Über den Traum sprechen"
j export -o "$T/b.tend" --to Dana
sum=$(sha256sum <"$T/b.tend")

# What varies: dates and times, the journal's fingerprint.
tm_mask() {
	sed -e 's/20[0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]/YYYY-MM-DD HH:MM/g' \
	    -e 's/[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}/XXXX-XXXX-XXXX-XXXX/g'
}

"$TEND_BIN" --passphrase-file "$T/tpw" patient add Robin "$T/b.tend" \
	>/dev/null 2>&1 || { echo "Bail out! patient add failed"; exit 1; }

TM_ARGS="--passphrase-file $T/tpw review $T/b.tend"
tm_start 80 24
tm_wait "tend · Summary"
tm_key Escape
tm_home
tm_wait "From: Robin (known)"
tm_wait "READ-ONLY"
tm_wait "Nach der Sitzung"
ok "the private entry is not there" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q "Nur für mich"' \
	sh "$TM_SOCK"
tm_wait "i Summary"
tm_wait "Look at first: 2 check-ins with a safety yes or a low mood (press i)."
ok "the private check-in is not there" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q "mood 4/10"' \
	sh "$TM_SOCK"
ok "no New or Check-in in the bar" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -Eq " n New| c Check-in"' \
	sh "$TM_SOCK"
tm_layout review
# n, c, t and e do nothing in a review
for k in n c t e; do
	tm_type "$k"
	sleep 0.3
	tm_home_q 1 && _result 0 "$k opens nothing" || _result 1 "$k opens nothing"
done
tm_type i
tm_wait "tend · Summary"
tm_type i
tm_wait "About this export"
tm_wait "To look at first"
tm_wait "low mood, mood 2: schwere Nacht"
tm_wait "safety question: yes, mood 5: ein Gedanke"
is "$(tmux -L "$TM_SOCK" capture-pane -p -t tend | sed -n 2p)" " To look at first" \
	"they come first"
tm_wait "Signed by the journal with the fingerprint"
tm_wait "From: Robin (known)"
tm_wait "0 low    2      -    7"
tm_wait "      nightmares; schwere Nacht"
tm_wait "Entries and check-ins: only those the patient marked to share"
ok "no private check-in in the table" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q privatecheckinword' \
	sh "$TM_SOCK"
tm_layout review-about
tm_key Escape
tm_wait "tend · Summary"
tm_key Escape
tm_home
tm_type S
tm_wait "The patient's safety plan"
tm_wait "Not included in this export: it stays in the patient's own journal."
ok "never (empty)" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q "(empty"' \
	sh "$TM_SOCK"
is "$(tmux -L "$TM_SOCK" capture-pane -p -t tend | grep -c "Not included in this export")" 2 \
	"the plan and the contacts alike"
tm_key Escape
tm_home
tm_type g
tm_wait "M1"
tm_key Escape
tm_type a
tm_wait "Über den Traum sprechen"
ok "no Add key on the agenda" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q " a Add"' \
	sh "$TM_SOCK"
tm_key Escape
tm_home
tm_key Down Enter                               # the check-in with a yes
tm_wait "tend · Read"
tm_wait "Thoughts of hurting oneself: yes"
tm_key Escape
tm_home
tm_key Enter
tm_wait "tend · Read"
ok "no Edit key in the read view" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -Eq " (E|Enter) Edit"' \
	sh "$TM_SOCK"
tm_key Escape
tm_type L
tm_wait "The review was closed to keep it private"
tm_wait "tend-exited-0"
is "$(sha256sum <"$T/b.tend")" "$sum" "the bundle is unchanged"
is "$(find "$T" -newer "$T/b.tend" -type f ! -name '.*' | grep -v -e '/config/' -e known-patients -e '/tend/patients$' | wc -l)" 0 \
	"the review wrote no file"

done_testing
