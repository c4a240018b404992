/*
 * bundle.c: export bundles, written once and opened read-only.
 *
 *   0      header copy (kind 2), key slots wrap a fresh 32-byte key K
 *   2048   the same copy again
 *   4096   secretstream header (24 bytes)
 *   4120   chunk 0: signer public key (32), signature (64), image
 *          length (8, little-endian), the public key of each of the 8
 *          slot places (32 each, zero unless a recipient slot), as one
 *          secretstream message
 *   ...    the image in chunks of 65536 bytes, the last one shorter or
 *          equal and tagged FINAL; every other tag is MESSAGE
 *
 * The stream key is K's page subkey (the header MAC uses its MAC subkey,
 * as in a vault); every chunk carries the bundle's UUID as associated
 * data.  The signature is Ed25519 over "tend bundle signature v2" (24
 * bytes), the UUID (16), the image length (8, little-endian),
 * BLAKE2b-512 of the image (64), the key slots as written in the header
 * (1536) and the recipients' public keys from chunk 0 (256): whoever can
 * open a bundle cannot re-address it (add, change or replace a slot)
 * without breaking the patient's signature, and a therapist's identity
 * opens it only from the slot the signature names it for.  Bundles of
 * the first version (a 104-byte chunk 0, the signature over the first
 * four parts only) are refused.  The file is exactly as long as the image
 * length says: anything missing or added is refused.  The signer's key is
 * inside the encryption, so bundles from one patient cannot be linked by
 * someone who cannot open them.
 */
#include "config.h"

#include "tend/share.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "share/share-int.h"
#include "tend/err.h"
#include "tend/fileio.h"
#include "tend/progress.h"

#define CHUNK 65536
#define RCPT_LEN (HDR_SLOTS * 32)
#define FIRST_LEN (32 + 64 + 8 + RCPT_LEN)
#define FIRST_LEN_V1 (32 + 64 + 8)
#define SLOTS_OFF 128
#define SLOTS_LEN (HDR_SLOTS * HDR_SLOT_SIZE)
#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES
#define SSHEADER crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define PAYLOAD_OFF (2 * HDR_COPY)
#define IMAGE_MAX ((size_t)1 << 30)
#define BUNDLE_MAX (IMAGE_MAX + ((IMAGE_MAX / CHUNK) + 2) * ABYTES + 8192)

static const unsigned char sig_domain[24] = "tend bundle signature v2";

static size_t
chunks(size_t len)
{
	return (len + CHUNK - 1) / CHUNK;
}

static size_t
bundle_size(size_t len)
{
	return PAYLOAD_OFF + SSHEADER + FIRST_LEN + ABYTES +
	    chunks(len) * ABYTES + len;
}

static void
put64(unsigned char *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* The signed message: domain, UUID, length, BLAKE2b-512 of the image,
 * the key slots as encoded in the header, the recipients' keys. */
#define SIGMSG_LEN (24 + 16 + 8 + 64 + SLOTS_LEN + RCPT_LEN)
static void
sig_message(const unsigned char uuid[16], const unsigned char *img,
    size_t len, const unsigned char *header, const unsigned char *rcpt,
    unsigned char m[SIGMSG_LEN])
{
	memcpy(m, sig_domain, sizeof sig_domain);
	memcpy(m + 24, uuid, 16);
	put64(m + 40, len);
	crypto_generichash(m + 48, 64, img, len, NULL, 0);
	memcpy(m + 112, header + SLOTS_OFF, SLOTS_LEN);
	memcpy(m + 112 + SLOTS_LEN, rcpt, RCPT_LEN);
}

static void
vault_signer_sign(void *arg, const unsigned char *m, size_t n,
    unsigned char sig[64])
{
	vault_sign(arg, m, n, sig);
}

void
share_vault_signer(struct vault *v, struct share_signer *out)
{
	vault_sign_public(v, out->pk);
	out->sign = vault_signer_sign;
	out->arg = v;
}

/* Fill the key slots of h for to; 0 or -1. */
static int
set_slots(struct header *h, const struct keys *k, const struct share_to *to,
    unsigned char rcpt[RCPT_LEN], struct err *e)
{
	size_t i, n = to->nkeys + (to->pass != NULL);

	if (n == 0)
		return err_set(e, "a bundle needs someone who can open it: a "
		    "therapist's key or a share passphrase");
	if (n > HDR_SLOTS)
		return err_set(e, "a bundle can be opened by at most %d "
		    "therapists and passphrases together", HDR_SLOTS);
	for (i = 0; i < to->nkeys; i++) {
		h->slot[i].type = SLOT_RECIPIENT;
		memcpy(rcpt + 32 * i, to->keys[i], 32);
		if (crypto_box_seal(h->slot[i].sealed, k->dek, KEY_LEN,
		    to->keys[i]) != 0)
			return err_set(e, "a therapist's key cannot be used "
			    "(it is not a valid public key)");
	}
	if (to->pass != NULL)
		return slot_set_passphrase(&h->slot[i], SLOT_SHARE_PASSPHRASE,
		    h->uuid, k->dek, to->pass, to->passlen, to->kdf, e);
	return 0;
}

/* Encrypt the image chunk by chunk into fd, after the head (header
 * copies, stream header and first chunk); 0 or -1 with errno set. */
static int
write_chunks(int fd, crypto_secretstream_xchacha20poly1305_state *st,
    const unsigned char uuid[16], const unsigned char *img, size_t len)
{
	unsigned char *buf = xmalloc(CHUNK + ABYTES);
	size_t off;
	int rc = 0;

	for (off = 0; rc == 0 && off < len; off += CHUNK) {
		size_t n = len - off < CHUNK ? len - off : CHUNK;

		crypto_secretstream_xchacha20poly1305_push(st, buf, NULL,
		    img + off, n, uuid, 16, off + n == len ?
		    crypto_secretstream_xchacha20poly1305_TAG_FINAL :
		    crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
		rc = fd_write_all(fd, buf, n + ABYTES);
		progress_at(off + n, len);
	}
	free(buf);
	return rc;
}

int
share_bundle_write(const char *path, const unsigned char *img, size_t len,
    const struct share_signer *sg, const struct share_to *to, struct err *e)
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char first[FIRST_LEN], m[SIGMSG_LEN];
	unsigned char head[PAYLOAD_OFF + SSHEADER + FIRST_LEN + ABYTES], *p;
	struct keys *k;
	struct header h;
	char *tmp = NULL;
	int rc = -1, fd = -1;

	if (len == 0 || len > IMAGE_MAX)
		return err_set(e, "the journal is too large to share in one "
		    "bundle");
	k = sealed_keys_new();
	sealed_header(&h, HDR_KIND_BUNDLE);
	crypto_kdf_keygen(k->dek);
	keys_derive(k);
	memset(first, 0, sizeof first);
	if (set_slots(&h, k, to, first + 104, e) != 0)
		goto done;
	sealed_encode(&h, k, head);
	p = head + PAYLOAD_OFF;
	crypto_secretstream_xchacha20poly1305_init_push(&st, p, k->page);
	p += SSHEADER;
	sig_message(h.uuid, img, len, head, first + 104, m);
	memcpy(first, sg->pk, 32);
	sg->sign(sg->arg, m, sizeof m, first + 32);
	put64(first + 96, len);
	crypto_secretstream_xchacha20poly1305_push(&st, p, NULL, first,
	    sizeof first, h.uuid, sizeof h.uuid,
	    crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
	/* Written straight to a temporary file beside path, one chunk at a
	 * time, so only the image itself is in memory. */
	if ((fd = file_tmp_beside(path, &tmp, e)) < 0)
		goto done;
	if (fd_write_all(fd, head, sizeof head) != 0 ||
	    write_chunks(fd, &st, h.uuid, img, len) != 0 || fsync(fd) != 0) {
		err_set(e, "cannot write %s: %s", path, strerror(errno));
		goto done;
	}
	if (lseek(fd, 0, SEEK_CUR) != (off_t)bundle_size(len))
		fatal("share: bundle size miscounted");
	if (close(fd) != 0) {
		fd = -1;
		err_set(e, "cannot write %s: %s", path, strerror(errno));
		goto done;
	}
	fd = -1;
	rc = file_commit_tmp(tmp, path, 1, e);
	free(tmp);
	tmp = NULL;
done:
	if (fd >= 0)
		close(fd);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	sodium_memzero(&st, sizeof st);
	sodium_memzero(first, sizeof first);
	sodium_memzero(head, sizeof head);
	sealed_keys_free(k);
	return rc;
}

/* Find a slot that opens with id or pass: its index with k->dek set, or
 * -1. */
static int
open_slot(const char *path, const struct header *h,
    const struct share_identity *id, const char *pass, size_t passlen,
    struct keys *k, struct err *e)
{
	int i, recipients = 0, passes = 0;

	for (i = 0; i < HDR_SLOTS; i++) {
		const struct hdr_slot *s = &h->slot[i];

		if (s->type == SLOT_RECIPIENT) {
			recipients++;
			if (id != NULL && crypto_box_seal_open(k->dek,
			    s->sealed, sizeof s->sealed, id->pk, id->sk) == 0)
				return i;
		} else if (s->type == SLOT_SHARE_PASSPHRASE) {
			passes++;
			if (pass == NULL)
				continue;
			if (slot_open_passphrase(s, h->uuid, pass, passlen,
			    k->dek, e) == 0)
				return i;
			if (strcmp(e->msg, "wrong passphrase") != 0)
				return err_prefix(e, "cannot open %s", path);
		}
	}
	if (pass != NULL && passes == 0)
		return err_set(e, "cannot open %s: it has no share passphrase",
		    path);
	if (pass != NULL)
		return err_set(e, "cannot open %s: wrong share passphrase",
		    path);
	if (recipients == 0)
		return err_set(e, "cannot open %s: it opens only with its share "
		    "passphrase (--share-passphrase-file)", path);
	return err_set(e, "cannot open %s: it was not made for your identity "
	    "(or it was changed)", path);
}

/* The signed recipients agree with the slots and name the identity that
 * opened slot `slot` (pass NULL); 0 or -1. */
static int
check_recipients(const char *path, const struct header *h,
    const unsigned char *rcpt, int slot, const struct share_identity *id,
    struct err *e)
{
	static const unsigned char zero[32];
	int i;

	for (i = 0; i < HDR_SLOTS; i++)
		if ((h->slot[i].type == SLOT_RECIPIENT) !=
		    (sodium_memcmp(rcpt + 32 * i, zero, 32) != 0))
			return err_set(e, "cannot open %s: its list of "
			    "recipients does not match its key slots", path);
	if (id != NULL && sodium_memcmp(rcpt + 32 * slot, id->pk, 32) != 0)
		return err_set(e, "cannot open %s: its signature names other "
		    "recipients than your identity, so someone passed it on "
		    "to you; ask your patient for a bundle made for you",
		    path);
	return 0;
}

int
share_bundle_open(const char *path, const struct share_identity *id,
    const char *pass, size_t passlen, struct share_bundle **out,
    struct err *e)
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char first[FIRST_LEN], m[SIGMSG_LEN], tag;
	unsigned char *buf, *img = NULL;
	const unsigned char *p;
	struct share_bundle *b;
	struct keys *k;
	struct header h;
	size_t n, len = 0, off, i;
	int rc = -1, slot;

	*out = NULL;
	if (sealed_read(path, HDR_KIND_BUNDLE, "bundle", BUNDLE_MAX, &buf, &n,
	    &h, e) != 0)
		return -1;
	k = sealed_keys_new();
	if ((slot = open_slot(path, &h, id, pass, passlen, k, e)) < 0)
		goto done;
	keys_derive(k);
	if (!hdr_mac_ok(buf, k->mac)) {
		err_set(e, "cannot open %s: its header was changed after it was "
		    "written", path);
		goto done;
	}
	if (n < PAYLOAD_OFF + SSHEADER + FIRST_LEN_V1 + ABYTES) {
		err_set(e, "cannot open %s: the bundle is cut short", path);
		goto done;
	}
	p = buf + PAYLOAD_OFF;
	if (crypto_secretstream_xchacha20poly1305_init_pull(&st, p,
	    k->page) != 0)
		goto changed;
	p += SSHEADER;
	if (n < bundle_size(1) - 1 - ABYTES ||
	    crypto_secretstream_xchacha20poly1305_pull(&st, first, NULL, &tag,
	    p, FIRST_LEN + ABYTES, h.uuid, sizeof h.uuid) != 0 ||
	    tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
		/* A bundle of the first version opens with a shorter first
		 * message; its signature says nothing of its recipients. */
		crypto_secretstream_xchacha20poly1305_init_pull(&st,
		    buf + PAYLOAD_OFF, k->page);
		if (crypto_secretstream_xchacha20poly1305_pull(&st, first,
		    NULL, &tag, p, FIRST_LEN_V1 + ABYTES, h.uuid,
		    sizeof h.uuid) == 0) {
			err_set(e, "cannot open %s: it was made by an older tend "
			    "whose signature does not say who it is for; ask "
			    "your patient to export it again", path);
			goto done;
		}
		if (n < bundle_size(1) - 1 - ABYTES) {
			err_set(e, "cannot open %s: the bundle is cut short",
			    path);
			goto done;
		}
		goto changed;
	}
	p += FIRST_LEN + ABYTES;
	len = (size_t)get64(first + 96);
	if (len == 0 || len > IMAGE_MAX)
		goto changed;
	if (n < bundle_size(len)) {
		err_set(e, "cannot open %s: the bundle is cut short", path);
		goto done;
	}
	if (n > bundle_size(len)) {
		err_set(e, "cannot open %s: the bundle has bytes added at its "
		    "end", path);
		goto done;
	}
	img = xmalloc(len);
	for (off = 0; off < len; off += CHUNK) {
		size_t c = len - off < CHUNK ? len - off : CHUNK;
		unsigned char want = off + c == len ?
		    crypto_secretstream_xchacha20poly1305_TAG_FINAL :
		    crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;

		if (crypto_secretstream_xchacha20poly1305_pull(&st, img + off,
		    NULL, &tag, p, c + ABYTES, h.uuid, sizeof h.uuid) != 0 ||
		    tag != want)
			goto changed;
		p += c + ABYTES;
		progress_at(off + c, len);
	}
	sig_message(h.uuid, img, len, buf, first + 104, m);
	if (crypto_sign_verify_detached(first + 32, m, sizeof m, first) != 0) {
		err_set(e, "cannot open %s: its signature does not match its "
		    "contents, so it cannot be trusted", path);
		goto done;
	}
	if (check_recipients(path, &h, first + 104, slot,
	    h.slot[slot].type == SLOT_RECIPIENT ? id : NULL, e) != 0)
		goto done;
	b = xcalloc(1, sizeof *b);
	b->img = img;
	b->len = len;
	img = NULL;
	memcpy(b->signer, first, 32);
	memcpy(b->uuid, h.uuid, 16);
	b->created = (time_t)h.created;
	for (i = 0; i < HDR_SLOTS; i++) {
		if (h.slot[i].type == SLOT_RECIPIENT)
			memcpy(b->recipients[b->nrecipients++],
			    first + 104 + 32 * i, 32);
		else if (h.slot[i].type == SLOT_SHARE_PASSPHRASE)
			b->passphrase_slot = 1;
	}
	b->named = h.slot[slot].type == SLOT_RECIPIENT;
	*out = b;
	rc = 0;
	goto done;
changed:
	err_set(e, "cannot open %s: its contents were changed or damaged",
	    path);
done:
	if (img != NULL) {
		sodium_memzero(img, len);
		free(img);
	}
	sodium_memzero(&st, sizeof st);
	sodium_memzero(first, sizeof first);
	sealed_keys_free(k);
	free(buf);
	return rc;
}

void
share_bundle_free(struct share_bundle *b)
{
	if (b == NULL)
		return;
	sodium_memzero(b->img, b->len);
	free(b->img);
	free(b);
}
