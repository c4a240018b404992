#!/bin/sh
# summary.sh: the summary a therapist reads first (issue 12, point 3), by
# what the reports hold: review --md and the HTML report begin with it
# (who, the days covered, the check-ins to look at first with dates, the
# open agenda items, mood, anxiety and sleep per phase, symptom counts);
# its numbers are the ones worked out by hand below; a private check-in's
# low mood is in no summary of a bundle made without --all, and is in the
# one made with it; PHQ-9 item 9 is among the things to look at first
# and the questionnaires show the latest score, its band and the change
# from the one before and the first; every check-in row says the days after the latest
# medicine session (Markdown, HTML, CSV).
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TZ=UTC TEND_TEST_KDF=minimal
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@" >/dev/null 2>&1 ||
	{ echo "Bail out! seeding failed: $*"; exit 1; }; }
tr_() { "$TEND_BIN" --passphrase-file "$T/tpw" review "$@"; }
printf 'the therapist speaks\n' >"$T/tpw"
ok "identity new" tend --passphrase-file "$T/tpw" identity new --kdf minimal
tj therapist add Dana "$(printf '%s\n' "$OUT" | sed -n 1p)"
tj name Robin

# Before any session: mood 4.  Preparation: mood 5.  After medicine
# session 1: moods 2 (low), 6 (a yes), 7 shared, and 1 private.
tj checkin --date "2026-09-28 09:00" --mood 4 --anxiety 6 --sleep 5 \
	--symptom nightmares
tj session add --kind preparation --date "2026-10-01 10:00"
tj checkin --date "2026-10-03 09:00" --mood 5 --anxiety 5 --sleep 6
tj session add --kind medicine --date "2026-10-15 09:00"
tj checkin --date "2026-10-15 21:00" --mood 2 --anxiety 7 \
	--symptom nightmares --note "a heavy night"
tj checkin --date "2026-10-17 08:00" --mood 6 --safety yes \
	--note "a passing thought"
tj checkin --date "2026-10-18 08:00" --mood 1 --private \
	--note privatecheckinword
tj session add --kind integration --date "2026-10-19 10:00"
tj checkin --date "2026-10-20 09:00" --mood 7 --anxiety 3 --sleep 7
tj agenda add "Talk about the dream"
tj agenda add "Ask about sleep"
id=$("$TEND_BIN" --passphrase-file "$T/pw" agenda list --json |
	jq -r '.[] | select(.text == "Ask about sleep") | .id')
tj agenda done "$id"
# PHQ-9: 15 with item 9 at 1 (a flag), then 10, then 3.
take() { printf '%s\n' "$2" | "$TEND_BIN" --passphrase-file "$T/pw" \
	measure take PHQ-9 --date "$1" >/dev/null 2>&1 ||
	{ echo "Bail out! take failed"; exit 1; }; }
take "2026-10-02 09:00" "1 1 2 2 2 2 2 2 1"
take "2026-10-16 09:00" "1 1 1 1 2 2 1 1 0"
take "2026-11-01 09:00" "0 0 1 1 1 0 0 0 0"
tj export -o "$T/b.tend" --to Dana
tj export -o "$T/all.tend" --to Dana --all
ok "patient add" tend --passphrase-file "$T/tpw" patient add Robin "$T/b.tend"

summary() { sed -n '/^## Summary$/,/^## About this export$/p' "$1" |
	sed 's/signing key [0-9A-Z-]*/signing key KEY/'; }

# ---- review --md: the summary first, worked out by hand ----
ok "review --md" tr_ "$T/b.tend" --md
printf '%s\n' "$OUT" >"$T/b.md"
is "$(grep -e '^## ' "$T/b.md" | head -n 2 | tr '\n' '|')" \
	"## Summary|## About this export|" "md: the summary is the first section"
is "$(summary "$T/b.md")" '## Summary

- From: "Robin", signing key KEY; your known patient Robin
- Covers: 2026-09-28 to 2026-10-20 (the export asked for the beginning to now)

### To look at first

Check-ins with a yes to the safety question (thoughts of harming oneself) or a mood of 2 or lower, oldest first.

- 2026-10-15 21:00 · **low mood** · mood 2 · *medicine session 1* · a heavy night
- 2026-10-17 08:00 · **safety question: yes** · mood 6 · *day 2 after medicine session 1* · a passing thought

- 2026-10-02 09:00 · **safety: PHQ-9** · item 9 (thoughts of being better off dead or of hurting oneself) was answered above "Not at all"; worth talking about whatever the total · *preparation*

### Open agenda items

- [ ] Talk about the dream

### Mood, anxiety and sleep by phase

Mean (lowest-highest) of the 0-10 scales in each phase of the treatment: higher is a better mood, stronger anxiety, better sleep. Symptoms: how many check-ins noted each.

| Phase | Days | Check-ins | Mood | Anxiety | Sleep | Symptoms noted |
| --- | --- | --- | --- | --- | --- | --- |
| before the first session | 2026-09-28 | 1 | 4.0 | 6.0 | 5.0 | nightmares 1 |
| preparation | 2026-10-03 | 1 | 5.0 | 5.0 | 6.0 | none |
| after medicine session 1 | 2026-10-15 to 10-20 | 3 | 5.0 (2-7) | 5.0 (3-7) | 7.0 | nightmares 1 |

### Questionnaires

- PHQ-9 on 2026-11-01: 3 of 27, minimal; 7 points lower than the time before; 12 points lower than the first one, on 2026-10-02 (3 answers)

## About this export' "md: the summary, every number as worked out by hand (PHQ-9 totals 15, 10, 3)"
is "$(grep -c -e privatecheckinword -e 'mood 1 ' -e '(1-' "$T/b.md")" 0 \
	"md: the private check-in's low mood is nowhere, not even in the lowest"
like "$(grep -e '^| 2026-10-20 09:00 ' "$T/b.md")" '^\| 2026-10-20 09:00 \| 5 \| 7 \|' \
	"md: the check-ins table says day 5 after the medicine session"
like "$(grep -e '^| 2026-09-28 09:00 ' "$T/b.md")" '^\| 2026-09-28 09:00 \| \| 4 \|' \
	"md: and nothing before the first one"

# ---- with --all the private check-in is in the summary too ----
ok "review --md (all)" tr_ "$T/all.tend" --md
printf '%s\n' "$OUT" >"$T/all.md"
like "$(summary "$T/all.md")" \
	'- 2026-10-18 08:00 · \*\*low mood\*\* · mood 1 · \*day 3 after medicine session 1\* · privatecheckinword' \
	"md (all): the private low mood is flagged"
like "$(summary "$T/all.md")" \
	'\| after medicine session 1 \| 2026-10-15 to 10-20 \| 4 \| 4.0 \(1-7\) \|' \
	"md (all): and counted: moods 2, 6, 1, 7 make 4.0, lowest 1"

# ---- HTML: the same summary at the top ----
ok "review as HTML" tr_ "$T/b.tend" -o "$T/b.html" --format html --yes
pos() { grep -b -o "$1" "$T/b.html" | head -n 1 | cut -d: -f1; }
s=$(pos '<section id="summary">') a=$(pos '<section id="about">')
m=$(pos '<section id="mood">')
ok "html: the summary comes before everything else" test -n "$s" -a \
	"${s:-1}" -lt "${a:-0}" -a "${a:-1}" -lt "${m:-0}"
like "$(cat "$T/b.html")" \
	'<tr><td>after medicine session 1</td><td class="nw">2026-10-15 to 10-20</td><td class="num">3</td><td class="num nw">5.0 \(2-7\)</td><td class="num nw">5.0 \(3-7\)</td><td class="num nw">7.0</td><td>nightmares 1</td></tr>' \
	"html: the phase row"
like "$(cat "$T/b.html")" '<span class="why">low mood</span> · mood 2 · medicine session 1 · a heavy night' \
	"html: the low mood with its date and place"
is "$(grep -c -e privatecheckinword -e 'lowest mood 1' "$T/b.html")" 0 \
	"html: the private check-in is nowhere, not in the chart either"
like "$(cat "$T/b.html")" '<title>2026-10-15: lowest mood 2, mean 2.0</title>' \
	"html: the chart marks each day's lowest mood"
is "$(grep -o '<line class="\(med\|prep\|integ\|othr\)"' "$T/b.html" | sort | uniq -c | tr -s ' ' | tr '\n' '|')" \
	' 1 <line class="integ"| 1 <line class="med"| 1 <line class="prep"|' \
	"html: every session marked, by kind"

# ---- CSV: the days after the medicine session ----
ok "review as CSV" tr_ "$T/b.tend" -o "$T/b.csv" --format csv --yes
is "$(tr -d '\r' <"$T/b.csv" | awk -F, 'NR > 1 { print substr($2, 1, 10) "=" $NF }' | tr '\n' ' ')" \
	"2026-10-15=0 2026-10-17=2 2026-10-02= 2026-09-28= 2026-10-03= 2026-10-20=5 2026-10-16=1 2026-11-01=17 " \
	"csv: days_after_medicine on every row, questionnaire answers too (empty before the first)"

# ---- the journal's own report (tend export --format md) ----
ok "export --format md" tend --passphrase-file "$T/pw" export -o "$T/p.md" \
	--format md --yes
is "$(grep -e '^## ' "$T/p.md" | head -n 1)" "## Summary" \
	"export md: begins with the summary"
is "$(grep -c privatecheckinword "$T/p.md")" 0 \
	"export md: without --all no private check-in"

done_testing
