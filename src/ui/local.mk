# The full-screen app (ncurses lives only here).
libtend_a_SOURCES += \
	src/ui/config.c \
	src/ui/keys.c \
	src/ui/lines.c \
	src/ui/theme.c
noinst_HEADERS += \
	src/ui/ui.h

# Themes are installed for everyone; TEND_THEME_DIR finds them in the
# source tree for the tests.
themedir = $(pkgdatadir)/themes
dist_theme_DATA = \
	themes/default.theme \
	themes/calm-dark.theme \
	themes/light.theme \
	themes/high-contrast.theme \
	themes/monochrome.theme
