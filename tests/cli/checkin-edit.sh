#!/bin/sh
# checkin-edit.sh: putting mistakes right from the command line (issue 12,
# point 4): tend checkin edit ID changes only the fields given, checkin rm
# ID deletes for good after a yes (asked on the terminal, or --yes),
# checkin list finds the IDs, agenda undone opens a done item again, and
# entries and check-ins dated more than a day ahead are refused (one line,
# exit 1, nothing written) while sessions may be ahead.  Dates also read
# "tomorrow 14:00", "N weeks ago" and "in N days".
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TZ=Europe/Berlin TEND_TEST_KDF=minimal
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }
q() { printf '%s\n' "$1" | tj sql 2>/dev/null; }

ok "a check-in" tj checkin --mood 3 --anxiety 8 --sleep-hours 5 \
	--symptom nightmares --note "typed the wrong mood" --private \
	--safety no --date "2 days ago"
id=$(printf '%s\n' "$OUT" | sed -n 's/^saved check-in \([0-9a-f]*\) .*/\1/p')
like "$id" '^[0-9a-f]{8}$' "its ID is printed: $id"
ok "another" tj checkin --mood 5 --note "leave me be" --date yesterday
other=$(printf '%s\n' "$OUT" | sed -n 's/^saved check-in \([0-9a-f]*\) .*/\1/p')
before=$(q "SELECT time FROM checkins WHERE uuid LIKE '$id%'")

# ---- list ----
ok "checkin list" tj checkin list
like "$OUT" "^$id  [0-9-]+ [0-9:]+  mood  3  anxiety  8  5\.0 h  \[nightmares\]  private  typed the wrong mood" \
	"one line per check-in with its ID"
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 2 "two lines"
ok "checkin list --json" tj checkin list --json
like "$OUT" '"note":"typed the wrong mood"' "the JSON holds the note"
ok "checkin list --since today" tj checkin list --since today
is "$OUT" "" "nothing today yet"

# ---- edit ----
ok "checkin edit ID --mood 7" tj checkin edit "$id" --mood 7
like "$OUT" "^changed check-in $id " "says what changed"
is "$(q "SELECT mood, anxiety, sleep_hours, symptoms, note, shared, safety,
	time FROM checkins WHERE uuid LIKE '$id%'")" \
	"$(printf '7\t8\t5.0\t["nightmares"]\ttyped the wrong mood\t0\t0\t%s' \
	"$before")" "only the mood changed"
ok "edit the rest" tj checkin edit "$id" --anxiety none --sleep-hours 6.5 \
	--symptom avoidance --symptom on-edge --note "better now" --share \
	--safety none --energy 4
is "$(q "SELECT mood, anxiety IS NULL, sleep_hours, energy, symptoms, note,
	shared, safety IS NULL FROM checkins WHERE uuid LIKE '$id%'")" \
	"$(printf '7\t1\t6.5\t4\t["avoidance","on-edge"]\tbetter now\t1\t1')" \
	"each given field changed, none clears one"
ok "--symptom none clears the symptoms" tj checkin edit "$id" --symptom none
is "$(q "SELECT symptoms FROM checkins WHERE uuid LIKE '$id%'")" "[]" \
	"no symptoms"
ok "a new date" tj checkin edit "$id" --date "2026-11-20 08:15"
is "$(q "SELECT time = CAST(strftime('%s', '2026-11-20 07:15') AS INTEGER)
	FROM checkins WHERE uuid LIKE '$id%'")" 1 "the time moved"
is "$(q "SELECT mood, note FROM checkins WHERE uuid LIKE '$other%'")" \
	"$(printf '5\tleave me be')" "the other check-in is untouched"

snap=$(q "SELECT * FROM checkins ORDER BY id")
ok_rc 1 "edit to mood 11" tj checkin edit "$id" --mood 11
one_line "$ERR" "one line"
ok_rc 1 "edit to mood none" tj checkin edit "$id" --mood none
like "$ERR" "mood cannot be left out" "the mood is needed"
ok_rc 1 "edit with nothing to change" tj checkin edit "$id"
like "$ERR" "nothing to change" "says so"
ok_rc 1 "edit an unknown ID" tj checkin edit ffffffff --mood 4
one_line "$ERR" "one line naming it"
like "$ERR" "ffffffff" "names the ID"
ok_rc 2 "edit without an ID" tj checkin edit --mood 4
ok_rc 1 "edit to two days ahead" tj checkin edit "$id" --date "in 2 days"
like "$ERR" "more than a day ahead" "a date ahead is refused"
one_line "$ERR" "in one line"
is "$(q "SELECT * FROM checkins ORDER BY id")" "$snap" \
	"nothing changed by any of them"

# ---- rm ----
ok_rc 1 "rm without a terminal or --yes" setsid "$TEND_BIN" \
	--passphrase-file "$T/pw" checkin rm "$id" \
	</dev/null
like "$ERR" "needs a yes.*--yes" "asks for --yes"
one_line "$ERR" "in one line"
is "$(q "SELECT count(*) FROM checkins")" 2 "nothing deleted"
if command -v script >/dev/null 2>&1; then
	printf 'n\n' | script -qec "'$TEND_BIN' --passphrase-file '$T/pw' \
		checkin rm $id" /dev/null >"$T/ask" 2>&1
	like "$(cat "$T/ask")" "Delete the check-in $id of .* \(mood 7/10\) for good\? \[y/N\]" \
		"on a terminal it asks, naming the check-in"
	like "$(cat "$T/ask")" "nothing was deleted" "no keeps it"
	is "$(q "SELECT count(*) FROM checkins")" 2 "still two"
	printf 'y\n' | script -qec "'$TEND_BIN' --passphrase-file '$T/pw' \
		checkin rm $other" /dev/null >"$T/ask" 2>&1
	like "$(cat "$T/ask")" "deleted check-in $other" "yes deletes it"
	is "$(q "SELECT count(*) FROM checkins WHERE uuid LIKE '$other%'")" 0 \
		"it is gone"
else
	_result 1 "script(1) is needed to answer on a terminal"
fi
ok "rm --yes" tj checkin rm "$id" --yes
like "$OUT" "^deleted check-in $id \(.*, mood 7/10\)$" "says what was deleted"
is "$(q "SELECT count(*) FROM checkins")" 0 "none left"
ok_rc 1 "rm it again" tj checkin rm "$id" --yes
one_line "$ERR" "one line"

# ---- dates ahead ----
ok_rc 1 "checkin in 2 days" tj checkin --mood 5 --date "in 2 days"
like "$ERR" "^tend: --date: .in 2 days. is more than a day ahead" \
	"refused, naming the date"
one_line "$ERR" "in one line"
ok_rc 1 "refused before the passphrase is needed" "$TEND_BIN" \
	--passphrase-file "$T/no-such-file" checkin --mood 5 --date "in 3 days"
like "$ERR" "is more than a day ahead" "the date, not the passphrase file"
ok_rc 1 "add a week ahead" tj add --date "in 1 week" "not yet"
like "$ERR" "more than a day ahead" "refused"
is "$(q "SELECT count(*) FROM checkins") $(q "SELECT count(*) FROM entries")" \
	"0 0" "nothing written"
ok "checkin tomorrow (a time zone away) is fine" tj checkin --mood 5 \
	--date tomorrow
ok "add 3 weeks ago" tj add --date "3 weeks ago" "three weeks back"
is "$(q "SELECT date(created, 'unixepoch', 'localtime') FROM entries")" \
	"$(date -d '3 weeks ago' +%Y-%m-%d)" "dated three weeks back"
ok "a session in 2 weeks" tj session add --kind integration \
	--date "in 2 weeks"
ok "a session tomorrow 14:00" tj session add --kind integration \
	--date "tomorrow 14:00"
is "$(q "SELECT datetime(time, 'unixepoch', 'localtime') FROM sessions
	ORDER BY time LIMIT 1")" "$(date -d tomorrow +%Y-%m-%d) 14:00:00" \
	"at 14:00 tomorrow"

# ---- agenda undone ----
ok "agenda add" tj agenda add the lake
aid=$(printf '%s\n' "$OUT" | sed -n 's/^saved agenda item //p')
ok "agenda done" tj agenda done "$aid"
ok "agenda undone" tj agenda undone "$aid"
is "$OUT" "opened agenda item $aid again" "says so"
is "$(q "SELECT done IS NULL FROM agenda")" 1 "open again"
ok_rc 1 "undone an open item" tj agenda undone "$aid"
one_line "$ERR" "one line"

done_testing
