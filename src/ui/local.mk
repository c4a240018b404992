# The full-screen app (ncurses lives only here).
libtend_a_SOURCES += \
	src/ui/app.c \
	src/ui/config.c \
	src/ui/draw.c \
	src/ui/field.c \
	src/ui/keys.c \
	src/ui/lines.c \
	src/ui/list.c \
	src/ui/passphrase.c \
	src/ui/plot.c \
	src/ui/chart-measure.c \
	src/ui/due.c \
	src/ui/query.c \
	src/ui/rows.c \
	src/ui/prompts.c \
	src/ui/textbuf.c \
	src/ui/theme.c \
	src/ui/screen-bundle.c \
	src/ui/screen-checkin.c \
	src/ui/screen-agenda.c \
	src/ui/screen-chart.c \
	src/ui/chart-text.c \
	src/ui/screen-passwd.c \
	src/ui/screen-confirm.c \
	src/ui/screen-editor.c \
	src/ui/screen-entry.c \
	src/ui/screen-export.c \
	src/ui/screen-sender.c \
	src/ui/screen-name.c \
	src/ui/screen-therapist.c \
	src/ui/screen-firstrun.c \
	src/ui/screen-help.c \
	src/ui/screen-home.c \
	src/ui/screen-sessions.c \
	src/ui/screen-search.c \
	src/ui/screen-settings.c \
	src/ui/screen-support.c \
	src/ui/screen-trash.c \
	src/ui/screen-unlock.c \
	src/ui/screen-jot.c \
	src/ui/screen-measure.c \
	src/ui/screen-measures.c \
	src/ui/screen-summary.c
noinst_HEADERS += \
	include/tend/ui.h \
	src/ui/plot.h \
	src/ui/chart-measure.h \
	src/ui/due.h \
	src/ui/chart-text.h \
	src/ui/prompts.h \
	src/ui/query.h \
	src/ui/textbuf.h \
	src/ui/ui.h

# Themes are installed for everyone; ./tend also finds them in themes/
# next to itself (see theme_dirs in theme.c).
themedir = $(pkgdatadir)/themes
dist_theme_DATA = \
	themes/default.theme \
	themes/calm-dark.theme \
	themes/light.theme \
	themes/high-contrast.theme \
	themes/monochrome.theme
