# tests/lib.sh: TAP helpers for tend's shell tests.  Source it first.
#
#   ok DESC CMD...          passes when CMD exits 0
#   ok_rc RC DESC CMD...    passes when CMD exits RC; its stdout and stderr
#                           are kept in $OUT and $ERR
#   is GOT WANT DESC        passes when the strings are equal
#   like TEXT REGEX DESC    passes when TEXT matches the extended regex
#   done_testing            prints the plan; call last
#
# tend runs as $TEND_BIN (set by `make check`); every test gets a fresh
# $T directory with HOME and XDG dirs inside it, removed at exit.  new_vault
# makes $T/v.tend (minimal KDF) with passphrase file $T/pw and exports
# TEND_FILE.
set -u

: "${TEND_BIN:?run through make check, or set TEND_BIN}"
T=$(mktemp -d "${TMPDIR:-/tmp}/tend-sh-XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
unset TEND_FILE
mkdir -p "$HOME"
_n=0
_failed=0
OUT=
ERR=

_result() {
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2"
	else
		_failed=$((_failed + 1))
		echo "not ok $_n - $2"
	fi
}

diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

tend() { "$TEND_BIN" "$@"; }

ok() {
	_d=$1; shift
	if "$@" >"$T/.out" 2>"$T/.err"; then _result 0 "$_d"; else
		_rc=$?; _result 1 "$_d"; diag "exit $_rc" "$(cat "$T/.err")"
	fi
	OUT=$(cat "$T/.out"); ERR=$(cat "$T/.err")
}

ok_rc() {
	_want=$1 _d=$2; shift 2
	"$@" >"$T/.out" 2>"$T/.err"
	_rc=$?
	OUT=$(cat "$T/.out"); ERR=$(cat "$T/.err")
	if [ "$_rc" -eq "$_want" ]; then _result 0 "$_d"; else
		_result 1 "$_d"; diag "exit $_rc, wanted $_want" "$ERR"
	fi
}

is() {
	if [ "$1" = "$2" ]; then _result 0 "$3"; else
		_result 1 "$3"; diag "got:  $1" "want: $2"
	fi
}

like() {
	if printf '%s' "$1" | grep -Eq -- "$2"; then _result 0 "$3"; else
		_result 1 "$3"; diag "got: $1" "not matching: $2"
	fi
}

# Exactly one line on stderr (warnings about the test KDF aside).
one_line() {
	_lines=$(printf '%s\n' "$1" | grep -v "warning: .*minimal" | grep -c .)
	is "$_lines" 1 "$2"
}

new_vault() {
	printf 'correct horse battery staple\n' >"$T/pw"
	export TEND_FILE="$T/v.tend"
	"$TEND_BIN" --passphrase-file "$T/pw" init --kdf minimal \
		--recovery-key-file "$T/recovery" >/dev/null 2>&1 ||
		{ echo "Bail out! cannot create a vault"; exit 1; }
}

sqlv() { "$TEND_BIN" --passphrase-file "$T/pw" sql "$@"; }

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ] && [ "$_n" -gt 0 ]
}
