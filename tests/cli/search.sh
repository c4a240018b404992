#!/bin/sh
# search.sh: `tend search` finds entries, check-in notes and agenda items,
# says what each hit is (text and --json "type"), ranks them best first
# across the kinds, matches German spellings both ways and finds Chinese
# and Japanese words inside sentences; a note changed through SQL is
# found by its new words only.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TZ=Europe/Berlin
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }

ok "an entry" tj add --date "2026-03-01 09:00" --title "Am Meer" \
	"Wir gingen die Straße entlang zu Herrn Müller, über die Brücke."
e1=${OUT#saved entry }
ok "a check-in with a note" tj checkin --mood 3 --date "2026-03-02 20:00" \
	--note "Angst vor der Strasse, schlecht geschlafen"
c1=$(printf '%s' "$OUT" | sed -n 's/^saved check-in \([0-9a-f]*\).*/\1/p')
ok "an agenda item" tj agenda add "Über die Angst sprechen"
a1=${OUT#saved agenda item }
ok "a Japanese entry" tj add --date "2026-03-03 09:00" \
	"私は東京に住んでいます。今日は少し不安でした。"
e2=${OUT#saved entry }
ok "a Chinese check-in" tj checkin --mood 5 --date "2026-03-03 21:00" \
	--note "我今天感到很不安，但是朋友来了。"
c2=$(printf '%s' "$OUT" | sed -n 's/^saved check-in \([0-9a-f]*\).*/\1/p')

ok "search --json angst" tj search --json angst
is "$(printf '%s' "$OUT" | jq -r 'map(.type) | sort | join(",")')" \
	"agenda,checkin" "a check-in note and an agenda item are found"
is "$(printf '%s' "$OUT" | jq -r 'map(.short) | sort | join(",")')" \
	"$(printf '%s\n%s\n' "$a1" "$c1" | sort | paste -sd, -)" \
	"their short IDs"
is "$(printf '%s' "$OUT" | jq -r '[.[] | select(.type == "checkin")][0] |
	"\(.mood) \(.note)"')" "3 Angst vor der Strasse, schlecht geschlafen" \
	"a check-in hit carries the check-in's fields"
is "$(printf '%s' "$OUT" | jq -r '[.[] | select(.type == "agenda")][0] |
	"\(.text) \(.done)"')" "Über die Angst sprechen null" \
	"an agenda hit carries the item's fields"
is "$(printf '%s' "$OUT" | jq '[.[].rank] == ([.[].rank] | sort)')" true \
	"best first (rank ascending)"

ok "search --json strasse" tj search --json strasse
is "$(printf '%s' "$OUT" | jq -r 'map(.type) | sort | join(",")')" \
	"checkin,entry" "strasse finds Straße in an entry and Strasse in a note"
ok "search --json Mueller" tj search --json Mueller
is "$(printf '%s' "$OUT" | jq -r 'map(.short) | join(",")')" "$e1" \
	"Mueller finds Müller"
ok "search --json ueber" tj search --json ueber
is "$(printf '%s' "$OUT" | jq -r 'map(.type) | sort | join(",")')" \
	"agenda,entry" "ueber finds über and Über"

ok "search --json 不安" tj search --json 不安
is "$(printf '%s' "$OUT" | jq -r 'map(.short) | sort | join(",")')" \
	"$(printf '%s\n%s\n' "$c2" "$e2" | sort | paste -sd, -)" \
	"不安 inside a Japanese entry and a Chinese note"
ok "search --json 東京" tj search --json 東京
is "$(printf '%s' "$OUT" | jq -r '.[0].snippet')" \
	"私は[東京]に住んでいます。今日..." "the word marked in the snippet"
ok "search --json 京" tj search --json 京
is "$(printf '%s' "$OUT" | jq -r 'map(.short) | join(",")')" "$e2" \
	"one character is found too"

# The text output: a line per hit saying what it is, then the snippet.
ok "search angst (text)" tj search angst
like "$OUT" "^$c1  2026-03-02 20:00  check-in    mood 3  \\(" \
	"a check-in's line: ID, time, check-in, mood"
like "$OUT" "$a1  .*  agenda      open  \\(" "an agenda item's line"
like "$OUT" "          Über die \\[Angst\\] sprechen" "the snippet below it"
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 4 "two lines per hit"
ok "search Meer (text)" tj search meer
like "$OUT" "^$e1  2026-03-01 09:00  journal     Am Meer  \\(" \
	"an entry's line is as list prints it"

# A note changed behind tend's back: the index follows (triggers).
ok "a note changed through sql" sh -c 'echo "$2" | "$0" --passphrase-file "$1" sql --write' \
	"$TEND_BIN" "$T/pw" \
	"UPDATE checkins SET note = 'ruhig am Wasser' WHERE note LIKE 'Angst%';"
ok "search --json schlecht" tj search --json schlecht
is "$OUT" "[]" "the old words are gone"
ok "search --json wasser" tj search --json wasser
is "$(printf '%s' "$OUT" | jq -r 'map(.short) | join(",")')" "$c1" \
	"the new ones are found"
ok "a check-in deleted through sql" sh -c 'echo "$2" | "$0" --passphrase-file "$1" sql --write' \
	"$TEND_BIN" "$T/pw" "DELETE FROM checkins WHERE note = 'ruhig am Wasser';"
ok "search --json wasser" tj search --json wasser
is "$OUT" "[]" "a deleted note is not found"

ok_rc 2 "search with no words is a usage error" tj search
done_testing
