# The share layer: plaintext exports (report*.c).
libtend_a_SOURCES += \
	src/share/report.c \
	src/share/report-html.c
noinst_HEADERS += \
	include/tend/report.h \
	src/share/report-int.h
