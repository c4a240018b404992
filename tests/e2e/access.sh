# tests/e2e/access.sh: for screen readers (Speakup and BRLTTY follow the
# terminal's cursor): on every main screen the cursor is shown on what has
# the focus, and moves with it; tend writes nothing to the terminal while
# it waits for a key; the chart's numbers can be read as lines of text.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault
tj() { "$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
	2>/dev/null || { echo "Bail out! tend $*"; exit 1; }; }
ago() { LC_ALL=C date -d "$1 days ago" +%F; }
# How the text view writes a day: "Mon 3 Nov".
day() { LC_ALL=C date -d "$1 days ago" '+%a %-d %b'; }

tj add --date "$(ago 9)" --title "Oldest walk" "By the river." >/dev/null
tj add --date "$(ago 8)" --title "Middle walk" "In the park." >/dev/null
tj add --date "$(ago 7)" --title "Newest walk" "Up the hill." >/dev/null
tj add --date "$(ago 12)" --title "Binned one" "x" >/dev/null
tj add --date "$(ago 11)" --title "Binned two" "y" >/dev/null
for id in $(tj list --json | grep -o '"id":"[^"]*","[^"]*":[^,]*,[^}]*"title":"Binned [a-z]*"' |
	sed 's/"id":"\([^"]*\)".*/\1/'); do
	tj rm "$id" >/dev/null
done
tj agenda add "Ask about sleep" >/dev/null
tj agenda add "Talk about the dream" >/dev/null
tj checkin --mood 2 --anxiety 6 --date "$(ago 2)" >/dev/null
tj checkin --mood 8 --anxiety 6 --sleep 5 --date "$(ago 2)" >/dev/null
tj checkin --mood 6 --anxiety 3 --sleep 7 --date "$(ago 1)" >/dev/null
tj session add --kind medicine --date "$(ago 4)" >/dev/null

# The days in the chart's text view move with today.
tm_mask() {
	sed -e "s|$T|<T>|g" -e "s/^\(.\{1,3\}\)$(day 1):/\1<day 1>:/" \
	    -e "s/^\(.\{1,3\}\)$(day 2):/\1<day 2>:/" \
	    -e "s/^\(.\{1,3\}\)$(day 4):/\1<day 4>:/"
}

# The cursor: "X Y", whether it is shown, and the screen line it is on.
cursor() { tm display-message -p -t tend '#{cursor_x} #{cursor_y}'; }
cursor_line() {
	_y=$(tm display-message -p -t tend '#{cursor_y}')
	tm_screen | sed -n "$((_y + 1))p"
}
# cursor_on TEXT DESC: the cursor is shown, on a line holding TEXT.
cursor_on() {
	_tries=100
	while [ "$_tries" -gt 0 ]; do
		if [ "$(tm display-message -p -t tend '#{cursor_flag}')" = 1 ] &&
		    cursor_line | grep -Fq -- "$1"; then
			_result 0 "$2"
			return
		fi
		sleep 0.05
		_tries=$((_tries - 1))
	done
	_result 1 "$2"
	diag "the cursor is at $(cursor), shown: $(tm display-message -p \
	    -t tend '#{cursor_flag}'), on: $(cursor_line)" "$(tm_screen)"
}

open() {
	tm_start 80 24
	tm_wait_q "Your journal is locked." || diag "no unlock screen"
	tm_type "$PASS"
	tm_key Enter
	tm_home
}

# Home: the timeline, newest first.
open
tm_wait "Newest walk"
cursor_on "mood 6/10" "home: the cursor is on the chosen row"
tm_key Down
cursor_on "mood 8/10" "home: it moves down with the choice"
tm_key Down Down
cursor_on "Newest walk" "home: over a heading to the next row"

# Help: read line by line.
tm_type "?"
tm_wait "Help: Home"
cursor_on "Help: Home" "help: the cursor starts on the heading"
tm_key Down Down
cursor_on "Your timeline" "help: Down moves it a line at a time"
tm_key $(yes Down | head -n 80)
cursor_on "Ctrl-C leaves tend" "help: the text scrolls under it to the end"
tm_key Escape
tm_home

# Settings, and a question asked over it.
tm_type o
tm_wait "‹ default ›"
cursor_on "Theme" "settings: the cursor is on the chosen setting"
tm_key Down
cursor_on "Lock after" "settings: it moves down with the choice"
tm_type r
tm_wait "Put every setting back"
cursor_on "y: yes, put them back" "a question: the cursor is on its answers"
tm_type n
cursor_on "Lock after" "the question gone: back on the chosen setting"
tm_key Escape
tm_home

# Agenda, oldest first.
tm_type a
tm_wait "Talk about the dream"
cursor_on "Ask about sleep" "agenda: the cursor is on the chosen item"
tm_key Down
cursor_on "Talk about the dream" "agenda: it moves down with the choice"
tm_key Escape
tm_home

# Trash.
tm_type t
tm_wait "Binned one"
cursor_on "Binned two" "trash: the cursor is on the chosen entry"
tm_key Down
cursor_on "Binned one" "trash: it moves down with the choice"
tm_key Escape
tm_home

# A check-in: the chosen scale.
tm_type c
tm_wait "How are you right now?"
cursor_on "Mood" "check-in: the cursor is on the chosen scale"
tm_key Down
cursor_on "Anxiety" "check-in: it moves down with the choice"
tm_key Escape
tm_home

# Search: in Find while typing, on the chosen result after a move.
tm_type /
tm_wait "Find:"
tm_type walk
tm_wait "3 entries found"
cursor_on "Find: walk" "search: the cursor is in Find while typing"
tm_key Down
cursor_on "walk" "search: after Down it is on a result"
if cursor_line | grep -Fq "Find:"; then
	_result 1 "search: not in Find any more"
else _result 0 "search: not in Find any more"; fi
tm_key Down
tm_type s
cursor_on "Find: walks" "search: typing brings it back to Find"
tm_key Escape
tm_home

# The chart, and its numbers as text.
tm_type g
tm_wait "Mood, anxiety and sleep"
cursor_on "Mood, anxiety and sleep" "chart: the cursor is on its heading"
tm_type t
tm_wait "newest day first"
tm_wait "$(day 1): mood 6, anxiety 3, sleep 7"
tm_wait "$(day 2): mood 5 (lowest 2), anxiety 6, sleep 5; 2 check-ins"
tm_wait "$(day 4): medicine session 1; no check-in"
cursor_on "$(day 1): mood 6" "chart text: the cursor is on the newest day"
tm_key Down
cursor_on "$(day 2): mood 5 (lowest 2)" "chart text: Down goes to the day before"
tm_key Down
cursor_on "$(day 4): medicine session 1" "chart text: and a session day"
tm_layout chart-text
tm_key Escape
tm_home
tm_type g
tm_wait "$(day 1): mood 6"
ok "chart text: tend remembers the text view" true
tm_type t
tm_wait "M1"
tm_key Escape
tm_home

# Nothing is written while tend waits for a key (an idle screen must stay
# still for a screen reader, and a clock would make it talk).
idle_bytes() {
	: >"$T/out"
	tm pipe-pane -t tend "cat >>'$T/out'"
	sleep "$1"
	tm pipe-pane -t tend
	wc -c <"$T/out" | tr -d ' '
}
is "$(idle_bytes 3)" 0 "home: nothing written in 3 seconds of waiting"
tm_type g
tm_wait "M1"
sleep 0.3
is "$(idle_bytes 2)" 0 "chart: nothing written while waiting"
tm_key Escape
tm_home
tm_type q
tm_wait "tend-exited-0"

# The idle lock still comes, and only then does the screen change.
tm_start 80 24 TEND_TEST_IDLE_SECONDS=4
tm_wait_q "Your journal is locked." || diag "no unlock screen"
tm_type "$PASS"
tm_key Enter
tm_home
sleep 0.3
is "$(idle_bytes 2)" 0 "before the idle lock: nothing written"
tm_wait "Locked after a while without a key press." 10
cursor_on "Passphrase" "unlock: the cursor is in the passphrase field"
tm_key C-q
tm_wait "tend-exited-0"

tm_start 80 24
tm_wait_q "Your journal is locked." || diag "no unlock screen"
tm_type "$PASS"
tm_key Enter
tm_home
tm_type n
tm_wait "tend · Write"
tm_type "A few words"
sleep 2                         # the draft is kept after a second
is "$(idle_bytes 3)" 0 "editor: nothing written while waiting"
tm_key C-c                      # keeps the draft, leaves
tm_wait "tend-exited-"

done_testing
