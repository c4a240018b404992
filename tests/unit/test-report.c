/*
 * test-report.c: the plaintext renderers on a small fixed store: exact
 * Markdown, JSON and CSV output, the HTML report's escaping, chart and
 * self-containment, and the CSV field rules checked exhaustively (every
 * one- and two-byte text, and three-byte texts over the bytes that
 * matter) by parsing each field back as RFC 4180 says.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "tend/err.h"
#include "tend/report.h"
#include "tend/store.h"
#include "tend/utf8.h"
#include "tend/vault.h"

#define T0 1767225600           /* 2026-01-01 00:00 UTC */
#define H 3600
#define D 86400

static struct vault *v;

/* ---- CSV fields ---- */

/* Parse one RFC 4180 field (the whole of in) into out; -1 if in is not
 * exactly one well-formed field. */
static int
csv_parse(const char *in, char *out)
{
	size_t o = 0;

	if (in[0] != '"') {
		if (strpbrk(in, ",\"\r\n") != NULL)
			return -1;
		strcpy(out, in);
		return 0;
	}
	for (in++; *in != '\0'; in++) {
		if (*in == '"') {
			if (in[1] == '"') {
				out[o++] = '"';
				in++;
				continue;
			}
			out[o] = '\0';
			return in[1] == '\0' ? 0 : -1;
		}
		out[o++] = *in;
	}
	return -1;
}

/* The field for text parses back to text, with a quote in front exactly
 * when text starts with a formula character; it is quoted exactly when it
 * must be. */
static int
csv_good(const char *text)
{
	char *f = report_csv_field(text);
	char back[64], want[64];
	int guard = text[0] != '\0' && strchr("=+-@\t\r", text[0]) != NULL;
	int must_quote = strpbrk(text, ",\"\r\n") != NULL;
	int r;

	snprintf(want, sizeof want, "%s%s", guard ? "'" : "", text);
	r = csv_parse(f, back) == 0 && strcmp(back, want) == 0 &&
	    (f[0] == '"') == must_quote;
	free(f);
	return r;
}

static void
test_csv_fields(void)
{
	static const char special[] = "=+-@\t\r\n,\"' a";
	char s[4];
	int a, b, c, bad = 0;
	char *f;

	ok(csv_good(""), "empty field");
	for (a = 1; a < 256; a++) {
		s[0] = (char)a, s[1] = '\0';
		bad += !csv_good(s);
		for (b = 1; b < 256; b++) {
			s[1] = (char)b, s[2] = '\0';
			bad += !csv_good(s);
		}
	}
	ok(bad == 0, "every one- and two-byte text round-trips (%d bad)", bad);
	bad = 0;
	for (a = 0; special[a]; a++)
		for (b = 0; special[b]; b++)
			for (c = 0; special[c]; c++) {
				s[0] = special[a], s[1] = special[b];
				s[2] = special[c], s[3] = '\0';
				bad += !csv_good(s);
			}
	ok(bad == 0, "every three-byte text of special bytes round-trips");

	f = report_csv_field("=1+1");
	ok(strcmp(f, "'=1+1") == 0, "a formula gets a quote in front");
	free(f);
	f = report_csv_field("=HYPERLINK(\"http://x\",\"y\")");
	ok(strcmp(f, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"") == 0,
	    "a quoted formula: quote inside the double quotes");
	free(f);
	f = report_csv_field("-3");
	ok(strcmp(f, "'-3") == 0, "a leading minus is guarded");
	free(f);
	f = report_csv_field("\tx");
	ok(strcmp(f, "'\tx") == 0, "a leading tab is guarded, not quoted");
	free(f);
	f = report_csv_field("\rx");
	ok(strcmp(f, "\"'\rx\"") == 0, "a leading CR is guarded and quoted");
	free(f);
	f = report_csv_field("a=b");
	ok(strcmp(f, "a=b") == 0, "'=' inside a field is left alone");
	free(f);
	f = report_csv_field("line 1\nline 2");
	ok(strcmp(f, "\"line 1\nline 2\"") == 0, "a line break is quoted");
	free(f);
}

/* ---- the fixed store ---- */

static void
fixed_store(struct store *s)
{
	static const char *const tags[] = { "sleep", "hope" };
	static const char *const symptoms[] = { "on-edge", "nightmares" };
	char uuid[STORE_UUID_LEN + 1];
	struct entry_new n;
	struct checkin_new c;
	struct err e;
	int rc = 0;

	rc |= store_meta_set(s, "title", "Notes between sessions", &e);
	rc |= store_session_add(s, SESSION_PREPARATION, T0 + 4 * D + 10 * H,
	    "Getting ready", "", uuid, &e);
	rc |= store_session_add(s, SESSION_MEDICINE, T0 + 9 * D + 9 * H,
	    "First medicine session", "Two therapists.\nA long day.", uuid,
	    &e);

	memset(&n, 0, sizeof n);
	n.title = "Hopes";
	n.body = "I hope to sleep again.\n\nAnd to *rest*.\n";
	n.tags = tags;
	n.ntags = 2;
	n.shared = 1;
	n.when = T0 + 5 * D + 12 * H;
	rc |= store_entry_add(s, &n, uuid, &e);
	memset(&n, 0, sizeof n);
	n.kind = "dream";
	n.body = "A <b>house</b> & a \"door\" | 'x' <script>alert(1)</script>"
	    " — ünïcödé";
	n.when = T0 + 11 * D + 20 * H;
	rc |= store_entry_add(s, &n, uuid, &e);
	memset(&n, 0, sizeof n);
	n.body = "trashed words";
	n.when = T0 + 12 * D;
	rc |= store_entry_add(s, &n, uuid, &e);
	rc |= store_entry_trash(s, uuid, &e);

	memset(&c, 0, sizeof c);
	c.mood = 4;
	c.anxiety = 6;
	c.sleep = 5;
	c.sleep_hours = 6.5;
	c.energy = c.connection = CHECKIN_UNSET;
	c.symptoms = symptoms;
	c.nsymptoms = 2;
	c.note = "=HYPERLINK(\"x\")";
	c.shared = 1;
	c.safety = CHECKIN_SAFETY_NO;
	c.when = T0 + 6 * D + 9 * H;
	rc |= store_checkin_add(s, &c, uuid, &e);
	memset(&c, 0, sizeof c);
	c.mood = 7;
	c.anxiety = c.sleep = c.energy = c.connection = CHECKIN_UNSET;
	c.sleep_hours = CHECKIN_UNSET;
	c.connection = 8;
	c.note = "a, b | c\nd";
	c.safety = CHECKIN_SAFETY_YES;
	c.when = T0 + 10 * D + 9 * H;
	rc |= store_checkin_add(s, &c, uuid, &e);

	rc |= store_agenda_add(s, "Talk about the dream", uuid, &e);
	rc |= store_agenda_add(s, "Ask about sleep", uuid, &e);
	rc |= store_agenda_done(s, uuid, &e);
	ok(rc == 0, "fixed store filled");

	/* Fixed IDs and times, so that the output is the same every run;
	 * and what an export image adds to meta. */
	rc = test_exec(v,
	    "UPDATE entries SET uuid = printf('00000000-0000-4000-8000-%012d',"
	    " id), updated = created;"
	    "UPDATE checkins SET uuid = printf('10000000-0000-4000-8000-%012d',"
	    " id);"
	    "UPDATE sessions SET uuid = printf('20000000-0000-4000-8000-%012d',"
	    " id);"
	    "UPDATE agenda SET uuid = printf('30000000-0000-4000-8000-%012d',"
	    " id), created = 1768478400, created_off = 0,"
	    " done = CASE WHEN done IS NOT NULL THEN 1768482000 END;"
	    "INSERT INTO meta(key, value) VALUES"
	    " ('export_time', '1768485600'), ('export_since', ''),"
	    " ('export_until', '1768521600'),"
	    " ('export_all', '1'), ('export_alias', ''),"
	    " ('export_reviewer_note', 'for Dr. <A>');");
	ok(rc == SQLITE_OK, "fixed IDs and export meta");
}

static const char want_md[] =
    "# Notes between sessions\n"
    "\n"
    "This export holds 2 journal entries (1 not marked to share), "
    "2 check-ins (1 not marked to share), 2 sessions and 2 agenda items, "
    "from 2026-01-06 to 2026-01-12. It is not encrypted: anyone who can "
    "open this file can read it.\n"
    "\n"
    "## Summary\n"
    "\n"
    "- From: a journal without a name\n"
    "- Covers: 2026-01-06 to 2026-01-12 (the export asked for the "
    "beginning to 2026-01-15)\n"
    "\n"
    "### To look at first\n"
    "\n"
    "Check-ins with a yes to the safety question (thoughts of harming "
    "oneself) or a mood of 2 or lower, oldest first.\n"
    "\n"
    "- 2026-01-11 09:00 · **safety question: yes** · mood 7 · "
    "*day 1 after medicine session 1* · a, b | c d\n"
    "\n"
    "### Open agenda items\n"
    "\n"
    "- [ ] Talk about the dream\n"
    "\n"
    "### Mood, anxiety and sleep by phase\n"
    "\n"
    "Mean (lowest-highest) of the 0-10 scales in each phase of the "
    "treatment: higher is a better mood, stronger anxiety, better sleep. "
    "Symptoms: how many check-ins noted each.\n"
    "\n"
    "| Phase | Days | Check-ins | Mood | Anxiety | Sleep | Symptoms noted "
    "|\n"
    "| --- | --- | --- | --- | --- | --- | --- |\n"
    "| preparation | 2026-01-07 | 1 | 4.0 | 6.0 | 5.0 | nightmares 1, "
    "on-edge 1 |\n"
    "| after medicine session 1 | 2026-01-11 | 1 | 7.0 | - | - | none |\n"
    "\n"
    "### Questionnaires\n"
    "\n"
    "No questionnaires in this export.\n"
    "\n"
    "## About this export\n"
    "\n"
    "- exported: 2026-01-15 14:00\n"
    "- from: the beginning\n"
    "- to: 2026-01-15\n"
    "- entries and check-ins: all, also those not marked to share\n"
    "- reviewer note: for Dr. <A>\n"
    "\n"
    "## Entries\n"
    "\n"
    "### 2026-01-06 12:00 · Hopes\n"
    "\n"
    "*preparation* · journal · tags: hope sleep\n"
    "\n"
    "I hope to sleep again.\n"
    "\n"
    "And to *rest*.\n"
    "\n"
    "### 2026-01-12 20:00 · Dream\n"
    "\n"
    "*day 2 after medicine session 1* · dream · not marked to share\n"
    "\n"
    "A <b>house</b> & a \"door\" | 'x' <script>alert(1)</script> — "
    "ünïcödé\n"
    "\n"
    "## Check-ins\n"
    "\n"
    "| When | Days after medicine | Mood | Safety | Anxiety | Sleep | "
    "Hours slept | Energy | Connection | Symptoms | Note | Timeline |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- "
    "| --- |\n"
    "| 2026-01-07 09:00 | | 4 | no | 6 | 5 | 6.5 | | | nightmares, "
    "on-edge | =HYPERLINK(\"x\") | preparation |\n"
    "| 2026-01-11 09:00 | 1 | 7 | yes | | | | | 8 | | a, b \\| c d | "
    "day 1 after medicine session 1 |\n"
    "\n"
    "## Questionnaires\n"
    "\n"
    "None.\n"
    "\n"
    "## Sessions\n"
    "\n"
    "- 2026-01-05 10:00 · preparation session · Getting ready\n"
    "- 2026-01-10 09:00 · medicine session 1 · First medicine session\n"
    "\n"
    "  Two therapists.\n"
    "  A long day.\n"
    "\n"
    "\n"
    "## To bring to the next session\n"
    "\n"
    "- [ ] Talk about the dream\n"
    "- [x] Ask about sleep (done 2026-01-15 13:00)\n";

static const char want_csv[] =
    "id,time,mood,anxiety,sleep_quality,sleep_hours,energy,connection,"
    "symptoms,note,shared,timeline,safety,attention,days_after_medicine"
    "\r\n"
    "10000000-0000-4000-8000-000000000002,2026-01-11T09:00:00+00:00,7,,,,"
    ",8,,\"a, b | c\nd\",no,day 1 after medicine session 1,yes,"
    "safety question: yes,1\r\n"
    "10000000-0000-4000-8000-000000000001,2026-01-07T09:00:00+00:00,4,6,"
    "5,6.5,,,\"nightmares, on-edge\",\"'=HYPERLINK(\"\"x\"\")\",yes,"
    "preparation,no,,\r\n";

static const char want_json[] =
    "{\"format\":\"tend-export\",\"version\":1,"
    "\"title\":\"Notes between sessions\","
    "\"export\":{\"alias\":\"\",\"all\":\"1\",\"reviewer_note\":"
    "\"for Dr. <A>\",\"since\":\"\",\"time\":\"1768485600\","
    "\"until\":\"1768521600\"},"
    "\"attention\":[" "{\"id\":\"10000000-0000-4000-8000-000000000002\",\"short\":\"10000000\","
    "\"time\":\"2026-01-11T09:00:00+00:00\",\"time_utc\":1768122000,"
    "\"mood\":7,\"anxiety\":null,\"sleep\":null,\"sleep_hours\":null,"
    "\"energy\":null,\"connection\":8,\"symptoms\":[],"
    "\"note\":\"a, b | c\\nd\",\"shared\":false,\"safety\":\"yes\","
    "\"placement\":\"day 1 after medicine session 1\","
    "\"why\":[\"safety\"]}],"
    "\"measures_attention\":[],"
    "\"entries\":["
    "{\"id\":\"00000000-0000-4000-8000-000000000001\",\"short\":\"00000000\","
    "\"created\":\"2026-01-06T12:00:00+00:00\",\"created_utc\":1767700800,"
    "\"updated_utc\":1767700800,\"kind\":\"journal\",\"title\":\"Hopes\","
    "\"body\":\"I hope to sleep again.\\n\\nAnd to *rest*.\\n\","
    "\"prompt\":null,\"tags\":[\"hope\",\"sleep\"],\"shared\":true,"
    "\"trashed_utc\":null,\"placement\":\"preparation\","
    "\"revision_count\":0},"
    "{\"id\":\"00000000-0000-4000-8000-000000000002\",\"short\":\"00000000\","
    "\"created\":\"2026-01-12T20:00:00+00:00\",\"created_utc\":1768248000,"
    "\"updated_utc\":1768248000,\"kind\":\"dream\",\"title\":\"\","
    "\"body\":\"A <b>house</b> & a \\\"door\\\" | 'x' "
    "<script>alert(1)</script> — ünïcödé\","
    "\"prompt\":null,\"tags\":[],\"shared\":false,"
    "\"trashed_utc\":null,\"placement\":\"day 2 after medicine session 1\","
    "\"revision_count\":0}],"
    "\"checkins\":["
    "{\"id\":\"10000000-0000-4000-8000-000000000001\",\"short\":\"10000000\","
    "\"time\":\"2026-01-07T09:00:00+00:00\",\"time_utc\":1767776400,"
    "\"mood\":4,\"anxiety\":6,\"sleep\":5,\"sleep_hours\":6.5,"
    "\"energy\":null,\"connection\":null,"
    "\"symptoms\":[\"nightmares\",\"on-edge\"],"
    "\"note\":\"=HYPERLINK(\\\"x\\\")\",\"shared\":true,"
    "\"safety\":\"no\",\"placement\":\"preparation\"},"
    "{\"id\":\"10000000-0000-4000-8000-000000000002\",\"short\":\"10000000\","
    "\"time\":\"2026-01-11T09:00:00+00:00\",\"time_utc\":1768122000,"
    "\"mood\":7,\"anxiety\":null,\"sleep\":null,\"sleep_hours\":null,"
    "\"energy\":null,\"connection\":8,\"symptoms\":[],"
    "\"note\":\"a, b | c\\nd\",\"shared\":false,\"safety\":\"yes\","
    "\"placement\":\"day 1 after medicine session 1\"}],"
    "\"sessions\":["
    "{\"id\":\"20000000-0000-4000-8000-000000000001\",\"short\":\"20000000\","
    "\"kind\":\"preparation\",\"time\":\"2026-01-05T10:00:00+00:00\","
    "\"time_utc\":1767607200,\"title\":\"Getting ready\",\"notes\":\"\","
    "\"medicine_no\":null},"
    "{\"id\":\"20000000-0000-4000-8000-000000000002\",\"short\":\"20000000\","
    "\"kind\":\"medicine\",\"time\":\"2026-01-10T09:00:00+00:00\","
    "\"time_utc\":1768035600,\"title\":\"First medicine session\","
    "\"notes\":\"Two therapists.\\nA long day.\",\"medicine_no\":1}],"
    "\"agenda\":["
    "{\"id\":\"30000000-0000-4000-8000-000000000001\",\"short\":\"30000000\","
    "\"text\":\"Talk about the dream\","
    "\"created\":\"2026-01-15T12:00:00+00:00\",\"created_utc\":1768478400,"
    "\"done\":null,\"done_utc\":null},"
    "{\"id\":\"30000000-0000-4000-8000-000000000002\",\"short\":\"30000000\","
    "\"text\":\"Ask about sleep\","
    "\"created\":\"2026-01-15T12:00:00+00:00\",\"created_utc\":1768478400,"
    "\"done\":\"2026-01-15T13:00:00+00:00\",\"done_utc\":1768482000}],"
    "\"measures\":[]}\n";

/* Report where two texts first differ. */
static int
same(const char *got, const char *want, const char *what)
{
	size_t i;

	for (i = 0; got[i] != '\0' && got[i] == want[i]; i++)
		;
	if (got[i] == want[i])
		return 1;
	tap_diag("%s differs at byte %zu: got \"%.60s\" want \"%.60s\"", what,
	    i, got + i, want + i);
	return 0;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static char *
render(struct store *s, enum report_format f, size_t *len)
{
	struct err e;
	char *out;

	if (report_render(s, f, &out, len, &e) != 0) {
		tap_diag("render %s: %s", report_format_name(f), e.msg);
		return NULL;
	}
	return out;
}

static void
test_formats(struct store *s)
{
	struct report_summary sum;
	enum report_format f;
	struct err e;
	size_t len;
	char *out;

	ok(report_summarize(s, &sum, &e) == 0 && sum.entries == 2 &&
	    sum.private_entries == 1 && sum.checkins == 2 &&
	    sum.private_checkins == 1 && sum.flagged == 1 &&
	    sum.sessions == 2 && sum.agenda_open == 1 &&
	    sum.agenda_done == 1 && sum.first == T0 + 5 * D + 12 * H &&
	    sum.last == T0 + 11 * D + 20 * H, "summary counts and range");

	out = render(s, REPORT_MD, &len);
	ok(out != NULL && same(out, want_md, "md") && len == strlen(want_md),
	    "Markdown exactly");
	report_free(out, len);

	out = render(s, REPORT_CSV, &len);
	ok(out != NULL && same(out, want_csv, "csv"), "CSV exactly");
	report_free(out, len);

	out = render(s, REPORT_JSON, &len);
	ok(out != NULL && same(out, want_json, "json"), "JSON exactly");
	report_free(out, len);

	out = render(s, REPORT_HTML, &len);
	ok(out != NULL, "HTML renders");
	if (out == NULL)
		return;
	ok(strncmp(out, "<!DOCTYPE html>\n", 16) == 0, "HTML: a doctype");
	ok(strstr(out, "A &lt;b&gt;house&lt;/b&gt; &amp; a &quot;door&quot; "
	    "| &#39;x&#39; &lt;script&gt;alert(1)&lt;/script&gt; — ünïcödé")
	    != NULL, "HTML: journal text escaped, UTF-8 kept");
	ok(count(out, "<script") == 0 && count(out, "<b>") == 0,
	    "HTML: no markup from journal text");
	ok(count(out, "<circle class=\"pt\"") == 2,
	    "HTML: one chart point per check-in");
	ok(count(out, "<line class=\"med\"") == 1 &&
	    strstr(out, ">Medicine session 1</text>") != NULL,
	    "HTML: the medicine session marked and labelled");
	ok(count(out, "<line class=\"prep\"") == 1 &&
	    count(out, "<line class=\"integ\"") == 0 &&
	    strstr(out, "<title>2026-01-05 10:00: preparation session</title>")
	    != NULL, "HTML: the preparation session marked too");
	ok(count(out, "<path class=\"low\"") == 2 &&
	    strstr(out, "<title>2026-01-11: lowest mood 7, mean 7.0</title>")
	    != NULL && strstr(out, "lowest of the day</text>") != NULL &&
	    strstr(out, ">integration</text>") != NULL,
	    "HTML: each day's lowest mood, and a legend for every mark");
	ok(strstr(out, "<section id=\"summary\">") != NULL &&
	    strstr(out, "<section id=\"summary\">") <
	    strstr(out, "<section id=\"about\">") &&
	    strstr(out, "<td>preparation</td><td class=\"nw\">2026-01-07</td>"
	    "<td class=\"num\">1</td><td class=\"num nw\">4.0</td>") != NULL,
	    "HTML: the summary first, with the phases");
	ok(strstr(out, "<td class=\"nw\">2026-01-11 09:00</td><td class=\"num"
	    "\">1</td><td class=\"num\">7</td>") != NULL,
	    "HTML: days after the medicine session in the check-ins table");
	ok(count(out, "http:") == 0 && count(out, "https:") == 0 &&
	    count(out, "src=") == 0 && count(out, "@import") == 0 &&
	    count(out, "url(") == 0 && count(out, "@font-face") == 0 &&
	    count(out, "<link") == 0, "HTML: nothing loaded from outside");
	ok(strstr(out, "@media print") != NULL, "HTML: a print stylesheet");
	ok(strstr(out, "default-src 'none'") != NULL,
	    "HTML: a policy that forbids loading anything");
	ok(strstr(out, "This export holds 2 journal entries (1 not marked to "
	    "share)") != NULL && strstr(out, "<dt>reviewer note</dt><dd>for "
	    "Dr. &lt;A&gt;</dd>") != NULL, "HTML: the statement and the export meta");
	ok(strstr(out, "id=\"attention\"") != NULL &&
	    strstr(out, "id=\"attention\"") < strstr(out, "id=\"mood\"") &&
	    strstr(out, "<span class=\"why\">safety question: yes</span> · "
	    "mood 7") != NULL && strstr(out, "<span class=\"why\">") <
	    strstr(out, "id=\"entries\""),
	    "HTML: the check-in to look at first, before everything else");
	ok(strstr(out, "<td class=\"num\">7</td><td>yes</td>") != NULL &&
	    strstr(out, "<td class=\"num\">4</td><td>no</td>") != NULL,
	    "HTML: the safety answer in the check-ins table");
	ok(strstr(out, "=HYPERLINK(&quot;x&quot;)") != NULL &&
	    strstr(out, "Talk about the dream") != NULL &&
	    strstr(out, "First medicine session") != NULL,
	    "HTML: check-ins, agenda and timeline");
	report_free(out, len);

	/* Nothing from the trash in any format. */
	for (f = REPORT_MD; f <= REPORT_HTML; f++) {
		out = render(s, f, &len);
		ok(out != NULL && strstr(out, "trashed words") == NULL,
		    "%s: nothing from the trash", report_format_name(f));
		report_free(out, len);
	}
	ok(report_format_parse("html", &f) == 0 && f == REPORT_HTML &&
	    report_format_parse("pdf", &f) == -1 &&
	    report_format_parse("MD", &f) == -1, "format names");
}

/* The renderers on an export image (what tend export --format renders):
 * the shared subset by default, everything with all. */
static void
test_image(struct store *s, int all)
{
	struct export_scope sc = { 0, 0, all };
	struct export_meta m = { "Sam", "", "test", T0 + 20 * D };
	unsigned char *img;
	struct store *is;
	struct err e;
	size_t len, n;
	char *out;

	ok(store_export_image(s, &sc, &m, &img, &len, &e) == 0 &&
	    store_open_image(img, len, &is, &e) == 0, "image (all=%d) opens",
	    all);
	vault_wipe(img, len);
	free(img);
	out = render(is, REPORT_MD, &n);
	ok(out != NULL && strstr(out, "I hope to sleep again.") != NULL &&
	    (strstr(out, "ünïcödé") != NULL) == all,
	    "image md: shared entry in, private one %s", all ? "in" : "out");
	ok(out != NULL && strstr(out, "- written by: Sam\n") != NULL &&
	    strstr(out, "- exported: 2026-01-21 00:00\n") != NULL &&
	    strstr(out, all ? "- entries and check-ins: all, also those not "
	    "marked to share\n" : "- entries and check-ins: only those "
	    "marked to share\n") != NULL,
	    "image md: the export's description");
	ok(out != NULL && (strstr(out, "a, b") != NULL) == all &&
	    (strstr(out, "**safety question: yes**") != NULL) == all,
	    "image md: the private check-in and its yes %s",
	    all ? "in" : "out");
	report_free(out, n);
	out = render(is, REPORT_HTML, &n);
	ok(out != NULL && count(out, "<circle class=\"pt\"") ==
	    (size_t)(all ? 2 : 1), "image html: a point per check-in going "
	    "out");
	report_free(out, n);
	out = render(is, REPORT_JSON, &n);
	ok(out != NULL && strstr(out, "\"all\":\"") != NULL &&
	    count(out, "\"kind\":\"dream\"") == (size_t)all,
	    "image json");
	report_free(out, n);
	store_close(is);
}

static void
test_empty(void)
{
	struct vault *ev = test_new_vault(test_path("empty.tend"));
	enum report_format f;
	struct store *s;
	struct err e;
	size_t len;
	char *out;

	ok(store_open(ev, &s, &e) == 0, "empty store opens");
	for (f = REPORT_MD; f <= REPORT_HTML; f++) {
		out = render(s, f, &len);
		ok(out != NULL && len == strlen(out), "%s: an empty store "
		    "renders", report_format_name(f));
		if (f == REPORT_CSV)
			ok(out != NULL && count(out, "\r\n") == 1,
			    "csv: only the header");
		if (f == REPORT_HTML)
			ok(out != NULL && count(out, "<circle") == 0 &&
			    strstr(out, "No check-ins in this export.") != NULL,
			    "html: no chart without check-ins");
		report_free(out, len);
	}

	/* Many check-ins: one point each (the chart's list grows). */
	{
		struct checkin_new c;
		char uuid[STORE_UUID_LEN + 1];
		int i, rc = 0;

		memset(&c, 0, sizeof c);
		c.anxiety = c.sleep = c.energy = c.connection = CHECKIN_UNSET;
		c.sleep_hours = CHECKIN_UNSET;
		rc |= store_begin(s, &e);
		for (i = 0; i < 150; i++) {
			c.mood = i % 11;
			c.when = T0 + i * 6 * H;
			rc |= store_checkin_add(s, &c, uuid, &e);
		}
		rc |= store_commit(s, &e);
		out = render(s, REPORT_HTML, &len);
		ok(rc == 0 && out != NULL &&
		    count(out, "<circle class=\"pt\"") == 150,
		    "html: 150 check-ins, 150 points");
		report_free(out, len);
	}
	store_close(s);
	vault_close(ev);
}

/* What report_write hands over: the pieces, kept together. */
struct pieces {
	char *all;
	size_t len, n, biggest;
	int bad_utf8;
	int fail_after;         /* > 0: fail (ENOSPC) after this many */
};

static int
keep_piece(const char *p, size_t n, void *arg)
{
	struct pieces *c = arg;

	if (c->fail_after > 0 && (int)c->n == c->fail_after) {
		errno = ENOSPC;
		return -1;
	}
	c->all = xrealloc(c->all, c->len + n + 1);
	memcpy(c->all + c->len, p, n);
	c->len += n;
	c->all[c->len] = '\0';
	c->n++;
	if (n > c->biggest)
		c->biggest = n;
	if (!utf8_valid(p, n))
		c->bad_utf8++;
	return 0;
}

/* A journal far bigger than the buffer streams: many pieces, none much
 * bigger than 64 KiB, each whole UTF-8, together the same text as
 * report_render's; a writer that fails stops the render. */
static void
test_stream(void)
{
	struct vault *sv = test_new_vault(test_path("stream.tend"));
	static const char *const tags[] = { "meer" };
	struct entry_new en;
	enum report_format f;
	struct store *s;
	struct err e;
	char body[1200], uuid[STORE_UUID_LEN + 1];
	size_t len, o;
	char *out;
	int i;

	ok(store_open(sv, &s, &e) == 0, "stream: store opens");
	memset(&en, 0, sizeof en);
	en.tags = tags;
	en.ntags = 1;
	en.shared = 1;
	for (i = 0; i < 600; i++) {
		/* Two- and three-byte characters at every offset mod 3. */
		for (o = 0; o + 8 < sizeof body; ) {
			const char *w = (o + (size_t)i) % 3 == 0 ? "\u00fc" :
			    (o + (size_t)i) % 3 == 1 ? "\u20ac " : "x";

			memcpy(body + o, w, strlen(w));
			o += strlen(w);
		}
		body[o] = '\0';
		en.body = body;
		en.when = T0 + i * H;
		if (store_entry_add(s, &en, uuid, &e) != 0)
			break;
	}
	ok(i == 600, "stream: 600 entries of 1.2 KB");
	for (f = REPORT_MD; f <= REPORT_HTML; f++) {
		struct pieces c = { NULL, 0, 0, 0, 0, 0 };

		if (f == REPORT_CSV)
			continue;       /* check-ins only: small */
		out = render(s, f, &len);
		ok(report_write(s, f, keep_piece, &c, &e) == 0 && out != NULL &&
		    c.len == len && memcmp(c.all, out, len) == 0,
		    "%s: streamed, the same text as rendered whole",
		    report_format_name(f));
		ok(c.n >= len / (70 * 1024) && c.n > 5 &&
		    c.biggest < 70 * 1024, "%s: %zu pieces, the biggest %zu "
		    "bytes", report_format_name(f), c.n, c.biggest);
		ok(c.bad_utf8 == 0, "%s: every piece is whole UTF-8",
		    report_format_name(f));
		report_free(out, len);
		free(c.all);
	}
	for (f = REPORT_MD; f <= REPORT_HTML; f++) {
		struct pieces c = { NULL, 0, 0, 0, 0, 2 };

		if (f == REPORT_CSV)
			continue;
		ok(report_write(s, f, keep_piece, &c, &e) != 0 &&
		    strstr(e.msg, "cannot write") != NULL &&
		    strstr(e.msg, strerror(ENOSPC)) != NULL && c.n == 2,
		    "%s: a writer that fails stops it: %s",
		    report_format_name(f), e.msg);
		free(c.all);
	}
	store_close(s);
	vault_close(sv);
}

int
main(void)
{
	struct store *s;
	struct err e;

	setenv("TZ", "UTC", 1);
	test_init();
	test_csv_fields();
	v = test_new_vault(test_path("report.tend"));
	ok(store_open(v, &s, &e) == 0, "store opens");
	fixed_store(s);
	test_formats(s);
	test_image(s, 0);
	test_image(s, 1);
	store_close(s);
	vault_close(v);
	test_empty();
	test_stream();
	return tap_done();
}
