/*
 * rekey.h: the file-system steps of a rekey (private to src/vault).
 *
 * A rekey moves a new file over the vault and syncs the folder, or removes
 * the new file when something failed.  These steps go through a table so that the power-loss simulation
 * (tests/crash) can model them like the writes and syncs it sees through
 * its VFS; everything else uses the real rename(2) and fsync(2).
 */
#ifndef TEND_VAULT_REKEY_H
#define TEND_VAULT_REKEY_H

struct rekey_fs {
	int (*rename)(const char *from, const char *to);  /* 0 or -1, errno */
	int (*sync_dir)(const char *path);      /* fsync path's folder */
	int (*unlink)(const char *path);
};

/* The real steps: rename(2), fsync of the folder, unlink(2).  The inbox
 * (inbox.c) removes its file through the same kind of table. */
extern const struct rekey_fs rekey_real_fs;

/* Use fs for later rekeys (NULL: the real ones). */
void rekey_set_fs(const struct rekey_fs *fs);

#endif
