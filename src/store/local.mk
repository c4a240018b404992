libtend_a_SOURCES += \
	src/store/sqlrun.c
noinst_HEADERS += \
	include/tend/store.h
