# tests/cli/rekey.sh: tend rekey, tend recovery-key new, and the rekey
# that passwd and recover offer.
#
# Regression (issue 11): after `tend passwd` the old 4 KiB header glued
# onto today's pages opened with the old passphrase and listed entries
# written after the change.  After passwd --rekey it must not.
. "$TEND_SRCDIR/tests/lib.sh"

C='[0-9A-HJKMNP-TV-Z]'
KEY_RE="^$C{4}(-$C{4}){13}\$"
new_vault
printf 'a different passphrase now\n' >"$T/pw2"
V="$TEND_FILE"
sha() { sha256sum <"$1"; }
mode() { stat -c %a "$1"; }
# Everything the journal holds, as text.
dump() {
	printf '%s\n' \
	    "SELECT id, title, body, trashed FROM entries ORDER BY id;" \
	    "SELECT * FROM drafts ORDER BY key;" \
	    "SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'harbour';" \
	    "SELECT * FROM tags ORDER BY 1, 2;" |
	    "$TEND_BIN" --passphrase-file "$1" sql
}

tend --passphrase-file "$T/pw" add --title "first" --tag calm \
	"a walk by the harbour" >/dev/null 2>&1
tend --passphrase-file "$T/pw" add "to be trashed, harbour too" >/dev/null 2>&1
id=$(tend --passphrase-file "$T/pw" list 2>/dev/null | awk '/trashed/ {print $1}')
tend --passphrase-file "$T/pw" rm "$id" >/dev/null 2>&1
printf "INSERT INTO drafts VALUES ('editor', 'half a sentence', 1);\n" |
	sqlv --write >/dev/null 2>&1
before=$(dump "$T/pw")
like "$before" "half a sentence" "the journal holds a draft"
cp "$V" "$T/old.tend"

# --- passwd --rekey closes the old-header leak --------------------------
ok "passwd --rekey" tend --passphrase-file "$T/pw" passwd \
	--new-passphrase-file "$T/pw2" --rekey \
	--recovery-key-file "$T/recovery2"
like "$ERR" "Re-encrypted" "it says the vault was re-encrypted"
is "$OUT" "" "the recovery key went to the file, not stdout"
is "$(mode "$T/recovery2")" 600 "the new recovery key file is 0600"
ok "the new recovery key has the right form" grep -Eq "$KEY_RE" "$T/recovery2"
is "$(printf '%s\n' "$ERR" | grep -c 'Re-encrypting:')" 0 \
	"no progress line when stderr is not a terminal"
ok "a new entry after the change" tend --passphrase-file "$T/pw2" add \
	--title "after" "written after the change"
head -c 4096 "$T/old.tend" >"$T/glued.tend"
tail -c +4097 "$V" >>"$T/glued.tend"
ok_rc 1 "old header + new pages: the old passphrase reads nothing" \
	tend -f "$T/glued.tend" --passphrase-file "$T/pw" list
case "$OUT" in *"written after"*|*after*) r=1 ;; *) r=0 ;; esac
is "$r" 0 "... and no entry written after the change is shown"
is "$(dump "$T/pw2" | grep -v after)" "$before" \
	"entries, trash, drafts, tags and search survived"
ok "verify after the rekey" tend --passphrase-file "$T/pw2" verify
ok_rc 1 "the old passphrase does not open the vault" \
	tend --passphrase-file "$T/pw" list
r=0
for n in $(seq 1 $(( $(stat -c %s "$V") / 4096 - 1 ))); do
	a=$(dd if="$T/old.tend" bs=4096 skip="$n" count=1 2>/dev/null | sha256sum)
	b=$(dd if="$V" bs=4096 skip="$n" count=1 2>/dev/null | sha256sum)
	[ "$a" = "$b" ] && r=$((r + 1))
done
is "$r" 0 "no page is as it was before"
ok_rc 1 "the first recovery key no longer opens the vault" \
	tend recover --recovery-key-file "$T/recovery" \
	--new-passphrase-file "$T/pw"
like "$ERR" "wrong recovery key" "... it is the wrong key now"
ok "the new recovery key does" tend recover --recovery-key-file \
	"$T/recovery2" --new-passphrase-file "$T/pw2"
like "$ERR" "still works" "recover without --rekey keeps the recovery key"

# --- tend rekey ---------------------------------------------------------
s0=$(sha "$V")
ok "tend rekey" tend --passphrase-file "$T/pw2" rekey
is "$(printf '%s\n' "$OUT" | grep -Ec "$KEY_RE")" 1 \
	"without a file the new recovery key is on stdout, once"
printf '%s\n' "$OUT" | grep -E "$KEY_RE" >"$T/recovery3"
like "$ERR" "shown only this once" "stderr says what it is"
ok "the passphrase is the same" tend --passphrase-file "$T/pw2" verify
ok_rc 1 "the recovery key before it no longer works" tend recover \
	--recovery-key-file "$T/recovery2" --new-passphrase-file "$T/pw2"
ok "the one it printed does" tend recover --recovery-key-file \
	"$T/recovery3" --new-passphrase-file "$T/pw2"
ok "no file is left beside the vault" \
	test "$(ls "$(dirname "$V")" | grep -c '^v\.tend')" -eq 1
: >"$T/taken"
s0=$(sha "$V")
ok_rc 1 "rekey refuses a recovery key file that exists" \
	tend --passphrase-file "$T/pw2" rekey --recovery-key-file "$T/taken"
one_line "$ERR" "... in one line"
is "$(sha "$V")" "$s0" "... before touching the vault"
ok_rc 1 "rekey with a wrong passphrase" \
	tend --passphrase-file "$T/pw" rekey --recovery-key-file "$T/nope"
is "$(sha "$V")" "$s0" "... changes nothing"
ok "... and writes no key file" test ! -e "$T/nope"
ok_rc 2 "rekey takes no arguments" tend rekey extra

# --- progress line on a terminal -----------------------------------------
# (shown once a step takes half a second: TEND_TEST_SLOW_STEP makes it)
TEND_TEST_SLOW_STEP=700 script -qefc "'$TEND_BIN' --passphrase-file '$T/pw2' rekey \
	--recovery-key-file '$T/recovery4'" /dev/null >"$T/pty" 2>&1
like "$(cat "$T/pty")" "Re-encrypting: 100%" \
	"on a terminal a progress line counts up to 100%"
ok "the rekey on a terminal worked" tend recover --recovery-key-file \
	"$T/recovery4" --new-passphrase-file "$T/pw2"

# --- the question after passwd, on a terminal ---------------------------
script -qefc "'$TEND_BIN' --passphrase-file '$T/pw2' passwd \
	--new-passphrase-file '$T/pw' --recovery-key-file '$T/recovery5' \
	--rekey" /dev/null </dev/null >"$T/pty" 2>&1
case "$(cat "$T/pty")" in *"[y/N]"*) r=1 ;; *Re-encrypted*) r=0 ;; *) r=2 ;; esac
is "$r" 0 "passwd --rekey on a terminal re-encrypts without asking"
printf 'y\n' | script -qefc "'$TEND_BIN' --passphrase-file '$T/pw' \
	passwd --new-passphrase-file '$T/pw2'" /dev/null >"$T/pty" 2>&1
like "$(cat "$T/pty")" "Also re-encrypt everything with a new key\? \[y/N\]" \
	"passwd on a terminal asks whether to rekey"
like "$(cat "$T/pty")" "Re-encrypted" "... and a yes re-encrypts"
printf '\n' | script -qefc "'$TEND_BIN' --passphrase-file '$T/pw2' \
	passwd --new-passphrase-file '$T/pw'" /dev/null >"$T/pty" 2>&1
like "$(cat "$T/pty")" "\[y/N\]" "asked again"
case "$(cat "$T/pty")" in *Re-encrypted*) r=1 ;; *) r=0 ;; esac
is "$r" 0 "... and Enter (no) leaves the key alone"
ok "the passphrase changed either way" tend --passphrase-file "$T/pw" verify
ok "passwd without a terminal does not ask" tend --passphrase-file \
	"$T/pw" passwd --new-passphrase-file "$T/pw2"
case "$ERR" in *"[y/N]"*) r=1 ;; *) r=0 ;; esac
is "$r" 0 "... no question"
ok_rc 2 "passwd --recovery-key-file needs --rekey" tend --passphrase-file \
	"$T/pw2" passwd --new-passphrase-file "$T/pw" --recovery-key-file "$T/x"

# --- recover --rekey ------------------------------------------------------
tend --passphrase-file "$T/pw2" recovery-key new \
	--recovery-key-file "$T/recovery6" >/dev/null 2>&1
cp "$V" "$T/old2.tend"
ok "recover --rekey" tend recover --recovery-key-file "$T/recovery6" \
	--new-passphrase-file "$T/pw" --rekey \
	--new-recovery-key-file "$T/recovery7"
ok_rc 1 "the recovery key used no longer works" tend recover \
	--recovery-key-file "$T/recovery6" --new-passphrase-file "$T/pw"
ok "the new one does" tend recover --recovery-key-file "$T/recovery7" \
	--new-passphrase-file "$T/pw"
head -c 4096 "$T/old2.tend" >"$T/glued2.tend"
tail -c +4097 "$V" >>"$T/glued2.tend"
ok_rc 1 "an old header with the recovery key reads no new page" \
	tend -f "$T/glued2.tend" recover --recovery-key-file "$T/recovery6" \
	--new-passphrase-file "$T/pw"

# --- recovery-key new ------------------------------------------------------
s0=$(sha "$V")
ok "recovery-key new" tend --passphrase-file "$T/pw" recovery-key new \
	--recovery-key-file "$T/recovery8"
like "$ERR" "old one no longer opens" "it says the old key stops working"
like "$ERR" "tend rekey" "... and when to run rekey as well"
is "$(mode "$T/recovery8")" 600 "the key file is 0600"
ok_rc 1 "the old recovery key is refused" tend recover \
	--recovery-key-file "$T/recovery7" --new-passphrase-file "$T/pw"
ok "the new one opens the vault" tend recover \
	--recovery-key-file "$T/recovery8" --new-passphrase-file "$T/pw"
s0=$(sha "$V")
ok_rc 1 "recovery-key new never replaces a file" tend --passphrase-file \
	"$T/pw" recovery-key new --recovery-key-file "$T/recovery8"
is "$(sha "$V")" "$s0" "... and the vault is unchanged"
ok "recovery-key new to stdout" tend --passphrase-file "$T/pw" \
	recovery-key new
is "$(printf '%s\n' "$OUT" | grep -Ec "$KEY_RE")" 1 "... one key on stdout"
ok_rc 2 "recovery-key needs 'new'" tend --passphrase-file "$T/pw" \
	recovery-key
ok_rc 2 "recovery-key old is a usage error" tend --passphrase-file "$T/pw" \
	recovery-key old
is "$(dump "$T/pw" | grep -v after)" "$before" "the journal is whole at the end"
done_testing
