/*
 * test-share.c: keys as text, fingerprints, the share-passphrase words,
 * identity files, bundles and the known-patients file.
 *
 * Bundles are checked below the command line where the shell cannot
 * reach: a signer whose signature does not match the key it names, a
 * header changed in both copies with a valid checksum (the MAC must catch
 * it), chunks swapped, chunk-sized images, eight recipients.
 */
#include "config.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "testutil.h"
#include "vtest.h"
#include "tend/err.h"
#include "share/share-int.h"
#include "tend/header.h"
#include "tend/share.h"

/* A signer with its own Ed25519 key; liar signs with another key. */
struct test_signer {
	unsigned char sk[64], other_sk[64];
	int liar;
};

static void
test_sign(void *arg, const unsigned char *m, size_t n, unsigned char sig[64])
{
	struct test_signer *t = arg;

	crypto_sign_detached(sig, NULL, m, n, t->liar ? t->other_sk : t->sk);
}

static void
check_words(void)
{
	char w[SHARE_PASSPHRASE_MAX], typed[80];
	size_t i, j, n;
	int sorted = 1, shape = 1, count = 0, inlist = 1;

	for (i = 0; i < share_nwords; i++) {
		const char *s = share_words[i];

		if (i > 0 && strcmp(share_words[i - 1], s) >= 0)
			sorted = 0;
		n = strlen(s);
		if (n < 3 || n > 8)
			shape = 0;
		for (j = 0; j < n; j++)
			if (s[j] < 'a' || s[j] > 'z')
				shape = 0;
	}
	ok(sorted, "the word list is sorted without duplicates");
	ok(shape, "every word is 3-8 lower-case letters");
	ok(share_nwords >= 1024, "at least 1024 words, so six carry at least "
	    "60 bits (%zu)", share_nwords);
	share_passphrase_new(w);
	{
		char *p = w, *sp;

		do {
			sp = strchr(p, ' ');
			n = sp ? (size_t)(sp - p) : strlen(p);
			for (i = 0; i < share_nwords; i++)
				if (strlen(share_words[i]) == n &&
				    strncmp(share_words[i], p, n) == 0)
					break;
			if (i == share_nwords)
				inlist = 0;
			count++;
			p = sp + 1;
		} while (sp != NULL);
	}
	ok(count == 6 && inlist, "a new passphrase is six words of the list");
	snprintf(typed, sizeof typed, "  Able--ACORN.actor,\tadapt_admit  "
	    "advice\n");
	n = share_passphrase_normalize(typed, strlen(typed));
	ok(n == strlen("able acorn actor adapt admit advice") &&
	    strcmp(typed, "able acorn actor adapt admit advice") == 0,
	    "normalize: case and separators");
}

static void
check_keys(void)
{
	static const char alphabet[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
	unsigned char pk[32], sk[32], got[32];
	char key[SHARE_KEY_CHARS], bad[SHARE_KEY_CHARS + 8], f1[SHARE_FPR_CHARS],
	    f2[SHARE_FPR_CHARS];
	struct err e;
	size_t i, k, n;
	int refused = 0, tried = 0;

	crypto_box_keypair(pk, sk);
	share_key_format(pk, key);
	ok(strncmp(key, "tend1", 5) == 0 && strlen(key) == SHARE_KEY_CHARS - 1,
	    "a key is tend1 and %d characters", SHARE_KEY_CHARS - 1);
	ok(share_key_parse(key, got, &e) == 0 && memcmp(got, pk, 32) == 0,
	    "it reads back");
	snprintf(bad, sizeof bad, " %s\n", key);
	ok(share_key_parse(bad, got, &e) == 0, "surrounding space is fine");
	/* Every single-character change after the prefix. */
	n = strlen(key);
	for (i = 5; i < n; i++)
		for (k = 0; k < 32; k++) {
			if (alphabet[k] == key[i])
				continue;
			memcpy(bad, key, n + 1);
			bad[i] = alphabet[k];
			tried++;
			refused += share_key_parse(bad, got, &e) != 0;
		}
	ok(refused == tried, "every one-character change is refused (%d/%d)",
	    refused, tried);
	ok(vt_one_sentence(e.msg), "one sentence: %s", e.msg);
	share_fingerprint(pk, f1);
	share_fingerprint(pk, f2);
	ok(strlen(f1) == 19 && f1[4] == '-' && f1[9] == '-' && f1[14] == '-' &&
	    strcmp(f1, f2) == 0, "fingerprint: %s", f1);
	pk[31] ^= 1;
	share_fingerprint(pk, f2);
	ok(strcmp(f1, f2) != 0, "another key, another fingerprint");
}

/* Re-encode both header copies of a file with a change and a valid
 * checksum (under a MAC key that is not the file's). */
static void
rewrite_header(const char *from, const char *to, void (*change)(struct header *))
{
	unsigned char *buf, mac[32];
	struct header h;
	size_t n;

	buf = test_slurp(from, &n);
	hdr_decode(buf, &h);
	change(&h);
	randombytes_buf(mac, sizeof mac);
	hdr_encode(&h, mac, buf);
	memcpy(buf + HDR_COPY, buf, HDR_COPY);
	test_spit(to, buf, n);
	free(buf);
}

static void
change_created(struct header *h)
{
	h->created++;
}

static void
change_pub(struct header *h)
{
	h->pub[0] ^= 1;
}

static void
change_slot(struct header *h)
{
	h->slot[0].sealed[10] ^= 1;
}

/* Key derivation limits tend never writes: 4 GiB and 100 passes, in
 * whichever slot asks for a passphrase. */
static void
change_kdf(struct header *h)
{
	int i;

	for (i = 0; i < HDR_SLOTS; i++)
		if (h->slot[i].type == SLOT_SHARE_PASSPHRASE ||
		    h->slot[i].type == SLOT_PASSPHRASE) {
			h->slot[i].opslimit = 100;
			h->slot[i].memlimit = 4ull << 30;
		}
}

/* Just past the sensitive profile: 1 GiB and 5 passes (a tend that
 * derived it would spend seconds and a gigabyte before saying no). */
static void
change_passes(struct header *h)
{
	int i;

	for (i = 0; i < HDR_SLOTS; i++)
		if (h->slot[i].type == SLOT_SHARE_PASSPHRASE) {
			h->slot[i].profile = VAULT_KDF_SENSITIVE;
			h->slot[i].opslimit = 5;
			h->slot[i].memlimit = 1ull << 30;
		}
}

/* A profile's number with another profile's limits. */
static void
change_profile(struct header *h)
{
	int i;

	for (i = 0; i < HDR_SLOTS; i++)
		if (h->slot[i].type == SLOT_SHARE_PASSPHRASE)
			h->slot[i].profile = VAULT_KDF_SENSITIVE;
}

/* The share-passphrase slot again in the last place. */
static void
second_passphrase(struct header *h)
{
	int i;

	for (i = 0; i < HDR_SLOTS; i++)
		if (h->slot[i].type == SLOT_SHARE_PASSPHRASE)
			h->slot[HDR_SLOTS - 1] = h->slot[i];
}

/* A bundle as the first bundle format wrote it: a 104-byte chunk 0 and
 * the signature over domain v1, UUID, length and image hash only (one
 * chunk of image, len <= 65536). */
static void
write_v1(const char *path, const unsigned char *img, size_t len,
    const unsigned char sk[64], const unsigned char signer[32],
    const unsigned char rcpt[32])
{
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char first[104], m[112], *out, *p;
	struct keys *k = sealed_keys_new();
	struct header h;
	size_t total = 4096 + 24 + 104 + 17 + len + 17;
	int i;

	sealed_header(&h, HDR_KIND_BUNDLE);
	crypto_kdf_keygen(k->dek);
	keys_derive(k);
	h.slot[0].type = SLOT_RECIPIENT;
	crypto_box_seal(h.slot[0].sealed, k->dek, KEY_LEN, rcpt);
	out = calloc(1, total);
	sealed_encode(&h, k, out);
	p = out + 4096;
	crypto_secretstream_xchacha20poly1305_init_push(&st, p, k->page);
	p += 24;
	memcpy(m, "tend bundle signature v1", 24);
	memcpy(m + 24, h.uuid, 16);
	for (i = 0; i < 8; i++)
		m[40 + i] = (unsigned char)((uint64_t)len >> (8 * i));
	crypto_generichash(m + 48, 64, img, len, NULL, 0);
	memcpy(first, signer, 32);
	crypto_sign_detached(first + 32, NULL, m, sizeof m, sk);
	memcpy(first + 96, m + 40, 8);
	crypto_secretstream_xchacha20poly1305_push(&st, p, NULL, first,
	    sizeof first, h.uuid, 16,
	    crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
	p += sizeof first + 17;
	crypto_secretstream_xchacha20poly1305_push(&st, p, NULL, img, len,
	    h.uuid, 16, crypto_secretstream_xchacha20poly1305_TAG_FINAL);
	test_spit(path, out, total);
	free(out);
	sealed_keys_free(k);
}

/* Seconds of wall time since t0. */
static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

int
main(void)
{
	struct share_identity *id, *id2, *id3;
	struct share_bundle *b;
	struct test_signer ts;
	struct share_signer sg;
	struct share_to to;
	unsigned char pk[32], pk2[32], keys[9][32], *img, *buf;
	char path[512], fpr[SHARE_FPR_CHARS], before[SHARE_FPR_CHARS];
	enum share_known k;
	struct err e;
	size_t sizes[] = { 1, 65535, 65536, 65537, 3 * 65536 + 5 };
	size_t i, n;
	int allok;

	memset(&e, 0, sizeof e);
	test_init();
	check_words();
	check_keys();

	/* Identities. */
	snprintf(path, sizeof path, "%s", test_path("t/id.tend"));
	ok(share_identity_create(path, "pw", 2, VAULT_KDF_MINIMAL, pk, &e) == 0,
	    "make an identity: %s", e.msg);
	ok(share_identity_create(path, "pw", 2, VAULT_KDF_MINIMAL, pk2, &e) ==
	    -1, "never replaced: %s", e.msg);
	ok(share_identity_public(path, pk2, &e) == 0 && memcmp(pk, pk2, 32) == 0,
	    "the public key without the passphrase");
	ok(share_identity_open(path, "px", 2, &id, &e) == -1 &&
	    strstr(e.msg, "wrong passphrase") != NULL, "wrong passphrase: %s",
	    e.msg);
	ok(share_identity_open(path, "pw", 2, &id, &e) == 0 &&
	    memcmp(id->pk, pk, 32) == 0, "open it");
	rewrite_header(path, test_path("t/id-pub.tend"), change_pub);
	ok(share_identity_open(test_path("t/id-pub.tend"), "pw", 2, &id2, &e) ==
	    -1 && strstr(e.msg, "changed") != NULL,
	    "a changed public key is caught by the MAC: %s", e.msg);
	ok(share_identity_create(test_path("t/id2.tend"), "pw2", 3,
	    VAULT_KDF_MINIMAL, pk2, &e) == 0 && share_identity_open(
	    test_path("t/id2.tend"), "pw2", 3, &id2, &e) == 0,
	    "a second identity");

	/* Bundles. */
	crypto_sign_keypair(sg.pk, ts.sk);
	crypto_sign_keypair(pk2, ts.other_sk);
	ts.liar = 0;
	sg.sign = test_sign;
	sg.arg = &ts;
	memset(&to, 0, sizeof to);
	memcpy(keys[0], id->pk, 32);
	to.keys = (const unsigned char (*)[32])keys;
	to.nkeys = 1;
	allok = 1;
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		char p[512];

		img = malloc(sizes[i]);
		randombytes_buf(img, sizes[i]);
		snprintf(p, sizeof p, "%s/b%zu.tend", test_dir(), i);
		if (share_bundle_write(p, img, sizes[i], &sg, &to, &e) != 0 ||
		    share_bundle_open(p, id, NULL, 0, &b, &e) != 0 ||
		    b->len != sizes[i] || memcmp(b->img, img, sizes[i]) != 0 ||
		    memcmp(b->signer, sg.pk, 32) != 0) {
			allok = 0;
			tap_diag("size %zu: %s", sizes[i], e.msg);
		} else
			share_bundle_free(b);
		free(img);
	}
	ok(allok, "images of 1, 64 KiB +-1 and 3 chunks round-trip");
	ok(share_bundle_open(test_path("b4.tend"), id2, NULL, 0, &b, &e) == -1,
	    "another identity cannot open it: %s", e.msg);

	/* Chunks swapped: two full chunks of the 3-chunk bundle. */
	buf = test_slurp(test_path("b4.tend"), &n);
	{
		size_t c0 = 4096 + 24 + 360 + 17, cl = 65536 + 17;
		unsigned char *tmp = malloc(cl);

		memcpy(tmp, buf + c0, cl);
		memmove(buf + c0, buf + c0 + cl, cl);
		memcpy(buf + c0 + cl, tmp, cl);
		free(tmp);
	}
	test_spit(test_path("swapped.tend"), buf, n);
	free(buf);
	ok(share_bundle_open(test_path("swapped.tend"), id, NULL, 0, &b, &e) ==
	    -1, "swapped chunks are refused: %s", e.msg);

	/* A signature that does not match the key it names. */
	img = malloc(5000);
	randombytes_buf(img, 5000);
	ts.liar = 1;
	ok(share_bundle_write(test_path("liar.tend"), img, 5000, &sg, &to,
	    &e) == 0, "a bundle with a bad signature");
	ok(share_bundle_open(test_path("liar.tend"), id, NULL, 0, &b, &e) == -1 &&
	    strstr(e.msg, "signature") != NULL, "is refused: %s", e.msg);
	ts.liar = 0;

	/* The header changed in both copies with a valid checksum. */
	ok(share_bundle_write(test_path("h.tend"), img, 5000, &sg, &to, &e) == 0,
	    "a bundle");
	rewrite_header(test_path("h.tend"), test_path("h2.tend"),
	    change_created);
	ok(share_bundle_open(test_path("h2.tend"), id, NULL, 0, &b, &e) == -1 &&
	    strstr(e.msg, "header was changed") != NULL,
	    "a changed header field is caught by the MAC: %s", e.msg);
	rewrite_header(test_path("h.tend"), test_path("h3.tend"), change_slot);
	ok(share_bundle_open(test_path("h3.tend"), id, NULL, 0, &b, &e) == -1,
	    "a changed recipient slot does not open: %s", e.msg);

	/* Recipients: two identities and a passphrase; none; too many. */
	memcpy(keys[1], id2->pk, 32);
	to.nkeys = 2;
	to.pass = "able acorn actor adapt admit advice";
	to.passlen = strlen(to.pass);
	to.kdf = VAULT_KDF_MINIMAL;
	ok(share_bundle_write(test_path("m.tend"), img, 5000, &sg, &to, &e) == 0,
	    "two therapists and a passphrase");
	ok(share_bundle_open(test_path("m.tend"), id2, NULL, 0, &b, &e) == 0,
	    "the second opens it");
	ok(b->named && b->nrecipients == 2 && b->passphrase_slot &&
	    memcmp(b->recipients[0], id->pk, 32) == 0 &&
	    memcmp(b->recipients[1], id2->pk, 32) == 0,
	    "it names both therapists and the passphrase, and this identity");
	share_bundle_free(b);
	ok(share_bundle_open(test_path("m.tend"), NULL, to.pass, to.passlen, &b,
	    &e) == 0, "the passphrase opens it");
	ok(!b->named && b->nrecipients == 2,
	    "opened with the passphrase: no identity named");
	share_bundle_free(b);

	/* The first bundle format: refused, with what to do. */
	write_v1(test_path("v1.tend"), img, 5000, ts.sk, sg.pk, id->pk);
	ok(share_bundle_open(test_path("v1.tend"), id, NULL, 0, &b, &e) ==
	    -1 && strstr(e.msg, "older tend") != NULL &&
	    vt_one_sentence(e.msg), "a first-format bundle is refused: %s",
	    e.msg);

	/* Key slots tend never writes are refused before any key is
	 * derived. */
	{
		struct timespec t0;

		rewrite_header(test_path("m.tend"), test_path("kdf.tend"),
		    change_kdf);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		ok(share_bundle_open(test_path("kdf.tend"), NULL, to.pass,
		    to.passlen, &b, &e) == -1 && strstr(e.msg,
		    "4096 MiB, 100 passes") != NULL && since(&t0) < 0.5 &&
		    vt_one_sentence(e.msg), "a 4 GiB, 100-pass share "
		    "passphrase is refused at once (%.3f s): %s", since(&t0),
		    e.msg);
		ok(share_bundle_open(test_path("kdf.tend"), id, NULL, 0, &b,
		    &e) == -1 && strstr(e.msg, "key derivation") != NULL,
		    "also when opening with an identity");
		rewrite_header(test_path("m.tend"), test_path("pass5.tend"),
		    change_passes);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		ok(share_bundle_open(test_path("pass5.tend"), NULL, to.pass,
		    to.passlen, &b, &e) == -1 && strstr(e.msg,
		    "1024 MiB, 5 passes") != NULL && since(&t0) < 0.5,
		    "1 GiB with 5 passes is refused at once (%.3f s): %s",
		    since(&t0), e.msg);
		rewrite_header(test_path("m.tend"), test_path("prof.tend"),
		    change_profile);
		ok(share_bundle_open(test_path("prof.tend"), NULL, to.pass,
		    to.passlen, &b, &e) == -1 && strstr(e.msg,
		    "key derivation") != NULL,
		    "a profile that does not match its limits: %s", e.msg);
		rewrite_header(test_path("m.tend"), test_path("two.tend"),
		    second_passphrase);
		ok(share_bundle_open(test_path("two.tend"), NULL, to.pass,
		    to.passlen, &b, &e) == -1 && strstr(e.msg,
		    "more than one share-passphrase slot") != NULL,
		    "two share-passphrase slots: %s", e.msg);
		rewrite_header(path, test_path("t/id-kdf.tend"), change_kdf);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		ok(share_identity_open(test_path("t/id-kdf.tend"), "pw", 2,
		    &id3, &e) == -1 && strstr(e.msg, "key derivation") !=
		    NULL && since(&t0) < 0.5,
		    "an identity asking for 4 GiB is refused at once: %s",
		    e.msg);
	}
	ok(share_bundle_open(test_path("m.tend"), NULL, "able", 4, &b, &e) == -1
	    && strstr(e.msg, "wrong share passphrase") != NULL,
	    "a wrong passphrase: %s", e.msg);
	to.nkeys = 0;
	to.pass = NULL;
	ok(share_bundle_write(test_path("none.tend"), img, 5000, &sg, &to, &e) ==
	    -1, "nobody to open it: %s", e.msg);
	for (i = 0; i < 9; i++)
		crypto_box_keypair(keys[i], pk2);
	to.nkeys = 9;
	ok(share_bundle_write(test_path("nine.tend"), img, 5000, &sg, &to,
	    &e) == -1, "nine recipients: %s", e.msg);
	to.nkeys = 8;
	ok(share_bundle_write(test_path("eight.tend"), img, 5000, &sg, &to,
	    &e) == 0, "eight recipients");
	ok(access(test_path("none.tend"), F_OK) != 0 &&
	    access(test_path("nine.tend"), F_OK) != 0,
	    "refused bundles are not written");
	free(img);

	/* Known patients. */
	snprintf(path, sizeof path, "%s", test_path("t/known-patients"));
	ok(share_known_check(path, "river", "AAAA-BBBB-CCCC-DDDD", &k, before,
	    &e) == 0 && k == SHARE_KNOWN_NEW, "a new alias");
	ok(share_known_check(path, "river", "AAAA-BBBB-CCCC-DDDD", &k, before,
	    &e) == 0 && k == SHARE_KNOWN_SAME, "the same again");
	ok(share_known_check(path, "odd\n%name", "EEEE-BBBB-CCCC-DDDD", &k,
	    before, &e) == 0 && k == SHARE_KNOWN_NEW, "an alias with a newline");
	ok(share_known_check(path, "river", "ZZZZ-BBBB-CCCC-DDDD", &k, before,
	    &e) == 0 && k == SHARE_KNOWN_DIFFERENT &&
	    strcmp(before, "AAAA-BBBB-CCCC-DDDD") == 0,
	    "another key for a known alias");
	ok(share_known_check(path, "odd\n%name", "EEEE-BBBB-CCCC-DDDD", &k,
	    before, &e) == 0 && k == SHARE_KNOWN_SAME, "escaped alias found");
	ok(share_known_check(path, "odd", "EEEE-BBBB-CCCC-DDDD", &k, before,
	    &e) == 0 && k == SHARE_KNOWN_NEW, "a prefix is another alias");
	ok(share_known_check(path, "", "FFFF-BBBB-CCCC-DDDD", &k, before,
	    &e) == 0 && k == SHARE_KNOWN_NEW &&
	    test_count_in_file(path, "FFFF") == 0, "no alias: not remembered");
	ok(test_count_in_file(path, "\n") == 3, "three lines");

	share_fingerprint(id->pk, fpr);
	share_identity_free(id);
	share_identity_free(id2);
	return tap_done();
}
