# tests/cli/integrity.sh: `tend verify` and `tend backup` on sound and
# damaged vaults.
#
# Covers: verify's page count; a flipped byte in a page (its data, or the
# nonce and tag at its end) is found and named by page number, by verify
# and by sql; two swapped pages; a truncated or extended file; a flipped
# byte in one header copy is reported by verify while sql still works, and
# both copies damaged is a clear error; a newer copy with a valid checksum
# but a failing MAC is ignored with a warning, and an older copy is no way
# back to an old passphrase; a planted journal header is moved aside, not
# rolled back.  backup: the default name beside
# the vault, an explicit DEST, never overwriting, and copies that open with
# the same passphrase and verify.
. "$TEND_SRCDIR/tests/lib.sh"

new_vault
PW="$T/pw"
q() { printf '%s\n' "$1" | sqlv; }
qw() { printf '%s\n' "$1" | sqlv --write; }
# on FILE SQL: read-only SQL on another vault file.
on() { printf '%s\n' "$2" | tend -f "$1" --passphrase-file "$PW" sql; }
sha() { sha256sum <"$1"; }

# flip FILE OFFSET: invert the lowest bit of one byte in place.
flip() {
	_b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' \n')
	# shellcheck disable=SC2059 # the format is the octal escape itself
	printf "$(printf '\\%03o' $((_b ^ 1)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
# damaged NAME: a fresh copy of the vault to break.
damaged() { cp "$TEND_FILE" "$T/$1"; printf '%s' "$T/$1"; }

ok "a table with a few pages of data" qw "CREATE TABLE big(n, b);
	WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c
	WHERE i < 8) INSERT INTO big SELECT i, randomblob(3000) FROM c;"
q "PRAGMA page_count;" >"$T/count" 2>/dev/null
pages=$(cat "$T/count")
size=$(wc -c <"$TEND_FILE")
is "$size" "$((4096 + pages * 4096))" \
	"the file is the header region and $pages pages"
ok "verify passes on a sound vault" tend --passphrase-file "$PW" verify
is "$OUT" "$pages pages checked; the vault is intact" \
	"... and prints how many pages it checked"

# --- a flipped byte in the page area ---------------------------------
V=$(damaged page3.tend)
flip "$V" $((4096 + 2 * 4096 + 200))
before=$(sha "$V")
ok_rc 1 "verify finds a flipped byte in page 3" \
	tend -f "$V" --passphrase-file "$PW" verify
one_line "$ERR" "... with one line on stderr"
like "$ERR" "^tend: page 3 " "... naming page 3"
ok_rc 1 "sql reading that page fails too" on "$V" "SELECT sum(length(b)) FROM big;"
like "$ERR" "page 3" "... naming page 3"
is "$OUT" "" "... and prints no half result"

V=$(damaged page1-tag.tend)
flip "$V" $((4096 + 4096 - 5))
ok_rc 1 "verify finds a flipped byte in page 1's tag" \
	tend -f "$V" --passphrase-file "$PW" verify
like "$ERR" "^tend: page 1 " "... naming page 1"
ok_rc 1 "sql cannot open it either" on "$V" "SELECT 1;"
one_line "$ERR" "... with one line on stderr"

V=$(damaged last.tend)
flip "$V" $((size - 4096 + 24))
ok_rc 1 "verify finds a flipped byte in the last page" \
	tend -f "$V" --passphrase-file "$PW" verify
like "$ERR" "page $pages " "... naming page $pages"

V=$(damaged swapped.tend)
dd if="$TEND_FILE" of="$V" bs=4096 skip=2 seek=3 count=1 conv=notrunc \
	2>/dev/null
dd if="$TEND_FILE" of="$V" bs=4096 skip=3 seek=2 count=1 conv=notrunc \
	2>/dev/null
ok_rc 1 "verify finds pages 2 and 3 swapped" \
	tend -f "$V" --passphrase-file "$PW" verify
like "$ERR" "page [23] " "... naming one of them"

V=$(damaged short.tend)
head -c $((size - 4096)) "$TEND_FILE" >"$V"
ok_rc 1 "a vault missing its last page is refused" \
	tend -f "$V" --passphrase-file "$PW" verify
one_line "$ERR" "... with one line on stderr"
like "$ERR" "truncated" "... saying it was truncated"

V=$(damaged long.tend)
head -c 4096 /dev/zero >>"$V"
ok_rc 1 "a vault with a page too many is refused" \
	tend -f "$V" --passphrase-file "$PW" verify
like "$ERR" "extended" "... saying it was extended"
is "$(sha "$T/page3.tend")" "$before" "checking a damaged vault leaves it as it was"

# --- a flipped byte in a header copy ---------------------------------
V=$(damaged hdr-a.tend)
flip "$V" 300
ok_rc 1 "verify finds a flipped byte in header copy A" \
	tend -f "$V" --passphrase-file "$PW" verify
like "$ERR" "header" "... mentioning the header"
ok "sql still works with copy B" on "$V" "SELECT count(*) FROM big;"
is "$OUT" 8 "... and reads every row"
like "$ERR" "warning: .*header copy A" "... warning about copy A"

V=$(damaged hdr-b.tend)
flip "$V" $((2048 + 1000))
ok_rc 1 "verify finds a flipped byte in header copy B" \
	tend -f "$V" --passphrase-file "$PW" verify
like "$ERR" "header" "... mentioning the header"
ok "sql still works with copy A" on "$V" "SELECT count(*) FROM big;"
is "$OUT" 8 "... and reads every row"

V=$(damaged hdr-both.tend)
flip "$V" 300
flip "$V" $((2048 + 300))
before=$(sha "$V")
ok_rc 1 "both header copies damaged: the vault cannot be opened" \
	on "$V" "SELECT 1;"
one_line "$ERR" "... with one line on stderr"
like "$ERR" "^tend: .*header" "... mentioning the header"
is "$(sha "$V")" "$before" "... and the file is untouched"

# --- a header copy with a valid checksum but a failing MAC (issue 11) --
# Anyone can write a copy whose checksum (unkeyed) holds; only the MAC
# needs the key.  forge FILE COPY GEN [noslots]: rewrite header copy COPY
# (0 = A, 1 = B) as copy A with generation GEN (and, with noslots, no key
# slots), checksum recomputed, MAC left as it was.
forge() {
	python3 -c 'import hashlib, struct, sys
f, copy, gen = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
b = bytearray(open(f, "rb").read())
h = bytearray(b[0:2048])
h[16:24] = struct.pack("<Q", gen)
if len(sys.argv) > 4:
    h[128:128 + 8 * 192] = bytes(8 * 192)
h[2016:2048] = hashlib.blake2b(bytes(h[0:2016]), digest_size=32).digest()
b[copy * 2048:copy * 2048 + 2048] = h
open(f, "wb").write(b)' "$@"
}
gen() {
	python3 -c 'import struct, sys
b = open(sys.argv[1], "rb").read()
print(struct.unpack("<Q", b[2048 * int(sys.argv[2]) + 16:][:8])[0])' "$@"
}
V=$(damaged forged-b.tend)
forge "$V" 1 $(($(gen "$V" 0) + 10))
ok "a newer copy B that fails its MAC is ignored: the vault opens" \
	on "$V" "SELECT count(*) FROM big;"
is "$OUT" 8 "... and reads every row"
like "$ERR" "warning: header copy B .*failed authentication.*copy A" \
	"... warning that copy B failed authentication and copy A was used"
ok_rc 1 "verify fails on it" tend -f "$V" --passphrase-file "$PW" verify
like "$ERR" "^tend: header copy B failed authentication" "... naming copy B"
ok "a passphrase change writes both copies again" \
	tend -f "$V" --passphrase-file "$PW" passwd --new-passphrase-file "$PW"
ok "... after which the vault verifies" \
	tend -f "$V" --passphrase-file "$PW" verify

V=$(damaged forged-a-noslots.tend)
forge "$V" 0 $(($(gen "$V" 1) + 10)) noslots
ok "a newer copy A without key slots that fails its MAC is ignored" \
	on "$V" "SELECT count(*) FROM big;"
is "$OUT" 8 "... and the passphrase opens copy B"
like "$ERR" "warning: header copy A .*failed authentication" "... with a warning"
ok "the recovery key opens it too" tend -f "$V" \
	recover --recovery-key-file "$T/recovery" --new-passphrase-file "$PW"

# An old copy beside a newer authentic one is not a way back to an old
# passphrase: copy A from before a passphrase change, the newest copy
# from after it.
V=$(damaged spliced.tend)
cp "$V" "$T/before-passwd.tend"
printf 'a new passphrase\n' >"$T/pw2"
ok "passwd" tend -f "$V" --passphrase-file "$PW" passwd \
	--new-passphrase-file "$T/pw2"
[ "$(gen "$V" 0)" -gt "$(gen "$V" 1)" ] &&
	dd if="$V" of="$V" bs=2048 count=1 seek=1 conv=notrunc 2>/dev/null
dd if="$T/before-passwd.tend" of="$V" bs=2048 count=1 conv=notrunc 2>/dev/null
ok_rc 1 "the old passphrase does not open it through the old copy" \
	on "$V" "SELECT 1;"
like "$ERR" "wrong passphrase" "... it is the wrong passphrase"
ok "the new passphrase opens it" tend -f "$V" --passphrase-file "$T/pw2" verify

# --- a planted journal (issue 11) -------------------------------------
# 4 KiB holding only a rollback-journal header that says the database had
# one page: no key is needed to make it, and SQLite would cut the vault to
# 8 KiB rolling it back.  tend moves it aside instead, untouched.
V=$(damaged planted.tend)
ok "a vault with the journal's tables" tend -f "$V" --passphrase-file "$PW" \
	add "an entry to list"
python3 -c 'import struct, sys
h = bytes.fromhex("d9d505f920a163d7") + struct.pack(">IIIII", 0, 0x1234, 1, 4096, 4096)
open(sys.argv[1], "wb").write(h + bytes(4096 - len(h)))' "$V-journal"
before=$(sha "$V")
ok "list with a planted journal beside the vault works" \
	tend -f "$V" --passphrase-file "$PW" list
like "$OUT" "an entry to list" "... and lists the entry"
is "$(printf '%s\n' "$ERR" | grep -c journal)" 1 "... with one warning about it"
like "$ERR" "warning: .*journal.*not rolled back.*moved aside as planted\.tend-journal\.rejected-[0-9]{8}-[0-9]{6}" \
	"... saying it was not rolled back and where it went"
is "$(sha "$V")" "$before" "... the vault's bytes are unchanged"
ok "... the journal is gone from its place" test ! -e "$V-journal"
is "$(cat "$V"-journal.rejected-* | wc -c)" 4096 \
	"... and kept whole beside the vault"
ok "the vault still verifies" tend -f "$V" --passphrase-file "$PW" verify

# --- backup ----------------------------------------------------------
# The damaged copies above share the vault's UUID, and so its rollback
# witness, and some were written to after the vault: start a fresh one.
XDG_STATE_HOME="$T/state-backup"; export XDG_STATE_HOME
ok "backup with the default name" tend --passphrase-file "$PW" backup
like "$OUT" "^$T/v-[0-9]{8}-[0-9]{6}\\.tend\$" \
	"... beside the vault, with a timestamp"
B=$OUT
ok "... the file is there" test -f "$B"
is "$(stat -c %a "$B")" 600 "... mode 0600"
ok "the copy verifies with the same passphrase" \
	tend -f "$B" --passphrase-file "$PW" verify
is "$OUT" "$pages pages checked; the vault is intact" "... every page"
ok "the copy has the same rows" on "$B" "SELECT group_concat(n) FROM big;"
is "$OUT" "1,2,3,4,5,6,7,8" "... all eight"

backups_now() {
	tend --passphrase-file "$PW" backup && tend --passphrase-file "$PW" backup
}
ok "two backups in a row both work" backups_now
is "$(printf '%s\n' "$OUT" | sort -u | grep -c "^$T/v-[0-9-]*\.tend\$")" 2 \
	"... under two different names"

ok "backup to an explicit DEST" tend --passphrase-file "$PW" backup \
	"$T/copy.tend"
is "$OUT" "$T/copy.tend" "... prints the path it wrote"
ok "that copy verifies" tend -f "$T/copy.tend" --passphrase-file "$PW" verify
qw "DELETE FROM big WHERE n > 4;" >/dev/null 2>&1
ok "... and still holds what the vault had then" \
	on "$T/copy.tend" "SELECT count(*) FROM big;"
is "$OUT" 8 "... all eight rows"

before=$(sha "$T/copy.tend")
ok_rc 1 "backup refuses an existing DEST" tend --passphrase-file "$PW" \
	backup "$T/copy.tend"
one_line "$ERR" "... with one line on stderr"
like "$ERR" "already exists" "... saying it exists"
is "$(sha "$T/copy.tend")" "$before" "... and leaves it as it was"
printf 'keep me\n' >"$T/other.txt"
ok_rc 1 "backup refuses to replace any other file" \
	tend --passphrase-file "$PW" backup "$T/other.txt"
is "$(cat "$T/other.txt")" "keep me" "... which is left alone"
printf 'old journal\n' >"$T/fresh.tend-journal"
ok_rc 1 "backup refuses a DEST with a journal left beside it" \
	tend --passphrase-file "$PW" backup "$T/fresh.tend"
one_line "$ERR" "... with one line on stderr"
like "$ERR" "fresh.tend-journal" "... naming the journal"
ok "... and makes no copy" test ! -e "$T/fresh.tend"
is "$(cat "$T/fresh.tend-journal")" "old journal" "... leaving the journal"
rm -f "$T/fresh.tend-journal"
ok_rc 1 "backup into a missing directory fails" \
	tend --passphrase-file "$PW" backup "$T/no/such/dir/b.tend"
one_line "$ERR" "... with one line on stderr"
printf 'not it\n' >"$T/wrong"
ok_rc 1 "backup with a wrong passphrase fails" \
	tend --passphrase-file "$T/wrong" backup "$T/never.tend"
ok "... and writes nothing" test ! -e "$T/never.tend"
ok "nothing half-written is left beside the copies" \
	test -z "$(find "$T" -name '*.tmp*' -o -name '*-journal')"

done_testing
