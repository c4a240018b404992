/* secmem.h: SQLite's wiping allocator (private to src/vault). */
#ifndef TEND_VAULT_SECMEM_H
#define TEND_VAULT_SECMEM_H

/* Install the allocator and initialize SQLite; SQLite result code. */
int secmem_sqlite_allocator(void);

#endif
