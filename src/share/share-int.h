/*
 * share-int.h: what the files of src/share share and nobody else sees.
 */
#ifndef TEND_SHARE_INT_H
#define TEND_SHARE_INT_H

#include <stddef.h>

#include "tend/header.h"

/* Read a bundle or identity file whole (at most max bytes) and pick its
 * header: both copies must be the same bytes (these files are written
 * once, so a difference means a change) and of the given kind.  what
 * names the file kind in messages ("bundle").  *buf is malloc'd. */
int sealed_read(const char *path, int kind, const char *what, size_t max,
    unsigned char **buf, size_t *len, struct header *h, struct err *e);

/* Refuse key slots tend does not write (see sealed.c); sealed_read
 * calls it. */
int sealed_check_slots(const char *path, const struct header *h,
    struct err *e);

/* A fresh header of the given kind with a random UUID. */
void sealed_header(struct header *h, int kind);

/* Encode h into both copies at out[0..2*HDR_COPY). */
void sealed_encode(const struct header *h, const struct keys *k,
    unsigned char *out);

/* Guarded memory for keys (fatal() when there is none). */
struct keys *sealed_keys_new(void);
void sealed_keys_free(struct keys *k);

#endif
