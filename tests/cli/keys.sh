# tests/cli/keys.sh: passphrases and the recovery key.
#
# Covers: a wrong passphrase (exit 1, says so, file unchanged) for every
# command that opens the vault; passwd (the old passphrase stops working,
# the new one works, the pages after the 4096-byte header region are not
# rewritten, the recovery key still works); recover with a key file, from
# standard input, typed in lower case with spaces; a mistyped key, a key
# of another vault and an empty key all fail and change nothing.
. "$TEND_SRCDIR/tests/lib.sh"

new_vault
sha() { sha256sum <"$TEND_FILE"; }
pages() { tail -c +4097 "$TEND_FILE" >"$1"; }
printf 'a much longer passphrase, with commas\n' >"$T/pw2"
printf 'third time lucky\n' >"$T/pw3"
printf 'not the passphrase\n' >"$T/wrong"

printf 'CREATE TABLE t(x); INSERT INTO t VALUES (42);\n' |
	sqlv --write >/dev/null 2>&1
count() { printf 'SELECT x FROM t;\n' | tend --passphrase-file "$1" sql; }

# --- a wrong passphrase ----------------------------------------------
before=$(sha)
for cmd in verify backup passwd sql "sql --write"; do
	# shellcheck disable=SC2086
	ok_rc 1 "$cmd with a wrong passphrase exits 1" \
		tend --passphrase-file "$T/wrong" $cmd </dev/null
	one_line "$ERR" "... with one line on stderr"
	like "$ERR" "^tend: wrong passphrase" "... saying it is the wrong passphrase"
	is "$(sha)" "$before" "... and the file is unchanged"
done
ok "no backup was written" test -z "$(find "$T" -name 'v-*.tend')"
# A trailing newline or CR LF in the file is not part of the passphrase.
printf 'correct horse battery staple\r\n' >"$T/pw-crlf"
ok "a passphrase file with CR LF works" count "$T/pw-crlf"
printf 'correct horse battery staple' >"$T/pw-nonl"
ok "a passphrase file without a final newline works" count "$T/pw-nonl"
printf 'correct horse battery staple \n' >"$T/pw-space"
ok_rc 1 "a trailing space is part of the passphrase" count "$T/pw-space"
printf 'Correct horse battery staple\n' >"$T/pw-case"
ok_rc 1 "case matters" count "$T/pw-case"

# --- passwd ----------------------------------------------------------
pages "$T/pages-before"
ok "passwd --new-passphrase-file" \
	tend --passphrase-file "$T/pw" passwd --new-passphrase-file "$T/pw2"
like "$ERR" "changed" "... says the passphrase was changed"
ok_rc 1 "the old passphrase no longer opens it" count "$T/pw"
like "$ERR" "wrong passphrase" "... it is a wrong passphrase now"
ok "the new passphrase opens it" count "$T/pw2"
is "$OUT" 42 "... and the data is there"
pages "$T/pages-after"
ok "the pages after the header region are byte-identical" \
	cmp -s "$T/pages-before" "$T/pages-after"
ok "the vault verifies" tend --passphrase-file "$T/pw2" verify

before=$(sha)
ok_rc 1 "passwd with the wrong current passphrase fails" \
	tend --passphrase-file "$T/pw" passwd --new-passphrase-file "$T/pw3"
is "$(sha)" "$before" "... and changes nothing"
printf '\n' >"$T/blank"
ok_rc 1 "passwd to an empty passphrase is refused" \
	tend --passphrase-file "$T/pw2" passwd --new-passphrase-file "$T/blank"
one_line "$ERR" "... with one line on stderr"
like "$ERR" "empty" "... saying it is empty"
is "$(sha)" "$before" "... and changes nothing"
ok_rc 1 "passwd with a missing new-passphrase file fails" \
	tend --passphrase-file "$T/pw2" passwd --new-passphrase-file "$T/nope"
one_line "$ERR" "... with one line on stderr"
is "$(sha)" "$before" "... and changes nothing"

both_on_stdin() {
	{ cat "$T/pw2" "$T/pw3"; } |
		tend --passphrase-file - passwd --new-passphrase-file -
}
ok "passwd reads the old and the new passphrase from one stdin" \
	both_on_stdin
ok "... and the new one works" count "$T/pw3"

# --- recover ---------------------------------------------------------
pages "$T/pages-before"
ok "recover --recovery-key-file --new-passphrase-file" \
	tend recover --recovery-key-file "$T/recovery" \
	--new-passphrase-file "$T/pw"
like "$ERR" "recovery key still works" "... says the key still works"
ok "the new passphrase opens it" count "$T/pw"
is "$OUT" 42 "... and the data is there"
ok_rc 1 "the passphrase before it no longer does" count "$T/pw3"
pages "$T/pages-after"
ok "recover did not rewrite the pages" \
	cmp -s "$T/pages-before" "$T/pages-after"

key_on_stdin() {
	tend recover --recovery-key-file - --new-passphrase-file "$T/pw2" \
		<"$T/recovery"
}
ok "the recovery key can come from standard input" key_on_stdin
ok "... and the new passphrase works" count "$T/pw2"
tr 'A-Z-' 'a-z ' <"$T/recovery" >"$T/recovery-lower"
ok "the key typed in lower case with spaces works" \
	tend recover --recovery-key-file "$T/recovery-lower" \
	--new-passphrase-file "$T/pw3"
ok "... and the new passphrase works" count "$T/pw3"

# Mistype one character: change the first to a different valid one.
first=$(cut -c1 "$T/recovery")
if [ "$first" = 7 ]; then sub=8; else sub=7; fi
printf '%s%s\n' "$sub" "$(cut -c2- "$T/recovery")" >"$T/mistyped"
before=$(sha)
ok_rc 1 "a mistyped recovery key fails" \
	tend recover --recovery-key-file "$T/mistyped" \
	--new-passphrase-file "$T/pw"
one_line "$ERR" "... with one line on stderr"
like "$ERR" "recovery key" "... saying the recovery key is not right"
is "$(sha)" "$before" "... and the vault is unchanged"
ok "... and the passphrase set before still works" count "$T/pw3"

cut -c1-40 "$T/recovery" >"$T/short-key"
ok_rc 1 "a recovery key cut short fails" \
	tend recover --recovery-key-file "$T/short-key" \
	--new-passphrase-file "$T/pw"
one_line "$ERR" "... with one line on stderr"
: >"$T/empty-key"
ok_rc 1 "an empty recovery key file fails" \
	tend recover --recovery-key-file "$T/empty-key" \
	--new-passphrase-file "$T/pw"
one_line "$ERR" "... with one line on stderr"
is "$(sha)" "$before" "... and the vault is unchanged"

ok "make a second vault" tend -f "$T/other.tend" --passphrase-file "$T/pw" \
	init --kdf minimal --recovery-key-file "$T/other-key"
ok_rc 1 "its recovery key does not open the first vault" \
	tend recover --recovery-key-file "$T/other-key" \
	--new-passphrase-file "$T/pw"
one_line "$ERR" "... with one line on stderr"
like "$ERR" "wrong recovery key" "... saying it is the wrong key"
is "$(sha)" "$before" "... and the vault is unchanged"
ok_rc 1 "recover on a missing vault fails" \
	tend -f "$T/none.tend" recover --recovery-key-file "$T/recovery" \
	--new-passphrase-file "$T/pw"
one_line "$ERR" "... with one line on stderr"

# --- no terminal to ask on -------------------------------------------
# setsid: no controlling terminal, so tend cannot fall back to /dev/tty.
no_tty() { setsid -w "$TEND_BIN" "$@" </dev/null; }
ok_rc 1 "without a terminal, verify needs --passphrase-file" no_tty verify
one_line "$ERR" "... with one line on stderr"
like "$ERR" "no terminal.*--passphrase-file" "... naming the option"
ok_rc 1 "without a terminal, passwd needs --new-passphrase-file" \
	no_tty --passphrase-file "$T/pw3" passwd
like "$ERR" "no terminal.*--new-passphrase-file" "... naming the option"
ok_rc 1 "without a terminal, recover needs --recovery-key-file" \
	no_tty recover --new-passphrase-file "$T/pw2"
like "$ERR" "no terminal.*--recovery-key-file" "... naming the option"
is "$(sha)" "$before" "... and none of it changed the vault"

# --- a stronger profile on the way ------------------------------------
ok_rc 2 "passwd --kdf with an unknown profile is a usage error" \
	tend --passphrase-file "$T/pw3" passwd --kdf quick \
	--new-passphrase-file "$T/pw3"
is "$(sha)" "$before" "... and changes nothing"
ok "passwd --kdf interactive moves the vault off the test profile" \
	tend --passphrase-file "$T/pw3" passwd --kdf interactive \
	--new-passphrase-file "$T/pw3"
ok "the same passphrase still opens it" \
	tend --passphrase-file "$T/pw3" verify
is "$(printf '%s' "$ERR" | grep -c minimal)" 0 \
	"... and no longer warns about the minimal profile"

done_testing
