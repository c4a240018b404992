# main.c is in tend_SOURCES (Makefile.am); the rest of the command line
# lives in libtend.a so tests can link it.
libtend_a_SOURCES += \
	src/cli/prompt.c \
	src/cli/cmd-vault.c \
	src/cli/cmd-sql.c \
	src/cli/journal.c \
	src/cli/cmd-entry.c \
	src/cli/cmd-track.c \
	src/cli/cmd-share.c \
	src/cli/cmd-patient.c \
	src/cli/cmd-export-plain.c \
	src/cli/cmd-jot.c \
	src/cli/cmd-measure.c
noinst_HEADERS += \
	src/cli/cli.h
