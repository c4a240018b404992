/* secmem.h: SQLite's wiping allocator (private to src/vault). */
#ifndef TEND_VAULT_SECMEM_H
#define TEND_VAULT_SECMEM_H

/* Turn off URI filenames, install the allocator and initialize SQLite; SQLite result code.  Only
 * the first call does anything (a test may call it before registering a
 * VFS of its own, then shim_register() and vault_library_init()). */
int secmem_sqlite_allocator(void);

#endif
