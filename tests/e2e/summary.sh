# tests/e2e/summary.sh: a review opens on the summary, at 80x24: who sent
# it, the days it covers, the check-ins to look at first with their
# dates, the open agenda items, mood, anxiety and sleep per phase, the
# symptoms per phase; a private check-in's low mood is nowhere in it;
# the hardware cursor sits on the focused line and moves with it; Tab
# goes to the next part; i shows every check-in with the days after the
# medicine session; PHQ-9 item 9 among the things to look at first and
# the latest PHQ-9 with its change; Esc goes to the timeline and i there
# comes back.
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
j checkin --date "2026-09-28 09:00" --mood 4 --anxiety 6 --sleep 5 \
	--symptom nightmares
j session add --kind preparation --date "2026-10-01 10:00"
j checkin --date "2026-10-03 09:00" --mood 5 --anxiety 5 --sleep 6
j session add --kind preparation --date "2026-10-08 10:00"
j checkin --date "2026-10-09 09:00" --mood 3 --anxiety 7 --sleep 3 \
	--symptom flashbacks --symptom on-edge
j session add --kind medicine --date "2026-10-15 09:00"
j checkin --date "2026-10-15 21:00" --mood 2 --anxiety 7 \
	--symptom nightmares --note "a heavy night"
j checkin --date "2026-10-17 08:00" --mood 6 --safety yes \
	--note "a passing thought"
j checkin --date "2026-10-18 08:00" --mood 1 --private \
	--note "privatecheckinword"
j session add --kind integration --date "2026-10-19 10:00"
j checkin --date "2026-10-20 09:00" --mood 7 --anxiety 3 --sleep 7
j session add --kind other --date "2026-10-25 10:00"
j session add --kind medicine --date "2026-11-05 09:00"
j checkin --date "2026-11-06 09:00" --mood 6 --anxiety 4 --sleep 6 \
	--symptom irritability
j checkin --date "2026-11-08 09:00" --mood 8 --anxiety 2 --sleep 8
j agenda add "Talk about the dream"
j agenda add "Ask about sleep"
j agenda done "$("$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" \
	agenda list --json | jq -r '.[] | select(.text == "Ask about sleep") | .id')"
printf '1 1 2 2 2 2 2 2 1\n' | "$TEND_BIN" -f "$T/journal.tend" \
	--passphrase-file "$T/pw" measure take PHQ-9 --date "2026-10-02 09:00" \
	>/dev/null 2>&1 || { echo "Bail out! measure take failed"; exit 1; }
printf '0 0 1 1 1 0 0 0 0\n' | "$TEND_BIN" -f "$T/journal.tend" \
	--passphrase-file "$T/pw" measure take PHQ-9 --date "2026-11-01 09:00" \
	>/dev/null 2>&1 || { echo "Bail out! measure take failed"; exit 1; }
j export -o "$T/b.tend" --to Dana
"$TEND_BIN" --passphrase-file "$T/tpw" patient add Robin "$T/b.tend" \
	>/dev/null 2>&1 || { echo "Bail out! patient add failed"; exit 1; }

# What varies: the journal's fingerprint.
tm_mask() {
	sed -e 's/[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}/XXXX-XXXX-XXXX-XXXX/g'
}
cursor() { tmux -L "$TM_SOCK" display-message -p -t tend '#{cursor_y} #{cursor_x}'; }

TM_ARGS="--passphrase-file $T/tpw review $T/b.tend"
tm_start 80 24
tm_wait "tend · Summary"
is "$(tm_screen | sed -n 2p)" "› From Robin (known), fingerprint $(tm_screen | sed -n 2p | grep -o '[0-9A-Z]\{4\}-[0-9A-Z-]*')" \
	"the summary opens first, the sender on top"
tm_wait "Covers 2026-09-28 to 2026-11-08"
tm_wait "To look at first"
tm_wait "2026-10-15 21:00  low mood, mood 2, medicine session 1: a heavy night"
tm_wait "2026-10-17 08:00  safety question: yes, mood 6, day 2 after medicine"
tm_wait "2026-10-02 09:00  safety: PHQ-9: item 9"
tm_wait "• Talk about the dream"
ok "a done agenda item is not in the summary" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q "Ask about sleep"' \
	sh "$TM_SOCK"
ok "the private check-in is nowhere" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -Eq "privatecheckinword|mood 1"' \
	sh "$TM_SOCK"
tm_wait "Tab Next part"
tm_wait "? Help"
is "$(cursor)" "1 2" "the hardware cursor on the focused line"
tm_layout summary
tm_key Down
is "$(cursor)" "2 2" "Down moves the focus, and the cursor with it"
tm_key Tab Tab Tab
tm_wait "Mood, anxiety and sleep by phase"
tm_wait "before the first session 09-28          1 4.0         6.0         5.0"
tm_wait "preparation              10-03..10-09   2 4.0 (3-5)   6.0 (5-7)   4.5 (3-6)"
tm_wait "after medicine session 1 10-15..10-20   3 5.0 (2-7)   5.0 (3-7)   7.0"
tm_wait "after medicine session 2 11-06..11-08   2 7.0 (6-8)   3.0 (2-4)   7.0 (6-8)"
tm_wait "preparation: flashbacks 1, on-edge 1"
tm_wait "after medicine session 1: nightmares 1"
tm_wait "Questionnaires"
tm_wait "PHQ-9 on 2026-11-01: 3 of 27, minimal; 12 points lower than the time"
ok "the private mood is not among the lowest" \
	sh -c '! tmux -L "$1" capture-pane -p -t tend | grep -q "(1-"' \
	sh "$TM_SOCK"
tm_layout summary-phases
is "$(cursor | cut -d' ' -f2)" "2" "the cursor still at the focused line"
tm_key End
tm_wait "› PHQ-9 on 2026-11-01: 3 of 27, minimal"
tm_key Home
tm_wait "› From Robin (known)"
is "$(cursor)" "1 2" "Home: the focus back on the first line"
tm_key NPage
tm_wait_q "tend · Summary"
is "$(tm_screen | grep -c '›')" 1 "Page down: one line has the focus"
is "$(cursor | cut -d' ' -f1)" "$(tm_screen | grep -n '›' | cut -d: -f1 | awk '{ print $1 - 1 }')" \
	"and the cursor is on it"
tm_resize 60 20
tm_wait_q "tend · Summary"
is "$(tm_screen | grep -c '›')" 1 "narrower: still one line with the focus"
is "$(cursor | cut -d' ' -f1)" "$(tm_screen | grep -n '›' | cut -d: -f1 | awk '{ print $1 - 1 }')" \
	"and the cursor is on it"
tm_resize 80 24
tm_key Home
tm_type '?'
tm_wait "Next part"
tm_key Escape
tm_wait "tend · Summary"
tm_type i
tm_wait "About this export"
tm_wait " When              Day     Mood Safety"
tm_key End
tm_wait " 2026-10-15 21:00    0 low    2"
tm_wait " 2026-10-17 08:00    2        6    yes"
tm_wait " 2026-11-08 09:00    3        8"
tm_wait " 2026-10-09 09:00    -        3"
tm_key Escape
tm_wait "tend · Summary"
tm_key Escape
tm_home
tm_wait "i Summary"
tm_type i
tm_wait "tend · Summary"
tm_key Escape
tm_home
tm_type L
tm_wait "tend-exited-0"

done_testing
