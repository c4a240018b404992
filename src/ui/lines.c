/*
 * lines.c: the one small parser behind theme and config files, and the
 * notes it reports problems to.
 *
 * Both file kinds are plain lines, "KEY VALUE" or "KEY = VALUE", with '#'
 * comments on their own lines.  A bad line never stops the parse: it is
 * reported as "FILE:LINE: what is wrong" and the defaults stay in force for
 * whatever it would have set.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"

void
notes_add(struct notes *n, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	if (n == NULL)
		return;
	if (n->n == NOTES_MAX) {
		n->dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	n->msg[n->n++] = xstrdup(buf);
}

void
notes_clear(struct notes *n)
{
	int i;

	for (i = 0; i < n->n; i++)
		free(n->msg[i]);
	n->n = 0;
	n->dropped = 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int
lines_parse(const char *file, const char *text, lines_fn fn, void *arg,
    struct notes *notes)
{
	const char *p = text;
	char *line, *key, *value, *end;
	struct err e;
	int lineno = 0, bad = 0;

	while (*p != '\0') {
		const char *eol = strchr(p, '\n');

		lineno++;
		if (eol == NULL)
			eol = p + strlen(p);
		line = xmalloc((size_t)(eol - p) + 1);
		memcpy(line, p, (size_t)(eol - p));
		line[eol - p] = '\0';
		p = *eol == '\n' ? eol + 1 : eol;

		key = line;
		while (is_blank(*key))
			key++;
		if (*key == '\0' || *key == '#') {
			free(line);
			continue;
		}
		end = key + strlen(key);
		while (end > key && is_blank(end[-1]))
			*--end = '\0';
		value = key;
		while (*value != '\0' && !is_blank(*value) && *value != '=')
			value++;
		if (*value != '\0') {
			int had_eq = *value == '=';

			*value++ = '\0';
			while (is_blank(*value))
				value++;
			if (!had_eq && *value == '=') {
				value++;
				while (is_blank(*value))
					value++;
			}
		}
		e.msg[0] = '\0';
		if (fn(arg, key, value, &e) != 0) {
			notes_add(notes, "%s:%d: %s", file, lineno,
			    e.msg[0] != '\0' ? e.msg : "cannot use this line");
			bad++;
		}
		free(line);
	}
	return bad;
}
