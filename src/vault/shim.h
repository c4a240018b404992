/*
 * shim.h: the encrypting SQLite VFS, private to src/vault.
 *
 * The shim is registered as VFS "tend" on top of the default unix VFS.  A
 * database file opened through it is a vault: the first SHIM_HEADER bytes
 * hold the two header copies (written only by header.c through
 * shim_raw_*), then one encrypted page per SQLite page.  The rules it
 * enforces are listed at the top of shim.c.
 *
 * A main database can only be opened through the shim after shim_expect()
 * named the context it belongs to; any other main database (ATTACH, a stray
 * open) is refused, so nothing can be written unencrypted through it.
 */
#ifndef TEND_SHIM_H
#define TEND_SHIM_H

#include <sqlite3.h>
#include <stdint.h>

#define SHIM_VFS_NAME   "tend"
#define SHIM_HEADER     4096
#define SHIM_PAGE       4096
#define SHIM_RESERVE    40
#define SHIM_USABLE     (SHIM_PAGE - SHIM_RESERVE)
#define SHIM_NONCE      24
#define SHIM_TAG        16

enum shim_domain { SHIM_DOMAIN_DB = 1, SHIM_DOMAIN_JOURNAL = 2 };

/* Page 1, bytes 72-91 (SQLite's "reserved for expansion"): the marker
 * "TDG1" and the page digest (see shim.c and doc/FORMAT.md). */
#define SHIM_DIGEST_OFF 72
#define SHIM_DIGEST_LEN 16

enum shim_fresh_state {
	FRESH_UNLOADED,         /* tags not read yet: read and check first */
	FRESH_LOADED,           /* tags and digest match the file */
	FRESH_RECOVERING,       /* a hot journal is being rolled back */
	FRESH_BAD,              /* the digest did not match: every read fails */
};

/* What the shim knows of every page's freshness. */
struct shim_fresh {
	int state;
	unsigned char *tags;            /* SHIM_TAG bytes a page, page 1 first */
	uint32_t npages, cap;
	unsigned char *key;             /* sodium_malloc'd digest key */
	unsigned char digest[SHIM_DIGEST_LEN]; /* pages 2 and up */
	int dirty;                      /* page 1 does not hold digest yet */
	int check_p1;                   /* a new transaction: recheck page 1 */
	int stale;                      /* last IOERR_DATA: 1 older page(s),
					   2 a digest tend does not know */
};

/* One per open vault.  The key lives in sodium_malloc'd memory owned by the
 * vault; the shim only borrows the pointer. */
struct shim_ctx {
	const unsigned char *page_key;  /* NULL until the vault is unlocked */
	unsigned char uuid[16];
	unsigned char prefix[16];       /* random, drawn at each open */
	uint64_t counter;               /* nonce counter under this prefix */
	uint16_t format;
	sqlite3_file *main;             /* the shim file of the main database */
	uint32_t bad_page;              /* last page that failed to decrypt */
	int bad_domain;
	int guard;                      /* refuse unsafe pragmas once set */
	/* Called when SQLite, holding an EXCLUSIVE lock on the vault and no
	 * journal of it open, looks for a journal to roll back (a hot
	 * journal): it may move the journal at jpath aside.  SQLITE_OK or
	 * an error for SQLite. */
	int (*journal_check)(struct shim_ctx *ctx, const char *jpath);
	void *journal_arg;
	/* kept by the shim */
	const char *main_name;          /* SQLite's name of the main file */
	int lock;                       /* the main file's lock level */
	int journals;                   /* journal files open */
	struct shim_ctx *next_open;     /* vaults open in this process */
	struct shim_fresh fresh;        /* freed when the main file closes */
};

/* Register the VFS once per process (not as the default VFS), on top of
 * the VFS named base (NULL: "unix").  Tests put a fault-injecting VFS
 * underneath; the first call wins. */
int shim_register(const char *base);

/* The next main-database open through the shim belongs to ctx. */
void shim_expect(struct shim_ctx *ctx);

/* Draw a fresh nonce prefix and reset the counter. */
void shim_ctx_reset_nonce(struct shim_ctx *ctx);

/* Raw access to the vault file underneath the encryption: the header
 * region and whole encrypted pages.  SQLite result codes. */
int shim_raw_read(struct shim_ctx *ctx, void *buf, int n, sqlite3_int64 off);
int shim_raw_write(struct shim_ctx *ctx, const void *buf, int n,
    sqlite3_int64 off);
int shim_raw_sync(struct shim_ctx *ctx);
int shim_raw_size(struct shim_ctx *ctx, sqlite3_int64 *size);
int shim_raw_lock(struct shim_ctx *ctx, int level);
int shim_raw_unlock(struct shim_ctx *ctx, int level);

/* Authenticate page pgno (1-based) of the database file.  Returns
 * SQLITE_OK, SQLITE_IOERR_DATA (and sets ctx->bad_page) or an I/O error. */
int shim_check_page(struct shim_ctx *ctx, uint32_t pgno);

/* The decrypted page pgno of the database file (tests scan it for text
 * that must be gone).  Same results as shim_check_page. */
/* Page 1 decrypted, without the freshness checks: for judging a hot
 * journal, whose rollback may be what makes the digest right again. */
int shim_read_page1_unchecked(struct shim_ctx *ctx,
    unsigned char out[SHIM_PAGE]);
int shim_read_page(struct shim_ctx *ctx, uint32_t pgno,
    unsigned char out[SHIM_PAGE]);

/* Journal headers: SQLite's 28 bytes, the database's change counter at
 * the start of the transaction (4), then the shim's MAC (32). */
#define SHIM_JHDR_MAC   32
#define SHIM_JHDR_BYTES 64

/* 1 when the first SHIM_JHDR_BYTES bytes h of a journal header at offset
 * off carry the MAC the shim writes under ctx's key. */
int shim_journal_header_ok(const struct shim_ctx *ctx, sqlite3_int64 off,
    const unsigned char h[SHIM_JHDR_BYTES]);

/* Decrypt a page image read from the rollback journal in place: SQLITE_OK
 * or SQLITE_IOERR_DATA (ctx->bad_page is set). */
int shim_open_journal_page(struct shim_ctx *ctx, uint32_t pgno,
    unsigned char buf[SHIM_PAGE]);

/* How many opens of temporary files the shim has refused (for tests). */
unsigned shim_refused_opens(void);

#endif
