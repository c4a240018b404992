# tests/e2e/mistakes.sh: putting mistakes right in the app (issue 12,
# point 4), at 80x24: an entry moved to the trash from the read view and
# from the timeline, each undone with u; a check-in changed in its own
# form (opened with E, filled in) and deleted after a yes; an agenda item
# marked done by mistake opened again with u, the cursor staying on the
# same row.  Help names Shift-Tab in words.  What the app did is checked
# with the command line.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault
tj() { "$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
	2>/dev/null; }
q() { printf '%s\n' "$1" | tj sql; }

# Dates that move with the calendar are masked in the layouts.
TODAY=$(date +%F)
D1=$(date -d '1 day ago' +%F)
D2=$(date -d '2 days ago' +%F)
D3=$(date -d '3 days ago' +%F)
tm_mask() {
	sed -e "s|$T|<T>|g" -e "s/$TODAY/<today>   /g" -e "s/$D1/<today-1> /g" \
	    -e "s/$D2/<today-2> /g" -e "s/$D3/<today-3> /g"
}

open_home() {
	tm_start 80 24
	tm_wait_q "Your journal is locked." ||
		diag "no unlock screen" "$(tm_screen)"
	tm_type "$PASS"
	tm_key Enter
	tm_home
}

quit() {
	tm_key C-q                      # leaves from any screen but home
	tm_home_q 5
	tm_type q
	tm_wait "tend-exited-0"
}

tj add --date "3 days ago 09:00" --title "Ein Morgen am See" \
	"Der Nebel lag tief über dem Wasser." >/dev/null
tj add --date "2 days ago 09:00" --title "Written by mistake" \
	"This one should go." >/dev/null
tj checkin --mood 3 --anxiety 6 --note "Müde, aber ruhig." \
	--date "1 day ago 09:00" >/dev/null

# ---- the read view: d to the trash, u back ----
open_home
tm_wait "mood 3/10"
tm_key Down                     # past the check-in to the next entry
tm_wait "Written by mistake"
tm_key Enter
tm_wait "This one should go."
tm_wait "d Delete"
tm_type d
tm_wait "Moved to the trash. u to undo."
tm_wait "This entry is in the trash. Press u to bring it back"
tm_layout mistakes-trashed
is "$(q "SELECT count(*) FROM entries WHERE trashed IS NOT NULL")" 1 \
	"the entry is in the trash"
tm_type u
tm_wait "It is back in your journal."
tm_wait "This one should go."
is "$(q "SELECT count(*) FROM entries WHERE trashed IS NOT NULL")" 0 \
	"u brought it back"
tm_type d
tm_wait "Moved to the trash. u to undo."
tm_key Escape
tm_home
tm_wait "Ein Morgen am See"
if tm_screen | grep -q "Written by mistake"; then
	_result 1 "back home the trashed entry is not on the timeline"
else _result 0 "back home the trashed entry is not on the timeline"; fi
quit
ok "restore ID from the command line still works" tj restore \
	"$(q "SELECT substr(uuid, 1, 8) FROM entries WHERE trashed IS NOT NULL")"

# ---- the timeline: d to the trash, u back, the cursor stays ----
open_home
tm_wait "Written by mistake"
tm_key Down                     # the newest is the check-in; then this
tm_type d
tm_wait "Moved to the trash. u to undo."
tm_layout mistakes-home-trashed
is "$(q "SELECT title FROM entries WHERE trashed IS NOT NULL")" \
	"Written by mistake" "d on the timeline trashed the chosen entry"
tm_type u
tm_wait "It is back in your journal."
tm_wait "Written by mistake"
is "$(q "SELECT count(*) FROM entries WHERE trashed IS NOT NULL")" 0 \
	"u brought it back"
# The cursor is on it again: d trashes the same entry once more.
tm_type d
tm_wait "Moved to the trash. u to undo."
is "$(q "SELECT title FROM entries WHERE trashed IS NOT NULL")" \
	"Written by mistake" "the cursor came back with it"
tm_type u
tm_wait "It is back in your journal."

# ---- a check-in: E changes it in its form, d deletes after a yes ----
tm_key Home
tm_wait "mood 3/10"
tm_type E
tm_wait "Your check-in of $D1 09:00"
tm_wait "Müde, aber ruhig."
tm_layout mistakes-checkin-edit
tm_key F1                       # help names Shift-Tab, never a key code
tm_wait "Help: Check-in"
tm_wait "Shift-Tab"
if tm_screen | grep -Eq "key [0-9]+"; then
	_result 1 "help shows no key code"; diag "$(tm_screen)"
else _result 0 "help shows no key code"; fi
tm_key Escape
tm_wait "Your check-in of"
tm_type 7                       # the mood, 3 before
tm_key C-s
tm_wait "Check-in changed."
tm_wait "mood 7/10"
is "$(q "SELECT mood, anxiety, note, time = CAST(strftime('%s',
	'now', 'localtime', '-1 day', 'start of day', '+9 hours', 'utc')
	AS INTEGER)
	FROM checkins")" "$(printf '7\t6\tMüde, aber ruhig.\t1')" \
	"only the mood changed; the time stayed"
is "$(q "SELECT count(*) FROM checkins")" 1 "no check-in was added"
# Changes not saved when tend locks come back with that check-in.
tm_type E
tm_wait "Your check-in of"
tm_type 8
tm_wait "████████░░   8"
tm_type L
tm_wait "Your journal is locked."
tm_type "$PASS"
tm_key Enter
tm_home
is "$(q "SELECT mood FROM checkins")" 7 "the lock saved nothing"
is "$(q "SELECT count(*) FROM drafts WHERE key LIKE 'checkin:%'")" 1 \
	"the change is kept as a draft of its own"
tm_type E
tm_wait "Your unsaved changes to this check-in are back."
tm_wait "████████░░   8"
tm_key Escape
tm_wait "Leave without saving your changes?"
tm_type y
tm_home
is "$(q "SELECT mood FROM checkins") $(q "SELECT count(*) FROM drafts")" \
	"7 0" "leaving on purpose keeps the check-in as it was, no draft"
tm_key Enter                    # the read view of the check-in
tm_wait "Mood: 7/10"
tm_type E
tm_wait "Your check-in of"
tm_key Escape                   # nothing changed: leaves at once
tm_wait "Mood: 7/10"
tm_type d
tm_wait "Delete this check-in for good?"
tm_type n
tm_wait "The check-in stays."
is "$(q "SELECT count(*) FROM checkins")" 1 "n keeps it"
tm_key Escape
tm_home
tm_type d
tm_wait "Delete this check-in for good?"
tm_type y
tm_wait "Check-in deleted."
is "$(q "SELECT count(*) FROM checkins")" 0 "y deletes it for good"
quit

# ---- the agenda: done by mistake, u opens it again ----
for i in one two three four; do tj agenda add "item $i" >/dev/null; done
open_home
tm_type a
tm_wait "4 still open;"
tm_key Down                     # item two
tm_key Space
tm_wait "Marked done. u to undo."
tm_wait "3 still open;"
tm_layout mistakes-agenda-done
is "$(q "SELECT text FROM agenda WHERE done IS NOT NULL")" "item two" \
	"the chosen item is done"
tm_type u
tm_wait "Open again."
tm_wait "4 still open;"
is "$(q "SELECT count(*) FROM agenda WHERE done IS NOT NULL")" 0 \
	"u opened it again"
tm_key Space                    # the cursor is on item two again
tm_wait "Marked done. u to undo."
tm_key Space                    # same row: item three moved up into it
tm_wait "2 still open;"
is "$(q "SELECT group_concat(text, ',') FROM (SELECT text FROM agenda
	WHERE done IS NOT NULL ORDER BY text)")" "item three,item two" \
	"the cursor stayed on the same row, not on the first"
quit

done_testing
