# tests/e2e/tmux.sh: drive the real tend in a real terminal under tmux.
# Source tests/lib.sh first, then this.
#
#   tm_start COLS ROWS [ENV=VALUE...]  start tend (no command) in a new
#                       tmux server of its own; it runs in $T with the
#                       vault $T/journal.tend (shown as "journal.tend") and
#                       the minimal KDF for new vaults.  When tend exits the
#                       pane shows "tend-exited-STATUS".  $TM_ARGS, if set,
#                       are tend's arguments (words split by the shell);
#                       $TM_BIN runs another tend than $TEND_BIN, $TM_CWD
#                       another directory than $T, and an empty
#                       $TM_THEME_DIR leaves TEND_THEME_DIR unset.
#   tm_wait TEXT [SECS] wait until TEXT is on the screen (polled every
#                       50 ms, default 15 s); a test point
#   tm_wait_q TEXT [SECS]  the same without a test point; 0 if seen
#   tm_type TEXT        type TEXT literally (UTF-8 as is)
#   tm_key KEY...       press keys by tmux name (Enter, Escape, C-q, F1, Up)
#   tm_screen           the screen now, trailing blanks removed
#   tm_layout NAME      compare the screen with tests/e2e/expected/NAME.txt
#                       after masking what varies ($T, recovery keys);
#                       TEND_E2E_UPDATE=1 writes the file instead
#   tm_resize COLS ROWS
#   tm_tend_pid         the process id of tend inside the pane
#   tm_new_vault        a journal to unlock, passphrase in $T/pw
#
# The test build lives in tests/hooks, away from themes/ (which ./tend
# finds next to itself), so TEND_THEME_DIR points it there.
#
# Every tm_start gets its own tmux socket, so tests can run in parallel,
# a new server never meets one still shutting down, and a failed test
# never leaves a server behind.

TM_BASE="tend-e2e-$$-$(basename "$0" .sh)"
TM_N=0
TM_SOCK="$TM_BASE-0"
EXPECTED="${TEND_SRCDIR:-.}/tests/e2e/expected"
trap 'tmux -L "$TM_SOCK" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
command -v tmux >/dev/null 2>&1 ||
	{ echo "Bail out! tmux is needed for the terminal tests"; exit 1; }

tm() { tmux -L "$TM_SOCK" "$@"; }

tm_start() {
	_cols=$1 _rows=$2; shift 2
	tm kill-server >/dev/null 2>&1      # the last run's server, if any
	TM_N=$((TM_N + 1))
	TM_SOCK="$TM_BASE-$TM_N"            # a fresh one: no shutdown race
	_themes=${TM_THEME_DIR-$TEND_SRCDIR/themes}
	tm -f /dev/null new-session -d -s tend -x "$_cols" -y "$_rows" \
		"cd '${TM_CWD:-$T}' && env -u TEND_THEME_DIR LANG=C.UTF-8 \
		LC_ALL=C.UTF-8 HOME='$HOME' \
		XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
		TEND_FILE=journal.tend ${_themes:+TEND_THEME_DIR='$_themes'} \
		TEND_TEST_KDF=minimal $* '${TM_BIN:-$TEND_BIN}' ${TM_ARGS:-}; \
		echo tend-exited-\$?; sleep 600"
	tm set-option -t tend window-size manual >/dev/null 2>&1
}

tm_screen() { tm capture-pane -p -t tend | sed 's/[[:space:]]*$//'; }

tm_wait_q() {
	_want=$1 _secs=${2:-15}
	_tries=$((_secs * 20))
	while [ "$_tries" -gt 0 ]; do
		tm_screen | grep -Fq -- "$_want" && return 0
		sleep 0.05
		_tries=$((_tries - 1))
	done
	return 1
}

tm_wait() {
	if tm_wait_q "$@"; then _result 0 "screen shows: $1"; else
		_result 1 "screen shows: $1"
		diag "the screen was:" "$(tm_screen)"
	fi
}

# Wait for the home screen (its title line, in UTF-8 or ASCII).
tm_home_q() {
	_tries=$((${1:-15} * 20))
	while [ "$_tries" -gt 0 ]; do
		tm_screen | head -n 1 | grep -Eq '^ tend (·|-) Home' && return 0
		sleep 0.05
		_tries=$((_tries - 1))
	done
	return 1
}
tm_home() {
	if tm_home_q; then _result 0 "the home screen shows"; else
		_result 1 "the home screen shows"
		diag "the screen was:" "$(tm_screen)"
	fi
}

tm_type() { tm send-keys -t tend -l -- "$1"; }
tm_key() { tm send-keys -t tend "$@"; }
tm_resize() { tm resize-window -t tend -x "$1" -y "$2"; }

tm_tend_pid() {
	pgrep -P "$(tm display-message -p -t tend '#{pane_pid}')" -x tend
}

# What varies between runs: the test directory and a recovery key.
tm_mask() {
	sed -e "s|$T|<T>|g" \
	    -e 's/^    [0-9A-Z]\{4\}\( [0-9A-Z]\{4\}\)\{6\}$/    XXXX XXXX XXXX XXXX XXXX XXXX XXXX/'
}

tm_layout() {
	_file="$EXPECTED/$1.txt"
	tm_screen | tm_mask >"$T/.layout"
	if [ "${TEND_E2E_UPDATE:-}" = 1 ]; then
		cp "$T/.layout" "$_file"
		_result 0 "layout $1 written"
		return
	fi
	if diff -u "$_file" "$T/.layout" >"$T/.diff" 2>&1; then
		_result 0 "layout $1 matches"
	else
		_result 1 "layout $1 matches"
		diag "$(cat "$T/.diff")"
	fi
}

# A journal at $T/journal.tend whose passphrase is in $T/pw.
tm_new_vault() {
	printf 'correct horse battery staple\n' >"$T/pw"
	"$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" init \
		--kdf minimal --recovery-key-file "$T/recovery" >/dev/null 2>&1 ||
		{ echo "Bail out! cannot create a vault"; exit 1; }
}
