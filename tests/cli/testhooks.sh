#!/bin/sh
# testhooks.sh: the test suite's environment variables (TEND_TEST_KDF,
# TEND_TEST_IDLE_SECONDS, TEND_TEST_SLOW_STEP) work only in a test build.  The tests run
# tests/hooks/tend, which has them; tend itself (what ./bootstrap builds
# and people run) must not even contain their names, and a share
# passphrase made by it under TEND_TEST_KDF=minimal still gets the
# moderate key derivation.  With ./configure --enable-test-hooks tend
# has them too, and this test expects that instead.
. "${TEND_SRCDIR:-.}/tests/lib.sh"

: "${TEND_RELEASE_BIN:?run through make check}"
new_vault
# The KDF profile byte of the first key slot of type $2 in header copy A.
slot_kdf() {
	python3 -c 'import sys
b = open(sys.argv[1], "rb").read(2048)
for i in range(8):
    s = b[128 + 192 * i:128 + 192 * (i + 1)]
    if s[0] == int(sys.argv[2]):
        print(s[1]); break' "$1" "$2"
}
names() { strings "$1" | grep -c 'TEND_TEST_'; }

is "$(names "$TEND_BIN")" 3 "the test build knows the three hook names"
if [ "${TEND_HOOKS_IN_TEND:-no}" = yes ]; then
	want_names=3 want_kdf=0
else
	want_names=0 want_kdf=2
fi
is "$(names "$TEND_RELEASE_BIN")" "$want_names" \
	"tend has the hook names only when configured with them"

export TEND_TEST_KDF=minimal
ok "test build: export --share-passphrase" \
	tend --passphrase-file "$T/pw" export -o "$T/test.bundle" --share-passphrase
is "$(slot_kdf "$T/test.bundle" 4)" 0 "the test build takes TEND_TEST_KDF (minimal)"
ok "tend: export --share-passphrase" "$TEND_RELEASE_BIN" --passphrase-file "$T/pw" \
	export -o "$T/release.bundle" --share-passphrase
is "$(slot_kdf "$T/release.bundle" 4)" "$want_kdf" \
	"tend ignores TEND_TEST_KDF (moderate)"
done_testing
