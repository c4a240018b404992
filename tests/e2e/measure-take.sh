#!/bin/sh
# tests/e2e/measure-take.sh: tend measure take on a terminal at 80x24
# (issue 12, point 1): each item is asked in turn with the time frame and
# the answers' labels first; a number off the scale is asked again, b goes
# back one item, and the answers are saved and scored; q leaves without
# saving anything.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

tm_new_vault
count() {
	printf 'SELECT count(*) FROM measures;\n' |
		"$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" sql \
		2>/dev/null
}

TM_ARGS="--passphrase-file pw measure take GAD-7"
tm_start 80 24
tm_wait "Over the last 2 weeks, how often have you been bothered by the"
tm_wait "problems?"
tm_wait "Answer each with a number: 0 Not at all, 1 Several days, 2 More than half the"
tm_wait "days, 3 Nearly every day."
tm_wait "(b goes back, q leaves without saving)"
tm_wait "1/7 Feeling nervous, anxious, or on edge"
tm_type "7"; tm_key Enter
tm_wait "Please type a number from 0 to 3."
tm_type "2"; tm_key Enter
tm_wait "2/7 Not being able to stop or control worrying"
tm_type "3"; tm_key Enter
tm_wait "3/7 Worrying too much about different things"
# Back to item 2: its answer becomes 1.
tm_type "b"; tm_key Enter
tm_wait_q "2/7 Not being able to stop or control worrying" 5
ok "b asks item 2 again" sh -c "[ \"\$(printf '%s\n' \"\$1\" | grep -c '2/7')\" -ge 2 ]" sh "$(tm_screen)"
for a in 1 1 1 1 0 0; do tm_type "$a"; tm_key Enter; sleep 0.1; done
# 2 + 1 + 1 + 1 + 1 + 0 + 0 = 6: mild.
tm_wait "total 6 of 21: mild"
tm_wait "tend-exited-0"
is "$(count)" 1 "one answer saved"

TM_ARGS="--passphrase-file pw measure take PHQ-9"
tm_start 80 24
tm_wait "1/9 Little interest or pleasure in doing things"
tm_type "1"; tm_key Enter
tm_wait "2/9 Feeling down, depressed, or hopeless"
tm_type "q"; tm_key Enter
tm_wait "stopped before the last item; nothing was saved"
tm_wait "tend-exited-1"
is "$(count)" 1 "q saved nothing"

done_testing
