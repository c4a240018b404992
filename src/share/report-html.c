/*
 * report-html.c: the HTML report: one self-contained page a therapist can
 * read on screen or print.
 *
 * Guarantees: the page loads nothing from anywhere (no scripts, no links
 * to files or the network, no web fonts; a Content-Security-Policy of
 * default-src 'none' says so to the browser too); every piece of text
 * from the store goes through rbuf_html(), so journal text is shown as
 * text and never read as markup.  The mood chart is an inline SVG with
 * one <circle class="pt"> per check-in and a dashed, labelled vertical
 * line per medicine session.
 */
#include "config.h"

#include "tend/report.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "share/report-int.h"
#include "tend/err.h"
#include "tend/store.h"
#include "tend/timefmt.h"

/* The chart's drawing area inside its viewBox (CHART_W x CHART_H). */
#define CHART_W 720
#define CHART_H 340
#define LEGEND_Y 296
#define PLOT_X0 44
#define PLOT_X1 700
#define PLOT_Y0 56
#define PLOT_Y1 246
#define DAY 86400

static const char style[] =
    ":root{--ink:#23262b;--muted:#5b6270;--line:#dcdfe4;--soft:#f1efe9;"
    "--accent:#356a8a;--med:#93542a;--bg:#fbfaf7}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);"
    "font:17px/1.6 Georgia,'Iowan Old Style','Palatino Linotype',serif}\n"
    "main{max-width:48rem;margin:0 auto;padding:2.5rem 1.5rem 4rem}\n"
    "h1,h2,h3,nav,.meta,.when,table,figcaption,footer{font-family:"
    "system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\n"
    "h1{font-size:1.9rem;font-weight:600;margin:0 0 .6rem}\n"
    "h2{font-size:1.3rem;font-weight:600;margin:2.8rem 0 1rem;"
    "padding-bottom:.3rem;border-bottom:1px solid var(--line)}\n"
    "h3{font-size:1.08rem;font-weight:600;margin:0 0 .2rem}\n"
    ".statement{font-size:1.05rem;background:var(--soft);"
    "border-left:4px solid var(--accent);padding:.8rem 1rem;margin:1rem 0}\n"
    ".meta{display:grid;grid-template-columns:max-content 1fr;"
    "gap:.15rem 1rem;font-size:.9rem;color:var(--muted);margin:1rem 0}\n"
    ".meta dt{font-weight:600}.meta dd{margin:0}\n"
    "nav{font-size:.9rem;margin:1.5rem 0}nav a{color:var(--accent);"
    "margin-right:1rem}\n"
    "figure{margin:0}svg{width:100%;height:auto;display:block}\n"
    "figcaption{font-size:.85rem;color:var(--muted);margin-top:.4rem}\n"
    ".grid{stroke:var(--line);stroke-width:1}\n"
    ".axis{fill:var(--muted);font:12px system-ui,sans-serif}\n"
    ".trend{fill:none;stroke:var(--accent);stroke-width:1.5;"
    "stroke-opacity:.55}\n"
    ".pt{fill:var(--accent);stroke:#fff;stroke-width:1.5}\n"
    ".med{stroke:var(--med);stroke-width:1.5;stroke-dasharray:5 4}\n"
    ".prep{stroke:#4d7a4f;stroke-width:1.2;stroke-dasharray:1 3}\n"
    ".integ{stroke:#6a5a8c;stroke-width:1.2;stroke-dasharray:8 3 1 3}\n"
    ".othr{stroke:var(--muted);stroke-width:1;stroke-dasharray:2 2}\n"
    ".low{fill:var(--med);stroke:none}\n"
    ".kindlabel{fill:var(--muted);font:600 11px system-ui,sans-serif}\n"
    ".medlabel{fill:var(--med);font:600 12px system-ui,sans-serif}\n"
    "table{border-collapse:collapse;width:100%;font-size:.85rem}\n"
    "th,td{text-align:left;padding:.3rem .45rem;"
    "border-bottom:1px solid var(--line);vertical-align:top}\n"
    "th{font-weight:600;color:var(--muted)}\n"
    ".num{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".nw{white-space:nowrap}\n"
    ".timeline{list-style:none;padding:0;margin:0}\n"
    ".timeline li{padding:.45rem 0 .45rem 1rem;"
    "border-left:3px solid var(--line)}\n"
    ".timeline li.medicine{border-left-color:var(--med)}\n"
    ".kind{font-weight:600}\n"
    ".entry{margin:0 0 2.2rem}\n"
    ".when{font-size:.85rem;color:var(--muted);margin:0 0 .6rem}\n"
    ".tag{background:var(--soft);border-radius:3px;padding:0 .3rem}\n"
    ".private{font-style:italic}\n"
    ".body,.notes{white-space:pre-wrap;overflow-wrap:anywhere}\n"
    ".agenda{padding-left:0;list-style:none}.agenda li{margin:.3rem 0}\n"
    ".done{color:var(--muted)}\n"
    ".none{color:var(--muted);font-style:italic}\n"
    ".attention{border-left:4px solid var(--med);padding:.2rem 1rem;"
    "margin:1rem 0}.attention li{margin:.3rem 0}\n"
    ".why{font-weight:600}\n"
    "#summary h3{margin-top:1.4rem}\n"
    "footer{margin-top:3rem;font-size:.8rem;color:var(--muted)}\n"
    "@media print{body{background:#fff;font-size:11pt}"
    "main{max-width:none;padding:0}nav{display:none}"
    ".statement{background:none}"
    ".entry,figure,tr,.timeline li{break-inside:avoid}"
    "h2,h3{break-after:avoid}a{color:inherit;text-decoration:none}}\n";

struct point {
	time_t t;
	int off;
	int mood;
};

/* A session on the chart, of any kind. */
struct med {
	time_t t;
	enum session_kind kind;
	int no;                 /* medicine sessions: 1, 2, ... */
};

struct html {
	struct store *s;
	struct rbuf *b;
	struct point *pts;
	size_t npts, cappts;
	struct med *meds;
	size_t nmeds, capmeds;
};

/* ---- gathering what the chart needs ---- */

static int
gather_checkin(const struct checkin *r, void *arg)
{
	struct html *h = arg;

	if (h->npts == h->cappts) {
		size_t cap = h->cappts ? h->cappts * 2 : 64;
		struct point *p = xcalloc(cap, sizeof *p);

		/* Not realloc: the old block is wiped before it is freed. */
		if (h->pts != NULL) {
			memcpy(p, h->pts, h->npts * sizeof *p);
			sodium_memzero(h->pts, h->cappts * sizeof *h->pts);
			free(h->pts);
		}
		h->pts = p;
		h->cappts = cap;
	}
	h->pts[h->npts].t = r->time;
	h->pts[h->npts].off = r->time_off;
	h->pts[h->npts].mood = r->mood;
	h->npts++;
	return 0;
}

static int
gather_session(const struct session *r, void *arg)
{
	struct html *h = arg;

	if (h->nmeds == h->capmeds) {
		h->capmeds = h->capmeds ? h->capmeds * 2 : 8;
		h->meds = xrealloc(h->meds, h->capmeds * sizeof *h->meds);
	}
	h->meds[h->nmeds].t = r->time;
	h->meds[h->nmeds].kind = r->kind;
	h->meds[h->nmeds].no = r->medicine_no;
	h->nmeds++;
	return 0;
}

/* ---- the mood chart ---- */

static double
chart_x(time_t t, time_t t0, time_t t1)
{
	return PLOT_X0 + (double)(t - t0) / (double)(t1 - t0) *
	    (PLOT_X1 - PLOT_X0);
}

static double
chart_y(int mood)
{
	return PLOT_Y1 - mood / 10.0 * (PLOT_Y1 - PLOT_Y0);
}

/* The class and the short label of a session's line on the chart. */
static const char *const kind_class[] = {
	[SESSION_PREPARATION] = "prep", [SESSION_MEDICINE] = "med",
	[SESSION_INTEGRATION] = "integ", [SESSION_OTHER] = "othr",
};
static const char *const kind_letter[] = {
	[SESSION_PREPARATION] = "P", [SESSION_MEDICINE] = "M",
	[SESSION_INTEGRATION] = "I", [SESSION_OTHER] = "O",
};

/* The check-ins of one day (as written): where it sits, its mean and its
 * lowest mood. */
struct day {
	double x, mean;
	int low;
	char name[16];
};

/* Group the points (in time order) by the day they were written on. */
static size_t
chart_days(const struct html *h, time_t t0, time_t t1, struct day *out)
{
	size_t i, n = 0, k = 0;
	double xs = 0, sum = 0;
	char name[16];

	for (i = 0; i < h->npts; i++) {
		report_day(h->pts[i].t, h->pts[i].off, name, sizeof name);
		if (k > 0 && strcmp(name, out[n].name) != 0) {
			out[n].x = xs / (double)k;
			out[n].mean = sum / (double)k;
			n++;
			k = 0;
		}
		if (k == 0) {
			snprintf(out[n].name, sizeof out[n].name, "%s", name);
			out[n].low = h->pts[i].mood;
			xs = sum = 0;
		}
		xs += chart_x(h->pts[i].t, t0, t1);
		sum += h->pts[i].mood;
		if (h->pts[i].mood < out[n].low)
			out[n].low = h->pts[i].mood;
		k++;
	}
	if (k > 0) {
		out[n].x = xs / (double)k;
		out[n].mean = sum / (double)k;
		n++;
	}
	return n;
}

/* What the marks mean, under the dates. */
static void
chart_legend(struct rbuf *b)
{
	static const struct {
		const char *cls, *text;
	} sessions[] = {
		{ "med", "medicine session" }, { "prep", "preparation" },
		{ "integ", "integration" }, { "othr", "other session" },
	};
	size_t i;
	int x = PLOT_X0;

	rbuf_printf(b, "<g class=\"legend\">\n<circle class=\"pt key\" cx=\"%d\" "
	    "cy=\"%d\" r=\"4\"/><text class=\"axis\" x=\"%d\" y=\"%d\">a "
	    "check-in</text>\n", x + 4, LEGEND_Y - 4, x + 12, LEGEND_Y);
	rbuf_printf(b, "<line class=\"trend key\" x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	    "y2=\"%d\"/><text class=\"axis\" x=\"%d\" y=\"%d\">mean of the "
	    "day</text>\n", x + 100, LEGEND_Y - 4, x + 124, LEGEND_Y - 4,
	    x + 130, LEGEND_Y);
	rbuf_printf(b, "<path class=\"low key\" d=\"M%d %d h10 l-5 8 z\"/>"
	    "<text class=\"axis\" x=\"%d\" y=\"%d\">lowest of the day</text>\n",
	    x + 240, LEGEND_Y - 9, x + 256, LEGEND_Y);
	for (i = 0; i < sizeof sessions / sizeof sessions[0]; i++) {
		int lx = x + (int)i * 150;

		rbuf_printf(b, "<line class=\"%s key\" x1=\"%d\" y1=\"%d\" "
		    "x2=\"%d\" y2=\"%d\"/><text class=\"axis\" x=\"%d\" "
		    "y=\"%d\">%s</text>\n", sessions[i].cls, lx + 4,
		    LEGEND_Y + 10, lx + 4, LEGEND_Y + 26, lx + 12, LEGEND_Y + 22,
		    sessions[i].text);
	}
	rbuf_put(b, "</g>\n");
}

static void
chart(struct html *h)
{
	struct rbuf *b = h->b;
	struct day *days;
	time_t t0 = 0, t1 = 0;
	double lastx = -1000;
	int row = 0, v;
	size_t i, nd;
	char day[16], when[32];

	for (i = 0; i < h->npts; i++) {
		if (t0 == 0 || h->pts[i].t < t0)
			t0 = h->pts[i].t;
		if (h->pts[i].t > t1)
			t1 = h->pts[i].t;
	}
	for (i = 0; i < h->nmeds; i++) {
		if (h->meds[i].t < t0)
			t0 = h->meds[i].t;
		if (h->meds[i].t > t1)
			t1 = h->meds[i].t;
	}
	if (t1 - t0 < DAY) {
		t0 -= DAY / 2;
		t1 += DAY / 2;
	}
	rbuf_printf(b, "<figure>\n<svg "
	    "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"chart-t\">\n"
	    "<title id=\"chart-t\">Mood at each check-in over time, 0 to 10, "
	    "with each day's mean and lowest mood and every session marked"
	    "</title>\n", CHART_W, CHART_H);
	for (v = 0; v <= 10; v += 2)
		rbuf_printf(b, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" "
		    "x2=\"%d\" y2=\"%.1f\"/><text class=\"axis\" x=\"%d\" "
		    "y=\"%.1f\" text-anchor=\"end\">%d</text>\n", PLOT_X0,
		    chart_y(v), PLOT_X1, chart_y(v), PLOT_X0 - 8,
		    chart_y(v) + 4, v);
	for (i = 0; i <= 4; i++) {
		time_t t = t0 + (time_t)((double)(t1 - t0) * (double)i / 4);

		report_day(t, time_offset(t), day, sizeof day);
		rbuf_printf(b, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" "
		    "text-anchor=\"%s\">%s</text>\n", chart_x(t, t0, t1),
		    PLOT_Y1 + 22, i == 0 ? "start" : i == 4 ? "end" : "middle",
		    day);
	}
	/* Other sessions first, medicine sessions over them. */
	for (i = 0; i < h->nmeds; i++) {
		const struct med *m = &h->meds[i];
		double x = chart_x(m->t, t0, t1);

		if (m->kind == SESSION_MEDICINE)
			continue;
		report_time(m->t, time_offset(m->t), when, sizeof when);
		rbuf_printf(b, "<line class=\"%s\" x1=\"%.1f\" y1=\"%d\" "
		    "x2=\"%.1f\" y2=\"%d\"><title>%s: %s session</title></line>"
		    "<text class=\"kindlabel\" x=\"%.1f\" y=\"%d\" "
		    "text-anchor=\"middle\">%s</text>\n", kind_class[m->kind],
		    x, PLOT_Y0, x, PLOT_Y1, when,
		    store_session_kind_name(m->kind), x, PLOT_Y0 - 4,
		    kind_letter[m->kind]);
	}
	for (i = 0; i < h->nmeds; i++) {
		double x = chart_x(h->meds[i].t, t0, t1);
		double lx = x < PLOT_X0 + 60 ? PLOT_X0 + 60 :
		    x > PLOT_X1 - 60 ? PLOT_X1 - 60 : x;

		if (h->meds[i].kind != SESSION_MEDICINE)
			continue;
		/* Labels closer than their width take turns on two rows. */
		row = x - lastx < 130 ? !row : 0;
		lastx = x;
		rbuf_printf(b, "<line class=\"med\" x1=\"%.1f\" y1=\"%d\" "
		    "x2=\"%.1f\" y2=\"%d\"/><text class=\"medlabel\" "
		    "x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">Medicine "
		    "session %d</text>\n", x, row ? 48 : 32, x, PLOT_Y1, lx,
		    row ? 42 : 26, h->meds[i].no);
	}
	days = xcalloc(h->npts + 1, sizeof *days);
	nd = chart_days(h, t0, t1, days);
	if (nd > 1) {
		rbuf_put(b, "<polyline class=\"trend\" points=\"");
		for (i = 0; i < nd; i++)
			rbuf_printf(b, "%s%.1f,%.1f", i ? " " : "", days[i].x,
			    PLOT_Y1 - days[i].mean / 10.0 * (PLOT_Y1 - PLOT_Y0));
		rbuf_put(b, "\"/>\n");
	}
	for (i = 0; i < h->npts; i++) {
		report_time(h->pts[i].t, h->pts[i].off, when, sizeof when);
		rbuf_printf(b, "<circle class=\"pt\" cx=\"%.1f\" cy=\"%.1f\" "
		    "r=\"4.5\"><title>%s: mood %d</title></circle>\n",
		    chart_x(h->pts[i].t, t0, t1), chart_y(h->pts[i].mood),
		    when, h->pts[i].mood);
	}
	/* Each day's lowest mood: a small triangle pointing down under it. */
	for (i = 0; i < nd; i++)
		rbuf_printf(b, "<path class=\"low\" d=\"M%.1f %.1f h10 l-5 8 z\">"
		    "<title>%s: lowest mood %d, mean %.1f</title></path>\n",
		    days[i].x - 5, chart_y(days[i].low) + 6, days[i].name,
		    days[i].low, days[i].mean);
	sodium_memzero(days, (h->npts + 1) * sizeof *days);
	free(days);
	chart_legend(b);
	rbuf_put(b, "</svg>\n<figcaption>Each dot is one check-in's mood "
	    "(0 lowest, 10 best); the line joins each day's mean, and a "
	    "triangle marks each day's lowest mood. Vertical lines mark the "
	    "sessions: medicine sessions labelled, P preparation, I "
	    "integration, O other.</figcaption>\n</figure>\n");
}

/* ---- the sections ---- */

static int
meta_row(const char *key, const char *value, void *arg)
{
	struct rbuf *b = arg;
	char label[64], buf[32];

	value = report_meta_label(key, value, label, sizeof label, buf,
	    sizeof buf);
	if (value == NULL)
		return 0;
	rbuf_put(b, "<dt>");
	rbuf_html(b, label);
	rbuf_put(b, "</dt><dd>");
	rbuf_html(b, value);
	rbuf_put(b, "</dd>\n");
	return 0;
}

static int
session_item(const struct session *r, void *arg)
{
	struct html *h = arg;
	char when[32];

	report_time(r->time, r->time_off, when, sizeof when);
	rbuf_printf(h->b, "<li class=\"%s\"><time>%s</time> · <span "
	    "class=\"kind\">", store_session_kind_name(r->kind), when);
	if (r->kind == SESSION_MEDICINE)
		rbuf_printf(h->b, "Medicine session %d", r->medicine_no);
	else if (r->kind == SESSION_PREPARATION)
		rbuf_put(h->b, "Preparation session");
	else if (r->kind == SESSION_INTEGRATION)
		rbuf_put(h->b, "Integration session");
	else
		rbuf_put(h->b, "Session");
	rbuf_put(h->b, "</span>");
	if (report_nz(r->title)[0] != '\0') {
		rbuf_put(h->b, " · ");
		rbuf_html(h->b, r->title);
	}
	if (report_nz(r->notes)[0] != '\0') {
		rbuf_put(h->b, "<div class=\"notes\">");
		rbuf_html(h->b, r->notes);
		rbuf_put(h->b, "</div>");
	}
	rbuf_put(h->b, "</li>\n");
	return 0;
}

static int
entry_article(const struct entry *r, void *arg)
{
	struct html *h = arg;
	char when[32], place[96];
	const char *p, *q;

	report_time(r->created, r->created_off, when, sizeof when);
	store_place(h->s, r->created, place, sizeof place);
	rbuf_put(h->b, "<article class=\"entry\">\n<h3>");
	rbuf_html(h->b, report_entry_title(r->title, r->kind));
	rbuf_printf(h->b, "</h3>\n<p class=\"when\"><time>%s</time> · ", when);
	rbuf_html(h->b, place);
	rbuf_put(h->b, " · ");
	rbuf_html(h->b, r->kind);
	for (p = report_nz(r->tags); *p != '\0'; p = *q ? q + 1 : q) {
		char tag[72];

		q = strchr(p, ' ');
		if (q == NULL)
			q = p + strlen(p);
		snprintf(tag, sizeof tag, "%.*s", (int)(q - p), p);
		rbuf_put(h->b, p == r->tags ? " · tags: " : " ");
		rbuf_put(h->b, "<span class=\"tag\">");
		rbuf_html(h->b, tag);
		rbuf_put(h->b, "</span>");
	}
	if (!r->shared)
		rbuf_put(h->b, " · <span class=\"private\">not marked to "
		    "share</span>");
	rbuf_put(h->b, "</p>\n<div class=\"body\">");
	rbuf_html(h->b, r->body);
	rbuf_put(h->b, "</div>\n</article>\n");
	return 0;
}

static void
scale_cell(struct rbuf *b, int v)
{
	if (v == CHECKIN_UNSET)
		rbuf_put(b, "<td class=\"num\"></td>");
	else
		rbuf_printf(b, "<td class=\"num\">%d</td>", v);
}

static int
checkin_row(const struct checkin *r, void *arg)
{
	struct html *h = arg;
	char when[32], symptoms[160], day[24];

	report_time(r->time, r->time_off, when, sizeof when);
	report_medicine_day_text(h->s, r->time, day, sizeof day);
	rbuf_printf(h->b, "<tr><td class=\"nw\">%s</td><td class=\"num\">"
	    "%s</td><td class=\"num\">%d</td><td>%s</td>", when, day,
	    r->mood, report_safety(r));
	scale_cell(h->b, r->anxiety);
	scale_cell(h->b, r->sleep);
	if (r->sleep_hours == CHECKIN_UNSET)
		rbuf_put(h->b, "<td class=\"num\"></td>");
	else
		rbuf_printf(h->b, "<td class=\"num\">%g</td>", r->sleep_hours);
	scale_cell(h->b, r->energy);
	scale_cell(h->b, r->connection);
	store_symptoms_text(r->symptoms, symptoms, sizeof symptoms);
	rbuf_put(h->b, "<td>");
	rbuf_html(h->b, symptoms);
	rbuf_put(h->b, "</td><td>");
	rbuf_html(h->b, r->note != NULL ? r->note : "");
	rbuf_put(h->b, "</td><td>");
	rbuf_html(h->b, r->placement);
	rbuf_put(h->b, "</td></tr>\n");
	return 0;
}

static int
agenda_item(const struct agenda_item *r, void *arg)
{
	struct html *h = arg;

	if (r->done) {
		char when[32];

		report_time(r->done, time_offset(r->done), when, sizeof when);
		rbuf_put(h->b, "<li class=\"done\">☑ Done: ");
		rbuf_html(h->b, r->text);
		rbuf_printf(h->b, " <small>(%s)</small></li>\n", when);
	} else {
		rbuf_put(h->b, "<li>☐ ");
		rbuf_html(h->b, r->text);
		rbuf_put(h->b, "</li>\n");
	}
	return 0;
}

static void
none(struct rbuf *b, const char *what)
{
	rbuf_printf(b, "<p class=\"none\">%s</p>\n", what);
}

static int
sections(struct html *h, const struct report_summary *sum, struct err *e)
{
	struct rbuf *b = h->b;
	struct entry_filter all;

	memset(&all, 0, sizeof all);
	rbuf_put(b, "<section id=\"mood\">\n<h2>Mood over time</h2>\n");
	if (store_checkin_list(h->s, 0, 0, gather_checkin, h, e) != 0 ||
	    store_session_list(h->s, gather_session, h, e) != 0)
		return -1;
	if (h->npts == 0)
		none(b, "No check-ins in this export.");
	else
		chart(h);
	rbuf_put(b, "</section>\n<section id=\"timeline\">\n<h2>Treatment "
	    "timeline</h2>\n");
	if (sum->sessions == 0)
		none(b, "No sessions in this export.");
	else {
		rbuf_put(b, "<ol class=\"timeline\">\n");
		if (store_session_list(h->s, session_item, h, e) != 0)
			return -1;
		rbuf_put(b, "</ol>\n");
	}
	rbuf_put(b, "</section>\n<section id=\"entries\">\n<h2>Journal "
	    "entries</h2>\n");
	if (sum->entries == 0)
		none(b, "No journal entries in this export.");
	if (store_entry_list(h->s, &all, entry_article, h, e) != 0)
		return -1;
	rbuf_put(b, "</section>\n<section id=\"checkins\">\n<h2>Check-ins"
	    "</h2>\n");
	if (sum->checkins == 0)
		none(b, "No check-ins in this export.");
	else {
		rbuf_put(b, "<table>\n<thead><tr><th>When</th><th class=\"num\">"
		    "Days after medicine</th><th class=\"num\">Mood</th><th>Safety</th><th class=\"num\">Anxiety</th><th class=\"num\">"
		    "Sleep</th><th class=\"num\">Hours</th><th class=\"num\">"
		    "Energy</th><th class=\"num\">Connection</th><th>Symptoms"
		    "</th><th>Note</th><th>Timeline</th></tr></thead>\n"
		    "<tbody>\n");
		if (store_checkin_list(h->s, 0, 0, checkin_row, h, e) != 0)
			return -1;
		rbuf_put(b, "</tbody>\n</table>\n");
	}
	rbuf_put(b, "</section>\n");
	if (report_html_measures(h->s, b, e) != 0)
		return -1;
	rbuf_put(b, "<section id=\"agenda\">\n<h2>To bring to the "
	    "next session</h2>\n");
	if (sum->agenda_open + sum->agenda_done == 0)
		none(b, "Nothing on the agenda in this export.");
	else {
		rbuf_put(b, "<ul class=\"agenda\">\n");
		if (store_agenda_list(h->s, agenda_item, h, e) != 0)
			return -1;
		rbuf_put(b, "</ul>\n");
	}
	rbuf_put(b, "</section>\n");
	return 0;
}

int
report_html(struct store *s, struct rbuf *b, struct err *e)
{
	struct html h;
	struct report_summary sum;
	struct rbuf statement = { .p = NULL };
	char *title;
	int rc;

	if (report_summarize(s, &sum, e) != 0)
		return -1;
	memset(&h, 0, sizeof h);
	h.s = s;
	h.b = b;
	title = store_meta_get(s, "title");
	if (title != NULL && title[0] == '\0') {
		free(title);
		title = NULL;
	}
	rbuf_put(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	rbuf_html(b, title != NULL ? title : "Journal report");
	rbuf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<main>\n<header>\n<h1>", style);
	rbuf_html(b, title != NULL ? title : "Journal report");
	free(title);
	rbuf_put(b, "</h1>\n<p class=\"statement\">");
	report_statement(&statement, &sum);
	rbuf_html(b, statement.p);
	rbuf_free(&statement);
	rbuf_put(b, "</p>\n</header>\n<nav><a href=\"#summary\">Summary</a>"
	    "<a href=\"#about\">About</a><a href=\"#mood\">Mood</a>"
	    "<a href=\"#timeline\">Timeline</a><a href=\"#entries\">Entries"
	    "</a><a href=\"#checkins\">Check-ins</a><a href=\"#measures\">"
	    "Questionnaires</a><a href=\"#agenda\">"
	    "Agenda</a></nav>\n");
	if (report_summary_html(s, &sum, b, e) != 0)
		return -1;
	rbuf_put(b, "<section id=\"about\">\n<h2>About this export</h2>\n"
	    "<dl class=\"meta\">\n");
	if (report_meta_walk(s, meta_row, b, e) != 0)
		return -1;
	rbuf_put(b, "<dt>times</dt><dd>as written, in the writer's local "
	    "time</dd>\n</dl>\n</section>\n");
	rc = sections(&h, &sum, e);
	/* Moods and times are journal data too. */
	if (h.pts != NULL)
		sodium_memzero(h.pts, h.cappts * sizeof *h.pts);
	free(h.pts);
	free(h.meds);
	if (rc != 0)
		return -1;
	rbuf_printf(b, "<footer>Made by tend %s, offline. This page loads "
	    "nothing from the network.</footer>\n</main>\n</body>\n</html>\n",
	    PACKAGE_VERSION);
	return 0;
}
