TESTS += tests/cli/journal-entries.sh tests/cli/journal-track.sh \
	tests/cli/journal-bad.sh
EXTRA_DIST += tests/cli/journal-entries.sh tests/cli/journal-track.sh \
	tests/cli/journal-bad.sh
