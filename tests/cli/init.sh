# tests/cli/init.sh: `tend init` and where the vault lives.
#
# Covers: the recovery key printed on its own line (or written to a 0600
# file and then absent from stdout), file and directory modes, the default
# location under $XDG_DATA_HOME (and ~/.local/share without it), TEND_FILE
# and -f, refusing to overwrite anything that already exists, empty or
# missing passphrase files, and that only the 'minimal' profile warns.
. "$TEND_SRCDIR/tests/lib.sh"

# Crockford base32 (no I, L, O, U): 14 groups of 4, dash-separated.
C='[0-9A-HJKMNP-TV-Z]'
KEY_RE="^$C{4}(-$C{4}){13}\$"
printf 'a quiet morning by the lake\n' >"$T/pw"

mode() { stat -c %a "$1"; }
sha() { sha256sum <"$1"; }

# --- default location, key on stdout ---------------------------------
ok "init with the default location" \
	tend --passphrase-file "$T/pw" init --kdf minimal
is "$(printf '%s\n' "$OUT" | grep -Ec "$KEY_RE")" 1 \
	"stdout has the recovery key on a line of its own"
is "$(printf '%s\n' "$OUT" | grep -c .)" 1 "stdout has nothing else"
like "$ERR" "[Rr]ecovery key" "stderr says what the key is for"
V="$XDG_DATA_HOME/tend/journal.tend"
ok "the vault is \$XDG_DATA_HOME/tend/journal.tend" test -f "$V"
is "$(mode "$V")" 600 "the vault file is mode 0600"
is "$(mode "$XDG_DATA_HOME/tend")" 700 "the data directory made is mode 0700"
is "$(mode "$XDG_DATA_HOME")" 700 "so is its parent, made too"
ok "it opens with the passphrase" tend --passphrase-file "$T/pw" verify
like "$OUT" "^[0-9]+ pages checked" "verify reports the pages it checked"

# --- refusing to overwrite -------------------------------------------
before=$(sha "$V")
ok_rc 1 "a second init is refused" \
	tend --passphrase-file "$T/pw" init --kdf minimal
one_line "$ERR" "... with one line on stderr"
like "$ERR" "^tend: .*already exists" "... saying a vault already exists"
is "$(sha "$V")" "$before" "... and the vault is byte-identical"
is "$OUT" "" "... and no recovery key is printed"

printf 'my shopping list\n' >"$T/notes.txt"
ok_rc 1 "init refuses to replace an ordinary file" \
	tend -f "$T/notes.txt" --passphrase-file "$T/pw" init --kdf minimal
is "$(cat "$T/notes.txt")" "my shopping list" "... which is left alone"

# --- --recovery-key-file ---------------------------------------------
W="$T/with-file/sub/w.tend"
ok "init -f FILE --recovery-key-file F" \
	tend -f "$W" --passphrase-file "$T/pw" init --kdf minimal \
	--recovery-key-file "$T/rk"
is "$OUT" "" "stdout has no recovery key"
is "$(mode "$T/rk")" 600 "the recovery key file is mode 0600"
is "$(grep -Ec "$KEY_RE" "$T/rk")" 1 "it holds the key"
is "$(grep -c . "$T/rk")" 1 "... and nothing else"
is "$(mode "$W")" 600 "a vault named with -f is mode 0600 too"
is "$(mode "$T/with-file/sub")" 700 "its new directory is mode 0700"
ok "the vault made with -f opens" \
	tend -f "$W" --passphrase-file "$T/pw" verify
ok "the key in the file recovers it" \
	tend -f "$W" recover --recovery-key-file "$T/rk" \
	--new-passphrase-file "$T/pw"

# The key file is checked before the vault is made: never lose a key.
printf 'the key of another vault\n' >"$T/old-key"
ok_rc 1 "init refuses an existing --recovery-key-file" \
	tend -f "$T/k1.tend" --passphrase-file "$T/pw" init --kdf minimal \
	--recovery-key-file "$T/old-key"
one_line "$ERR" "... with one line on stderr"
is "$(cat "$T/old-key")" "the key of another vault" "... which is left alone"
ok "... and no vault is made" test ! -e "$T/k1.tend"
ok_rc 1 "init refuses a key file in a missing folder" \
	tend -f "$T/k2.tend" --passphrase-file "$T/pw" init --kdf minimal \
	--recovery-key-file "$T/no-folder/key"
like "$ERR" "^tend: .*folder does not exist" "... saying so"
ok "... and no vault is made" test ! -e "$T/k2.tend"

# --- nowhere to print the key ----------------------------------------
init_full() {
	tend -f "$T/full.tend" --passphrase-file "$T/pw" init --kdf minimal \
		>/dev/full
}
ok_rc 1 "init with stdout unwritable exits 1" init_full
like "$ERR" "^tend: .*recovery key could not be shown" \
	"... saying the recovery key was not shown"

# --- TEND_FILE and -f ------------------------------------------------
E="$T/env.tend"
ok "init honours TEND_FILE" \
	env TEND_FILE="$E" "$TEND_BIN" --passphrase-file "$T/pw" \
	init --kdf minimal --recovery-key-file "$T/rk-env"
ok "... the vault is where TEND_FILE says" test -f "$E"
ok "verify honours TEND_FILE" \
	env TEND_FILE="$E" "$TEND_BIN" --passphrase-file "$T/pw" verify
ok "-f wins over TEND_FILE" \
	env TEND_FILE="$T/nowhere.tend" "$TEND_BIN" -f "$E" \
	--passphrase-file "$T/pw" verify
ok "--file is the long form of -f" \
	tend --file "$E" --passphrase-file "$T/pw" verify
ok "-f works after the command name" \
	tend --passphrase-file "$T/pw" verify -f "$E"
ok "--passphrase-file works after the command name" \
	tend -f "$E" verify --passphrase-file "$T/pw"

# --- the passphrase from standard input -------------------------------
init_stdin() {
	printf 'from standard input\n' |
		tend -f "$T/stdin.tend" --passphrase-file - init --kdf minimal
}
ok "init reads the passphrase from --passphrase-file -" init_stdin
verify_stdin() {
	printf 'from standard input\n' |
		tend -f "$T/stdin.tend" --passphrase-file - verify
}
ok "... and that passphrase opens it" verify_stdin

# --- no usable passphrase --------------------------------------------
: >"$T/empty-pw"
ok_rc 1 "an empty passphrase file is refused" \
	tend -f "$T/e1.tend" --passphrase-file "$T/empty-pw" init --kdf minimal
one_line "$ERR" "... with one line on stderr"
ok "... and no vault is made" test ! -e "$T/e1.tend"
printf '\n' >"$T/blank-pw"
ok_rc 1 "an empty first line is refused" \
	tend -f "$T/e2.tend" --passphrase-file "$T/blank-pw" init --kdf minimal
like "$ERR" "empty" "... saying the passphrase is empty"
ok "... and no vault is made" test ! -e "$T/e2.tend"
ok_rc 1 "a missing passphrase file is refused" \
	tend -f "$T/e3.tend" --passphrase-file "$T/no-such-pw" init --kdf minimal
one_line "$ERR" "... with one line on stderr"
ok "... and no vault is made" test ! -e "$T/e3.tend"
ok_rc 2 "an unknown --kdf profile is a usage error" \
	tend -f "$T/e4.tend" --passphrase-file "$T/pw" init --kdf fast
like "$ERR" "interactive, moderate, sensitive" "... listing the profiles"
ok "... and no vault is made" test ! -e "$T/e4.tend"

# --- the fallback without XDG_DATA_HOME -------------------------------
ok "without XDG_DATA_HOME the vault goes under ~/.local/share" \
	env -u XDG_DATA_HOME "$TEND_BIN" --passphrase-file "$T/pw" \
	init --kdf minimal --recovery-key-file "$T/rk-home"
ok "... as ~/.local/share/tend/journal.tend" \
	test -f "$HOME/.local/share/tend/journal.tend"

# --- only the test profile warns --------------------------------------
ok "init --kdf interactive" \
	tend -f "$T/i.tend" --passphrase-file "$T/pw" init --kdf interactive \
	--recovery-key-file "$T/rk-i"
ok "opening it works" tend -f "$T/i.tend" --passphrase-file "$T/pw" verify
is "$ERR" "" "... with nothing on stderr"
ok "opening a 'minimal' vault works" \
	tend -f "$E" --passphrase-file "$T/pw" verify
like "$ERR" "warning: .*minimal" "... and warns every time"

done_testing
