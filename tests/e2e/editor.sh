# tests/e2e/editor.sh: the entry editor in a real terminal: a new entry
# with non-ASCII text, a title and tags is saved exactly; Esc asks before
# throwing changes away; a 1 MB paste goes through in reasonable time;
# after SIGHUP the draft is offered back intact, and the typed text is
# never in the vault file in the clear; the layout at 80x24; 44x14 works.
#
# The home screen is being rewritten elsewhere, so these steps wait only
# for texts the editor itself shows.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault
cli() { "$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
	2>/dev/null; }
sql() { printf '%s\n' "$1" | cli sql; }

unlock() {
	tm_wait "Your journal is locked."
	tm_type "$PASS"
	tm_key Enter
}

# Press n until the editor shows (keys typed while the key is derived are
# dropped on purpose).
open_editor() {
	_i=0
	while [ $_i -lt 40 ]; do
		tm_type "n"
		tm_wait_q "Your entry" 1 && { _result 0 "the editor opens"; return; }
		_i=$((_i + 1))
	done
	_result 1 "the editor opens"
	diag "the screen was:" "$(tm_screen)"
}

quit_tend() {
	tm_key C-c
	tm_wait "tend-exited-"
}

# ---- a new entry, saved ----
TEXT='Ich fühlte mich sicher. 安心 🌿'
tm_start 80 24
unlock
open_editor
tm_type "$TEXT"
tm_wait "$TEXT"
tm_key Tab
tm_type "Ein ruhiger Abend"
tm_key Tab
tm_type "ruhe sicherheit"
tm_key C-s
tm_wait "Your entry is saved and kept private."
quit_tend

JSON=$(cli list --json)
like "$JSON" "\"body\":\"$TEXT\"" "list --json has the text exactly"
like "$JSON" '"title":"Ein ruhiger Abend"' "and the title"
like "$JSON" '"tags":\["ruhe","sicherheit"\]' "and both tags"
like "$JSON" '"shared":false' "kept private"
is "$(sql 'SELECT count(*) FROM drafts')" 0 "no draft is left"

# ---- Esc asks before throwing changes away ----
tm_start 80 24
unlock
open_editor
tm_type "Nur ein Versuch"
tm_key Escape
tm_wait "Leave without saving?"
tm_type "n"
tm_wait "Nothing was thrown away."
tm_wait "Nur ein Versuch"
tm_key Escape
tm_wait "Leave without saving?"
tm_type "y"
tm_wait "You left without saving."
quit_tend
is "$(sql 'SELECT count(*) FROM entries')" 1 "nothing more was saved"
is "$(sql 'SELECT count(*) FROM drafts')" 0 "the draft is gone too"

# ---- the layout, with a prompt; resizing to the smallest size ----
tm_start 80 24
unlock
open_editor
tm_type "Ein kurzer Text über den Tag."
tm_key C-p
tm_wait "A prompt (mind, preparation):"
tm_key C-t
tm_wait "shared with your therapist"
tm_layout editor
# Moving by word (ncurses reports Ctrl-arrows as kLFT5/kRIT5 or the xterm
# sequences), to the start of the paragraph, and undo.
tm_key C-Left C-Left
tm_type "X"
tm_key C-Right
tm_type "Y"
tm_wait "Ein kurzer Text über XdenY Tag."
tm_key Home
tm_type "Z"
tm_wait "ZEin kurzer Text"
tm_key C-z
tm_wait "  Ein kurzer Text über XdenY Tag."
tm_key End BSpace BSpace
tm_wait "  Ein kurzer Text über XdenY Ta"
tm_key Up Down PPage NPage Left DC
tm_wait "  Ein kurzer Text über XdenY T"
tm_screen | grep -q "über XdenY T\$"
is $? 0 "Left and Delete removed the last letter"
tm_resize 44 14
tm_wait "Your entry"
tm_key C-k
tm_wait "‹ reflection ›"
tm_resize 80 24
tm_wait "A prompt (mind, preparation):"
tm_key Escape
tm_wait "Leave without saving?"
tm_type "y"
tm_wait "You left without saving."
quit_tend

# ---- a 1 MB paste ----
i=0
: >"$T/paste"
while [ $i -lt 400 ]; do
	printf 'Zeile %04d: ruhig atmen, die Füße auf dem Boden, der Atem geht ein und aus, ein und aus, langsam.\n' $i
	i=$((i + 1))
done >"$T/block"
i=0
while [ $i -lt 25 ]; do cat "$T/block"; i=$((i + 1)); done >"$T/paste"
printf 'ENDE DER EINFUEGUNG' >>"$T/paste"
SIZE=$(wc -c <"$T/paste")
ok "the paste is about 1 MB ($SIZE bytes)" test "$SIZE" -gt 1000000
tm_start 80 24
unlock
open_editor
tm load-buffer "$T/paste"
START=$(date +%s)
tm paste-buffer -t tend
tm_wait "ENDE DER EINFUEGUNG" 120
SECS=$(($(date +%s) - START))
diag "1 MB pasted in about $SECS s"
ok "the paste took less than 60 s ($SECS s)" test "$SECS" -lt 60
tm_key C-s
tm_wait "Your entry is saved" 30
quit_tend
is "$(sql "SELECT length(CAST(body AS BLOB)) FROM entries WHERE body LIKE '%ENDE DER EINFUEGUNG'")" \
	"$SIZE" "every byte of the paste was saved"

# ---- a bracketed paste: a Tab in it is text, not a move ----
printf 'eins\tzwei\ndrei' >"$T/tabs"
tm_start 80 24
unlock
open_editor
tm load-buffer "$T/tabs"
tm paste-buffer -p -t tend
tm_wait "eins zwei"
tm_wait "drei"
tm_key C-s
tm_wait "Your entry is saved"
quit_tend
is "$(sql "SELECT count(*) FROM entries WHERE body = 'eins' || char(9) || 'zwei' || char(10) || 'drei'")" \
	1 "the Tab and the newline were pasted into the text"

# ---- SIGHUP while writing: the draft comes back ----
tm_start 80 24
unlock
open_editor
tm_type "Heute war der Himmel weit. 空 🌙"
tm_key Enter
tm_type "Zweite Zeile, noch ungespeichert."
tm_key Tab
tm_type "Abendhimmel"
tm_wait "Zweite Zeile, noch ungespeichert."
PID=$(tm_tend_pid)
ok "tend is running" test -n "$PID"
kill -HUP "$PID"
tm_wait "tend-exited-"
is "$(sql "SELECT count(*) FROM drafts WHERE key = 'editor'")" 1 \
	"the draft was kept in the journal"
ok "the typed text is not in the vault file" \
	sh -c "! grep -aq 'Himmel' '$T/journal.tend'"
ok "nor its UTF-8" sh -c "! grep -aq 'weit. 空 🌙' '$T/journal.tend'"
ok "nor in any other file" \
	sh -c "! grep -rlaq 'Himmel' '$T' --exclude=paste --exclude=block"

tm_start 80 24
unlock
tm_wait "You have an unsaved entry from"
tm_type "n"
tm_wait "Throw the unsaved entry away for good?"
tm_type "n"
tm_wait "It is kept"
quit_tend

tm_start 80 24
unlock
tm_wait "You have an unsaved entry from"
tm_type "y"
tm_wait "Heute war der Himmel weit. 空 🌙"
tm_wait "Zweite Zeile, noch ungespeichert."
tm_wait "Abendhimmel"
tm_key C-s
tm_wait "Your entry is saved"
quit_tend
JSON=$(cli list --json)
like "$JSON" '"body":"Heute war der Himmel weit. 空 🌙\\nZweite Zeile, noch ungespeichert."' \
	"the draft came back intact and was saved"
like "$JSON" '"title":"Abendhimmel"' "with its title"
is "$(sql 'SELECT count(*) FROM drafts')" 0 "and the draft is gone"

# ---- changing an entry: a draft for it opens it in the editor ----
# (No screen opens an entry for editing in this branch yet, so the draft
# is written with the sql command, in the documented format.)
ID=$(sql "SELECT uuid FROM entries WHERE title = 'Ein ruhiger Abend'")
ok "the first entry has an ID" test -n "$ID"
printf '%s\n' "INSERT INTO drafts(key, text, saved) VALUES ('editor:$ID', \
'tend-draft 1' || char(10) || 'saved 1795740000' || char(10) || \
'title Ein anderer Abend' || char(10) || 'tags neu' || char(10) || \
'kind dream' || char(10) || 'shared 1' || char(10) || char(10) || \
'Der geänderte Text. 変わった', 1795740000);" | cli sql --write
tm_start 80 24
unlock
tm_wait "You have an unsaved entry from"
tm_type "y"
tm_wait "Der geänderte Text. 変わった"
tm_wait "Your entry (changing it keeps the earlier text)"
tm_wait "‹ dream ›"
tm_key C-s
tm_wait "Your entry is saved, marked to share with your therapist."
quit_tend
JSON=$(cli show --json "$ID")
like "$JSON" '"body":"Der geänderte Text. 変わった"' "the change was saved"
like "$JSON" '"title":"Ein anderer Abend"' "with the new title"
like "$JSON" '"kind":"dream"' "kind"
like "$JSON" '"tags":\["neu"\]' "tags"
like "$JSON" '"shared":true' "and sharing"
like "$JSON" '"revision_count":1' "the earlier text is kept as a revision"
like "$JSON" "\"body\":\"$TEXT\"" "with the earlier text"
is "$(sql 'SELECT count(*) FROM entries')" 4 "no new entry was made"

# The idle lock keeps what was typed as a draft.
tm_start 80 24 TEND_TEST_IDLE_SECONDS=3
unlock
open_editor
tm_type "Vor dem Sperren geschrieben."
tm_wait "Vor dem Sperren geschrieben."
tm_wait "Your journal is locked." 20
ok "the idle lock left no text on screen" \
	sh -c "! tmux -L '$TM_SOCK' capture-pane -p -t tend | grep -q Sperren"
unlock
tm_wait "You have an unsaved entry from"
tm_type "y"
tm_wait "Vor dem Sperren geschrieben."
tm_key Escape
tm_wait "Leave without saving?"
tm_type "y"
tm_wait "You left without saving."
quit_tend

# Nothing to offer now.
tm_start 80 24
unlock
open_editor
tm_screen | grep -q 'unsaved entry from'
is $? 1 "no question this time"
quit_tend
done_testing
