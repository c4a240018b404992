# tests/e2e/timeline.sh: the home screen's timeline: entries and check-ins
# newest first under headings for the phase of treatment, shared and
# private marked in words (symbols when narrow), paging, reading an entry
# and a check-in, the mood sparkline (blocks, or digits without UTF-8), the
# invitation to check in after a medicine session, the list reloading when
# the read view closes, and a journal of 100,000 entries paging quickly
# (the times are printed; the bound checked is loose).
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault

# Run the CLI on vault $V quietly; a failure stops the test.
V=journal.tend
j() {
	"$TEND_BIN" -f "$T/$V" --passphrase-file "$T/pw" "$@" >/dev/null 2>&1 ||
		{ echo "Bail out! seeding failed: $*"; exit 1; }
}

unlock() {
	tm_wait "Your journal is locked."
	tm_type "$PASS"
	tm_key Enter
}

# ---- a journal with fixed dates: headings, marks, paging, reading ----
j session add --kind preparation --date "2025-03-01 10:00"
j session add --kind medicine --date "2025-03-10 09:00"
j session add --kind integration --date "2025-03-11 10:00"
j session add --kind medicine --date "2025-04-01 09:00"
i=1
while [ $i -le 30 ]; do
	n=$(printf %02d $i)
	j add --date "2025-01-$n 08:00" --title "Note $n" "A short note, number $n."
	i=$((i + 1))
done
j checkin --mood 5 --date "2025-03-05 21:00"
j add --date "2025-03-10 20:00" --share --title "Medicine day" "A long, kind day."
j add --date "2025-03-12 19:00" "Erste Woche danach. Ich schlafe besser und träume viel."
j checkin --mood 7 --sleep 6 --sleep-hours 7.5 --symptom nightmares --date "2025-03-14 21:00"
j add --date "2025-04-01 19:00" --kind dream "Un rêve : la mer, la cuisine de ma grand-mère."
j checkin --mood 3 --private --note "Müde, aber ruhig." --date "2025-04-02 21:00"
j add --date "2025-04-03 20:00" --kind reflection --share --tag insight --tag körper \
	--title "Nach der zweiten Sitzung" "Heute war ich lange am Fluss. \
Die Bilder aus der Sitzung kommen langsam zurück: das Haus meiner Großmutter, \
der Geruch von Äpfeln, und eine Ruhe, die ich lange nicht gespürt habe. \
Ich möchte nächstes Mal über die Angst sprechen, die danach kam, und darüber, \
wie ich mit meinem Bruder reden kann. Später am Abend war es wieder schwerer; \
ich habe geatmet, wie wir es geübt haben, und es ging vorbei."

tm_start 80 24
unlock
tm_wait "Day 2 after medicine session 2"
tm_wait "Day 1 after medicine session 2"
tm_wait "Medicine session 2"
tm_wait "Integration - day 4 after medicine session 1"
tm_wait "Integration - day 2 after medicine session 1"
tm_wait "Medicine session 1"
tm_wait "Preparation"
like "$(tm_screen | grep 'Nach der zweiten')" 'reflection +Nach der zweiten.*#insight #körper +shared$' \
	"a shared entry: kind, title, tags and the word shared"
like "$(tm_screen | grep 'Un rêve')" 'dream +Un rêve : la mer.* private$' \
	"a private entry without a title shows its first words and the word private"
like "$(tm_screen | grep 'mood 3/10')" 'check-in +mood 3/10  Müde, aber ruhig\. +private$' \
	"a check-in shows its mood and note"
like "$(tm_screen | sed -n 2p)" 'No check-ins in the last 30 days' \
	"no sparkline without recent check-ins"
tm_key Home                     # the key-derivation note goes away
tm_wait_q "n New"
tm_layout timeline

# Paging: the notes before the first session are further down.
tm_key NPage
tm_wait "Note 20"
if tm_screen | grep -q "Nach der zweiten"; then _result 1 "a page down leaves the newest rows"
else _result 0 "a page down leaves the newest rows"; fi
tm_key End
tm_wait "Note 01"
tm_wait "2025-01-01 08:00"
tm_key PPage
tm_wait "Before the first session"
tm_key Home
tm_wait "Nach der zweiten"

# Enter reads the selected entry (the newest); Esc goes back.
tm_key Enter
tm_wait "shared with your therapist"
tm_wait "Day 2 after medicine session 2"
tm_wait "#insight #körper"
tm_wait "der Geruch von Äpfeln"
tm_wait "E Edit"
tm_layout entry
tm_key End
tm_wait "es ging vorbei."
tm_key Escape
tm_wait "n New"
tm_wait "Nach der zweiten"

# The next row is a check-in (the heading between is skipped).
tm_key Down
tm_key Enter
tm_wait "Check-in"
tm_wait "Mood: 3/10"
tm_wait "Müde, aber ruhig."
tm_wait "E Edit"                # a check-in's answers can be changed too
tm_key Escape

# Added while the app is open: shows when the read view closes.
tm_key Enter
tm_wait "Mood: 3/10"
j add --date "2025-04-04 08:00" --title "Written elsewhere" "From the command line."
tm_key Escape
tm_wait "Written elsewhere"
tm_wait "Day 3 after medicine session 2"
tm_key q
tm_wait "tend-exited-0"

# Narrow: the marks become symbols, nothing breaks.
tm_start 44 14
unlock
tm_wait "Day 3 after medicine session 2"
like "$(tm_screen | grep 'Written else')" '○$' "narrow: a private row ends in an empty circle"
tm_key End
tm_wait "Note 01"
tm_key q
tm_wait "tend-exited-0"

# ---- recent check-ins and a medicine session two days ago ----
V=recent.tend
j init --kdf minimal --recovery-key-file "$T/recovery2"
j session add --kind medicine --date "2 days ago"
j checkin --mood 3 --date "3 days ago"
j checkin --mood 5 --date "2 days ago"
j checkin --mood 8 --date "yesterday"

tm_start 80 24 TEND_FILE=recent.tend
unlock
tm_wait "Mood lately ▃▄▆  latest 8/10, 3 check-ins"
tm_wait "Day 2 after medicine session 1: a short check-in today? Press c"
tm_key q
tm_wait "tend-exited-0"

tm_start 80 24 TEND_FILE=recent.tend LC_ALL=C LANG=C
unlock
tm_wait "Mood lately 358  latest 8/10"
tm_key q
tm_wait "tend-exited-0"

j checkin --mood 6
tm_start 80 24 TEND_FILE=recent.tend
unlock
tm_wait "Mood lately ▃▄▆▅"
if tm_screen | grep -q "a short check-in today"; then
	_result 1 "no invitation once today has a check-in"
else _result 0 "no invitation once today has a check-in"; fi
tm_key q
tm_wait "tend-exited-0"

# ---- 100,000 entries: a page down and End take what a screenful does ----
V=big.tend
j init --kdf minimal --recovery-key-file "$T/recovery3"
j list
j sql --write <<'EOF'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO entries(uuid, created, created_off, updated, title, body, kind, shared)
SELECT printf('%08x-0000-4000-8000-%012x', i, i), 1700000000 + i * 600, 0,
  1700000000 + i * 600, 'Bulk ' || i, 'Words for entry ' || i || '.',
  'journal', i % 2 FROM n;
EOF
is "$("$TEND_BIN" -f "$T/big.tend" --passphrase-file "$T/pw" sql 2>/dev/null <<'EOF'
SELECT count(*) FROM entries;
EOF
)" 100000 "100,000 entries seeded"

ms() { echo $(($(date +%s%N) / 1000000)); }

# Milliseconds from pressing key $1 until the screen shows $2.
timed() {
	_t0=$(ms)
	tm_key "$1"
	tm_wait_q "$2" 10 || { echo 99999; return; }
	echo $(($(ms) - _t0))
}

tm_start 80 24 TEND_FILE=big.tend
unlock
tm_wait "Bulk 100000"
pd=$(timed NPage "Bulk 99980")
pd2=$(timed NPage "Bulk 99961")
end=$(timed End "Bulk 1 ")
home=$(timed Home "Bulk 100000")
diag "100,000 entries, key to screen (polled through tmux): page down" \
	"${pd} ms and ${pd2} ms, End ${end} ms, Home ${home} ms"
for t in "$pd" "$pd2" "$end" "$home"; do
	[ "$t" -lt 2000 ] && _result 0 "a page of 100,000 under 2 s ($t ms)" ||
		_result 1 "a page of 100,000 under 2 s ($t ms)"
done
tm_key q
tm_wait "tend-exited-0"

done_testing
