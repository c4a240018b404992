# The benchmark: tend's vault against plain SQLite and SQLCipher (see
# tests/bench/bench-vault.c).  Built with make check so it keeps
# compiling; run with `make bench` (BENCH_N, BENCH_RUNS, BENCH_SYNC).
check_PROGRAMS += tests/bench/bench-vault
tests_bench_bench_vault_SOURCES = tests/bench/bench-vault.c
tests_bench_bench_vault_LDADD = libtend.a $(TEND_LIBS)

bench: tests/bench/bench-vault
	tests/bench/bench-vault
.PHONY: bench
