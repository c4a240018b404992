#!/bin/sh
# patients.sh: who sent a bundle.  tend patient add/list/rm (by fingerprint
# and from a bundle), tend name, the sender as the first line of review
# --md and the first member of review --json (known, unknown, changed),
# no control character from a bundle on any output, a huge alias cut to
# 64 characters, a damaged known patients file in one line, the old
# known-patients file still read.  Bad input: one line, exit 1, nothing
# written.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

export TEND_TEST_KDF=minimal
new_vault
tj() { "$TEND_BIN" --passphrase-file "$T/pw" "$@"; }
th() { "$TEND_BIN" --passphrase-file "$T/tpw" "$@"; }
sha() { sha256sum <"$1" 2>/dev/null; }
esc=$(printf '\033')
c1=$(printf '\302\233')
# No ESC, no CSI (C1), no BEL, no DEL in a text.
clean() {
	! printf '%s' "$1" | grep -q "[$esc$(printf '\007\177')]" &&
	! printf '%s' "$1" | grep -q "$c1"
}
printf 'the therapist speaks\n' >"$T/tpw"
th identity new --kdf minimal >"$T/key" 2>/dev/null ||
	{ echo "Bail out! no identity"; exit 1; }
key=$(sed -n 1p "$T/key")
known="$XDG_DATA_HOME/tend/patients"
mkdir -p "$T/out"

# ---- tend name ----
ok "a journal without a name" tj name
is "$OUT" "" "prints nothing on stdout"
ok "tend name River" tj name River
ok "tend name shows it" tj name
is "$OUT" River "the name"
for bad in "$(printf 'Ri\033]0;x\007ver')" "$(printf 'two\nlines')" \
	"$(printf 'a\tb')" "$(printf '%070d' 0)" " River"; do
	ok_rc 1 "a bad name is refused" tj name "$bad"
	one_line "$ERR" "one line"
	tj name >"$T/name" 2>/dev/null
	is "$(cat "$T/name")" River "the name is unchanged"
done

# ---- a bundle with a hostile title and alias ----
ok "an entry whose title clears the screen" tj add --share \
	--title "$(printf 'Before\033[2JAfter')" \
	"$(printf 'body with \033]0;title\007 and \302\233 and \177 DEL')"
ok "an alias with an escape (set behind tend name's back)" tj sql --write <<EOF
UPDATE meta SET value = 'Riv' || char(27) || ']0;x' || char(7) || 'er' ||
	char(155) || '$(printf '%0200d' 0)' WHERE key = 'owner';
EOF
ok "export" tj export -o "$T/out/b.tend" --to "$key"
bsum=$(sha "$T/out/b.tend")

# Unknown sender.
ok "review --md" th review --md "$T/out/b.tend"
like "$(printf '%s\n' "$OUT" | sed -n 1p)" '^Unknown sender: the journal "Riv\]0;xer0+"' \
	"--md: the first line says the sender is unknown"
o=$OUT e=$ERR
like "$o" 'Before\[2JAfter' "the title is there without its ESC"
ok "--md: no control character on stdout" clean "$o"
ok "--md: none on stderr" clean "$e"
ok "review --json" th review --json "$T/out/b.tend"
is "$(printf '%s' "$OUT" | jq -r 'keys_unsorted[0]')" from "--json: from comes first"
is "$(printf '%s' "$OUT" | jq -r '.from.known, .from.changed, .from.name' | tr '\n' ' ')" \
	"false false null " "--json: unknown"
is "$(printf '%s' "$OUT" | jq -r '.from.alias | length')" 64 "the alias is cut to 64 characters"
is "$(printf '%s' "$OUT" | jq -r '.entries[0].title' | od -c | grep -c 033)" 1 \
	"--json keeps the title whole, escaped"
ok "--json: no control character on stdout" clean "$OUT"
ok "the app is refused without a terminal, before any text" \
	sh -c '! "$@"' sh th review "$T/out/b.tend"

# ---- tend patient ----
ok "no patients yet" th patient list
is "$OUT" "" "an empty list"
ok "patient add from the bundle" th patient add "Sam K" "$T/out/b.tend"
fpr=$(printf '%s' "$OUT" | grep -Eo '[0-9A-Z]{4}(-[0-9A-Z]{4}){3}')
like "$fpr" '^[0-9A-Z]{4}-' "it shows the fingerprint"
ok "add: no control character" clean "$OUT$ERR"
is "$(stat -c %a "$known")" 600 "the patients file is 0600"
is "$(sed -n 1p "$known")" "# tend known patients 1" "it names its format"
is "$(wc -l <"$known")" 2 "a huge alias is one line"
ok "list" th patient list
is "$(printf '%s' "$OUT" | cut -f1,2)" "$(printf 'Sam K\t%s' "$fpr")" "name and fingerprint"
ok "list --json" th patient list --json
is "$(printf '%s' "$OUT" | jq -r '.[0].name')" "Sam K" "--json"
ok "review --md of a known patient" th review --md "$T/out/b.tend"
is "$(printf '%s\n' "$OUT" | sed -n 1p)" "From: Sam K (known), fingerprint $fpr" \
	"--md: From: NAME (known)"
ok "review --json of a known patient" th review --json "$T/out/b.tend"
is "$(printf '%s' "$OUT" | jq -r '.from.known, .from.name' | tr '\n' ' ')" \
	"true Sam K " "--json: known, with the name"

# Bad input: one line, exit 1, nothing written.
sum=$(sha "$known")
bad_add() {
	ok_rc 1 "$1" th patient add "$2" "$3"
	one_line "$ERR" "one line"
	is "$(sha "$known")" "$sum" "nothing written"
}
bad_add "a name with a newline" "$(printf 'a\nb')" "AAAA-BBBB-CCCC-DDDD"
bad_add "a name with a tab" "$(printf 'a\tb')" "AAAA-BBBB-CCCC-DDDD"
bad_add "a name with an escape" "$(printf 'a\033[2Jb')" "AAAA-BBBB-CCCC-DDDD"
bad_add "a name of 65 characters" "$(printf '%065d' 0)" "AAAA-BBBB-CCCC-DDDD"
bad_add "a name known already" "sam k" "AAAA-BBBB-CCCC-DDDD"
bad_add "a fingerprint known already" "Other" "$fpr"
bad_add "the same bundle again" "Other" "$T/out/b.tend"
bad_add "neither a fingerprint nor a file" "Other" "AAAA-BBBB"
bad_add "a fingerprint with a letter tend never uses" "Other" "AAAA-BBBB-CCCC-DDDU"
bad_add "a file that is no bundle" "Other" "$T/key"
ok_rc 1 "rm an unknown name" th patient rm Nobody
one_line "$ERR" "one line"
is "$(sha "$known")" "$sum" "nothing written"
ok_rc 2 "patient with no subcommand" th patient
ok_rc 2 "patient add with one argument" th patient add Sam
ok_rc 2 "patient frobnicate" th patient frobnicate
ok "add by fingerprint, typed loosely" th patient add Alex "aaaa bbbb cccc dddd"
ok "list" th patient list
like "$OUT" "$(printf 'Alex\tAAAA-BBBB-CCCC-DDDD')" "stored in its printed form"
ok "rm in another case" th patient rm alex
ok "list" th patient list
is "$(printf '%s\n' "$OUT" | grep -c Alex)" 0 "gone"

# Changed: another journal with the name of a known patient.
printf 'pw two\n' >"$T/pw2"
ok "another journal" tend -f "$T/v2.tend" --passphrase-file "$T/pw2" init \
	--kdf minimal --recovery-key-file "$T/rk2"
t2() { "$TEND_BIN" -f "$T/v2.tend" --passphrase-file "$T/pw2" "$@"; }
ok "named like the known patient" t2 name "Sam K"
ok "export" t2 export -o "$T/out/b2.tend" --to "$key"
ok "review --md" th review --md "$T/out/b2.tend"
like "$(printf '%s\n' "$OUT" | sed -n 1p)" \
	"^Changed key: this bundle is named \"Sam K\" like your patient Sam K, but it is signed by .*, not $fpr" \
	"--md: the first line says the key changed"
ok "review --json" th review --json "$T/out/b2.tend"
is "$(printf '%s' "$OUT" | jq -r '.from.known, .from.changed, .from.changed_from.fingerprint' | tr '\n' ' ')" \
	"false true $fpr " "--json: changed, and from which key"

# A damaged patients file: one line for patient, a warning for review.
cp "$known" "$T/known.bak"
printf 'not a patient\n' >>"$known"
sum=$(sha "$known")
ok_rc 1 "list with a damaged file" th patient list
one_line "$ERR" "one line"
like "$ERR" "damaged at line 3" "it names the line"
bad_add "add to a damaged file" "New" "AAAA-BBBB-CCCC-DDDD"
ok "review still opens" th review --json "$T/out/b.tend"
is "$(printf '%s' "$OUT" | jq -r .from.known)" false "the sender is unknown then"
like "$ERR" "warning: the known patients file .* is damaged" "and says why"
cp "$T/known.bak" "$known"

# The old file: read while there is no new one, carried over on add.
rm "$known"
printf '%s river\n' "$fpr" >"$XDG_DATA_HOME/tend/known-patients"
ok "review with only the old file" th review --json "$T/out/b.tend"
is "$(printf '%s' "$OUT" | jq -r '.from.known, .from.name' | tr '\n' ' ')" \
	"true river " "its patients are known"
ok "add moves them over" th patient add Alex "AAAA-BBBB-CCCC-DDDD"
ok "list" th patient list
is "$(printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' ')" "river Alex " "both"

# The patient's own list and show lose controls too.
ok "list" tj list
like "$OUT" 'Before\[2JAfter' "the title, without its ESC"
id=$(printf '%s' "$OUT" | cut -c1-8)
ok "list: no control character" clean "$OUT"
ok "show" tj show "$id"
ok "show: no control character" clean "$OUT"
ok "list --json" tj list --json
is "$(printf '%s' "$OUT" | jq -r '.[0].body' | od -c | grep -c 177)" 1 \
	"--json keeps DEL, escaped"
ok "list --json: no control character" clean "$OUT"

done_testing
