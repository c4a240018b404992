# Benchmarks: built by `make bench`, not by `make check`, without the
# sanitizers, and run to print measured figures (TAP).
EXTRA_PROGRAMS = tests/bench/bench-store
CLEANFILES += tests/bench/bench-store

# bench-store: the scale test of the store (tests/unit/test-store-scale.c)
# built plainly, so its figures are what users see.
tests_bench_bench_store_SOURCES = tests/unit/test-store-scale.c \
	tests/unit/tap.c tests/unit/testutil.c
tests_bench_bench_store_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_bench_bench_store_CFLAGS = $(BASE_CFLAGS)
tests_bench_bench_store_LDFLAGS =
tests_bench_bench_store_LDADD = libtend.a $(TEND_LIBS)

bench: tests/bench/bench-store$(EXEEXT)
	tests/bench/bench-store$(EXEEXT)
.PHONY: bench
