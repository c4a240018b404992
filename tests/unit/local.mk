# Unit tests: TAP programs, one per module or concern.  Each is built
# from tests/unit/NAME.c with the defaults of Makefile.am: ASan and UBSan,
# linked with libtesthelp.a and a sanitized copy of libtend (libtend_san.a),
# so `make check` always runs them under the sanitizers.
check_LIBRARIES = libtend_san.a tests/unit/libtesthelp.a
libtend_san_a_SOURCES = $(libtend_a_SOURCES)
tests_unit_libtesthelp_a_SOURCES = tests/unit/tap.c tests/unit/testutil.c \
	tests/unit/vtest.c
noinst_HEADERS += tests/unit/tap.h tests/unit/testutil.h tests/unit/vtest.h

UNIT_TESTS = \
	tests/unit/test-base32 \
	tests/unit/test-bech32 \
	tests/unit/test-vault \
	tests/unit/test-shim \
	tests/unit/test-privacy \
	tests/unit/test-integrity \
	tests/unit/test-fresh \
	tests/unit/test-crashkill \
	tests/unit/test-timefmt \
	tests/unit/test-store \
	tests/unit/test-store-schema \
	tests/unit/test-store-stream \
	tests/unit/test-store-timeline \
	tests/unit/test-store-trash \
	tests/unit/test-store-fix \
	tests/unit/test-store-session \
	tests/unit/test-store-scale \
	tests/unit/test-store-export \
	tests/unit/test-store-image \
	tests/unit/test-share \
	tests/unit/test-ui-config \
	tests/unit/test-ui-keys \
	tests/unit/test-ui-list \
	tests/unit/test-ui-readonly \
	tests/unit/test-ui-lists \
	tests/unit/test-ui-plot \
	tests/unit/test-ui-query \
	tests/unit/test-ui-timeline \
	tests/unit/test-ui-text \
	tests/unit/test-ui-theme \
	tests/unit/test-report \
	tests/unit/test-store-update \
	tests/unit/test-ui-prompts \
	tests/unit/test-ui-textbuf \
	tests/unit/test-rekey \
	tests/unit/test-inbox
check_PROGRAMS += $(UNIT_TESTS) tests/unit/test-vault-close
TESTS += $(UNIT_TESTS) tests/unit/test-vault-close

# Without sanitizers on purpose: the use-after-free it guards against
# hides under ASan (see the test).
tests_unit_test_vault_close_SOURCES = tests/unit/test-vault-close.c \
	tests/unit/tap.c tests/unit/testutil.c
tests_unit_test_vault_close_CPPFLAGS = $(AM_CPPFLAGS)
tests_unit_test_vault_close_CFLAGS = $(BASE_CFLAGS)
tests_unit_test_vault_close_LDFLAGS =
tests_unit_test_vault_close_LDADD = libtend.a $(TEND_LIBS)

