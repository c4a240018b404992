/*
 * known.c: the patients a therapist knows, by their journal's signing key.
 *
 * The file "patients" beside the therapist's identity (mode 0600, always
 * replaced whole: temp file, fsync, rename) holds one line per patient
 * after a first line that names the format:
 *
 *   # tend known patients 1
 *   FINGERPRINT <TAB> NAME <TAB> ALIAS
 *
 * NAME is what the therapist chose (tend patient add); ALIAS is the name
 * the patient's bundle carried when it was added (empty when the patient
 * was added by fingerprint).  Neither can hold a tab, a line break or any
 * other control character, and both are at most 64 characters, so no
 * bundle can break a line.  Reading is strict: any line that is not
 * exactly this is reported with its number, and nothing is guessed.
 *
 * Before this file, tend kept "known-patients": "FINGERPRINT ALIAS" lines
 * (alias %XX-escaped) remembered on first sight.  While "patients" does
 * not exist, those lines are read as known patients named by their alias
 * (the therapist accepted them on first sight); the first tend patient
 * add or rm writes them into "patients", and the old file is never
 * written again.
 */
#include "config.h"

#include "tend/share.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tend/base32.h"
#include "tend/err.h"
#include "tend/fileio.h"
#include "tend/utf8.h"

#define KNOWN_MAX (4u << 20)
#define KNOWN_FIRST "# tend known patients 1"

char *
share_patients_path(const char *identity_path)
{
	char *dir = path_dirname(identity_path);
	char *p = xasprintf("%s/patients", dir);

	free(dir);
	return p;
}

static char *
legacy_path(const char *path)
{
	char *dir = path_dirname(path);
	char *p = xasprintf("%s/known-patients", dir);

	free(dir);
	return p;
}

/* Characters in valid UTF-8 text. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int
share_name_check(const char *name, const char *what, struct err *e)
{
	size_t len = strlen(name), i;

	if (len == 0 || utf8_blank(name))
		return err_set(e, "%s is empty", what);
	if (!utf8_valid(name, len))
		return err_set(e, "%s is not UTF-8 text", what);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c < 0x20 || c == 0x7f || (c == 0xc2 && i + 1 < len &&
		    (unsigned char)name[i + 1] <= 0x9f))
			break;
	}
	if (i < len)
		return err_set(e, "%s holds a line break, tab or other control "
		    "character", what);
	if (chars(name) > SHARE_NAME_MAX)
		return err_set(e, "%s is longer than %d characters", what,
		    SHARE_NAME_MAX);
	if (name[0] == ' ' || name[len - 1] == ' ')
		return err_set(e, "%s begins or ends with a space", what);
	return 0;
}

int
share_fingerprint_parse(const char *text, char out[SHARE_FPR_CHARS],
    struct err *e)
{
	char got[16];
	size_t n = 0, i, o = 0;

	for (; *text != '\0'; text++) {
		char c = *text;

		if (c == '-' || c == ' ')
			continue;
		c = base32_canon(c);
		if (n == sizeof got || c == '\0')
			return err_set(e, "a fingerprint is four groups of four "
			    "letters and digits, like 1A2B-3C4D-5E6F-7G8H");
		got[n++] = c;
	}
	if (n != sizeof got)
		return err_set(e, "a fingerprint is four groups of four letters "
		    "and digits, like 1A2B-3C4D-5E6F-7G8H");
	for (i = 0; i < n; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = got[i];
	}
	out[o] = '\0';
	return 0;
}

void
share_patients_free(struct share_patients *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		free(ps->p[i].name);
		free(ps->p[i].alias);
	}
	free(ps->p);
	memset(ps, 0, sizeof *ps);
}

static struct share_patient *
find_fpr(const struct share_patients *ps, const char *fpr)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->p[i].fpr, fpr) == 0)
			return &ps->p[i];
	return NULL;
}

static struct share_patient *
find_name(const struct share_patients *ps, const char *name)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (strcasecmp(ps->p[i].name, name) == 0)
			return &ps->p[i];
	return NULL;
}

static void
push(struct share_patients *ps, const char *fpr, const char *name,
    const char *alias)
{
	struct share_patient *p;

	ps->p = xrealloc(ps->p, (ps->n + 1) * sizeof *ps->p);
	p = &ps->p[ps->n++];
	snprintf(p->fpr, sizeof p->fpr, "%s", fpr);
	p->name = xstrdup(name);
	p->alias = xstrdup(alias);
}

/* Parse one line of the file into ps; 0 or -1 (the caller words it). */
static int
parse_line(char *line, struct share_patients *ps)
{
	char *name, *alias, fpr[SHARE_FPR_CHARS];
	struct err e;

	if ((name = strchr(line, '\t')) == NULL)
		return -1;
	*name++ = '\0';
	if ((alias = strchr(name, '\t')) == NULL)
		return -1;
	*alias++ = '\0';
	if (strchr(alias, '\t') != NULL ||
	    share_fingerprint_parse(line, fpr, &e) != 0 ||
	    strcmp(fpr, line) != 0 || share_name_check(name, "", &e) != 0 ||
	    (alias[0] != '\0' && share_name_check(alias, "", &e) != 0) ||
	    find_fpr(ps, fpr) != NULL || find_name(ps, name) != NULL)
		return -1;
	push(ps, fpr, name, alias);
	return 0;
}

/* The old file: lines "FINGERPRINT ALIAS" (alias %XX-escaped).  What
 * cannot be read as a valid name is left out, never an error. */
static void
load_legacy(const char *path, struct share_patients *ps)
{
	char *text = NULL, *line, *next, fpr[SHARE_FPR_CHARS];
	size_t len;
	struct err e;

	if (access(path, F_OK) != 0 ||
	    file_read_all(path, &text, &len, KNOWN_MAX, &e) != 0)
		return;
	for (line = text; line != NULL && *line != '\0'; line = next) {
		char *sp, *r, *w;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((sp = strchr(line, ' ')) == NULL)
			continue;
		*sp++ = '\0';
		for (r = w = sp; *r != '\0'; r++, w++) {
			unsigned int c;

			if (*r == '%' && sscanf(r + 1, "%2X", &c) == 1 &&
			    r[1] != '\0' && r[2] != '\0') {
				*w = (char)c;
				r += 2;
			} else
				*w = *r;
		}
		*w = '\0';
		if (share_fingerprint_parse(line, fpr, &e) == 0 &&
		    share_name_check(sp, "", &e) == 0 &&
		    find_fpr(ps, fpr) == NULL && find_name(ps, sp) == NULL)
			push(ps, fpr, sp, sp);
	}
	free(text);
}

int
share_patients_load(const char *path, struct share_patients *out,
    struct err *e)
{
	char *text = NULL, *line, *next;
	size_t len = 0;
	long n = 1;

	memset(out, 0, sizeof *out);
	if (access(path, F_OK) != 0) {
		char *old = legacy_path(path);

		load_legacy(old, out);
		free(old);
		return 0;
	}
	if (file_read_all(path, &text, &len, KNOWN_MAX, e) != 0)
		return err_prefix(e, "cannot read the known patients");
	if (strlen(text) != len || !utf8_valid(text, len)) {
		free(text);
		return err_set(e, "the known patients file %s is damaged (it is "
		    "not text)", path);
	}
	line = text;
	if ((next = strchr(line, '\n')) != NULL)
		*next++ = '\0';
	if (strcmp(line, KNOWN_FIRST) != 0) {
		free(text);
		return err_set(e, "%s is not a known patients file tend can "
		    "read (its first line is not \"%s\")", path, KNOWN_FIRST);
	}
	for (line = next; line != NULL && *line != '\0'; line = next) {
		n++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (parse_line(line, out) != 0) {
			free(text);
			share_patients_free(out);
			return err_set(e, "the known patients file %s is damaged "
			    "at line %ld; correct or remove that line", path, n);
		}
	}
	free(text);
	return 0;
}

static int
save(const char *path, const struct share_patients *ps, struct err *e)
{
	char *text = xasprintf("%s\n", KNOWN_FIRST), *more, *dir;
	size_t i;
	int rc;

	for (i = 0; i < ps->n; i++) {
		more = xasprintf("%s%s\t%s\t%s\n", text, ps->p[i].fpr,
		    ps->p[i].name, ps->p[i].alias);
		free(text);
		text = more;
	}
	dir = path_dirname(path);
	rc = dir_ensure(dir, e);
	free(dir);
	if (rc == 0)
		rc = file_write_atomic(path, text, strlen(text), 0600, 0, e);
	free(text);
	if (rc != 0)
		err_prefix(e, "cannot write the known patients");
	return rc;
}

int
share_patients_add(const char *path, const char *name, const char *fpr,
    const char *alias, struct err *e)
{
	struct share_patients ps;
	struct share_patient *p;
	char *a = xstrdup(alias != NULL ? alias : "");
	int rc = -1;

	utf8_clean(a, 0, SHARE_NAME_MAX);
	/* An alias that is no valid name (blank, spaces around) is dropped. */
	if (a[0] != '\0' && share_name_check(a, "", e) != 0)
		a[0] = '\0';
	if (share_name_check(name, "the name", e) != 0 ||
	    share_patients_load(path, &ps, e) != 0) {
		free(a);
		return -1;
	}
	if ((p = find_fpr(&ps, fpr)) != NULL)
		err_set(e, "that journal is already known as \"%s\" (tend "
		    "patient rm \"%s\" first to rename it)", p->name, p->name);
	else if (find_name(&ps, name) != NULL)
		err_set(e, "a patient is already known by that name");
	else {
		push(&ps, fpr, name, a);
		rc = save(path, &ps, e);
	}
	share_patients_free(&ps);
	free(a);
	return rc;
}

int
share_patients_rm(const char *path, const char *name, struct err *e)
{
	struct share_patients ps;
	struct share_patient *p;
	int rc = -1;

	if (share_patients_load(path, &ps, e) != 0)
		return -1;
	if ((p = find_name(&ps, name)) == NULL)
		err_set(e, "no known patient has that name (tend patient list "
		    "shows them)");
	else {
		free(p->name);
		free(p->alias);
		memmove(p, p + 1, (size_t)(ps.p + ps.n - (p + 1)) * sizeof *p);
		ps.n--;
		rc = save(path, &ps, e);
	}
	share_patients_free(&ps);
	return rc;
}

int
share_sender_check(const char *path, const unsigned char signer[32],
    const char *alias, struct share_sender *out, struct err *e)
{
	struct share_patients ps;
	struct share_patient *p;
	size_t i;

	memset(out, 0, sizeof *out);
	share_fingerprint(signer, out->fpr);
	snprintf(out->alias, sizeof out->alias, "%s", alias != NULL ? alias :
	    "");
	utf8_clean(out->alias, 0, SHARE_NAME_MAX);
	out->from = SHARE_FROM_UNKNOWN;
	if (share_patients_load(path, &ps, e) != 0)
		return -1;
	if ((p = find_fpr(&ps, out->fpr)) != NULL) {
		out->from = SHARE_FROM_KNOWN;
		snprintf(out->name, sizeof out->name, "%s", p->name);
	} else if (out->alias[0] != '\0')
		for (i = 0; i < ps.n; i++) {
			p = &ps.p[i];
			if (strcasecmp(p->name, out->alias) != 0 &&
			    strcasecmp(p->alias, out->alias) != 0)
				continue;
			out->from = SHARE_FROM_CHANGED;
			snprintf(out->name, sizeof out->name, "%s", p->name);
			snprintf(out->was, sizeof out->was, "%s", p->fpr);
			break;
		}
	share_patients_free(&ps);
	return 0;
}
