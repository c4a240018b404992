#!/bin/sh
# tests/fuzz/run.sh: build the libFuzzer targets and run each for
# ${FUZZ_SECONDS:-60} seconds, as a TAP test (one line per fuzzer).
#
# Each fuzzer starts from its committed seeds (tests/fuzz/corpus/NAME) and
# keeps what it finds in tests/fuzz/work/NAME/corpus under the build
# directory; a crash, leak or sanitizer report leaves its input in
# tests/fuzz/work/NAME/artifacts and fails the test.  `make fuzz` runs
# this script after building the fuzzers itself (TEND_FUZZ_BUILT=1).
set -u

: "${TEND_SRCDIR:?run through make check or make fuzz}"
: "${TEND_BUILDDIR:?run through make check or make fuzz}"
secs=${FUZZ_SECONDS:-60}
names="header open recovery image questionnaire"
work="$TEND_BUILDDIR/tests/fuzz/work"
mkdir -p "$work"

echo "1..5"
if [ -z "${TEND_FUZZ_BUILT:-}" ]; then
	# Called from make check: build them (clang, not automake's CC).
	if ! (cd "$TEND_BUILDDIR" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	    make -s fuzzers) >"$work/build.log" 2>&1; then
		n=0
		for name in $names; do
			n=$((n + 1))
			echo "not ok $n - fuzz-$name: the fuzzers did not build"
		done
		sed 's/^/# /' "$work/build.log" | tail -n 20
		exit 1
	fi
fi

n=0
failed=0
for name in $names; do
	n=$((n + 1))
	dir="$work/$name"
	mkdir -p "$dir/corpus" "$dir/artifacts"
	"$TEND_BUILDDIR/tests/fuzz/fuzz-$name" -max_total_time="$secs" \
	    -artifact_prefix="$dir/artifacts/" -print_final_stats=1 \
	    "$dir/corpus" "$TEND_SRCDIR/tests/fuzz/corpus/$name" \
	    >"$dir/log" 2>&1
	rc=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$dir/log")
	inputs=$(ls "$dir/corpus" | wc -l)
	if [ "$rc" -eq 0 ]; then
		echo "ok $n - fuzz-$name: ${runs:-?} runs in $secs s," \
		    "$inputs inputs in its corpus, no findings"
	else
		failed=$((failed + 1))
		echo "not ok $n - fuzz-$name: exit $rc, input kept in" \
		    "$dir/artifacts"
		grep -E 'ERROR|SUMMARY|runtime error|deadly signal' "$dir/log" |
		    head -n 10 | sed 's/^/# /'
	fi
done
[ "$failed" -eq 0 ]
