/*
 * crashsim.c: power-loss simulation for the vault.
 *
 * A journal workload (inserts, updates, deletes through an FTS5 index kept
 * by triggers, large entries on overflow pages, passphrase changes that
 * rewrite the header, and rekeys that copy every page into a new file under
 * a new data key and move it over the vault) runs on a vault whose file sits on the crash VFS
 * (crashvfs.c) under the encrypting shim.  For each crash point the
 * workload runs again from the same starting file until the power fails at
 * that operation; the files are put into the state the disk guarantees and
 * the vault is opened again.  It must open with the passphrase committed
 * last (or the one being set when the power failed), pass integrity_check
 * and FTS5's integrity-check, and hold exactly the state after the last
 * committed step, or after the step in flight: never less, never a part.
 * A power cut during a rekey must leave a vault that opens under the old
 * data key or the new one, never neither; the rename and the directory
 * sync of a rekey go through the crash model too (crashvfs_rename,
 * crashvfs_sync_dir), so they are crash points like any write.
 *
 * The expected states come from the same steps run on a plain in-memory
 * SQLite database, compared by a digest of every row and of a set of
 * full-text queries.
 *
 * Crash points: every sync boundary (right after each sync and each delete
 * of the journal), the same points with the next write torn when it can
 * be, and random points (half of them torn) up to CRASH_POINTS (1,200) in
 * all.  Three quarters run with unix's powersafe-overwrite default, a
 * quarter without it (journal headers padded to 4096 bytes).
 *
 *   crashsim            TAP: a sample of CRASH_SAMPLE points (at most and
 *                       by default 100)
 *   crashsim --all      every point; ends with the lines
 *                       "rekey crash points: N during a rekey (old key N,
 *                       new key N), N right after one (new key)" and
 *                       "crash points: N, lost commits: N, unopenable: N"
 *
 * The import of notes jotted while the journal was locked (tend jot) has
 * crash points of its own: a journal with tend's schema and an inbox of
 * INBOX_NOTES notes is unlocked and the notes imported, with the power
 * failing at every disk operation of it (and torn where it can be),
 * including the removal of the inbox and the sync of its folder
 * (inbox_set_fs).  After each, the next unlock must leave every note in
 * the journal exactly once and the inbox gone.  --all ends with the line
 * "inbox crash points: N, lost notes: N, duplicated: N, unopenable: N".
 *
 * tend jot's own append has crash points too, modelled directly (the
 * inbox is written with write(2), not through SQLite): the inbox as a
 * power cut during one append can leave it (jot_state) after every
 * prefix of the new bytes, the same sizes read back as zeros, and a
 * prefix followed by zeros, for an inbox of INBOX_NOTES notes and for
 * the first note (whose file may be gone).  Then a new note is jotted and
 * the journal unlocked: every earlier note and the new one must come in
 * exactly once, the one in flight at most once, and the inbox must be
 * gone.  --all ends with "jot crash points: N, lost notes: N, duplicated:
 * N, refused: N".
 *
 * CRASH_SEED chooses the random points and the sample (default 1).
 */
#include "config.h"

#include <glob.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crashvfs.h"
#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/inbox.h"
#include "tend/store.h"
#include "tend/vault.h"
#include "vault/inbox-int.h"
#include "vault/rekey.h"
#include "vault/secmem.h"
#include "vault/shim.h"

#define NSTEPS          42
#define NPASS           8
#define MIN_POINTS      1000

static const char *const words[] = {
	"session", "integration", "breath", "memory", "safe", "garden",
	"ocean", "morning", "anxious", "calm", "therapist", "dream", "walk",
	"sleep", "tired", "hopeful", "fear", "body", "warm", "light",
	"mother", "father", "river", "forest", "letter", "music", "quiet",
	"storm", "window", "shoulder", "tears", "laugh", "friend", "kitchen",
	"train", "bridge", "mountain", "stone", "candle", "blanket", "coffee",
	"journal", "trust", "open", "closed", "noise", "silence", "heart",
	"child", "school", "summer", "winter", "autumn", "spring", "road",
	"home", "door", "night", "day", "week", "medicine", "dose", "wave",
	"colour",
};
#define NWORDS (sizeof words / sizeof words[0])

static const char *const probes[] = {
	"session", "ocean", "dream AND walk", "therapist", "fear OR trust",
	"medicine", "\"morning light\"", "colour", "river NOT stone",
};

static const char schema[] =
	"CREATE TABLE entries(id INTEGER PRIMARY KEY, title TEXT NOT NULL, "
	"  body TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE log(step INTEGER PRIMARY KEY);"
	"CREATE VIRTUAL TABLE fts USING fts5(title, body, content='entries', "
	"  content_rowid='id');"
	"CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN "
	"  INSERT INTO fts(rowid, title, body) "
	"  VALUES (new.id, new.title, new.body); END;"
	"CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN "
	"  INSERT INTO fts(fts, rowid, title, body) "
	"  VALUES ('delete', old.id, old.title, old.body); END;"
	"CREATE TRIGGER entries_au AFTER UPDATE ON entries BEGIN "
	"  INSERT INTO fts(fts, rowid, title, body) "
	"  VALUES ('delete', old.id, old.title, old.body); "
	"  INSERT INTO fts(rowid, title, body) "
	"  VALUES (new.id, new.title, new.body); END;";

struct point {
	long at;
	unsigned tear;
};

struct outcome {
	int committed;          /* last step that returned success, or -1 */
	int inflight;           /* step running when the power failed, or -1 */
	int pass;               /* passphrase committed last */
	int torn;
	unsigned char uuid[NSTEPS][16]; /* the vault's UUID before each step */
};

struct tally {
	long points, lost, unopenable, partial;
	long rekey_points, rekey_old, rekey_new, after_rekey;
	long ipoints, ilost, idup, iunopenable;
	long jpoints, jlost, jdup, jrefused;
};

static unsigned char expect[NSTEPS + 1][32];
static unsigned char *base;
static size_t baselen;
static char vpath[512], jpath[520];
static int all_mode;

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void
pass_of(int i, char out[32])
{
	snprintf(out, 32, "crash passphrase %d", i);
}

/* Some text of about len bytes, the same for the same seed. */
static char *
text(uint64_t seed, size_t len)
{
	uint64_t s = seed * 0x9e3779b97f4a7c15ull + 1;
	char *buf = xmalloc(len + 32);
	size_t n = 0;
	const char *w;

	while (n < len) {
		w = words[rnd(&s) % NWORDS];
		n += (size_t)sprintf(buf + n, "%s%s", n ? (rnd(&s) % 11 ?
		    " " : ".\n") : "", w);
	}
	return buf;
}

/* Step s is a passphrase change when this returns its index (> 0). */
static int
passwd_step(int s)
{
	return s % 12 == 7 ? s / 12 + 1 : 0;
}

/* Step s re-encrypts the vault under a new data key. */
static int
rekey_step(int s)
{
	return s % 12 == 3;
}

/* Steps that change no row. */
static int
key_step(int s)
{
	return passwd_step(s) || rekey_step(s);
}

static char *
insert_sql(int s, int item, size_t len)
{
	char *title = text((uint64_t)s * 100 + (uint64_t)item, 24);
	char *body = text((uint64_t)s * 100 + (uint64_t)item + 50, len);
	char *sql = sqlite3_mprintf("INSERT INTO entries(title, body) "
	    "VALUES (%Q, %Q);", title, body);

	free(title);
	free(body);
	return sql;
}

static char *
update_sql(int s, int item, size_t len)
{
	char *body = text((uint64_t)s * 100 + (uint64_t)item + 70, len);
	char *sql = sqlite3_mprintf("UPDATE entries SET body = %Q, "
	    "version = version + 1 WHERE id = (SELECT id FROM entries "
	    "ORDER BY id LIMIT 1 OFFSET (%d %% max(1, "
	    "(SELECT count(*) FROM entries))));", body, s * 7 + item);

	free(body);
	return sql;
}

static char *
delete_sql(int s)
{
	return sqlite3_mprintf("DELETE FROM entries WHERE id = (SELECT id "
	    "FROM entries ORDER BY id LIMIT 1 OFFSET (%d %% max(1, "
	    "(SELECT count(*) FROM entries))));", s * 5);
}

/* The SQL of data step s, one transaction. */
static char *
step_sql(int s)
{
	uint64_t r = (uint64_t)s * 7919 + 17;
	char *parts[6] = { NULL };
	char *sql;
	int kind = (int)(rnd(&r) % 10), i;

	if (kind < 4) {
		parts[0] = insert_sql(s, 0, 300 + rnd(&r) % 2500);
	} else if (kind < 6) {
		parts[0] = update_sql(s, 0, 200 + rnd(&r) % 3000);
	} else if (kind < 7) {
		parts[0] = delete_sql(s);
	} else if (kind < 8) {
		parts[0] = insert_sql(s, 0, 14000 + rnd(&r) % 6000);
	} else {
		parts[0] = insert_sql(s, 1, 800);
		parts[1] = insert_sql(s, 2, 1600);
		parts[2] = update_sql(s, 3, 900);
		parts[3] = delete_sql(s + 1);
	}
	sql = sqlite3_mprintf("BEGIN IMMEDIATE;%s%s%s%s"
	    "INSERT INTO log(step) VALUES (%d); COMMIT;",
	    parts[0], parts[1] ? parts[1] : "", parts[2] ? parts[2] : "",
	    parts[3] ? parts[3] : "", s);
	for (i = 0; i < 6; i++)
		sqlite3_free(parts[i]);
	return sql;
}

/* Starting contents: the schema and twenty entries. */
static int
seed_db(sqlite3 *db)
{
	char *sql;
	int i, rc;

	rc = sqlite3_exec(db, schema, NULL, NULL, NULL);
	for (i = 0; i < 20 && rc == SQLITE_OK; i++) {
		sql = insert_sql(1000 + i, 0, 500 + 150 * (size_t)i);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
		sqlite3_free(sql);
	}
	return rc;
}

static void
hash_stmt(sqlite3 *db, crypto_generichash_state *h, const char *sql, int *rc)
{
	static const unsigned char sep[] = "\x1f\x1e\x1d";
	sqlite3_stmt *st;
	int i, n;

	if (*rc != SQLITE_OK)
		return;
	*rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (*rc != SQLITE_OK)
		return;
	while ((*rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = sqlite3_column_count(st);
		for (i = 0; i < n; i++) {
			const unsigned char *t = sqlite3_column_text(st, i);

			if (t != NULL)
				crypto_generichash_update(h, t,
				    strlen((const char *)t));
			crypto_generichash_update(h, sep, 1);
		}
		crypto_generichash_update(h, sep + 1, 1);
	}
	sqlite3_finalize(st);
	crypto_generichash_update(h, sep + 2, 1);
	if (*rc == SQLITE_DONE)
		*rc = SQLITE_OK;
}

/* A digest of everything the workload can change. */
static int
digest(sqlite3 *db, unsigned char out[32])
{
	crypto_generichash_state h;
	char *sql;
	size_t i;
	int rc = SQLITE_OK;

	crypto_generichash_init(&h, NULL, 0, 32);
	hash_stmt(db, &h, "SELECT id, title, body, version FROM entries "
	    "ORDER BY id", &rc);
	hash_stmt(db, &h, "SELECT step FROM log ORDER BY step", &rc);
	for (i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		sql = sqlite3_mprintf("SELECT rowid FROM fts "
		    "WHERE fts MATCH %Q ORDER BY rowid", probes[i]);
		hash_stmt(db, &h, sql, &rc);
		sqlite3_free(sql);
	}
	crypto_generichash_final(&h, out, 32);
	return rc;
}

/* expect[s + 1]: the digest after step s, from a plain SQLite database. */
static void
model(void)
{
	sqlite3 *db;
	char *sql;
	int s;

	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, "unix") != SQLITE_OK ||
	    seed_db(db) != SQLITE_OK)
		fatal("model: %s", sqlite3_errmsg(db));
	if (digest(db, expect[0]) != SQLITE_OK)
		fatal("model digest: %s", sqlite3_errmsg(db));
	for (s = 0; s < NSTEPS; s++) {
		if (!key_step(s)) {
			sql = step_sql(s);
			if (sqlite3_exec(db, sql, NULL, NULL, NULL) !=
			    SQLITE_OK)
				fatal("model step %d: %s", s,
				    sqlite3_errmsg(db));
			sqlite3_free(sql);
		}
		if (digest(db, expect[s + 1]) != SQLITE_OK)
			fatal("model digest: %s", sqlite3_errmsg(db));
	}
	sqlite3_close(db);
}

/* The starting vault, kept in memory and written out before each run. */
static void
make_base(void)
{
	char recovery[VAULT_RECOVERY_CHARS + 1], pass[32];
	struct vault *v;
	struct err e;

	pass_of(0, pass);
	if (vault_create(vpath, pass, strlen(pass), VAULT_KDF_MINIMAL,
	    recovery, &e) != 0 ||
	    vault_open(vpath, pass, strlen(pass), VAULT_WRITE, &v, &e) != 0)
		fatal("base vault: %s", e.msg);
	if (seed_db(vault_db(v)) != SQLITE_OK)
		fatal("base vault: %s", sqlite3_errmsg(vault_db(v)));
	vault_close(v);
	base = test_slurp(vpath, &baselen);
	if (base == NULL)
		fatal("cannot read %s", vpath);
}

/* Remove what an interrupted rekey left beside the vault. */
static void
remove_strays(void)
{
	char pattern[540];
	glob_t g;
	size_t i;

	snprintf(pattern, sizeof pattern, "%s.tmp-*", vpath);
	if (glob(pattern, 0, NULL, &g) != 0)
		return;
	for (i = 0; i < g.gl_pathc; i++)
		unlink(g.gl_pathv[i]);
	globfree(&g);
}

/* Run the workload until the power fails at operation at (0: never). */
static void
run(long at, unsigned tear, struct outcome *o)
{
	char recovery[VAULT_RECOVERY_CHARS + 1];
	char pass[32];
	struct vault *v;
	struct err e;
	char *sql;
	int s, p;

	unlink(jpath);
	remove_strays();
	if (test_spit(vpath, base, baselen) != 0)
		fatal("cannot write %s", vpath);
	crashvfs_arm(at, tear);
	o->committed = -1;
	o->inflight = -1;
	o->pass = 0;
	pass_of(0, pass);
	if (vault_open(vpath, pass, strlen(pass), VAULT_WRITE, &v, &e) != 0)
		fatal("opening before the workload: %s", e.msg);
	for (s = 0; s < NSTEPS; s++) {
		o->inflight = s;
		vault_uuid(v, o->uuid[s]);
		if (rekey_step(s)) {
			if (vault_rekey(v, pass, strlen(pass), -1, NULL,
			    recovery, &e) != 0)
				break;
		} else if ((p = passwd_step(s)) != 0) {
			pass_of(p, pass);
			if (vault_passwd(v, pass, strlen(pass), &e) != 0)
				break;
			o->pass = p;
		} else {
			sql = step_sql(s);
			if (sqlite3_exec(vault_db(v), sql, NULL, NULL, NULL) !=
			    SQLITE_OK) {
				sqlite3_free(sql);
				break;
			}
			sqlite3_free(sql);
		}
		o->committed = s;
	}
	if (s == NSTEPS)
		o->inflight = -1;
	else if (!crashvfs_dead())
		fatal("step %d failed without a power cut: %s", s,
		    key_step(s) ? e.msg : sqlite3_errmsg(vault_db(v)));
	o->torn = crashvfs_torn();
	vault_close(v);
}

/* 1 (and why in what) unless the pragma sql answers "ok". */
static int
pragma_bad(sqlite3 *db, const char *sql, char *what, size_t n)
{
	sqlite3_stmt *st;
	const char *t;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(what, n, "%s", sqlite3_errmsg(db));
		return 1;
	}
	rc = sqlite3_step(st);
	t = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	if (t == NULL || strcmp(t, "ok") != 0) {
		snprintf(what, n, "integrity_check: %s", t ? t :
		    sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return 1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Check the vault after a power cut; 0 when all is well, else a reason
 * in what and the tally updated. */
static int
check(const struct outcome *o, struct tally *t, char *what, size_t n)
{
	unsigned char got[32], uuid[16];
	char pass[32];
	struct vault *v = NULL;
	struct err e;
	int p, j, rc = -1;

	t->points++;
	if (crashvfs_restore() != 0) {
		snprintf(what, n, "cannot restore the files");
		t->unopenable++;
		return -1;
	}
	pass_of(o->pass, pass);
	if (vault_open(vpath, pass, strlen(pass), VAULT_WRITE, &v, &e) != 0 &&
	    o->inflight >= 0 && (p = passwd_step(o->inflight)) != 0 &&
	    strcmp(e.msg, "wrong passphrase") == 0) {
		pass_of(p, pass);
		vault_open(vpath, pass, strlen(pass), VAULT_WRITE, &v, &e);
	}
	if (v == NULL) {
		snprintf(what, n, "does not open: %s", e.msg);
		t->unopenable++;
		return -1;
	}
	vault_uuid(v, uuid);
	if (o->inflight >= 0 && rekey_step(o->inflight)) {
		/* It opened, so under a data key its header holds: the old
		 * one (same UUID as before the rekey) or the new one. */
		t->rekey_points++;
		if (memcmp(uuid, o->uuid[o->inflight], 16) == 0)
			t->rekey_old++;
		else
			t->rekey_new++;
	} else if (o->committed >= 0 && rekey_step(o->committed)) {
		/* A rekey that returned must have survived the power cut. */
		t->after_rekey++;
		if (memcmp(uuid, o->uuid[o->committed], 16) == 0) {
			snprintf(what, n, "lost commits: the rekey of step %d "
			    "returned, but the old key is back", o->committed);
			t->lost++;
			goto out;
		}
	}
	if (pragma_bad(vault_db(v), "PRAGMA integrity_check", what, n) != 0) {
		t->unopenable++;
		goto out;
	}
	if (sqlite3_exec(vault_db(v), "INSERT INTO fts(fts) "
	    "VALUES ('integrity-check')", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(what, n, "fts integrity-check: %s",
		    sqlite3_errmsg(vault_db(v)));
		t->unopenable++;
		goto out;
	}
	if (digest(vault_db(v), got) != SQLITE_OK) {
		snprintf(what, n, "reading: %s", sqlite3_errmsg(vault_db(v)));
		t->unopenable++;
		goto out;
	}
	if (memcmp(got, expect[o->committed + 1], 32) == 0 ||
	    (o->inflight >= 0 && memcmp(got, expect[o->inflight + 1],
	    32) == 0)) {
		rc = 0;
		goto out;
	}
	for (j = o->committed; j >= 0; j--)
		if (memcmp(got, expect[j], 32) == 0)
			break;
	if (j >= 0) {
		snprintf(what, n, "lost commits: holds the state after step "
		    "%d, but step %d was committed", j - 1, o->committed);
		t->lost++;
	} else {
		snprintf(what, n, "holds a state no step left (committed %d, "
		    "in flight %d)", o->committed, o->inflight);
		t->partial++;
	}
out:
	vault_close(v);
	return rc;
}

/* Every sync boundary of the workload, torn variants, the end, and random
 * points up to want in all, in a random order. */
static struct point *
make_points(long total, uint64_t seed, size_t want, size_t *np)
{
	const long *b;
	const char *kinds;
	struct point *pts, tmp;
	size_t nb, nk, i, n = 0, cap;

	b = crashvfs_boundaries(&nb);
	kinds = crashvfs_opkinds(&nk);
	cap = 2 * nb + want + 1;
	pts = xcalloc(cap, sizeof *pts);
	for (i = 0; i < nb; i++) {
		pts[n++] = (struct point){ b[i], 0 };
		if (b[i] <= (long)nk && kinds[b[i] - 1] == 'W')
			pts[n++] = (struct point){ b[i],
			    1 + (unsigned)(rnd(&seed) % 1000) };
	}
	pts[n++] = (struct point){ total + 1, 0 };     /* no power cut at all */
	while (n < want) {
		long at = 1 + (long)(rnd(&seed) % (uint64_t)total);
		unsigned tear = kinds[at - 1] == 'W' && rnd(&seed) % 2 ?
		    1 + (unsigned)(rnd(&seed) % 1000) : 0;

		pts[n++] = (struct point){ at, tear };
	}
	for (i = n; i > 1; i--) {
		size_t k = (size_t)(rnd(&seed) % i);

		tmp = pts[i - 1];
		pts[i - 1] = pts[k];
		pts[k] = tmp;
	}
	*np = n;
	return pts;
}

/* Run n of the crash points of one mode; the tally grows. */
static void
run_mode(int powersafe, uint64_t seed, size_t share, size_t sample,
    struct tally *t)
{
	struct outcome o;
	struct point *pts;
	size_t np, i, nrun;
	long total;
	char what[600];
	int bad;

	crashvfs_powersafe(powersafe);
	run(0, 0, &o);
	total = crashvfs_ops();
	if (o.committed != NSTEPS - 1)
		fatal("the workload did not finish");
	crashvfs_restore();
	pts = make_points(total, seed, share, &np);
	nrun = all_mode || sample > np ? np : sample;
	if (all_mode)
		printf("powersafe overwrite %s: %d steps, %ld disk operations, "
		    "%zu crash points\n", powersafe ? "on" : "off", NSTEPS,
		    total, nrun);
	else
		tap_diag("powersafe overwrite %s: %d steps, %ld disk "
		    "operations; %zu of %zu crash points", powersafe ? "on" :
		    "off", NSTEPS, total, nrun, np);
	fflush(stdout);
	for (i = 0; i < nrun; i++) {
		run(pts[i].at, pts[i].tear, &o);
		what[0] = '\0';
		bad = check(&o, t, what, sizeof what);
		if (all_mode) {
			if (bad)
				printf("crash at operation %ld%s "
				    "(powersafe %s): %s\n", pts[i].at, o.torn ? ", torn" : "",
				    powersafe ? "on" : "off", what);
		} else
			ok(!bad, "power cut at operation %ld%s, powersafe %s "
			    "(committed step %d)%s%s", pts[i].at,
			    o.torn ? ", torn" : "", powersafe ? "on" : "off",
			    o.committed, bad ? ": " : "", what);
	}
	free(pts);
}

static const struct rekey_fs crash_fs = { crashvfs_rename,
    crashvfs_sync_dir, crashvfs_unlink };

/* ---- the inbox import ---- */

#define INBOX_NOTES 5

static unsigned char *ibase, *iinbox;
static size_t ibaselen, iinboxlen;
static char ipath[512], iinpath[520], ijpath[530];

/* A journal with tend's schema and an inbox of INBOX_NOTES notes. */
static void
inbox_make_base(void)
{
	char recovery[VAULT_RECOVERY_CHARS + 1], text[64], pass[32];
	struct vault *v;
	struct store *s;
	struct err e;
	int i;

	pass_of(0, pass);
	if (vault_create(ipath, pass, strlen(pass), VAULT_KDF_MINIMAL,
	    recovery, &e) != 0 ||
	    vault_open(ipath, pass, strlen(pass), VAULT_WRITE, &v, &e) != 0 ||
	    store_open(v, &s, &e) != 0)
		fatal("inbox base: %s", e.msg);
	store_close(s);
	vault_close(v);
	for (i = 0; i < INBOX_NOTES; i++) {
		snprintf(text, sizeof text, "inbox note %d", i);
		if (inbox_jot(ipath, text, strlen(text), 1764900000 + i, 0,
		    &e) != 0)
			fatal("inbox base: %s", e.msg);
	}
	ibase = test_slurp(ipath, &ibaselen);
	iinbox = test_slurp(iinpath, &iinboxlen);
	if (ibase == NULL || iinbox == NULL)
		fatal("inbox base: cannot read");
}

/* Unlock and import with the power failing at operation at (0: never). */
static void
inbox_run(long at, unsigned tear)
{
	char pass[32], problem[ERR_MSG_MAX];
	struct vault *v;
	struct store *s;
	struct err e;
	size_t added;

	unlink(ijpath);
	if (test_spit(ipath, ibase, ibaselen) != 0 ||
	    test_spit(iinpath, iinbox, iinboxlen) != 0)
		fatal("cannot write the inbox run's files");
	crashvfs_arm(at, tear);
	pass_of(0, pass);
	if (vault_open(ipath, pass, strlen(pass), VAULT_WRITE, &v, &e) != 0)
		fatal("inbox run: %s", e.msg);
	if (store_open(v, &s, &e) == 0) {
		store_jot_import(s, &added, problem, sizeof problem, &e);
		store_close(s);
	}
	vault_close(v);
}

/* After the power cut: the next unlock must end with each note once. */
static int
inbox_check(struct tally *t, char *what, size_t n)
{
	char pass[32], problem[ERR_MSG_MAX], sql[160];
	struct vault *v;
	struct store *s;
	struct err e;
	size_t added;
	long long total;
	int i, rc = 0;

	t->ipoints++;
	if (crashvfs_restore() != 0) {
		snprintf(what, n, "cannot restore the files");
		t->iunopenable++;
		return -1;
	}
	pass_of(0, pass);
	if (vault_open(ipath, pass, strlen(pass), VAULT_WRITE, &v, &e) != 0) {
		snprintf(what, n, "does not open: %s", e.msg);
		t->iunopenable++;
		return -1;
	}
	if (store_open(v, &s, &e) != 0 ||
	    store_jot_import(s, &added, problem, sizeof problem, &e) != 0) {
		snprintf(what, n, "the next import fails: %s", e.msg);
		store_close(s);
		vault_close(v);
		t->iunopenable++;
		return -1;
	}
	store_close(s);
	if (pragma_bad(vault_db(v), "PRAGMA integrity_check", what, n)) {
		vault_close(v);
		t->iunopenable++;
		return -1;
	}
	for (i = 0; i < INBOX_NOTES; i++) {
		long long c;

		snprintf(sql, sizeof sql, "SELECT count(*) FROM entries e JOIN "
		    "tags t ON t.entry = e.id AND t.tag = 'jot' "
		    "WHERE e.body = 'inbox note %d'", i);
		c = test_int(v, sql);
		if (c < 1) {
			snprintf(what, n, "note %d was lost", i);
			t->ilost++;
			rc = -1;
			break;
		}
		if (c > 1) {
			snprintf(what, n, "note %d came in %lld times", i, c);
			t->idup++;
			rc = -1;
			break;
		}
	}
	total = test_int(v, "SELECT count(*) FROM entries");
	if (rc == 0 && total != INBOX_NOTES) {
		snprintf(what, n, "%lld entries, not %d", total, INBOX_NOTES);
		t->idup++;
		rc = -1;
	}
	if (rc == 0 && access(iinpath, F_OK) == 0) {
		snprintf(what, n, "the inbox is still there: %s", problem);
		t->ilost++;
		rc = -1;
	}
	vault_close(v);
	return rc;
}

/* Every operation of the import as a crash point, torn too where a write
 * can be. */
static void
inbox_mode(struct tally *t)
{
	const char *kinds;
	size_t nk;
	long total, at;
	char what[600];
	int bad, torn;

	snprintf(ipath, sizeof ipath, "%s", test_path("inbox.tend"));
	snprintf(iinpath, sizeof iinpath, "%s-inbox", ipath);
	snprintf(ijpath, sizeof ijpath, "%s-journal", ipath);
	crashvfs_powersafe(1);
	inbox_make_base();
	inbox_run(0, 0);
	total = crashvfs_ops();
	kinds = crashvfs_opkinds(&nk);
	{
		char *k = xmalloc(nk + 1);

		memcpy(k, kinds, nk);
		k[nk] = '\0';
		crashvfs_restore();
		if (access(iinpath, F_OK) == 0)
			fatal("the import without a power cut left the inbox");
		if (all_mode)
			printf("inbox import: %ld disk operations (%s)\n",
			    total, k);
		else
			tap_diag("inbox import: %ld disk operations (%s)",
			    total, k);
		for (at = 1; at <= total + 1; at++)
			for (torn = 0; torn < 2; torn++) {
				if (torn && (at > (long)nk || k[at - 1] != 'W'))
					continue;
				inbox_run(at, torn ? 1 + (unsigned)at * 37 : 0);
				what[0] = '\0';
				bad = inbox_check(t, what, sizeof what);
				if (all_mode) {
					if (bad)
						printf("inbox: crash at operation "
						    "%ld%s: %s\n", at,
						    torn ? ", torn" : "", what);
				} else
					ok(!bad, "inbox import: power cut at "
					    "operation %ld%s%s%s", at,
					    torn ? ", torn" : "",
					    bad ? ": " : "", what);
			}
		free(k);
	}
	free(ibase);
	free(iinbox);
}

/* ---- tend jot's own append ---- */

/* What a power cut during an append can leave.  The append is one write
 * of the record (after the head, when the file is new), one fsync of the
 * file, and a sync of its folder when it made the file; every earlier
 * note was synced before.  So the file holds what it held and any part of
 * the new bytes the disk got to: a prefix of them (a torn write), or the
 * new size with blocks not written yet, read back as zeros (delayed
 * allocation), or a prefix followed by such zeros; a file the append
 * created may be missing altogether.  Each state is written out as it
 * would be found after the power came back. */
enum jot_tail { JOT_PREFIX, JOT_ZEROS, JOT_HALF };

/* The inbox after a cut: old, then l of the new bytes as tail says. */
static unsigned char *
jot_state(const unsigned char *old, size_t oldlen, const unsigned char *add,
    size_t l, enum jot_tail tail, size_t *len)
{
	unsigned char *buf = xmalloc(oldlen + l + 1);
	size_t keep = tail == JOT_PREFIX ? l : tail == JOT_ZEROS ? 0 :
	    l / 2 / 512 * 512;

	if (oldlen > 0)
		memcpy(buf, old, oldlen);
	memcpy(buf + oldlen, add, keep);
	memset(buf + oldlen + keep, 0, l - keep);
	*len = oldlen + l;
	return buf;
}

/* After the cut: a new note is jotted, then the journal is unlocked.
 * Every note before the cut and the new one must come in exactly once,
 * the one in flight at most once, and the inbox must be gone. */
static int
jot_check(const unsigned char *inbox, size_t len, int have_file,
    int before, struct tally *t, char *what, size_t n)
{
	char pass[32], problem[ERR_MSG_MAX], sql[200];
	const char *texts[INBOX_NOTES + 2];
	char names[INBOX_NOTES][32];
	struct vault *v;
	struct store *s;
	struct err e;
	size_t added;
	int i, rc = 0;

	t->jpoints++;
	unlink(iinpath);
	if (test_spit(ipath, ibase, ibaselen) != 0 ||
	    (have_file && test_spit(iinpath, inbox, len) != 0))
		fatal("cannot write the jot run's files");
	if (inbox_jot(ipath, "after the crash", 15, 1764990000, 0, &e) != 0) {
		snprintf(what, n, "the next jot is refused: %s", e.msg);
		t->jrefused++;
		return -1;
	}
	pass_of(0, pass);
	if (vault_open(ipath, pass, strlen(pass), VAULT_WRITE, &v, &e) != 0)
		fatal("jot check: %s", e.msg);
	if (store_open(v, &s, &e) != 0 ||
	    store_jot_import(s, &added, problem, sizeof problem, &e) != 0) {
		snprintf(what, n, "the import fails: %s", e.msg);
		store_close(s);
		vault_close(v);
		t->jrefused++;
		return -1;
	}
	store_close(s);
	for (i = 0; i < before; i++) {
		snprintf(names[i], sizeof names[i], "inbox note %d", i);
		texts[i] = names[i];
	}
	texts[before] = "after the crash";
	texts[before + 1] = "jot in flight";
	for (i = 0; rc == 0 && i < before + 2; i++) {
		long long c;

		snprintf(sql, sizeof sql, "SELECT count(*) FROM entries e JOIN "
		    "tags t ON t.entry = e.id AND t.tag = 'jot' "
		    "WHERE e.body = '%s'", texts[i]);
		c = test_int(v, sql);
		if (c < 1 && i <= before) {
			snprintf(what, n, "'%s' was lost", texts[i]);
			t->jlost++;
			rc = -1;
		} else if (c > 1) {
			snprintf(what, n, "'%s' came in %lld times", texts[i],
			    c);
			t->jdup++;
			rc = -1;
		}
	}
	if (rc == 0 && access(iinpath, F_OK) == 0) {
		snprintf(what, n, "the inbox is still there: %s", problem);
		t->jrefused++;
		rc = -1;
	}
	vault_close(v);
	return rc;
}

/* Every cut of one append: to an inbox of INBOX_NOTES notes (before is
 * INBOX_NOTES), or of the first note, which makes the file (before 0). */
static void
jot_cuts(int before, struct tally *t)
{
	static const char *const tails[] = { "", ", zeros", ", half zeros" };
	unsigned char *add, *after, *state;
	size_t addlen, afterlen, oldlen = before ? iinboxlen : 0, l, len;
	char what[600];
	struct err e;
	int tail, bad;

	unlink(iinpath);
	if (test_spit(ipath, ibase, ibaselen) != 0 ||
	    (before && test_spit(iinpath, iinbox, iinboxlen) != 0))
		fatal("cannot write the jot base");
	if (inbox_jot(ipath, "jot in flight", 13, 1764980000, 0, &e) != 0)
		fatal("jot base: %s", e.msg);
	after = test_slurp(iinpath, &afterlen);
	if (after == NULL || afterlen <= oldlen)
		fatal("jot base: the append wrote nothing");
	addlen = afterlen - oldlen;
	add = after + oldlen;
	if (!before) {          /* the file itself was not durable yet */
		what[0] = '\0';
		bad = jot_check(NULL, 0, 0, 0, t, what, sizeof what);
		if (all_mode && bad)
			printf("jot: first note, no file: %s\n", what);
		else if (!all_mode)
			ok(!bad, "jot: first note, the file gone%s%s",
			    bad ? ": " : "", what);
	}
	for (l = 0; l <= addlen; l = l < 40 ? l + 1 : l + 509 > addlen &&
	    l < addlen ? addlen : l + 509)
		for (tail = 0; tail < 3; tail++) {
			if (tail > 0 && (l == 0 || (tail == 2 && l < 1024)))
				continue;
			state = jot_state(before ? iinbox : NULL, oldlen, add, l,
			    (enum jot_tail)tail, &len);
			what[0] = '\0';
			bad = jot_check(state, len, 1, before, t, what,
			    sizeof what);
			free(state);
			if (all_mode) {
				if (bad)
					printf("jot: %s, cut after %zu of %zu "
					    "bytes%s: %s\n", before ? "append" :
					    "first note", l, addlen, tails[tail],
					    what);
			} else if (l % 4 == 0 || l == addlen || bad)
				ok(!bad, "jot: %s, cut after %zu of %zu bytes%s%s%s",
				    before ? "append" : "first note", l, addlen,
				    tails[tail], bad ? ": " : "", what);
		}
	free(after);
}

static void
jot_mode(struct tally *t)
{
	snprintf(ipath, sizeof ipath, "%s", test_path("jot.tend"));
	snprintf(iinpath, sizeof iinpath, "%s-inbox", ipath);
	snprintf(ijpath, sizeof ijpath, "%s-journal", ipath);
	inbox_set_fs(NULL);     /* removing the inbox is not what is tested */
	inbox_make_base();
	jot_cuts(INBOX_NOTES, t);
	jot_cuts(0, t);
	free(ibase);
	free(iinbox);
}

int
main(int argc, char **argv)
{
	struct tally t = { 0 };
	const char *env;
	uint64_t seed;
	size_t want, sample;

	all_mode = argc > 1 && strcmp(argv[1], "--all") == 0;
	env = getenv("CRASH_SEED");
	seed = env ? strtoull(env, NULL, 10) : 1;
	if (seed == 0)
		seed = 1;
	env = getenv("CRASH_POINTS");
	want = env ? (size_t)atol(env) : 1200;
	if (want < MIN_POINTS)
		want = MIN_POINTS;
	env = getenv("CRASH_SAMPLE");
	sample = env ? (size_t)atol(env) : 100;
	if (sample > 100)
		sample = 100;
	if (secmem_sqlite_allocator() != SQLITE_OK ||
	    crashvfs_register() != SQLITE_OK ||
	    shim_register(CRASHVFS_NAME) != SQLITE_OK)
		fatal("cannot register the crash VFS");
	rekey_set_fs(&crash_fs);
	inbox_set_fs(&crash_fs);
	test_init();
	snprintf(vpath, sizeof vpath, "%s", test_path("crash.tend"));
	snprintf(jpath, sizeof jpath, "%s-journal", vpath);

	model();
	make_base();
	/* Most points with unix's default (powersafe overwrite on), the
	 * rest with 4096-byte journal headers. */
	run_mode(1, seed, want - want / 4, sample - sample / 4, &t);
	run_mode(0, seed + 1, want / 4, sample / 4, &t);
	free(base);
	inbox_mode(&t);
	jot_mode(&t);
	if (all_mode) {
		if (t.partial)
			printf("partial states: %ld\n", t.partial);
		printf("rekey crash points: %ld during a rekey (old key %ld, "
		    "new key %ld), %ld right after one (new key)\n",
		    t.rekey_points, t.rekey_old, t.rekey_new, t.after_rekey);
		printf("crash points: %ld, lost commits: %ld, "
		    "unopenable: %ld\n", t.points, t.lost, t.unopenable);
		printf("inbox crash points: %ld, lost notes: %ld, duplicated: "
		    "%ld, unopenable: %ld\n", t.ipoints, t.ilost, t.idup,
		    t.iunopenable);
		printf("jot crash points: %ld, lost notes: %ld, duplicated: "
		    "%ld, refused: %ld\n", t.jpoints, t.jlost, t.jdup,
		    t.jrefused);
		return t.lost || t.unopenable || t.partial || t.ilost ||
		    t.idup || t.iunopenable || t.jlost || t.jdup ||
		    t.jrefused ? 1 : 0;
	}
	tap_diag("rekey crash points: %ld during a rekey (old key %ld, new "
	    "key %ld), %ld right after one (new key)", t.rekey_points,
	    t.rekey_old, t.rekey_new, t.after_rekey);
	tap_diag("crash points: %ld, lost commits: %ld, unopenable: %ld",
	    t.points, t.lost, t.unopenable);
	tap_diag("inbox crash points: %ld, lost notes: %ld, duplicated: %ld, "
	    "unopenable: %ld", t.ipoints, t.ilost, t.idup, t.iunopenable);
	tap_diag("jot crash points: %ld, lost notes: %ld, duplicated: %ld, "
	    "refused: %ld", t.jpoints, t.jlost, t.jdup, t.jrefused);
	return tap_done();
}
