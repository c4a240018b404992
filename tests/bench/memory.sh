#!/bin/sh
# tests/bench/memory.sh: peak resident memory of the commands that walk a
# whole journal, and bytes on disk per entry, at BENCH_MEM_N entries
# (default 100,000) of about 1.5 KB and N/33 check-ins.
#
# The journal is built once; each command then runs under /usr/bin/time
# and its peak resident set (ru_maxrss) and time are printed as
#   peak rss list --json: N MiB (S s)
# The vault's size per entry is compared with a plain SQLite file holding
# the same rows under the same schema.  Run by `make bench`; not a test.
set -u
: "${TEND_BIN:?set TEND_BIN to the tend binary}"
N=${BENCH_MEM_N:-100000}
C=$((N / 33))
D=$(mktemp -d "${TMPDIR:-/tmp}/tend-mem-XXXXXX")
trap 'rm -rf "$D"' EXIT
export HOME="$D" XDG_DATA_HOME="$D/data" XDG_CONFIG_HOME="$D/config"
printf 'bench passphrase\n' >"$D/pw"
t() { "$TEND_BIN" -f "$D/j.tend" --passphrase-file "$D/pw" "$@"; }
[ -x /usr/bin/time ] || { echo "memory: needs /usr/bin/time" >&2; exit 1; }
t init --kdf minimal --recovery-key-file "$D/rk" >/dev/null 2>&1 ||
	{ echo "memory: cannot make a journal" >&2; exit 1; }
t list >/dev/null 2>&1

# About 1.5 KB of words per entry, varied by the entry's number.
cat >"$D/seed.sql" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO entries(uuid, created, created_off, updated, title, body, kind, shared)
SELECT printf('%08x-0000-4000-8000-%012x', i, i), 1600000000 + i * 600, 0,
  1600000000 + i * 600, 'Entry ' || i,
  printf('Day %d. ', i) || substr(replace(hex(zeroblob(30)), '00',
  'Heute war ein ruhiger Tag am Wasser, the sea was calm and I slept well ' ||
  'after the session; wir sprachen ueber Angst, Schlaf und Vertrauen. '),
  1 + (i % 97), 1450) || ' Ende ' || (i * 7919 % 100003) || '.',
  'journal', i % 2 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO tags(entry, tag) SELECT i, CASE i % 3 WHEN 0 THEN 'meer'
  WHEN 1 THEN 'schlaf' ELSE 'angst' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $C)
INSERT INTO checkins(uuid, time, time_off, mood, symptoms, note, shared)
SELECT printf('%08x-0000-4000-9000-%012x', i, i), 1600000000 + i * 20000,
  0, i % 11, '[]', 'slept a little better', 1 FROM n;
SQL
t sql --write <"$D/seed.sql" >/dev/null 2>&1 ||
	{ echo "memory: seeding failed" >&2; exit 1; }
"$TEND_BIN" identity new --kdf minimal --identity "$D/id" \
	--passphrase-file "$D/pw" >"$D/idpub" 2>/dev/null
KEY=$(head -n 1 "$D/idpub")
ID=$(printf "%08x" $((N / 2)))

rss() {
	name=$1
	shift
	if /usr/bin/time -f '%M %e' -o "$D/rss" "$@" >/dev/null 2>"$D/err"; then
		set -- $(tail -n 1 "$D/rss")
		echo "peak rss $name: $(($1 / 1024)) MiB ($2 s)"
	else
		echo "peak rss $name: failed ($(tail -n 1 "$D/err"))"
	fi
}
T="$TEND_BIN"
F="-f $D/j.tend --passphrase-file $D/pw"
echo "memory at $N entries and $C check-ins:"
# shellcheck disable=SC2086
{
rss "list" $T $F list
rss "list --json" $T $F list --json
rss "search --json" $T $F search --json ruhiger
rss "show --json" $T $F show --json "$ID"
rss "export --all (bundle)" $T $F export --all --to "$KEY" -o "$D/b.tend"
for fmt in md csv json html; do
	rss "export --format $fmt" $T $F export --all --yes --format $fmt \
		-o "$D/out.$fmt"
done
rss "review --md (open and print)" $T review "$D/b.tend" --md \
	--identity "$D/id" --passphrase-file "$D/pw"
rss "review --json (open and print)" $T review "$D/b.tend" --json \
	--identity "$D/id" --passphrase-file "$D/pw"
rss "verify" $T $F verify
rss "backup" $T $F backup "$D/backup.tend"
}
ls -l "$D/b.tend" | awk '{ printf "bundle: %d MiB\n", $5 / 1048576 }'

# The same rows in a plain SQLite file with the same schema.
if command -v sqlite3 >/dev/null 2>&1; then
	t sql >"$D/schema.sql" 2>/dev/null <<'SQL'
SELECT sql || ';' FROM sqlite_schema WHERE sql IS NOT NULL AND
  name NOT LIKE '%\_fts\_%' ESCAPE '\'
  AND type IN ('table', 'index') ORDER BY rowid;
SELECT sql || ';' FROM sqlite_schema WHERE name = 'entries_fts_src';
SELECT sql || ';' FROM sqlite_schema WHERE type = 'trigger';
SQL
	# Plain SQLite has no "tend" tokenizer: its own unicode61 instead.
	sed "s/tokenize = 'tend'/tokenize = 'unicode61 remove_diacritics 2'/" \
		"$D/schema.sql" | sqlite3 "$D/plain.db" >/dev/null 2>&1
	sqlite3 "$D/plain.db" <"$D/seed.sql" >/dev/null 2>&1
	sqlite3 "$D/plain.db" 'VACUUM' >/dev/null 2>&1
	tend=$(stat -c %s "$D/j.tend")
	plain=$(stat -c %s "$D/plain.db")
	echo "bytes on disk per entry: tend $((tend / N)), plain SQLite $((plain / N))"
	echo "  (vault $((tend / 1048576)) MiB, plain SQLite $((plain / 1048576)) MiB)"
fi
