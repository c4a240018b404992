/*
 * fileio.h: careful file I/O.
 *
 * New directories are made 0700, new files 0600.  A file that replaces or
 * creates a path is written to a temporary file in the same directory,
 * fsynced, moved into place and the directory fsynced, so a crash leaves
 * either the old file or the new one, never half of one.
 */
#ifndef TEND_FILEIO_H
#define TEND_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

struct err;

/* write(2)/pread(2)/pwrite(2) that retry on EINTR and short counts.
 * Return 0, or -1 with errno set (pread: EIO-free short read gives -1 and
 * errno 0 at end of file). */
int fd_write_all(int fd, const void *buf, size_t n);
int fd_pread_all(int fd, void *buf, size_t n, off_t off);
int fd_pwrite_all(int fd, const void *buf, size_t n, off_t off);

/* mkdir -p; directories it makes get mode 0700. */
int dir_ensure(const char *path, struct err *e);

/* fsync the directory that holds path. */
int dir_sync_parent(const char *path, struct err *e);

/* The directory part of path ("." when there is none); free() it. */
char *path_dirname(const char *path);

/* Write buf to path atomically with the given mode.  With noclobber an
 * existing path is an error and is left alone. */
int file_write_atomic(const char *path, const void *buf, size_t n,
    mode_t mode, int noclobber, struct err *e);

/* Open a new temporary file next to path (path.tmp-XXXXXX), mode 0600.
 * Returns the descriptor and stores the name in *tmpname (free() it). */
int file_tmp_beside(const char *path, char **tmpname, struct err *e);

/* Move tmpname into place at path: rename, or with noclobber link+unlink
 * so that an existing path is never replaced.  Then fsync the directory.
 * On failure tmpname is removed. */
int file_commit_tmp(const char *tmpname, const char *path, int noclobber,
    struct err *e);

/* Read a whole small file (at most max bytes) into a NUL-terminated buffer;
 * "-" reads standard input.  free() it, after wiping if it is secret. */
int file_read_all(const char *path, char **buf, size_t *len, size_t max,
    struct err *e);

/* $XDG_DATA_HOME/tend (or ~/.local/share/tend), and the same under
 * $XDG_CONFIG_HOME and $XDG_STATE_HOME (~/.local/state); free() them. */
char *path_data_dir(void);
char *path_config_dir(void);
char *path_state_dir(void);

#endif
