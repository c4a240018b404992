/*
 * fuzz-open.c: libFuzzer target for opening a vault from arbitrary bytes.
 *
 * Each input is written to a file and opened with vault_open() and the
 * passphrase "fuzz" (the seed corpus holds vaults made with the minimal
 * KDF and that passphrase).  An open that fails must say why; one that
 * succeeds is verified and queried, then closed.  Nothing may crash,
 * leak or read out of bounds.
 *
 * Inputs whose first byte is odd get both header checksums recomputed
 * first, so mutations of the header fields get past the checksum.  Key
 * slots asking for more than 1 MiB or 3 passes of Argon2id are skipped:
 * tend accepts up to 8 GiB on purpose (that is the slot's stated cost),
 * and deriving such keys would only measure the machine.
 */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend/err.h"
#include "tend/vault.h"
#include "tend/header.h"

#define PASS "fuzz"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static char dir[64], path[96], journal[112];

static void
cleanup(void)
{
	unlink(journal);
	unlink(path);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err e;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof dir, "/tmp/tend-fuzz-XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof path, "%s/input", dir);
	snprintf(journal, sizeof journal, "%s-journal", path);
	atexit(cleanup);
	/* no rollback witness: one that cannot be written is ignored */
	setenv("XDG_STATE_HOME", "/dev/null/tend-fuzz", 1);
	if (vault_library_init(&e) != 0)
		abort();
	return 0;
}

/* Whether a copy holds a slot too costly to derive in a fuzzer. */
static int
costly(const unsigned char *copy)
{
	struct header h;
	int i;

	if (hdr_decode(copy, &h) != HDR_OK)
		return 0;
	for (i = 0; i < HDR_SLOTS; i++)
		if ((h.slot[i].type == SLOT_PASSPHRASE ||
		    h.slot[i].type == SLOT_SHARE_PASSPHRASE) &&
		    (h.slot[i].memlimit > (1u << 20) || h.slot[i].opslimit > 3))
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	unsigned char *buf;
	struct vault *v;
	struct err e;
	uint32_t pages;
	FILE *f;
	size_t i;

	if (size < 1)
		return 0;
	buf = malloc(size);
	if (buf == NULL)
		return 0;
	memcpy(buf, data + 1, size - 1);
	for (i = 0; i < 2 && (data[0] & 1); i++)
		if ((i + 1) * HDR_COPY <= size - 1)
			crypto_generichash(buf + i * HDR_COPY + HDR_SUM_OFF, 32,
			    buf + i * HDR_COPY, HDR_SUM_OFF, NULL, 0);
	for (i = 0; i < 2; i++)
		if ((i + 1) * HDR_COPY <= size - 1 &&
		    costly(buf + i * HDR_COPY)) {
			free(buf);
			return 0;
		}
	unlink(journal);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(buf, 1, size - 1, f) != size - 1 ||
	    fclose(f) != 0)
		abort();
	free(buf);
	e.msg[0] = '\0';
	if (vault_open(path, PASS, strlen(PASS), 0, &v, &e) != 0) {
		if (e.msg[0] == '\0')
			abort();
		return 0;
	}
	e.msg[0] = '\0';
	if (vault_verify(v, &pages, &e) != 0 && e.msg[0] == '\0')
		abort();
	sqlite3_exec(vault_db(v), "SELECT * FROM sqlite_schema", NULL, NULL,
	    NULL);
	vault_close(v);
	return 0;
}
