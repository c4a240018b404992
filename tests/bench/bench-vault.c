/*
 * bench-vault.c: tend's vault against plain SQLite and SQLCipher.
 *
 * One workload, the same SQL text for every engine:
 *   insert  BENCH_N entries (default 1,000) of about 1.5 KB of varied
 *           text, each in its own transaction (BEGIN; INSERT the entry;
 *           INSERT its FTS4 row; COMMIT) with journal_mode=DELETE and
 *           synchronous=FULL (BENCH_SYNC changes it);
 *   search  200 full-text queries, every row read;
 *   read    every entry read back;
 *   bulk    the same BENCH_N entries inserted again, into a second pair
 *           of tables, all in one transaction: one fsync at the end, so
 *           the cost of encryption shows without fsync noise.
 * FTS4, not FTS5, for all three: Debian's SQLCipher 3.4 has no FTS5.
 *
 * Engines: tend's vault through the vault API (minimal KDF, so key
 * derivation is not measured; created before the clock starts), plain
 * SQLite through the unix VFS, and SQLCipher through the `sqlcipher`
 * command when it is installed (raw hex key, default cipher settings,
 * each phase one `sqlcipher -bail` run of the script on stdin).  tend and
 * SQLite run the same script text with sqlite3_exec(); every phase opens
 * the database afresh, as the SQLCipher shell does.
 *
 * BENCH_RUNS runs (default 3, at least 3), engines alternated in a
 * rotating order; the table shows medians per phase, and the ratio lines
 * are medians of the per-run ratios of whole-workload times (fsync times
 * are noisy, so pairs from the same run are compared).  The workload of
 * the ratio lines is insert, search and read, in wall-clock time; the
 * "cpu" lines compare the CPU time (user + system, getrusage; for
 * SQLCipher that of its child process) of the same three phases, and the
 * "bulk" lines the bulk phase alone, in wall-clock and in CPU time.  BENCH_ONLY=ENGINE
 * runs one engine alone (for a profiler) and prints no table.
 */
#include "config.h"

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "tend/err.h"
#include "tend/vault.h"

#define NSEARCH         200
#define VOCAB           4000
#define BODY_BYTES      1500
#define PASS            "bench passphrase"
#define HEXKEY          "4a7e19c0d2b35f8617aa0c93e4d5b26f" \
			"08c1f7e93a5d2b4c6e8f0a1b3c5d7e9f"

enum { E_TEND, E_SQLITE, E_SQLCIPHER, E_MAX };
enum { P_INSERT, P_SEARCH, P_READ, P_BULK, P_MAX };
#define P_WORKLOAD P_BULK       /* the phases before it make the workload */

static const char *const engine_name[E_MAX] = { "tend", "sqlite", "sqlcipher" };
static const char *const phase_name[P_MAX] = { "insert", "search", "read",
    "bulk" };

static char *script[P_MAX];
static char *words[VOCAB];
static char dir[256], path[E_MAX][300], scriptpath[320];
static const char *sqlcipher_bin;
static const char *sync_mode = "FULL";
extern char **environ;

struct buf {
	char *p;
	size_t len, cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static uint64_t rs = 88172645463325252ull;

static uint64_t
rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}

/* A vocabulary of made-up words from syllables, used with a skewed
 * distribution so some words are common and most are rare. */
static void
make_words(void)
{
	static const char *const syl[] = {
		"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "zen", "pra",
		"sho", "el", "an", "or", "it", "us", "em", "bra", "cle", "dri",
		"fa", "go", "hu", "jo", "ky", "lu", "ma", "no", "pe", "qui",
		"re", "so", "tu", "ve", "wa", "xi", "ya", "zo",
	};
	char w[32];
	int i, k, n;

	for (i = 0; i < VOCAB; i++) {
		w[0] = '\0';
		n = 1 + (int)(rnd() % 4);
		for (k = 0; k < n; k++)
			strcat(w, syl[rnd() % (sizeof syl / sizeof syl[0])]);
		words[i] = xasprintf("%s%d", w, i % 7 == 0 ? i : 0);
		if (i % 7 != 0)
			words[i][strlen(words[i]) - 1] = '\0';
	}
}

static const char *
word(void)
{
	double u = (double)(rnd() % 1000000) / 1e6;

	return words[(int)(u * u * u * VOCAB)];
}

static void
make_scripts(long n)
{
	struct buf b = { 0 }, bulk = { 0 };
	char num[32];
	long i;
	int k;

	buf_str(&b, "CREATE TABLE entries(id INTEGER PRIMARY KEY, "
	    "title TEXT NOT NULL, body TEXT NOT NULL);\n"
	    "CREATE VIRTUAL TABLE fts USING fts4(title, body);\n");
	buf_str(&bulk, "CREATE TABLE bulk(id INTEGER PRIMARY KEY, "
	    "title TEXT NOT NULL, body TEXT NOT NULL);\n"
	    "CREATE VIRTUAL TABLE bulkfts USING fts4(title, body);\nBEGIN;\n");
	for (i = 1; i <= n; i++) {
		struct buf t = { 0 }, body = { 0 };

		for (k = 0; k < 4; k++) {
			buf_str(&t, k ? " " : "");
			buf_str(&t, word());
		}
		while (body.len < BODY_BYTES - 40 + rnd() % 80) {
			buf_str(&body, body.len ? (rnd() % 12 ? " " :
			    ".\n") : "");
			buf_str(&body, word());
		}
		snprintf(num, sizeof num, "%ld", i);
		buf_str(&b, "BEGIN;\nINSERT INTO entries(id, title, body) "
		    "VALUES (");
		buf_str(&b, num);
		buf_str(&b, ", '");
		buf_str(&b, t.p);
		buf_str(&b, "', '");
		buf_str(&b, body.p);
		buf_str(&b, "');\nINSERT INTO fts(docid, title, body) "
		    "VALUES (");
		buf_str(&b, num);
		buf_str(&b, ", '");
		buf_str(&b, t.p);
		buf_str(&b, "', '");
		buf_str(&b, body.p);
		buf_str(&b, "');\nCOMMIT;\n");
		buf_str(&bulk, "INSERT INTO bulk(id, title, body) VALUES (");
		buf_str(&bulk, num);
		buf_str(&bulk, ", '");
		buf_str(&bulk, t.p);
		buf_str(&bulk, "', '");
		buf_str(&bulk, body.p);
		buf_str(&bulk, "');\nINSERT INTO bulkfts(docid, title, body) "
		    "VALUES (");
		buf_str(&bulk, num);
		buf_str(&bulk, ", '");
		buf_str(&bulk, t.p);
		buf_str(&bulk, "', '");
		buf_str(&bulk, body.p);
		buf_str(&bulk, "');\n");
		free(t.p);
		free(body.p);
	}
	script[P_INSERT] = b.p;
	buf_str(&bulk, "COMMIT;\n");
	script[P_BULK] = bulk.p;

	memset(&b, 0, sizeof b);
	for (i = 0; i < NSEARCH; i++) {
		const char *a = words[20 + (i * 37) % 1500];

		buf_str(&b, "SELECT docid, title FROM fts WHERE fts MATCH '");
		buf_str(&b, a);
		if (i % 4 == 3) {
			buf_str(&b, " ");
			buf_str(&b, words[(i * 13) % 200]);
		}
		buf_str(&b, "';\n");
	}
	script[P_SEARCH] = b.p;
	script[P_READ] = xstrdup("SELECT id, title, body FROM entries "
	    "ORDER BY id;\n");
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time (user + system) of this process (who = RUSAGE_SELF) or of its
 * waited-for children (RUSAGE_CHILDREN), in seconds. */
static double
cpu(int who)
{
	struct rusage ru;

	if (getrusage(who, &ru) != 0)
		return 0;
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static long rows_seen;

static int
sink(void *arg, int n, char **val, char **col)
{
	int i;

	(void)arg;
	(void)col;
	for (i = 0; i < n; i++)
		if (val[i] != NULL)
			rows_seen += (long)strlen(val[i]) > 0;
	return 0;
}

static char *
pragmas(void)
{
	return xasprintf("PRAGMA journal_mode=DELETE; PRAGMA synchronous=%s;",
	    sync_mode);
}

static void
fresh(int eng)
{
	char recovery[VAULT_RECOVERY_CHARS + 1];
	char journal[1024];
	struct err e;

	snprintf(journal, sizeof journal, "%s-journal", path[eng]);
	unlink(path[eng]);
	unlink(journal);
	if (eng == E_TEND && vault_create(path[eng], PASS, strlen(PASS),
	    VAULT_KDF_MINIMAL, recovery, &e) != 0)
		fatal("%s", e.msg);
}

static double
phase_sqlite(int eng, int ph, double *cpu_s)
{
	struct vault *v = NULL;
	sqlite3 *db;
	struct err e;
	char *err = NULL, *pr = pragmas();
	double c0 = cpu(RUSAGE_SELF), t0 = now();

	if (eng == E_TEND) {
		if (vault_open(path[eng], PASS, strlen(PASS), VAULT_WRITE, &v,
		    &e) != 0)
			fatal("%s", e.msg);
		db = vault_db(v);
	} else if (sqlite3_open_v2(path[eng], &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, "unix") != SQLITE_OK)
		fatal("cannot open %s", path[eng]);
	if (sqlite3_exec(db, pr, NULL, NULL, &err) != SQLITE_OK ||
	    sqlite3_exec(db, script[ph], sink, NULL, &err) != SQLITE_OK)
		fatal("%s, %s: %s", engine_name[eng], phase_name[ph], err);
	if (v != NULL)
		vault_close(v);
	else
		sqlite3_close(db);
	free(pr);
	t0 = now() - t0;
	*cpu_s = cpu(RUSAGE_SELF) - c0;
	return t0;
}

static double
phase_sqlcipher(int ph, double *cpu_s)
{
	char *argv[] = { (char *)"sqlcipher", (char *)"-bail",
	    path[E_SQLCIPHER], NULL };
	posix_spawn_file_actions_t fa;
	char *pr = pragmas(), *head;
	double t0, c0;
	pid_t pid;
	FILE *f;
	int st;

	head = xasprintf("PRAGMA key = \"x'%s'\";\n%s\n", HEXKEY, pr);
	f = fopen(scriptpath, "w");
	if (f == NULL || fputs(head, f) == EOF || fputs(script[ph], f) == EOF ||
	    fclose(f) != 0)
		fatal("cannot write %s", scriptpath);
	free(head);
	free(pr);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, scriptpath, O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	c0 = cpu(RUSAGE_CHILDREN);
	t0 = now();
	if (posix_spawn(&pid, sqlcipher_bin, &fa, NULL, argv, environ) != 0)
		fatal("cannot run %s", sqlcipher_bin);
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fatal("sqlcipher failed in the %s phase", phase_name[ph]);
	t0 = now() - t0;
	*cpu_s = cpu(RUSAGE_CHILDREN) - c0;
	posix_spawn_file_actions_destroy(&fa);
	return t0;
}

static const char *
find_sqlcipher(void)
{
	static char buf[512];
	const char *env = getenv("BENCH_SQLCIPHER");
	const char *p = getenv("PATH");
	const char *end;

	if (env != NULL)
		return env[0] != '\0' && access(env, X_OK) == 0 ? env : NULL;
	while (p != NULL && *p != '\0') {
		end = strchr(p, ':');
		snprintf(buf, sizeof buf, "%.*s/sqlcipher",
		    (int)(end ? end - p : (long)strlen(p)), p);
		if (access(buf, X_OK) == 0)
			return buf;
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

/* Remove the databases, journals, script and directory. */
static void
cleanup(void)
{
	char journal[1024];
	int eng;

	for (eng = 0; eng < E_MAX; eng++) {
		snprintf(journal, sizeof journal, "%s-journal", path[eng]);
		unlink(path[eng]);
		unlink(journal);
	}
	unlink(scriptpath);
	rmdir(dir);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(const double *v, int n)
{
	double s[64];

	memcpy(s, v, (size_t)n * sizeof *v);
	qsort(s, (size_t)n, sizeof *s, cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* "ratio tend/sqlite WHAT: R" and the same for sqlcipher: medians of the
 * per-run ratios of v. */
static void
print_ratios(const char *what, double v[E_MAX][64], int runs)
{
	double ratio[64];
	int r;

	for (r = 0; r < runs; r++)
		ratio[r] = v[E_TEND][r] / v[E_SQLITE][r];
	printf("ratio tend/sqlite%s: %.2f\n", what, median(ratio, runs));
	if (sqlcipher_bin != NULL) {
		for (r = 0; r < runs; r++)
			ratio[r] = v[E_TEND][r] / v[E_SQLCIPHER][r];
		printf("ratio tend/sqlcipher%s: %.2f\n", what,
		    median(ratio, runs));
	} else
		printf("ratio tend/sqlcipher%s: n/a (sqlcipher is not "
		    "installed)\n", what);
}

int
main(void)
{
	double t[E_MAX][P_MAX][64], c[E_MAX][P_MAX][64], total[E_MAX][64];
	double ctotal[E_MAX][64];
	const char *env;
	struct err e;
	long n;
	int runs, r, k, eng, ph, neng;
	const char *only = getenv("BENCH_ONLY");

	env = getenv("BENCH_N");
	n = env ? atol(env) : 1000;
	env = getenv("BENCH_RUNS");
	runs = env ? atoi(env) : 3;
	if (runs < 3)
		runs = 3;
	if (runs > 64)
		runs = 64;
	env = getenv("BENCH_SYNC");
	if (env != NULL && env[0] != '\0')
		sync_mode = env;
	if (n < 1)
		fatal("BENCH_N must be at least 1");
	if (vault_library_init(&e) != 0)
		fatal("%s", e.msg);
	sqlcipher_bin = find_sqlcipher();
	neng = sqlcipher_bin ? E_MAX : E_SQLCIPHER;

	env = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/tend-bench-XXXXXX",
	    env && env[0] ? env : "/var/tmp");
	if (mkdtemp(dir) == NULL)
		fatal("cannot make a directory under %s", dir);
	for (eng = 0; eng < E_MAX; eng++)
		snprintf(path[eng], sizeof path[eng], "%s/%s.db", dir,
		    engine_name[eng]);
	snprintf(scriptpath, sizeof scriptpath, "%s/script.sql", dir);

	make_words();
	make_scripts(n);
	printf("bench: %ld entries of about %d bytes, each inserted in its own "
	    "transaction (journal_mode=DELETE, synchronous=%s); %d "
	    "full-text searches; every entry read back; then (bulk) the "
	    "same entries again in one transaction\n", n, BODY_BYTES,
	    sync_mode, NSEARCH);
	printf("full-text index: FTS4 for all engines (SQLCipher 3.4 has no "
	    "FTS5)\n");
	printf("tend: vault API, minimal KDF (key derivation not timed); "
	    "sqlite: %s, unix VFS; sqlcipher: %s\n", sqlite3_libversion(),
	    sqlcipher_bin ? sqlcipher_bin : "not installed");
	printf("files in %s; %d runs, engines alternated\n", dir, runs);
	fflush(stdout);

	for (r = 0; r < runs; r++) {
		for (k = 0; k < neng; k++) {
			eng = (r + k) % neng;
			if (only != NULL && strcmp(only, engine_name[eng]) != 0)
				continue;
			fresh(eng);
			total[eng][r] = ctotal[eng][r] = 0;
			for (ph = 0; ph < P_MAX; ph++) {
				t[eng][ph][r] = eng == E_SQLCIPHER ?
				    phase_sqlcipher(ph, &c[eng][ph][r]) :
				    phase_sqlite(eng, ph, &c[eng][ph][r]);
				if (ph < P_WORKLOAD) {
					total[eng][r] += t[eng][ph][r];
					ctotal[eng][r] += c[eng][ph][r];
				}
			}
			printf("run %d %-9s insert %8.3f  search %7.3f  read "
			    "%7.3f  total %8.3f s  cpu %7.3f s  bulk %7.3f s  "
			    "bulk cpu %7.3f s\n", r + 1, engine_name[eng],
			    t[eng][P_INSERT][r], t[eng][P_SEARCH][r],
			    t[eng][P_READ][r], total[eng][r], ctotal[eng][r],
			    t[eng][P_BULK][r], c[eng][P_BULK][r]);
			fflush(stdout);
		}
	}

	if (only != NULL) {
		cleanup();
		return 0;
	}
	printf("\nmedians of %d runs, seconds (N = %ld)\n", runs, n);
	printf("| engine    |   insert |   search |     read |    total |"
	    "      cpu |     bulk | bulk cpu |\n");
	printf("|-----------|----------|----------|----------|----------|"
	    "----------|----------|----------|\n");
	for (eng = 0; eng < neng; eng++) {
		printf("| %-9s |", engine_name[eng]);
		for (ph = 0; ph < P_WORKLOAD; ph++)
			printf(" %8.3f |", median(t[eng][ph], runs));
		printf(" %8.3f | %8.3f | %8.3f | %8.3f |\n",
		    median(total[eng], runs), median(ctotal[eng], runs),
		    median(t[eng][P_BULK], runs), median(c[eng][P_BULK], runs));
	}
	print_ratios("", total, runs);
	print_ratios(" cpu", ctotal, runs);
	for (eng = 0; eng < neng; eng++)
		for (r = 0; r < runs; r++) {
			total[eng][r] = t[eng][P_BULK][r];
			ctotal[eng][r] = c[eng][P_BULK][r];
		}
	print_ratios(" bulk", total, runs);
	print_ratios(" bulk cpu", ctotal, runs);
	cleanup();
	return 0;
}
