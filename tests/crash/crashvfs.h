/*
 * crashvfs.h: a VFS that simulates power loss, for the crash tests.
 *
 * Registered as "crash" on top of "unix" and placed under the encrypting
 * shim (shim_register("crash")).  It passes every call through, counts the
 * operations that change the disk (write, truncate, sync, delete) and keeps
 * what it needs to put each file back into the state the disk guarantees
 * after a power cut.  The durability model is described in crashvfs.c.
 */
#ifndef TEND_CRASHVFS_H
#define TEND_CRASHVFS_H

#include <stddef.h>

#define CRASHVFS_NAME "crash"

/* Register the VFS (not as the default); SQLite result code. */
int crashvfs_register(void);

/* Forget every file and start counting from zero.  The files that exist
 * now are taken to be durable.  crash_at: the operation (1-based) at which
 * the power fails, 0 for never.  tear: when that operation is a write of
 * at least 1024 bytes, a nonzero tear keeps a prefix of it (a multiple of
 * 512 bytes chosen from tear) as a torn write. */
void crashvfs_arm(long crash_at, unsigned tear);

/* Operations counted since crashvfs_arm(). */
long crashvfs_ops(void);

/* Whether the power has failed (every later I/O call fails). */
int crashvfs_dead(void);

/* Whether the failing operation was torn (a prefix written). */
int crashvfs_torn(void);

/* Operation numbers right after each sync and each delete so far: the
 * "sync boundaries" of the run. */
const long *crashvfs_boundaries(size_t *n);

/* Whether files claim SQLITE_IOCAP_POWERSAFE_OVERWRITE (unix's default,
 * on).  Off, SQLite pads journal headers to the sector size (4096), the
 * case the shim tells from page images by position. */
void crashvfs_powersafe(int on);

/* What each counted operation was, in order: 'W' a write of 1024 bytes
 * or more (it can be torn), 'w' a smaller write, 't' truncate, 's' sync,
 * 'd' delete. */
const char *crashvfs_opkinds(size_t *n);

/* The file-system steps of a rekey (src/vault/rekey.h), in the same
 * model: a rename is durable once the directory is synced (until then a
 * power cut brings back what both names held), and removing a file is
 * xDelete without a directory sync.  Each is one operation, a possible
 * crash point; after the power failed they fail.  0, or -1. */
int crashvfs_rename(const char *from, const char *to);
int crashvfs_sync_dir(const char *path);
int crashvfs_unlink(const char *path);

/* After the power failed and every connection is closed: put each file
 * into the state the disk guarantees, then stop tracking (the VFS passes
 * through until the next crashvfs_arm()).  0, or -1 on an I/O error. */
int crashvfs_restore(void);

#endif
