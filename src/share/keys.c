/*
 * keys.c: public keys as text and as fingerprints.
 */
#include "config.h"

#include "tend/share.h"

#include <sodium.h>
#include <string.h>

#include "tend/base32.h"
#include "tend/bech32.h"
#include "tend/err.h"

void
share_key_format(const unsigned char pk[32], char out[SHARE_KEY_CHARS])
{
	if (bech32_encode(SHARE_KEY_HRP, pk, 32, out, SHARE_KEY_CHARS) != 0)
		fatal("share: key text buffer too small");
}

int
share_key_parse(const char *text, unsigned char pk[32], struct err *e)
{
	char buf[SHARE_KEY_CHARS + 8];
	size_t n;

	while (*text == ' ' || *text == '\t')
		text++;
	n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t' ||
	    text[n - 1] == '\n' || text[n - 1] == '\r'))
		n--;
	if (n >= sizeof buf)
		return err_set(e, "that is not a tend key: it is too long "
		    "(a key is %d characters starting with tend1)",
		    SHARE_KEY_CHARS - 1);
	memcpy(buf, text, n);
	buf[n] = '\0';
	switch (bech32_decode(SHARE_KEY_HRP, buf, pk, 32)) {
	case 0:
		return 0;
	case BECH32_BAD_PREFIX:
		return err_set(e, "that is not a tend key: a key starts with "
		    "tend1");
	case BECH32_BAD_LENGTH:
		return err_set(e, "that is not a tend key: it has %zu "
		    "characters, a key has %d", n, SHARE_KEY_CHARS - 1);
	case BECH32_MIXED_CASE:
		return err_set(e, "that is not a tend key: it mixes upper- "
		    "and lower-case letters");
	default:
		return err_set(e, "the key is mistyped (its checksum does not "
		    "match): copy it again");
	}
}

void
share_fingerprint(const unsigned char key[32], char out[SHARE_FPR_CHARS])
{
	static const char domain[] = "tend fingerprint";
	crypto_generichash_state st;
	unsigned char h[32];
	char text[BASE32_LEN(10) + BASE32_LEN(10) / 4 + 1];

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)domain,
	    sizeof domain - 1);
	crypto_generichash_update(&st, key, 32);
	crypto_generichash_final(&st, h, sizeof h);
	base32_encode(h, 10, text, 4);
	memcpy(out, text, SHARE_FPR_CHARS - 1);
	out[SHARE_FPR_CHARS - 1] = '\0';
}
