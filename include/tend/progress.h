/*
 * progress.h: a progress line for steps that take a while.
 *
 * Whoever starts a long step (a command, a screen of the app) begins a
 * struct progress with its words ("Writing the export") and a way to
 * draw it; the layers doing the work only say how far they are, with
 * progress_at() when they know the whole (pages, bytes) and
 * progress_tick() when they do not (SQLite's progress handler calls it
 * while a statement runs).  Those reach the one progress begun and not
 * yet ended, if any, so nothing has to be passed down through every
 * layer; without one they cost a test of a pointer.
 *
 * Nothing is drawn before PROGRESS_DELAY seconds have passed, so quick
 * steps stay quiet; after that the line is redrawn at most ten times a
 * second: "Writing the export: 42%", or "Writing the export (3.1 s)"
 * when the whole is not known.  progress_end() clears what was drawn.
 */
#ifndef TEND_PROGRESS_H
#define TEND_PROGRESS_H

#include <time.h>

#define PROGRESS_DELAY 0.5

struct progress {
	/* Draw line (frac from 0 to 1, or -1 when not known); line NULL
	 * clears it. */
	void (*draw)(void *arg, const char *line, double frac);
	void *arg;
	/* The rest is progress.c's. */
	const char *what;
	struct timespec start;
	double next;            /* seconds from start of the next drawing */
	double frac;
	int shown;
	struct progress *outer; /* the one begun before, for nesting */
};

/* Start a step: p->draw and p->arg are set by the caller (see
 * progress_stderr); what must live until progress_end. */
void progress_begin(struct progress *p, const char *what);
/* Clear the line if one was drawn; the one begun before is current
 * again. */
void progress_end(struct progress *p);

/* How far the current step is: done of total (total 0: not known). */
void progress_at(unsigned long long done, unsigned long long total);
void progress_tick(void);

/* Set p to draw on standard error, one line rewritten in place, when
 * standard error is a terminal, and to draw nothing otherwise. */
void progress_stderr(struct progress *p);

#endif
