/*
 * prompts.c: the built-in reflection prompts.
 *
 * Written for tend, in plain words, as invitations rather than tasks:
 * there is no right answer and a prompt may be skipped.  They follow the
 * phases of the treatment (preparing, the days just after a medicine
 * session, integrating later) and the six areas integration work is
 * often organised in: mind, body, spirit, relationships, lifestyle,
 * nature.  Every phase has prompts in every area (the unit test checks).
 */
#include "config.h"

#include "ui/prompts.h"

#include <stdlib.h>
#include <string.h>

#define P(phase, area, text) { PROMPT_##phase, AREA_##area, text }

const struct prompt prompts[] = {
	/* ---- preparation ---- */
	P(PREPARATION, MIND, "What do you hope might be different after "
	    "this treatment?"),
	P(PREPARATION, MIND, "Which worries about the medicine sessions "
	    "come up most often? Write them down as they are."),
	P(PREPARATION, MIND, "If you could set one intention for the "
	    "coming session, what would it be, in a sentence?"),
	P(PREPARATION, BODY, "Where in your body do you notice calm, and "
	    "where tension, today?"),
	P(PREPARATION, BODY, "What helps your body settle when it is on "
	    "edge? Think of small things that have worked before."),
	P(PREPARATION, BODY, "How have you been sleeping and eating this "
	    "week? Anything you would like your therapists to know?"),
	P(PREPARATION, SPIRIT, "What gives your life meaning, even on "
	    "hard days?"),
	P(PREPARATION, SPIRIT, "Is there a question you carry that you "
	    "would like to bring into the session?"),
	P(PREPARATION, SPIRIT, "What would it mean to you to meet "
	    "yourself with kindness?"),
	P(PREPARATION, RELATIONSHIPS, "Who supports you through this, and "
	    "how would you like them to help?"),
	P(PREPARATION, RELATIONSHIPS, "What do you need from your "
	    "therapists to feel safe enough?"),
	P(PREPARATION, RELATIONSHIPS, "Who will be with you, or near, in "
	    "the days after a medicine session?"),
	P(PREPARATION, LIFESTYLE, "What can you clear from your calendar "
	    "around the session, so there is room to rest?"),
	P(PREPARATION, LIFESTYLE, "Which daily habits steady you? Which "
	    "would you like to keep going through treatment?"),
	P(PREPARATION, LIFESTYLE, "What would make coming home after the "
	    "session easier: food ready, a quiet room, a plan?"),
	P(PREPARATION, NATURE, "Is there a place outdoors where you feel "
	    "at ease? Describe it."),
	P(PREPARATION, NATURE, "What would you like to see, hear or smell "
	    "in the days after the session?"),
	P(PREPARATION, NATURE, "Spend a few minutes outside today. What "
	    "did you notice?"),

	/* ---- the days after a medicine session ---- */
	P(AFTER, MIND, "What stands out most from the session, right "
	    "now?"),
	P(AFTER, MIND, "Were there images, memories or words that stayed "
	    "with you? Write down what you can, without sorting it."),
	P(AFTER, MIND, "Did anything come up that you understand "
	    "differently now?"),
	P(AFTER, BODY, "How does your body feel today: tired, light, "
	    "heavy, sore, restless?"),
	P(AFTER, BODY, "Did you notice sensations in your body during the "
	    "session that you want to remember?"),
	P(AFTER, BODY, "What does your body need today: rest, water, food, "
	    "movement, warmth?"),
	P(AFTER, SPIRIT, "Was there a moment that felt bigger than "
	    "yourself? What was it like?"),
	P(AFTER, SPIRIT, "Is there something you feel grateful for since "
	    "the session?"),
	P(AFTER, SPIRIT, "Did anything shift in how you see your own "
	    "story?"),
	P(AFTER, RELATIONSHIPS, "Did someone come to mind during the "
	    "session? What did you feel toward them?"),
	P(AFTER, RELATIONSHIPS, "Is there anything you want to tell your "
	    "therapists before the next meeting?"),
	P(AFTER, RELATIONSHIPS, "Who would you like to be close to this "
	    "week, and who would you rather keep at a distance for now?"),
	P(AFTER, LIFESTYLE, "How are you sleeping since the session? "
	    "Any dreams?"),
	P(AFTER, LIFESTYLE, "What would make today a little gentler?"),
	P(AFTER, LIFESTYLE, "Is anything unsettling you? It is fine to "
	    "note it here and bring it to your therapists."),
	P(AFTER, NATURE, "If you went outside today, what did you notice "
	    "that you might usually miss?"),
	P(AFTER, NATURE, "Did the session bring up any pictures of nature "
	    "or landscapes? Describe one."),
	P(AFTER, NATURE, "Find something living nearby, a tree, a plant, "
	    "a bird. Spend a moment with it and write what you saw."),

	/* ---- integration ---- */
	P(INTEGRATION, MIND, "What from the sessions do you think about "
	    "most these days?"),
	P(INTEGRATION, MIND, "Which old thoughts about yourself feel less "
	    "true than before? Which still hold on?"),
	P(INTEGRATION, MIND, "What still feels unresolved, and what would "
	    "you like to understand better?"),
	P(INTEGRATION, BODY, "Have you noticed changes in how your body "
	    "reacts to reminders or stress?"),
	P(INTEGRATION, BODY, "What kind of movement or rest has felt good "
	    "lately?"),
	P(INTEGRATION, BODY, "When did you last feel at home in your body? "
	    "What was happening?"),
	P(INTEGRATION, SPIRIT, "What matters more to you now than it did "
	    "before the treatment, and what matters less?"),
	P(INTEGRATION, SPIRIT, "Is there something you are letting go of, "
	    "or grieving?"),
	P(INTEGRATION, SPIRIT, "What would you like to carry forward from "
	    "this time?"),
	P(INTEGRATION, RELATIONSHIPS, "Have your relationships changed? "
	    "Who feels closer, who feels further away?"),
	P(INTEGRATION, RELATIONSHIPS, "Was there a moment when you set a "
	    "boundary, or wished you had?"),
	P(INTEGRATION, RELATIONSHIPS, "What would you like to talk about "
	    "at your next session?"),
	P(INTEGRATION, LIFESTYLE, "What small change in your days have you "
	    "noticed, or would you like to try?"),
	P(INTEGRATION, LIFESTYLE, "Which routines help you keep what you "
	    "learned in view?"),
	P(INTEGRATION, LIFESTYLE, "Where do old patterns still show up "
	    "in your week?"),
	P(INTEGRATION, NATURE, "Has your sense of the outdoors changed "
	    "since the sessions?"),
	P(INTEGRATION, NATURE, "Is there a season, a place or a kind of "
	    "weather that mirrors how you feel now?"),
	P(INTEGRATION, NATURE, "Plan a little time outside this week. "
	    "What would you like to do there?"),
};

const size_t prompts_count = sizeof prompts / sizeof prompts[0];

const char *
prompt_phase_name(enum prompt_phase p)
{
	static const char *const names[PROMPT_PHASES] = {
		"preparation", "the days after a medicine session",
		"integration",
	};

	return p < PROMPT_PHASES ? names[p] : "?";
}

const char *
prompt_area_name(enum prompt_area a)
{
	static const char *const names[PROMPT_AREAS] = {
		"mind", "body", "spirit", "relationships", "lifestyle",
		"nature",
	};

	return a < PROMPT_AREAS ? names[a] : "?";
}

enum prompt_phase
prompt_phase_of(const char *place)
{
	const char *day = strstr(place, "day ");
	long n;

	if (strstr(place, "medicine session") == NULL)
		return PROMPT_PREPARATION;      /* none yet */
	if (day == NULL)
		return PROMPT_AFTER;            /* the day itself */
	n = strtol(day + 4, NULL, 10);
	if (n <= PROMPT_AFTER_DAYS)
		return PROMPT_AFTER;
	if (strncmp(place, "preparation", 11) == 0)
		return PROMPT_PREPARATION;
	return PROMPT_INTEGRATION;
}

const struct prompt *
prompt_next(enum prompt_phase phase, unsigned *turn)
{
	enum prompt_area area = (enum prompt_area)(*turn % PROMPT_AREAS);
	const struct prompt *of[16];
	size_t i, n = 0;

	for (i = 0; i < prompts_count && n < 16; i++)
		if (prompts[i].phase == phase && prompts[i].area == area)
			of[n++] = &prompts[i];
	(*turn)++;
	if (n == 0)
		return NULL;
	return of[(*turn - 1) / PROMPT_AREAS % n];
}
