# tests/e2e/lists.sh: the sessions, agenda and trash screens on a journal
# seeded with the command line.  What the screens change is checked with
# the command line afterwards (session list, agenda list, list --json,
# sql), and emptying the trash must leave no trace of the deleted text.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault
tj() { "$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
	2>/dev/null; }
count() { printf '%s\n' "$1" | tj sql; }

# Dates that move with the calendar are masked in the layouts, each by
# a placeholder as wide as the date.
TODAY=$(date +%F)
SOON=$(date -d '+5 days' +%F)
tm_mask() {
	sed -e "s|$T|<T>|g" -e "s/$TODAY/<today>   /g" \
	    -e "s/$SOON/<today+5> /g"
}

# Start tend, unlock, and open a screen with KEY once home is up.
open_screen() {
	tm_start "${3:-80}" "${4:-24}"
	tm_wait_q "Your journal is locked." ||
		diag "no unlock screen" "$(tm_screen)"
	tm_type "$PASS"
	tm_key Enter
	_tries=300
	while tm_screen | grep -Fq "Your journal is locked." &&
	    [ "$_tries" -gt 0 ]; do
		sleep 0.05
		_tries=$((_tries - 1))
	done
	tm_type "$1"
	tm_wait "$2"
}

quit() {
	tm_key C-q
	tm_wait "tend-exited-0"
}

# ---- sessions ----

open_screen s "No sessions yet."
tm_layout sessions-empty
tm_type a
tm_wait "A new session"
tm_wait "‹ integration ›"
tm_type m
tm_wait "‹ medicine ›"
tm_key Left
tm_wait "‹ preparation ›"
tm_key Right
tm_wait "‹ medicine ›"
tm_key Tab
tm_key C-u
tm_type "someday"
tm_key Enter
tm_wait "tend cannot read that date; please write it like 2026-12-02"
tm_key C-u
tm_type "2026-02-30"
tm_key Enter
tm_wait "tend cannot read that date"
tm_wait "A new session"
tm_key C-u
tm_type "2026-01-10 10:00"
tm_key Tab
tm_type "Erster Medizintag"
tm_key Enter
tm_wait "The session was added."
tm_wait "Medicine session 1"
tm_wait "Erster Medizintag"
quit
ok "session list --json" tj session list --json
is "$(printf '%s' "$OUT" | grep -o '"id"' | wc -l)" 1 \
	"one session: the refused dates added none"
like "$OUT" '"kind":"medicine","time":"2026-01-10T10:00:00[^"]*","time_utc":[0-9]+,"title":"Erster Medizintag"' \
	"the session added in the form is in the journal"

tj session add --kind preparation --date 2025-12-20 \
	--title "Getting to know each other" >/dev/null
tj session add --kind integration --date 2026-01-11 >/dev/null
tj session add --kind integration --date 2026-01-20 \
	--title "To be removed" >/dev/null
tj session add --kind medicine --date "$SOON" \
	--title "Second medicine day" >/dev/null

open_screen s "Second medicine day"
tm_wait "Next in 5 days: Medicine session 2 on $SOON."
tm_layout sessions
tm_key Down Down Down
tm_type d
tm_wait "Remove this session from your timeline?"
tm_type n
tm_wait "The session stays."
tm_type d
tm_wait "Remove this session from your timeline?"
tm_type y
tm_wait "The session was removed."
tm_key Up
tm_key Enter
tm_wait "No notes for this session yet. Press e to write some."
tm_type e
tm_wait "Change this session"
tm_key Tab Tab Tab
tm_type "Bring the playlist; ask about sleep"
tm_key Enter
tm_wait "The session was changed."
tm_wait "Bring the playlist; ask about sleep"
tm_type "?"
tm_wait "Help: Session"
tm_key Escape
tm_key Escape
tm_wait "Your treatment sessions"
tm_resize 44 14
tm_wait "Medicine session 2"
tm_wait "Next: Medicine session 2, in 5 days."   # whole, not clipped
tm_resize 80 24
tm_wait "Second medicine day"
quit
ok "session list --json after removing one" tj session list --json
is "$(printf '%s' "$OUT" | grep -o '"id"' | wc -l)" 4 "four sessions are left"
case $OUT in *"To be removed"*) _result 1 "the removed one is gone" ;;
	*) _result 0 "the removed one is gone" ;; esac
like "$OUT" '"title":"","notes":"Bring the playlist; ask about sleep"' \
	"the notes written in the form are saved"

# ---- the agenda ----

open_screen a "Nothing here yet."
tj agenda add "Talk about the dream with the lake" >/dev/null
quit
open_screen a "Talk about the dream with the lake"
tm_wait "1 still open;"
tm_type a
tm_wait "Something to bring to your next session:"
tm_key Enter
tm_wait "Please write a few words first"
tm_type "Über die Angst sprechen — 夢"
tm_key Escape                   # written: Esc asks (and draws, no crash)
tm_wait "Leave without adding it?"
tm_type n
tm_wait "What you wrote is still here."
tm_key Enter
tm_wait "Added to the list."
tm_wait "2 still open;"
tm_key Space
tm_wait "Marked done."
tm_wait "1 still open;"
tm_layout agenda
tm_key Down
tm_type d
tm_wait "That one is already done."
tm_resize 44 14
tm_wait "Talk about"
tm_wait "1 still open."
tm_resize 80 24
tm_wait "Things to bring up at your next session"
tm_type L
tm_wait "Your journal is locked."
quit
ok "agenda list --json" tj agenda list --json
like "$OUT" '"text":"Talk about the dream with the lake","created":"[^"]*","created_utc":[0-9]+,"done":null' \
	"the first item is still open"
like "$OUT" '"text":"Über die Angst sprechen — 夢","created":"[^"]*","created_utc":[0-9]+,"done":"[^"]+"' \
	"the item added in the app is marked done"

# ---- the trash ----

tj add --date 2026-01-05 --title "A note to keep" "kept text" >/dev/null
id=$(tj add --date 2026-01-06 --title "Put me back" "restore me" |
	awk '{ print $3 }')
tj rm "$id" >/dev/null
gone=$(tj add --date 2026-01-07 "zebracrossingquokka only here" |
	awk '{ print $3 }')
tj rm "$gone" >/dev/null
is "$(count "SELECT count(*) FROM entries WHERE body LIKE '%zebracrossingquokka%';")" 1 \
	"before: the text to delete is in the journal"

open_screen t "zebracrossingquokka only here"
tm_wait "2 entries in the trash."
tm_layout trash
tm_resize 44 14
tm_wait "2 entries in the trash."
tm_resize 80 24
tm_wait "r puts the chosen one back."
tm_key Down
tm_type r
tm_wait "The entry is back in your journal."
tm_wait "1 entry in the trash."
ok "list --json" tj list --json
like "$OUT" '"title":"Put me back"' "the entry put back is in the journal again"
tm_type E
tm_wait "This cannot be undone"
tm_type n
tm_wait "Nothing was deleted."
tm_type E
tm_wait "This cannot be undone"
tm_type y
tm_wait "1 entry was deleted for good."
tm_wait "The trash is empty."
tm_resize 44 14
tm_wait "The trash is"
tm_resize 80 24
quit
is "$(grep -c zebracrossingquokka "$T/journal.tend")" 0 \
	"the deleted text is not in the file"
is "$(count "SELECT count(*) FROM entries WHERE body LIKE '%zebracrossingquokka%';")" 0 \
	"nor in the journal"
is "$(count "SELECT count(*) FROM entries WHERE trashed IS NOT NULL;")" 0 \
	"the trash is empty"
is "$(count "SELECT count(*) FROM entries;")" 2 "the other entries stay"

# Small windows: every screen still draws.
open_screen s "Your treatment" 44 14
tm_wait "Esc Back"                              # the bar keeps the way back
tm_type a
tm_wait "A new session"
tm_wait "Esc Cancel"
tm_key Tab Tab Tab                              # the notes show, and where
tm_wait "▸ Notes"
tm_type "typed where it shows"
tm_wait "typed where it shows"
tm_key Escape                                   # typed: Esc asks first
tm_wait "Leave without saving?"
tm_type y
tm_key Escape
tm_type a
tm_wait "Things to bring"
tm_type a
tm_wait "Something to bring"
tm_key Escape
tm_key Escape
tm_type t
tm_wait "The trash is"
tm_wait "Esc Back"
quit
done_testing
