/*
 * crashvfs.c: simulated power loss under the encrypting shim.
 *
 * The durability model is what POSIX promises and ext4 keeps (ext4 keeps
 * more: a file fsync also commits earlier directory changes; we do not
 * count on that):
 *
 *  - File data and size are durable once the file is fsynced.  Everything
 *    written or truncated after a file's last sync is lost at a crash.
 *    Optionally the write that the power cut interrupts is torn: a prefix
 *    of it, a multiple of 512 bytes, reaches the disk.
 *  - Directory entries (a file created, a file deleted) are durable only
 *    after the directory is fsynced.  SQLite's unix VFS does that in two
 *    places, which this VFS mirrors: on the first sync of a journal it
 *    created (UNIXFILE_DIRSYNC), and in xDelete when asked (dirSync, which
 *    synchronous=EXTRA asks for).  A file created since the last directory
 *    sync is gone after a crash; a file deleted since then comes back with
 *    its durable contents.
 *
 * To restore that state each file keeps an undo log since its last sync:
 * for each write or truncate, the bytes it overwrote or cut and the size
 * before it.  A deleted file whose deletion is not yet durable keeps its
 * durable contents in memory (a "ghost").  The real syncs are not passed
 * to the disk: the model decides what survives, and skipping them keeps
 * a thousand replays fast.
 *
 * Once the power has failed every call that does I/O fails; closing and
 * unlocking still pass through so the connection can be closed.
 */
#include "config.h"

#include "crashvfs.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tend/err.h"

struct undo {
	sqlite3_int64 off;
	sqlite3_int64 size_before;
	size_t len;
	unsigned char *old;
};

struct cpath {
	char *name;
	int live;               /* a file exists at this name now */
	int durable;            /* ...and its directory entry is durable */
	struct undo *undo;      /* since the live file's last sync */
	size_t nundo, capundo;
	int has_ghost;          /* a deleted file's entry is still durable */
	unsigned char *ghost;
	size_t ghostlen;
	struct cpath *next;
};

struct cfile {
	sqlite3_file base;
	struct cpath *p;
	int dirsync;            /* the first sync also syncs the directory */
	/* the real file follows */
};

static struct {
	sqlite3_vfs *real;
	int tracking;
	long ops;
	long crash_at;
	unsigned tear;
	int dead;
	int torn;
	struct cpath *tornp;
	sqlite3_int64 tornoff;
	unsigned char *tornbuf;
	size_t tornlen;
	struct cpath *paths;
	long *bounds;
	size_t nbounds, capbounds;
	char *kinds;
	size_t nkinds, capkinds;
	int no_psow;
} cv;

static sqlite3_vfs crash_vfs;
static const sqlite3_io_methods crash_io;

static sqlite3_file *
real_of(struct cfile *f)
{
	return (sqlite3_file *)(f + 1);
}

static struct cpath *
path_find(const char *name)
{
	struct cpath *p;

	for (p = cv.paths; p != NULL; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p;
	p = xcalloc(1, sizeof *p);
	p->name = xstrdup(name);
	p->live = access(name, F_OK) == 0;
	p->durable = p->live;   /* what exists at the start is durable */
	p->next = cv.paths;
	cv.paths = p;
	return p;
}

static void
undo_clear(struct cpath *p)
{
	size_t i;

	for (i = 0; i < p->nundo; i++)
		free(p->undo[i].old);
	p->nundo = 0;
}

static void
ghost_clear(struct cpath *p)
{
	free(p->ghost);
	p->ghost = NULL;
	p->ghostlen = 0;
	p->has_ghost = 0;
}

static void
paths_free(void)
{
	struct cpath *p, *next;

	for (p = cv.paths; p != NULL; p = next) {
		next = p->next;
		undo_clear(p);
		free(p->undo);
		ghost_clear(p);
		free(p->name);
		free(p);
	}
	cv.paths = NULL;
}

static void
bound_add(void)
{
	if (cv.nbounds == cv.capbounds) {
		cv.capbounds = cv.capbounds ? 2 * cv.capbounds : 256;
		cv.bounds = xrealloc(cv.bounds,
		    cv.capbounds * sizeof *cv.bounds);
	}
	cv.bounds[cv.nbounds++] = cv.ops + 1;
}

/* Remember what operation cv.ops was (for choosing crash points). */
static void
opkind_add(char k)
{
	if (cv.nkinds == cv.capkinds) {
		cv.capkinds = cv.capkinds ? 2 * cv.capkinds : 1024;
		cv.kinds = xrealloc(cv.kinds, cv.capkinds);
	}
	cv.kinds[cv.nkinds++] = k;
}

/* A directory sync: every entry as it is now becomes durable. */
static void
dir_sync(void)
{
	struct cpath *p;

	for (p = cv.paths; p != NULL; p = p->next) {
		ghost_clear(p);
		p->durable = p->live;
	}
}

/* Count one operation that changes the disk; nonzero when the power fails
 * at it (or has already failed). */
static int
op_fails(void)
{
	if (cv.dead)
		return 1;
	if (!cv.tracking)
		return 0;
	cv.ops++;
	if (cv.crash_at != 0 && cv.ops == cv.crash_at) {
		cv.dead = 1;
		return 1;
	}
	return 0;
}

/* Remember what a write or truncate at [off, off+len) is about to change. */
static int
undo_record(struct cfile *f, sqlite3_int64 off, sqlite3_int64 len)
{
	sqlite3_file *real = real_of(f);
	struct cpath *p = f->p;
	struct undo *u;
	sqlite3_int64 size, n;
	int rc;

	rc = real->pMethods->xFileSize(real, &size);
	if (rc != SQLITE_OK)
		return rc;
	if (p->nundo == p->capundo) {
		p->capundo = p->capundo ? 2 * p->capundo : 64;
		p->undo = xrealloc(p->undo, p->capundo * sizeof *p->undo);
	}
	u = &p->undo[p->nundo];
	u->off = off;
	u->size_before = size;
	n = off < size ? (off + len < size ? len : size - off) : 0;
	u->len = (size_t)n;
	u->old = NULL;
	if (n > 0) {
		u->old = xmalloc((size_t)n);
		rc = real->pMethods->xRead(real, u->old, (int)n, off);
		if (rc != SQLITE_OK) {
			free(u->old);
			return rc;
		}
	}
	p->nundo++;
	return SQLITE_OK;
}

/* Read a whole file by name; 0 or -1. */
static int
slurp(const char *name, unsigned char **buf, size_t *len)
{
	struct stat st;
	ssize_t r;
	size_t got = 0;
	int fd = open(name, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*len = (size_t)st.st_size;
	*buf = xmalloc(*len ? *len : 1);
	while (got < *len) {
		r = pread(fd, *buf + got, *len - got, (off_t)got);
		if (r <= 0) {
			close(fd);
			free(*buf);
			return -1;
		}
		got += (size_t)r;
	}
	close(fd);
	return 0;
}

/* Undo p's log on a copy of its contents held in memory. */
static void
undo_in_memory(const struct cpath *p, unsigned char **buf, size_t *len)
{
	size_t i, want;

	for (i = p->nundo; i-- > 0;) {
		const struct undo *u = &p->undo[i];

		want = (size_t)u->off + u->len;
		if (u->len > 0 && want > *len) {
			*buf = xrealloc(*buf, want);
			memset(*buf + *len, 0, want - *len);
			*len = want;
		}
		if (u->len > 0)
			memcpy(*buf + u->off, u->old, u->len);
		want = (size_t)u->size_before;
		if (want > *len) {
			*buf = xrealloc(*buf, want);
			memset(*buf + *len, 0, want - *len);
		}
		*len = want;
	}
}

/* Undo p's log on the file itself. */
static int
undo_on_disk(const struct cpath *p)
{
	size_t i;
	int fd = open(p->name, O_RDWR);

	if (fd < 0)
		return -1;
	for (i = p->nundo; i-- > 0;) {
		const struct undo *u = &p->undo[i];

		if ((u->len > 0 && pwrite(fd, u->old, u->len,
		    (off_t)u->off) != (ssize_t)u->len) ||
		    ftruncate(fd, (off_t)u->size_before) != 0) {
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}

static int
spit(const char *name, const unsigned char *buf, size_t len)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int rc = 0;

	if (fd < 0)
		return -1;
	if (len > 0 && write(fd, buf, len) != (ssize_t)len)
		rc = -1;
	close(fd);
	return rc;
}

int
crashvfs_restore(void)
{
	struct cpath *p;
	int rc = 0, fd;

	for (p = cv.paths; p != NULL; p = p->next) {
		if (p->live && p->durable) {
			if (undo_on_disk(p) != 0)
				rc = -1;
		} else if (p->live)
			unlink(p->name);
		if (p->has_ghost && spit(p->name, p->ghost, p->ghostlen) != 0)
			rc = -1;
	}
	if (cv.tornp != NULL && cv.tornp->live && cv.tornp->durable) {
		fd = open(cv.tornp->name, O_WRONLY);
		if (fd < 0 || pwrite(fd, cv.tornbuf, cv.tornlen,
		    (off_t)cv.tornoff) != (ssize_t)cv.tornlen)
			rc = -1;
		if (fd >= 0)
			close(fd);
	}
	free(cv.tornbuf);
	cv.tornbuf = NULL;
	cv.tornp = NULL;
	paths_free();
	cv.tracking = 0;
	cv.dead = 0;
	return rc;
}

void
crashvfs_arm(long crash_at, unsigned tear)
{
	paths_free();
	free(cv.tornbuf);
	cv.tornbuf = NULL;
	cv.tornp = NULL;
	cv.tracking = 1;
	cv.ops = 0;
	cv.crash_at = crash_at;
	cv.tear = tear;
	cv.dead = 0;
	cv.torn = 0;
	cv.nbounds = 0;
	cv.nkinds = 0;
}

long
crashvfs_ops(void)
{
	return cv.ops;
}

int
crashvfs_dead(void)
{
	return cv.dead;
}

int
crashvfs_torn(void)
{
	return cv.torn;
}

const long *
crashvfs_boundaries(size_t *n)
{
	*n = cv.nbounds;
	return cv.bounds;
}

void
crashvfs_powersafe(int on)
{
	cv.no_psow = !on;
}

const char *
crashvfs_opkinds(size_t *n)
{
	*n = cv.nkinds;
	return cv.kinds;
}

/* ---- io methods ---- */

static int
c_close(sqlite3_file *file)
{
	sqlite3_file *real = real_of((struct cfile *)file);

	return real->pMethods != NULL ? real->pMethods->xClose(real) :
	    SQLITE_OK;
}

static int
c_read(sqlite3_file *file, void *buf, int amt, sqlite3_int64 off)
{
	sqlite3_file *real = real_of((struct cfile *)file);

	if (cv.dead)
		return SQLITE_IOERR_READ;
	return real->pMethods->xRead(real, buf, amt, off);
}

static int
c_write(sqlite3_file *file, const void *buf, int amt, sqlite3_int64 off)
{
	struct cfile *f = (struct cfile *)file;
	sqlite3_file *real = real_of(f);
	unsigned sectors;
	int rc;

	if (cv.dead)
		return SQLITE_IOERR_WRITE;
	if (op_fails()) {
		sectors = (unsigned)amt / 512;
		if (cv.tear != 0 && amt >= 1024 && f->p != NULL) {
			cv.torn = 1;
			cv.tornp = f->p;
			cv.tornoff = off;
			cv.tornlen = 512 * (1 + cv.tear % (sectors - 1));
			cv.tornbuf = xmalloc(cv.tornlen);
			memcpy(cv.tornbuf, buf, cv.tornlen);
		}
		return SQLITE_IOERR_WRITE;
	}
	if (cv.tracking) {
		opkind_add(amt >= 1024 ? 'W' : 'w');
		if (f->p != NULL &&
		    (rc = undo_record(f, off, amt)) != SQLITE_OK)
			return rc;
	}
	return real->pMethods->xWrite(real, buf, amt, off);
}

static int
c_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	struct cfile *f = (struct cfile *)file;
	sqlite3_file *real = real_of(f);
	sqlite3_int64 cur;
	int rc;

	if (op_fails())
		return SQLITE_IOERR_TRUNCATE;
	if (cv.tracking && f->p != NULL) {
		opkind_add('t');
		rc = real->pMethods->xFileSize(real, &cur);
		if (rc == SQLITE_OK)
			rc = undo_record(f, size, cur > size ? cur - size : 0);
		if (rc != SQLITE_OK)
			return rc;
	}
	return real->pMethods->xTruncate(real, size);
}

static int
c_sync(sqlite3_file *file, int flags)
{
	struct cfile *f = (struct cfile *)file;

	(void)flags;
	if (op_fails())
		return SQLITE_IOERR_FSYNC;
	if (cv.tracking && f->p != NULL) {
		opkind_add('s');
		bound_add();
		undo_clear(f->p);
		if (f->dirsync)
			dir_sync();
	}
	f->dirsync = 0;
	return SQLITE_OK;
}

static int
c_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
	sqlite3_file *real = real_of((struct cfile *)file);

	if (cv.dead)
		return SQLITE_IOERR_FSTAT;
	return real->pMethods->xFileSize(real, size);
}

static int
c_lock(sqlite3_file *file, int level)
{
	sqlite3_file *real = real_of((struct cfile *)file);

	if (cv.dead)
		return SQLITE_IOERR_LOCK;
	return real->pMethods->xLock(real, level);
}

static int
c_unlock(sqlite3_file *file, int level)
{
	sqlite3_file *real = real_of((struct cfile *)file);

	return real->pMethods->xUnlock(real, level);
}

static int
c_check_reserved(sqlite3_file *file, int *out)
{
	sqlite3_file *real = real_of((struct cfile *)file);

	if (cv.dead)
		return SQLITE_IOERR_CHECKRESERVEDLOCK;
	return real->pMethods->xCheckReservedLock(real, out);
}

static int
c_file_control(sqlite3_file *file, int op, void *arg)
{
	sqlite3_file *real = real_of((struct cfile *)file);

	return real->pMethods->xFileControl(real, op, arg);
}

static int
c_sector_size(sqlite3_file *file)
{
	sqlite3_file *real = real_of((struct cfile *)file);

	return real->pMethods->xSectorSize(real);
}

static int
c_device_characteristics(sqlite3_file *file)
{
	sqlite3_file *real = real_of((struct cfile *)file);
	int dc = real->pMethods->xDeviceCharacteristics(real);

	return cv.no_psow ? dc & ~SQLITE_IOCAP_POWERSAFE_OVERWRITE : dc;
}

static const sqlite3_io_methods crash_io = {
	.iVersion = 1,
	.xClose = c_close,
	.xRead = c_read,
	.xWrite = c_write,
	.xTruncate = c_truncate,
	.xSync = c_sync,
	.xFileSize = c_file_size,
	.xLock = c_lock,
	.xUnlock = c_unlock,
	.xCheckReservedLock = c_check_reserved,
	.xFileControl = c_file_control,
	.xSectorSize = c_sector_size,
	.xDeviceCharacteristics = c_device_characteristics,
};

/* ---- vfs methods ---- */

static int
c_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
    int *out_flags)
{
	struct cfile *f = (struct cfile *)file;
	int type = flags & 0x0FFF00, rc;

	(void)vfs;
	memset(f, 0, sizeof *f);
	if (cv.dead)
		return SQLITE_CANTOPEN;
	if (name != NULL && cv.tracking) {
		f->p = path_find(name);
		if (!f->p->live && (flags & SQLITE_OPEN_CREATE)) {
			f->p->live = 1;
			f->p->durable = 0;
			undo_clear(f->p);
		}
	}
	/* as unixOpen: a journal it may create syncs its directory once */
	f->dirsync = (flags & SQLITE_OPEN_CREATE) &&
	    (type == SQLITE_OPEN_MAIN_JOURNAL ||
	    type == SQLITE_OPEN_SUPER_JOURNAL || type == SQLITE_OPEN_WAL);
	rc = cv.real->xOpen(cv.real, name, real_of(f), flags, out_flags);
	if (rc != SQLITE_OK)
		return rc;
	f->base.pMethods = &crash_io;
	return SQLITE_OK;
}

static int
c_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	struct cpath *p;
	unsigned char *buf;
	size_t len;
	int rc;

	(void)vfs;
	if (op_fails())
		return SQLITE_IOERR_DELETE;
	if (cv.tracking) {
		p = path_find(name);
		if (p->live && p->durable) {
			if (slurp(name, &buf, &len) != 0)
				return SQLITE_IOERR_DELETE;
			undo_in_memory(p, &buf, &len);
			ghost_clear(p);
			p->has_ghost = 1;
			p->ghost = buf;
			p->ghostlen = len;
		}
		undo_clear(p);
		p->live = 0;
		p->durable = 0;
		opkind_add('d');
		bound_add();
	}
	rc = cv.real->xDelete(cv.real, name, 0);
	if (rc == SQLITE_OK && sync_dir && cv.tracking)
		dir_sync();
	return rc;
}

static int
c_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return cv.real->xAccess(cv.real, name, flags, out);
}

static int
c_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return cv.real->xFullPathname(cv.real, name, n, out);
}

static int
c_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return cv.real->xRandomness(cv.real, n, out);
}

static int
c_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return cv.real->xSleep(cv.real, us);
}

static int
c_current_time(sqlite3_vfs *vfs, double *t)
{
	(void)vfs;
	return cv.real->xCurrentTime(cv.real, t);
}

static int
c_get_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return cv.real->xGetLastError(cv.real, n, out);
}

static int
c_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
	(void)vfs;
	return cv.real->xCurrentTimeInt64(cv.real, t);
}

int
crashvfs_register(void)
{
	cv.real = sqlite3_vfs_find("unix");
	if (cv.real == NULL)
		return SQLITE_ERROR;
	crash_vfs = (sqlite3_vfs){
		.iVersion = 2,
		.szOsFile = (int)sizeof(struct cfile) + cv.real->szOsFile,
		.mxPathname = cv.real->mxPathname,
		.zName = CRASHVFS_NAME,
		.xOpen = c_open,
		.xDelete = c_delete,
		.xAccess = c_access,
		.xFullPathname = c_full_pathname,
		.xRandomness = c_randomness,
		.xSleep = c_sleep,
		.xCurrentTime = c_current_time,
		.xGetLastError = c_get_last_error,
		.xCurrentTimeInt64 = c_current_time_int64,
	};
	return sqlite3_vfs_register(&crash_vfs, 0);
}

/* ---- the file-system steps of a rekey ---- */

/* Keep in p's ghost what a power cut would bring back under its name, if
 * its directory entry is durable and nothing is kept yet. */
static int
ghost_keep(struct cpath *p)
{
	unsigned char *buf;
	size_t len;

	if (!p->live || !p->durable || p->has_ghost)
		return 0;
	if (slurp(p->name, &buf, &len) != 0)
		return -1;
	undo_in_memory(p, &buf, &len);
	p->has_ghost = 1;
	p->ghost = buf;
	p->ghostlen = len;
	return 0;
}

int
crashvfs_rename(const char *from, const char *to)
{
	struct cpath *pf, *pt;
	struct undo *u;
	size_t n, cap;

	if (op_fails()) {
		errno = EIO;
		return -1;
	}
	if (!cv.tracking)
		return rename(from, to);
	pf = path_find(from);
	pt = path_find(to);
	if (ghost_keep(pt) != 0 || ghost_keep(pf) != 0 ||
	    rename(from, to) != 0)
		return -1;
	/* to now names from's file, with its unsynced writes; neither
	 * name's new state is durable until the directory is synced. */
	undo_clear(pt);
	u = pt->undo;
	n = pt->nundo;
	cap = pt->capundo;
	pt->undo = pf->undo;
	pt->nundo = pf->nundo;
	pt->capundo = pf->capundo;
	pf->undo = u;
	pf->nundo = n;
	pf->capundo = cap;
	pt->live = 1;
	pt->durable = 0;
	pf->live = 0;
	pf->durable = 0;
	opkind_add('r');
	bound_add();
	return 0;
}

int
crashvfs_sync_dir(const char *path)
{
	(void)path;
	if (op_fails()) {
		errno = EIO;
		return -1;
	}
	if (cv.tracking) {
		dir_sync();
		opkind_add('s');
		bound_add();
	}
	return 0;
}

int
crashvfs_unlink(const char *path)
{
	if (c_delete(NULL, path, 0) != SQLITE_OK) {
		errno = EIO;
		return -1;
	}
	return 0;
}
