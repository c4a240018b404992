#!/bin/sh
# export-stream.sh: a plaintext export is written as it is rendered,
# straight into a temporary file beside OUT, so a write that fails half
# way (here the file size limit, ulimit -f, with SIGXFSZ ignored so that
# write(2) says EFBIG) must end with one sentence, status 1, and nothing
# left behind: no OUT, no temporary file.  The same export without the
# limit is whole, and private entries stay out of it as before.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }
tj list >/dev/null 2>&1
tj sql --write >/dev/null 2>&1 <<'SQL' ||
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
INSERT INTO entries(uuid, created, created_off, updated, title, body, kind, shared)
SELECT printf('%08x-0000-4000-8000-%012x', i, i), 1600000000 + i * 600, 0,
  1600000000 + i * 600, 'Entry ' || i, 'Day ' || i || '. ' ||
  substr(replace(hex(zeroblob(20)), '00', 'the sea was calm today '), 1, 900),
  'journal', i % 2 FROM n;
SQL
	{ echo "Bail out! cannot seed"; exit 1; }

for fmt in md json html; do
	# 64 blocks of 512 bytes: the export is some 300 KB.
	ok_rc 1 "$fmt: the file system refuses half way: exit 1" \
		sh -c "trap '' XFSZ; ulimit -f 64; exec \"\$0\" \
		--passphrase-file \"\$1\" export --yes --format $fmt -o \"\$2\"" \
		"$TEND_BIN" "$T/pw" "$T/out.$fmt"
	like "$ERR" "cannot write" "$fmt: says it could not write"
	is "$(printf '%s\n' "$ERR" | grep -v 'warning: .*minimal' |
		grep -vc '^ \|^A plaintext\|^It is not')" 1 \
		"$fmt: one sentence about it"
	is "$(ls "$T" | grep -c "^out\.$fmt")" 0 \
		"$fmt: no file and no temporary file left"
	ok "$fmt: without the limit it is written" \
		tj export --yes --format $fmt -o "$T/out.$fmt"
done
is "$(jq '.entries | length' "$T/out.json")" 300 \
	"json: the 300 shared entries, whole"
is "$(grep -c '^### [0-9]' "$T/out.md")" 300 "md: the same"
is "$(grep -c '^### .* Entry 1$' "$T/out.md")" 1 "a shared one is in"
is "$(grep -c '^### .* Entry 2$' "$T/out.md")" 0 "a private one is not"
done_testing
