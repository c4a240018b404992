libtend_a_SOURCES += \
	src/vault/shim.c \
	src/vault/header.c \
	src/vault/secmem.c \
	src/vault/hotjournal.c \
	src/vault/vault.c \
	src/vault/rekey.c \
	src/vault/witness.c \
	src/vault/inbox.c
noinst_HEADERS += \
	include/tend/vault.h \
	src/vault/shim.h \
	include/tend/header.h \
	src/vault/secmem.h \
	src/vault/hotjournal.h \
	src/vault/rekey.h \
	src/vault/vault-int.h \
	src/vault/witness.h \
	include/tend/inbox.h \
	src/vault/inbox-int.h
