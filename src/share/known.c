/*
 * known.c: which signing key each patient alias came with before.
 *
 * A text file beside the therapist's identity, mode 0600, replaced
 * atomically: one line per alias, "FINGERPRINT ALIAS", where the alias has
 * bytes below 0x20, 0x7f and '%' written as %XX.  The first fingerprint
 * seen for an alias stays; a later bundle with the same alias and another
 * key is reported every time (to trust a new key, delete the alias's line).
 */
#include "config.h"

#include "tend/share.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend/err.h"
#include "tend/fileio.h"

#define KNOWN_MAX (4u << 20)

char *
share_known_path(const char *identity_path)
{
	char *dir = path_dirname(identity_path);
	char *p = xasprintf("%s/known-patients", dir);

	free(dir);
	return p;
}

static char *
escape(const char *alias)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = xmalloc(strlen(alias) * 3 + 1), *o = out;

	for (; *alias != '\0'; alias++) {
		unsigned char c = (unsigned char)*alias;

		if (c < 0x20 || c == 0x7f || c == '%') {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		} else
			*o++ = (char)c;
	}
	*o = '\0';
	return out;
}

int
share_known_check(const char *path, const char *alias, const char *fpr,
    enum share_known *out, char before[SHARE_FPR_CHARS], struct err *e)
{
	char *text = NULL, *esc, *line, *next, *add, *dir;
	size_t len = 0;
	int rc;

	*out = SHARE_KNOWN_NEW;
	if (alias == NULL || alias[0] == '\0')
		return 0;
	if (access(path, F_OK) == 0 &&
	    file_read_all(path, &text, &len, KNOWN_MAX, e) != 0)
		return err_prefix(e, "cannot read the known patients");
	esc = escape(alias);
	for (line = text; line != NULL && *line != '\0'; line = next) {
		char *sp;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		sp = strchr(line, ' ');
		if (sp == NULL || strcmp(sp + 1, esc) != 0)
			continue;
		*sp = '\0';
		if (strcmp(line, fpr) == 0)
			*out = SHARE_KNOWN_SAME;
		else {
			*out = SHARE_KNOWN_DIFFERENT;
			snprintf(before, SHARE_FPR_CHARS, "%s", line);
		}
		free(esc);
		free(text);
		return 0;
	}
	/* First time: the old lines (restored from the NULs) and this one. */
	if (text != NULL)
		for (next = text; next < text + len; next++)
			if (*next == '\0')
				*next = '\n';
	add = xasprintf("%.*s%s%s %s\n", (int)len, text ? text : "",
	    text != NULL && len > 0 && text[len - 1] != '\n' ? "\n" : "", fpr, esc);
	dir = path_dirname(path);
	rc = dir_ensure(dir, e);
	free(dir);
	if (rc == 0)
		rc = file_write_atomic(path, add, strlen(add), 0600, 0, e);
	if (rc != 0)
		err_prefix(e, "cannot remember the patient's key");
	free(add);
	free(esc);
	free(text);
	return rc;
}
