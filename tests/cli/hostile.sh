#!/bin/sh
# hostile.sh: bundles made by someone who wants to hurt the reviewer,
# through the real binary.  tests/cli/hostile-bundle signs any database
# image with a throwaway journal key, so each bundle below passes every
# cryptographic check and only the review's own care stands in the way:
# an endless recursive view in place of a table, an extra trigger, view or
# index, a value larger than tend reads, an expression nested deep, a
# newer or foreign user_version; and a bundle re-addressed by a therapist
# it was made for.  Each is refused in one line, exit 1, nothing on
# stdout, nothing written, within 20 s; a clean one made the same way is
# reviewed, and says whom it was made for.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TZ=Europe/Berlin TEND_TEST_KDF=minimal
hb="$TEND_BUILDDIR/tests/cli/hostile-bundle"
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }
printf 'the therapist speaks\n' >"$T/tpw"
printf 'another therapist\n' >"$T/tpw2"

ok "identity" tend --passphrase-file "$T/tpw" identity new --kdf minimal
key=$(printf '%s\n' "$OUT" | sed -n 1p)
fpr=$(printf '%s\n' "$OUT" | sed -n 2p)
ok "a second identity" tend --passphrase-file "$T/tpw2" identity new \
	--kdf minimal --identity "$T/id2.tend"
key2=$(printf '%s\n' "$OUT" | sed -n 1p)
ok "an entry" tj add --share --title "Shared" --tag sea "sharedpelicanword"
ok "a check-in" tj checkin --mood 6 --note "checkinnoteword"
ok "an agenda item" tj agenda add "agendaopenword"
ok "the journal's image" "$hb" image "$T/v.tend" "$T/pw" "$T/real.img"

# review BUNDLE: tend review --json with a 20 s limit; $OUT, $ERR, $RC
# and the seconds it took in $SECS.
review() {
	_t0=$(date +%s)
	timeout -s KILL 20 "$TEND_BIN" --passphrase-file "$T/tpw" review \
		--json "$1" >"$T/.out" 2>"$T/.err"
	RC=$?
	SECS=$(($(date +%s) - _t0))
	OUT=$(cat "$T/.out"); ERR=$(cat "$T/.err")
}

# refused NAME BUNDLE REGEX: one line matching REGEX, exit 1, nothing on
# stdout, nothing new in the folder, in time.
refused() {
	_before=$(ls -A "$T" "$XDG_DATA_HOME/tend" | sha256sum)
	review "$2"
	is "$RC" 1 "$1: exit 1 (took ${SECS} s)"
	one_line "$ERR" "$1: one line"
	like "$ERR" "$3" "$1: says why"
	is "$OUT" "" "$1: nothing on stdout"
	is "$(ls -A "$T" "$XDG_DATA_HOME/tend" | sha256sum)" "$_before" \
		"$1: nothing written"
}

# ---- a clean bundle made the same way is reviewed ----
ok "sign the image as it is" "$hb" sign "$T/real.img" "$key" "$T/clean.tend"
review "$T/clean.tend"
is "$RC" 0 "the clean bundle is reviewed"
is "$(printf '%s' "$OUT" | jq -r '.entries[0].body')" sharedpelicanword \
	"with its entry"
is "$(printf '%s' "$OUT" | jq -r '.export.named')" yes \
	"the review says this identity is named"
is "$(printf '%s' "$OUT" | jq -r '.export.recipients')" "$fpr" \
	"and whom the signature names"
ok "review --md" tend --passphrase-file "$T/tpw" review --md "$T/clean.tend"
like "$OUT" "made for.*$fpr" "--md says whom it was made for"
like "$OUT" "your identity named.*yes" "--md says this identity is named"

# Opened with the share passphrase, no identity is named.
ok "export to the therapist and a share passphrase" tj export \
	-o "$T/both.tend" --to "$key" --share-passphrase
printf '%s\n' "$OUT" >"$T/words"
ok "review it with the words" tend review --json \
	--share-passphrase-file "$T/words" "$T/both.tend"
is "$(printf '%s' "$OUT" | jq -r '.export.named')" \
	"no, opened with the share passphrase" "no identity named"
is "$(printf '%s' "$OUT" | jq -r '.export.recipients')" \
	"$fpr, a share passphrase" "both recipients listed"

# ---- the schema ----
rec="DROP TABLE entries; CREATE VIEW entries AS WITH RECURSIVE r(n) AS
 (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n AS id, 'u' || n AS uuid,
 n AS created, 0 AS created_off, n AS updated, 't' AS title, 'b' AS body,
 'journal' AS kind, NULL AS prompt, 1 AS shared, NULL AS trashed FROM r"
ok "an endless recursive view for entries" \
	"$hb" sign "$T/real.img" "$key" "$T/rec.tend" "$rec"
refused "recursive view" "$T/rec.tend" "not laid out as tend writes it"
ok "an extra trigger" "$hb" sign "$T/real.img" "$key" "$T/trig.tend" \
	"CREATE TRIGGER t AFTER INSERT ON agenda BEGIN SELECT 1; END"
refused "extra trigger" "$T/trig.tend" "not laid out as tend writes it"
ok "an extra view" "$hb" sign "$T/real.img" "$key" "$T/view.tend" \
	"CREATE VIEW v AS SELECT 1"
refused "extra view" "$T/view.tend" "not laid out as tend writes it"
ok "an extra index" "$hb" sign "$T/real.img" "$key" "$T/idx.tend" \
	"CREATE INDEX extra ON entries(title)"
refused "extra index" "$T/idx.tend" "not laid out as tend writes it"
ok "a table changed in place" "$hb" sign "$T/real.img" "$key" "$T/alt.tend" \
	"ALTER TABLE agenda ADD COLUMN extra TEXT"
refused "changed table" "$T/alt.tend" "not laid out as tend writes it"
# An expression nested 900 deep (SQLite itself allows 1000).
deep=$(awk 'BEGIN { printf "1"; for (i = 0; i < 900; i++) printf "+1" }')
ok "an expression nested 900 deep" "$hb" sign "$T/real.img" "$key" \
	"$T/deep.tend" "CREATE VIEW deep AS SELECT $deep AS x"
refused "deep nesting" "$T/deep.tend" "cannot be read|not laid out"
ok "a newer schema" "$hb" sign "$T/real.img" "$key" "$T/newer.tend" \
	"PRAGMA user_version = 99"
refused "newer schema" "$T/newer.tend" "newer tend"
ok "not a tend journal" "$hb" sign "$T/real.img" "$key" "$T/zero.tend" \
	"PRAGMA user_version = 0"
refused "user_version 0" "$T/zero.tend" "not a tend journal"

# ---- the rows ----
ok "a value of 70 MB" "$hb" sign "$T/real.img" "$key" "$T/huge.tend" \
	"UPDATE entries SET body = replace(hex(zeroblob(35000000)), '0', 'x')"
refused "huge value" "$T/huge.tend" "larger than tend reads"
ok "a check-in the schema's CHECK would refuse" "$hb" sign "$T/real.img" \
	"$key" "$T/check.tend" \
	"PRAGMA ignore_check_constraints = ON; UPDATE checkins SET mood = 99"
refused "broken constraint" "$T/check.tend" "rows tend does not write"
ok "a tag of an entry it does not hold" "$hb" sign "$T/real.img" "$key" \
	"$T/orphan.tend" "PRAGMA foreign_keys = OFF;
	INSERT INTO tags(entry, tag) VALUES (4242, 'orphan')"
refused "orphan tag" "$T/orphan.tend" "rows tend does not write"

# ---- re-addressed ----
ok "the clean bundle re-addressed to the second identity" \
	"$hb" readdress "$T/clean.tend" "$XDG_DATA_HOME/tend/identity.tend" \
	"$T/tpw" "$key2" "$T/moved.tend"
_before=$(ls -A "$T" | sha256sum)
ok_rc 1 "the second identity cannot review it" \
	tend --passphrase-file "$T/tpw2" review --json --identity "$T/id2.tend" \
	"$T/moved.tend"
one_line "$ERR" "one line"
like "$ERR" "signature" "says the signature does not hold"
is "$OUT" "" "nothing on stdout"
is "$(ls -A "$T" | sha256sum)" "$_before" "nothing written"

done_testing
