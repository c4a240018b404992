/*
 * test-vault.c: the vault's public life cycle.
 *
 * Round trip (create, write, close, reopen, read back, byte for byte),
 * wrong passphrases (refused, "wrong passphrase", the file untouched),
 * passwd (old passphrase refused, new one works, pages not rewritten),
 * the recovery key (works, one changed character is caught, passwd after a
 * recovery), and bad files given to vault_open (each refused with one
 * sentence, the file untouched).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "tend/err.h"
#include "tend/vault.h"
#include "testutil.h"
#include "tend/header.h"
#include "vtest.h"

#define NEWPASS "a new passphrase, longer"

/* Values stored in table r and read back after reopening. */
static const struct cell {
	const char *what;
	int type;               /* SQLITE_TEXT, SQLITE_BLOB, SQLITE_INTEGER */
	const char *bytes;
	int n;
	long long i;
} cells[] = {
	{ "ascii text", SQLITE_TEXT, "bring to next session: the dream", 32, 0 },
	{ "utf-8 text", SQLITE_TEXT, "Gef\xc3\xbchle \xe2\x80\x94 \xe5\xbf\x83 "
	    "\xf0\x9f\x8c\xb1", 18, 0 },
	{ "empty text", SQLITE_TEXT, "", 0, 0 },
	{ "blob with NULs", SQLITE_BLOB, "a\0b\0\0c\xff", 7, 0 },
	{ "large integer", SQLITE_INTEGER, NULL, 0, -9007199254740993LL },
	{ "big text (overflow pages)", SQLITE_TEXT, NULL, 100000, 0 },
};

static char big[100001];

static const char *
cell_bytes(const struct cell *c)
{
	return c->bytes != NULL ? c->bytes : big;
}

static void
round_trip(void)
{
	char *path = strdup(test_path("round.tend"));
	char recovery[VAULT_RECOVERY_CHARS + 1];
	unsigned char uuid[16], uuid2[16], pk[32], pk2[32], d1[32], d2[32];
	unsigned char *before;
	size_t i, n;
	struct vault *v;
	struct stat st;
	struct err e;
	sqlite3_stmt *q;

	for (i = 0; i < sizeof big - 1; i++)
		big[i] = (char)('a' + i % 26);
	ok(vault_create(path, TEST_PASS, strlen(TEST_PASS), VAULT_KDF_MINIMAL,
	    recovery, &e) == 0, "create a vault");
	if (stat(path, &st) != 0)
		st.st_mode = 0;
	ok((st.st_mode & 0777) == 0600, "the new vault has mode 0600 (%o)",
	    (unsigned)st.st_mode & 0777);
	ok(strlen(recovery) == VAULT_RECOVERY_CHARS && recovery[4] == '-',
	    "the recovery key has its printed form (%s)", recovery);

	before = test_slurp(path, &n);
	ok(vault_create(path, "other", 5, VAULT_KDF_MINIMAL, recovery,
	    &e) == -1 && vt_says(e.msg, "already exists") &&
	    vt_same_file(path, before, n),
	    "create refuses an existing vault and leaves it (%s)", e.msg);
	free(before);

	v = test_open_vault(path);
	ok(vault_warning(v, 0) != NULL && vt_says(vault_warning(v, 0),
	    "minimal"), "a minimal-KDF vault warns when opened");
	vault_uuid(v, uuid);
	vault_sign_public(v, pk);
	ok(test_exec(v, "CREATE TABLE r(id INTEGER PRIMARY KEY, val)") ==
	    SQLITE_OK, "create a table");
	for (i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		const struct cell *c = &cells[i];

		sqlite3_prepare_v2(vault_db(v), "INSERT INTO r VALUES(?, ?)",
		    -1, &q, NULL);
		sqlite3_bind_int64(q, 1, (sqlite3_int64)i);
		if (c->type == SQLITE_TEXT)
			sqlite3_bind_text(q, 2, cell_bytes(c), c->n,
			    SQLITE_STATIC);
		else if (c->type == SQLITE_BLOB)
			sqlite3_bind_blob(q, 2, c->bytes, c->n, SQLITE_STATIC);
		else
			sqlite3_bind_int64(q, 2, c->i);
		ok(sqlite3_step(q) == SQLITE_DONE, "write %s", c->what);
		sqlite3_finalize(q);
	}
	ok(vt_add_rows(v, NULL, 1, 300, 700) == SQLITE_OK, "write 300 rows");
	ok(vt_digest_rows(v, d1) == 0, "digest the rows");
	vault_close(v);

	v = test_open_vault(path);
	for (i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		const struct cell *c = &cells[i];
		int good = 0;

		sqlite3_prepare_v2(vault_db(v), "SELECT val FROM r WHERE id = ?",
		    -1, &q, NULL);
		sqlite3_bind_int64(q, 1, (sqlite3_int64)i);
		if (sqlite3_step(q) == SQLITE_ROW &&
		    sqlite3_column_type(q, 0) == c->type) {
			if (c->type == SQLITE_INTEGER)
				good = sqlite3_column_int64(q, 0) == c->i;
			else {
				const void *p = c->type == SQLITE_TEXT ?
				    (const void *)sqlite3_column_text(q, 0) :
				    sqlite3_column_blob(q, 0);

				good = sqlite3_column_bytes(q, 0) == c->n &&
				    (c->n == 0 || memcmp(p, cell_bytes(c),
				    (size_t)c->n) == 0);
			}
		}
		ok(good, "read back %s after reopening", c->what);
		sqlite3_finalize(q);
	}
	ok(vt_check_rows(v) == 300, "all 300 rows are back and whole");
	ok(vt_digest_rows(v, d2) == 0 && memcmp(d1, d2, 32) == 0,
	    "the rows are byte for byte the same");
	vault_uuid(v, uuid2);
	vault_sign_public(v, pk2);
	ok(memcmp(uuid, uuid2, 16) == 0, "the vault keeps its UUID");
	ok(memcmp(pk, pk2, 32) == 0, "the vault keeps its signing key");
	vault_close(v);
	free(path);
}

static void
wrong_passphrase(void)
{
	static const char *const wrong[] = {
		"", "correct horse battery stapl", TEST_PASS " ",
		"Correct horse battery staple", "correct horse battery staplf",
		"\xc3\xa9t\xc3\xa9",
	};
	const char *path = test_path("wrongpass.tend");
	unsigned char *before;
	struct vault *v;
	struct err e;
	size_t i, n;

	v = test_new_vault(path);
	vt_add_rows(v, NULL, 1, 20, 300);
	vault_close(v);
	before = test_slurp(path, &n);
	for (i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
		int rc = vault_open(path, wrong[i], strlen(wrong[i]),
		    VAULT_WRITE, &v, &e);

		ok(rc == -1 && v == NULL && strcmp(e.msg, "wrong passphrase") ==
		    0, "wrong passphrase %zu refused: %s", i,
		    rc == -1 ? e.msg : "opened");
		ok(vt_same_file(path, before, n) &&
		    vt_size(vt_journal(path)) == -1,
		    "wrong passphrase %zu: the file is untouched", i);
		if (rc == 0)
			vault_close(v);
	}
	v = test_open_vault(path);
	ok(vt_check_rows(v) == 20, "the right passphrase still opens it");
	vault_close(v);
	free(before);
}

static void
passwd(void)
{
	const char *path = test_path("passwd.tend");
	unsigned char *before, *after;
	size_t n, m;
	struct vault *v;
	struct err e;

	v = test_new_vault(path);
	vt_add_rows(v, NULL, 1, 50, 900);
	vault_close(v);
	before = test_slurp(path, &n);

	v = test_open_vault(path);
	ok(vault_passwd(v, "", 0, &e) == -1 && vt_says(e.msg, "empty"),
	    "an empty new passphrase is refused (%s)", e.msg);
	ok(vault_passwd(v, NEWPASS, strlen(NEWPASS), &e) == 0,
	    "passwd: %s", "change the passphrase");
	vault_close(v);

	after = test_slurp(path, &m);
	ok(after != NULL && m == n, "passwd keeps the file size");
	ok(after != NULL && m == n && memcmp(before + 4096, after + 4096,
	    n - 4096) == 0, "passwd leaves every byte from 4096 on unchanged");
	ok(after != NULL && memcmp(before, after, HDR_COPY) != 0 &&
	    memcmp(before + HDR_COPY, after + HDR_COPY, HDR_COPY) != 0,
	    "passwd rewrote both header copies");

	ok(vault_open(path, TEST_PASS, strlen(TEST_PASS), 0, &v, &e) == -1 &&
	    strcmp(e.msg, "wrong passphrase") == 0,
	    "the old passphrase no longer opens it (%s)", e.msg);
	ok(vault_open(path, NEWPASS, strlen(NEWPASS), VAULT_WRITE, &v,
	    &e) == 0, "the new passphrase opens it");
	if (v != NULL) {
		ok(vt_check_rows(v) == 50, "the rows are all there");
		vault_close(v);
	}
	free(before);
	free(after);
}

static void
recovery(void)
{
	static const int places[] = { 0, 6, 31, 47, 68 };
	const char *path = test_path("recover.tend");
	const char *other = test_path("recover-other.tend");
	char key[VAULT_RECOVERY_CHARS + 1], okey[VAULT_RECOVERY_CHARS + 1];
	char bad[VAULT_RECOVERY_CHARS + 1];
	unsigned char *before;
	struct vault *v;
	struct err e;
	size_t i, n;

	ok(vault_create(path, TEST_PASS, strlen(TEST_PASS), VAULT_KDF_MINIMAL,
	    key, &e) == 0, "create a vault and get its recovery key");
	ok(vault_create(other, TEST_PASS, strlen(TEST_PASS), VAULT_KDF_MINIMAL,
	    okey, &e) == 0, "create a second vault");
	ok(strcmp(key, okey) != 0, "each vault has its own recovery key");
	v = test_open_vault(path);
	vt_add_rows(v, NULL, 1, 30, 500);
	vault_close(v);
	before = test_slurp(path, &n);

	ok(vault_open_recovery(path, key, VAULT_WRITE, &v, &e) == 0,
	    "the recovery key opens the vault");
	if (v != NULL) {
		ok(vt_check_rows(v) == 30, "and the rows are readable");
		vault_close(v);
	}
	for (i = 0; i < sizeof places / sizeof places[0]; i++) {
		memcpy(bad, key, sizeof bad);
		bad[places[i]] = bad[places[i]] == '7' ? '8' : '7';
		ok(vault_open_recovery(path, bad, VAULT_WRITE, &v, &e) == -1 &&
		    v == NULL && vt_says(e.msg, "not a valid recovery key") &&
		    vt_one_sentence(e.msg),
		    "recovery key with character %d changed is refused (%s)",
		    places[i], e.msg);
	}
	ok(vault_open_recovery(path, okey, VAULT_WRITE, &v, &e) == -1 &&
	    v == NULL && vt_says(e.msg, "wrong recovery key"),
	    "another vault's recovery key is refused (%s)", e.msg);
	ok(vt_same_file(path, before, n), "refused recovery keys left the file "
	    "untouched");
	for (i = 0; i < sizeof bad - 1; i++)
		bad[i] = key[i] >= 'A' && key[i] <= 'Z' ? (char)(key[i] + 32) :
		    key[i] == '-' ? ' ' : key[i];
	ok(vault_open_recovery(path, bad, 0, &v, &e) == 0,
	    "the recovery key typed in lower case with spaces works");
	vault_close(v);

	/* Forgot the passphrase: recover, then set a new one. */
	ok(vault_open_recovery(path, key, VAULT_WRITE, &v, &e) == 0 &&
	    vault_passwd(v, NEWPASS, strlen(NEWPASS), &e) == 0,
	    "passwd after opening with the recovery key");
	vault_close(v);
	ok(vault_open(path, NEWPASS, strlen(NEWPASS), VAULT_WRITE, &v,
	    &e) == 0, "the new passphrase opens the recovered vault");
	if (v != NULL) {
		ok(vt_check_rows(v) == 30, "with every row");
		vault_close(v);
	}
	ok(vault_open(path, TEST_PASS, strlen(TEST_PASS), 0, &v, &e) == -1 &&
	    strcmp(e.msg, "wrong passphrase") == 0,
	    "the forgotten passphrase no longer opens it");
	ok(vault_open_recovery(path, key, 0, &v, &e) == 0,
	    "the recovery key still works after passwd");
	vault_close(v);
	free(before);
}

/* ---- bad files ---- */

static int
make_empty(const char *path)
{
	return test_spit(path, "", 0);
}

static int
make_random(const char *path, size_t n)
{
	unsigned char *buf = malloc(n);
	int rc;

	randombytes_buf(buf, n);
	rc = test_spit(path, buf, n);
	free(buf);
	return rc;
}

static int
make_random_short(const char *path)
{
	return make_random(path, 100);
}

static int
make_random_long(const char *path)
{
	return make_random(path, 3 * 4096 + 17);
}

static int
make_plain_sqlite(const char *path)
{
	sqlite3 *db;
	int rc;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, "unix") != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, "CREATE TABLE x(a); INSERT INTO x VALUES('plain');"
	    "CREATE TABLE y(b); CREATE TABLE z(c);", NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static int
make_dir(const char *path)
{
	return mkdir(path, 0700);
}

static int
make_nothing(const char *path)
{
	(void)path;
	return 0;
}

static int
make_vault(const char *path)
{
	char rec[VAULT_RECOVERY_CHARS + 1];
	struct err e;

	return vault_create(path, TEST_PASS, strlen(TEST_PASS),
	    VAULT_KDF_MINIMAL, rec, &e);
}

static int
make_read_only(const char *path)
{
	return make_vault(path) == 0 ? chmod(path, 0400) : -1;
}

/* Rewrite one header field in the chosen copies and fix their checksums,
 * as a tend of another version or kind would have written them. */
static int
make_header_field(const char *path, int copies, int off, unsigned value,
    int fix_sum)
{
	unsigned char *buf;
	size_t n;
	int i, rc;

	if (make_vault(path) != 0 || (buf = test_slurp(path, &n)) == NULL)
		return -1;
	for (i = 0; i < 2; i++) {
		unsigned char *c = buf + i * HDR_COPY;

		if (!(copies & (1 << i)))
			continue;
		c[off] = (unsigned char)value;
		c[off + 1] = (unsigned char)(value >> 8);
		if (fix_sum)
			crypto_generichash(c + HDR_SUM_OFF, 32, c, HDR_SUM_OFF,
			    NULL, 0);
	}
	rc = test_spit(path, buf, n);
	free(buf);
	return rc;
}

static int
make_version2(const char *path)
{
	return make_header_field(path, 3, 8, 2, 1);
}

/* Both copies claim version 2 and neither checksum holds (a newer format
 * may check them another way): still "newer", not "damaged". */
static int
make_version2_unsummed(const char *path)
{
	return make_header_field(path, 3, 8, 2, 0);
}

static int
make_version2_copy_b(const char *path)
{
	return make_header_field(path, 2, 8, 2, 1);
}

static int
make_bundle_kind(const char *path)
{
	return make_header_field(path, 3, 10, HDR_KIND_BUNDLE, 1);
}

static void
bad_inputs(void)
{
	static const struct {
		const char *what;
		int (*make)(const char *);
		int flags;
		const char *says[2];
	} cases[] = {
		{ "an empty file", make_empty, 0, { "empty", NULL } },
		{ "100 random bytes", make_random_short, 0,
		    { "too short", NULL } },
		{ "random bytes, 3 pages long", make_random_long, 0,
		    { "not a tend vault", NULL } },
		{ "a plain SQLite database", make_plain_sqlite, 0,
		    { "not a tend vault", NULL } },
		{ "a directory", make_dir, 0, { "directory", NULL } },
		{ "a missing file", make_nothing, 0, { "no vault", NULL } },
		{ "a read-only file opened for writing", make_read_only,
		    VAULT_WRITE, { "read-only", NULL } },
		{ "format version 2", make_version2, 0,
		    { "newer", "format 2" } },
		{ "format version 2 in copy B", make_version2_copy_b, 0,
		    { "newer", "format 2" } },
		{ "format version 2, checksums not ours", make_version2_unsummed,
		    0, { "newer", "format 2" } },
		{ "a bundle, not a vault", make_bundle_kind, 0,
		    { "bundle", "not a tend vault" } },
	};
	unsigned char *before;
	struct vault *v;
	struct stat st;
	struct err e;
	size_t i, n;
	char name[32];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *path;
		int rc, says;

		snprintf(name, sizeof name, "bad-%zu.tend", i);
		path = test_path(name);
		if (cases[i].make(path) != 0) {
			ok(0, "%s: cannot make the file", cases[i].what);
			continue;
		}
		before = test_slurp(path, &n);
		rc = vault_open(path, TEST_PASS, strlen(TEST_PASS),
		    cases[i].flags, &v, &e);
		says = rc == -1 && vt_says(e.msg, cases[i].says[0]) &&
		    (cases[i].says[1] == NULL || vt_says(e.msg,
		    cases[i].says[1]));
		ok(says && v == NULL && vt_one_sentence(e.msg),
		    "%s is refused in one sentence: %s", cases[i].what,
		    rc == -1 ? e.msg : "it opened");
		if (before != NULL)
			ok(vt_same_file(path, before, n),
			    "%s: the file is untouched", cases[i].what);
		else
			ok(lstat(path, &st) == -1 ? errno == ENOENT &&
			    cases[i].make == make_nothing : S_ISDIR(st.st_mode),
			    "%s: still as it was", cases[i].what);
		ok(vt_size(vt_journal(path)) == -1, "%s: no journal was left",
		    cases[i].what);
		if (rc == 0)
			vault_close(v);
		free(before);
	}

	/* Reading a read-only vault is fine. */
	for (i = 0; cases[i].make != make_read_only; i++)
		continue;
	snprintf(name, sizeof name, "bad-%zu.tend", i);
	ok(vault_open(test_path(name), TEST_PASS, strlen(TEST_PASS), 0,
	    &v, &e) == 0, "a read-only vault opens for reading");
	vault_close(v);
}

int
main(void)
{
	test_dir();
	test_init();
	round_trip();
	wrong_passphrase();
	passwd();
	recovery();
	bad_inputs();
	return tap_done();
}
