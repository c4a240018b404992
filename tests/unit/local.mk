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
	tests/unit/test-ui-config \
	tests/unit/test-ui-keys \
	tests/unit/test-ui-list \
	tests/unit/test-ui-text \
	tests/unit/test-ui-theme
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_unit_test_base32_SOURCES = tests/unit/test-base32.c
tests_unit_test_base32_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_base32_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_base32_LDADD = $(UNIT_LDADD)

tests_unit_test_ui_config_SOURCES = tests/unit/test-ui-config.c
tests_unit_test_ui_config_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_ui_config_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_ui_config_LDADD = $(UNIT_LDADD)

tests_unit_test_ui_keys_SOURCES = tests/unit/test-ui-keys.c
tests_unit_test_ui_keys_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_ui_keys_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_ui_keys_LDADD = $(UNIT_LDADD)

tests_unit_test_ui_theme_SOURCES = tests/unit/test-ui-theme.c
tests_unit_test_ui_theme_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_ui_theme_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_ui_theme_LDADD = $(UNIT_LDADD)

tests_unit_test_ui_list_SOURCES = tests/unit/test-ui-list.c
tests_unit_test_ui_list_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_ui_list_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_ui_list_LDADD = $(UNIT_LDADD)

tests_unit_test_ui_text_SOURCES = tests/unit/test-ui-text.c
tests_unit_test_ui_text_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_ui_text_LDFLAGS = $(SAN_FLAGS)
tests_unit_test_ui_text_LDADD = $(UNIT_LDADD)
