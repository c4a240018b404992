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
	tests/unit/test-timefmt \
	tests/unit/test-store \
	tests/unit/test-store-schema \
	tests/unit/test-store-trash \
	tests/unit/test-store-scale
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_unit_test_base32_SOURCES = tests/unit/test-base32.c
tests_unit_test_base32_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_base32_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_base32_LDADD = $(UNIT_LDADD)

tests_unit_test_timefmt_SOURCES = tests/unit/test-timefmt.c
tests_unit_test_timefmt_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_timefmt_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_timefmt_LDADD = $(UNIT_LDADD)

tests_unit_test_store_SOURCES = tests/unit/test-store.c
tests_unit_test_store_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_store_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_store_LDADD = $(UNIT_LDADD)

tests_unit_test_store_schema_SOURCES = tests/unit/test-store-schema.c
tests_unit_test_store_schema_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_store_schema_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_store_schema_LDADD = $(UNIT_LDADD)

tests_unit_test_store_trash_SOURCES = tests/unit/test-store-trash.c
tests_unit_test_store_trash_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_store_trash_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_store_trash_LDADD = $(UNIT_LDADD)

tests_unit_test_store_scale_SOURCES = tests/unit/test-store-scale.c
tests_unit_test_store_scale_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_store_scale_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_store_scale_LDADD = $(UNIT_LDADD)
