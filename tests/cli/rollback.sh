# tests/cli/rollback.sh: the rollback witness (issue 11, point 4).
#
# Covers: opening a vault leaves one 48-byte file, mode 0600 in a 0700
# folder under $XDG_STATE_HOME/tend (~/.local/state/tend without it),
# named by neither the vault nor its UUID and holding no journal text;
# an older copy of the vault put back in place opens with one warning
# sentence and `verify` exits 1; a change written to the copy accepts it;
# a missing, damaged or forged witness never blocks opening; a backup's
# own check does not move the witness.  Then one page put back from an
# older copy: list and verify fail with one sentence saying so.
. "$TEND_SRCDIR/tests/lib.sh"

new_vault
PW="$T/pw"
STATE="$HOME/.local/state/tend"
t() { tend --passphrase-file "$PW" "$@"; }
# The warnings other than the test KDF's.
warnings() { printf '%s\n' "$1" | grep -v "minimal" | grep -c "warning:"; }

ok "a first entry" t add "first entry about the garden"
files=$(ls "$STATE" 2>/dev/null | wc -l)
is "$files" 1 "one witness file under ~/.local/state/tend"
W=$(ls "$STATE"/* 2>/dev/null | head -n 1)
is "$(stat -c %a "$STATE")" 700 "... in a 0700 folder"
is "$(stat -c %a "$W")" 600 "... mode 0600"
is "$(wc -c <"$W" | tr -d ' ')" 48 "... 48 bytes"
uuid=$(od -An -tx1 -j24 -N16 "$TEND_FILE" | tr -d ' \n')
case "$(basename "$W")" in
*"$uuid"*) _result 1 "... its name is not the vault's UUID" ;;
*) _result 0 "... its name is not the vault's UUID" ;;
esac
if grep -q "garden" "$W"; then _result 1 "... no journal text in it"
else _result 0 "... no journal text in it"; fi

cp "$TEND_FILE" "$T/old.tend"
ok "a second entry" t add "second entry about the river"
cp "$T/old.tend" "$TEND_FILE"

ok "the older copy still opens" t list
like "$OUT" "garden" "... showing what it holds"
is "$(warnings "$ERR")" 1 "... with one warning"
like "$ERR" "warning: this journal is older than the last version this computer saw \(version [0-9]+, last seen [0-9]+\), so it may have been replaced by an old copy; if you restored a backup on purpose, your next change makes it the current version" \
	"... saying it is older than the last version seen here"
ok_rc 1 "verify fails on the older copy" t verify
like "$ERR" "tend: this journal is older than the last version this computer saw" \
	"... saying why"
ok "read-only commands do not accept it" t list
is "$(warnings "$ERR")" 1 "... the warning stays"

ok "a change written to the copy accepts it" t add "third entry"
ok "the next open" t list
is "$(warnings "$ERR")" 0 "... has no warning"
ok "verify passes again" t verify

# A backup is checked by opening it; that does not move the witness.
cp "$W" "$T/w.before"
ok "a backup" t backup "$T/b.tend"
if cmp -s "$W" "$T/w.before"; then _result 0 "... leaves the witness alone"
else _result 1 "... leaves the witness alone"; fi

# A lost witness never blocks opening; the next open writes a new one.
cp "$TEND_FILE" "$T/old2.tend"
ok "a fourth entry" t add "fourth entry"
rm -f "$W"
cp "$T/old2.tend" "$TEND_FILE"
ok "without a witness an older copy opens" t list
is "$(warnings "$ERR")" 0 "... without a warning (nothing to compare with)"
ok "... and verifies" t verify
is "$(ls "$STATE" | wc -l)" 1 "the open wrote a new witness"

# A damaged or forged witness is ignored, not believed.
ok "a fifth entry" t add "fifth entry"
cp "$TEND_FILE" "$T/old3.tend"
ok "a sixth entry" t add "sixth entry"
W=$(ls "$STATE"/*)
printf '\377\377\377\377' | dd of="$W" bs=1 seek=8 conv=notrunc 2>/dev/null
ok "a witness with a changed generation is ignored" t verify
is "$(warnings "$ERR")" 0 "... no warning from it"
printf 'junk' >"$W"
ok "a witness that is not one is ignored" t list

# $XDG_STATE_HOME is used when set.
export XDG_STATE_HOME="$T/state"
ok "with XDG_STATE_HOME set" t list
is "$(ls "$T/state/tend" | wc -l)" 1 "... the witness is under it"
cp "$T/old3.tend" "$TEND_FILE"
ok "an older copy under XDG_STATE_HOME" t list
is "$(warnings "$ERR")" 1 "... warns"

# One page put back from an older copy is found, not shown as data.
ok "an entry" t add "an entry about the mountain"
cp "$TEND_FILE" "$T/before.tend"
ok "a newer entry" t add "the newest entry, about the harbour"
cp "$TEND_FILE" "$T/after.tend"
# file block N (4096 bytes) is page N: the header region is block 0
pages=$(cmp -l "$T/before.tend" "$T/after.tend" |
	awk '{ p = int(($1 - 1) / 4096); if (p > 1) print p }' | uniq)
n=0 caught=0
for p in $pages; do
	cp "$T/after.tend" "$TEND_FILE"
	dd if="$T/before.tend" of="$TEND_FILE" bs=4096 skip="$p" seek="$p" \
		count=1 conv=notrunc 2>/dev/null
	n=$((n + 1))
	if ! t list >/dev/null 2>"$T/err" &&
		grep -q "older than the rest" "$T/err"; then
		caught=$((caught + 1))
	fi
done
like "$n" '^[1-9]' "the newer entry changed $n pages besides page 1"
is "$caught" "$n" "each one put back alone makes list fail"
p=$(printf '%s\n' $pages | head -n 1)
cp "$T/after.tend" "$TEND_FILE"
dd if="$T/before.tend" of="$TEND_FILE" bs=4096 skip="$p" seek="$p" count=1 \
	conv=notrunc 2>/dev/null
ok_rc 1 "list with page $p from the older copy fails" t list
one_line "$ERR" "... with one line"
like "$ERR" "^tend: part of the vault is older than the rest: pages were put back from an older copy of the file \(restore a backup\)$" \
	"... saying what happened"
if printf '%s' "$OUT" | grep -q "mountain"; then
	_result 1 "... and showing nothing"
else
	_result 0 "... and showing nothing"
fi
ok_rc 1 "verify fails too" t verify
like "$ERR" "older than the rest" "... for the same reason"
cp "$T/after.tend" "$TEND_FILE"
ok "the vault as it was opens" t list
like "$OUT" "harbour" "... with the newest entry"

done_testing
