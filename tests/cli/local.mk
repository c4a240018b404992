TESTS += tests/cli/journal-entries.sh tests/cli/journal-track.sh \
	tests/cli/journal-bad.sh tests/cli/journal-concurrent.sh
EXTRA_DIST += tests/cli/journal-entries.sh tests/cli/journal-track.sh \
	tests/cli/journal-bad.sh tests/cli/journal-concurrent.sh
