/*
 * secmem.c: keep secrets out of core files and freed memory.
 *
 * SQLite's page cache holds decrypted pages.  tend gives SQLite an allocator
 * that wipes every block when it is freed, so closing a vault (or locking
 * the app, which closes it) leaves no journal text in the heap.  Core dumps
 * are turned off for the whole process at start.
 */
#include "config.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#ifdef HAVE_SYS_PRCTL_H
#include <sys/prctl.h>
#endif

#include "secmem.h"
#include "tend/err.h"
#include "tend/vault.h"

/* Each block carries its size in the 8 bytes before it. */
static void *
wipe_malloc(int n)
{
	uint64_t *p;

	if (n < 0)
		return NULL;
	p = malloc((size_t)n + sizeof *p);
	if (p == NULL)
		return NULL;
	p[0] = (uint64_t)n;
	return p + 1;
}

static void
wipe_free(void *q)
{
	uint64_t *p;

	if (q == NULL)
		return;
	p = (uint64_t *)q - 1;
	sodium_memzero(q, (size_t)p[0]);
	free(p);
}

static int
wipe_size(void *q)
{
	return q == NULL ? 0 : (int)((uint64_t *)q)[-1];
}

static void *
wipe_realloc(void *q, int n)
{
	void *r;
	int old;

	if (q == NULL)
		return wipe_malloc(n);
	r = wipe_malloc(n);
	if (r == NULL)
		return NULL;
	old = wipe_size(q);
	memcpy(r, q, (size_t)(old < n ? old : n));
	wipe_free(q);
	return r;
}

static int
wipe_roundup(int n)
{
	return (n + 7) & ~7;
}

static int
wipe_init(void *arg)
{
	(void)arg;
	return SQLITE_OK;
}

static void
wipe_shutdown(void *arg)
{
	(void)arg;
}

static const sqlite3_mem_methods wipe_methods = {
	.xMalloc = wipe_malloc,
	.xFree = wipe_free,
	.xRealloc = wipe_realloc,
	.xSize = wipe_size,
	.xRoundup = wipe_roundup,
	.xInit = wipe_init,
	.xShutdown = wipe_shutdown,
	.pAppData = NULL,
};

int
secmem_sqlite_allocator(void)
{
	static int done;
	int rc;

	if (done)
		return SQLITE_OK;
	done = 1;
	/* Debian's SQLite interprets URIs everywhere (SQLITE_USE_URI), so
	 * "ATTACH 'file:x?vfs=unix'" or VACUUM INTO such a URI would write
	 * a plaintext database past the shim.  Turn that off before SQLite
	 * starts; a connection that wants URIs passes SQLITE_OPEN_URI. */
	rc = sqlite3_config(SQLITE_CONFIG_URI, 0);
	if (rc == SQLITE_OK)
		rc = sqlite3_config(SQLITE_CONFIG_MALLOC, &wipe_methods);

	if (rc == SQLITE_OK)
		rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (rc == SQLITE_OK)
		rc = sqlite3_initialize();
	return rc;
}

void
vault_harden_process(void)
{
	struct rlimit rl = { 0, 0 };

	setrlimit(RLIMIT_CORE, &rl);
#ifdef HAVE_SYS_PRCTL_H
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

void *
vault_secret_alloc(size_t n)
{
	void *p = sodium_malloc(n ? n : 1);

	if (p == NULL)
		fatal("out of memory");
	memset(p, 0, n);
	return p;
}

void
vault_secret_free(void *p)
{
	sodium_free(p);
}

void
vault_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}
