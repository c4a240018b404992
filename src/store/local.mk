libtend_a_SOURCES += \
	src/store/sqlrun.c \
	src/store/store.c \
	src/store/schema.c \
	src/store/timeline.c \
	src/store/entry.c \
	src/store/search.c \
	src/store/tokenize.c \
	src/store/checkin.c \
	src/store/remind.c \
	src/store/session.c \
	src/store/agenda.c \
	src/store/stats.c \
	src/store/summary.c \
	src/store/export.c \
	src/store/therapist.c \
	src/store/document.c \
	src/store/jot.c \
	src/store/measure.c \
	src/store/measure-builtin.c \
	src/store/measure-store.c
noinst_HEADERS += \
	include/tend/store.h \
	include/tend/measure.h \
	src/store/measure-int.h \
	src/store/store-int.h
