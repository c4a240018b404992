/*
 * shim.c: the SQLite VFS that encrypts every page of a vault.
 *
 * Stock SQLite has no codec interface, so tend drives it only through this
 * VFS, which sits on the default "unix" VFS and follows these rules (each
 * has a test in tests/unit/test-shim.c, test-integrity.c for damaged pages
 * or test-crashkill.c for hot journals):
 *
 *  - The database file starts with a SHIM_HEADER-byte region (the two
 *    header copies) that SQLite never sees: offsets, sizes, truncation and
 *    size hints are shifted past it.
 *  - Each page on disk is XChaCha20-Poly1305 ciphertext of its first
 *    SHIM_USABLE bytes, then the 24-byte nonce and the 16-byte tag in the
 *    page's reserved bytes.  The nonce is a random 16-byte prefix drawn at
 *    each open and a 64-bit counter, so it never repeats under one key.
 *    Associated data binds the page to its domain (database or journal), the
 *    vault's UUID, its page number, the page size and the format version.
 *  - A page that fails authentication is SQLITE_IOERR_DATA and its number is
 *    kept in the context, never returned as data.
 *  - Partial reads (SQLite reads 100 bytes at offset 0 when it opens, 16 at
 *    offset 24 each transaction) decrypt the whole page and copy out.  The
 *    open-time read comes before the vault is unlocked and gets zeros;
 *    SQLite reads page 1 again, whole, once any hot journal is rolled back.
 *  - Short reads past the end pass through zero-filled; a page that is only
 *    partly there is an authentication failure.
 *  - Every write of page 1 must carry page size 4096 and 40 reserved bytes,
 *    or it fails before touching the disk.
 *  - In the rollback journal a page image is found by position: a page-size
 *    access at offset o right after the 4-byte page-number access at o-4.
 *    The 4-byte checksum right after an image is not a page-number access,
 *    so a page-sized journal header that happens to follow it is not taken
 *    for an image.
 *    Images are encrypted like database pages (journal domain, their own
 *    page number); checksums stay as SQLite wrote them.
 *  - Journal headers stay plaintext, but SQLite reads only their first 28
 *    bytes: in the padding after them the shim writes, with every header
 *    (and every update of its record count), the database's change counter
 *    at the start of the transaction (4 bytes) and a MAC (32) over both,
 *    keyed from the page key, so a journal can be checked before SQLite
 *    rolls it back (hotjournal.c): at open, and whenever SQLite, holding
 *    an EXCLUSIVE lock to roll a hot journal back, asks whether it is
 *    still there (xAccess; ctx->journal_check may move it aside first).
 *  - Temporary databases, temporary and statement journals, WAL files,
 *    super-journals, transient and nameless files are refused, as is any
 *    main database nobody announced with shim_expect() (ATTACH): nothing
 *    SQLite spills can reach the disk unencrypted.
 *  - Through SQLITE_FCNTL_PRAGMA the shim refuses journal_mode other than
 *    DELETE or TRUNCATE, synchronous other than FULL or EXTRA, mmap_size
 *    above 0, page_size other than 4096 and temp_store other than MEMORY.
 *    xFetch never maps, so every read goes through decryption.
 *  - Freshness: a page put back from an older copy of the vault still
 *    authenticates (same key, same place), so the shim keeps every page's
 *    tag in memory and a keyed digest over them in page 1; see "page
 *    freshness" below.  A page older than the table says is
 *    SQLITE_IOERR_DATA with ctx->fresh.stale set.
 */
#include "config.h"

#include "shim.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>

enum shim_kind { KIND_MAIN, KIND_JOURNAL };

struct shim_file {
	sqlite3_file base;
	struct shim_ctx *ctx;
	int kind;
	sqlite3_int64 last4_off;        /* journal: offset of the last page-number access */
	uint32_t last4_pgno;            /* journal: the page number it held */
	sqlite3_int64 img_end;          /* journal: end of the last page image */
	int lock;                       /* the lock level SQLite holds */
	int recovery_wrote;             /* main: a rollback wrote or truncated */
	/* the real file follows this struct */
};

static sqlite3_vfs shim_vfs;
static sqlite3_vfs *real_vfs;
static struct shim_ctx *expected;
static struct shim_ctx *open_vaults;    /* linked by next_open */
static unsigned refused;
static const sqlite3_io_methods shim_io;

static sqlite3_file *
real_of(struct shim_file *f)
{
	return (sqlite3_file *)(f + 1);
}

unsigned
shim_refused_opens(void)
{
	return refused;
}

void
shim_expect(struct shim_ctx *ctx)
{
	expected = ctx;
}

void
shim_ctx_reset_nonce(struct shim_ctx *ctx)
{
	randombytes_buf(ctx->prefix, sizeof ctx->prefix);
	ctx->counter = 0;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

#define AD_LEN (1 + 16 + 4 + 4 + 4)

static void
make_ad(unsigned char ad[AD_LEN], const struct shim_ctx *ctx, int domain,
    uint32_t pgno)
{
	ad[0] = (unsigned char)domain;
	memcpy(ad + 1, ctx->uuid, 16);
	put32(ad + 17, pgno);
	put32(ad + 21, SHIM_PAGE);
	put32(ad + 25, ctx->format);
}

/* Encrypt the plaintext page in into out (both SHIM_PAGE bytes). */
static int
seal_page(struct shim_ctx *ctx, int domain, uint32_t pgno,
    const unsigned char *in, unsigned char *out)
{
	unsigned char ad[AD_LEN];
	unsigned char *nonce = out + SHIM_USABLE;
	unsigned char *tag = nonce + SHIM_NONCE;
	uint64_t c;
	int i;

	if (ctx->page_key == NULL)
		return SQLITE_IOERR_WRITE;
	memcpy(nonce, ctx->prefix, 16);
	c = ++ctx->counter;
	if (c == 0) {                   /* 2^64 writes: draw a new prefix */
		shim_ctx_reset_nonce(ctx);
		c = ++ctx->counter;
	}
	for (i = 0; i < 8; i++)
		nonce[16 + i] = (unsigned char)(c >> (8 * i));
	make_ad(ad, ctx, domain, pgno);
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(out, tag, NULL,
	    in, SHIM_USABLE, ad, sizeof ad, NULL, nonce, ctx->page_key);
	return SQLITE_OK;
}

/* Decrypt the page in buf in place; SQLITE_IOERR_DATA when it does not
 * authenticate.  The reserved bytes are left as they are on disk. */
static int
open_page(struct shim_ctx *ctx, int domain, uint32_t pgno, unsigned char *buf)
{
	unsigned char ad[AD_LEN];

	if (ctx->page_key == NULL)
		return SQLITE_IOERR_READ;
	make_ad(ad, ctx, domain, pgno);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(buf, NULL,
	    buf, SHIM_USABLE, buf + SHIM_USABLE + SHIM_NONCE, ad, sizeof ad,
	    buf + SHIM_USABLE, ctx->page_key) != 0) {
		ctx->bad_page = pgno;
		ctx->bad_domain = domain;
		ctx->fresh.stale = 0;
		return SQLITE_IOERR_DATA;
	}
	return SQLITE_OK;
}

static int
all_zero(const unsigned char *p, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

/* ---- page freshness ----
 *
 * The table: the tag of every page as the file holds it (16 bytes a page).
 * The digest: D = XOR over pages p from 2 to n of SipHash-2-4-128 keyed
 * with K over p || tag of p, where n is the database's size in page 1 (the
 * file can be longer for a moment: SQLite truncates it after a shrinking
 * commit) and K is BLAKE2b-128 of "tend page digest" keyed with the page
 * key.  One page write changes D in O(1).  (SipHash, not BLAKE2b: 0.2
 * against 2.7 microseconds a page here, which opening pays for every
 * page.)  Page 1 carries D (bytes 72-91: "TDG1" and
 * D), written there by the shim at each sync of the database file: every
 * commit and every rollback ends with one, while the rollback journal still
 * protects page 1, so a crash never leaves D and the pages apart.
 *
 * The first access after open reads every tag and checks D (a page put
 * back from an older copy changes it); every later read checks the page's
 * tag against the table.  A new transaction (SHARED taken from NONE) first
 * compares page 1's tag: when another connection changed the file, the
 * table is read and checked again.  Rolling back a hot journal (SQLite
 * takes EXCLUSIVE straight from SHARED) gives the restored pages new tags,
 * so the table is read again at the sync that ends the rollback and D is
 * rewritten from it; a page replaced while a crashed change waits to be
 * rolled back is taken as it is then.  A vault whose page 1 has no digest
 * (written before tend kept one) is checked page by page only, and gets
 * its digest at its next change.
 */

static const unsigned char digest_marker[4] = { 'T', 'D', 'G', '1' };

#define LOAD_CHUNK 64           /* pages read at once to load the table */

static int
fresh_key(struct shim_ctx *ctx)
{
	static const char label[] = "tend page digest";

	if (ctx->fresh.key != NULL)
		return SQLITE_OK;
	ctx->fresh.key = sodium_malloc(crypto_shorthash_siphashx24_KEYBYTES);
	if (ctx->fresh.key == NULL)
		return SQLITE_NOMEM;
	crypto_generichash(ctx->fresh.key, crypto_shorthash_siphashx24_KEYBYTES,
	    (const unsigned char *)label, sizeof label - 1, ctx->page_key, 32);
	return SQLITE_OK;
}

/* Add (or take out: XOR is its own inverse) page pgno with tag to d. */
static void
fresh_mix_into(const struct shim_ctx *ctx, unsigned char *d, uint32_t pgno,
    const unsigned char *tag)
{
	unsigned char in[4 + SHIM_TAG], h[crypto_shorthash_siphashx24_BYTES];
	int i;

	put32(in, pgno);
	memcpy(in + 4, tag, SHIM_TAG);
	crypto_shorthash_siphashx24(h, in, sizeof in, ctx->fresh.key);
	for (i = 0; i < SHIM_DIGEST_LEN; i++)
		d[i] ^= h[i];
}

static void
fresh_mix(struct shim_ctx *ctx, uint32_t pgno, const unsigned char *tag)
{
	fresh_mix_into(ctx, ctx->fresh.digest, pgno, tag);
}

/* The database's size in pages, from page 1 (bytes 28-31). */
static uint32_t
db_pages(const unsigned char *page1)
{
	return (uint32_t)page1[28] << 24 | (uint32_t)page1[29] << 16 |
	    (uint32_t)page1[30] << 8 | page1[31];
}

/* D over pages 2 to n of the database: pages past its end, left in the
 * file until SQLite truncates it after the commit, do not count. */
static void
fresh_digest_upto(const struct shim_ctx *ctx, uint32_t n,
    unsigned char out[SHIM_DIGEST_LEN])
{
	const struct shim_fresh *fr = &ctx->fresh;
	uint32_t p;

	memcpy(out, fr->digest, SHIM_DIGEST_LEN);
	for (p = n < 2 ? 2 : n + 1; p <= fr->npages; p++)
		fresh_mix_into(ctx, out, p, fr->tags + (size_t)(p - 1) * SHIM_TAG);
}

static int
fresh_grow(struct shim_fresh *fr, uint32_t n)
{
	unsigned char *t;
	uint32_t cap;

	if (n <= fr->cap)
		return SQLITE_OK;
	cap = fr->cap < 64 ? 64 : fr->cap;
	while (cap < n)
		cap *= 2;
	t = realloc(fr->tags, (size_t)cap * SHIM_TAG);
	if (t == NULL)
		return SQLITE_NOMEM;
	memset(t + (size_t)fr->cap * SHIM_TAG, 0,
	    (size_t)(cap - fr->cap) * SHIM_TAG);
	fr->tags = t;
	fr->cap = cap;
	return SQLITE_OK;
}

/* Page pgno now holds tag on disk. */
static int
fresh_note(struct shim_ctx *ctx, uint32_t pgno, const unsigned char *tag)
{
	struct shim_fresh *fr = &ctx->fresh;
	unsigned char *slot;
	uint32_t p;

	if (fresh_grow(fr, pgno) != SQLITE_OK)
		return SQLITE_NOMEM;
	for (p = fr->npages + 1; p < pgno; p++)    /* a hole reads as zeros */
		if (p >= 2)
			fresh_mix(ctx, p, fr->tags + (size_t)(p - 1) * SHIM_TAG);
	slot = fr->tags + (size_t)(pgno - 1) * SHIM_TAG;
	if (pgno >= 2) {
		if (pgno <= fr->npages)
			fresh_mix(ctx, pgno, slot);
		fresh_mix(ctx, pgno, tag);
		fr->dirty = 1;
	}
	memcpy(slot, tag, SHIM_TAG);
	if (pgno > fr->npages)
		fr->npages = pgno;
	return SQLITE_OK;
}

/* Read every page's tag from the file and compute D from them. */
static int
fresh_load(struct shim_file *f)
{
	struct shim_fresh *fr = &f->ctx->fresh;
	sqlite3_file *real = real_of(f);
	sqlite3_int64 size;
	unsigned char *buf;
	uint32_t n, p, k = 0, i;
	int rc = real->pMethods->xFileSize(real, &size);

	if (rc != SQLITE_OK)
		return rc;
	n = size > SHIM_HEADER ? (uint32_t)((size - SHIM_HEADER) / SHIM_PAGE) : 0;
	if (fresh_key(f->ctx) != SQLITE_OK || fresh_grow(fr, n) != SQLITE_OK)
		return SQLITE_NOMEM;
	buf = malloc(LOAD_CHUNK * SHIM_PAGE);    /* ciphertext: not secret */
	if (buf == NULL)
		return SQLITE_NOMEM;
	memset(fr->digest, 0, sizeof fr->digest);
	for (p = 1; p <= n; p += k) {
		k = n - p + 1 < LOAD_CHUNK ? n - p + 1 : LOAD_CHUNK;
		rc = real->pMethods->xRead(real, buf, (int)(k * SHIM_PAGE),
		    SHIM_HEADER + (sqlite3_int64)(p - 1) * SHIM_PAGE);
		if (rc != SQLITE_OK)
			break;
		for (i = 0; i < k; i++) {
			unsigned char *slot = fr->tags +
			    (size_t)(p + i - 1) * SHIM_TAG;

			memcpy(slot, buf + (size_t)(i + 1) * SHIM_PAGE - SHIM_TAG,
			    SHIM_TAG);
			if (p + i >= 2)
				fresh_mix(f->ctx, p + i, slot);
		}
	}
	free(buf);
	if (rc != SQLITE_OK)
		return rc;
	if (fr->cap > n)
		memset(fr->tags + (size_t)n * SHIM_TAG, 0,
		    (size_t)(fr->cap - n) * SHIM_TAG);
	fr->npages = n;
	fr->state = FRESH_LOADED;
	fr->dirty = 0;
	fr->check_p1 = 0;
	return SQLITE_OK;
}

/* Page 1 from the file, decrypted, without the freshness checks;
 * SQLITE_IOERR_SHORT_READ when the file has no page 1 yet. */
static int
fresh_read_page1(struct shim_file *f, unsigned char *page)
{
	sqlite3_file *real = real_of(f);
	int rc = real->pMethods->xRead(real, page, SHIM_PAGE, SHIM_HEADER);

	if (rc == SQLITE_OK)
		rc = open_page(f->ctx, SHIM_DOMAIN_DB, 1, page);
	return rc;
}

static int
fresh_fail(struct shim_ctx *ctx, uint32_t pgno, int why)
{
	ctx->fresh.state = FRESH_BAD;
	ctx->fresh.stale = why;
	ctx->bad_page = pgno;
	ctx->bad_domain = SHIM_DOMAIN_DB;
	return SQLITE_IOERR_DATA;
}

/* D did not match: a page that does not authenticate at all is named as
 * damaged; only when every page does are pages older than the rest. */
static int
fresh_mismatch(struct shim_file *f)
{
	sqlite3_file *real = real_of(f);
	unsigned char page[SHIM_PAGE];
	uint32_t p;
	int rc = SQLITE_OK;

	for (p = 2; p <= f->ctx->fresh.npages && rc == SQLITE_OK; p++) {
		rc = real->pMethods->xRead(real, page, SHIM_PAGE, SHIM_HEADER +
		    (sqlite3_int64)(p - 1) * SHIM_PAGE);
		if (rc == SQLITE_OK)
			rc = open_page(f->ctx, SHIM_DOMAIN_DB, p, page);
		else
			rc = SQLITE_IOERR_DATA;
		if (rc != SQLITE_OK)
			rc = fresh_fail(f->ctx, p, 0);
	}
	sodium_memzero(page, sizeof page);
	return rc == SQLITE_OK ? fresh_fail(f->ctx, 0, 1) : rc;
}

/* Compare the digest page 1 holds with the table's. */
static int
fresh_compare(struct shim_file *f, const unsigned char *page)
{
	struct shim_fresh *fr = &f->ctx->fresh;
	const unsigned char *m = page + SHIM_DIGEST_OFF;
	unsigned char d[SHIM_DIGEST_LEN];

	if (all_zero(m, 4 + SHIM_DIGEST_LEN)) {
		fr->dirty = 1;                  /* no digest yet: add it */
		return SQLITE_OK;
	}
	if (memcmp(m, digest_marker, 4) != 0)
		return fresh_fail(f->ctx, 0, 2);
	if (db_pages(page) > fr->npages)
		return SQLITE_OK;       /* cut short: the size check says so */
	fresh_digest_upto(f->ctx, db_pages(page), d);
	if (sodium_memcmp(m + 4, d, SHIM_DIGEST_LEN) != 0)
		return fresh_mismatch(f);
	return SQLITE_OK;
}

/* Read the table and check it against the digest in page 1. */
static int
fresh_ready(struct shim_file *f)
{
	struct shim_fresh *fr = &f->ctx->fresh;
	unsigned char page[SHIM_PAGE];
	int rc = fresh_load(f);

	if (rc != SQLITE_OK)
		return rc;
	rc = fresh_read_page1(f, page);
	if (rc == SQLITE_IOERR_SHORT_READ)
		rc = SQLITE_OK;                 /* a new, empty database */
	else if (rc == SQLITE_OK)
		rc = fresh_compare(f, page);
	sodium_memzero(page, sizeof page);
	if (rc != SQLITE_OK && fr->state == FRESH_LOADED)
		fr->state = FRESH_UNLOADED;
	return rc;
}

/* Before the first read of a transaction: has page 1 changed since the
 * table was last right? */
static int
fresh_recheck(struct shim_file *f)
{
	struct shim_fresh *fr = &f->ctx->fresh;
	sqlite3_file *real = real_of(f);
	unsigned char tag[SHIM_TAG];
	int rc;

	fr->check_p1 = 0;
	rc = real->pMethods->xRead(real, tag, SHIM_TAG,
	    SHIM_HEADER + SHIM_PAGE - SHIM_TAG);
	if (rc == SQLITE_IOERR_SHORT_READ && fr->npages == 0)
		return SQLITE_OK;
	if (rc == SQLITE_OK && fr->npages > 0 &&
	    memcmp(tag, fr->tags, SHIM_TAG) == 0)
		return SQLITE_OK;
	return fresh_ready(f);
}

/* Make the table usable before an access to the database file. */
static int
fresh_before(struct shim_file *f)
{
	struct shim_fresh *fr = &f->ctx->fresh;

	if (f->ctx->page_key == NULL)
		return SQLITE_OK;
	switch (fr->state) {
	case FRESH_BAD:
		return fresh_fail(f->ctx, f->ctx->bad_page, fr->stale);
	case FRESH_UNLOADED:
		return fresh_ready(f);
	case FRESH_LOADED:
		return fr->check_p1 ? fresh_recheck(f) : SQLITE_OK;
	default:
		return SQLITE_OK;
	}
}

/* Write D into page 1 (read back, re-sealed with a new nonce). */
static int
fresh_put_page1(struct shim_file *f)
{
	struct shim_fresh *fr = &f->ctx->fresh;
	sqlite3_file *real = real_of(f);
	unsigned char page[SHIM_PAGE], out[SHIM_PAGE];
	int rc = fresh_read_page1(f, page);

	if (rc == SQLITE_IOERR_SHORT_READ) {
		fr->dirty = 0;
		return SQLITE_OK;
	}
	if (rc == SQLITE_OK && fr->npages > 0 && memcmp(page + SHIM_USABLE +
	    SHIM_NONCE, fr->tags, SHIM_TAG) != 0)
		rc = fresh_fail(f->ctx, 1, 1);
	if (rc == SQLITE_OK) {
		memcpy(page + SHIM_DIGEST_OFF, digest_marker, 4);
		fresh_digest_upto(f->ctx, db_pages(page),
		    page + SHIM_DIGEST_OFF + 4);
		rc = seal_page(f->ctx, SHIM_DOMAIN_DB, 1, page, out);
	}
	if (rc == SQLITE_OK)
		rc = real->pMethods->xWrite(real, out, SHIM_PAGE, SHIM_HEADER);
	if (rc == SQLITE_OK)
		rc = fresh_note(f->ctx, 1, out + SHIM_USABLE + SHIM_NONCE);
	if (rc == SQLITE_OK)
		fr->dirty = 0;
	sodium_memzero(page, sizeof page);
	return rc;
}

static void
fresh_free(struct shim_fresh *fr)
{
	free(fr->tags);
	sodium_free(fr->key);
	memset(fr, 0, sizeof *fr);
}

/* Read database page pgno into buf (SHIM_PAGE bytes), decrypted. */
static int
read_db_page(struct shim_file *f, uint32_t pgno, unsigned char *buf)
{
	sqlite3_file *real = real_of(f);
	sqlite3_int64 off = SHIM_HEADER + (sqlite3_int64)(pgno - 1) * SHIM_PAGE;
	struct shim_fresh *fr = &f->ctx->fresh;
	int rc = fresh_before(f);

	if (rc != SQLITE_OK) {
		memset(buf, 0, SHIM_PAGE);
		return rc;
	}
	rc = real->pMethods->xRead(real, buf, SHIM_PAGE, off);

	if (rc == SQLITE_IOERR_SHORT_READ) {
		if (all_zero(buf, SHIM_PAGE))
			return rc;      /* past the end: SQLite expects zeros */
		f->ctx->bad_page = pgno;
		f->ctx->bad_domain = SHIM_DOMAIN_DB;
		memset(buf, 0, SHIM_PAGE);
		return SQLITE_IOERR_DATA;
	}
	if (rc != SQLITE_OK)
		return rc;
	rc = open_page(f->ctx, SHIM_DOMAIN_DB, pgno, buf);
	if (rc == SQLITE_OK && fr->state == FRESH_LOADED &&
	    pgno <= fr->npages && memcmp(buf + SHIM_USABLE + SHIM_NONCE,
	    fr->tags + (size_t)(pgno - 1) * SHIM_TAG, SHIM_TAG) != 0) {
		rc = SQLITE_IOERR_DATA;         /* not the version written last */
		fr->stale = 1;
		f->ctx->bad_page = pgno;
		f->ctx->bad_domain = SHIM_DOMAIN_DB;
	}
	if (rc != SQLITE_OK)
		memset(buf, 0, SHIM_PAGE);
	return rc;
}

static int
main_read(struct shim_file *f, unsigned char *out, int amt, sqlite3_int64 off)
{
	unsigned char page[SHIM_PAGE];
	int rc = SQLITE_OK;

	if (off % SHIM_PAGE == 0 && amt == SHIM_PAGE)
		return read_db_page(f, (uint32_t)(off / SHIM_PAGE) + 1, out);

	if (f->ctx->page_key == NULL) {
		/* The open-time header read, before the vault is unlocked:
		 * zeros make SQLite take the page size from page 1 later. */
		if (off == 0 && amt <= 100) {
			memset(out, 0, (size_t)amt);
			return SQLITE_OK;
		}
		return SQLITE_IOERR_READ;
	}
	while (amt > 0) {
		uint32_t pgno = (uint32_t)(off / SHIM_PAGE) + 1;
		int in = (int)(off % SHIM_PAGE);
		int n = SHIM_PAGE - in < amt ? SHIM_PAGE - in : amt;
		int r = read_db_page(f, pgno, page);

		if (r == SQLITE_IOERR_SHORT_READ)
			rc = r;
		else if (r != SQLITE_OK) {
			sodium_memzero(page, sizeof page);
			return r;
		}
		memcpy(out, page + in, (size_t)n);
		out += n;
		off += n;
		amt -= n;
	}
	sodium_memzero(page, sizeof page);
	return rc;
}

static int
main_write(struct shim_file *f, const unsigned char *in, int amt,
    sqlite3_int64 off)
{
	unsigned char page[SHIM_PAGE], one[SHIM_PAGE];
	struct shim_fresh *fr = &f->ctx->fresh;
	sqlite3_file *real = real_of(f);
	uint32_t pgno;
	int rc;

	if (amt != SHIM_PAGE || off % SHIM_PAGE != 0)
		return SQLITE_IOERR_WRITE;
	pgno = (uint32_t)(off / SHIM_PAGE) + 1;
	if (pgno == 1 && (in[16] != (SHIM_PAGE >> 8) || in[17] != 0 ||
	    in[20] != SHIM_RESERVE))
		return SQLITE_IOERR_WRITE;      /* fail closed: layout changed */
	rc = fresh_before(f);
	if (rc != SQLITE_OK)
		return rc;
	if (fr->state == FRESH_RECOVERING)
		f->recovery_wrote = 1;
	if (pgno == 1 && fr->state == FRESH_LOADED) {
		memcpy(one, in, SHIM_PAGE);     /* page 1 carries D */
		memcpy(one + SHIM_DIGEST_OFF, digest_marker, 4);
		fresh_digest_upto(f->ctx, db_pages(one),
		    one + SHIM_DIGEST_OFF + 4);
		in = one;
	}
	rc = seal_page(f->ctx, SHIM_DOMAIN_DB, pgno, in, page);
	if (in == one)
		sodium_memzero(one, sizeof one);
	if (rc == SQLITE_OK)
		rc = real->pMethods->xWrite(real, page, SHIM_PAGE,
		    off + SHIM_HEADER);
	if (rc == SQLITE_OK && fr->state == FRESH_LOADED) {
		rc = fresh_note(f->ctx, pgno, page + SHIM_USABLE + SHIM_NONCE);
		if (pgno == 1)
			fr->dirty = 0;
	}
	return rc;
}

static uint32_t
get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* A 4-byte journal access: a page number, unless it is the checksum that
 * ends the record just read or written. */
static void
note_4byte(struct shim_file *f, sqlite3_int64 off, const unsigned char *p)
{
	if (off == f->img_end) {
		f->last4_off = -8;
		return;
	}
	f->last4_off = off;
	f->last4_pgno = get_be32(p);
}

static int
journal_read(struct shim_file *f, unsigned char *out, int amt,
    sqlite3_int64 off)
{
	sqlite3_file *real = real_of(f);
	int rc;

	if (amt == SHIM_PAGE && off == f->last4_off + 4) {
		rc = real->pMethods->xRead(real, out, amt, off);
		if (rc == SQLITE_OK)
			rc = open_page(f->ctx, SHIM_DOMAIN_JOURNAL,
			    f->last4_pgno, out);
		if (rc == SQLITE_IOERR_SHORT_READ && !all_zero(out, amt))
			rc = SQLITE_IOERR_DATA;
		if (rc != SQLITE_OK)
			memset(out, 0, (size_t)amt);
		f->img_end = off + amt;
		return rc;
	}
	rc = real->pMethods->xRead(real, out, amt, off);
	if (amt == 4)
		note_4byte(f, off, out);
	return rc;
}

static const unsigned char journal_magic[8] = {
	0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7
};

/* The MAC of a journal header at offset off: h[0..SHIM_JHDR_MAC) are
 * SQLite's 28 bytes and the change counter. */
static void
journal_mac(const struct shim_ctx *ctx, sqlite3_int64 off,
    const unsigned char *h, unsigned char mac[32])
{
	static const char label[] = "tend journal header v1";
	unsigned char key[32], pos[8];
	crypto_generichash_state st;
	int i;

	crypto_kdf_derive_from_key(key, sizeof key, 1, "tendjhdr",
	    ctx->page_key);
	for (i = 0; i < 8; i++)
		pos[i] = (unsigned char)((uint64_t)off >> (8 * i));
	crypto_generichash_init(&st, key, sizeof key, 32);
	crypto_generichash_update(&st, (const unsigned char *)label,
	    sizeof label);
	crypto_generichash_update(&st, ctx->uuid, 16);
	crypto_generichash_update(&st, pos, sizeof pos);
	crypto_generichash_update(&st, h, SHIM_JHDR_MAC);
	crypto_generichash_final(&st, mac, 32);
	sodium_memzero(key, sizeof key);
	sodium_memzero(&st, sizeof st);
}

int
shim_journal_header_ok(const struct shim_ctx *ctx, sqlite3_int64 off,
    const unsigned char h[SHIM_JHDR_BYTES])
{
	unsigned char mac[32];

	if (ctx->page_key == NULL)
		return 0;
	journal_mac(ctx, off, h, mac);
	return sodium_memcmp(mac, h + SHIM_JHDR_MAC, sizeof mac) == 0;
}

int
shim_open_journal_page(struct shim_ctx *ctx, uint32_t pgno,
    unsigned char buf[SHIM_PAGE])
{
	return open_page(ctx, SHIM_DOMAIN_JOURNAL, pgno, buf);
}

/* The change counter (bytes 24-27 of page 1) in the database file now: 0
 * for an empty database. */
static int
db_change_counter(struct shim_ctx *ctx, unsigned char out[4])
{
	unsigned char page[SHIM_PAGE];
	int rc;

	memset(out, 0, 4);
	if (ctx->main == NULL)
		return SQLITE_IOERR_WRITE;
	rc = read_db_page((struct shim_file *)ctx->main, 1, page);
	if (rc == SQLITE_OK)
		memcpy(out, page + 24, 4);
	sodium_memzero(page, sizeof page);
	return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_OK : rc;
}

/* A write at a sector boundary of the journal (not a page image) that is
 * a header: a whole one (SQLite writes it with the magic zeroed under
 * synchronous=FULL; its sector and page size say what it is), or the
 * update of the magic and record count that makes it valid. */
static int
is_header(const unsigned char *in, int amt)
{
	uint32_t sector;

	if (amt == 12)
		return memcmp(in, journal_magic, sizeof journal_magic) == 0;
	if (amt < 28)
		return 0;
	sector = get_be32(in + 20);
	return get_be32(in + 24) == SHIM_PAGE && sector >= 512 &&
	    sector <= 65536 && (sector & (sector - 1)) == 0;
}

/* SQLite writes a journal header (amt >= 28) or updates its record count
 * (amt 12).  Write the first SHIM_JHDR_BYTES bytes of the header with the
 * change counter and the MAC filled in, in the same write as SQLite's
 * bytes.  The counter is read from the database for the first header and
 * copied from the first header for later ones and for updates. */
static int
journal_header_write(struct shim_file *f, const unsigned char *in, int amt,
    sqlite3_int64 off)
{
	sqlite3_file *real = real_of(f);
	unsigned char h[SHIM_JHDR_BYTES], *buf;
	int n = amt > SHIM_JHDR_BYTES ? amt : SHIM_JHDR_BYTES, rc;

	memset(h, 0, sizeof h);
	if (amt < SHIM_JHDR_BYTES) {
		rc = real->pMethods->xRead(real, h, sizeof h, off);
		if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
			return rc;
	}
	memcpy(h, in, (size_t)(amt < SHIM_JHDR_BYTES ? amt : SHIM_JHDR_BYTES));
	if (amt >= 28) {
		if (off == 0)
			rc = db_change_counter(f->ctx, h + 28);
		else
			rc = real->pMethods->xRead(real, h + 28, 4, 28);
		if (rc != SQLITE_OK)
			return rc;
	}
	journal_mac(f->ctx, off, h, h + SHIM_JHDR_MAC);
	buf = sqlite3_malloc(n);
	if (buf == NULL)
		return SQLITE_IOERR_NOMEM;
	memcpy(buf, in, (size_t)amt);
	memcpy(buf, h, sizeof h);
	rc = real->pMethods->xWrite(real, buf, n, off);
	sqlite3_free(buf);
	return rc;
}

static int
journal_write(struct shim_file *f, const unsigned char *in, int amt,
    sqlite3_int64 off)
{
	sqlite3_file *real = real_of(f);

	if (amt == SHIM_PAGE && off == f->last4_off + 4) {
		unsigned char page[SHIM_PAGE];
		int rc = seal_page(f->ctx, SHIM_DOMAIN_JOURNAL, f->last4_pgno, in,
		    page);
		if (rc == SQLITE_OK)
			rc = real->pMethods->xWrite(real, page, amt, off);
		f->img_end = off + amt;
		return rc;
	}
	if (amt == 4)
		note_4byte(f, off, in);
	if (off % 512 == 0 && f->ctx->page_key != NULL && is_header(in, amt))
		return journal_header_write(f, in, amt, off);
	return real->pMethods->xWrite(real, in, amt, off);
}

/* ---- io methods ---- */

static int
x_close(sqlite3_file *file)
{
	struct shim_file *f = (struct shim_file *)file;
	sqlite3_file *real = real_of(f);
	int rc = SQLITE_OK;

	if (f->kind == KIND_MAIN && f->ctx != NULL && f->ctx->main == file) {
		struct shim_ctx **p;

		f->ctx->main = NULL;
		f->ctx->main_name = NULL;
		fresh_free(&f->ctx->fresh);
		for (p = &open_vaults; *p != NULL; p = &(*p)->next_open)
			if (*p == f->ctx) {
				*p = f->ctx->next_open;
				break;
			}
	}
	if (f->kind == KIND_JOURNAL && f->ctx != NULL && f->ctx->journals > 0)
		f->ctx->journals--;
	if (real->pMethods != NULL)
		rc = real->pMethods->xClose(real);
	return rc;
}

static int
x_read(sqlite3_file *file, void *buf, int amt, sqlite3_int64 off)
{
	struct shim_file *f = (struct shim_file *)file;

	if (f->kind == KIND_MAIN)
		return main_read(f, buf, amt, off);
	return journal_read(f, buf, amt, off);
}

static int
x_write(sqlite3_file *file, const void *buf, int amt, sqlite3_int64 off)
{
	struct shim_file *f = (struct shim_file *)file;

	if (f->kind == KIND_MAIN)
		return main_write(f, buf, amt, off);
	return journal_write(f, buf, amt, off);
}

static int
x_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	struct shim_file *f = (struct shim_file *)file;
	sqlite3_file *real = real_of(f);

	if (f->kind == KIND_MAIN) {
		struct shim_fresh *fr = &f->ctx->fresh;
		uint32_t n = (uint32_t)(size / SHIM_PAGE);
		int rc = fresh_before(f);

		if (rc != SQLITE_OK)
			return rc;
		if (fr->state == FRESH_RECOVERING)
			f->recovery_wrote = 1;
		if (fr->state == FRESH_LOADED && n < fr->npages) {
			uint32_t p;

			for (p = n + 1; p <= fr->npages; p++)
				if (p >= 2)
					fresh_mix(f->ctx, p, fr->tags +
					    (size_t)(p - 1) * SHIM_TAG);
			memset(fr->tags + (size_t)n * SHIM_TAG, 0,
			    (size_t)(fr->npages - n) * SHIM_TAG);
			fr->npages = n;
			fr->dirty = 1;
		}
		size += SHIM_HEADER;
	}
	return real->pMethods->xTruncate(real, size);
}

static int
x_sync(sqlite3_file *file, int flags)
{
	struct shim_file *f = (struct shim_file *)file;
	sqlite3_file *real = real_of(f);
	int rc = SQLITE_OK;

	if (f->kind == KIND_MAIN && f->ctx->page_key != NULL) {
		struct shim_fresh *fr = &f->ctx->fresh;

		if (fr->state == FRESH_RECOVERING && f->recovery_wrote) {
			/* the end of a rollback: restored pages have new
			 * tags, so D is made again from the file */
			rc = fresh_load(f);
			fr->dirty = 1;
		} else if (fr->state == FRESH_RECOVERING) {
			rc = fresh_ready(f);
		}
		f->recovery_wrote = 0;
		if (rc == SQLITE_OK && fr->state == FRESH_LOADED && fr->dirty)
			rc = fresh_put_page1(f);
		if (rc != SQLITE_OK)
			return rc;
	}
	return real->pMethods->xSync(real, flags);
}

static int
x_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
	struct shim_file *f = (struct shim_file *)file;
	sqlite3_file *real = real_of(f);
	int rc = real->pMethods->xFileSize(real, size);

	if (rc == SQLITE_OK && f->kind == KIND_MAIN)
		*size = *size > SHIM_HEADER ? *size - SHIM_HEADER : 0;
	return rc;
}

/* Locks tell the freshness table when to look again: a new transaction
 * (SHARED from NONE) rechecks page 1; EXCLUSIVE straight from SHARED is
 * SQLite rolling back a hot journal. */
static int
x_lock(sqlite3_file *file, int level)
{
	struct shim_file *f = (struct shim_file *)file;
	sqlite3_file *real = real_of(f);
	int rc = real->pMethods->xLock(real, level);

	if (rc != SQLITE_OK || f->kind != KIND_MAIN)
		return rc;
	f->ctx->lock = level;
	if (level == SQLITE_LOCK_SHARED && f->lock == SQLITE_LOCK_NONE &&
	    f->ctx->fresh.state == FRESH_LOADED)
		f->ctx->fresh.check_p1 = 1;
	if (level == SQLITE_LOCK_EXCLUSIVE && f->lock == SQLITE_LOCK_SHARED &&
	    f->ctx->fresh.state != FRESH_BAD) {
		f->ctx->fresh.state = FRESH_RECOVERING;
		f->recovery_wrote = 0;
	}
	if (level > f->lock)
		f->lock = level;
	return rc;
}

static int
x_unlock(sqlite3_file *file, int level)
{
	struct shim_file *f = (struct shim_file *)file;
	sqlite3_file *real = real_of(f);
	int rc = real->pMethods->xUnlock(real, level);

	if (rc == SQLITE_OK && f->kind == KIND_MAIN) {
		f->ctx->lock = level;
		if (level < f->lock)
			f->lock = level;
		/* a rollback that never reached its sync: look again */
		if (f->ctx->fresh.state == FRESH_RECOVERING)
			f->ctx->fresh.state = FRESH_UNLOADED;
	}
	return rc;
}

static int
x_check_reserved(sqlite3_file *file, int *out)
{
	sqlite3_file *real = real_of((struct shim_file *)file);

	return real->pMethods->xCheckReservedLock(real, out);
}

static int
value_is(const char *v, const char *a, const char *b)
{
	return strcasecmp(v, a) == 0 || (b != NULL && strcasecmp(v, b) == 0);
}

/* Answer SQLITE_FCNTL_PRAGMA: SQLITE_NOTFOUND lets SQLite carry on. */
static int
guard_pragma(struct shim_file *f, char **arg)
{
	const char *name = arg[1], *val = arg[2];
	int ok = 1;

	if (val == NULL || !f->ctx->guard)
		return SQLITE_NOTFOUND;
	if (strcasecmp(name, "journal_mode") == 0)
		ok = value_is(val, "delete", NULL) ||
		    value_is(val, "truncate", NULL);
	else if (strcasecmp(name, "synchronous") == 0)
		ok = value_is(val, "full", "2") || value_is(val, "extra", "3");
	else if (strcasecmp(name, "mmap_size") == 0)
		ok = atoll(val) <= 0;
	else if (strcasecmp(name, "page_size") == 0)
		ok = atoll(val) == SHIM_PAGE;
	else if (strcasecmp(name, "temp_store") == 0)
		ok = value_is(val, "memory", "2");
	if (ok)
		return SQLITE_NOTFOUND;
	arg[0] = sqlite3_mprintf("PRAGMA %s=%s is not allowed on a tend vault",
	    name, val);
	return SQLITE_ERROR;
}

static int
x_file_control(sqlite3_file *file, int op, void *arg)
{
	struct shim_file *f = (struct shim_file *)file;
	sqlite3_file *real = real_of(f);

	switch (op) {
	case SQLITE_FCNTL_PRAGMA:
		if (f->kind == KIND_MAIN)
			return guard_pragma(f, arg);
		break;
	case SQLITE_FCNTL_SIZE_HINT:
		if (f->kind == KIND_MAIN) {
			sqlite3_int64 hint = *(sqlite3_int64 *)arg + SHIM_HEADER;

			return real->pMethods->xFileControl(real, op, &hint);
		}
		break;
	case SQLITE_FCNTL_CHUNK_SIZE:
		/* growing the file in chunks would break the rule that its
		 * size matches the page count */
		return SQLITE_OK;
	case SQLITE_FCNTL_MMAP_SIZE:
		*(sqlite3_int64 *)arg = 0;
		return SQLITE_OK;
	default:
		break;
	}
	return real->pMethods->xFileControl(real, op, arg);
}

static int
x_sector_size(sqlite3_file *file)
{
	sqlite3_file *real = real_of((struct shim_file *)file);

	return real->pMethods->xSectorSize(real);
}

static int
x_device_characteristics(sqlite3_file *file)
{
	sqlite3_file *real = real_of((struct shim_file *)file);

	return real->pMethods->xDeviceCharacteristics(real);
}

static int
x_fetch(sqlite3_file *file, sqlite3_int64 off, int amt, void **pp)
{
	(void)file;
	(void)off;
	(void)amt;
	*pp = NULL;             /* never map: mapped pages are ciphertext */
	return SQLITE_OK;
}

static int
x_unfetch(sqlite3_file *file, sqlite3_int64 off, void *p)
{
	(void)file;
	(void)off;
	(void)p;
	return SQLITE_OK;
}

static const sqlite3_io_methods shim_io = {
	.iVersion = 3,
	.xClose = x_close,
	.xRead = x_read,
	.xWrite = x_write,
	.xTruncate = x_truncate,
	.xSync = x_sync,
	.xFileSize = x_file_size,
	.xLock = x_lock,
	.xUnlock = x_unlock,
	.xCheckReservedLock = x_check_reserved,
	.xFileControl = x_file_control,
	.xSectorSize = x_sector_size,
	.xDeviceCharacteristics = x_device_characteristics,
	.xShmMap = NULL,        /* no shared memory: no WAL */
	.xShmLock = NULL,
	.xShmBarrier = NULL,
	.xShmUnmap = NULL,
	.xFetch = x_fetch,
	.xUnfetch = x_unfetch,
};

/* ---- vfs methods ---- */

static struct shim_ctx *
ctx_of_journal(const char *name)
{
	sqlite3_file *db = sqlite3_database_file_object(name);

	if (db == NULL || db->pMethods != &shim_io)
		return NULL;
	return ((struct shim_file *)db)->ctx;
}

static int
x_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
    int *out_flags)
{
	struct shim_file *f = (struct shim_file *)file;
	struct shim_ctx *ctx = NULL;
	int kind, rc;

	(void)vfs;
	memset(f, 0, sizeof *f);
	f->last4_off = -8;
	f->img_end = -1;
	if (name != NULL && (flags & SQLITE_OPEN_MAIN_DB) && expected != NULL) {
		kind = KIND_MAIN;
		ctx = expected;
		expected = NULL;
	} else if (name != NULL && (flags & SQLITE_OPEN_MAIN_JOURNAL)) {
		kind = KIND_JOURNAL;
		ctx = ctx_of_journal(name);
	}
	if (ctx == NULL) {
		refused++;
		return SQLITE_CANTOPEN;
	}
	rc = real_vfs->xOpen(real_vfs, name, real_of(f), flags, out_flags);
	if (rc != SQLITE_OK)
		return rc;
	f->ctx = ctx;
	f->kind = kind;
	if (kind == KIND_MAIN) {
		ctx->main = file;
		ctx->main_name = name;
		ctx->lock = SQLITE_LOCK_NONE;
		ctx->next_open = open_vaults;
		open_vaults = ctx;
	} else
		ctx->journals++;
	f->base.pMethods = &shim_io;
	return SQLITE_OK;
}

static int
x_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}

/* The vault whose hot journal SQLite is about to look for before rolling
 * it back: name is its journal, it holds an EXCLUSIVE lock, and no
 * journal of it is open (so none is being written).  NULL otherwise. */
static struct shim_ctx *
hot_journal_owner(const char *name)
{
	struct shim_ctx *c;
	size_t n;

	for (c = open_vaults; c != NULL; c = c->next_open) {
		if (c->main_name == NULL || c->journal_check == NULL ||
		    c->lock < SQLITE_LOCK_EXCLUSIVE || c->journals != 0)
			continue;
		n = strlen(c->main_name);
		if (strncmp(name, c->main_name, n) == 0 &&
		    strcmp(name + n, "-journal") == 0)
			return c;
	}
	return NULL;
}

static int
x_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	struct shim_ctx *ctx;

	(void)vfs;
	if (flags == SQLITE_ACCESS_EXISTS && name != NULL &&
	    (ctx = hot_journal_owner(name)) != NULL) {
		int rc = ctx->journal_check(ctx, name);

		if (rc != SQLITE_OK)
			return rc;
	}
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int
x_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int
x_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	randombytes_buf(out, (size_t)n);
	return n;
}

static int
x_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return real_vfs->xSleep(real_vfs, us);
}

static int
x_current_time(sqlite3_vfs *vfs, double *t)
{
	(void)vfs;
	return real_vfs->xCurrentTime(real_vfs, t);
}

static int
x_get_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return real_vfs->xGetLastError(real_vfs, n, out);
}

static int
x_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
	(void)vfs;
	return real_vfs->xCurrentTimeInt64(real_vfs, t);
}

int
shim_register(const char *base)
{
	if (real_vfs != NULL)
		return SQLITE_OK;
	real_vfs = sqlite3_vfs_find(base != NULL ? base : "unix");
	if (real_vfs == NULL)
		return SQLITE_ERROR;
	shim_vfs = (sqlite3_vfs){
		.iVersion = 2,
		.szOsFile = (int)sizeof(struct shim_file) + real_vfs->szOsFile,
		.mxPathname = real_vfs->mxPathname,
		.zName = SHIM_VFS_NAME,
		.xOpen = x_open,
		.xDelete = x_delete,
		.xAccess = x_access,
		.xFullPathname = x_full_pathname,
		.xDlOpen = NULL,
		.xDlError = NULL,
		.xDlSym = NULL,
		.xDlClose = NULL,
		.xRandomness = x_randomness,
		.xSleep = x_sleep,
		.xCurrentTime = x_current_time,
		.xGetLastError = x_get_last_error,
		.xCurrentTimeInt64 = x_current_time_int64,
	};
	return sqlite3_vfs_register(&shim_vfs, 0);
}

/* ---- raw access for the header and verify ---- */

static sqlite3_file *
raw_file(struct shim_ctx *ctx)
{
	return ctx->main == NULL ? NULL : real_of((struct shim_file *)ctx->main);
}

int
shim_raw_read(struct shim_ctx *ctx, void *buf, int n, sqlite3_int64 off)
{
	sqlite3_file *real = raw_file(ctx);

	return real ? real->pMethods->xRead(real, buf, n, off) : SQLITE_MISUSE;
}

int
shim_raw_write(struct shim_ctx *ctx, const void *buf, int n, sqlite3_int64 off)
{
	sqlite3_file *real = raw_file(ctx);

	return real ? real->pMethods->xWrite(real, buf, n, off) : SQLITE_MISUSE;
}

int
shim_raw_sync(struct shim_ctx *ctx)
{
	sqlite3_file *real = raw_file(ctx);

	return real ? real->pMethods->xSync(real, SQLITE_SYNC_FULL) :
	    SQLITE_MISUSE;
}

int
shim_raw_size(struct shim_ctx *ctx, sqlite3_int64 *size)
{
	sqlite3_file *real = raw_file(ctx);

	return real ? real->pMethods->xFileSize(real, size) : SQLITE_MISUSE;
}

int
shim_raw_lock(struct shim_ctx *ctx, int level)
{
	sqlite3_file *real = raw_file(ctx);

	return real ? real->pMethods->xLock(real, level) : SQLITE_MISUSE;
}

int
shim_raw_unlock(struct shim_ctx *ctx, int level)
{
	sqlite3_file *real = raw_file(ctx);

	return real ? real->pMethods->xUnlock(real, level) : SQLITE_MISUSE;
}

int
shim_check_page(struct shim_ctx *ctx, uint32_t pgno)
{
	unsigned char page[SHIM_PAGE];
	int rc;

	if (ctx->main == NULL || pgno == 0)
		return SQLITE_MISUSE;
	rc = read_db_page((struct shim_file *)ctx->main, pgno, page);
	if (rc == SQLITE_IOERR_SHORT_READ) {
		ctx->bad_page = pgno;
		ctx->bad_domain = SHIM_DOMAIN_DB;
		rc = SQLITE_IOERR_DATA;
	}
	sodium_memzero(page, sizeof page);
	return rc;
}

int
shim_read_page1_unchecked(struct shim_ctx *ctx, unsigned char out[SHIM_PAGE])
{
	int rc;

	if (ctx->main == NULL)
		return SQLITE_MISUSE;
	rc = fresh_read_page1((struct shim_file *)ctx->main, out);
	if (rc != SQLITE_OK)
		memset(out, 0, SHIM_PAGE);
	return rc;
}

int
shim_read_page(struct shim_ctx *ctx, uint32_t pgno,
    unsigned char out[SHIM_PAGE])
{
	int rc;

	if (ctx->main == NULL || pgno == 0)
		return SQLITE_MISUSE;
	rc = read_db_page((struct shim_file *)ctx->main, pgno, out);
	if (rc == SQLITE_IOERR_SHORT_READ) {
		ctx->bad_page = pgno;
		ctx->bad_domain = SHIM_DOMAIN_DB;
		rc = SQLITE_IOERR_DATA;
	}
	return rc;
}
