/*
 * fuzz-image.c: libFuzzer target for the database image inside a bundle.
 *
 * A bundle's signature says who made it, not that it is harmless: its
 * image is the part a hostile journal controls completely.  Each input is
 * given to store_open_image() as the decrypted image, and when it opens,
 * every query a review runs is run on it: the JSON of `tend review
 * --json`, the summary, and the reports in every format (Markdown for
 * --md, JSON, CSV, HTML).  A failure must say why in one line; nothing
 * may crash, leak, read out of bounds or run past the budget (libFuzzer's
 * -timeout catches a hang).  The seed corpus (tests/fuzz/corpus/image)
 * holds an image exported from a small journal.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tend/err.h"
#include "tend/report.h"
#include "tend/store.h"
#include "tend/vault.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err e;

	(void)argc;
	(void)argv;
	if (vault_library_init(&e) != 0)
		abort();
	return 0;
}

/* A failure must leave one line behind. */
static void
said(const struct err *e)
{
	if (e->msg[0] == '\0' || strchr(e->msg, '\n') != NULL)
		abort();
}

/* Where the review's JSON goes: nowhere. */
static int
discard(const char *p, size_t n, void *arg)
{
	(void)p;
	(void)n;
	(void)arg;
	return 0;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const enum report_format formats[] = {
		REPORT_MD, REPORT_JSON, REPORT_CSV, REPORT_HTML,
	};
	struct report_summary sum;
	struct store *s;
	struct err e;
	char *text;
	size_t len, i;

	memset(&e, 0, sizeof e);
	if (store_open_image(data, size, &s, &e) != 0) {
		said(&e);
		return 0;
	}
	if (store_review_json_to(s, "XXXX-XXXX-XXXX-XXXX", discard, NULL,
	    &e) != 0)
		said(&e);
	if (report_summarize(s, &sum, &e) != 0)
		said(&e);
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		if (report_render(s, formats[i], &text, &len, &e) == 0)
			report_free(text, len);
		else
			said(&e);
	}
	store_close(s);
	return 0;
}
