# tests/cli/sql.sh: `tend sql [--write]` and what reaches the disk.
#
# Covers: read-only by default (a write is refused and nothing changes,
# also for PRAGMAs SQLite calls read-only that write, like optimize),
# --write, tab-separated rows and how values print, the passphrase and the
# SQL sharing one standard input, SQL errors, the rules the vault enforces
# (no WAL), and privacy: a marker phrase and the passphrase never appear
# in the vault file, no journal file is left after the command ends, and
# neither VACUUM INTO nor ATTACH can write a plaintext copy.
. "$TEND_SRCDIR/tests/lib.sh"

new_vault
sha() { sha256sum <"$TEND_FILE"; }

# q SQL, qw SQL: run SQL read-only, or with --write.
q() { printf '%s\n' "$1" | sqlv; }
qw() { printf '%s\n' "$1" | sqlv --write; }

ok "sql --write creates a table" qw \
	"CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT, n REAL);"
ok "sql --write inserts rows" qw \
	"INSERT INTO notes(body, n) VALUES ('first', 1.5), ('second', NULL);"
ok "sql reads them back" q "SELECT id, body, n FROM notes ORDER BY id;"
tab=$(printf '\t')
is "$OUT" "1${tab}first${tab}1.5
2${tab}second${tab}" "rows are tab-separated, NULL is empty"
ok "blobs print as X'hex'" q "SELECT x'00ff10', 'a', 7;"
is "$OUT" "X'00ff10'${tab}a${tab}7" "... next to text and numbers"
ok "several statements print in turn" q "SELECT 1; SELECT 2;"
is "$OUT" "1
2" "... one row each"
ok "a comment alone is fine" q "-- nothing to do"
is "$OUT" "" "... and prints nothing"

# --- read-only unless --write ----------------------------------------
before=$(sha)
ok_rc 1 "without --write an INSERT is refused" \
	q "INSERT INTO notes(body) VALUES ('sneaky');"
one_line "$ERR" "... with one line on stderr"
like "$ERR" "^tend: .*--write" "... pointing to --write"
is "$(sha)" "$before" "... and the vault is unchanged"
ok_rc 1 "a write hidden in a transaction is refused too" \
	q "BEGIN; DELETE FROM notes; COMMIT;"
is "$(sha)" "$before" "... and the vault is unchanged"
ok_rc 1 "turning query_only off is refused too" \
	q "PRAGMA query_only=OFF; DELETE FROM notes;"
is "$(sha)" "$before" "... and the vault is unchanged"
ok_rc 1 "CREATE without --write is refused" q "CREATE TABLE x(a);"
is "$(sha)" "$before" "... and the vault is unchanged"
ok "the rows are all still there" q "SELECT count(*) FROM notes;"
is "$OUT" 2 "... both of them"
ok "a read-only query leaves the file as it was" \
	q "SELECT * FROM notes;"
is "$(sha)" "$before" "... byte for byte"

# --- no script writes without --write (issue 11) ----------------------
# An indexed table that has been queried: PRAGMA optimize then runs
# ANALYZE, which writes sqlite_stat1 although SQLite counts the PRAGMA as
# read-only.
ok "an entry, so the journal's schema (and search index) exists" \
	tend --passphrase-file "$T/pw" add "a line to search"
ok "an indexed table for the hostile scripts" qw \
	"CREATE TABLE big(k TEXT); CREATE INDEX big_k ON big(k);
	 WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c
	 WHERE i < 300) INSERT INTO big SELECT 'k' || i FROM c;"
before=$(sha)
hostile() {
	ok_rc 1 "refused without --write: $1" q "$1"
	is "$(sha)" "$before" "... and the vault's bytes are unchanged"
}
hostile "SELECT count(*) FROM big WHERE k > 'k5'; PRAGMA query_only=OFF;
PRAGMA optimize=0x10002;"
hostile "PRAGMA query_only=OFF; PRAGMA optimize;"
hostile "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = 'x';"
hostile "UPDATE sqlite_master SET sql = 'x' WHERE name = 'big';"
hostile "PRAGMA secure_delete=OFF;"
hostile "PRAGMA auto_vacuum=FULL;"
hostile "PRAGMA journal_mode=TRUNCATE;"
hostile "PRAGMA query_only=OFF; PRAGMA incremental_vacuum;"
hostile "PRAGMA user_version=9;"
hostile "ANALYZE;"
hostile "REINDEX;"
hostile "ATTACH ':memory:' AS m;"
hostile "CREATE TEMP TABLE t(a);"
hostile "SELECT * FROM pragma_optimize;"
like "$ERR" "^tend: .*--write" "the refusal points to --write"
ok "reading PRAGMAs still work" q "PRAGMA user_version; PRAGMA integrity_check;"
like "$OUT" "ok" "... integrity_check answers"
ok "pragma functions still work" q "SELECT name FROM pragma_table_info('big');"
is "$OUT" "k" "... naming the column"
ok "full-text search still works" q \
	"SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'search';"
is "$OUT" 1 "... and finds the entry"
is "$(sha)" "$before" "reading left the vault's bytes unchanged"
ok "with --write the same PRAGMA optimize runs" qw \
	"SELECT count(*) FROM big WHERE k > 'k5'; PRAGMA optimize;"
ok "... and wrote its statistics" q "SELECT count(*) > 0 FROM sqlite_stat1;"
is "$OUT" 1 "... into sqlite_stat1"
ok "with --write a DROP works" qw "DROP TABLE big;"

# --- errors ----------------------------------------------------------
ok_rc 1 "an SQL error exits 1" q "SELECT nosuch FROM notes;"
one_line "$ERR" "... with one line on stderr"
like "$ERR" "^tend: SQL error: .*nosuch" "... naming the problem"
ok_rc 1 "a failing statement in --write rolls back" qw \
	"BEGIN; INSERT INTO notes(body) VALUES ('half'); SELECT nosuch;"
ok "... so the row is not there" \
	q "SELECT count(*) FROM notes WHERE body = 'half';"
is "$OUT" 0 "... none of it"
ok_rc 1 "WAL mode is refused even with --write" qw \
	"PRAGMA journal_mode=WAL;"
like "$ERR" "WAL" "... saying why"
ok "VACUUM works with --write" qw "VACUUM;"
ok "... and the vault still verifies" \
	tend --passphrase-file "$T/pw" verify

# --- passphrase and SQL on one standard input ------------------------
pass_then_sql() {
	{ cat "$T/pw"; printf '%s\n' "$1"; } |
		tend --passphrase-file - sql ${2:+"$2"}
}
ok "--passphrase-file - then SQL on the same stdin" \
	pass_then_sql "INSERT INTO notes(body) VALUES ('via stdin');" --write
ok "... reading works the same way" \
	pass_then_sql "SELECT body FROM notes WHERE id = 3;" ""
is "$OUT" "via stdin" "... and finds the row"
empty_sql() { printf '' | sqlv; }
ok "no SQL at all is fine" empty_sql
nul_sql() { printf 'SELECT 1;\000' | sqlv; }
ok_rc 1 "a NUL byte in the SQL is refused" nul_sql
one_line "$ERR" "... with one line on stderr"

# --- privacy ---------------------------------------------------------
MARK="tangerine elephant whispers 7731"
ok "a marker phrase goes in with --write" qw \
	"INSERT INTO notes(body) SELECT '$MARK ' || value FROM json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]');"
ok "... and reads back" q "SELECT count(*) FROM notes WHERE body LIKE '$MARK%';"
is "$OUT" 20 "... all 20 rows"
is "$(grep -c "$MARK" "$TEND_FILE")" 0 "the marker is nowhere in the vault file"
is "$(grep -c tangerine "$TEND_FILE")" 0 "... not even one word of it"
is "$(grep -c 'correct horse' "$TEND_FILE")" 0 \
	"the passphrase is nowhere in the vault file"
is "$(grep -c 'CREATE TABLE' "$TEND_FILE")" 0 "nor is the schema"
ok_rc 1 "VACUUM INTO cannot write a plain copy" qw "VACUUM INTO '$T/plain.db';"
ok "... no file was made" test ! -e "$T/plain.db"
ok_rc 1 "ATTACH cannot open a plain database to copy into" \
	qw "ATTACH '$T/att.db' AS a; CREATE TABLE a.c AS SELECT * FROM notes;"
ok "... no file was made" test ! -e "$T/att.db"
ok "no journal file is left beside the vault" \
	test ! -e "$TEND_FILE-journal"
# (the rollback witness under ~/.local/state holds no journal content)
is "$(find "$T" -newer "$T/pw" -type f ! -name '.*' ! -name '*.witness' |
	sort | tr '\n' ' ')" \
	"$T/recovery $T/v.tend " "tend left no other files behind"

done_testing
