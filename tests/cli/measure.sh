#!/bin/sh
# measure.sh: standard questionnaires on the command line (issue 12,
# points 1 and 2): tend measure list, take (answers from standard input,
# refused in one line when the count or a value is wrong), show (items,
# total, subscales, band, flags, change from the one before), add (a
# therapist's questionnaire file: every mistake on its own FILE:LINE line,
# built-in names refused); --share/--private and the share_measures
# setting; answers in bundles (private ones only with --all, added
# definitions with them) and in review --json, --md, CSV and HTML, with
# PHQ-9 item 9 and a WHO-5 of 50 or lower among the things to look at
# first.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TZ=UTC TEND_TEST_KDF=minimal
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }
tr_() { "$TEND_BIN" --passphrase-file "$T/tpw" review "$@"; }
q() { printf '%s\n' "$1" | tj sql 2>/dev/null; }
take() { # take NAME ANSWERS [OPTIONS]
	_name=$1 _ans=$2
	shift 2
	printf '%s\n' "$_ans" | tj measure take "$_name" "$@"
}
printf 'the therapist speaks\n' >"$T/tpw"
# stderr without the test vault's warning about its weak key derivation
err() { printf '%s\n' "$ERR" | grep -v '^tend: warning: '; }

# ---- list ----
ok "measure list" tj measure list
like "$OUT" "PCL-5 +PTSD Checklist for DSM-5 \(20 items, 0-4\)" "PCL-5 listed"
like "$OUT" "PHQ-9 .*\(9 items, 0-3\)" "PHQ-9 listed"
like "$OUT" "GAD-7 .*\(7 items, 0-3\)" "GAD-7 listed"
like "$OUT" "WHO-5 .*\(5 items, 0-5\)" "WHO-5 listed"
is "$(printf '%s\n' "$OUT" | grep -ci 'ssrs')" 0 "no C-SSRS"
ok "measure list --json" tj measure list --json
is "$(printf '%s\n' "$OUT" | jq -r '[.[].name] | join(" ")')" \
	"PCL-5 PHQ-9 GAD-7 WHO-5" "the four built-ins in JSON"
like "$(printf '%s\n' "$OUT" | jq -r '.[1].attribution')" \
	"^Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.$" \
	"the PHQ-9 carries the Pfizer notice"
is "$(printf '%s\n' "$OUT" | jq -r '.[3].scale | join("/")')" \
	"At no time/Some of the time/Less than half of the time/More than half of the time/Most of the time/All of the time" \
	"the WHO-5's answers, 0 to 5"

# ---- take from standard input ----
# PCL-5 on Nov 1: B 3+3+3+3+3 = 15, C 2+2 = 4, D 2*7 = 14, E 2*6 = 12;
# total 45; every item at 2 or more: the item rule is met.
ok "take PCL-5" take PCL-5 "3 3 3 3 3 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2" \
	--date "2026-11-01 09:00"
like "$OUT" "^saved PCL-5 answer [0-9a-f]{8} \(" "says it was saved"
like "$OUT" "total 45 of 80" "total 45 of 80"
like "$OUT" "subscales: B 15 of 20, C 4 of 8, D 14 of 28, E 12 of 24" \
	"the four clusters"
like "$OUT" "provisional PTSD.*: met" "the item rule, met"
like "$OUT" "above the range 31-33" "the cut-off range, as a range"
pcl1=$(printf '%s\n' "$OUT" | sed -n 's/^saved PCL-5 answer \([0-9a-f]*\).*/\1/p')
# Nov 8, commas and line breaks: 10 + 2 + 7 + 6 = 25, 20 points lower.
ok "take PCL-5 again, commas and lines" sh -c 'printf "2,2,2,2,2\n1,1,1,1,1,1,1,1,1\n1,1,1,1,1,1\n" |
	"$1" --passphrase-file "$2" measure take pcl-5 --date "2026-11-08 09:00"' \
	sh "$TEND_BIN" "$T/pw"
like "$OUT" "total 25 of 80" "total 25"
like "$OUT" "change: 20 points lower than the time before: a change of 10 points or more is commonly read as a meaningful change \(45 on 2026-11-01 09:00\)" \
	"the change, carefully worded"
pcl2=$(printf '%s\n' "$OUT" | sed -n 's/^saved PCL-5 answer \([0-9a-f]*\).*/\1/p')
# Nov 15: 25 + 3 = 28: under 5 points.
ok "take PCL-5 a third time, private" take PCL-5 \
	"2 2 2 2 2 1 1 1 1 1 1 1 1 1 1 1 1 2 2 2" --private \
	--date "2026-11-15 09:00"
like "$OUT" "3 points higher than the time before: under 5 points, within day-to-day variation" \
	"a small difference is within day-to-day variation"

n=$(q "SELECT count(*) FROM measures")
ok_rc 1 "too few answers" take PHQ-9 "1 2 3"
is "$(err)" "tend: PHQ-9 has 9 items; 3 answers were given" "one line naming the count"
ok_rc 1 "an answer off the scale" take PHQ-9 "0 0 0 0 0 0 0 0 4"
is "$(err)" "tend: the answer to item 9 must be from 0 to 3" "one line naming the item"
ok_rc 1 "not a number" take PHQ-9 "0 0 0 0 zero 0 0 0 0"
is "$(err)" "tend: the answers must be whole numbers separated by spaces or commas" \
	"one line"
ok_rc 1 "an unknown questionnaire" take PCL "0"
is "$(err)" "tend: there is no questionnaire named 'PCL' (there are: PCL-5, PHQ-9, GAD-7, WHO-5)" \
	"names the ones there are"
ok_rc 2 "--share with --private" take PHQ-9 "0 0 0 0 0 0 0 0 0" --share --private
is "$(q "SELECT count(*) FROM measures")" "$n" "nothing written by any of them"

# PHQ-9 with item 9 at 1: 1+2+1+0+3+1+2+0+1 = 11, moderate.
ok "take PHQ-9" take PHQ-9 "1 2 1 0 3 1 2 0 1" --date "2026-11-09 10:00"
like "$OUT" "total 11 of 27: moderate" "11 is moderate"
like "$OUT" 'flag: item 9 .* was answered above "Not at all"' "item 9 flagged"
like "$OUT" "Your safety plan and the people you can reach are one key away" \
	"points gently to the safety plan"
phq=$(printf '%s\n' "$OUT" | sed -n 's/^saved PHQ-9 answer \([0-9a-f]*\).*/\1/p')
ok "take PHQ-9, item 9 at 0" take PHQ-9 "3 3 3 3 3 3 2 2 0" --date "2026-11-10 10:00"
like "$OUT" "total 22 of 27: severe" "22 is severe"
is "$(printf '%s\n' "$OUT" | grep -c 'safety plan')" 0 "no safety line without item 9"
# GAD-7 9 (mild), WHO-5 3+2+3+2+2 = 12, x4 = 48: flagged.
ok "take GAD-7" take GAD-7 "2 2 2 2 1 0 0" --date "2026-11-10 11:00"
like "$OUT" "total 9 of 21: mild" "9 is mild"
ok "take WHO-5 --json" take WHO-5 "3 2 3 2 2" --json --date "2026-11-10 12:00"
is "$(printf '%s\n' "$OUT" | jq -r '"\(.total) \(.scaled) \(.flags | length) \(.flags[0].safety)"')" \
	"12 48 1 false" "WHO-5: raw 12, 48 of 100, flagged (not as safety)"
who=$(printf '%s\n' "$OUT" | jq -r .short)

# ---- sharing ----
is "$(q "SELECT group_concat(shared, '') FROM (SELECT shared FROM measures ORDER BY time)")" \
	"1111110" "shared unless --private (the setting starts on)"
ok "turn share_measures off" sh -c 'printf "%s\n" "INSERT INTO meta(key, value)
	VALUES ('"'share_measures'"', '"'0'"')" |
	"$1" --passphrase-file "$2" sql --write' sh "$TEND_BIN" "$T/pw"
ok "take GAD-7 with the setting off" take GAD-7 "0 0 0 0 0 0 0" --date "2026-11-11 11:00"
ok "take GAD-7 --share" take GAD-7 "3 3 3 3 3 0 0" --share --date "2026-11-12 11:00"
is "$(q "SELECT shared FROM measures ORDER BY id DESC LIMIT 2" | tr '\n' ' ')" \
	"1 0 " "the setting makes it private; --share overrides"

# ---- show ----
ok "measure show" tj measure show "$pcl2"
like "$OUT" "^$pcl2  PCL-5  answered 2026-11-08 09:00" "the header"
like "$OUT" "  1\. Repeated, disturbing, and unwanted memories of the stressful experience\?" \
	"the items, word for word"
like "$OUT" "     2 Moderately" "the answer with its label"
like "$OUT" " 17\. Being \"superalert\" or watchful or on guard\?" "item 17"
like "$OUT" "total 25 of 80" "the total"
like "$OUT" "subscales: B 10 of 20, C 2 of 8, D 7 of 28, E 6 of 24" "subscales"
like "$OUT" "change: 20 points lower" "the change from the one before"
like "$OUT" "National Center for PTSD" "the attribution"
ok "measure show the PHQ-9" tj measure show "$phq"
like "$OUT" "9\. Thoughts that you would be better off dead or of hurting yourself in some way" \
	"PHQ-9 item 9 word for word"
like "$OUT" "Your safety plan" "the gentle line again"
ok "measure show --json" tj measure show "$pcl1" --json
is "$(printf '%s\n' "$OUT" | jq -r '"\(.instrument) \(.total) \(.subscales.B) \(.criterion.met) \(.cutoff.where) \(.change)"')" \
	"PCL-5 45 15 true above null" "JSON: total, cluster, rule, cut-off, no earlier one"
ok_rc 1 "show an unknown ID" tj measure show ffffffff
is "$(err)" "tend: there is no questionnaire answer with the ID ffffffff" "one line"

# ---- list with a name, and the latest answers ----
ok "measure list PCL-5" tj measure list PCL-5
is "$(printf '%s\n' "$OUT" | awk '{print $5}' | tr '\n' ' ')" "45 25 28 " \
	"its answers, oldest first"
ok "measure list" tj measure list
like "$OUT" "$phq  2026-11-09 10:00  PHQ-9 +11 moderate  \(flagged\)" \
	"the latest answers follow the instruments"

# ---- a therapist's questionnaire ----
cat >"$T/sleep.txt" <<'EOF'
# Sleep questions from my therapist.
format: tend-questionnaire 1
name: Sleep-3
title: Three questions on sleep
time frame: In the past week
scale 0: never
scale 1: sometimes
scale 2: often
item: I slept badly
item: I woke up at night
item: I was tired in the day
score: sum
band 0: little trouble
band 3: some trouble
flag total >= 5: sleep is hard at the moment
EOF
ok "measure add" tj measure add "$T/sleep.txt"
like "$OUT" "^added Sleep-3 \(Three questions on sleep, 3 items\)" "says what was added"
ok "it is listed" tj measure list
like "$OUT" "Sleep-3 +Three questions on sleep \(3 items, 0-2\)  \[added\]" \
	"after the built-ins, marked as added"
ok "take it" take sleep-3 "2 2 1" --share --date "2026-11-13 08:00"
like "$OUT" "total 5 of 6: some trouble" "scored by its own rules"
like "$OUT" "flag: sleep is hard at the moment" "its own flag"
sl=$(printf '%s\n' "$OUT" | sed -n 's/^saved Sleep-3 answer \([0-9a-f]*\).*/\1/p')
cat >"$T/bad.txt" <<'EOF'
format: tend-questionnaire 1
name: Bad one
title: Bad
time frame: now
scale 0: no
scale 1: yes
item: first
item:
score: sum
flag item 4 > 0: no such item
colour: red
EOF
ok_rc 1 "a file with mistakes" tj measure add "$T/bad.txt"
is "$(err)" "$T/bad.txt:2: a name is 1-24 letters, digits, '-', '_' or '.', starting with a letter or digit
$T/bad.txt:8: the item is empty
$T/bad.txt:11: 'colour' is not a key tend knows (see tend-questionnaire(5))
$T/bad.txt:10: there is no item 4 (the file has 1)
tend: $T/bad.txt has 4 mistakes; nothing was added" \
	"one line per mistake with its line number, then one line"
sed 's/^name: Sleep-3$/name: phq-9/' "$T/sleep.txt" >"$T/clash.txt"
ok_rc 1 "a built-in's name" tj measure add "$T/clash.txt"
is "$(err)" "tend: phq-9 is the name of a built-in questionnaire; give this one another name" \
	"refused in one line"
ok_rc 1 "a missing file" tj measure add "$T/nothing.txt"
is "$(err | wc -l)" 1 "one line"
is "$(q "SELECT count(*) FROM measure_defs")" 1 "only the good file is stored"

# ---- the passphrase and the answers on one standard input ----
ok "passphrase then answers on stdin" sh -c 'printf "%s\n%s\n" "$(cat "$2")" "0 0 0 0 0 0 0" |
	"$1" --passphrase-file - measure take GAD-7 --date "2026-11-14 08:00"' \
	sh "$TEND_BIN" "$T/pw"
like "$OUT" "total 0 of 21: minimal" "read after the passphrase line"

# ---- bundles and reports ----
ok "identity new" tend --passphrase-file "$T/tpw" identity new --kdf minimal
ok "therapist add" tj therapist add Dana "$(printf '%s\n' "$OUT" | sed -n 1p)"
ok "export" tj export -o "$T/b.tend" --to Dana
like "$ERR" ", 8 questionnaire answers, " "the summary counts the answers going out"
like "$ERR" "3 private questionnaire answers in this range stay out \(--all would include them\)" \
	"and those left out"
ok "review --json" tr_ "$T/b.tend" --json
printf '%s\n' "$OUT" >"$T/b.json"
is "$(jq -r '[.measures[] | "\(.instrument)=\(.total)"] | join(" ")' "$T/b.json")" \
	"PCL-5=45 PCL-5=25 PHQ-9=11 PHQ-9=22 GAD-7=9 WHO-5=12 GAD-7=15 Sleep-3=5" \
	"the bundle holds the shared answers, oldest first"
is "$(jq -r '[.measures[] | select(.shared | not)] | length' "$T/b.json")" 0 \
	"no private answer in it"
is "$(jq -r '.measures[] | select(.instrument == "Sleep-3") | .band' "$T/b.json")" \
	"some trouble" "the added questionnaire travels and is scored in review"
is "$(jq -r '[.measures_attention[] | "\(.instrument):\(.flags[0].safety)"] | join(" ")' "$T/b.json")" \
	"PHQ-9:true WHO-5:false Sleep-3:false" \
	"to look at first: PHQ-9 item 9 (as safety), WHO-5 48, the file's flag"
is "$(jq -r '.measures[] | select(.instrument == "PCL-5" and .total == 25) | .change.text' "$T/b.json")" \
	"20 points lower than the time before: a change of 10 points or more is commonly read as a meaningful change" \
	"the change travels"
ok "export --all" tj export -o "$T/all.tend" --to Dana --all
ok "review --json (all)" tr_ "$T/all.tend" --json
is "$(printf '%s\n' "$OUT" | jq -r '[.measures[] | select(.shared | not) | "\(.instrument)=\(.total)"] | join(" ")')" \
	"GAD-7=0 GAD-7=0 PCL-5=28" "--all brings the private answers too"

ok "review --md" tr_ "$T/b.tend" --md
printf '%s\n' "$OUT" >"$T/b.md"
like "$(sed -n '/^### To look at first/,/^### Open agenda/p' "$T/b.md")" \
	'\*\*safety: PHQ-9\*\* · item 9 .*answered above "Not at all"' \
	"md: PHQ-9 item 9 among the things to look at first"
like "$(sed -n '/^### To look at first/,/^### Open agenda/p' "$T/b.md")" \
	'\*\*WHO-5\*\* · a percentage score of 50 or lower' "md: the WHO-5 too"
like "$(sed -n '/^## Questionnaires/,/^## Sessions/p' "$T/b.md")" \
	'\| 2026-11-08 09:00 \| PCL-5 \| total 25 of 80; B 10, C 2, D 7, E 6; item rule not met; below the cut-off range 31-33 \| 20 points lower' \
	"md: a Questionnaires section with scores and the change"
is "$(grep -c 'PCL-5 | total 28' "$T/b.md")" 0 "md: no private answer"
ok "review as CSV" tr_ "$T/b.tend" -o "$T/b.csv" --format csv --yes
is "$(head -n 1 "$T/b.csv" | tr -d '\r')" \
	"id,time,mood,anxiety,sleep_quality,sleep_hours,energy,connection,symptoms,note,shared,timeline,safety,attention,questionnaire,total,band,answers,days_after_medicine" \
	"csv: four columns more when there are answers"
is "$(sed -n '2,$p' "$T/b.csv" | tr -d '\r' | cut -d, -f15,16 | tr '\n' ' ')" \
	"PHQ-9,11 WHO-5,12 Sleep-3,5 PCL-5,45 PCL-5,25 PHQ-9,22 GAD-7,9 GAD-7,15 " \
	"csv: flagged answers first, then the rest, each oldest first"
is "$(grep PHQ-9 "$T/b.csv" | head -n 1 | tr -d '\r' | cut -d, -f11,13,18)" \
	"yes,yes,1 2 1 0 3 1 2 0 1" "csv: shared, safety and the answers"
ok "review as HTML" tr_ "$T/b.tend" -o "$T/b.html" --format html --yes
at=$(grep -b -o 'id="attention"' "$T/b.html" | cut -d: -f1)
who_at=$(grep -b -o 'class="why">WHO-5' "$T/b.html" | cut -d: -f1)
mood=$(grep -b -o 'id="mood"' "$T/b.html" | cut -d: -f1)
ok "html: the WHO-5 flag is in the section to look at first" \
	test -n "$at" -a -n "$who_at" -a -n "$mood" -a "${at:-1}" -lt "${who_at:-0}" \
	-a "${who_at:-1}" -lt "${mood:-0}"
like "$(cat "$T/b.html")" '<section id="measures">' "html: a Questionnaires section"
like "$(cat "$T/b.html")" '<td>total 9 of 21 \(mild\)</td>' "html: a score"

# Plaintext export of the journal itself: every answer (it is the
# patient's own file) in the JSON document.
ok "export --format json" tj export -o "$T/j.json" --format json --yes --all
is "$(jq -r '.measures | length' "$T/j.json")" 11 "the JSON export holds them"
is "$sl" "$(jq -r '.measures[] | select(.instrument == "Sleep-3") | .short' "$T/j.json")" \
	"with their IDs"
is "$who" "$(jq -r '.measures_attention[1].short' "$T/j.json")" \
	"and the flagged ones apart"

done_testing
