#!/bin/sh
# memory.sh: memory stays bounded as a journal grows.  Journals of 2,000
# and 8,000 entries of about 1.5 KB: list --json and search --json stay
# small and grow far less than the text does (they are written row by
# row), so do the plaintext exports (md, json, csv, html: written as they
# are rendered, from the journal itself), and an encrypted bundle is
# built with little more than the image itself (no copies of it).  Peak resident memory is read with
# /usr/bin/time; the bounds are generous, to catch gross regressions only.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

[ -x /usr/bin/time ] || { echo "Bail out! needs /usr/bin/time"; exit 1; }
printf 'correct horse battery staple\n' >"$T/pw"
"$TEND_BIN" identity new --kdf minimal --identity "$T/id" \
	--passphrase-file "$T/pw" >"$T/idpub" 2>/dev/null ||
	{ echo "Bail out! cannot make an identity"; exit 1; }
KEY=$(head -n 1 "$T/idpub")

# A journal of $2 entries in $1.
journal() {
	"$TEND_BIN" -f "$1" --passphrase-file "$T/pw" init --kdf minimal \
		--recovery-key-file "$T/rk.$2" >/dev/null 2>&1 &&
	"$TEND_BIN" -f "$1" --passphrase-file "$T/pw" list >/dev/null 2>&1 &&
	"$TEND_BIN" -f "$1" --passphrase-file "$T/pw" sql --write \
		>/dev/null 2>&1 <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
INSERT INTO entries(uuid, created, created_off, updated, title, body, kind, shared)
SELECT printf('%08x-0000-4000-8000-%012x', i, i), 1600000000 + i * 600, 0,
  1600000000 + i * 600, 'Entry ' || i,
  printf('Day %d. ', i) || substr(replace(hex(zeroblob(30)), '00',
  'Heute war ein ruhiger Tag am Wasser, the sea was calm and I slept well ' ||
  'after the session; wir sprachen ueber Angst, Schlaf und Vertrauen. '),
  1 + (i % 97), 1450), 'journal', 1 FROM n;
SQL
}

# Peak resident memory of tend on journal $1, in KiB (0 if it failed).
peak() {
	_j=$1
	shift
	if /usr/bin/time -f '%M' -o "$T/rss" "$TEND_BIN" -f "$_j" \
	    --passphrase-file "$T/pw" "$@" >/dev/null 2>&1; then
		tail -n 1 "$T/rss"
	else
		echo 0
	fi
}

# A measured peak (not 0: the command failed) below a bound, in KiB.
below() { [ "$1" -gt 0 ] && [ "$1" -lt "$2" ]; }

ok "a journal of 2,000 entries" journal "$T/small.tend" 2000
ok "a journal of 8,000 entries" journal "$T/big.tend" 8000
b() { "$TEND_BIN" -f "$T/big.tend" --passphrase-file "$T/pw" "$@"; }
is "$(b list --json 2>/dev/null | jq length)" 8000 "list --json has them all"

for cmd in "list --json" "search --json ruhiger"; do
	# shellcheck disable=SC2086
	small=$(peak "$T/small.tend" $cmd)
	# shellcheck disable=SC2086
	big=$(peak "$T/big.tend" $cmd)
	diag "$cmd: $small KiB at 2,000 entries, $big KiB at 8,000"
	ok "$cmd at 8,000 entries: under 32 MiB" \
		below "$big" 32768
	ok "$cmd: 4 times the entries, under 8 MiB more" \
		below "$((big - small + 1))" 8192
done

# The plaintext exports are written as they are rendered, from the
# journal itself (no copy of it in memory).
for fmt in md json csv html; do
	small=$(peak "$T/small.tend" export --all --yes --format $fmt \
		-o "$T/small.$fmt")
	big=$(peak "$T/big.tend" export --all --yes --format $fmt \
		-o "$T/big.$fmt")
	diag "export --format $fmt: $small KiB at 2,000 entries, $big KiB" \
		"at 8,000 ($(($(stat -c %s "$T/big.$fmt") / 1024)) KiB written)"
	ok "export --format $fmt at 8,000 entries: under 32 MiB" \
		below "$big" 32768
	ok "export --format $fmt: 4 times the entries, under 8 MiB more" \
		below "$((big - small + 1))" 8192
done
is "$(jq '.entries | length' "$T/big.json")" 8000 \
	"the JSON export has them all"
is "$(grep -c '^### [0-9]' "$T/big.md")" 8000 "so has the Markdown"

big=$(peak "$T/big.tend" export --all --to "$KEY" -o "$T/b.tend")
img=$(($(stat -c %s "$T/b.tend") / 1024))
diag "bundle of $img KiB: $big KiB at the peak"
ok "the bundle was written" [ -s "$T/b.tend" ]
ok "bundle: at most its image and 32 MiB" below "$big" $((img + 32768))
done_testing
