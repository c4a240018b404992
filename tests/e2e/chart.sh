# tests/e2e/chart.sh: the chart of mood, anxiety and sleep: a kind word
# when there are no check-ins, points where the seeded check-ins are,
# days averaged, the medicine sessions marked, the range switched with r,
# and plain ASCII in a locale without UTF-8.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
tm_new_vault

tj() { "$TEND_BIN" -f "$T/journal.tend" --passphrase-file "$T/pw" "$@" \
	>/dev/null 2>&1 || { echo "Bail out! tend $*"; exit 1; }; }
ago() { LC_ALL=C date -d "$1 days ago" +%F; }
label() { LC_ALL=C date -d "$1 days ago" '+%-d %b'; }

open_chart() {
	tm_wait_q "Your journal is locked." || diag "no unlock screen"
	tm_type "$PASS"
	tm_key Enter
	tm_home_q || diag "the journal did not open"
	tm_type g
}

# Line N of the screen (1-based), from column C (1-based) on.
line_from() { tm_screen | sed -n "$1p" | LC_ALL=C.UTF-8 sed "s/^.\{$(($2 - 1))\}//"; }

# The date labels under the chart move with today: masked in the layouts.
tm_mask() {
	sed -e "s|$T|<T>|g" \
	    -E -e 's/^( +[0-9]{1,2} [A-Z][a-z]{2}( +[0-9]{1,2} [A-Z][a-z]{2})*)$/<dates>/'
}

# No check-ins yet: say so kindly, and how to add one.
tm_start 80 24
open_chart
tm_wait "There are no check-ins yet."
tm_wait "tend checkin --mood 6"
tm_layout chart-empty
tm_key Escape
tm_home
tm_type q
tm_wait_q "tend-exited-0"

# Check-ins: mood 10 three days ago; two on one day (2 and 8, shown as
# their average 5); one ten days ago; one fifty days ago (only in the
# longer ranges).  Medicine session 1 sixty days ago, 2 twelve days ago.
tj checkin --mood 10 --anxiety 0 --sleep 7 --date "$(ago 3)"
tj checkin --mood 2 --anxiety 6 --date "$(ago 6)"
tj checkin --mood 8 --anxiety 6 --date "$(ago 6)"
tj checkin --mood 4 --anxiety 10 --sleep 2 --date "$(ago 10)"
tj checkin --mood 7 --date "$(ago 50)"
tj session add --kind medicine --date "$(ago 60)"
tj session add --kind preparation --date "$(ago 20)"
tj session add --kind medicine --date "$(ago 12)"

# ASCII first: columns count in bytes.  At 80 columns the last 4 weeks
# take 28 columns of 2 cells from column 13 (1-based); the day N days
# ago is at 13 + (27 - N) * 2.  Panels are 5 rows: 10, 7.5, 5, 2.5, 0.
tm_start 80 24 LANG=C LC_ALL=C
open_chart
tm_wait "Mood, anxiety and sleep: the last 4 weeks (4 check-ins)"
is "$(tm_screen | sed -n 4p | cut -c1-12)" "Mood    10+ " "the mood panel starts on row 4"
is "$(tm_screen | sed -n 4p | cut -c61-62)" "**" "mood 10, three days ago, at the top"
is "$(tm_screen | sed -n 6p | cut -c55-56)" "**" "mood 2 and 8 six days ago: their average, 5, in the middle"
is "$(tm_screen | sed -n 6p | cut -c47-48)" "**" "mood 4 ten days ago rounds to the middle row"
is "$(tm_screen | sed -n 5,8p | cut -c61-62 | tr -d ' \n')" "" "nothing below mood 10"
is "$(tm_screen | sed -n 8p | cut -c1-12)" "         0+ " "0 at the bottom of the mood panel"
is "$(tm_screen | sed -n 6p | cut -c1-12)" "         5+ " "5 in the middle"
is "$(tm_screen | sed -n 14p | cut -c61-62)" "**" "anxiety 0 three days ago at the bottom"
is "$(tm_screen | sed -n 10p | cut -c47-48)" "**" "anxiety 10 ten days ago at the top"
is "$(tm_screen | sed -n 10p | cut -c1-8)" "Anxiety " "the anxiety panel below"
is "$(tm_screen | sed -n 16p | cut -c1-8)" "Sleep   " "the sleep panel below that"
is "$(tm_screen | sed -n 16,20p | cut -c55-56 | tr -d ' \n')" "" "no sleep given six days ago: that day stays empty"
is "$(tm_screen | sed -n 3p | cut -c43-44)" "M2" "M2 above twelve days ago"
is "$(tm_screen | sed -n 5p | cut -c43)" "|" "a line under M2 where there is no point"
like "$(tm_screen | sed -n 3p)" '^ *P +M2$' "M1 is outside the last 4 weeks; the preparation session is marked P"
is "$(tm_screen | sed -n 5p | cut -c27)" ":" "a line of its own kind under P"
is "$(tm_screen | sed -n 7p | cut -c55-56)" "vv" "mood 2 and 8 six days ago: the lowest, 2, under their mean"
like "$(tm_screen)" "\| M medicine  : P prep  I integration  O other  v lowest mood" "a legend"
like "$(tm_screen | sed -n 21p)" "^ +$(label 27) " "the dates start 27 days ago"
if tm_screen | LC_ALL=C grep -q '[^ -~]'; then
	_result 1 "without UTF-8 the screen is plain ASCII"
	diag "$(tm_screen | LC_ALL=C grep -n '[^ -~]')"
else _result 0 "without UTF-8 the screen is plain ASCII"; fi

# r switches the range; the dates follow.
weeks=$(tm_screen | sed -n 21p)
tm_type r
tm_wait "the last 3 months (5 check-ins)"
like "$(tm_screen | sed -n 21p)" "^ +$(label 90) " "3 months: the dates start 90 days ago"
is "$(tm_screen | sed -n 3p | cut -c13-)" \
	"$(printf '%*sM1%*sP%*sM2' $(((90 - 60) / 2)) '' $(((60 - 20) / 2 - 2)) '' $(((20 - 12) / 2 - 1)) '')" \
	"3 months: M1 and M2 where their days are (2 days a column)"
[ "$weeks" != "$(tm_screen | sed -n 21p)" ]
_result $? "the date labels changed"
tm_type r
tm_wait "everything (5 check-ins)"
like "$(tm_screen | sed -n 3p)" '^ {12}M1 ' "everything starts at the first medicine session"
tm_type r
tm_wait "the last 4 weeks (4 check-ins)"
tm_key Escape
tm_home
tm_type q
tm_wait_q "tend-exited-0"

# UTF-8: braille dots (mood 10: the top two dots of the top row).
tm_start 80 24
open_chart
tm_wait "the last 4 weeks (4 check-ins)"
is "$(line_from 4 61 | LC_ALL=C.UTF-8 sed 's/^\(..\).*/\1/')" \
	"⠉⠉" "UTF-8: mood 10 three days ago is a braille dash at the top"
like "$(line_from 4 1)" "^Mood    10┤ " "UTF-8: the axis"
like "$(line_from 5 43)" "^┊" "UTF-8: a dotted line under M2"
tm_layout chart
tm_resize 44 14
tm_wait "Mood"
tm_resize 80 24
tm_wait "the last 4 weeks"
tm_key Escape
tm_home
tm_type q
tm_wait "tend-exited-0"
done_testing
