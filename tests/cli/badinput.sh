# tests/cli/badinput.sh: files that are not (usable) tend vaults.
#
# Covers, for each command that opens a vault: an empty file, random bytes
# (short and long), a plain SQLite database made by the sqlite3 program, a
# directory, a missing file, a read-only file for the commands that write
# (sql --write, passwd, recover), and a vault whose format version says it
# was written by a newer tend.  Each is exit 1 with exactly one line on
# stderr, and none of them changes the file.
. "$TEND_SRCDIR/tests/lib.sh"

new_vault
PW="$T/pw"
printf 'CREATE TABLE t(x); INSERT INTO t VALUES (1);\n' |
	sqlv --write >/dev/null 2>&1
sum() { sha256sum <"$1"; }

# run_on FILE CMD...: run a tend command on FILE, SQL from stdin.
run_on() {
	_f=$1; shift
	printf 'SELECT 1;\n' | tend -f "$_f" --passphrase-file "$PW" "$@"
}
# refused FILE REGEX CMD...: exit 1, one line matching REGEX, FILE as it was.
refused() {
	_f=$1 _re=$2; shift 2
	_before=$(ls -ld "$_f" 2>/dev/null; [ -f "$_f" ] && sum "$_f")
	ok_rc 1 "$* on $(basename "$_f") exits 1" run_on "$_f" "$@"
	one_line "$ERR" "... with one line on stderr"
	like "$ERR" "^tend: .*($_re)" "... saying why"
	is "$(ls -ld "$_f" 2>/dev/null; [ -f "$_f" ] && sum "$_f")" "$_before" \
		"... and $(basename "$_f") is unchanged"
	is "$OUT" "" "... and prints nothing on stdout"
}
# every FILE REGEX: refused for each command that opens a vault.
every() {
	for _c in verify sql "sql --write" passwd backup; do
		# shellcheck disable=SC2086
		refused "$1" "$2" $_c
	done
}

: >"$T/empty.tend"
every "$T/empty.tend" "empty"

head -c 100 /dev/urandom >"$T/short-random.tend"
every "$T/short-random.tend" "too short|not a tend vault"

head -c 65536 /dev/urandom >"$T/random.tend"
every "$T/random.tend" "not a tend vault"

sqlite3 "$T/plain.db" "CREATE TABLE diary(day, text);
	INSERT INTO diary VALUES ('monday', 'hello');"
every "$T/plain.db" "not a tend vault"

mkdir "$T/folder.tend"
every "$T/folder.tend" "directory"

every "$T/missing.tend" "no vault"
ok "... and no file was made" test ! -e "$T/missing.tend"
ok_rc 1 "recover on a missing file exits 1" \
	tend -f "$T/missing.tend" recover --recovery-key-file "$T/recovery" \
	--new-passphrase-file "$PW"
one_line "$ERR" "... with one line on stderr"

# --- a read-only vault -----------------------------------------------
cp "$TEND_FILE" "$T/ro.tend"
chmod 0400 "$T/ro.tend"
refused "$T/ro.tend" "read-only" sql --write
refused "$T/ro.tend" "read-only" passwd --new-passphrase-file "$PW"
ok_rc 1 "recover on a read-only vault exits 1" \
	tend -f "$T/ro.tend" recover --recovery-key-file "$T/recovery" \
	--new-passphrase-file "$PW"
one_line "$ERR" "... with one line on stderr"
like "$ERR" "read-only" "... saying it is read-only"
ok "reading a read-only vault still works" run_on "$T/ro.tend" sql
is "$OUT" 1 "... and prints the result"
ok "verify works on it too" tend -f "$T/ro.tend" --passphrase-file "$PW" verify
ok "and backup" tend -f "$T/ro.tend" --passphrase-file "$PW" backup \
	"$T/ro-copy.tend"

# --- a newer format version ------------------------------------------
# The version is 2 bytes, little-endian, at offset 8 of each header copy.
cp "$TEND_FILE" "$T/v2.tend"
for off in 8 2056; do
	printf '\002\000' | dd of="$T/v2.tend" bs=1 seek=$off conv=notrunc \
		2>/dev/null
done
is "$(od -An -tu2 -j 8 -N 2 "$T/v2.tend" | tr -d ' ')" 2 \
	"copy A now says format 2"
is "$(od -An -tu2 -j 2056 -N 2 "$T/v2.tend" | tr -d ' ')" 2 \
	"copy B too"
every "$T/v2.tend" "newer tend"
ok_rc 1 "recover refuses it too" \
	tend -f "$T/v2.tend" recover --recovery-key-file "$T/recovery" \
	--new-passphrase-file "$PW"
one_line "$ERR" "... with one line on stderr"
like "$ERR" "newer tend" "... saying a newer tend wrote it"
ok_rc 1 "init does not replace it" \
	tend -f "$T/v2.tend" --passphrase-file "$PW" init --kdf minimal
is "$(od -An -tu2 -j 8 -N 2 "$T/v2.tend" | tr -d ' ')" 2 \
	"... it still says format 2"

done_testing
