/*
 * vtest.c: see vtest.h.
 */
#include "config.h"

#include "vtest.h"

#include <ctype.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tend/fileio.h"
#include "tend/vault.h"
#include "testutil.h"

int
vt_one_sentence(const char *msg)
{
	size_t n = strlen(msg);

	return n > 0 && strchr(msg, '\n') == NULL && strstr(msg, ". ") == NULL &&
	    msg[n - 1] != '.';
}

int
vt_names_page(const char *msg, unsigned pgno)
{
	char want[32];
	const char *p = msg;
	size_t n;

	n = (size_t)snprintf(want, sizeof want, "page %u", pgno);
	while ((p = strstr(p, want)) != NULL) {
		if (!isdigit((unsigned char)p[n]))
			return 1;
		p += n;
	}
	return 0;
}

int
vt_says(const char *msg, const char *word)
{
	size_t n = strlen(word);

	for (; *msg != '\0'; msg++)
		if (strncasecmp(msg, word, n) == 0)
			return 1;
	return 0;
}

int
vt_same_file(const char *path, const unsigned char *buf, size_t n)
{
	size_t m;
	unsigned char *now = test_slurp(path, &m);
	int same = now != NULL && m == n && memcmp(now, buf, n) == 0;

	free(now);
	return same;
}

int
vt_copy(const char *from, const char *to)
{
	size_t n;
	unsigned char *buf = test_slurp(from, &n);
	int rc;

	if (buf == NULL)
		return -1;
	rc = test_spit(to, buf, n);
	free(buf);
	return rc;
}

size_t
vt_count(const unsigned char *buf, size_t n, const char *needle)
{
	size_t k = strlen(needle), count = 0;
	const unsigned char *p = buf, *end = buf + n;

	while ((size_t)(end - p) >= k) {
		p = memmem(p, (size_t)(end - p), needle, k);
		if (p == NULL)
			break;
		count++;
		p++;
	}
	return count;
}

off_t
vt_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : -1;
}

const char *
vt_journal(const char *path)
{
	static char buf[600];

	snprintf(buf, sizeof buf, "%s-journal", path);
	return buf;
}

int
vt_add_rows(struct vault *v, const char *marker, int first, int count,
    int len)
{
	sqlite3 *db = vault_db(v);
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS t(n INTEGER PRIMARY "
	    "KEY, len INTEGER NOT NULL, body TEXT NOT NULL)", NULL, NULL, NULL);
	if (rc != SQLITE_OK || count <= 0)
		return rc;
	rc = sqlite3_prepare_v2(db, "WITH RECURSIVE c(i) AS (SELECT ?1 UNION "
	    "ALL SELECT i + 1 FROM c WHERE i < ?2) INSERT INTO t(n, len, body) "
	    "SELECT i, ?3, substr(printf('%s:%d:', ?4, i) || "
	    "hex(randomblob(?3)), 1, ?3) FROM c", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int(st, 1, first);
	sqlite3_bind_int(st, 2, first + count - 1);
	sqlite3_bind_int(st, 3, len);
	sqlite3_bind_text(st, 4, marker != NULL ? marker : "row", -1,
	    SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

long long
vt_check_rows(struct vault *v)
{
	sqlite3_stmt *st;
	long long count = -1, lo, hi, good;

	if (sqlite3_prepare_v2(vault_db(v), "SELECT count(*), ifnull(min(n), "
	    "1), ifnull(max(n), 0), ifnull(sum(length(body) = len AND "
	    "substr(body, instr(body, ':') + 1, length(n) + 1) = n || ':'), 0) "
	    "FROM t", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		count = sqlite3_column_int64(st, 0);
		lo = sqlite3_column_int64(st, 1);
		hi = sqlite3_column_int64(st, 2);
		good = sqlite3_column_int64(st, 3);
		if (lo != 1 || hi != count || good != count)
			count = -1;
	}
	sqlite3_finalize(st);
	return count;
}

int
vt_digest_rows(struct vault *v, unsigned char out[32])
{
	crypto_generichash_state h;
	sqlite3_stmt *st;
	int rc, i;

	if (sqlite3_prepare_v2(vault_db(v), "SELECT n, len, body FROM t "
	    "ORDER BY n", -1, &st, NULL) != SQLITE_OK)
		return -1;
	crypto_generichash_init(&h, NULL, 0, 32);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (i = 0; i < 3; i++) {
			const unsigned char *p = sqlite3_column_text(st, i);

			crypto_generichash_update(&h, p,
			    (size_t)sqlite3_column_bytes(st, i) + 1);
		}
	sqlite3_finalize(st);
	crypto_generichash_final(&h, out, 32);
	return rc == SQLITE_DONE ? 0 : -1;
}
