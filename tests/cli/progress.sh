#!/bin/sh
# progress.sh: long steps show a progress line on stderr, but only on a
# terminal and only once they have taken half a second.  The steps are
# made slow with TEND_TEST_SLOW_STEP (milliseconds each step waits
# first; test builds only) and run under a pseudo-terminal with
# script(1); the line is rewritten in place with \r and cleared at the
# end.  Without a terminal nothing but the command's own words is on
# stderr, and a quick step stays quiet even on a terminal.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

command -v script >/dev/null 2>&1 || { echo "Bail out! needs script(1)"; exit 1; }
new_vault
tend --passphrase-file "$T/pw" add --title One --share "the first words" \
	>/dev/null 2>&1 || { echo "Bail out! cannot add"; exit 1; }
id=$(tend --passphrase-file "$T/pw" list --json | jq -r '.[0].short')
tend --passphrase-file "$T/pw" identity new --kdf minimal \
	--identity "$T/id" >"$T/idpub" 2>/dev/null
KEY=$(head -n 1 "$T/idpub")
tend --passphrase-file "$T/pw" export --to "$KEY" -o "$T/first.tend" \
	>/dev/null 2>&1 || { echo "Bail out! cannot export"; exit 1; }

# Run tend under a terminal; everything it wrote (stdout and stderr) is
# kept in $T/tty, its exit status in $T/rc.
on_tty() {
	_cmd="'$TEND_BIN'"
	for _a in "$@"; do _cmd="$_cmd '$_a'"; done
	script -qfec "$_cmd; echo \$? >'$T/rc'" /dev/null \
		</dev/null >"$T/tty" 2>&1
}

# $1 the words of the step, the rest what to run with the slow hook.
slow_step() {
	_what=$1
	shift
	TEND_TEST_SLOW_STEP=700 on_tty --passphrase-file "$T/pw" "$@"
	is "$(cat "$T/rc")" 0 "$_what: on a terminal, done"
	ok "$_what: a progress line, rewritten in place and then cleared" \
		python3 -c 'import sys
t = open(sys.argv[1], "rb").read().decode()
i = t.find("\r" + sys.argv[2])
sys.exit(0 if i >= 0 and "\r\033[K" in t[i:] else 1)' "$T/tty" "$_what"
	TEND_TEST_SLOW_STEP=700 "$TEND_BIN" --passphrase-file "$T/pw" "$@" \
		>/dev/null 2>"$T/err"
	is "$(grep -v 'warning: .*minimal' "$T/err" | grep -c "$_what")" 0 \
		"$_what: nothing of it without a terminal"
}

slow_step "Checking the vault" verify
slow_step "Writing the backup" backup "$T/backup.tend"
slow_step "Writing the export" export --yes --format md -o "$T/out.md"
slow_step "Writing the bundle" export --to "$KEY" -o "$T/b.tend"
slow_step "Opening the bundle" review "$T/first.tend" --md \
	--identity "$T/id"
slow_step "Reading the bundle" review "$T/first.tend" --json \
	--identity "$T/id"
tend --passphrase-file "$T/pw" rm "$id" >/dev/null 2>&1
slow_step "Emptying the trash" trash empty
slow_step "Re-encrypting" rekey --recovery-key-file "$T/rk2"

# Without a terminal stderr holds only what the command says anyway.
TEND_TEST_SLOW_STEP=700 "$TEND_BIN" --passphrase-file "$T/pw" verify \
	>/dev/null 2>"$T/err"
is "$(grep -v 'warning: .*minimal' "$T/err")" "" \
	"verify without a terminal: stderr is empty"
is "$(tr -d '\r' <"$T/err" | grep -c "$(printf '\033')")" 0 \
	"no control characters either"

# A quick step on a terminal: no line (it took less than half a second).
on_tty --passphrase-file "$T/pw" verify
is "$(cat "$T/rc")" 0 "a quick verify on a terminal"
is "$(grep -c 'Checking the vault' "$T/tty")" 0 "shows no progress line"
done_testing
