libtend_a_SOURCES += \
	src/util/err.c \
	src/util/fileio.c \
	src/util/base32.c \
	src/util/utf8.c \
	src/util/timefmt.c \
	src/util/testhook.c \
	src/util/progress.c
noinst_HEADERS += \
	include/tend/err.h \
	include/tend/fileio.h \
	include/tend/base32.h \
	include/tend/utf8.h \
	include/tend/timefmt.h \
	include/tend/testhook.h \
	include/tend/progress.h
libtend_a_SOURCES += src/util/bech32.c
noinst_HEADERS += include/tend/bech32.h
