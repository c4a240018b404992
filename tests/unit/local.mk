# Unit tests: each is a TAP program built with ASan+UBSan against a
# sanitized copy of libtend (libtend_san.a), so `make check` always runs
# them under the sanitizers.
check_LIBRARIES = libtend_san.a tests/unit/libtesthelp.a
libtend_san_a_SOURCES = $(libtend_a_SOURCES)
libtend_san_a_CFLAGS = $(AM_CFLAGS) $(SAN_FLAGS)
tests_unit_libtesthelp_a_SOURCES = tests/unit/tap.c tests/unit/testutil.c
tests_unit_libtesthelp_a_CFLAGS = $(AM_CFLAGS) $(SAN_FLAGS)
noinst_HEADERS += tests/unit/tap.h tests/unit/testutil.h

UNIT_CFLAGS = $(AM_CFLAGS) $(SAN_FLAGS)
UNIT_LDADD = tests/unit/libtesthelp.a libtend_san.a $(TEND_LIBS)

UNIT_TESTS = \
	tests/unit/test-base32 \
	tests/unit/test-vault-close
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_unit_test_base32_SOURCES = tests/unit/test-base32.c
tests_unit_test_base32_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_base32_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_base32_LDADD = $(UNIT_LDADD)

# Without sanitizers on purpose: the use-after-free it guards against
# hides under ASan (see the test).
tests_unit_test_vault_close_SOURCES = tests/unit/test-vault-close.c \
	tests/unit/tap.c tests/unit/testutil.c
tests_unit_test_vault_close_LDADD = libtend.a $(TEND_LIBS)
