libtend_a_SOURCES += \
	src/share/sealed.c \
	src/share/keys.c \
	src/share/identity.c \
	src/share/bundle.c \
	src/share/known.c \
	src/share/words.c
noinst_HEADERS += \
	include/tend/share.h \
	src/share/share-int.h
