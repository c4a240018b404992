/*
 * inbox.c: notes sealed to the vault's public key, and taking them in.
 *
 * File (PATH-inbox, mode 0600): a 16-byte head (magic "TENDINB" 0x1a,
 * version 1 as two bytes, six zero bytes), then records appended one after
 * another: the length L of a sealed box (4 bytes, little-endian), then
 * crypto_box_seal of L - 48 bytes, a power of two from 1 KiB to 1 MiB:
 * version 1 (1 byte), note id (16 random bytes), time (8, Unix seconds),
 * UTC offset (4, signed minutes east), text length n (4), n bytes of UTF-8, and
 * zeros to the end.  Nothing else is written, so the file shows how many
 * notes there are, roughly how long each is, and (in its times) when the
 * first and last were written; never a word of them.
 *
 * Writers and the importer hold an exclusive flock on the file.  A writer
 * that finds a record cut short at the end (a crash while appending, so
 * that note was never reported saved), or zeros where one was to go (the
 * file's new size reached the disk before its data), cuts it off before
 * appending; a record of the right size that ends in zeros (some of its
 * blocks never written) is left out when notes are taken in; a
 * writer that finds a file removed under it (its link count is 0) opens
 * the name again.  The file is hostile input: every length is checked
 * before it is used.
 */
#include "config.h"

#include "tend/inbox.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tend/err.h"
#include "tend/fileio.h"
#include "tend/header.h"
#include "tend/utf8.h"
#include "vault/inbox-int.h"
#include "vault/vault-int.h"

#define HEAD_LEN        16
#define NOTE_HEAD       33      /* version, id, time, offset, length */
#define PAD_MIN         1024u
#define PAD_MAX         (1u << 20)
#define SEAL_OVER       crypto_box_SEALBYTES

static const unsigned char inbox_magic[8] = {
	'T', 'E', 'N', 'D', 'I', 'N', 'B', 0x1a
};

static const struct rekey_fs *fs = &rekey_real_fs;

void
inbox_set_fs(const struct rekey_fs *f)
{
	fs = f != NULL ? f : &rekey_real_fs;
}

struct inbox {
	char *path;
	int fd;
	int keep;               /* something could not be read: keep it */
	struct inbox_note *note;
	char **mem;             /* guarded copies of the texts */
	size_t n, cap;
	char problem[ERR_MSG_MAX];
};

static void
le_put(unsigned char *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
le_get(const unsigned char *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

void
inbox_keypair(const unsigned char seed[32], unsigned char pk[32],
    unsigned char *sk)
{
	static const char label[] = "tend jot key v1";
	unsigned char *k = sodium_malloc(32);

	if (k == NULL)
		fatal("out of memory");
	crypto_generichash(k, 32, (const unsigned char *)label,
	    sizeof label - 1, seed, 32);
	crypto_scalarmult_base(pk, k);
	if (sk != NULL)
		memcpy(sk, k, 32);
	sodium_free(k);
}

char *
inbox_path(const char *vault_path)
{
	return xasprintf("%s-inbox", vault_path);
}

/* A sealed box length this format can hold. */
static int
box_len_ok(uint64_t len)
{
	uint64_t p;

	if (len < SEAL_OVER + PAD_MIN || len > SEAL_OVER + PAD_MAX)
		return 0;
	p = len - SEAL_OVER;
	return (p & (p - 1)) == 0;
}

enum walk { WALK_OK, WALK_CUT, WALK_BAD };

/* Whether bytes [off, size) of fd are all zero: what a power cut during
 * an append can leave where the record was to go (the file's new size
 * made durable before its data). */
static int
zeros_to_end(int fd, off_t off, off_t size)
{
	unsigned char buf[4096];
	size_t i;

	while (off < size) {
		size_t n = size - off < (off_t)sizeof buf ? (size_t)(size - off) :
		    sizeof buf;
		if (fd_pread_all(fd, buf, n, off) != 0)
			return 0;
		for (i = 0; i < n; i++)
			if (buf[i] != 0)
				return 0;
		off += (off_t)n;
	}
	return 1;
}

/* A sealed box whose last CRASH_ZEROS bytes are zero was cut short by a
 * power cut (blocks of it never written); a real one ends so with odds
 * of 2^-512. */
#define CRASH_ZEROS 64

static int
box_crashed(const unsigned char *box, size_t n)
{
	size_t i;

	for (i = n - CRASH_ZEROS; i < n; i++)
		if (box[i] != 0)
			return 0;
	return 1;
}

/* Step over the records of fd (size bytes) without opening them: *end
 * gets the end of the last whole record, *count how many there are. */
static enum walk
walk(int fd, off_t size, off_t *end, size_t *count)
{
	unsigned char head[HEAD_LEN], len[4];
	off_t off = HEAD_LEN;

	*end = 0;
	*count = 0;
	if (size < HEAD_LEN)
		return size == 0 ? WALK_OK : WALK_CUT;
	if (fd_pread_all(fd, head, sizeof head, 0) != 0)
		return WALK_BAD;
	if (memcmp(head, inbox_magic, sizeof inbox_magic) != 0 ||
	    le_get(head + 8, 2) != 1)
		return zeros_to_end(fd, 0, size) ? WALK_CUT : WALK_BAD;
	*end = off;
	while (off < size) {
		uint64_t n;

		if (size - off < 4)
			return WALK_CUT;
		if (fd_pread_all(fd, len, 4, off) != 0)
			return WALK_BAD;
		n = le_get(len, 4);
		if (!box_len_ok(n))
			return zeros_to_end(fd, off, size) ? WALK_CUT :
			    WALK_BAD;
		if ((uint64_t)(size - off - 4) < n)
			return WALK_CUT;
		off += 4 + (off_t)n;
		*end = off;
		(*count)++;
	}
	return WALK_OK;
}

/* The public key from the vault's header, read without the passphrase. */
static int
read_public(const char *vault_path, unsigned char pk[32], struct err *e)
{
	static const unsigned char zero[32];
	unsigned char both[2 * HDR_COPY];
	struct header h;
	int fd, which, other_bad, rc;

	fd = open(vault_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return err_set(e, "there is no vault at %s (create one "
			    "with: tend init)", vault_path);
		return err_set(e, "cannot open %s: %s", vault_path,
		    strerror(errno));
	}
	rc = fd_pread_all(fd, both, sizeof both, 0);
	close(fd);
	if (rc != 0)
		return err_set(e, "%s is too short to be a tend vault",
		    vault_path);
	if (hdr_pick(both, HDR_KIND_VAULT, &h, &which, &other_bad, e) != 0)
		return err_prefix(e, "cannot open %s", vault_path);
	if (sodium_memcmp(h.pub, zero, 32) == 0)
		return err_set(e, "this journal has no key for notes yet: "
		    "unlock it once with this version of tend, and jot will "
		    "work from then on");
	memcpy(pk, h.pub, 32);
	return 0;
}

/* Open the inbox for appending, locked, and at the end of its last whole
 * record.  *created when its head had to be written. */
static int
open_append(const char *path, int *created, struct err *e)
{
	struct stat st;
	off_t end;
	size_t count;
	int fd = -1, tries;

	for (tries = 0; tries < 20; tries++) {
		fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL |
		    O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd < 0 && errno == EEXIST)
			fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC |
			    O_NOFOLLOW);
		if (fd < 0) {
			if (errno == ENOENT)
				continue;       /* removed in between */
			return err_set(e, "cannot open %s: %s", path,
			    strerror(errno));
		}
		if (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0) {
			close(fd);
			return err_set(e, "cannot lock %s: %s", path,
			    strerror(errno));
		}
		if (st.st_nlink > 0)
			break;
		close(fd);              /* taken in while we waited */
		fd = -1;
	}
	if (fd < 0)
		return err_set(e, "cannot open %s: it keeps being removed",
		    path);
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, "%s is not a regular file", path);
	}
	switch (walk(fd, st.st_size, &end, &count)) {
	case WALK_BAD:
		close(fd);
		return err_set(e, "the inbox %s is damaged, so nothing more "
		    "is added to it; unlock the journal to bring in what it "
		    "holds", path);
	case WALK_CUT:
		/* A note cut short by a crash was never reported saved. */
		if (ftruncate(fd, end) != 0) {
			close(fd);
			return err_set(e, "cannot write %s: %s", path,
			    strerror(errno));
		}
		break;
	case WALK_OK:
		break;
	}
	*created = end == 0;
	if (end == 0) {
		unsigned char head[HEAD_LEN] = { 0 };

		memcpy(head, inbox_magic, sizeof inbox_magic);
		le_put(head + 8, 1, 2);
		if (fd_write_all(fd, head, sizeof head) != 0) {
			close(fd);
			return err_set(e, "cannot write %s: %s", path,
			    strerror(errno));
		}
	}
	return fd;
}

int
inbox_jot(const char *vault_path, const char *text, size_t len,
    time_t now, int offset, struct err *e)
{
	unsigned char pk[32], *plain, *rec;
	size_t pad = PAD_MIN, reclen;
	char *path;
	int fd, created = 0, rc = -1;

	if (len == 0)
		return err_set(e, "the note is empty");
	if (len > INBOX_TEXT_MAX)
		return err_set(e, "the note is longer than 1 MiB; write it in "
		    "the journal instead");
	if (!utf8_valid(text, len))
		return err_set(e, "the note is not valid UTF-8 (or contains "
		    "a NUL byte)");
	if (read_public(vault_path, pk, e) != 0)
		return -1;
	while (pad < NOTE_HEAD + len)
		pad <<= 1;
	plain = sodium_malloc(pad);
	if (plain == NULL)
		fatal("out of memory");
	memset(plain, 0, pad);
	plain[0] = 1;
	randombytes_buf(plain + 1, 16);
	le_put(plain + 17, (uint64_t)(int64_t)now, 8);
	le_put(plain + 25, (uint64_t)(uint32_t)offset, 4);
	le_put(plain + 29, len, 4);
	memcpy(plain + NOTE_HEAD, text, len);
	reclen = 4 + SEAL_OVER + pad;
	rec = xmalloc(reclen);
	le_put(rec, SEAL_OVER + pad, 4);
	crypto_box_seal(rec + 4, plain, pad, pk);
	sodium_free(plain);

	path = inbox_path(vault_path);
	fd = open_append(path, &created, e);
	if (fd >= 0) {
		if (fd_write_all(fd, rec, reclen) != 0 || fsync(fd) != 0)
			err_set(e, "cannot write %s: %s", path,
			    strerror(errno));
		else if (!created || dir_sync_parent(path, e) == 0)
			rc = 0;
		close(fd);
	}
	free(rec);
	free(path);
	return rc;
}

static void
add_note(struct inbox *in, const unsigned char *plain, size_t pad)
{
	struct inbox_note *nt;
	uint64_t len = le_get(plain + 29, 4);
	char *mem;

	if (in->n == in->cap) {
		in->cap = in->cap ? 2 * in->cap : 16;
		in->note = xrealloc(in->note, in->cap * sizeof *in->note);
		in->mem = xrealloc(in->mem, in->cap * sizeof *in->mem);
	}
	mem = sodium_malloc((size_t)len + 1);
	if (mem == NULL)
		fatal("out of memory");
	memcpy(mem, plain + NOTE_HEAD, (size_t)len);
	mem[len] = '\0';
	(void)pad;
	nt = &in->note[in->n];
	memcpy(nt->id, plain + 1, 16);
	nt->when = (time_t)(int64_t)le_get(plain + 17, 8);
	nt->offset = (int)(int32_t)(uint32_t)le_get(plain + 25, 4);
	nt->text = mem;
	nt->len = (size_t)len;
	in->mem[in->n++] = mem;
}

/* A note opened: 1 when its contents make sense. */
static int
note_ok(const unsigned char *plain, size_t pad)
{
	uint64_t len = le_get(plain + 29, 4);
	int64_t off = (int32_t)(uint32_t)le_get(plain + 25, 4);

	return plain[0] == 1 && len > 0 && len <= pad - NOTE_HEAD &&
	    off >= -24 * 60 && off <= 24 * 60 &&
	    utf8_valid((const char *)plain + NOTE_HEAD, (size_t)len);
}

/* Open every record of in->fd with the key pair in key (pk, then sk). */
static void
read_notes(struct inbox *in, off_t size, const unsigned char *key)
{
	unsigned char len[4], *box = NULL;
	off_t off = HEAD_LEN, end;
	size_t unread = 0, crashed = 0, count;
	enum walk w = walk(in->fd, size, &end, &count);

	while (off < end) {
		unsigned char *plain;
		uint64_t n;

		if (fd_pread_all(in->fd, len, 4, off) != 0)
			break;
		n = le_get(len, 4);
		box = xrealloc(box, (size_t)n);
		plain = sodium_malloc((size_t)n - SEAL_OVER);
		if (plain == NULL)
			fatal("out of memory");
		if (fd_pread_all(in->fd, box, (size_t)n, off + 4) != 0)
			unread++;
		else if (crypto_box_seal_open(plain, box, n, key, key + 32) != 0
		    || !note_ok(plain, (size_t)n - SEAL_OVER)) {
			if (box_crashed(box, (size_t)n))
				crashed++;
			else
				unread++;
		} else
			add_note(in, plain, (size_t)n - SEAL_OVER);
		sodium_free(plain);
		off += 4 + (off_t)n;
	}
	free(box);
	if (w == WALK_BAD) {
		in->keep = 1;
		snprintf(in->problem, sizeof in->problem, "the inbox %s is "
		    "damaged after %zu whole %s; what came before is in, and "
		    "the file is kept as it is", in->path, count,
		    count == 1 ? "note" : "notes");
	} else if (unread > 0) {
		in->keep = 1;
		snprintf(in->problem, sizeof in->problem, "%zu %s in the "
		    "inbox could not be opened with this journal's key; %s "
		    "kept in %s", unread, unread == 1 ? "note" : "notes",
		    unread == 1 ? "it is" : "they are", in->path);
	} else if (w == WALK_CUT || crashed > 0)
		snprintf(in->problem, sizeof in->problem, "the last note in "
		    "the inbox was cut short (tend stopped while writing it) "
		    "and was left out");
}

int
inbox_take(struct vault *v, struct inbox **out, struct err *e)
{
	struct inbox *in;
	struct stat st;
	unsigned char *key;
	int fd;
	char *path = inbox_path(v->path);

	*out = NULL;
	fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		int err = errno;

		free(path);
		if (err == ENOENT)
			return 0;
		return err_set(e, "cannot open the inbox of %s: %s", v->path,
		    strerror(err));
	}
	if (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0) {
		close(fd);
		err_set(e, "cannot lock %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	if (st.st_nlink == 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		free(path);
		return 0;
	}
	key = sodium_malloc(96);
	if (key == NULL)
		fatal("out of memory");
	if (sign_seed_open(&v->hdr, v->keys, key + 64) != 0) {
		sodium_free(key);
		close(fd);
		free(path);
		return err_set(e, "the signing key in the header of %s is "
		    "damaged", v->path);
	}
	inbox_keypair(key + 64, key, key + 32);
	in = xcalloc(1, sizeof *in);
	in->path = path;
	in->fd = fd;
	read_notes(in, st.st_size, key);
	sodium_free(key);
	*out = in;
	return 0;
}

size_t
inbox_count(const struct inbox *in)
{
	return in != NULL ? in->n : 0;
}

const struct inbox_note *
inbox_note(const struct inbox *in, size_t i)
{
	return i < in->n ? &in->note[i] : NULL;
}

const char *
inbox_problem(const struct inbox *in)
{
	return in != NULL && in->problem[0] != '\0' ? in->problem : NULL;
}

void
inbox_release(struct inbox *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; i < in->n; i++)
		sodium_free(in->mem[i]);
	free(in->mem);
	free(in->note);
	close(in->fd);          /* and with it the lock */
	free(in->path);
	free(in);
}

int
inbox_finish(struct inbox *in, struct err *e)
{
	int rc = 0;

	if (in == NULL)
		return 0;
	if (!in->keep) {
		if (fs->unlink(in->path) != 0 && errno != ENOENT)
			rc = err_set(e, "cannot remove %s: %s", in->path,
			    strerror(errno));
		else if (fs->sync_dir(in->path) != 0)
			rc = err_set(e, "cannot sync the folder of %s",
			    in->path);
	}
	inbox_release(in);
	return rc;
}

size_t
inbox_waiting(const char *vault_path)
{
	char *path = inbox_path(vault_path);
	struct stat st;
	size_t count = 0;
	off_t end;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	free(path);
	if (fd < 0)
		return 0;
	if (flock(fd, LOCK_SH) == 0 && fstat(fd, &st) == 0 &&
	    st.st_nlink > 0 && S_ISREG(st.st_mode))
		walk(fd, st.st_size, &end, &count);
	close(fd);
	return count;
}
