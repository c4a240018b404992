/*
 * test-bech32.c: bech32 against the published test strings, round trips,
 * and that every single-character change of a key is refused.
 */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "tend/bech32.h"

int
main(void)
{
	static const char alphabet[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
	unsigned char key[32], back[32];
	char text[BECH32_SIZE(4, 32)], changed[sizeof text];
	size_t i, j, len;
	int all_refused = 1, tried = 0;

	/* Valid strings from the bech32 specification (empty data). */
	ok(bech32_decode("a", "A12UEL5L", back, 0) == 0, "spec: A12UEL5L");
	ok(bech32_decode("a", "a12uel5l", back, 0) == 0, "spec: a12uel5l");
	ok(bech32_decode("abcdef", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	    "mqqqxw", back, 20) == 0, "spec: abcdef1... with 32 characters");
	ok(bech32_decode("a", "a12uEl5l", back, 0) == BECH32_MIXED_CASE,
	    "mixed case refused");
	ok(bech32_decode("a", "a12uel5m", back, 0) == BECH32_BAD_CHECKSUM,
	    "changed checksum refused");

	for (i = 0; i < sizeof key; i++)
		key[i] = (unsigned char)(i * 37 + 11);
	ok(bech32_encode("tend", key, sizeof key, text, sizeof text) == 0,
	    "encode a 32-byte key");
	ok(strncmp(text, "tend1", 5) == 0 && strlen(text) == 5 + 52 + 6,
	    "one line: tend1, 52 data characters, 6 checksum: %s", text);
	ok(bech32_decode("tend", text, back, sizeof back) == 0 &&
	    memcmp(back, key, sizeof key) == 0, "round trip");
	ok(bech32_encode("tend", key, sizeof key, text, 10) == -1,
	    "a short buffer is refused");
	ok(bech32_decode("tend", "tend1qqqq", back, sizeof back) ==
	    BECH32_BAD_LENGTH, "a cut key is refused");
	ok(bech32_decode("tend", text + 1, back, sizeof back) ==
	    BECH32_BAD_PREFIX, "a wrong prefix is refused");

	len = strlen(text);
	for (i = 5; i < len; i++)
		for (j = 0; j < 32; j++) {
			if (alphabet[j] == text[i])
				continue;
			memcpy(changed, text, len + 1);
			changed[i] = alphabet[j];
			tried++;
			if (bech32_decode("tend", changed, back, sizeof back) == 0)
				all_refused = 0;
		}
	ok(all_refused && tried == 58 * 31,
	    "all %d single-character changes are refused", tried);
	return tap_done();
}
