/*
 * theme.c: themes as data: the semantic roles, the theme file format and
 * where theme files are found.  Nothing here touches the terminal; app.c
 * turns a struct theme into ncurses attributes.
 *
 * A theme file (see tend-theme(5)) has one line per role:
 *
 *	title     fg=cyan bold
 *	bar       fg=white bg=blue
 *
 * Colours are names (black red green yellow blue magenta cyan white, with
 * "bright-" in front for the next eight), numbers 0-255, or "default" (the
 * terminal's own).  A colour left out is the one of the "normal" role.
 * Attributes: bold dim underline reverse italic, or "plain" for none.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/ui.h"
#include "tend/fileio.h"

#ifndef TEND_THEMEDIR
#define TEND_THEMEDIR "/usr/local/share/tend/themes"
#endif

#define THEME_FILE_MAX (64 * 1024)

static const struct {
	const char *name;
	int mono;
	const char *help;
} roles[ROLE_COUNT] = {
#define X(id, key, m, h) [ROLE_##id] = { key, m, h },
	UI_ROLES(X)
#undef X
};

/* The built-in theme; themes/default.theme holds the same lines. */
static const char theme_builtin[] =
	"normal    fg=default bg=default\n"
	"title     fg=cyan bold\n"
	"heading   fg=cyan bold\n"
	"bar       fg=white bg=blue\n"
	"bar-key   fg=yellow bg=blue bold\n"
	"message   fg=green\n"
	"selected  fg=black bg=cyan\n"
	"input     underline\n"
	"hint      fg=cyan\n"
	"key       fg=yellow bold\n"
	"dim       dim\n"
	"warning   fg=yellow bold\n"
	"good      fg=green bold\n"
	"mood-low  fg=magenta underline\n"
	"mood-mid  plain\n"
	"mood-high fg=green bold\n"
	"shared    fg=cyan bold\n"
	"private   dim\n"
	"medicine  fg=magenta bold reverse\n";

static const char *const colour_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const struct {
	const char *name;
	int attr;
} attr_names[] = {
	{ "bold", THEME_A_BOLD },
	{ "dim", THEME_A_DIM },
	{ "underline", THEME_A_UNDERLINE },
	{ "reverse", THEME_A_REVERSE },
	{ "italic", THEME_A_ITALIC },
	{ "plain", THEME_A_NONE },
};

const char *
theme_role_name(enum role r)
{
	return roles[r].name;
}

const char *
theme_role_help(enum role r)
{
	return roles[r].help;
}

int
theme_role_mono(enum role r)
{
	return roles[r].mono;
}

/* A colour word: 0-255, THEME_DEFAULT_COLOUR, or -3 if not a colour. */
static int
theme_colour(const char *s)
{
	char *end;
	long n;
	int i;

	if (strcmp(s, "default") == 0)
		return THEME_DEFAULT_COLOUR;
	for (i = 0; i < 8; i++) {
		if (strcmp(s, colour_names[i]) == 0)
			return i;
		if (strncmp(s, "bright-", 7) == 0 &&
		    strcmp(s + 7, colour_names[i]) == 0)
			return i + 8;
	}
	if (*s < '0' || *s > '9')
		return -3;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || n > 255)
		return -3;
	return (int)n;
}

static int
theme_line(void *arg, const char *key, const char *value, struct err *e)
{
	struct theme *t = arg;
	struct theme_style st = { THEME_INHERIT, THEME_INHERIT, 0 };
	char *copy, *word, *save = NULL;
	int r, i, c, rc = 0;

	for (r = 0; r < ROLE_COUNT; r++)
		if (strcmp(key, roles[r].name) == 0)
			break;
	if (r == ROLE_COUNT)
		return err_set(e, "'%s' is not a role (see tend-theme(5))",
		    key);
	if (*value == '\0')
		return err_set(e, "'%s' needs colours or attributes", key);
	copy = xstrdup(value);
	for (word = strtok_r(copy, " \t", &save); word != NULL && rc == 0;
	    word = strtok_r(NULL, " \t", &save)) {
		if (strncmp(word, "fg=", 3) == 0 ||
		    strncmp(word, "bg=", 3) == 0) {
			c = theme_colour(word + 3);
			if (c == -3)
				rc = err_set(e, "'%s' is not a colour (a name "
				    "like cyan, a number 0-255, or default)",
				    word + 3);
			else if (word[0] == 'f')
				st.fg = (short)c;
			else
				st.bg = (short)c;
			continue;
		}
		for (i = 0; i < (int)(sizeof attr_names / sizeof attr_names[0]);
		    i++)
			if (strcmp(word, attr_names[i].name) == 0)
				break;
		if (i == (int)(sizeof attr_names / sizeof attr_names[0]))
			rc = err_set(e, "'%s' is not fg=, bg= or an attribute "
			    "(bold dim underline reverse italic plain)", word);
		else
			st.attrs |= attr_names[i].attr;
	}
	free(copy);
	if (rc == 0)
		t->style[r] = st;
	return rc;
}

void
theme_parse(struct theme *t, const char *file, const char *text,
    struct notes *notes)
{
	lines_parse(file, text, theme_line, t, notes);
}

void
theme_defaults(struct theme *t)
{
	int r;

	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "default");
	for (r = 0; r < ROLE_COUNT; r++) {
		t->style[r].fg = THEME_INHERIT;
		t->style[r].bg = THEME_INHERIT;
	}
	theme_parse(t, "(built-in theme)", theme_builtin, NULL);
}

int
theme_name_ok(const char *name)
{
	const char *p;

	if (name[0] == '\0' || name[0] == '.' ||
	    strlen(name) >= THEME_NAME_MAX)
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.'))
			return 0;
	return 1;
}

/* The directory tend's own executable is in (NULL if unknown). */
static char *
theme_exe_dir(void)
{
	char buf[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);

	if (n <= 0 || (size_t)n >= sizeof buf - 1)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL)
		return NULL;
	if (slash == buf)
		slash++;
	*slash = '\0';
	return xstrdup(buf);
}

int
theme_dirs(char *dirs[THEME_DIRS_MAX])
{
	const char *env = getenv("TEND_THEME_DIR");
	char *conf = path_config_dir(), *exe = theme_exe_dir();
	int n = 0;

	dirs[n++] = xasprintf("%s/themes", conf);
	free(conf);
	if (env != NULL && env[0] != '\0')
		dirs[n++] = xstrdup(env);
	if (exe != NULL) {
		dirs[n++] = xasprintf("%s/themes", exe);
		free(exe);
	}
	dirs[n++] = xstrdup(TEND_THEMEDIR);
	return n;
}

/*
 * Find NAME.theme (the first in the theme directories) and parse it over
 * the defaults in t.  Returns 1 if it loaded cleanly, 0 if there is no
 * such file, -1 if the file cannot be used (unreadable, too large, or a
 * line with a mistake): t holds the defaults again and why the first
 * problem.
 */
static int
theme_find(struct theme *t, const char *name, char *why, size_t len)
{
	char *dirs[THEME_DIRS_MAX], *path = NULL, *text;
	struct notes bad = { { NULL }, 0, 0 };
	size_t tlen;
	int i, n, rc = 0;
	struct err e;

	theme_defaults(t);
	n = theme_dirs(dirs);
	for (i = 0; i < n && path == NULL; i++) {
		char *p = xasprintf("%s/%s.theme", dirs[i], name);

		if (access(p, F_OK) == 0)
			path = p;
		else
			free(p);
	}
	for (i = 0; i < n; i++)
		free(dirs[i]);
	if (path == NULL)
		return 0;
	if (file_read_all(path, &text, &tlen, THEME_FILE_MAX, &e) != 0) {
		snprintf(why, len, "%s", e.msg);
		rc = -1;
	} else {
		theme_parse(t, path, text, &bad);
		free(text);
		if (bad.n > 0) {
			snprintf(why, len, "%s", bad.msg[0]);
			rc = -1;
		} else
			rc = 1;
		notes_clear(&bad);
	}
	free(path);
	if (rc < 0)
		theme_defaults(t);
	return rc;
}

int
theme_load(struct theme *t, const char *name, struct notes *notes)
{
	char why[600];
	int rc;

	theme_defaults(t);
	if (!theme_name_ok(name)) {
		notes_add(notes, "'%s' is not a theme name; using the default "
		    "theme", name);
		return -1;
	}
	rc = theme_find(t, name, why, sizeof why);
	if (rc == 1) {
		snprintf(t->name, sizeof t->name, "%s", name);
		return 0;
	}
	if (rc < 0)
		notes_add(notes, "the theme '%s' cannot be used, so the "
		    "default theme is shown (%s)", name, why);
	else if (strcmp(name, "default") != 0)
		notes_add(notes, "there is no theme called '%s'; using the "
		    "default theme", name);
	return -1;
}

static int
theme_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
theme_list(char ***out, struct notes *unusable)
{
	char *dirs[THEME_DIRS_MAX], **names = NULL, **good, *dot, why[600];
	size_t n = 0, cap = 0, i, j;
	struct dirent *de;
	struct theme scratch;
	int nd, k;

	nd = theme_dirs(dirs);
	names = xmalloc(sizeof *names * (cap = 16));
	names[n++] = xstrdup("default");
	for (k = 0; k < nd; k++) {
		DIR *d = opendir(dirs[k]);

		if (d != NULL) {
			while ((de = readdir(d)) != NULL) {
				dot = strrchr(de->d_name, '.');
				if (dot == NULL || strcmp(dot, ".theme") != 0)
					continue;
				*dot = '\0';
				if (!theme_name_ok(de->d_name))
					continue;
				if (n == cap)
					names = xrealloc(names,
					    sizeof *names * (cap *= 2));
				names[n++] = xstrdup(de->d_name);
			}
			closedir(d);
		}
		free(dirs[k]);
	}
	qsort(names, n, sizeof *names, theme_cmp);
	/* No duplicates, and only themes that load: the one a name finds
	 * first is the one that would be used.  The built-in default is
	 * always there. */
	good = xmalloc(sizeof *good * n);
	for (i = j = 0; i < n; i++) {
		if (i > 0 && strcmp(names[i - 1], names[i]) == 0)
			continue;
		if (strcmp(names[i], "default") != 0 &&
		    theme_find(&scratch, names[i], why, sizeof why) < 0)
			notes_add(unusable, "%s", why);
		else
			good[j++] = xstrdup(names[i]);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	*out = good;
	return (int)j;
}
