/*
 * hostile-bundle.c: makes the bundles an attacker could make, for
 * tests/cli/hostile.sh.  Not a test itself.
 *
 *   hostile-bundle image VAULT PASSFILE OUT
 *       the journal's whole export image (every entry) into OUT
 *   hostile-bundle sign IMAGE KEY OUT [SQL]
 *       run SQL on a copy of IMAGE (any change at all, schema included),
 *       set its export_fingerprint to a throwaway journal key's and write
 *       a bundle for the therapist KEY (tend1...), signed with that key
 *   hostile-bundle readdress BUNDLE IDENTITY PASSFILE KEY OUT
 *       open BUNDLE with the identity, seal its key to KEY in the slot
 *       that opened, and write the result with a valid header (MAC and
 *       checksums) and the original payload and signature
 *
 * Exit 0, or 1 with a line on stderr.
 */
#include "config.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "share/share-int.h"
#include "store/store-int.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/header.h"
#include "tend/share.h"
#include "tend/store.h"
#include "tend/vault.h"

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "hostile-bundle: %s: %s\n", what, why);
	exit(1);
}

/* The first line of a file, without its newline (static). */
static const char *
read_pass(const char *path, size_t *len)
{
	static char buf[256];
	FILE *f = fopen(path, "r");

	if (f == NULL || fgets(buf, sizeof buf, f) == NULL)
		die(path, "cannot read the passphrase");
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	*len = strlen(buf);
	return buf;
}

static int
cmd_image(char **argv)
{
	struct export_scope sc = { 0, 0, 1 };
	struct export_meta m = { NULL, "XXXX-XXXX-XXXX-XXXX", "test", 0 };
	struct vault *v;
	struct store *s;
	struct err e;
	unsigned char *img;
	size_t len, plen;
	const char *pass = read_pass(argv[1], &plen);

	if (vault_open(argv[0], pass, plen, 0, &v, &e) != 0 ||
	    store_open(v, &s, &e) != 0 ||
	    store_export_image(s, &sc, &m, &img, &len, &e) != 0)
		die(argv[0], e.msg);
	store_close(s);
	vault_close(v);
	if (test_spit(argv[2], img, len) != 0)
		die(argv[2], "cannot write");
	free(img);
	return 0;
}

struct throwaway {
	unsigned char sk[64];
};

static void
throwaway_sign(void *arg, const unsigned char *m, size_t n,
    unsigned char sig[64])
{
	struct throwaway *t = arg;

	crypto_sign_detached(sig, NULL, m, n, t->sk);
}

static int
cmd_sign(int argc, char **argv)
{
	struct throwaway t;
	struct share_signer sg;
	struct share_to to;
	unsigned char pk[32], (*keys)[32] = &pk, *img, *ser, *copy;
	char fpr[SHARE_FPR_CHARS], *sql;
	sqlite3_int64 n = 0;
	sqlite3 *db;
	struct err e;
	size_t len;

	if ((img = test_slurp(argv[0], &len)) == NULL)
		die(argv[0], "cannot read");
	if (share_key_parse(argv[1], pk, &e) != 0)
		die(argv[1], e.msg);
	crypto_sign_keypair(sg.pk, t.sk);
	sg.sign = throwaway_sign;
	sg.arg = &t;
	share_fingerprint(sg.pk, fpr);
	if ((copy = sqlite3_malloc64(len)) == NULL)
		die("sqlite", "out of memory");
	memcpy(copy, img, len);
	free(img);
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_MEMORY, NULL) != SQLITE_OK ||
	    sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len,
	    (sqlite3_int64)len, SQLITE_DESERIALIZE_FREEONCLOSE |
	    SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
		die(argv[0], "not a database");
	/* The indexes' tokenizer, for SQL that touches indexed rows. */
	store_fts_register(db);
	if (argc > 3 && sqlite3_exec(db, argv[3], NULL, NULL, NULL) !=
	    SQLITE_OK)
		die("the SQL", sqlite3_errmsg(db));
	sql = sqlite3_mprintf("UPDATE meta SET value = %Q WHERE key = "
	    "'export_fingerprint'", fpr);
	/* An image whose meta is gone stays without it. */
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if ((ser = sqlite3_serialize(db, "main", &n, 0)) == NULL)
		die("sqlite", "cannot serialize");
	sqlite3_close(db);
	memset(&to, 0, sizeof to);
	to.keys = (const unsigned char (*)[32])keys;
	to.nkeys = 1;
	if (share_bundle_write(argv[2], ser, (size_t)n, &sg, &to, &e) != 0)
		die(argv[2], e.msg);
	sqlite3_free(ser);
	sodium_memzero(&t, sizeof t);
	return 0;
}

static int
cmd_readdress(char **argv)
{
	struct share_identity *id;
	struct keys *k = sealed_keys_new();
	struct header h;
	struct err e;
	unsigned char pk[32], *buf;
	size_t n, plen;
	const char *pass = read_pass(argv[2], &plen);
	int i, which, other_bad;

	if (share_identity_open(argv[1], pass, plen, &id, &e) != 0)
		die(argv[1], e.msg);
	if (share_key_parse(argv[3], pk, &e) != 0)
		die(argv[3], e.msg);
	if ((buf = test_slurp(argv[0], &n)) == NULL || n < 2 * HDR_COPY)
		die(argv[0], "cannot read");
	if (hdr_pick(buf, HDR_KIND_BUNDLE, &h, &which, &other_bad, &e) != 0)
		die(argv[0], e.msg);
	for (i = 0; i < HDR_SLOTS; i++)
		if (h.slot[i].type == SLOT_RECIPIENT &&
		    crypto_box_seal_open(k->dek, h.slot[i].sealed,
		    sizeof h.slot[i].sealed, id->pk, id->sk) == 0)
			break;
	if (i == HDR_SLOTS)
		die(argv[0], "no slot opens with the identity");
	crypto_box_seal(h.slot[i].sealed, k->dek, KEY_LEN, pk);
	keys_derive(k);
	sealed_encode(&h, k, buf);
	if (test_spit(argv[4], buf, n) != 0)
		die(argv[4], "cannot write");
	share_identity_free(id);
	sealed_keys_free(k);
	free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	test_init();
	if (argc == 5 && strcmp(argv[1], "image") == 0)
		return cmd_image(argv + 2);
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "sign") == 0)
		return cmd_sign(argc - 2, argv + 2);
	if (argc == 7 && strcmp(argv[1], "readdress") == 0)
		return cmd_readdress(argv + 2);
	fputs("usage: hostile-bundle image VAULT PASSFILE OUT\n"
	    "       hostile-bundle sign IMAGE KEY OUT [SQL]\n"
	    "       hostile-bundle readdress BUNDLE IDENTITY PASSFILE KEY "
	    "OUT\n", stderr);
	return 2;
}
