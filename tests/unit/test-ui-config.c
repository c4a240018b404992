/*
 * test-ui-config.c: settings: defaults, bad lines, and a saved file that
 * loads back the same.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"
#include "testutil.h"
#include "ui/ui.h"

int
main(void)
{
	struct config c, back;
	struct notes n = { { NULL }, 0, 0 };
	struct err e;
	struct stat st;
	char *path, *text;
	size_t i;

	config_defaults(&c);
	ok(strcmp(c.theme, "default") == 0 && c.autolock == 10,
	    "defaults: the default theme, lock after 10 minutes");
	for (i = 0; i < config_ndefs; i++)
		ok(config_defs[i].label != NULL && config_defs[i].help != NULL &&
		    config_defs[i].help[0] != '\0',
		    "setting %s has a label and help", config_defs[i].key);

	config_parse(&c, "cfg",
	    "# comment\n"
	    "theme calm-dark\n"
	    "autolock = 5\n"
	    "autolock 999\n"
	    "autolock ten\n"
	    "colour red\n"
	    "theme ../x\n", &n);
	ok(strcmp(c.theme, "calm-dark") == 0 && c.autolock == 5,
	    "good lines are used, bad ones leave the value alone");
	ok(n.n == 4, "four bad lines reported (got %d)", n.n);
	ok(n.n == 4 && strncmp(n.msg[0], "cfg:4: autolock must be", 23) == 0 &&
	    strncmp(n.msg[1], "cfg:5: ", 7) == 0 &&
	    strcmp(n.msg[2], "cfg:6: 'colour' is not a setting") == 0 &&
	    strncmp(n.msg[3], "cfg:7: ", 7) == 0,
	    "reported as FILE:LINE: what is wrong");
	notes_clear(&n);

	ok(config_set(&c, "autolock", "0", &e) == 0 && c.autolock == 0,
	    "0 turns the automatic lock off");
	ok(config_set(&c, "autolock", "-1", &e) == -1, "negative refused");

	config_set(&c, "theme", "high-contrast", &e);
	config_set(&c, "autolock", "42", &e);
	text = config_format(&c);
	config_defaults(&back);
	config_parse(&back, "formatted", text, &n);
	ok(n.n == 0 && memcmp(&c, &back, sizeof c) == 0,
	    "the formatted text parses back to the same settings");
	free(text);

	setenv("XDG_CONFIG_HOME", test_path("conf"), 1);
	path = config_path();
	ok(strcmp(path, test_path("conf/tend/config")) == 0,
	    "the file is $XDG_CONFIG_HOME/tend/config");
	ok(config_save(&c, path, &e) == 0, "save");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "the file is 0600");
	ok(stat(test_path("conf/tend"), &st) == 0 &&
	    (st.st_mode & 0777) == 0700, "its directory is 0700");
	config_defaults(&back);
	config_load(&back, path, &n);
	ok(n.n == 0 && memcmp(&c, &back, sizeof c) == 0,
	    "what was saved loads back the same");
	config_defaults(&back);
	config_load(&back, test_path("missing"), &n);
	ok(n.n == 0 && back.autolock == 10, "a missing file: defaults, "
	    "no complaint");
	free(path);
	return tap_done();
}
