#!/bin/sh
# export-plain.sh: tend export --format: the summary, the yes it needs
# (no terminal and no --yes: nothing written; a yes or a no typed on a
# real terminal under tmux), mode 0600, shared entries by default and all
# with --all, the date range, every format, and CSV formula escaping end
# to end.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TZ=UTC
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }
# No controlling terminal, whatever runs the tests: /dev/tty cannot open.
tj_notty() { setsid -w "$TEND_BIN" --passphrase-file "$T/pw" "$@" </dev/null; }

tj session add --kind medicine --date "2026-01-10 09:00" >/dev/null 2>&1
tj add --share --title "Shared one" --tag sleep --date 2026-01-06 \
	"I slept better." >/dev/null 2>&1
tj add --title "Private one" --date 2026-01-12 "Only for me." >/dev/null 2>&1
tj add --share --title "Later" --date 2026-02-20 "Much later." >/dev/null 2>&1
tj checkin --mood 4 --note "=HYPERLINK(\"http://x\",\"y\")" --date 2026-01-07 >/dev/null 2>&1
tj checkin --mood 6 --note "+1" --date 2026-01-08 >/dev/null 2>&1
tj checkin --mood 7 --note "-2, @SUM(A1)" --date 2026-01-11 >/dev/null 2>&1
tj agenda add "The dream" >/dev/null 2>&1

# Without a terminal and without --yes: refused, nothing written.
ok_rc 1 "no terminal, no --yes: exit 1" tj_notty export -o "$T/a.md" --format md
like "$ERR" "no terminal.*nothing was written.*--yes" "says why and what to do"
one_line "$ERR" "one line on stderr"
is "$(ls "$T" | grep -c '^a\.md')" 0 "no file, no temporary file"

# Usage errors.
ok_rc 2 "unknown format: usage error" tj export -o "$T/a.pdf" --format pdf --yes
like "$ERR" "not a format" "names the problem"
ok_rc 2 "no -o: usage error" tj export --format md --yes
ok_rc 2 "--to with --format: usage error" tj export -o "$T/x" --format md --to someone --yes

# --yes: the summary, then a 0600 file holding the shared entries only.
ok "md with --yes" tj_notty export -o "$T/a.md" --format md --yes
like "$ERR" "2 journal entries marked to share \(--all adds the others\)" \
	"summary: shared entries only"
like "$ERR" "3 check-ins" "summary: check-ins"
like "$ERR" "1 session" "summary: sessions"
like "$ERR" "1 agenda item" "summary: agenda"
like "$ERR" "written from 2026-01-06 to 2026-02-20" "summary: the range"
like "$ERR" "not encrypted" "summary: says it is plain text"
like "$ERR" "Wrote $T/a.md" "says what it wrote"
is "$(stat -c %a "$T/a.md")" 600 "mode 0600"
like "$(cat "$T/a.md")" "Shared one" "the shared entry is in it"
is "$(grep -c 'Only for me' "$T/a.md")" 0 "the private entry is not"
like "$(cat "$T/a.md")" "day 41 after medicine session 1" "entries placed on the timeline"

# --all adds the private entry, and says so.
ok "md --all" tj_notty export -o "$T/all.md" --format md --yes --all
like "$ERR" "3 journal entries \(1 not marked to share\)" \
	"summary: private entries included"
like "$(cat "$T/all.md")" "Only for me" "the private entry is in it"
like "$(cat "$T/all.md")" "not marked to share" "and marked as such"

# A range.
ok "md --since --until" tj_notty export -o "$T/range.md" --format md --yes \
	--all --since 2026-01-08 --until 2026-01-31
like "$ERR" "1 journal entry \(1 not marked to share\)" "range: one entry"
like "$ERR" "2 check-ins" "range: two check-ins"
is "$(grep -c 'Much later' "$T/range.md")" 0 "nothing after --until"
like "$(cat "$T/range.md")" "- from: 2026-01-08" "the range is written down"
like "$(cat "$T/range.md")" "- to: 2026-01-31" "both ends"
ok_rc 1 "--until before --since" tj_notty export -o "$T/bad.md" --format md \
	--yes --since 2026-02-01 --until 2026-01-01

# An existing file is never replaced.
printf 'old\n' >"$T/a.md"
ok_rc 1 "an existing OUT: exit 1" tj_notty export -o "$T/a.md" --format md --yes
like "$ERR" "already exists" "says so"
is "$(cat "$T/a.md")" "old" "the file is left alone"

# JSON: valid, with the export's description.
ok "json" tj_notty export -o "$T/a.json" --format json --yes --all
is "$(jq -r '.entries | length' "$T/a.json")" 3 "json: entries"
is "$(jq -r '.checkins | length' "$T/a.json")" 3 "json: check-ins"
is "$(jq -r '.export.all' "$T/a.json")" 1 "json: export meta (all)"
is "$(jq -r '.format' "$T/a.json")" tend-export "json: format name"

# CSV: RFC 4180 with formula guards, end to end.
ok "csv" tj_notty export -o "$T/a.csv" --format csv --yes
like "$ERR" "3 check-ins \(a CSV file holds check-ins only\)" "csv summary"
is "$(head -n 1 "$T/a.csv" | tail -c 2 | od -An -c | tr -s ' ' | grep -c '\\r \\n')" 1 \
	"CRLF line ends"
is "$(grep -c . "$T/a.csv")" 4 "a header and three rows"
is "$(cut -d, -f10 "$T/a.csv" | sed -n 2p)" \
	"\"'=HYPERLINK(\"\"http://x\"\"" "a formula: quoted, quotes doubled, guarded"
is "$(cut -d, -f10 "$T/a.csv" | sed -n 3p)" "'+1" "'+' guarded"
is "$(sed -n 4p "$T/a.csv" | cut -d, -f10-11)" "\"'-2, @SUM(A1)\"" \
	"'-' guarded; an inner '@' left alone"
# Parse it back with another RFC 4180 reader (sqlite3's .import --csv).
got=$(sqlite3 :memory: -cmd ".import --csv '$T/a.csv' c" \
	"SELECT group_concat(note, '|') FROM (SELECT note FROM c ORDER BY time)")
is "$got" "'=HYPERLINK(\"http://x\",\"y\")|'+1|'-2, @SUM(A1)" \
	"the notes parse back, each with its guard"

# On a real terminal: a yes writes, a no does not.  Each run gets a tmux
# server of its own, so a new one never meets one shutting down.
S="tend-export-$$"
trap 'tmux -L "$S" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
run_tty() {
	tmux -L "$S" kill-server >/dev/null 2>&1
	S="tend-export-$$-$2"
	tmux -L "$S" -f /dev/null new-session -d -x 100 -y 30 \
		"env LANG=C.UTF-8 TZ=UTC TEND_FILE='$TEND_FILE' '$TEND_BIN' \
		--passphrase-file '$T/pw' export -o '$1' --format html; \
		echo exited-\$?; sleep 60"
}
wait_for() {
	_i=0
	while [ $_i -lt 300 ]; do
		tmux -L "$S" capture-pane -p | grep -Fq -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	diag "waited for $1; the screen was:" "$(tmux -L "$S" capture-pane -p)"
	return 1
}
run_tty "$T/tty.html" 1
wait_for "[y/N]"
_result $? "on a terminal it asks"
tmux -L "$S" send-keys y Enter
wait_for "exited-0"
_result $? "a yes: exit 0"
is "$(stat -c %a "$T/tty.html" 2>/dev/null)" 600 "a yes: the file is written, 0600"
run_tty "$T/no.html" 2
wait_for "[y/N]"
_result $? "asks again"
tmux -L "$S" send-keys n Enter
wait_for "exited-1"
_result $? "a no: exit 1"
like "$(tmux -L "$S" capture-pane -p)" "nothing was written" "a no: says so"
is "$(ls "$T" | grep -c '^no\.html')" 0 "a no: nothing written"
tmux -L "$S" kill-server >/dev/null 2>&1

done_testing
