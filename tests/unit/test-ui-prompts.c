/*
 * test-ui-prompts.c: the built-in reflection prompts: every phase has at
 * least three in every one of the six areas, each is one short line,
 * the phase follows the timeline, and "next" goes round the areas.
 */
#include "config.h"

#include <string.h>

#include "tap.h"
#include "ui/prompts.h"
#include "tend/utf8.h"

int
main(void)
{
	int count[PROMPT_PHASES][PROMPT_AREAS];
	int p, a, low = 0, bad = 0, seen[PROMPT_AREAS];
	size_t i, j, dup = 0;
	unsigned turn = 0;
	const struct prompt *pr, *first;

	memset(count, 0, sizeof count);
	for (i = 0; i < prompts_count; i++) {
		const char *t = prompts[i].text;

		count[prompts[i].phase][prompts[i].area]++;
		if (!utf8_valid(t, strlen(t)) || strchr(t, '\n') != NULL ||
		    strlen(t) < 10 || strlen(t) > 200)
			bad++;
		for (j = i + 1; j < prompts_count; j++)
			if (strcmp(t, prompts[j].text) == 0)
				dup++;
	}
	for (p = 0; p < PROMPT_PHASES; p++)
		for (a = 0; a < PROMPT_AREAS; a++) {
			if (count[p][a] < 3)
				low++;
			ok(count[p][a] >= 3, "%s, %s: %d prompts",
			    prompt_phase_name((enum prompt_phase)p),
			    prompt_area_name((enum prompt_area)a),
			    count[p][a]);
		}
	ok(low == 0, "every area has prompts in every phase");
	ok(bad == 0, "every prompt is one line of valid UTF-8 (%d bad)", bad);
	ok(dup == 0, "no prompt is there twice");
	ok(strcmp(prompt_area_name(AREA_RELATIONSHIPS), "relationships") == 0
	    && strcmp(prompt_area_name(AREA_NATURE), "nature") == 0,
	    "the areas are named");

	ok(prompt_phase_of("before the first session") == PROMPT_PREPARATION,
	    "before any session: preparation");
	ok(prompt_phase_of("preparation") == PROMPT_PREPARATION,
	    "preparation sessions: preparation");
	ok(prompt_phase_of("medicine session 1") == PROMPT_AFTER,
	    "the day of a medicine session: after");
	ok(prompt_phase_of("day 3 after medicine session 2") == PROMPT_AFTER,
	    "day 3 after: after");
	ok(prompt_phase_of("integration, day 7 after medicine session 1") ==
	    PROMPT_AFTER, "day 7, even after an integration session: after");
	ok(prompt_phase_of("integration, day 12 after medicine session 1") ==
	    PROMPT_INTEGRATION, "day 12: integration");
	ok(prompt_phase_of("day 30 after medicine session 3") ==
	    PROMPT_INTEGRATION, "day 30 with no session since: integration");
	ok(prompt_phase_of("preparation, day 20 after medicine session 1") ==
	    PROMPT_PREPARATION, "preparing for the next one: preparation");

	for (p = 0; p < PROMPT_PHASES; p++) {
		memset(seen, 0, sizeof seen);
		turn = 0;
		first = prompt_next((enum prompt_phase)p, &turn);
		for (i = 0; i < PROMPT_AREAS - 1; i++) {
			pr = prompt_next((enum prompt_phase)p, &turn);
			if (pr != NULL && pr->phase == (enum prompt_phase)p)
				seen[pr->area]++;
		}
		seen[first->area]++;
		for (a = 0, bad = 0; a < PROMPT_AREAS; a++)
			bad += seen[a] != 1;
		ok(bad == 0 && turn == PROMPT_AREAS, "%s: six in a row are "
		    "one from each area", prompt_phase_name(
		    (enum prompt_phase)p));
		pr = prompt_next((enum prompt_phase)p, &turn);
		ok(pr != first && pr->area == first->area,
		    "%s: then the next of the first area",
		    prompt_phase_name((enum prompt_phase)p));
	}
	return tap_done();
}
