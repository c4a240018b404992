/*
 * identity.c: a therapist's key pair in its own small file.
 *
 * The file is two identical header copies of kind 3 and nothing else:
 * key slot 0 wraps a random data key under the passphrase (Argon2id, as
 * in a vault); the X25519 secret key is sealed in the header's signing-
 * seed box under the data key's signing subkey; the public key sits in
 * the header's public-key field, readable without the passphrase (only
 * the checksum protects it there; opening with the passphrase also checks
 * the MAC and that the secret key gives this public key).
 */
#include "config.h"

#include "tend/share.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "share/share-int.h"
#include "tend/err.h"
#include "tend/fileio.h"

#define IDENTITY_SIZE (2 * HDR_COPY)

char *
share_identity_default_path(void)
{
	char *dir = path_data_dir();
	char *p = xasprintf("%s/identity.tend", dir);

	free(dir);
	return p;
}

int
share_identity_create(const char *path, const char *pass, size_t len,
    enum vault_kdf kdf, unsigned char pk[32], struct err *e)
{
	unsigned char *sk;
	struct keys *k;
	struct header h;
	char *dir;
	int rc;

	if (len == 0)
		return err_set(e, "the passphrase is empty");
	if (access(path, F_OK) == 0)
		return err_set(e, "an identity already exists at %s; tend "
		    "never replaces one (tend identity show prints its key)",
		    path);
	dir = path_dirname(path);
	rc = dir_ensure(dir, e);
	free(dir);
	if (rc != 0)
		return -1;
	k = sealed_keys_new();
	sk = sodium_malloc(32);
	if (sk == NULL)
		fatal("out of memory");
	sealed_header(&h, HDR_KIND_IDENTITY);
	crypto_kdf_keygen(k->dek);
	keys_derive(k);
	crypto_box_keypair(pk, sk);
	memcpy(h.pub, pk, 32);
	sign_seed_seal(&h, k, sk);
	rc = slot_set_passphrase(&h.slot[0], SLOT_PASSPHRASE, h.uuid, k->dek,
	    pass, len, kdf, e);
	if (rc == 0) {
		unsigned char buf[IDENTITY_SIZE];

		sealed_encode(&h, k, buf);
		rc = file_write_atomic(path, buf, sizeof buf, 0600, 1, e);
	}
	sodium_free(sk);
	sealed_keys_free(k);
	sodium_memzero(&h, sizeof h);
	return rc;
}

int
share_identity_public(const char *path, unsigned char pk[32], struct err *e)
{
	unsigned char *buf;
	struct header h;
	size_t len;

	if (sealed_read(path, HDR_KIND_IDENTITY, "identity", IDENTITY_SIZE,
	    &buf, &len, &h, e) != 0)
		return -1;
	free(buf);
	if (len != IDENTITY_SIZE)
		return err_set(e, "cannot open %s: an identity file is %d "
		    "bytes long", path, IDENTITY_SIZE);
	memcpy(pk, h.pub, 32);
	return 0;
}

int
share_identity_open(const char *path, const char *pass, size_t len,
    struct share_identity **out, struct err *e)
{
	struct share_identity *id;
	unsigned char *buf, check[32];
	struct keys *k;
	struct header h;
	size_t n;
	int i, rc = -1, tried = 0;

	*out = NULL;
	if (sealed_read(path, HDR_KIND_IDENTITY, "identity", IDENTITY_SIZE,
	    &buf, &n, &h, e) != 0)
		return -1;
	if (n != IDENTITY_SIZE) {
		free(buf);
		return err_set(e, "cannot open %s: an identity file is %d "
		    "bytes long", path, IDENTITY_SIZE);
	}
	k = sealed_keys_new();
	for (i = 0; i < HDR_SLOTS && rc != 0; i++) {
		if (h.slot[i].type != SLOT_PASSPHRASE)
			continue;
		tried = 1;
		rc = slot_open_passphrase(&h.slot[i], h.uuid, pass, len, k->dek,
		    e);
		if (rc != 0 && strcmp(e->msg, "wrong passphrase") != 0)
			break;
	}
	if (rc != 0) {
		if (!tried)
			err_set(e, "cannot open %s: it has no passphrase slot",
			    path);
		else if (strcmp(e->msg, "wrong passphrase") == 0)
			err_set(e, "wrong passphrase for the identity %s", path);
		goto done;
	}
	rc = -1;
	keys_derive(k);
	if (!hdr_mac_ok(buf, k->mac)) {
		err_set(e, "cannot open %s: its header was changed after it "
		    "was written", path);
		goto done;
	}
	id = xcalloc(1, sizeof *id);
	id->sk = sodium_malloc(32);
	if (id->sk == NULL)
		fatal("out of memory");
	memcpy(id->pk, h.pub, 32);
	if (sign_seed_open(&h, k, id->sk) != 0 ||
	    crypto_scalarmult_base(check, id->sk) != 0 ||
	    sodium_memcmp(check, id->pk, 32) != 0) {
		share_identity_free(id);
		err_set(e, "cannot open %s: its keys do not belong together",
		    path);
		goto done;
	}
	*out = id;
	rc = 0;
done:
	sealed_keys_free(k);
	sodium_memzero(&h, sizeof h);
	free(buf);
	return rc;
}

void
share_identity_free(struct share_identity *id)
{
	if (id == NULL)
		return;
	if (id->sk != NULL)
		sodium_free(id->sk);
	free(id);
}
