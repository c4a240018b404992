#!/bin/sh
# journal-entries.sh: add, list, show, edit, rm, restore, trash, search and
# tags through the real binary, with --json read back by jq.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TZ=Europe/Berlin
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }

# add: from an argument, from stdin, with every option
ok "add TEXT" tj add --title "First" --tag calm --tag sea "the first words"
like "$OUT" '^saved entry [0-9a-f]{8}$' "add prints the short ID"
id1=${OUT#saved entry }
printf 'Ich hatte Träume vom Meer.\nSecond line.\n' >"$T/body"
ok "add - reads stdin" sh -c '"$0" --passphrase-file "$1" add --kind dream --share --date "2026-03-01 07:30" - <"$2"' \
	"$TEND_BIN" "$T/pw" "$T/body"
id2=${OUT#saved entry }
ok "add with no TEXT reads stdin too" sh -c 'echo "from a pipe" | "$0" --passphrase-file "$1" add --kind reflection --tag calm' \
	"$TEND_BIN" "$T/pw"
id3=${OUT#saved entry }

ok "list --json" tj list --json
is "$(printf '%s' "$OUT" | jq length)" 3 "three entries listed"
is "$(printf '%s' "$OUT" | jq -r '.[0].short')" "$id2" "oldest first (the backdated one)"
is "$(printf '%s' "$OUT" | jq -r '.[0].created')" "2026-03-01T07:30:00+01:00" \
	"created keeps the local offset at writing"
is "$(printf '%s' "$OUT" | jq -r '.[0].kind + " " + (.[0].shared|tostring)')" "dream true" \
	"kind and shared flag"
is "$(printf '%s' "$OUT" | jq -r '.[0].body')" "$(printf 'Ich hatte Träume vom Meer.\nSecond line.\n')" \
	"body from stdin, byte for byte"
is "$(printf '%s' "$OUT" | jq -r '.[1].tags | join(",")')" "calm,sea" "tags as an array"
like "$(printf '%s' "$OUT" | jq -r '.[1].id')" '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' \
	"IDs are UUIDs"
is "$(printf '%s' "$OUT" | jq -r '.[0].placement')" "before the first session" "placement with no sessions"

ok "list (text)" tj list
is "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 3 "one line per entry"
like "$OUT" "$id1  .*First #calm #sea" "a line shows ID, title and tags"

ok "list --kind dream" tj list --kind dream --json
is "$(printf '%s' "$OUT" | jq -r 'map(.short) | join(",")')" "$id2" "filter by kind"
ok "list --tag calm" tj list --tag calm --json
is "$(printf '%s' "$OUT" | jq length)" 2 "filter by tag"
ok "list --since/--until" tj list --since 2026-02-28 --until 2026-03-01 --json
is "$(printf '%s' "$OUT" | jq -r 'map(.short) | join(",")')" "$id2" "filter by date range (until is inclusive)"
ok "list --until the day before" tj list --until 2026-02-28 --json
is "$OUT" "[]" "nothing before the range"

# show
ok "show by short ID" tj show "$id1"
like "$OUT" "^entry: +$id1" "show prints the full ID"
like "$OUT" "the first words" "show prints the text"
ok "show by 4-digit prefix" tj show "$(printf '%s' "$id1" | cut -c1-4)" --json
is "$(printf '%s' "$OUT" | jq -r .title)" "First" "show --json"

# edit keeps the old text
ok "edit from stdin" sh -c 'echo "new words" | "$0" --passphrase-file "$1" edit "$2"' "$TEND_BIN" "$T/pw" "$id1"
ok "show after edit" tj show "$id1" --json
is "$(printf '%s' "$OUT" | jq -r .body)" "new words" "the new text"
is "$(printf '%s' "$OUT" | jq -r '.revisions[0].body')" "the first words" "the old text is a revision"
is "$(printf '%s' "$OUT" | jq -r '.revision_count')" 1 "one revision"

# search: ranked, diacritics folded, tags searchable
ok "search traume" tj search --json traume
is "$(printf '%s' "$OUT" | jq -r 'map(.short) | join(",")')" "$id2" "'traume' finds 'Träume'"
like "$(printf '%s' "$OUT" | jq -r '.[0].snippet')" '\[Träume\]' "snippet marks the hit"
ok "search a tag" tj search --json sea
is "$(printf '%s' "$OUT" | jq -r 'map(.short) | join(",")')" "$id1" "tags are searched"
ok "search text output" tj search meer
like "$OUT" "$id2" "text search lists the entry"
ok "search with quotes and operators" tj search '"AND' 'OR(' 'NEAR'
is "$OUT" "" "FTS syntax is plain text"
ok "search prefix*" tj search --json 'mee*'
is "$(printf '%s' "$OUT" | jq length)" 1 "prefix search"

# tags
ok "tags --json" tj tags --json
is "$(printf '%s' "$OUT" | jq -c .)" '[{"tag":"calm","count":2},{"tag":"sea","count":1}]' "tags with counts"
ok "tags" tj tags
like "$OUT" '^calm +2' "tags text"

# trash, restore, empty
ok "rm" tj rm "$id3"
like "$OUT" "trash" "rm says where it went"
ok "list after rm" tj list --json
is "$(printf '%s' "$OUT" | jq length)" 2 "trashed entries are not listed"
ok "trash lists it" tj trash --json
is "$(printf '%s' "$OUT" | jq -r 'map(.short) | join(",")')" "$id3" "trash --json"
ok "restore" tj restore "$id3"
ok "list after restore" tj list --json
is "$(printf '%s' "$OUT" | jq length)" 3 "restored"
ok_rc 1 "restore of an entry not in the trash" tj restore "$id3"
one_line "$ERR" "one line"

printf 'zyxwvut-secret-words\n' | tj add --title "quokka-title" - >/dev/null 2>&1
idx=$(tj list --json 2>/dev/null | jq -r 'map(select(.title == "quokka-title"))[0].short')
ok "rm the secret one" tj rm "$idx"
ok "trash empty" tj trash empty
is "$OUT" "deleted 1 entry for good" "trash empty reports"
ok "search after empty" tj search --json zyxwvut
is "$OUT" "[]" "gone from search"
is "$(printf 'SELECT count(*) FROM entries;' | sqlv 2>/dev/null)" 3 "gone from the table"
ok "verify after empty" tj verify

done_testing
