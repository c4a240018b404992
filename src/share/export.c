/*
 * export.c: write the shared part of a journal as a sealed bundle.
 *
 * This is the one place that turns a store, its vault's signing key and a
 * list of recipients into a bundle file, so `tend export` and the app's
 * export screen write exactly the same thing: the subset chosen by the
 * scope (store_export_image), its meta naming the signer's fingerprint
 * and tend's version, a recipient slot per key and, when asked, a
 * share-passphrase slot with six fresh words.  The image is wiped as soon
 * as it is written.
 */
#include "config.h"

#include "tend/share.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend/err.h"
#include "tend/store.h"
#include "tend/testhook.h"

enum vault_kdf
share_export_kdf(void)
{
	const char *name = test_hook(TEST_HOOK_KDF);
	enum vault_kdf kdf = VAULT_KDF_MODERATE;

	if (name != NULL && vault_kdf_parse(name, &kdf, NULL) != 0)
		kdf = VAULT_KDF_MODERATE;
	return kdf;
}

struct bundle_out {
	const char *path;
	const struct share_signer *sg;
	const struct share_to *to;
};

/* The image goes straight from SQLite's memory into the bundle. */
static int
write_image(const unsigned char *img, size_t len, void *arg, struct err *e)
{
	const struct bundle_out *w = arg;

	return share_bundle_write(w->path, img, len, w->sg, w->to, e);
}

int
share_export_bundle(struct store *s, struct vault *v,
    const struct share_export *x, const char *path,
    char words[SHARE_PASSPHRASE_MAX], char fpr[SHARE_FPR_CHARS],
    struct err *e)
{
	unsigned char pk[32];
	struct bundle_out w;
	struct export_meta m;
	struct share_signer sg;
	struct share_to to;
	int rc;

	if (x->nkeys == 0 && !x->share_pass)
		return err_set(e, "a bundle needs someone who can open it: a "
		    "therapist's key or a share passphrase");
	if (access(path, F_OK) == 0)
		return err_set(e, "%s already exists; tend does not overwrite "
		    "it (name a new file)", path);
	vault_sign_public(v, pk);
	share_fingerprint(pk, fpr);
	memset(&m, 0, sizeof m);
	m.fingerprint = fpr;
	m.version = PACKAGE_VERSION;
	memset(&to, 0, sizeof to);
	to.keys = x->keys;
	to.nkeys = x->nkeys;
	if (x->share_pass) {
		share_passphrase_new(words);
		to.pass = words;
		to.passlen = strlen(words);
		to.kdf = x->kdf;
	}
	share_vault_signer(v, &sg);
	w.path = path;
	w.sg = &sg;
	w.to = &to;
	rc = store_export_image_use(s, x->scope, &m, write_image, &w, e);
	if (rc != 0 && x->share_pass)
		vault_wipe(words, SHARE_PASSPHRASE_MAX);
	return rc;
}
