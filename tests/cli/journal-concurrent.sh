#!/bin/sh
# journal-concurrent.sh: several tends writing at once all succeed (they
# wait for the write lock) and no entry is lost.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

new_vault
i=0
while [ $i -lt 8 ]; do
	printf 'entry number %d\n' "$i" |
		"$TEND_BIN" --passphrase-file "$T/pw" add - >"$T/out.$i" 2>&1 &
	"$TEND_BIN" --passphrase-file "$T/pw" checkin --mood 5 >"$T/cout.$i" 2>&1 &
	i=$((i + 1))
done
wait
is "$(cat "$T"/out.* | grep -c '^saved entry')" 8 "every add succeeded"
is "$(cat "$T"/cout.* | grep -c '^saved check-in')" 8 "every checkin succeeded"
is "$(printf 'SELECT count(*) FROM entries; SELECT count(*) FROM checkins;' | sqlv 2>/dev/null | tr '\n' ' ')" \
	"8 8 " "nothing lost"
ok "search finds them all" "$TEND_BIN" --passphrase-file "$T/pw" search --json number
is "$(printf '%s' "$OUT" | jq length)" 8 "the index has every entry"
done_testing
