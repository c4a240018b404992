/*
 * fuzz-recovery.c: libFuzzer target for the recovery-key decoder.
 *
 * The input, as a string, goes to recovery_parse(); a key it accepts must
 * format and parse back to itself.  The first 32 bytes, as a key, must
 * format to VAULT_RECOVERY_CHARS characters that parse back to them.
 */
#include "config.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "tend/err.h"
#include "tend/header.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		abort();
	return 0;
}

static void
format_parse(const unsigned char key[32])
{
	char text[VAULT_RECOVERY_CHARS + 1];
	unsigned char back[32];

	memset(text, 'x', sizeof text);
	recovery_format(key, text);
	if (strlen(text) != VAULT_RECOVERY_CHARS ||
	    recovery_parse(text, back) != 0 || memcmp(key, back, 32) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	unsigned char key[32];
	char *text = malloc(size + 1);

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (recovery_parse(text, key) == 0)
		format_parse(key);
	free(text);
	if (size >= 32)
		format_parse(data);
	return 0;
}
