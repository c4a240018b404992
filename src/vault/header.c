/*
 * header.c: encode, decode and choose the vault's header copies.
 *
 * Two copies of the header sit at the front of the file.  A writer always
 * rewrites one copy, syncs, and only then the other, so one of them is whole
 * at every moment.  Readers take the whole copy with the highest generation;
 * a copy whose checksum fails is torn or damaged and is skipped (and
 * reported).  A version we do not know is refused before anything else, so
 * an older tend never guesses at a newer file.
 */
#include "config.h"

#include "tend/header.h"

#include <sodium.h>
#include <string.h>

#include "tend/base32.h"
#include "tend/err.h"

static const unsigned char magic[8] = { 'T', 'E', 'N', 'D', 'V', 'L', 'T', 0x1a };

static void
put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
put32(unsigned char *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static void
put64(unsigned char *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint16_t
get16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
get32(const unsigned char *p)
{
	return get16(p) | (uint32_t)get16(p + 2) << 16;
}

static uint64_t
get64(const unsigned char *p)
{
	return get32(p) | (uint64_t)get32(p + 4) << 32;
}

void
keys_derive(struct keys *k)
{
	crypto_kdf_derive_from_key(k->page, KEY_LEN, 1, "tendpage", k->dek);
	crypto_kdf_derive_from_key(k->mac, KEY_LEN, 2, "tendhead", k->dek);
	crypto_kdf_derive_from_key(k->sign, KEY_LEN, 3, "tendsign", k->dek);
}

static void
encode_slot(const struct hdr_slot *s, unsigned char *p)
{
	memset(p, 0, HDR_SLOT_SIZE);
	p[0] = s->type;
	p[1] = s->profile;
	put32(p + 4, s->opslimit);
	put64(p + 8, s->memlimit);
	memcpy(p + 16, s->salt, 16);
	memcpy(p + 32, s->nonce, 24);
	memcpy(p + 56, s->wrapped, sizeof s->wrapped);
	memcpy(p + 104, s->sealed, sizeof s->sealed);
}

static void
decode_slot(const unsigned char *p, struct hdr_slot *s)
{
	s->type = p[0];
	s->profile = p[1];
	s->opslimit = get32(p + 4);
	s->memlimit = get64(p + 8);
	memcpy(s->salt, p + 16, 16);
	memcpy(s->nonce, p + 32, 24);
	memcpy(s->wrapped, p + 56, sizeof s->wrapped);
	memcpy(s->sealed, p + 104, sizeof s->sealed);
}

void
hdr_encode(const struct header *h, const unsigned char *mac_key,
    unsigned char out[HDR_COPY])
{
	int i;

	memset(out, 0, HDR_COPY);
	memcpy(out, magic, sizeof magic);
	put16(out + 8, h->version);
	out[10] = h->kind;
	put64(out + 16, h->generation);
	memcpy(out + 24, h->uuid, 16);
	put32(out + 40, h->page_size);
	put16(out + 44, h->reserve);
	put16(out + 46, HDR_SLOTS);
	put64(out + 48, h->created);
	memcpy(out + 56, h->sign_box, sizeof h->sign_box);
	for (i = 0; i < HDR_SLOTS; i++)
		encode_slot(&h->slot[i], out + 128 + i * HDR_SLOT_SIZE);
	memcpy(out + HDR_PUB_OFF, h->pub, sizeof h->pub);
	crypto_generichash(out + HDR_MAC_OFF, 32, out, HDR_MAC_OFF, mac_key,
	    KEY_LEN);
	crypto_generichash(out + HDR_SUM_OFF, 32, out, HDR_SUM_OFF, NULL, 0);
}

enum hdr_state
hdr_decode(const unsigned char in[HDR_COPY], struct header *h)
{
	unsigned char sum[32];
	int i;

	if (memcmp(in, magic, sizeof magic) != 0)
		return HDR_NOT_OURS;
	memset(h, 0, sizeof *h);
	h->version = get16(in + 8);
	crypto_generichash(sum, sizeof sum, in, HDR_SUM_OFF, NULL, 0);
	if (sodium_memcmp(sum, in + HDR_SUM_OFF, sizeof sum) != 0)
		return HDR_TORN;        /* h->version is only a hint then */
	if (h->version != HDR_VERSION)
		return HDR_NEWER;
	h->kind = in[10];
	h->generation = get64(in + 16);
	memcpy(h->uuid, in + 24, 16);
	h->page_size = get32(in + 40);
	h->reserve = get16(in + 44);
	h->created = get64(in + 48);
	memcpy(h->sign_box, in + 56, sizeof h->sign_box);
	if (get16(in + 46) != HDR_SLOTS)
		return HDR_TORN;
	for (i = 0; i < HDR_SLOTS; i++)
		decode_slot(in + 128 + i * HDR_SLOT_SIZE, &h->slot[i]);
	memcpy(h->pub, in + HDR_PUB_OFF, sizeof h->pub);
	return HDR_OK;
}

int
hdr_mac_ok(const unsigned char in[HDR_COPY], const unsigned char *mac_key)
{
	unsigned char mac[32];

	crypto_generichash(mac, sizeof mac, in, HDR_MAC_OFF, mac_key, KEY_LEN);
	return sodium_memcmp(mac, in + HDR_MAC_OFF, sizeof mac) == 0;
}

static const char *
kind_name(int kind)
{
	switch (kind) {
	case HDR_KIND_VAULT:
		return "a tend vault";
	case HDR_KIND_BUNDLE:
		return "a tend bundle";
	case HDR_KIND_IDENTITY:
		return "a tend identity";
	default:
		return "a tend file of an unknown kind";
	}
}

static int
newer_format(struct err *e, unsigned version)
{
	return err_set(e, "it was written by a newer tend (file format %u; "
	    "this tend reads format %d): upgrade tend, the file is untouched",
	    version, HDR_VERSION);
}

/* A copy decoded without fault that is of the kind and layout expected;
 * 0, or -1 with the reason in e. */
static int
copy_usable(const struct header *c, int kind, struct err *e)
{
	if (c->kind != kind)
		return err_set(e, "it is %s, not %s", kind_name(c->kind),
		    kind_name(kind));
	if (c->page_size != 4096 || c->reserve != 40)
		return err_set(e, "its header names a page layout this tend "
		    "does not use (%u bytes, %u reserved)",
		    (unsigned)c->page_size, (unsigned)c->reserve);
	return 0;
}

int
hdr_candidates(const unsigned char both[2 * HDR_COPY], int kind,
    struct header c[2], int order[2], int *n, struct err *e)
{
	enum hdr_state st[2];
	struct err ignored;
	int i, best = -1;

	*n = 0;
	for (i = 0; i < 2; i++)
		st[i] = hdr_decode(both + i * HDR_COPY, &c[i]);
	for (i = 0; i < 2; i++)
		if (st[i] == HDR_NEWER)
			return newer_format(e, c[i].version);
	if (st[0] == HDR_NOT_OURS && st[1] == HDR_NOT_OURS)
		return err_set(e, "it is not %s (or both of its header copies "
		    "are destroyed)", kind_name(kind));
	for (i = 0; i < 2; i++)
		if (st[i] == HDR_OK &&
		    (best < 0 || c[i].generation > c[best].generation))
			best = i;
	if (best < 0) {
		/* A newer format may check its copies another way: say so
		 * rather than call the file damaged. */
		for (i = 0; i < 2; i++)
			if (st[i] == HDR_TORN && c[i].version > HDR_VERSION)
				return newer_format(e, c[i].version);
		return err_set(e, "both header copies are damaged; "
		    "the file cannot be opened (restore a backup)");
	}
	if (copy_usable(&c[best], kind, e) == 0)
		order[(*n)++] = best;
	if (st[1 - best] == HDR_OK &&
	    copy_usable(&c[1 - best], kind, &ignored) == 0)
		order[(*n)++] = 1 - best;
	return *n > 0 ? 0 : -1;
}

int
hdr_pick(const unsigned char both[2 * HDR_COPY], int kind, struct header *h,
    int *which, int *other_bad, struct err *e)
{
	struct header c[2];
	int order[2] = { 0, 1 }, n;

	if (hdr_candidates(both, kind, c, order, &n, e) != 0)
		return -1;
	*h = c[order[0]];
	*which = order[0];
	*other_bad = n < 2;
	return 0;
}

/* ---- key slots ---- */

void
kdf_limits(enum vault_kdf kdf, uint32_t *ops, uint64_t *mem)
{
	switch (kdf) {
	case VAULT_KDF_MINIMAL:
		*ops = crypto_pwhash_OPSLIMIT_MIN;
		*mem = crypto_pwhash_MEMLIMIT_MIN;
		break;
	case VAULT_KDF_INTERACTIVE:
		*ops = 2;
		*mem = 64u << 20;
		break;
	case VAULT_KDF_SENSITIVE:
		*ops = 4;
		*mem = 1024u << 20;
		break;
	case VAULT_KDF_MODERATE:
	default:
		*ops = 3;
		*mem = 256u << 20;
		break;
	}
}

#define SLOT_AD_LEN (16 + 1)

static void
slot_ad(unsigned char ad[SLOT_AD_LEN], const unsigned char *uuid, int type)
{
	memcpy(ad, uuid, 16);
	ad[16] = (unsigned char)type;
}

static void
wrap(struct hdr_slot *s, const unsigned char *uuid, const unsigned char *kek,
    const unsigned char *dek)
{
	unsigned char ad[SLOT_AD_LEN];

	slot_ad(ad, uuid, s->type);
	randombytes_buf(s->nonce, sizeof s->nonce);
	crypto_aead_xchacha20poly1305_ietf_encrypt(s->wrapped, NULL, dek,
	    KEY_LEN, ad, sizeof ad, NULL, s->nonce, kek);
}

static int
unwrap(const struct hdr_slot *s, const unsigned char *uuid,
    const unsigned char *kek, unsigned char *dek)
{
	unsigned char ad[SLOT_AD_LEN];

	slot_ad(ad, uuid, s->type);
	return crypto_aead_xchacha20poly1305_ietf_decrypt(dek, NULL, NULL,
	    s->wrapped, sizeof s->wrapped, ad, sizeof ad, s->nonce, kek);
}

/* Defined in vault.c: Argon2id with the progress display. */
int vault_pwhash(unsigned char *out, const char *pass, size_t len,
    const unsigned char *salt, uint32_t ops, uint64_t mem);

int
slot_set_passphrase(struct hdr_slot *s, int type, const unsigned char *uuid,
    const unsigned char *dek, const char *pass, size_t len,
    enum vault_kdf kdf, struct err *e)
{
	unsigned char *kek = sodium_malloc(KEY_LEN);
	int rc = 0;

	if (kek == NULL)
		return err_set(e, "out of memory");
	memset(s, 0, sizeof *s);
	s->type = (uint8_t)type;
	s->profile = (uint8_t)kdf;
	kdf_limits(kdf, &s->opslimit, &s->memlimit);
	randombytes_buf(s->salt, sizeof s->salt);
	if (vault_pwhash(kek, pass, len, s->salt, s->opslimit, s->memlimit) != 0)
		rc = err_set(e, "not enough memory to derive the key "
		    "(%llu MiB needed)", (unsigned long long)(s->memlimit >> 20));
	else
		wrap(s, uuid, kek, dek);
	sodium_free(kek);
	return rc;
}

int
slot_open_passphrase(const struct hdr_slot *s, const unsigned char *uuid,
    const char *pass, size_t len, unsigned char *dek, struct err *e)
{
	unsigned char *kek;
	int rc;

	if (s->opslimit < crypto_pwhash_OPSLIMIT_MIN ||
	    s->opslimit > 64 || s->memlimit < crypto_pwhash_MEMLIMIT_MIN ||
	    s->memlimit > (8ull << 30))
		return err_set(e, "a key slot names impossible key "
		    "derivation limits");
	kek = sodium_malloc(KEY_LEN);
	if (kek == NULL)
		return err_set(e, "out of memory");
	if (vault_pwhash(kek, pass, len, s->salt, s->opslimit, s->memlimit) != 0)
		rc = err_set(e, "not enough memory to derive the key "
		    "(%llu MiB needed)", (unsigned long long)(s->memlimit >> 20));
	else if (unwrap(s, uuid, kek, dek) != 0)
		rc = err_set(e, "wrong passphrase");
	else
		rc = 0;
	sodium_free(kek);
	return rc;
}

static void
recovery_kek(unsigned char *kek, const struct hdr_slot *s,
    const unsigned char *rkey)
{
	static const char label[] = "tend recovery slot";
	crypto_generichash_state st;

	crypto_generichash_init(&st, rkey, KEY_LEN, KEY_LEN);
	crypto_generichash_update(&st, (const unsigned char *)label,
	    sizeof label - 1);
	crypto_generichash_update(&st, s->salt, sizeof s->salt);
	crypto_generichash_final(&st, kek, KEY_LEN);
	sodium_memzero(&st, sizeof st);
}

void
slot_set_recovery(struct hdr_slot *s, const unsigned char *uuid,
    const unsigned char *dek, const unsigned char *rkey)
{
	unsigned char kek[KEY_LEN];

	memset(s, 0, sizeof *s);
	s->type = SLOT_RECOVERY;
	randombytes_buf(s->salt, sizeof s->salt);
	recovery_kek(kek, s, rkey);
	wrap(s, uuid, kek, dek);
	sodium_memzero(kek, sizeof kek);
}

int
slot_open_recovery(const struct hdr_slot *s, const unsigned char *uuid,
    const unsigned char *rkey, unsigned char *dek)
{
	unsigned char kek[KEY_LEN];
	int rc;

	recovery_kek(kek, s, rkey);
	rc = unwrap(s, uuid, kek, dek);
	sodium_memzero(kek, sizeof kek);
	return rc;
}

/* ---- signing seed ---- */

void
sign_seed_seal(struct header *h, const struct keys *k,
    const unsigned char seed[32])
{
	unsigned char *nonce = h->sign_box;

	randombytes_buf(nonce, 24);
	crypto_aead_xchacha20poly1305_ietf_encrypt(h->sign_box + 24, NULL,
	    seed, 32, h->uuid, 16, NULL, nonce, k->sign);
}

int
sign_seed_open(const struct header *h, const struct keys *k,
    unsigned char seed[32])
{
	return crypto_aead_xchacha20poly1305_ietf_decrypt(seed, NULL, NULL,
	    h->sign_box + 24, 32 + 16, h->uuid, 16, h->sign_box, k->sign);
}

/* ---- recovery key text ---- */

#define RKEY_RAW (32 + 3)

static void
recovery_check(const unsigned char rkey[32], unsigned char check[3])
{
	unsigned char h[16];

	crypto_generichash(h, sizeof h, rkey, 32,
	    (const unsigned char *)"tend recovery check", 19);
	memcpy(check, h, 3);
}

void
recovery_format(const unsigned char rkey[32], char out[VAULT_RECOVERY_CHARS + 1])
{
	unsigned char raw[RKEY_RAW];

	memcpy(raw, rkey, 32);
	recovery_check(rkey, raw + 32);
	base32_encode(raw, sizeof raw, out, 4);
	sodium_memzero(raw, sizeof raw);
}

int
recovery_parse(const char *text, unsigned char rkey[32])
{
	unsigned char raw[RKEY_RAW];
	int rc = -1;

	if (base32_decode(text, raw, sizeof raw) == 0) {
		unsigned char check[3];

		recovery_check(raw, check);
		if (sodium_memcmp(check, raw + 32, 3) == 0) {
			memcpy(rkey, raw, 32);
			rc = 0;
		}
	}
	sodium_memzero(raw, sizeof raw);
	return rc;
}
