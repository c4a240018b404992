/*
 * measure-builtin.c: the questionnaires tend ships, as questionnaire
 * files (tend-questionnaire(5)) parsed at start by the same parser as a
 * therapist's file.
 *
 * Item texts, response labels and time frames are the published wording
 * of each instrument.  The instructions are the published ones with "circle
 * one of the numbers to the right" made "select one of the numbers", since
 * an answer here is typed.  Terms: the PCL-5 is in the public domain
 * (National Center for PTSD); the PHQ-9 and the GAD-7 may be reproduced
 * without permission, keeping the notice below; the WHO-5 is free to use
 * when its source is cited.  The C-SSRS is not here on purpose: its
 * electronic use is licensed.
 *
 * The explanatory texts (flags, bands, change wording) are tend's own.
 * Changing any byte of a definition gives it a new version hash; earlier
 * responses are scored by the version they were answered against when it
 * is here (keep a changed text's old version in measure_builtin_old[]),
 * else by the built-in as it is now, if their answers fit it.
 */
#include "config.h"

#include "store/measure-int.h"

#include <stddef.h>

static const char pcl5[] =
    "format: tend-questionnaire 1\n"
    "name: PCL-5\n"
    "title: PTSD Checklist for DSM-5\n"
    "instructions: Below is a list of problems that people sometimes have "
    "in response to a very stressful experience. Please read each problem "
    "carefully and then select one of the numbers to indicate how much you "
    "have been bothered by that problem in the past month.\n"
    "time frame: In the past month, how much were you bothered by:\n"
    "attribution: PTSD Checklist for DSM-5 (PCL-5). Weathers, F. W., Litz, "
    "B. T., Keane, T. M., Palmieri, P. A., Marx, B. P., & Schnurr, P. P. "
    "(2013). National Center for PTSD, www.ptsd.va.gov. In the public "
    "domain.\n"
    "scale 0: Not at all\n"
    "scale 1: A little bit\n"
    "scale 2: Moderately\n"
    "scale 3: Quite a bit\n"
    "scale 4: Extremely\n"
    "item: Repeated, disturbing, and unwanted memories of the stressful "
    "experience?\n"
    "item: Repeated, disturbing dreams of the stressful experience?\n"
    "item: Suddenly feeling or acting as if the stressful experience were "
    "actually happening again (as if you were actually back there reliving "
    "it)?\n"
    "item: Feeling very upset when something reminded you of the stressful "
    "experience?\n"
    "item: Having strong physical reactions when something reminded you of "
    "the stressful experience (for example, heart pounding, trouble "
    "breathing, sweating)?\n"
    "item: Avoiding memories, thoughts, or feelings related to the stressful "
    "experience?\n"
    "item: Avoiding external reminders of the stressful experience (for "
    "example, people, places, conversations, activities, objects, or "
    "situations)?\n"
    "item: Trouble remembering important parts of the stressful "
    "experience?\n"
    "item: Having strong negative beliefs about yourself, other people, or "
    "the world (for example, having thoughts such as: I am bad, there is "
    "something seriously wrong with me, no one can be trusted, the world is "
    "completely dangerous)?\n"
    "item: Blaming yourself or someone else for the stressful experience or "
    "what happened after it?\n"
    "item: Having strong negative feelings such as fear, horror, anger, "
    "guilt, or shame?\n"
    "item: Loss of interest in activities that you used to enjoy?\n"
    "item: Feeling distant or cut off from other people?\n"
    "item: Trouble experiencing positive feelings (for example, being unable "
    "to feel happiness or have loving feelings for people close to you)?\n"
    "item: Irritable behavior, angry outbursts, or acting aggressively?\n"
    "item: Taking too many risks or doing things that could cause you "
    "harm?\n"
    "item: Being \"superalert\" or watchful or on guard?\n"
    "item: Feeling jumpy or easily startled?\n"
    "item: Having difficulty concentrating?\n"
    "item: Trouble falling or staying asleep?\n"
    "score: sum\n"
    "subscale B intrusion: 1-5\n"
    "subscale C avoidance: 6-7\n"
    "subscale D negative changes in thinking and mood: 8-14\n"
    "subscale E changes in arousal and reactivity: 15-20\n"
    "criterion 2 B=1 C=1 D=2 E=2: DSM-5 item rule for provisional PTSD "
    "(items rated 2 or more: 1 B, 1 C, 2 D, 2 E)\n"
    "cutoff 31-33: a total in or above this range is commonly read as "
    "probable PTSD, to be confirmed in a clinical interview\n"
    "change 0: under 5 points, within day-to-day variation\n"
    "change 5: a small change\n"
    "change 10: a change of 10 points or more is commonly read as a "
    "meaningful change\n";

static const char phq9[] =
    "format: tend-questionnaire 1\n"
    "name: PHQ-9\n"
    "title: Patient Health Questionnaire\n"
    "time frame: Over the last 2 weeks, how often have you been bothered by "
    "any of the following problems?\n"
    "attribution: Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, "
    "Kurt Kroenke and colleagues, with an educational grant from Pfizer "
    "Inc. No permission required to reproduce, translate, display or "
    "distribute.\n"
    "scale 0: Not at all\n"
    "scale 1: Several days\n"
    "scale 2: More than half the days\n"
    "scale 3: Nearly every day\n"
    "item: Little interest or pleasure in doing things\n"
    "item: Feeling down, depressed, or hopeless\n"
    "item: Trouble falling or staying asleep, or sleeping too much\n"
    "item: Feeling tired or having little energy\n"
    "item: Poor appetite or overeating\n"
    "item: Feeling bad about yourself \xe2\x80\x94 or that you are a "
    "failure or have let yourself or your family down\n"
    "item: Trouble concentrating on things, such as reading the newspaper "
    "or watching television\n"
    "item: Moving or speaking so slowly that other people could have "
    "noticed? Or the opposite \xe2\x80\x94 being so fidgety or restless "
    "that you have been moving around a lot more than usual\n"
    "item: Thoughts that you would be better off dead or of hurting "
    "yourself in some way\n"
    "score: sum\n"
    "band 0: minimal\n"
    "band 5: mild\n"
    "band 10: moderate\n"
    "band 15: moderately severe\n"
    "band 20: severe\n"
    "safety item 9 > 0: item 9 (thoughts of being better off dead or of "
    "hurting oneself) was answered above \"Not at all\"; worth talking "
    "about whatever the total\n";

static const char gad7[] =
    "format: tend-questionnaire 1\n"
    "name: GAD-7\n"
    "title: Generalized Anxiety Disorder 7-item scale\n"
    "time frame: Over the last 2 weeks, how often have you been bothered by "
    "the following problems?\n"
    "attribution: Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, "
    "Kurt Kroenke and colleagues, with an educational grant from Pfizer "
    "Inc. No permission required to reproduce, translate, display or "
    "distribute.\n"
    "scale 0: Not at all\n"
    "scale 1: Several days\n"
    "scale 2: More than half the days\n"
    "scale 3: Nearly every day\n"
    "item: Feeling nervous, anxious, or on edge\n"
    "item: Not being able to stop or control worrying\n"
    "item: Worrying too much about different things\n"
    "item: Trouble relaxing\n"
    "item: Being so restless that it is hard to sit still\n"
    "item: Becoming easily annoyed or irritable\n"
    "item: Feeling afraid, as if something awful might happen\n"
    "score: sum\n"
    "band 0: minimal\n"
    "band 5: mild\n"
    "band 10: moderate\n"
    "band 15: severe\n";

static const char who5[] =
    "format: tend-questionnaire 1\n"
    "name: WHO-5\n"
    "title: WHO-Five Well-Being Index\n"
    "instructions: Please indicate for each of the five statements which is "
    "closest to how you have been feeling over the last two weeks. Notice "
    "that higher numbers mean better well-being.\n"
    "time frame: Over the last two weeks\n"
    "attribution: WHO-Five Well-Being Index, 1998 version. WHO "
    "Collaborating Centre in Mental Health, Psychiatric Centre North "
    "Zealand, 1998. Free to use when the source is cited.\n"
    "scale 0: At no time\n"
    "scale 1: Some of the time\n"
    "scale 2: Less than half of the time\n"
    "scale 3: More than half of the time\n"
    "scale 4: Most of the time\n"
    "scale 5: All of the time\n"
    "item: I have felt cheerful and in good spirits\n"
    "item: I have felt calm and relaxed\n"
    "item: I have felt active and vigorous\n"
    "item: I woke up feeling fresh and rested\n"
    "item: My daily life has been filled with things that interest me\n"
    "score: sum\n"
    "multiply 4: percentage score\n"
    "flag scaled <= 50: a percentage score of 50 or lower is commonly read "
    "as low well-being and worth talking about\n";

const char *const measure_builtin_src[] = { pcl5, phq9, gad7, who5, NULL };

/* Earlier versions of built-in definitions, still needed to score the
 * responses answered against them.  None yet. */
const char *const measure_builtin_old[] = { NULL };
