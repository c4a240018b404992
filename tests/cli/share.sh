#!/bin/sh
# share.sh: therapist identities, stored therapists, sealed export bundles
# and review --json through the real binary: the round trip, what stays
# out, the share passphrase, and every bad input refused in one line with
# nothing written (wrong identity or passphrase, a changed byte in each
# region of the bundle, cut short or extended, the wrong kind of file, a
# mistyped key).  The bundle is never modified by review.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TZ=Europe/Berlin TEND_TEST_KDF=minimal
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }
sha() { sha256sum <"$1"; }
mode() { stat -c %a "$1"; }
size() { stat -c %s "$1"; }
# Copy a file with the byte at offset $2 xor-ed with 1.
flip() {
	python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[int(sys.argv[2])] ^= 1
open(sys.argv[3], "wb").write(b)' "$1" "$2" "$3"
}
printf 'the therapist speaks\n' >"$T/tpw"
printf 'another therapist\n' >"$T/tpw2"

# ---- identity ----
ok "identity new" tend --passphrase-file "$T/tpw" identity new --kdf minimal
key=$(printf '%s\n' "$OUT" | sed -n 1p)
fpr=$(printf '%s\n' "$OUT" | sed -n 2p)
like "$key" '^tend1[02-9ac-hj-np-z]{58}$' "the key is one tend1 line"
like "$fpr" '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$' \
	"the fingerprint is four groups of four"
is "$(printf '%s\n' "$OUT" | wc -l)" 2 "two lines on stdout"
id="$XDG_DATA_HOME/tend/identity.tend"
is "$(mode "$id")" 600 "identity file 0600"
is "$(mode "$XDG_DATA_HOME/tend")" 700 "its folder 0700"
is "$(size "$id")" 4096 "identity file is two header copies"
idsum=$(sha "$id")
ok_rc 1 "identity new refuses to replace one" \
	tend --passphrase-file "$T/tpw" identity new --kdf minimal
one_line "$ERR" "one line"
is "$(sha "$id")" "$idsum" "the identity is untouched"
ok "identity show (no passphrase)" tend identity show </dev/null
is "$OUT" "$(printf '%s\n%s' "$key" "$fpr")" "show prints the same two lines"
ok "a second identity elsewhere" tend --passphrase-file "$T/tpw2" \
	identity new --kdf minimal --identity "$T/other/id2.tend"
key2=$(printf '%s\n' "$OUT" | sed -n 1p)
ok_rc 1 "identity show with no identity" tend identity show --identity "$T/none"
one_line "$ERR" "one line"
ok_rc 2 "identity with no subcommand" tend identity
ok_rc 2 "identity new --kdf bogus" tend identity new --kdf bogus
ok_rc 1 "a vault given as an identity" tend identity show --identity "$T/v.tend"
like "$ERR" "tend vault, not a tend identity" "says what it is"

# ---- therapists ----
ok "therapist add" tj therapist add "Dr Ada" "$key"
like "$OUT" "$fpr" "add shows the fingerprint"
ok "therapist add a second" tj therapist add Bo "$key2"
ok "therapist list" tj therapist list
is "$(printf '%s\n' "$OUT" | sed -n 2p)" "$(printf 'Dr Ada\t%s\t%s' "$key" "$fpr")" \
	"list: name, key, fingerprint (by name)"
ok "therapist list --json" tj therapist list --json
is "$(printf '%s' "$OUT" | jq -r '.[1].name + " " + .[1].fingerprint')" \
	"Dr Ada $fpr" "JSON list"
ok_rc 1 "the same name twice" tj therapist add "Dr Ada" "$key2"
one_line "$ERR" "one line"
ok_rc 1 "the same key twice" tj therapist add Carl "$key"
# Mistyped keys: a changed character at a few places, one dropped, one
# added, upper case mixed in, another prefix.
for pos in 6 20 40 63; do
	c=$(printf '%s' "$key" | cut -c"$pos")
	if [ "$c" = q ]; then r=p; else r=q; fi
	bad=$(printf '%s' "$key" | sed "s/./$r/$pos")
	ok_rc 1 "a key with character $pos changed is refused" \
		tj therapist add "Typo$pos" "$bad"
	one_line "$ERR" "one line"
	like "$ERR" "mistyped|not a tend key" "says the key is mistyped"
done
ok_rc 1 "a key with a character missing" tj therapist add T1 "${key%?}"
ok_rc 1 "a key with a character added" tj therapist add T2 "${key}q"
ok_rc 1 "a key in mixed case" tj therapist add T3 "TEND1${key#tend1}"
ok_rc 1 "another prefix" tj therapist add T4 "age1${key#tend1}"
ok "none of them was stored" tj therapist list
is "$(printf '%s\n' "$OUT" | wc -l)" 2 "still two therapists"
ok "therapist rm" tj therapist rm Bo
ok_rc 1 "therapist rm again" tj therapist rm Bo
one_line "$ERR" "one line"
ok_rc 2 "therapist add with one argument" tj therapist add Bo

# ---- a journal to share ----
ok "a shared entry" tj add --share --title "For Ada" --tag sea \
	--date "2026-11-02 09:00" "sharedpelicanword today"
ok "a private entry" tj add --date "2026-11-03 10:00" "privatequetzalword only mine"
ok "an early shared entry" tj add --share --date "2026-09-01 10:00" "earlysharedword"
ok "a check-in" tj checkin --mood 6 --note "checkinnoteword" --date "2026-11-02 20:00"
ok "a session" tj session add --kind medicine --date "2026-11-01 10:00" --title "First"
ok "an agenda item" tj agenda add "agendaopenword"

# ---- export ----
b="$T/out/b.tend"
mkdir -p "$T/out"
ok_rc 2 "export without a recipient is a usage error" tj export -o "$b"
ok_rc 2 "export without -o" tj export --to "Dr Ada"
ok_rc 1 "export to an unknown name" tj export -o "$b" --to Nobody
one_line "$ERR" "one line"
bad=$(printf '%s' "$key" | sed "s/./q/30")
[ "$bad" = "$key" ] && bad=$(printf '%s' "$key" | sed "s/./p/30")
ok_rc 1 "export to a mistyped key" tj export -o "$b" --to "$bad"
one_line "$ERR" "one line"
test ! -e "$b"; ok "nothing was written" test ! -e "$b"
ok "export --to NAME" tj export -o "$b" --to "Dr Ada"
like "$ERR" "2 entries marked to share, 1 check-in, 1 session and 1 open agenda item" \
	"first says what it will hold"
like "$ERR" "1 private entry in this range stays out" "and what stays out"
like "$ERR" "from 2026-09-01 to 2026-11-02" "and the date range"
is "$OUT" "" "nothing on stdout without a share passphrase"
is "$(mode "$b")" 600 "the bundle is 0600"
is "$(ls "$T/out" | wc -l)" 1 "no temporary file left beside it"
for w in sharedpelicanword privatequetzalword checkinnoteword agendaopenword "For Ada"; do
	is "$(grep -c "$w" "$b")" 0 "no '$w' in the bundle's bytes"
done
ok_rc 1 "export never replaces a file" tj export -o "$b" --to "Dr Ada"
one_line "$ERR" "one line"

# ---- review ----
bsum=$(sha "$b")
ok "review --json" tend --passphrase-file "$T/tpw" review --json "$b"
j=$OUT
is "$(sha "$b")" "$bsum" "review does not change the bundle"
is "$(printf '%s' "$j" | jq -r '.entries | length')" 2 "two entries"
is "$(printf '%s' "$j" | jq -r '.entries[1].body')" "sharedpelicanword today" \
	"the shared entry's text"
is "$(printf '%s' "$j" | jq -r '.entries[1].tags[0]')" sea "with its tag"
is "$(printf '%s' "$j" | jq -r '.checkins[0].note + " " + (.checkins[0].mood|tostring)')" \
	"checkinnoteword 6" "the check-in"
is "$(printf '%s' "$j" | jq -r '.sessions[0].kind')" medicine "the session"
is "$(printf '%s' "$j" | jq -r '.agenda[0].text')" agendaopenword "the agenda"
is "$(printf '%s' "$j" | jq -r '.export.all')" 0 "export.all 0"
is "$(printf '%s' "$j" | jq -r '.signer')" "$(printf '%s' "$j" | jq -r '.export.fingerprint')" \
	"signer is the fingerprint recorded"
is "$(printf '%s' "$j" | grep -c privatequetzalword)" 0 \
	"the unshared entry is not in review --json"
like "$ERR" "Unknown sender: .*$(printf '%s' "$j" | jq -r .signer)" "stderr names the signer"
ok_rc 1 "the full-screen review without a terminal" \
	tend --passphrase-file "$T/tpw" review "$b" </dev/null
one_line "$ERR" "one line"
like "$ERR" "needs a terminal" "says what is missing"
ok_rc 2 "review --json --md" tend --passphrase-file "$T/tpw" review --json --md "$b"
ok "review --md" tend --passphrase-file "$T/tpw" review --md "$b"
like "$OUT" "sharedpelicanword today" "the Markdown holds the shared entry"
like "$OUT" "agendaopenword" "and the agenda"
is "$(printf '%s' "$OUT" | grep -c privatequetzalword)" 0 \
	"the unshared entry is not in review --md"
ok_rc 1 "a report from review needs a yes without a terminal" \
	tend --passphrase-file "$T/tpw" review "$b" -o "$T/r.html" --format html
ok "nothing was written" test ! -e "$T/r.html"
ok "review -o --format html --yes" tend --passphrase-file "$T/tpw" \
	review "$b" -o "$T/r.html" --format html --yes
is "$(stat -c %a "$T/r.html")" 600 "the report is 0600"
is "$(grep -c sharedpelicanword "$T/r.html")" 1 "the report holds the shared entry"
is "$(grep -c privatequetzalword "$T/r.html")" 0 "and not the unshared one"
ok_rc 1 "an existing report is not replaced" tend --passphrase-file "$T/tpw" \
	review "$b" -o "$T/r.html" --format csv --yes
ok_rc 2 "-o without --format" tend --passphrase-file "$T/tpw" \
	review "$b" -o "$T/r2.html"
ok_rc 2 "an unknown format" tend --passphrase-file "$T/tpw" \
	review "$b" -o "$T/r2.html" --format pdf
is "$(sha "$b")" "$bsum" "review -o does not change the bundle"

# The alias: same alias, another journal's key -> a warning.
ok "set an alias" tj name river
b2="$T/out/b2.tend"
ok "export with an alias, --since" tj export -o "$b2" --to "Dr Ada" --since 2026-10-01
like "$ERR" "1 entry marked to share" "the range is counted"
ok "review it" tend --passphrase-file "$T/tpw" review --json "$b2"
like "$ERR" 'Unknown sender: the journal "river"' "an unknown sender, said on stderr"
is "$(printf '%s' "$OUT" | jq -r .from.known)" false "and in --json"
is "$(printf '%s' "$OUT" | grep -c earlysharedword)" 0 "--since leaves the early entry out"
ok "know the patient from the bundle" tend --passphrase-file "$T/tpw" \
	patient add River "$b2"
known="$XDG_DATA_HOME/tend/patients"
is "$(mode "$known")" 600 "the known patients file is 0600"
ok "review it again" tend --passphrase-file "$T/tpw" review --json "$b2"
is "$(printf '%s' "$OUT" | jq -r .from.name)" River "known the second time"
printf 'pw two\n' >"$T/pw2"
ok "another journal" tend -f "$T/v2.tend" --passphrase-file "$T/pw2" init \
	--kdf minimal --recovery-key-file "$T/rk2"
t2() { "$TEND_BIN" -f "$T/v2.tend" --passphrase-file "$T/pw2" "$@"; }
ok "an entry there" t2 add --share "impostorword"
ok "with the same alias" t2 name river
b3="$T/out/b3.tend"
ok "export from the other journal" t2 export -o "$b3" --to "$key"
ok "review: opens" tend --passphrase-file "$T/tpw" review --json "$b3"
like "$ERR" 'Changed key: this bundle is named "river" like your patient River' \
	"warns that the alias came with another key before"
is "$(printf '%s' "$OUT" | jq -r .from.changed)" true "changed in --json"

# --all
b4="$T/out/b4.tend"
ok "export --all" tj export -o "$b4" --to "Dr Ada" --all
like "$ERR" "and 1 private entry \(--all\)" "says private entries are included"
ok "review --all bundle" tend --passphrase-file "$T/tpw" review --json "$b4"
is "$(printf '%s' "$OUT" | grep -c privatequetzalword)" 1 "--all includes it"
is "$(printf '%s' "$OUT" | jq -r .export.all)" 1 "export.all 1"

# ---- share passphrase ----
b5="$T/out/b5.tend"
ok "export --share-passphrase" tj export -o "$b5" --share-passphrase
like "$OUT" '^[a-z]+( [a-z]+){5}$' "six words on stdout"
printf '%s\n' "$OUT" >"$T/words"
printf '%s\n' "$OUT" | tr 'a-z ' 'A-Z-' >"$T/words-typed"
ok "review --share-passphrase-file" tend review --json --share-passphrase-file "$T/words" "$b5"
is "$(printf '%s' "$OUT" | jq -r '.entries | length')" 2 "opens with the words"
ok "typed in capitals with dashes" tend review --json \
	--share-passphrase-file "$T/words-typed" "$b5"
printf 'able acorn actor adapt admit advice\n' >"$T/wrongwords"
ok_rc 1 "a wrong share passphrase" tend review --json \
	--share-passphrase-file "$T/wrongwords" "$b5"
one_line "$ERR" "one line"
like "$ERR" "wrong share passphrase" "says so"
is "$OUT" "" "nothing on stdout"
ok_rc 1 "no identity slot in a passphrase-only bundle" \
	tend --passphrase-file "$T/tpw" review --json "$b5"
one_line "$ERR" "one line"
ok_rc 1 "a share passphrase for a bundle without one" \
	tend review --json --share-passphrase-file "$T/words" "$b"
one_line "$ERR" "one line"

# ---- wrong identity, wrong passphrase ----
ok_rc 1 "the wrong identity" tend --passphrase-file "$T/tpw2" review --json \
	--identity "$T/other/id2.tend" "$b"
one_line "$ERR" "one line"
like "$ERR" "not made for your identity" "says so"
ok_rc 1 "the identity's wrong passphrase" tend --passphrase-file "$T/pw" \
	review --json "$b"
one_line "$ERR" "one line"
like "$ERR" "wrong passphrase" "says so"

# ---- the wrong kind of file ----
ok_rc 1 "a vault given to review" tend --passphrase-file "$T/tpw" review --json "$T/v.tend"
one_line "$ERR" "one line"
like "$ERR" "tend vault, not a tend bundle" "says what it is"
vsum=$(sha "$b")
ok_rc 1 "a bundle given as a vault" tend -f "$b" --passphrase-file "$T/pw" list
one_line "$ERR" "one line"
like "$ERR" "tend bundle, not a tend vault" "says what it is"
is "$(sha "$b")" "$vsum" "the bundle is untouched"
ok_rc 1 "an identity given as a vault" tend -f "$id" --passphrase-file "$T/tpw" list
ok_rc 1 "an identity given to review" tend --passphrase-file "$T/tpw" review --json "$id"
one_line "$ERR" "one line"
ok_rc 1 "a missing bundle" tend --passphrase-file "$T/tpw" review --json "$T/nope"
one_line "$ERR" "one line"

# ---- changed bytes, every region ----
n=$(size "$b")
for off in 0 10 30 100 200 330 1000 1700 1990 2030 2148 2500 4096 4110 4125 \
	4200 4300 $((n / 2)) $((n - 20)) $((n - 1)); do
	flip "$b" "$off" "$T/t.tend"
	ok_rc 1 "a changed byte at $off is refused" \
		tend --passphrase-file "$T/tpw" review --json "$T/t.tend"
	one_line "$ERR" "one line"
	is "$OUT" "" "nothing on stdout"
done
# The same change in both header copies (a slot, the UUID).
python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
for base in (0, 2048):
    b[base + 24] ^= 1
open(sys.argv[2], "wb").write(b)' "$b" "$T/t.tend"
ok_rc 1 "the UUID changed in both copies" \
	tend --passphrase-file "$T/tpw" review --json "$T/t.tend"
one_line "$ERR" "one line"
for cut in 1 17 100 $((n - 4096)) $((n - 4120)) $((n - 2048)); do
	head -c $((n - cut)) "$b" >"$T/t.tend"
	ok_rc 1 "cut short by $cut bytes" \
		tend --passphrase-file "$T/tpw" review --json "$T/t.tend"
	one_line "$ERR" "one line"
done
{ cat "$b"; printf 'x'; } >"$T/t.tend"
ok_rc 1 "a byte added at the end" tend --passphrase-file "$T/tpw" review --json "$T/t.tend"
one_line "$ERR" "one line"
like "$ERR" "bytes added" "says so"
is "$(sha "$b")" "$bsum" "the bundle is still unchanged"
ls "$XDG_DATA_HOME/tend" >"$T/after"
is "$(cat "$T/after" | tr '\n' ' ')" "identity.tend patients " \
	"nothing else was written beside the identity"

done_testing
