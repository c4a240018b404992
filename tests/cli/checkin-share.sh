#!/bin/sh
# checkin-share.sh: "private" means private for check-ins (issue 10,
# points 1 and 2), proved by what bundles and plaintext exports hold:
# a check-in not marked shared is absent from a bundle, and from every
# plaintext format, unless --all; tend checkin --share and --private, and
# without them the journal's share_checkins setting (on unless "0"); the
# summary counts what stays out.  The safety answer is stored (yes, no,
# not answered), travels with a shared check-in, and a yes or a mood of 2
# or lower comes first in review --json, --md, CSV and HTML.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TZ=Europe/Berlin TEND_TEST_KDF=minimal
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }
tr_() { "$TEND_BIN" --passphrase-file "$T/tpw" review "$@"; }
q() { printf '%s\n' "$1" | tj sql 2>/dev/null; }
printf 'the therapist speaks\n' >"$T/tpw"

ok "identity new" tend --passphrase-file "$T/tpw" identity new --kdf minimal
ok "therapist add" tj therapist add Dana "$(printf '%s\n' "$OUT" | sed -n 1p)"

# ---- the default, the flags ----
ok "a check-in without flags" tj checkin --mood 6 --note defaultnoteword \
	--date "2026-11-02 09:00"
is "$(q "SELECT shared FROM checkins WHERE note = 'defaultnoteword'")" 1 \
	"with the setting untouched it is shared (the app's default too)"
ok "turn the setting off" sh -c 'printf "%s\n" "INSERT INTO meta(key, value)
	VALUES ('"'share_checkins'"', '"'0'"')" |
	"$1" --passphrase-file "$2" sql --write' sh "$TEND_BIN" "$T/pw"
ok "tend checkin --mood 3 --note crash" tj checkin --mood 3 \
	--note crashnoteword --date "2026-11-02 10:00"
is "$(q "SELECT shared FROM checkins WHERE note = 'crashnoteword'")" 0 \
	"with the setting off it is private"
ok "checkin --share" tj checkin --mood 5 --share --note sharednoteword \
	--date "2026-11-02 11:00"
is "$(q "SELECT shared FROM checkins WHERE note = 'sharednoteword'")" 1 \
	"--share marks it shared whatever the setting"
ok "setting back on" sh -c 'printf "%s\n" "UPDATE meta SET value = '"'1'"'
	WHERE key = '"'share_checkins'"'" |
	"$1" --passphrase-file "$2" sql --write' sh "$TEND_BIN" "$T/pw"
ok "checkin --private" tj checkin --mood 7 --private \
	--note privatenoteword --date "2026-11-02 12:00"
is "$(q "SELECT shared FROM checkins WHERE note = 'privatenoteword'")" 0 \
	"--private marks it private whatever the setting"
n=$(q "SELECT count(*) FROM checkins")
ok_rc 2 "--share with --private" tj checkin --mood 5 --share --private
one_line "$(printf '%s\n' "$ERR" | head -n 1)" "says so"
ok_rc 2 "--safety maybe" tj checkin --mood 5 --safety maybe
like "$ERR" "--safety takes yes or no" "names the values"
is "$(q "SELECT count(*) FROM checkins")" "$n" "nothing written by either"

# ---- the safety answer ----
ok "checkin --safety yes" tj checkin --mood 4 --safety yes --share \
	--note yesnoteword --date "2026-11-03 09:00"
ok "checkin --safety no, a mood of 2" tj checkin --mood 2 --safety no \
	--share --note lownoteword --date "2026-11-03 10:00"
ok "a private yes" tj checkin --mood 5 --safety YES --private \
	--note privateyesword --date "2026-11-03 11:00"
is "$(q "SELECT note, ifnull(safety, '-') FROM checkins ORDER BY time" |
	tr '\t\n' ': ')" \
	"defaultnoteword:- crashnoteword:- sharednoteword:- privatenoteword:- yesnoteword:1 lownoteword:0 privateyesword:1 " \
	"stored as not answered (NULL), yes (1) and no (0)"

# ---- bundles: compare what they hold ----
ok "export" tj export -o "$T/b.tend" --to Dana
like "$ERR" "3 private check-ins in this range stay out \(--all would include them\)" \
	"the summary counts the check-ins left out"
ok "review --json" tr_ "$T/b.tend" --json
printf '%s\n' "$OUT" >"$T/b.json"
is "$(jq -r '[.checkins[].note] | join(" ")' "$T/b.json")" \
	"defaultnoteword sharednoteword yesnoteword lownoteword" \
	"the bundle holds exactly the shared check-ins"
is "$(jq -r '[.checkins[] | select(.shared | not)] | length' "$T/b.json")" 0 \
	"no check-in in it is private"
is "$(jq -r '.checkins[] | select(.note == "yesnoteword") | .safety' \
	"$T/b.json")" yes "the safety answer travels with the check-in"
is "$(jq -r '.checkins[] | select(.note == "lownoteword") | .safety' \
	"$T/b.json")" no "a no too"
is "$(jq -r '.checkins[] | select(.note == "defaultnoteword") | .safety' \
	"$T/b.json")" null "and not answered is null"
is "$(jq -r '[.attention[] | .note + "=" + (.why | join("+"))] | join(" ")' \
	"$T/b.json")" "yesnoteword=safety lownoteword=low mood" \
	"attention: the yes and the low mood, with why"
is "$(jq -r 'keys_unsorted | join(" ")' "$T/b.json")" \
	"from export signer attention measures_attention entries checkins sessions agenda measures" \
	"attention comes before any entry or check-in"

ok "export --all" tj export -o "$T/all.tend" --to Dana --all
like "$ERR" "7 check-ins \(3 of them private, --all\)" "the summary says so"
ok "review --json (all)" tr_ "$T/all.tend" --json
printf '%s\n' "$OUT" >"$T/all.json"
is "$(jq -r '[.checkins[].note] | join(" ")' "$T/all.json")" \
	"defaultnoteword crashnoteword sharednoteword privatenoteword yesnoteword lownoteword privateyesword" \
	"with --all the private check-ins are in it"
is "$(jq -r '[.checkins[] | select(.shared | not)] | length' "$T/all.json")" 3 \
	"marked private"
is "$(jq -r '[.attention[].note] | join(" ")' "$T/all.json")" \
	"yesnoteword lownoteword privateyesword" "and the private yes is flagged"

# ---- review --md, CSV, HTML: the flagged ones first ----
ok "review --md" tr_ "$T/b.tend" --md
printf '%s\n' "$OUT" >"$T/b.md"
is "$(grep -n -e '^##* ' "$T/b.md" | sed -n 2,3p | cut -d: -f2- | tr '\n' '|')" \
	"## Summary|### To look at first|" "md: the section comes first, in the summary"
like "$(sed -n '/^### To look at first/,/^### Open agenda/p' "$T/b.md")" \
	'\*\*safety question: yes\*\* · mood 4 .* yesnoteword' "md: the yes"
like "$(sed -n '/^### To look at first/,/^### Open agenda/p' "$T/b.md")" \
	'\*\*low mood\*\* · mood 2 .* lownoteword' "md: the low mood"
is "$(grep -c -e crashnoteword -e privatenoteword -e privateyesword "$T/b.md")" 0 \
	"md: no private check-in"
ok "review as CSV" tr_ "$T/b.tend" -o "$T/b.csv" --format csv --yes
is "$(head -n 1 "$T/b.csv" | tr -d '\r')" \
	"id,time,mood,anxiety,sleep_quality,sleep_hours,energy,connection,symptoms,note,shared,timeline,safety,attention,days_after_medicine" \
	"csv: safety and attention columns near the end"
is "$(sed -n '2,$p' "$T/b.csv" | cut -d, -f10 | tr -d '\r' | tr '\n' ' ')" \
	"yesnoteword lownoteword defaultnoteword sharednoteword " \
	"csv: the flagged rows first, then the rest"
is "$(sed -n 2p "$T/b.csv" | tr -d '\r' | cut -d, -f13-)" \
	"yes,safety question: yes," "csv: says why"
ok "review as HTML" tr_ "$T/b.tend" -o "$T/b.html" --format html --yes
at=$(grep -b -o 'id="attention"' "$T/b.html" | cut -d: -f1)
mood=$(grep -b -o 'id="mood"' "$T/b.html" | cut -d: -f1)
ok "html: the section is at the top" test -n "$at" -a -n "$mood" -a \
	"${at:-1}" -lt "${mood:-0}"
like "$(cat "$T/b.html")" '<span class="why">safety question: yes</span> · mood 4' \
	"html: the yes"

# ---- plaintext exports from the journal follow the same rule ----
for f in md json csv html; do
	ok "export --format $f" tj export -o "$T/p.$f" --format "$f" --yes
	is "$(grep -c -e crashnoteword -e privatenoteword -e privateyesword "$T/p.$f")" 0 \
		"$f: no private check-in"
	is "$(grep -c sharednoteword "$T/p.$f")" 1 "$f: the shared one is there"
done
like "$ERR" "3 private check-ins in this range stay out \(--all adds them\)" \
	"the plaintext summary counts them too"
ok "export --format json --all" tj export -o "$T/pa.json" --format json --yes --all
is "$(jq -r '[.checkins[].note] | length' "$T/pa.json")" 7 "json --all: all seven"
is "$(jq -r '[.attention[].note] | join(" ")' "$T/pa.json")" \
	"yesnoteword lownoteword privateyesword" "json: attention"

done_testing
