# tests/cli/usage.sh: the command line itself.
#
# Covers: -h/--help and -V/--version (exit 0, on stdout), help for each
# command, usage errors (unknown command or option, a missing option value,
# extra arguments, an option another command owns: exit 2, and nothing is
# created), tend without a command, and that no option takes a passphrase
# itself (so one can never end up in argv, ps or /proc/PID/cmdline), in
# --help and in the man page alike; the man page covers every command and
# formats without warnings.
. "$TEND_SRCDIR/tests/lib.sh"

COMMANDS="init passwd recover rekey recovery-key verify backup sql"

ok "-h exits 0" tend -h
like "$OUT" "^usage: tend" "... and prints the usage on stdout"
is "$ERR" "" "... and nothing on stderr"
ok "--help exits 0" tend --help
for c in $COMMANDS; do
	like "$OUT" "  $c " "--help lists $c"
done
like "$OUT" "tend\\(1\\)" "--help points to the man page"
ok "-V exits 0" tend -V
like "$OUT" "^tend [0-9]+\\.[0-9]+" "... and prints the version"
ok "--version exits 0" tend --version
is "$OUT" "$(tend -V)" "... the same version"
for c in $COMMANDS; do
	ok "$c --help exits 0" tend "$c" --help
	like "$OUT" "usage: tend .*$c" "... and shows the usage of $c on stdout"
done

# --- usage errors ----------------------------------------------------
new_vault
before=$(sha256sum <"$TEND_FILE")
usage() {
	_d=$1; shift
	ok_rc 2 "$_d: exit 2" tend "$@"
	like "$ERR" "^tend: [a-z]" "... saying what is wrong"
	is "$OUT" "" "... and nothing on stdout"
}
usage "an unknown command" frobnicate
usage "a command in the wrong case" VERIFY
usage "an unknown global option" --frobnicate verify
usage "an unknown short option" -x verify
usage "an unknown option after the command" verify --frobnicate
usage "an unknown option of sql" sql --read-write
usage "-f without its value" -f
usage "--file without its value" --file
usage "--passphrase-file without its value" --passphrase-file
usage "--passphrase-file without its value, after the command" \
	verify --passphrase-file
usage "init --kdf without its value" init --kdf
like "$ERR" "option --kdf needs a value" "... in plain words"
usage "init --recovery-key-file without its value" init --recovery-key-file
usage "passwd --new-passphrase-file without its value" \
	passwd --new-passphrase-file
usage "recover --recovery-key-file without its value" \
	recover --recovery-key-file
usage "an extra argument to verify" verify now
like "$ERR" "verify takes no arguments" "... in plain words"
usage "an extra argument to init" init "$T/x.tend"
usage "an extra argument to sql" sql "SELECT 1"
usage "an extra argument to passwd" passwd again
usage "an extra argument to recover" recover KEY
usage "two arguments to backup" backup "$T/a.tend" "$T/b.tend"
usage "an init option given to verify" verify --kdf minimal
like "$ERR" "verify has no option --kdf" "... in plain words"
usage "a recover option given to passwd" passwd --recovery-key-file "$T/rk"
usage "--write given to verify" verify --write
# getopt_long would take a prefix of --passphrase-file; tend must not, or
# the passphrase given here would be opened as a file and echoed.
usage "a passphrase on the command line" --passphrase s3cret-word verify
is "$(printf '%s' "$ERR" | grep -c s3cret-word)" 0 "... not echoed"
usage "--passphrase=VALUE" --passphrase=s3cret-word verify
is "$(printf '%s' "$ERR" | grep -c s3cret-word)" 0 "... not echoed"
usage "a passphrase after the command" verify --passphrase s3cret-word
is "$(printf '%s' "$ERR" | grep -c s3cret-word)" 0 "... not echoed"
usage "a new passphrase after passwd" passwd --new-passphrase s3cret-word
usage "a recovery key after recover" recover --recovery-key ABCD-EFGH
is "$(printf '%s' "$ERR" | grep -c ABCD)" 0 "... not echoed"
usage "an unknown --name=VALUE option" --pin=s3cret-word verify
is "$(printf '%s' "$ERR" | grep -c s3cret-word)" 0 "... not echoed"
usage "an abbreviated option" --fil "$TEND_FILE" verify
usage "an abbreviated --write" sql --wr
is "$(sha256sum <"$TEND_FILE")" "$before" "none of it touched the vault"
ok "... and init made no file" test ! -e "$T/x.tend"
ok "... nor backup" test ! -e "$T/a.tend"

# --- no command ------------------------------------------------------
ok "tend without a command exits 0" env -u TEND_FILE "$TEND_BIN"
like "$OUT" "tend init" "... and tells how to make a journal"
ok "... and made nothing" test ! -e "$XDG_DATA_HOME/tend/journal.tend"
ok "tend without a command, with a vault, exits 0" tend
like "$OUT" "$TEND_FILE" "... and names the vault"

# --- passphrases never come from argv ---------------------------------
# Every option that mentions a passphrase or the recovery key names a file,
# except export's --share-passphrase, a flag that makes one up.
opts() {
	grep -o -- '--[a-z-]*\(passphrase\|recovery\)[a-z-]*' | sort -u
}
tend --help 2>&1 | opts >"$T/help-opts"
sed 's/\\-/-/g' "$TEND_SRCDIR/doc/tend.1" | opts >"$T/man-opts"
is "$(cat "$T/help-opts" "$T/man-opts" | grep -v -- '^--share-passphrase$' |
	grep -vc -- '-file$')" 0 \
	"no option in --help or tend(1) takes a passphrase or key itself"
is "$(cat "$T/help-opts")" "--new-passphrase-file
--new-recovery-key-file
--passphrase-file
--recovery-key-file
--share-passphrase
--share-passphrase-file" "... --help names the five file options and the flag"
is "$(cat "$T/man-opts")" "--new-passphrase-file
--new-recovery-key-file
--passphrase-file
--recovery-key-file
--share-passphrase
--share-passphrase-file" "... tend(1) names the five file options and the flag"

# --- the man page ----------------------------------------------------
MAN="$TEND_SRCDIR/doc/tend.1"
sed 's/\\-/-/g' "$MAN" >"$T/man-plain"
for c in $COMMANDS; do
	ok "tend(1) documents $c" grep -q "^\\.B $c\\>" "$T/man-plain"
done
for v in TEND_FILE XDG_DATA_HOME; do
	ok "tend(1) documents $v" grep -q "^\\.B $v\$" "$MAN"
done
if command -v groff >/dev/null 2>&1; then
	ok "tend(1) formats without warnings" \
		groff -ww -man -z "$MAN"
	is "$ERR" "" "... none at all"
else
	diag "groff is not installed: tend(1) was not formatted"
fi

done_testing
