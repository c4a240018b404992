/*
 * test-base32.c: Crockford base32 round trips and rejections.
 */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "tend/base32.h"

int
main(void)
{
	static const struct {
		const char *in;
		size_t n;
		const char *enc;
	} cases[] = {
		{ "", 0, "" },
		{ "f", 1, "CR" },
		{ "fo", 2, "CSQG" },
		{ "foo", 3, "CSQPY" },
		{ "foob", 4, "CSQPYRG" },
		{ "fooba", 5, "CSQPYRK1" },
		{ "foobar", 6, "CSQPYRK1E8" },
	};
	unsigned char out[16];
	char enc[64];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		base32_encode((const unsigned char *)cases[i].in, cases[i].n,
		    enc, 0);
		ok(strcmp(enc, cases[i].enc) == 0, "encode '%s' -> %s (got %s)",
		    cases[i].in, cases[i].enc, enc);
		ok(base32_decode(cases[i].enc, out, cases[i].n) == 0 &&
		    memcmp(out, cases[i].in, cases[i].n) == 0,
		    "decode %s", cases[i].enc);
	}
	base32_encode((const unsigned char *)"foobar", 6, enc, 4);
	ok(strcmp(enc, "CSQP-YRK1-E8") == 0, "groups of four: %s", enc);
	ok(base32_decode("csqp yrkl-e8", out, 6) == 0 &&
	    memcmp(out, "foobar", 6) == 0, "lower case, spaces, l for 1");
	ok(base32_decode("CSQPYRK1E8", out, 5) == -1, "too long is refused");
	ok(base32_decode("CSQPYRK1", out, 6) == -1, "too short is refused");
	ok(base32_decode("CSQPYRKU", out, 5) == -1, "U is not in the alphabet");
	ok(base32_decode("CT", out, 1) == -1, "nonzero padding bits refused");
	return tap_done();
}
