/*
 * progress.c: the progress line of long steps (see progress.h).
 */
#include "config.h"

#include "tend/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tend/testhook.h"

/* The step begun last and not yet ended. */
static struct progress *current;

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The tests' way to make a quick step a long one: TEND_TEST_SLOW_STEP
 * milliseconds at the start of each step, and again before the line of
 * one is cleared, so that a test sees it. */
static void
test_nap(void)
{
	const char *slow = test_hook(TEST_HOOK_SLOW_STEP);

	if (slow != NULL) {
		long ms = atol(slow);
		struct timespec nap = { ms / 1000, (ms % 1000) * 1000000L };

		nanosleep(&nap, NULL);
	}
}

void
progress_begin(struct progress *p, const char *what)
{
	p->what = what;
	p->next = PROGRESS_DELAY;
	p->frac = -1;
	p->shown = 0;
	p->outer = current;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	current = p;
	test_nap();
}

void
progress_end(struct progress *p)
{
	if (p->shown && p->draw != NULL) {
		test_nap();
		p->draw(p->arg, NULL, -1);
	}
	p->shown = 0;
	if (current == p)
		current = p->outer;
}

/* Draw p if it is time; the end of a step (all done) is drawn as soon as
 * the delay has passed, whatever the last drawing. */
static void
draw(struct progress *p, int end)
{
	double t = since(&p->start);
	char line[160];

	if (p->draw == NULL || t < PROGRESS_DELAY || (t < p->next && !end))
		return;
	p->next = t + 0.1;
	if (p->frac >= 0)
		snprintf(line, sizeof line, "%s: %d%%", p->what,
		    (int)(p->frac * 100));
	else
		snprintf(line, sizeof line, "%s (%.1f s)", p->what, t);
	p->draw(p->arg, line, p->frac);
	p->shown = 1;
}

void
progress_at(unsigned long long done, unsigned long long total)
{
	if (current == NULL)
		return;
	if (total > 0)
		current->frac = done >= total ? 1.0 :
		    (double)done / (double)total;
	draw(current, total > 0 && done >= total);
}

void
progress_tick(void)
{
	if (current != NULL)
		draw(current, 0);
}

static void
draw_stderr(void *arg, const char *line, double frac)
{
	(void)arg;
	(void)frac;
	if (line == NULL)
		fputs("\r\033[K", stderr);
	else
		fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
}

void
progress_stderr(struct progress *p)
{
	p->draw = isatty(2) ? draw_stderr : NULL;
	p->arg = NULL;
}
