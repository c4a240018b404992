# libFuzzer targets, built with clang directly (automake's CC is gcc)
# from the sources they need.  `make fuzz` runs each for FUZZ_SECONDS
# seconds (environment or make variable, default 60) from its seed corpus
# (tests/fuzz/corpus/NAME); tests/fuzz/run.sh, in TESTS, builds them and
# does the same in `make check`.
FUZZ_CC = clang
FUZZ_CFLAGS = -std=c11 -g -O1 -Wall -Wextra -Werror \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-I$(top_builddir) -I$(top_srcdir)/include -I$(top_srcdir)/src \
	$(SQLITE_CFLAGS) $(SODIUM_CFLAGS)
FUZZ_LIBS = $(SQLITE_LIBS) $(SODIUM_LIBS) -pthread
FUZZ_SRC = \
	$(top_srcdir)/src/util/err.c \
	$(top_srcdir)/src/util/fileio.c \
	$(top_srcdir)/src/util/base32.c \
	$(top_srcdir)/src/util/utf8.c \
	$(top_srcdir)/src/util/progress.c \
	$(top_srcdir)/src/util/testhook.c \
	$(top_srcdir)/src/vault/header.c \
	$(top_srcdir)/src/vault/secmem.c \
	$(top_srcdir)/src/vault/shim.c \
	$(top_srcdir)/src/vault/hotjournal.c \
	$(top_srcdir)/src/vault/vault.c \
	$(top_srcdir)/src/vault/witness.c \
	$(top_srcdir)/src/vault/inbox.c \
	$(top_srcdir)/src/vault/rekey.c
FUZZ_IMAGE_SRC = $(FUZZ_SRC) \
	$(top_srcdir)/src/util/timefmt.c \
	$(top_srcdir)/src/store/agenda.c \
	$(top_srcdir)/src/store/checkin.c \
	$(top_srcdir)/src/store/document.c \
	$(top_srcdir)/src/store/entry.c \
	$(top_srcdir)/src/store/export.c \
	$(top_srcdir)/src/store/schema.c \
	$(top_srcdir)/src/store/session.c \
	$(top_srcdir)/src/store/stats.c \
	$(top_srcdir)/src/store/store.c \
	$(top_srcdir)/src/store/therapist.c \
	$(top_srcdir)/src/store/timeline.c \
	$(top_srcdir)/src/store/search.c \
	$(top_srcdir)/src/store/summary.c \
	$(top_srcdir)/src/store/tokenize.c \
	$(top_srcdir)/src/store/measure.c \
	$(top_srcdir)/src/store/measure-builtin.c \
	$(top_srcdir)/src/store/measure-store.c \
	$(top_srcdir)/src/share/report.c \
	$(top_srcdir)/src/share/report-html.c \
	$(top_srcdir)/src/share/report-measure.c \
	$(top_srcdir)/src/share/report-summary.c
FUZZ_QUESTIONNAIRE_SRC = \
	$(top_srcdir)/src/util/err.c \
	$(top_srcdir)/src/util/utf8.c \
	$(top_srcdir)/src/store/measure.c
FUZZERS = tests/fuzz/fuzz-header tests/fuzz/fuzz-open tests/fuzz/fuzz-recovery \
	tests/fuzz/fuzz-image tests/fuzz/fuzz-questionnaire

EXTRA_DIST += tests/fuzz/fuzz-header.c tests/fuzz/fuzz-open.c \
	tests/fuzz/fuzz-recovery.c tests/fuzz/fuzz-image.c \
	tests/fuzz/fuzz-questionnaire.c tests/fuzz/run.sh tests/fuzz/corpus
TESTS += tests/fuzz/run.sh
CLEANFILES += $(FUZZERS)

tests/fuzz/fuzz-header: $(top_srcdir)/tests/fuzz/fuzz-header.c $(FUZZ_SRC) config.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && $(FUZZ_CC) $(FUZZ_CFLAGS) \
	    -o $@ $(top_srcdir)/tests/fuzz/fuzz-header.c $(FUZZ_SRC) $(FUZZ_LIBS)
tests/fuzz/fuzz-open: $(top_srcdir)/tests/fuzz/fuzz-open.c $(FUZZ_SRC) config.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && $(FUZZ_CC) $(FUZZ_CFLAGS) \
	    -o $@ $(top_srcdir)/tests/fuzz/fuzz-open.c $(FUZZ_SRC) $(FUZZ_LIBS)
tests/fuzz/fuzz-recovery: $(top_srcdir)/tests/fuzz/fuzz-recovery.c $(FUZZ_SRC) config.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && $(FUZZ_CC) $(FUZZ_CFLAGS) \
	    -o $@ $(top_srcdir)/tests/fuzz/fuzz-recovery.c $(FUZZ_SRC) $(FUZZ_LIBS)
tests/fuzz/fuzz-image: $(top_srcdir)/tests/fuzz/fuzz-image.c $(FUZZ_IMAGE_SRC) config.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && $(FUZZ_CC) $(FUZZ_CFLAGS) \
	    -o $@ $(top_srcdir)/tests/fuzz/fuzz-image.c $(FUZZ_IMAGE_SRC) $(FUZZ_LIBS)
tests/fuzz/fuzz-questionnaire: $(top_srcdir)/tests/fuzz/fuzz-questionnaire.c $(FUZZ_QUESTIONNAIRE_SRC) config.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && $(FUZZ_CC) $(FUZZ_CFLAGS) \
	    -o $@ $(top_srcdir)/tests/fuzz/fuzz-questionnaire.c $(FUZZ_QUESTIONNAIRE_SRC) $(FUZZ_LIBS)

fuzzers: $(FUZZERS)

fuzz: $(FUZZERS)
	@TEND_SRCDIR='$(abs_top_srcdir)' \
	    TEND_BUILDDIR='$(abs_top_builddir)' TEND_FUZZ_BUILT=1 \
	    $(SHELL) $(top_srcdir)/tests/fuzz/run.sh

clean-local: clean-fuzz
clean-fuzz:
	rm -rf tests/fuzz/work
.PHONY: fuzz fuzzers clean-fuzz
