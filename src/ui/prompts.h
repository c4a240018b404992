/*
 * prompts.h: reflection prompts for the entry editor, grouped by phase
 * of the treatment and by the six areas integration work is often
 * organised in (private to src/ui; no ncurses).
 */
#ifndef TEND_UI_PROMPTS_H
#define TEND_UI_PROMPTS_H

#include <stddef.h>

enum prompt_phase {
	PROMPT_PREPARATION,     /* before the (next) medicine session */
	PROMPT_AFTER,           /* the week after a medicine session */
	PROMPT_INTEGRATION,     /* later: making sense of it in daily life */
	PROMPT_PHASES
};

enum prompt_area {
	AREA_MIND, AREA_BODY, AREA_SPIRIT, AREA_RELATIONSHIPS,
	AREA_LIFESTYLE, AREA_NATURE, PROMPT_AREAS
};

struct prompt {
	enum prompt_phase phase;
	enum prompt_area area;
	const char *text;
};

extern const struct prompt prompts[];
extern const size_t prompts_count;

/* "preparation", "the days after a medicine session", "integration". */
const char *prompt_phase_name(enum prompt_phase);
/* "mind", "body", "spirit", "relationships", "lifestyle", "nature". */
const char *prompt_area_name(enum prompt_area);

/* The phase for a place on the timeline as store_place() words it: up to
 * PROMPT_AFTER_DAYS days after a medicine session (the day itself too) is
 * PROMPT_AFTER; later it is PROMPT_INTEGRATION, unless the latest session
 * was a preparation one (the next medicine session is coming); before any
 * medicine session it is PROMPT_PREPARATION. */
#define PROMPT_AFTER_DAYS 7
enum prompt_phase prompt_phase_of(const char *place);

/* The next prompt of phase: turn counts the prompts shown so far (start
 * at 0; it is increased); they go round the six areas, one from each in
 * turn, then the second of each, and so on. */
const struct prompt *prompt_next(enum prompt_phase, unsigned *turn);

#endif
