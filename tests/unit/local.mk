# Unit tests: each is a TAP program built with ASan+UBSan against a
# sanitized copy of libtend (libtend_san.a), so `make check` always runs
# them under the sanitizers.
check_LIBRARIES = libtend_san.a tests/unit/libtesthelp.a
libtend_san_a_SOURCES = $(libtend_a_SOURCES)
libtend_san_a_CFLAGS = $(AM_CFLAGS) $(SAN_FLAGS)
tests_unit_libtesthelp_a_SOURCES = tests/unit/tap.c tests/unit/testutil.c \
	tests/unit/vtest.c
tests_unit_libtesthelp_a_CFLAGS = $(AM_CFLAGS) $(SAN_FLAGS)
noinst_HEADERS += tests/unit/tap.h tests/unit/testutil.h tests/unit/vtest.h

UNIT_CFLAGS = $(AM_CFLAGS) $(SAN_FLAGS)
UNIT_LDADD = tests/unit/libtesthelp.a libtend_san.a $(TEND_LIBS)

UNIT_TESTS = \
	tests/unit/test-base32 \
	tests/unit/test-bech32 \
	tests/unit/test-vault \
	tests/unit/test-shim \
	tests/unit/test-privacy \
	tests/unit/test-integrity \
	tests/unit/test-crashkill
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_unit_test_base32_SOURCES = tests/unit/test-base32.c
tests_unit_test_base32_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_base32_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_base32_LDADD = $(UNIT_LDADD)

tests_unit_test_bech32_SOURCES = tests/unit/test-bech32.c
tests_unit_test_bech32_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_bech32_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_bech32_LDADD = $(UNIT_LDADD)

tests_unit_test_vault_SOURCES = tests/unit/test-vault.c
tests_unit_test_vault_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_vault_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_vault_LDADD = $(UNIT_LDADD)

tests_unit_test_shim_SOURCES = tests/unit/test-shim.c
tests_unit_test_shim_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_shim_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_shim_LDADD = $(UNIT_LDADD)

tests_unit_test_privacy_SOURCES = tests/unit/test-privacy.c
tests_unit_test_privacy_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_privacy_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_privacy_LDADD = $(UNIT_LDADD)

tests_unit_test_integrity_SOURCES = tests/unit/test-integrity.c
tests_unit_test_integrity_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_integrity_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_integrity_LDADD = $(UNIT_LDADD)

tests_unit_test_crashkill_SOURCES = tests/unit/test-crashkill.c
tests_unit_test_crashkill_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_crashkill_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_crashkill_LDADD = $(UNIT_LDADD)
