libtend_a_SOURCES += \
	src/store/sqlrun.c \
	src/store/store.c \
	src/store/schema.c \
	src/store/timeline.c \
	src/store/entry.c \
	src/store/search.c \
	src/store/tokenize.c \
	src/store/checkin.c \
	src/store/session.c \
	src/store/agenda.c \
	src/store/stats.c \
	src/store/export.c \
	src/store/therapist.c \
	src/store/document.c \
	src/store/jot.c
noinst_HEADERS += \
	include/tend/store.h \
	src/store/store-int.h
