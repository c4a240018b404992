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
#include "tend/err.h"
#include "tend/fileio.h"

/* Only what tend writes: slot types of the file's kind, at most one
 * passphrase slot, and each passphrase slot with one of tend's key
 * derivation profiles exactly (so at most 1 GiB and 4 passes): checked
 * before anything is derived, so a file cannot make tend spend minutes
 * or gigabytes on a passphrase. */
int
sealed_check_slots(const char *path, const struct header *h, struct err *e)
{
	int i, pass_type, npass = 0;

	pass_type = h->kind == HDR_KIND_BUNDLE ? SLOT_SHARE_PASSPHRASE :
	    SLOT_PASSPHRASE;
	for (i = 0; i < HDR_SLOTS; i++) {
		const struct hdr_slot *s = &h->slot[i];
		uint32_t ops;
		uint64_t mem;

		if (s->type == SLOT_EMPTY || (s->type == SLOT_RECIPIENT &&
		    h->kind == HDR_KIND_BUNDLE))
			continue;
		if (s->type != pass_type)
			return err_set(e, "cannot open %s: it has a kind of key "
			    "slot tend does not write there", path);
		if (++npass > 1)
			return err_set(e, "cannot open %s: it has more than one "
			    "%s slot, which tend never writes", path,
			    h->kind == HDR_KIND_BUNDLE ? "share-passphrase" :
			    "passphrase");
		kdf_limits((enum vault_kdf)s->profile, &ops, &mem);
		if (s->profile > VAULT_KDF_SENSITIVE || s->opslimit != ops ||
		    s->memlimit != mem)
			return err_set(e, "cannot open %s: its passphrase asks "
			    "for a key derivation tend does not write (%llu "
			    "%s, %lu passes)", path, (unsigned long long)
			    (s->memlimit >= (1u << 20) ? s->memlimit >> 20 :
			    s->memlimit >> 10), s->memlimit >= (1u << 20) ?
			    "MiB" : "KiB", (unsigned long)s->opslimit);
	}
	return 0;
}

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
	if (sealed_check_slots(path, h, e) != 0) {
		rc = -1;
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
