# tests/e2e/search.sh: results as you type, accents and capitals ignored,
# matches underlined in titles and snippets, odd input (quotes, brackets,
# hyphens) searched as plain words, Enter opens the entry screen, and the
# time a keystroke takes in a journal of many entries.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
MANY=${TEND_SEARCH_ENTRIES:-20000}
tm_new_vault

tj() { "$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
	2>/dev/null || { echo "Bail out! tend $*"; exit 1; }; }

tj add --date 2026-03-02 --title "Nach der Sitzung" \
	"Heute fühlte ich mich ruhig, fast leicht." >/dev/null
tj add --date 2026-03-05 --title "Walk by the river" \
	'The river was calm (really). Self-care felt "easy" today.' >/dev/null
tj add --date 2026-03-09 --title "Sitzung zwei" \
	"Wieder die Gärten am Fluss; ich schlief danach gut." >/dev/null
tj checkin --mood 4 --date 2026-03-10 \
	--note "Ein Pelikan am Fluss, danach die Straße entlang." >/dev/null
tj agenda add "Schlaf" >/dev/null
tj agenda add "Über den Pelikan sprechen" >/dev/null
tj add --date 2026-03-11 --title "東京" "今日は少し不安でした。" >/dev/null
# Many more, straight into the table (the index follows by trigger):
# "garden" is in every one of them, the worst case for ranking.
printf '%s\n' "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
	FROM n WHERE i < $MANY) INSERT INTO entries(uuid, created,
	created_off, updated, title, body) SELECT printf(
	'%08x-0000-4000-8000-%012x', i, i), 1600000000 + i * 3600, 0,
	1600000000 + i * 3600, 'Day ' || i, 'A quiet day, number ' || i ||
	', with the garden, the weather and some thoughts about sleep.'
	FROM n;" | tj sql --write

# The screen with escape sequences, without colours (NO_COLOR): the
# input role is underlined (SGR 4).
E=$(printf '\033')
underlined() {
	tm capture-pane -e -p -t tend | grep -F -- "${2:-}" |
		grep -Eq "$E\[([0-9]+;)*4(;[0-9]+)*m($E\[[0-9;]*m)*$1"
}

now_ms() { date +%s%3N; }

tm_start 80 24 NO_COLOR=1
tm_wait_q "Your journal is locked." || diag "no unlock screen"
tm_type "$PASS"
tm_key Enter
tm_home_q || diag "the journal did not open"
tm_type /
tm_wait "Type a word or two."

# Every key searches again.
tm_type f
tm_wait "Keep typing: a single letter is searched as a whole word."
tm_type u
tm_wait "1 entry found"
tm_type h
tm_wait "1 entry found"
tm_type lte
tm_wait "1 entry found"
tm_wait "Heute fühlte ich"
like "$(tm_screen)" "2026-03-02  Nach der Sitzung" "the date and the title of the entry"
if underlined "fühlte"; then _result 0 "fuhlte finds fühlte, underlined"
else _result 1 "fuhlte finds fühlte, underlined"
	diag "$(tm capture-pane -e -p -t tend | grep fühlte | od -c | head -20)"; fi
tm_layout search
tm_key BSpace BSpace BSpace BSpace BSpace BSpace
tm_wait "Type a word or two."

# A title match is underlined too, whatever its case.
tm_type SITZ
tm_wait "2 entries found"
if underlined "Sitzung" 2026-03-09 && underlined "Sitzung" 2026-03-02
then _result 0 "a title word is underlined"
else _result 1 "a title word is underlined"; fi
like "$(tm_screen)" "Sitzung zwei · Wieder die Gärten" \
	"a match in the title: the text's start instead of the title again"
tm_key C-u
tm_wait "Type a word or two."

# Quotes, brackets and hyphens are only separators.
tm_type '"(self-care'
tm_wait "1 entry found"
like "$(tm_screen)" "Walk by the river" "odd input finds the entry"
tm_type '")'
tm_wait "1 entry found"
tm_key C-u
tm_type '")-*'
tm_wait "Type a word or two."
if tm_screen | grep -Eqi 'sql|syntax|fts5'; then
	_result 1 "no SQL error is ever shown"; else
	_result 0 "no SQL error is ever shown"; fi
tm_key C-u

# Many results: the best 200 and a count that says so; arrows move.
tm_type garden
tm_wait "More than 200 entries found; the best 200 are shown."
tm_key Down
tm_key Down
tm_wait_q "Day" || diag "no results"

# Enter opens the entry in the read view; Esc comes back to the results.
tm_key C-u
tm_type fuhlte
tm_wait "1 entry found"
tm_key Enter
tm_wait "Heute fühlte ich mich ruhig"
tm_wait "tend · Read"
tm_key Escape
tm_wait "1 entry found"

# Moved to the trash from the read view and brought back: the results
# follow, back in the list.
tm_key Enter
tm_wait "tend · Read"
tm_key d
tm_wait "Moved to the trash. u to undo."
tm_key Escape
tm_wait "Nothing you wrote has these words."
if tm_screen | grep -q "Nach der Sitzung"; then
	_result 1 "an entry trashed from the results leaves them"
else _result 0 "an entry trashed from the results leaves them"; fi
"$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" trash \
	2>/dev/null | grep -q "Nach der Sitzung"
_result $? "it is in the trash"
tm_key C-u
tm_type "sitzung zwei"
tm_wait "1 entry found"
tm_key Enter
tm_wait "tend · Read"
tm_key d
tm_wait "Moved to the trash. u to undo."
tm_key u
tm_wait "It is back in your journal."
tm_key Escape
tm_wait "1 entry found"
like "$(tm_screen)" "Sitzung zwei" "an entry trashed and brought back is found again"

# Check-in notes and the agenda are searched too; each row says what it
# is, and Enter opens it where it lives.
tm_key C-u
tm_type "pelikan "
tm_wait "2 found, best first."
like "$(tm_screen)" "2026-03-10  Check-in, mood 4 · Ein Pelikan am Fluss" \
	"a check-in's row: its day, mood and note"
like "$(tm_screen)" "To bring up · Über den Pelikan sprechen" \
	"an agenda item's row"
if underlined "Pelikan" "Check-in"; then _result 0 "the note's match underlined"
else _result 1 "the note's match underlined"; fi
tm_key C-u
tm_type "pelikan fluss"
tm_wait "1 found, best first."
tm_key Enter
tm_wait "Mood: 4"
like "$(tm_screen)" "Ein Pelikan am Fluss" "Enter opens the check-in"
tm_key Escape
tm_wait "1 found, best first."
tm_key C-u
tm_type "sprechen "
tm_wait "1 found, best first."
tm_key Enter
tm_wait "Things to bring up at your next session"
tm_key d
tm_wait "Marked done."
like "$(tm_screen)" "done .*Über den Pelikan sprechen" \
	"the agenda opens on the item found (d marked it done)"
like "$(tm_screen)" "open .*Schlaf" "the other item is left open"
tm_key Escape
tm_wait "1 found, best first."
# German spellings and Japanese inside a sentence.
tm_key C-u
tm_type "strasse "
tm_wait "1 found, best first."
if underlined "Straße" "Check-in"; then _result 0 "strasse finds Straße, underlined"
else _result 1 "strasse finds Straße, underlined"; fi
tm_key C-u
tm_type "不安"
tm_wait "1 entry found"
if underlined "不安"; then _result 0 "不安 found inside a sentence, underlined"
else _result 1 "不安 found inside a sentence, underlined"; fi
tm_key C-u

# Time a keystroke: from typing the last letter of a word to its count.
# Rare word: the count changes from none to one.  Common prefix: every
# entry matches and all must be ranked.
tm_key C-u
tm_type rive
tm_wait_q "1 entry found"
tm_type x
tm_wait_q "Nothing you wrote has these words."
t0=$(now_ms); tm_key BSpace; tm_type r
tm_wait "1 entry found"
t1=$(now_ms)
tm_key C-u
tm_type "qu"
tm_wait_q "More than 200"
tm_type "x"
tm_wait_q "Nothing you wrote has these words."
t2=$(now_ms); tm_key BSpace
tm_wait "More than 200 entries found"
t3=$(now_ms)
t4=$(now_ms); tm_key Escape
tm_home
t5=$(now_ms)
diag "$MANY entries: a rare word $((t1 - t0)) ms, a prefix in every entry" \
	"$((t3 - t2)) ms, from the key to the screen; the same round trip" \
	"without a search (Esc to home) $((t5 - t4)) ms"
[ $((t1 - t0)) -lt 2000 ] && [ $((t3 - t2)) -lt 5000 ]
_result $? "a keystroke is answered in time"

tm_type q
tm_wait "tend-exited-0"
done_testing
