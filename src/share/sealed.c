/*
 * sealed.c: the header shared by bundles and identity files.
 *
 * Both are the vault's header (tend/header.h) written twice, followed in
 * bundles by the payload.  Unlike a vault they are written once and never
 * updated, so the two copies must be byte for byte the same: a difference
 * is a change made after writing, and the file is refused.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "share/share-int.h"
#include "tend/share.h"
#include "tend/err.h"
#include "tend/fileio.h"

int
sealed_read(const char *path, int kind, const char *what, size_t max,
    unsigned char **buf, size_t *len, struct header *h, struct err *e)
{
	struct stat st;
	int fd, which, other_bad, rc;

	*buf = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return err_set(e, "cannot open %s: %s", path, errno == ENOENT ?
		    "there is no such file" : strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, "cannot open %s: it is not a file", path);
	}
	if ((size_t)st.st_size < 2 * HDR_COPY) {
		close(fd);
		return err_set(e, "cannot open %s: it is too short to be a "
		    "tend %s", path, what);
	}
	*len = 2 * HDR_COPY;
	*buf = xmalloc(*len);
	/* The header first: a file of another kind is named as such. */
	if (fd_pread_all(fd, *buf, *len, 0) != 0) {
		rc = err_set(e, "cannot read %s: %s", path, errno ?
		    strerror(errno) : "it changed while being read");
		goto fail;
	}
	if (hdr_pick(*buf, kind, h, &which, &other_bad, e) != 0) {
		rc = err_prefix(e, "cannot open %s", path);
		goto fail;
	}
	if (memcmp(*buf, *buf + HDR_COPY, HDR_COPY) != 0) {
		rc = err_set(e, "cannot open %s: the two copies of its header "
		    "differ, so the %s was changed after it was written",
		    path, what);
		goto fail;
	}
	if ((unsigned long long)st.st_size > max) {
		rc = err_set(e, "cannot open %s: it is too large to be a tend "
		    "%s", path, what);
		goto fail;
	}
	*len = (size_t)st.st_size;
	*buf = xrealloc(*buf, *len);
	if (fd_pread_all(fd, *buf + 2 * HDR_COPY, *len - 2 * HDR_COPY,
	    2 * HDR_COPY) != 0) {
		rc = err_set(e, "cannot read %s: %s", path, errno ?
		    strerror(errno) : "it changed while being read");
		goto fail;
	}
	close(fd);
	return 0;
fail:
	close(fd);
	free(*buf);
	*buf = NULL;
	*len = 0;
	return rc;
}

void
sealed_header(struct header *h, int kind)
{
	memset(h, 0, sizeof *h);
	h->version = HDR_VERSION;
	h->kind = (uint8_t)kind;
	h->generation = 1;
	h->page_size = 4096;
	h->reserve = 40;
	h->created = (uint64_t)time(NULL);
	randombytes_buf(h->uuid, sizeof h->uuid);
}

void
sealed_encode(const struct header *h, const struct keys *k,
    unsigned char *out)
{
	hdr_encode(h, k->mac, out);
	memcpy(out + HDR_COPY, out, HDR_COPY);
}

struct keys *
sealed_keys_new(void)
{
	struct keys *k = sodium_malloc(sizeof *k);

	if (k == NULL)
		fatal("out of memory");
	memset(k, 0, sizeof *k);
	return k;
}

void
sealed_keys_free(struct keys *k)
{
	if (k != NULL)
		sodium_free(k);
}

int
share_bundle_slots(const char *path, const struct share_identity *id,
    struct share_slots *out, struct err *e)
{
	unsigned char both[2 * HDR_COPY], dek[KEY_LEN];
	struct header h;
	int fd, which, other_bad, i, rc;

	memset(out, 0, sizeof *out);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return err_set(e, "cannot open %s: %s", path, strerror(errno));
	rc = fd_pread_all(fd, both, sizeof both, 0);
	close(fd);
	if (rc != 0)
		return err_set(e, "cannot read the header of %s", path);
	if (hdr_pick(both, HDR_KIND_BUNDLE, &h, &which, &other_bad, e) != 0)
		return err_prefix(e, "cannot open %s", path);
	for (i = 0; i < HDR_SLOTS; i++) {
		const struct hdr_slot *s = &h.slot[i];

		if (s->type == SLOT_SHARE_PASSPHRASE)
			out->passphrases++;
		if (s->type != SLOT_RECIPIENT)
			continue;
		out->recipients++;
		if (id != NULL && crypto_box_seal_open(dek, s->sealed,
		    sizeof s->sealed, id->pk, id->sk) == 0)
			out->mine = 1;
	}
	sodium_memzero(dek, sizeof dek);
	return 0;
}
