# Benchmarks, built without the sanitizers and run by `make bench` to print
# measured figures.  bench-vault is built by make check too, so it keeps
# compiling; bench-store only by make bench.
EXTRA_PROGRAMS = tests/bench/bench-store tests/bench/bench-search
CLEANFILES += tests/bench/bench-store tests/bench/bench-search

# bench-store: the scale test of the store (tests/unit/test-store-scale.c)
# built plainly, so its figures are what users see.
tests_bench_bench_store_SOURCES = tests/unit/test-store-scale.c \
	tests/unit/tap.c tests/unit/testutil.c
tests_bench_bench_store_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_bench_bench_store_CFLAGS = $(BASE_CFLAGS)
tests_bench_bench_store_LDFLAGS =
tests_bench_bench_store_LDADD = libtend.a $(TEND_LIBS)

# bench-search: one search per kind of word (latin, German spellings,
# CJK, check-in notes, agenda) at BENCH_SEARCH_N entries (100,000).
tests_bench_bench_search_SOURCES = tests/bench/bench-search.c \
	tests/unit/testutil.c tests/unit/tap.c
tests_bench_bench_search_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_bench_bench_search_CFLAGS = $(BASE_CFLAGS)
tests_bench_bench_search_LDFLAGS =
tests_bench_bench_search_LDADD = libtend.a $(TEND_LIBS)

# bench-vault: tend's vault against plain SQLite and SQLCipher (BENCH_N,
# BENCH_RUNS, BENCH_SYNC, BENCH_ONLY; see tests/bench/bench-vault.c).
check_PROGRAMS += tests/bench/bench-vault
tests_bench_bench_vault_SOURCES = tests/bench/bench-vault.c
tests_bench_bench_vault_CFLAGS = $(BASE_CFLAGS)
tests_bench_bench_vault_LDFLAGS =
tests_bench_bench_vault_LDADD = libtend.a $(TEND_LIBS)

# keys.sh: keypress-to-screen times of the app at 100,000 entries (tmux).
# memory.sh: peak resident memory of whole-journal commands and bytes on
# disk per entry at 100,000 entries (BENCH_MEM_N).
EXTRA_DIST += tests/bench/keys.sh tests/bench/memory.sh

bench: tests/bench/bench-vault$(EXEEXT) tests/bench/bench-store$(EXEEXT) \
	tests/bench/bench-search$(EXEEXT) tend$(EXEEXT)
	tests/bench/bench-vault$(EXEEXT)
	tests/bench/bench-store$(EXEEXT)
	tests/bench/bench-search$(EXEEXT)
	TEND_BIN='$(abs_top_builddir)/tend' $(SHELL) $(srcdir)/tests/bench/keys.sh
	TEND_BIN='$(abs_top_builddir)/tend' $(SHELL) $(srcdir)/tests/bench/memory.sh
.PHONY: bench
