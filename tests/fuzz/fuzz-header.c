/*
 * fuzz-header.c: libFuzzer target for the vault header parser.
 *
 * Input: one flag byte, then up to two 2048-byte header copies (missing
 * bytes are zeros).  When the flag's low bit is set the harness writes a
 * correct checksum into each copy first, so mutations reach the fields
 * behind it instead of stopping at the checksum.  Checks: hdr_decode
 * never reads out of bounds; a copy it accepts encodes and decodes back
 * to the same header with a valid MAC; hdr_pick either picks a copy it
 * accepted or fails with a message.
 */
#include "config.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "tend/err.h"
#include "tend/header.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const unsigned char mac_key[KEY_LEN] = { 7, 1, 2, 3 };

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	return 0;
}

static void
roundtrip(const unsigned char *copy)
{
	unsigned char out[HDR_COPY];
	struct header h, h2;

	if (hdr_decode(copy, &h) != HDR_OK)
		return;
	hdr_encode(&h, mac_key, out);
	if (hdr_decode(out, &h2) != HDR_OK || memcmp(&h, &h2, sizeof h) != 0 ||
	    !hdr_mac_ok(out, mac_key))
		abort();
}

static void
pick(const unsigned char *both, int kind)
{
	struct header h;
	struct err e;
	enum hdr_state st;
	int which = -1, other_bad = -1;

	e.msg[0] = '\0';
	if (hdr_pick(both, kind, &h, &which, &other_bad, &e) != 0) {
		if (e.msg[0] == '\0')
			abort();        /* every refusal says why */
		return;
	}
	if ((which != 0 && which != 1) || (other_bad != 0 && other_bad != 1))
		abort();
	st = hdr_decode(both + which * HDR_COPY, &h);
	if (st != HDR_OK || h.kind != kind || h.page_size != 4096 ||
	    h.reserve != 40)
		abort();
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	unsigned char both[2 * HDR_COPY];
	int i;

	if (size < 1)
		return 0;
	memset(both, 0, sizeof both);
	memcpy(both, data + 1, size - 1 < sizeof both ? size - 1 : sizeof both);
	for (i = 0; i < 2 && (data[0] & 1); i++)
		crypto_generichash(both + i * HDR_COPY + HDR_SUM_OFF, 32,
		    both + i * HDR_COPY, HDR_SUM_OFF, NULL, 0);
	for (i = 0; i < 2; i++)
		roundtrip(both + i * HDR_COPY);
	pick(both, HDR_KIND_VAULT);
	pick(both, HDR_KIND_BUNDLE);
	return 0;
}
