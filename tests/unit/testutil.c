/*
 * testutil.c: see testutil.h.
 */
#include "config.h"

#include "testutil.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend/err.h"
#include "tend/fileio.h"

static char dir[256];

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
cleanup(void)
{
	if (dir[0] != '\0' && getenv("TEND_KEEP_TMP") == NULL)
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
test_dir(void)
{
	if (dir[0] == '\0') {
		const char *t = getenv("TMPDIR");

		snprintf(dir, sizeof dir, "%s/tend-test-XXXXXX",
		    t != NULL && t[0] != '\0' ? t : "/tmp");
		if (mkdtemp(dir) == NULL)
			fatal("cannot make a temporary directory");
		atexit(cleanup);
		/* rollback witnesses of test vaults stay in here */
		setenv("XDG_STATE_HOME", test_path("state"), 1);
	}
	return dir;
}

char *
test_path(const char *name)
{
	static char buf[8][512];
	static int next;
	char *p = buf[next++ % 8];

	snprintf(p, sizeof buf[0], "%s/%s", test_dir(), name);
	return p;
}

unsigned char *
test_slurp(const char *path, size_t *n)
{
	struct err e;
	char *buf;

	if (file_read_all(path, &buf, n, 1u << 30, &e) != 0)
		return NULL;
	return (unsigned char *)buf;
}

int
test_spit(const char *path, const void *buf, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int rc;

	if (fd < 0)
		return -1;
	rc = fd_write_all(fd, buf, n);
	close(fd);
	return rc;
}

int
test_count_in_file(const char *path, const char *needle)
{
	size_t n, k = strlen(needle), i;
	unsigned char *buf = test_slurp(path, &n);
	int count = 0;

	if (buf == NULL)
		return 0;
	for (i = 0; i + k <= n; i++)
		if (memcmp(buf + i, needle, k) == 0)
			count++;
	free(buf);
	return count;
}

void
test_init(void)
{
	struct err e;

	if (vault_library_init(&e) != 0)
		fatal("%s", e.msg);
}

struct vault *
test_new_vault(const char *path)
{
	char recovery[VAULT_RECOVERY_CHARS + 1];
	struct err e;

	if (vault_create(path, TEST_PASS, strlen(TEST_PASS),
	    VAULT_KDF_MINIMAL, recovery, &e) != 0)
		fatal("creating %s: %s", path, e.msg);
	return test_open_vault(path);
}

struct vault *
test_open_vault(const char *path)
{
	struct vault *v;
	struct err e;

	if (vault_open(path, TEST_PASS, strlen(TEST_PASS), VAULT_WRITE, &v,
	    &e) != 0)
		fatal("opening %s: %s", path, e.msg);
	return v;
}

int
test_exec(struct vault *v, const char *sql)
{
	return sqlite3_exec(vault_db(v), sql, NULL, NULL, NULL);
}

long long
test_int(struct vault *v, const char *sql)
{
	sqlite3_stmt *st;
	long long r = -1;

	if (sqlite3_prepare_v2(vault_db(v), sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		r = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return r;
}

int
test_flip(const char *path, off_t off)
{
	int fd = open(path, O_RDWR);
	unsigned char b;
	int rc = -1;

	if (fd < 0)
		return -1;
	if (pread(fd, &b, 1, off) == 1) {
		b ^= 0x01;
		if (pwrite(fd, &b, 1, off) == 1)
			rc = 0;
	}
	close(fd);
	return rc;
}
