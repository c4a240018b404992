/*
 * fileio.c: retrying I/O, 0700/0600 creation, atomic replacement.
 */
#include "config.h"

#include "tend/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tend/err.h"

int
fd_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
fd_pread_all(int fd, void *buf, size_t n, off_t off)
{
	char *p = buf;

	while (n > 0) {
		ssize_t r = pread(fd, p, n, off);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0) {
			errno = 0;
			return -1;
		}
		p += r;
		n -= (size_t)r;
		off += r;
	}
	return 0;
}

int
fd_pwrite_all(int fd, const void *buf, size_t n, off_t off)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = pwrite(fd, p, n, off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
		off += w;
	}
	return 0;
}

char *
path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *d;

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	d = xmalloc((size_t)(slash - path) + 1);
	memcpy(d, path, (size_t)(slash - path));
	d[slash - path] = '\0';
	return d;
}

int
dir_ensure(const char *path, struct err *e)
{
	char *p = xstrdup(path);
	char *s;
	struct stat st;
	int rc = 0;

	for (s = p + 1; ; s++) {
		int end = (*s == '\0');

		if (*s != '/' && !end)
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			rc = err_set(e, "cannot create directory %s: %s", p,
			    strerror(errno));
			break;
		}
		if (end)
			break;
		*s = '/';
	}
	if (rc == 0 && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)))
		rc = err_set(e, "%s is not a directory", path);
	free(p);
	return rc;
}

int
dir_sync_parent(const char *path, struct err *e)
{
	char *dir = path_dirname(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0 || fsync(fd) != 0)
		rc = err_set(e, "cannot sync directory %s: %s", dir,
		    strerror(errno));
	if (fd >= 0)
		close(fd);
	free(dir);
	return rc;
}

int
file_tmp_beside(const char *path, char **tmpname, struct err *e)
{
	char *name = xasprintf("%s.tmp-XXXXXX", path);
	int fd = mkostemp(name, O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT)
			err_set(e, "cannot write %s: its folder does not exist",
			    path);
		else
			err_set(e, "cannot write %s: %s", path,
			    strerror(errno));
		free(name);
		return -1;
	}
	if (fchmod(fd, 0600) != 0) {
		err_set(e, "cannot set the mode of %s: %s", name,
		    strerror(errno));
		close(fd);
		unlink(name);
		free(name);
		return -1;
	}
	*tmpname = name;
	return fd;
}

int
file_commit_tmp(const char *tmpname, const char *path, int noclobber,
    struct err *e)
{
	if (noclobber) {
		if (link(tmpname, path) != 0) {
			int saved = errno;

			unlink(tmpname);
			if (saved == EEXIST)
				return err_set(e, "%s already exists", path);
			return err_set(e, "cannot create %s: %s", path,
			    strerror(saved));
		}
		unlink(tmpname);
	} else if (rename(tmpname, path) != 0) {
		int saved = errno;

		unlink(tmpname);
		return err_set(e, "cannot replace %s: %s", path,
		    strerror(saved));
	}
	return dir_sync_parent(path, e);
}

int
file_write_atomic(const char *path, const void *buf, size_t n, mode_t mode,
    int noclobber, struct err *e)
{
	char *tmp;
	int fd = file_tmp_beside(path, &tmp, e);
	int rc;

	if (fd < 0)
		return -1;
	if (fchmod(fd, mode) != 0 || fd_write_all(fd, buf, n) != 0 ||
	    fsync(fd) != 0) {
		err_set(e, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	if (close(fd) != 0) {
		err_set(e, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	rc = file_commit_tmp(tmp, path, noclobber, e);
	free(tmp);
	return rc;
}

int
file_read_all(const char *path, char **buf, size_t *len, size_t max,
    struct err *e)
{
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 256, n = 0;
	char *p;

	if (fd < 0)
		return err_set(e, "cannot open %s: %s", path, strerror(errno));
	p = xmalloc(cap);
	for (;;) {
		ssize_t r;

		if (n + 1 == cap) {
			char *q;

			if (cap > max) {
				err_set(e, "%s is larger than %zu bytes", path,
				    max);
				goto fail;
			}
			q = xmalloc(cap * 2);
			memcpy(q, p, n);
			explicit_bzero(p, cap);
			free(p);
			p = q;
			cap *= 2;
		}
		r = read(fd, p + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err_set(e, "cannot read %s: %s", path,
			    strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		err_set(e, "%s is larger than %zu bytes", path, max);
		goto fail;
	}
	if (fd != 0)
		close(fd);
	p[n] = '\0';
	*buf = p;
	if (len)
		*len = n;
	return 0;
fail:
	if (fd != 0)
		close(fd);
	explicit_bzero(p, cap);
	free(p);
	return -1;
}

static char *
xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	const char *home;

	if (v != NULL && v[0] == '/')
		return xasprintf("%s/tend", v);
	home = getenv("HOME");
	if (home == NULL || home[0] == '\0')
		home = ".";
	return xasprintf("%s/%s/tend", home, fallback);
}

char *
path_data_dir(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}

char *
path_config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *
path_state_dir(void)
{
	return xdg_dir("XDG_STATE_HOME", ".local/state");
}
