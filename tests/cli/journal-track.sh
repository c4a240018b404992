#!/bin/sh
# journal-track.sh: check-ins, sessions and timeline placement, the agenda,
# stats, each with --json read back by jq.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TZ=UTC
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }

# sessions and placement
ok "session add preparation" tj session add --kind preparation --date 2026-01-05 --title "Getting ready"
like "$OUT" '^saved session [0-9a-f]{8}$' "session add prints the short ID"
prep=${OUT#saved session }
ok "session add medicine 1" tj session add --kind medicine --date "2026-01-10 09:00"
ok "session add integration" tj session add --kind integration --date 2026-01-11
ok "session add medicine 2" tj session add --kind medicine --date "2026-02-10 09:00"
ok "session add integration 2" tj session add --kind integration --date 2026-02-12
ok "session list --json" tj session list --json
is "$(printf '%s' "$OUT" | jq -r 'map(.kind) | join(",")')" \
	"preparation,medicine,integration,medicine,integration" "sessions in time order"
is "$(printf '%s' "$OUT" | jq -r 'map(.medicine_no // 0 | tostring) | join(",")')" \
	"0,1,0,2,0" "medicine sessions are numbered"
is "$(printf '%s' "$OUT" | jq -r '.[0].title')" "Getting ready" "title kept"
ok "session list" tj session list
like "$OUT" "medicine 2" "text list names medicine 2"

place() {
	tj add --date "$1" "entry" >/dev/null 2>&1
	tj list --json 2>/dev/null | jq -r 'sort_by(.created_utc) | last | .placement'
}
is "$(place 2026-01-01)" "before the first session" "before the first session"
is "$(place 2026-01-07)" "preparation" "after preparation, before medicine"
is "$(place "2026-01-10 20:00")" "medicine session 1" "the day of medicine session 1"
is "$(place 2026-01-11)" "integration, day 1 after medicine session 1" \
	"integration after medicine 1 (noon after the session)"
is "$(place 2026-01-22)" "integration, day 12 after medicine session 1" "day 12"
is "$(place 2026-02-14)" "integration, day 4 after medicine session 2" "after medicine 2"

# check-ins
ok "checkin with every scale" tj checkin --mood 6 --anxiety 3 --sleep 7 --energy 5 \
	--connection 8 --sleep-hours 7.5 --symptom nightmares --symptom on-edge \
	--note "ok day" --date 2026-02-11
like "$OUT" '^saved check-in [0-9a-f]{8} \(day 1 after medicine session 2\)$' \
	"checkin prints ID and placement"
ok "checkin with mood only" tj checkin --mood 2 --date 2026-02-12
ok "checkin before medicine" tj checkin --mood 4 --date 2026-01-07
row=$(printf "SELECT mood, anxiety, sleep, energy, connection, sleep_hours, symptoms, note FROM checkins ORDER BY time LIMIT 1 OFFSET 1;" | sqlv 2>/dev/null)
is "$row" "$(printf '6\t3\t7\t5\t8\t7.5\t["nightmares","on-edge"]\tok day')" "every field stored"
row=$(printf "SELECT mood, anxiety IS NULL, symptoms FROM checkins ORDER BY time DESC LIMIT 1;" | sqlv 2>/dev/null)
is "$row" "$(printf '2\t1\t[]')" "unset scales are NULL"

# stats
ok "stats --json" tj stats --json
is "$(printf '%s' "$OUT" | jq -r '.checkins')" 3 "check-ins counted"
is "$(printf '%s' "$OUT" | jq -r '.entries')" 6 "entries counted"
is "$(printf '%s' "$OUT" | jq -r '.sessions')" 5 "sessions counted"
is "$(printf '%s' "$OUT" | jq -c '[.mood_by_phase[] | [.phase, .checkins, .mood_mean, .mood_min, .mood_max]]')" \
	'[["preparation",1,4,4,4],["after medicine session 2",2,4,2,6]]' "mood per phase"
is "$(printf '%s' "$OUT" | jq -c '[.mood_by_week[] | .week]')" '["2026-01-05","2026-02-09"]' \
	"weeks start on Monday"
is "$(printf '%s' "$OUT" | jq -r '.checkin_streak')" 0 "no streak (no check-in today)"
ok "checkin yesterday" tj checkin --mood 5 --date yesterday
ok "checkin today" tj checkin --mood 6
ok "stats streak" tj stats --json
is "$(printf '%s' "$OUT" | jq -r '.checkin_streak')" 2 "two days in a row"
ok "stats text" tj stats
like "$OUT" "check-in streak: 2 days" "stats text shows the streak"

# agenda
ok "agenda add" tj agenda add "the dream about the house"
a1=${OUT#saved agenda item }
ok "agenda add two" tj agenda add "sleep"
ok "agenda done" tj agenda done "$a1"
ok "agenda list --json" tj agenda list --json
is "$(printf '%s' "$OUT" | jq -r 'map(.text) | join("|")')" "sleep|the dream about the house" \
	"open items first"
is "$(printf '%s' "$OUT" | jq -r '.[1].done != null')" true "done time recorded"
ok "agenda list" tj agenda list
like "$OUT" '\[x\] the dream' "text list marks done items"
ok_rc 1 "agenda done twice" tj agenda done "$a1"
one_line "$ERR" "one line"

# session rm
ok "session rm" tj session rm "$prep"
ok "session list after rm" tj session list --json
is "$(printf '%s' "$OUT" | jq length)" 4 "one session fewer"

done_testing
