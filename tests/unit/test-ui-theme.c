/*
 * test-ui-theme.c: the theme file parser, the shipped themes, and where
 * themes are looked for.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "ui/ui.h"

static int
notes_has(const struct notes *n, const char *needle)
{
	int i;

	for (i = 0; i < n->n; i++)
		if (strstr(n->msg[i], needle) != NULL)
			return 1;
	return 0;
}

static void
test_parse(void)
{
	struct theme t, def;
	struct notes n = { { NULL }, 0, 0 };

	theme_defaults(&def);
	t = def;
	theme_parse(&t, "x.theme",
	    "# a comment\n"
	    "\n"
	    "title fg=red bg=bright-blue bold underline\n"
	    "bar = fg=200 reverse\n"
	    "  heading\tfg=default italic  \n"
	    "colour fg=red\n"
	    "dim fg=purple\n"
	    "hint fg=300\n"
	    "warning blink\n"
	    "key\n"
	    "good fg=green", &n);
	ok(t.style[ROLE_TITLE].fg == 1 && t.style[ROLE_TITLE].bg == 12 &&
	    t.style[ROLE_TITLE].attrs == (THEME_A_BOLD | THEME_A_UNDERLINE),
	    "colour names, bright- and attributes");
	ok(t.style[ROLE_BAR].fg == 200 && t.style[ROLE_BAR].bg == THEME_INHERIT &&
	    t.style[ROLE_BAR].attrs == THEME_A_REVERSE,
	    "'=' after the role, numbers, a left-out colour inherits");
	ok(t.style[ROLE_HEADING].fg == THEME_DEFAULT_COLOUR &&
	    t.style[ROLE_HEADING].attrs == THEME_A_ITALIC,
	    "blanks and tabs around words");
	ok(t.style[ROLE_GOOD].fg == 2, "a last line without a newline");
	ok(n.n == 5, "five bad lines reported (got %d)", n.n);
	ok(notes_has(&n, "x.theme:6: 'colour' is not a role"),
	    "unknown role named with file and line");
	ok(notes_has(&n, "x.theme:7: 'purple' is not a colour"),
	    "unknown colour name");
	ok(notes_has(&n, "x.theme:8: '300' is not a colour"),
	    "colour number out of range");
	ok(notes_has(&n, "x.theme:9: 'blink'"), "unknown attribute");
	ok(notes_has(&n, "x.theme:10: 'key' needs"), "a role with nothing");
	ok(memcmp(&t.style[ROLE_DIM], &def.style[ROLE_DIM],
	    sizeof t.style[0]) == 0 &&
	    memcmp(&t.style[ROLE_KEY], &def.style[ROLE_KEY],
	    sizeof t.style[0]) == 0,
	    "bad lines leave the defaults in place");
	notes_clear(&n);
}

static void
test_roles(void)
{
	int r, s, mono_bar, dup = 0;

	for (r = 0; r < ROLE_COUNT; r++) {
		ok(theme_role_name((enum role)r) != NULL &&
		    theme_role_help((enum role)r)[0] != '\0',
		    "role %d has a name and help", r);
		for (s = 0; s < r; s++)
			if (strcmp(theme_role_name((enum role)r),
			    theme_role_name((enum role)s)) == 0)
				dup++;
	}
	ok(dup == 0, "role names are unique");
	mono_bar = theme_role_mono(ROLE_BAR);
	ok(mono_bar != THEME_A_NONE &&
	    theme_role_mono(ROLE_BAR_KEY) != mono_bar,
	    "without colour the bar and its keys differ");
	ok(theme_role_mono(ROLE_MOOD_LOW) != theme_role_mono(ROLE_MOOD_HIGH) &&
	    theme_role_mono(ROLE_MOOD_LOW) != theme_role_mono(ROLE_MOOD_MID) &&
	    theme_role_mono(ROLE_MOOD_HIGH) != theme_role_mono(ROLE_MOOD_MID),
	    "without colour low, middling and high moods differ");
	ok(theme_role_mono(ROLE_SHARED) != theme_role_mono(ROLE_PRIVATE),
	    "without colour shared and private differ");
	ok(theme_role_mono(ROLE_SELECTED) != THEME_A_NONE &&
	    theme_role_mono(ROLE_WARNING) != THEME_A_NONE &&
	    theme_role_mono(ROLE_TITLE) != THEME_A_NONE,
	    "without colour selection, warnings and the title stand out");
}

static void
test_shipped(void)
{
	static const char *names[] = {
		"default", "calm-dark", "light", "high-contrast", "monochrome"
	};
	struct theme t, def, file;
	struct notes n = { { NULL }, 0, 0 };
	char **list;
	size_t i;
	int k, count, found;

	theme_defaults(&def);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		ok(theme_load(&t, names[i], &n) == 0 && n.n == 0,
		    "theme %s loads without a complaint", names[i]);
		if (n.n > 0)
			tap_diag("%s", n.msg[0]);
		notes_clear(&n);
	}
	theme_load(&file, "default", &n);
	ok(memcmp(file.style, def.style, sizeof def.style) == 0,
	    "themes/default.theme is the same as the built-in theme");
	count = theme_list(&list, NULL);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		for (found = 0, k = 0; k < count; k++)
			if (strcmp(list[k], names[i]) == 0)
				found = 1;
		ok(found, "the list of themes has %s", names[i]);
	}
	for (k = 0; k < count; k++)
		free(list[k]);
	free(list);

	ok(theme_load(&t, "no-such-theme", &n) == -1 &&
	    notes_has(&n, "no theme called 'no-such-theme'") &&
	    strcmp(t.name, "default") == 0, "a missing theme: the default");
	notes_clear(&n);
	ok(theme_load(&t, "../etc/passwd", &n) == -1 && n.n == 1,
	    "a theme name cannot be a path");
	notes_clear(&n);
}

static void
test_user_first(void)
{
	struct theme t;
	struct notes n = { { NULL }, 0, 0 }, skipped = { { NULL }, 0, 0 };
	char **list;
	int k, count, listed = 0;

	static const char good[] = "title fg=red\n";
	static const char bad[] = "title fg=red\nbogus line\n";

	setenv("XDG_CONFIG_HOME", test_dir(), 1);
	ok(system("mkdir -p \"$XDG_CONFIG_HOME/tend/themes\"") == 0,
	    "make a user theme directory");
	test_spit(test_path("tend/themes/calm-dark.theme"), good,
	    strlen(good));
	ok(theme_load(&t, "calm-dark", &n) == 0 && n.n == 0 &&
	    t.style[ROLE_TITLE].fg == 1, "a user theme wins over the "
	    "installed one of the same name");
	notes_clear(&n);

	test_spit(test_path("tend/themes/calm-dark.theme"), bad, strlen(bad));
	ok(theme_load(&t, "calm-dark", &n) == -1 &&
	    t.style[ROLE_TITLE].fg != 1 && strcmp(t.name, "default") == 0,
	    "a theme file with a mistake is not used: the default is");
	ok(n.n == 1 && notes_has(&n, "calm-dark.theme:2:") &&
	    notes_has(&n, "default theme"),
	    "one note names the file, the line and the fallback");
	notes_clear(&n);

	count = theme_list(&list, &skipped);
	for (k = 0; k < count; k++) {
		if (strcmp(list[k], "calm-dark") == 0)
			listed = 1;
		free(list[k]);
	}
	free(list);
	ok(!listed && count >= 1, "a theme that cannot load is not offered");
	ok(skipped.n == 1 && notes_has(&skipped, "calm-dark.theme:2:"),
	    "and why is kept for the settings screen");
	notes_clear(&skipped);
}

/* tend-theme(5) documents every role under ROLES. */
static void
test_manual(void)
{
	const char *src = getenv("TEND_SRCDIR");
	char *path, *text, want[64];
	size_t n;
	int r, missing = 0;

	ok(src != NULL, "TEND_SRCDIR is set (make check sets it)");
	if (src == NULL)
		return;
	path = xasprintf("%s/doc/tend-theme.5", src);
	text = (char *)test_slurp(path, &n);
	ok(text != NULL, "read %s", path);
	for (r = 0; text != NULL && r < ROLE_COUNT; r++) {
		snprintf(want, sizeof want, "\n.B %s\n",
		    theme_role_name((enum role)r));
		if (strstr(text, want) == NULL) {
			tap_diag("tend-theme(5) lacks the role %s",
			    theme_role_name((enum role)r));
			missing++;
		}
	}
	ok(missing == 0, "tend-theme(5) documents every role");
	free(text);
	free(path);
}

int
main(void)
{
	if (getenv("TEND_THEME_DIR") == NULL && getenv("TEND_SRCDIR") != NULL) {
		char *d = xasprintf("%s/themes", getenv("TEND_SRCDIR"));

		setenv("TEND_THEME_DIR", d, 1);
		free(d);
	}
	setenv("XDG_CONFIG_HOME", test_path("none"), 1);
	test_parse();
	test_roles();
	test_shipped();
	test_user_first();
	test_manual();
	return tap_done();
}
