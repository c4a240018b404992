/*
 * witness.c: the rollback witness (see witness.h).
 *
 * File (48 bytes): "TENDWIT1" (8), generation (8, little-endian), MAC (32):
 * BLAKE2b-256 keyed with subkey 4 "tendwitn" of the data key over
 * "TENDWIT1" || UUID (16) || generation (8).  Name: 32 hex digits of
 * BLAKE2b-128 keyed the same way over "tend witness name" || UUID.
 */
#include "config.h"

#include "vault/witness.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/err.h"
#include "tend/fileio.h"

static const unsigned char magic[8] = "TENDWIT1";

/* The witness key, in guarded memory (sodium_free it). */
static unsigned char *
witness_key(const unsigned char dek[32])
{
	unsigned char *k = sodium_malloc(32);

	if (k == NULL)
		fatal("out of memory");
	crypto_kdf_derive_from_key(k, 32, 4, "tendwitn", dek);
	return k;
}

static void
witness_mac(const unsigned char *key, const unsigned char uuid[16],
    const unsigned char gen[8], unsigned char mac[32])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, key, 32, 32);
	crypto_generichash_update(&st, magic, sizeof magic);
	crypto_generichash_update(&st, uuid, 16);
	crypto_generichash_update(&st, gen, 8);
	crypto_generichash_final(&st, mac, 32);
	sodium_memzero(&st, sizeof st);
}

char *
witness_path(const unsigned char dek[32], const unsigned char uuid[16])
{
	static const char label[] = "tend witness name";
	unsigned char *key = witness_key(dek);
	unsigned char in[sizeof label - 1 + 16], name[16];
	char hex[2 * sizeof name + 1];
	char *dir, *path;

	memcpy(in, label, sizeof label - 1);
	memcpy(in + sizeof label - 1, uuid, 16);
	crypto_generichash(name, sizeof name, in, sizeof in, key, 32);
	sodium_free(key);
	sodium_bin2hex(hex, sizeof hex, name, sizeof name);
	dir = path_state_dir();
	path = xasprintf("%s/%s.witness", dir, hex);
	free(dir);
	return path;
}

int
witness_load(const unsigned char dek[32], const unsigned char uuid[16],
    uint64_t *gen)
{
	char *path = witness_path(dek, uuid);
	char *buf = NULL;
	size_t n = 0;
	struct err e;
	int ok = 0;

	*gen = 0;
	if (file_read_all(path, &buf, &n, 4096, &e) != 0) {
		free(path);
		return 0;
	}
	free(path);
	if (n == WITNESS_SIZE && memcmp(buf, magic, sizeof magic) == 0) {
		const unsigned char *p = (const unsigned char *)buf;
		unsigned char *key = witness_key(dek), mac[32];

		witness_mac(key, uuid, p + 8, mac);
		sodium_free(key);
		if (sodium_memcmp(mac, p + 16, 32) == 0) {
			int i;

			for (i = 7; i >= 0; i--)
				*gen = *gen << 8 | p[8 + i];
			ok = 1;
		}
	}
	free(buf);
	return ok;
}

int
witness_store(const unsigned char dek[32], const unsigned char uuid[16],
    uint64_t gen)
{
	char *path = witness_path(dek, uuid);
	char *dir = path_dirname(path);
	unsigned char buf[WITNESS_SIZE], *key;
	struct err e;
	int i, rc = -1;

	memcpy(buf, magic, sizeof magic);
	for (i = 0; i < 8; i++)
		buf[8 + i] = (unsigned char)(gen >> (8 * i));
	key = witness_key(dek);
	witness_mac(key, uuid, buf + 8, buf + 16);
	sodium_free(key);
	if (dir_ensure(dir, &e) == 0 &&
	    file_write_atomic(path, buf, sizeof buf, 0600, 0, &e) == 0)
		rc = 0;
	free(dir);
	free(path);
	return rc;
}
