libtend_a_SOURCES += \
	src/share/sealed.c \
	src/share/keys.c \
	src/share/identity.c \
	src/share/bundle.c \
	src/share/export.c \
	src/share/known.c \
	src/share/words.c \
	src/share/report.c \
	src/share/report-html.c \
	src/share/report-summary.c \
	src/share/report-measure.c
noinst_HEADERS += \
	include/tend/share.h \
	include/tend/report.h \
	src/share/share-int.h \
	src/share/report-int.h
