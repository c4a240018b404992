#!/bin/sh
# tests/bench/keys.sh: keypress-to-screen times of the full-screen app on a
# journal of BENCH_KEYS_N entries (default 100,000) and 1,000 check-ins.
#
# tend runs in tmux at 80x24; each time is from tmux send-keys until
# capture-pane (polled every 10 ms) shows the expected text, so it includes
# tmux's own round trips (about 10-20 ms here): an upper bound on what a
# person waits.  Each key is timed BENCH_KEYS_RUNS times (default 5); the
# median and the worst are printed.  Run by `make bench`; not a test.
set -u
: "${TEND_BIN:?set TEND_BIN to the tend binary}"
N=${BENCH_KEYS_N:-100000}
RUNS=${BENCH_KEYS_RUNS:-5}
D=$(mktemp -d "${TMPDIR:-/tmp}/tend-keys-XXXXXX")
SOCK="tend-keys-$$"
trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1; rm -rf "$D"' EXIT
export HOME="$D" XDG_DATA_HOME="$D/data" XDG_CONFIG_HOME="$D/config"
printf 'bench passphrase\n' >"$D/pw"
t() { "$TEND_BIN" -f "$D/j.tend" --passphrase-file "$D/pw" "$@"; }
t init --kdf minimal --recovery-key-file "$D/rk" >/dev/null 2>&1 ||
	{ echo "keys: cannot make a journal" >&2; exit 1; }
t list >/dev/null 2>&1
t sql --write >/dev/null 2>&1 <<SQL || { echo "keys: seeding failed" >&2; exit 1; }
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO entries(uuid, created, created_off, updated, title, body, kind, shared)
SELECT printf('%08x-0000-4000-8000-%012x', i, i), 1700000000 + i * 600, 0,
  1700000000 + i * 600, 'Bulk ' || i,
  'Words for entry ' || i || '. Heute war ein ruhiger Tag am Wasser.',
  'journal', i % 2 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO checkins(uuid, time, time_off, mood, symptoms, shared)
SELECT printf('%08x-0000-4000-9000-%012x', i, i), 1700000000 + i * 86400 / 10, 0,
  i % 11, '[]', 1 FROM n;
UPDATE entries SET title = 'Seltenwort' WHERE rowid = 4242;
SQL
t session add --kind medicine --date "$(date -d '10 days ago' +%F)" \
	>/dev/null 2>&1

tm() { tmux -L "$SOCK" "$@"; }
screen() { tm capture-pane -p -t k; }
ms() { echo $(($(date +%s%N) / 1000000)); }
wait_for() {
	_i=0
	while [ $_i -lt 1000 ]; do
		screen | grep -Fq -- "$1" && return 0
		sleep 0.01
		_i=$((_i + 1))
	done
	return 1
}
# timed KEYS... -- TEXT: milliseconds from sending the keys to TEXT.
timed() {
	_keys=
	while [ "$1" != -- ]; do _keys="$_keys $1"; shift; done
	shift
	_t0=$(ms)
	# shellcheck disable=SC2086
	tm send-keys -t k $_keys
	wait_for "$1" || { echo 99999; return; }
	echo $(($(ms) - _t0))
}
report() {
	_name=$1; shift
	printf '%s\n' "$@" | sort -n | awk -v name="$_name" '
	    { v[NR] = $1 } END { printf "%-34s median %5d ms   worst %5d ms\n",
	    name, v[int((NR + 1) / 2)], v[NR] }'
}

tm -f /dev/null new-session -d -s k -x 80 -y 24 \
	"env LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' \
	XDG_DATA_HOME='$XDG_DATA_HOME' '$TEND_BIN' -f '$D/j.tend'; sleep 600"
wait_for "Your journal is locked." || { echo "keys: no unlock screen" >&2; exit 1; }
tm send-keys -t k -l "bench passphrase"
tm send-keys -t k Enter
wait_for "Bulk $N" || { echo "keys: no timeline" >&2; exit 1; }

echo "keys: $N entries, 1000 check-ins, 80x24, $RUNS runs each (tmux round trips included)"
pd= en= ho= rd= ch= ci= ed= se=
i=0
while [ $i -lt "$RUNS" ]; do
	pd="$pd $(timed NPage -- "Bulk $((N - 30))")"
	en="$en $(timed End -- "Bulk 1 ")"
	ho="$ho $(timed Home -- "Bulk $N")"
	rd="$rd $(timed Down Enter -- "tend · Read")"
	tm send-keys -t k Escape; wait_for "tend · Home"
	ch="$ch $(timed g -- "Mood, anxiety and sleep")"
	tm send-keys -t k Escape; wait_for "tend · Home"
	ci="$ci $(timed c -- "How are you right now?")"
	tm send-keys -t k Escape; wait_for "tend · Home"
	ed="$ed $(timed n -- "Your entry")"
	tm send-keys -t k Escape; wait_for "tend · Home"
	tm send-keys -t k /; wait_for "tend · Search"
	tm send-keys -t k -l "Seltenwor"
	se="$se $(timed t -- "1 entry found")"
	tm send-keys -t k Escape; wait_for "tend · Home"
	i=$((i + 1))
done
# shellcheck disable=SC2086
{
report "timeline: page down" $pd
report "timeline: End (oldest)" $en
report "timeline: Home (newest)" $ho
report "read an entry (Down, Enter)" $rd
report "mood chart (g)" $ch
report "check-in screen (c)" $ci
report "editor (n)" $ed
report "search: one more letter" $se
}
