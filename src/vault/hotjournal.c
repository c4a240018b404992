/*
 * hotjournal.c: a rollback journal is checked before SQLite rolls it back.
 *
 * SQLite rolls back any "hot" journal it finds beside a database: it cuts
 * the file to the size the journal's header names and writes the journal's
 * page images over the database.  The images are encrypted (the shim opens
 * them), but the header is plaintext, so without this check a planted
 * 4 KiB header naming one page truncates a vault, and an old journal (from
 * a backup, or an earlier crash) writes old pages over new ones.
 *
 * So, once the vault is unlocked and before SQLite reads anything, a
 * journal beside it is read under an EXCLUSIVE lock, as SQLite would play
 * it back (doc/FORMAT.md); while the vault is open the shim runs the same
 * check when SQLite is about to roll a journal back (shim.h):
 *
 *  - its first header must carry the shim's MAC (shim.h); the MAC covers
 *    the database's change counter at the start of the transaction, which
 *    must equal the database's counter now or that plus one (the commit
 *    had begun), or, when page 1 cannot be read, page 1 must be in the
 *    journal;
 *  - a journal written by an earlier tend has no MAC (the padding is
 *    zero): the size its header names (the one SQLite cuts the file to)
 *    must be the one page 1 records: its image of page 1, whose change
 *    counter must then fit as above, or else the vault's page 1 (a
 *    transaction that has not written page 1 yet has not changed the
 *    page count there either);
 *  - every page image SQLite would read must authenticate; SQLite's own
 *    checksums and end markers end the walk where they end SQLite's.
 *
 * A later header whose MAC fails (a crash tore its update; no page of its
 * part reached the database) ends the journal: it is cut there, as SQLite
 * would have stopped.  A journal that fails is renamed NAME.rejected-
 * YYYYmmdd-HHMMSS (never deleted), with one warning, and the vault is not
 * touched.
 */
#include "config.h"

#include "vault/hotjournal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tend/fileio.h"

#define PENDING_PGNO    ((uint32_t)(0x40000000 / SHIM_PAGE) + 1)
#define REC_BYTES       (4 + SHIM_PAGE + 4)

static const unsigned char magic[8] = {
	0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7
};

struct verdict {
	int bad;                /* set the journal aside */
	off_t cut;              /* > 0: cut the journal to this size */
	char why[96];
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* SQLite's journal checksum of a page image. */
static uint32_t
checksum(uint32_t init, const unsigned char *page)
{
	uint32_t c = init;
	int i;

	for (i = SHIM_PAGE - 200; i > 0; i -= 200)
		c += page[i];
	return c;
}

static int
all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

static int
reject(struct verdict *v, const char *why)
{
	v->bad = 1;
	snprintf(v->why, sizeof v->why, "%s", why);
	return 0;
}

/* Does counter now fit a transaction that began at counter start? */
static int
counter_fits(uint32_t now, uint32_t start)
{
	return now == start || now == start + 1;
}

struct walk {
	int legacy;
	uint32_t mxpg, counter;
	int have_p1;
	uint32_t p1_count, p1_counter;
};

/* Walk the records as SQLite's playback would; fills w, or v->bad. */
static void
walk_records(struct shim_ctx *ctx, int fd, off_t size, uint32_t sector,
    unsigned char h[SHIM_JHDR_BYTES], struct walk *w, struct verdict *v)
{
	unsigned char rec[REC_BYTES];
	off_t off = 0, pos;
	uint32_t nrec, i, pgno;
	int first = 1;

	for (;;) {
		nrec = be32(h + 8);
		if (nrec == 0xffffffffu && first)
			nrec = (uint32_t)((size - sector) / (SHIM_PAGE + 8));
		pos = off + sector;
		for (i = 0; i < nrec; i++, pos += REC_BYTES) {
			if (pos + REC_BYTES > size ||
			    fd_pread_all(fd, rec, sizeof rec, pos) != 0)
				goto done;
			pgno = be32(rec);
			if (pgno == 0 || pgno == PENDING_PGNO)
				goto done;
			if (shim_open_journal_page(ctx, pgno, rec + 4) !=
			    SQLITE_OK) {
				char why[64];

				snprintf(why, sizeof why, "its image of page %lu "
				    "does not authenticate", (unsigned long)pgno);
				reject(v, why);
				goto done;
			}
			if (checksum(be32(h + 12), rec + 4) !=
			    be32(rec + 4 + SHIM_PAGE))
				goto done;
			if (pgno == 1 && !w->have_p1) {
				w->have_p1 = 1;
				w->p1_counter = be32(rec + 4 + 24);
				w->p1_count = be32(rec + 4 + 28);
			}
		}
		first = 0;
		off = (pos + sector - 1) / sector * sector;
		if (off + (off_t)sector > size ||
		    fd_pread_all(fd, h, SHIM_JHDR_BYTES, off) != 0 ||
		    memcmp(h, magic, sizeof magic) != 0)
			goto done;
		if (!w->legacy && !shim_journal_header_ok(ctx, off, h)) {
			v->cut = off;
			goto done;
		}
	}
done:
	sodium_memzero(rec, sizeof rec);
}

/* Judge the journal open on fd (size bytes, first byte not zero). */
static int
judge(struct shim_ctx *ctx, int fd, off_t size, struct verdict *v)
{
	unsigned char h[SHIM_JHDR_BYTES], page[SHIM_PAGE];
	struct walk w;
	uint32_t sector, now = 0, db1_count = 0;
	int have_db1;

	memset(&w, 0, sizeof w);
	if (size < SHIM_JHDR_BYTES || fd_pread_all(fd, h, sizeof h, 0) != 0)
		return reject(v, "its header is cut short");
	if (memcmp(h, magic, sizeof magic) != 0)
		return reject(v, "it does not start with a journal header");
	w.legacy = all_zero(h + 28, SHIM_JHDR_BYTES - 28);
	if (!w.legacy && !shim_journal_header_ok(ctx, 0, h))
		return reject(v, "its header does not authenticate");
	sector = be32(h + 20);
	w.mxpg = be32(h + 16);
	w.counter = be32(h + 28);
	if (be32(h + 24) != SHIM_PAGE || sector < 512 || sector > 65536 ||
	    (sector & (sector - 1)) != 0)
		return reject(v, "its header names another page layout");
	walk_records(ctx, fd, size, sector, h, &w, v);
	if (v->bad)
		return 0;

	have_db1 = shim_read_page1_unchecked(ctx, page) == SQLITE_OK;
	if (have_db1) {
		now = be32(page + 24);
		db1_count = be32(page + 28);
	}
	sodium_memzero(page, sizeof page);
	ctx->bad_page = 0;
	if (!w.legacy) {
		if (have_db1 ? !counter_fits(now, w.counter) :
		    w.mxpg != 0 && !w.have_p1)
			return reject(v, "it belongs to another state of the "
			    "vault");
	} else if (w.have_p1) {
		if (w.p1_count != w.mxpg ||
		    (have_db1 && !counter_fits(now, w.p1_counter)))
			return reject(v, "it does not match the vault");
	} else if (!have_db1 || db1_count != w.mxpg)
		return reject(v, "the size it names is not the vault's");
	return 0;
}

/* Rename path to path.rejected-YYYYmmdd-HHMMSS (-2, -3... if taken). */
static int
set_aside(const char *path, char **aside, struct err *e)
{
	char stamp[32];
	time_t t = time(NULL);
	struct tm tm;
	char *name;
	int i;

	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	name = xasprintf("%s.rejected-%s", path, stamp);
	for (i = 2; i < 1000 && access(name, F_OK) == 0; i++) {
		free(name);
		name = xasprintf("%s.rejected-%s-%d", path, stamp, i);
	}
	if (rename(path, name) != 0) {
		err_set(e, "cannot move the journal %s aside: %s", path,
		    strerror(errno));
		free(name);
		return -1;
	}
	*aside = name;
	return dir_sync_parent(name, e);
}

/* Cut the journal at size (a later header did not authenticate). */
static int
cut_journal(const char *path, off_t size, struct err *e)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	int rc = 0;

	if (fd < 0 || ftruncate(fd, size) != 0 || fsync(fd) != 0)
		rc = err_set(e, "cannot cut the journal %s short: %s", path,
		    strerror(errno));
	if (fd >= 0)
		close(fd);
	return rc;
}

int
hotjournal_check_locked(struct shim_ctx *ctx, const char *jpath, char *warning,
    size_t wn, struct err *e)
{
	struct verdict v;
	struct stat st;
	unsigned char b0;
	char *aside = NULL;
	int fd, rc;

	memset(&v, 0, sizeof v);
	fd = open(jpath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno == ENOENT ? 0 : err_set(e, "cannot read the "
		    "journal %s: %s", jpath, strerror(errno));
	/* SQLite ignores an empty journal or one that starts with a zero
	 * byte, and refuses what is not a regular file. */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
	    fd_pread_all(fd, &b0, 1, 0) != 0 || b0 == 0) {
		close(fd);
		return 0;
	}
	rc = judge(ctx, fd, st.st_size, &v);
	close(fd);
	if (rc != 0)
		return err_set(e, "cannot check the journal %s", jpath);
	if (v.bad) {
		const char *base;

		if (set_aside(jpath, &aside, e) != 0) {
			free(aside);
			return -1;
		}
		base = strrchr(aside, '/');
		snprintf(warning, wn, "a leftover journal beside the vault was "
		    "not rolled back because %s; it was moved aside as %s and "
		    "the vault was left as it was (run: tend verify)", v.why,
		    base != NULL ? base + 1 : aside);
		free(aside);
		return 0;
	}
	if (v.cut > 0)
		return cut_journal(jpath, v.cut, e);
	return 0;
}

int
hotjournal_guard(struct shim_ctx *ctx, const char *dbpath, char *warning,
    size_t wn, struct err *e)
{
	char *jpath = xasprintf("%s-journal", dbpath);
	struct stat st;
	int rc = SQLITE_OK, tries;

	warning[0] = '\0';
	if (lstat(jpath, &st) != 0) {
		free(jpath);
		return 0;
	}
	/* EXCLUSIVE, as SQLite takes it to roll back: no writer is in the
	 * middle of using this journal, and none can start. */
	for (tries = 0; tries < 100; tries++) {
		rc = shim_raw_lock(ctx, SQLITE_LOCK_SHARED);
		if (rc == SQLITE_OK)
			rc = shim_raw_lock(ctx, SQLITE_LOCK_EXCLUSIVE);
		if (rc == SQLITE_OK)
			break;
		shim_raw_unlock(ctx, SQLITE_LOCK_NONE);
		if ((rc & 0xff) != SQLITE_BUSY)
			break;
		sqlite3_sleep(50);
	}
	if (rc != SQLITE_OK) {
		free(jpath);
		return err_set(e, (rc & 0xff) == SQLITE_BUSY ? "the vault is "
		    "busy: another tend is writing to it; try again in a moment" :
		    "cannot lock the vault to check its journal");
	}
	rc = hotjournal_check_locked(ctx, jpath, warning, wn, e);
	shim_raw_unlock(ctx, SQLITE_LOCK_NONE);
	free(jpath);
	return rc;
}
