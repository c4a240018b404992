/*
 * config.c: the settings kept in $XDG_CONFIG_HOME/tend/config.
 *
 * Every setting is a row of config_defs: its key, type, default, range and
 * help.  The defaults are the documentation: a saved file lists every key
 * with its help as a comment, and loading what was saved gives back the
 * same settings.  A bad line is reported as FILE:LINE and ignored, so one
 * typo never costs the other settings.  Settings that belong to the journal
 * itself (the safety plan, for one) live inside the vault, not here.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/ui.h"
#include "tend/fileio.h"

#define CONFIG_FILE_MAX (64 * 1024)

const struct config_def config_defs[] = {
	{ "theme", CONFIG_STRING, "default", 0, 0, "Theme",
	  "The colours tend uses: default, calm-dark, light, high-contrast, "
	  "monochrome, or one of your own (see tend-theme(5))." },
	{ "autolock", CONFIG_INT, "10", 0, 240, "Lock after (minutes)",
	  "Minutes without a key press before tend locks itself; 0 turns "
	  "the automatic lock off." },
};
const size_t config_ndefs = sizeof config_defs / sizeof config_defs[0];

static const struct config_def *
config_find(const char *key)
{
	size_t i;

	for (i = 0; i < config_ndefs; i++)
		if (strcmp(config_defs[i].key, key) == 0)
			return &config_defs[i];
	return NULL;
}

int
config_set(struct config *c, const char *key, const char *value,
    struct err *e)
{
	const struct config_def *d = config_find(key);

	if (d == NULL)
		return err_set(e, "'%s' is not a setting", key);
	if (d->type == CONFIG_INT) {
		char *end;
		long n;

		errno = 0;
		n = strtol(value, &end, 10);
		if (*value == '\0' || *end != '\0' || errno != 0 ||
		    n < d->min || n > d->max)
			return err_set(e, "%s must be a whole number from %d to "
			    "%d", key, d->min, d->max);
	}
	if (strcmp(key, "theme") == 0) {
		if (!theme_name_ok(value))
			return err_set(e, "'%s' is not a theme name", value);
		snprintf(c->theme, sizeof c->theme, "%s", value);
	} else if (strcmp(key, "autolock") == 0)
		c->autolock = (int)strtol(value, NULL, 10);
	return 0;
}

void
config_get(const struct config *c, const char *key, char *buf, size_t len)
{
	if (strcmp(key, "theme") == 0)
		snprintf(buf, len, "%s", c->theme);
	else if (strcmp(key, "autolock") == 0)
		snprintf(buf, len, "%d", c->autolock);
	else if (len > 0)
		buf[0] = '\0';
}

void
config_defaults(struct config *c)
{
	size_t i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < config_ndefs; i++)
		if (config_set(c, config_defs[i].key, config_defs[i].def,
		    NULL) != 0)
			fatal("bad default for %s", config_defs[i].key);
}

static int
config_line(void *arg, const char *key, const char *value, struct err *e)
{
	return config_set(arg, key, value, e);
}

void
config_parse(struct config *c, const char *file, const char *text,
    struct notes *notes)
{
	lines_parse(file, text, config_line, c, notes);
}

/* text as "# " comment lines of at most 72 columns, appended to out. */
static char *
config_comment(char *out, const char *text)
{
	const char *p = text, *space;
	char *next;

	while (*p != '\0') {
		const char *end = p + strlen(p);

		if (end - p > 70) {
			for (space = p + 70; space > p && *space != ' '; space--)
				;
			if (space > p)
				end = space;
		}
		next = xasprintf("%s# %.*s\n", out, (int)(end - p), p);
		free(out);
		out = next;
		p = *end == ' ' ? end + 1 : end;
	}
	return out;
}

char *
config_format(const struct config *c)
{
	char *out, *next, value[CONFIG_THEME_MAX + 16];
	size_t i;

	out = xstrdup("# tend settings.  tend rewrites this file when "
	    "settings change;\n# lines are KEY VALUE, and a line tend cannot "
	    "use is skipped.\n");
	for (i = 0; i < config_ndefs; i++) {
		char *help;

		config_get(c, config_defs[i].key, value, sizeof value);
		help = xasprintf("%s Default: %s.", config_defs[i].help,
		    config_defs[i].def);
		next = xasprintf("%s\n", out);
		free(out);
		out = config_comment(next, help);
		free(help);
		next = xasprintf("%s%s %s\n", out, config_defs[i].key, value);
		free(out);
		out = next;
	}
	return out;
}

char *
config_path(void)
{
	char *dir = path_config_dir(), *path;

	path = xasprintf("%s/config", dir);
	free(dir);
	return path;
}

void
config_load(struct config *c, const char *path, struct notes *notes)
{
	struct err e;
	char *text;
	size_t len;

	if (access(path, F_OK) != 0)
		return;
	if (file_read_all(path, &text, &len, CONFIG_FILE_MAX, &e) != 0) {
		notes_add(notes, "%s", e.msg);
		return;
	}
	config_parse(c, path, text, notes);
	free(text);
}

int
config_save(const struct config *c, const char *path, struct err *e)
{
	char *dir = path_dirname(path), *text;
	int rc;

	rc = dir_ensure(dir, e);
	free(dir);
	if (rc != 0)
		return -1;
	text = config_format(c);
	rc = file_write_atomic(path, text, strlen(text), 0600, 0, e);
	free(text);
	return rc;
}
