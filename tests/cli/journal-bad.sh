#!/bin/sh
# journal-bad.sh: bad input is refused with exit 1 (2 for usage) and one
# line on stderr, and nothing in the vault changes.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }
snap() {
	printf '%s\n' "SELECT * FROM entries; SELECT * FROM entry_revisions;" \
		"SELECT * FROM tags; SELECT * FROM checkins;" \
		"SELECT * FROM sessions; SELECT * FROM agenda;" | sqlv 2>/dev/null
}
tj add --title one --tag t "some text" >/dev/null 2>&1
id=$(tj list --json 2>/dev/null | jq -r '.[0].short')
tj add "another text" >/dev/null 2>&1
tj session add --kind medicine --date 2026-01-01 >/dev/null 2>&1
before=$(snap)

refuse() {
	_rc=$1 _d=$2; shift 2
	ok_rc "$_rc" "$_d" "$@"
	if [ "$_rc" -eq 1 ]; then one_line "$ERR" "$_d: one line"; fi
	is "$(snap)" "$before" "$_d: nothing written"
}

refuse 1 "mood 11" tj checkin --mood 11
refuse 1 "mood -1" tj checkin --mood -1
refuse 1 "mood not a number" tj checkin --mood five
refuse 1 "anxiety 12" tj checkin --mood 5 --anxiety 12
refuse 1 "sleep hours 25" tj checkin --mood 5 --sleep-hours 25
refuse 1 "unknown symptom" tj checkin --mood 5 --symptom sadness
refuse 1 "impossible date" tj checkin --mood 5 --date 2026-02-30
refuse 2 "checkin without mood" tj checkin --anxiety 3
refuse 1 "add: unknown kind" tj add --kind poem "text"
refuse 1 "add: impossible date" tj add --date 2026-13-01 "text"
refuse 1 "add: 24:00" tj add --date "2026-01-01 24:00" "text"
refuse 1 "add: unreadable date" tj add --date "next tuesday" "text"
refuse 1 "add: empty text" tj add ""
refuse 1 "add: blank text" tj add "   "
printf '\377\376bad\n' >"$T/bad"
refuse 1 "add: invalid UTF-8 on stdin" sh -c '"$0" --passphrase-file "$1" add - <"$2"' \
	"$TEND_BIN" "$T/pw" "$T/bad"
refuse 1 "add: invalid UTF-8 argument" tj add "$(printf 'a\300\200b')"
refuse 1 "add: invalid UTF-8 title" tj add --title "$(printf '\355\240\200')" "ok"
refuse 1 "add: tag with a space" tj add --tag "two words" "text"
refuse 1 "add: empty stdin" sh -c '"$0" --passphrase-file "$1" add - </dev/null' "$TEND_BIN" "$T/pw"
refuse 1 "edit: empty text" sh -c 'printf "\n" | "$0" --passphrase-file "$1" edit "$2"' \
	"$TEND_BIN" "$T/pw" "$id"
refuse 1 "edit: unknown ID" sh -c 'echo x | "$0" --passphrase-file "$1" edit ffffffff' \
	"$TEND_BIN" "$T/pw"
refuse 1 "show: unknown ID" tj show 0000ffff
refuse 1 "show: too short an ID" tj show abc
refuse 1 "show: not hex" tj show zzzzzz
refuse 1 "rm: unknown ID" tj rm 12345678
refuse 1 "restore: not in trash" tj restore "$id"
refuse 1 "session: unknown kind" tj session add --kind therapy --date today
refuse 1 "session: impossible date" tj session add --kind medicine --date 2026-04-31
refuse 2 "session add without --date" tj session add --kind medicine
refuse 1 "session rm: unknown ID" tj session rm abcdef12
refuse 1 "agenda done: unknown ID" tj agenda done abcdef12
refuse 1 "agenda add: blank" tj agenda add " "
refuse 1 "list: unknown kind" tj list --kind poem
refuse 1 "list: bad date" tj list --since 2026-02-29
refuse 1 "search: empty" tj search " "
refuse 2 "unknown option" tj add --colour red "text"
refuse 2 "list takes no operands" tj list extra
refuse 2 "session without a subcommand" tj session
refuse 2 "agenda: unknown subcommand" tj agenda drop x
refuse 2 "trash: unknown word" tj trash everything

# An ambiguous prefix: two entries whose IDs share their first digits.
for i in 0 1; do
	printf 'INSERT INTO entries(uuid, created, created_off, updated, body) VALUES (%s, 0, 0, 0, %s);\n' \
		"'abcd0000-0000-4000-8000-00000000000$i'" "'x'"
done | sqlv --write >/dev/null 2>&1
ok_rc 1 "ambiguous prefix" tj show abcd
like "$ERR" "more than one" "says the ID is ambiguous"
ok "a longer prefix works" tj show abcd0000-0000-4000-8000-000000000001
ok "a prefix without dashes works" tj show abcd0000000040008000000000000001

# An entry in the trash is named as such.
tj rm "$id" >/dev/null 2>&1
ok_rc 1 "edit of an entry in the trash" sh -c 'echo x | "$0" --passphrase-file "$1" edit "$2"' \
	"$TEND_BIN" "$T/pw" "$id"
like "$ERR" "is in the trash \(tend restore" "says it is in the trash and how to restore it"
done_testing
