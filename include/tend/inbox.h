/*
 * inbox.h: notes written without the passphrase ("tend jot").
 *
 * A vault carries an X25519 public key in its header (offset 1664, under
 * the header MAC).  Anyone who can read the vault file can seal a note to
 * that key; only the passphrase (through the signing seed the key is
 * derived from) opens it.  Sealed notes are appended to an inbox file
 * beside the vault (PATH-inbox), each padded to a power of two of at least
 * 1 KiB so its length shows only roughly.  At the next unlock that may
 * write, the notes are taken out (inbox_take), put into the journal in one
 * transaction by src/store, and only then is the inbox removed
 * (inbox_finish).  The format is in doc/FORMAT.md.
 *
 * The inbox is locked (flock) while a note is appended and while notes are
 * taken, so a jot never lands in a file that is being removed.
 */
#ifndef TEND_INBOX_H
#define TEND_INBOX_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct err;
struct vault;
struct inbox;

/* The longest note, in bytes of UTF-8. */
#define INBOX_TEXT_MAX ((1u << 20) - 64)

struct inbox_note {
	unsigned char id[16];   /* random, unique: imports are idempotent */
	time_t when;            /* when it was jotted, UTC */
	int offset;             /* the local UTC offset then, minutes east */
	const char *text;       /* NUL-terminated, in guarded memory */
	size_t len;
};

/* The inbox beside a vault (free()). */
char *inbox_path(const char *vault_path);

/* Seal text (len bytes of UTF-8, not empty) to the vault's public key and
 * append it to the inbox, synced, without any passphrase.  now and offset
 * are the time to record.  Fails with one sentence when the vault has no
 * key for notes yet, or cannot be read. */
int inbox_jot(const char *vault_path, const char *text, size_t len,
    time_t now, int offset, struct err *e);

/* Lock the inbox of the open vault v and open every note in it.  *out is
 * NULL when there is no inbox.  Records that cannot be opened, and a last
 * record cut short, are left out and counted (inbox_problem says what). */
int inbox_take(struct vault *v, struct inbox **out, struct err *e);
size_t inbox_count(const struct inbox *in);
const struct inbox_note *inbox_note(const struct inbox *in, size_t i);
/* A sentence on what was left out, or NULL when every note was read. */
const char *inbox_problem(const struct inbox *in);

/* Every note is safely in the journal: remove the inbox (and sync its
 * folder) unless something in it could not be read, in which case it is
 * kept as it is.  Unlocks and frees in either way. */
int inbox_finish(struct inbox *in, struct err *e);
/* Unlock and free, leaving the inbox as it is. */
void inbox_release(struct inbox *in);

/* How many whole notes wait in the inbox beside vault_path (no key
 * needed: the count shows in the file's size anyway). */
size_t inbox_waiting(const char *vault_path);

#endif
