# tests/e2e/themes.sh: the release ./tend finds the themes that come with
# it in themes/ next to itself, with no environment variable, whether run
# as ./tend from the source tree or by its full path from elsewhere; a
# theme file with a mistake is not offered (and the screen says why); a
# theme chosen earlier that broke since falls back to the default with one
# line.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
CONF="$XDG_CONFIG_HOME/tend/config"
tm_new_vault
mkdir -p "$XDG_CONFIG_HOME/tend/themes"
printf 'title fg=red bold\n' >"$XDG_CONFIG_HOME/tend/themes/mine.theme"
printf 'title fg=bleu\n' >"$XDG_CONFIG_HOME/tend/themes/broken.theme"

TM_BIN=$TEND_RELEASE_BIN
TM_THEME_DIR=
TM_ARGS="-f $T/journal.tend"

unlock() {
	tm_wait "Your journal is locked."
	tm_type "$PASS"
	tm_key Enter
	tm_wait "Nothing here yet."
}

# The theme now shown on the settings screen.
shown_theme() {
	tm_screen | sed -n 's/^ *Theme  *‹ \(.*\) ›.*/\1/p' | head -n 1
}

# Press Right until the first theme comes round again; list them.
offered() {
	_first=$(shown_theme) _seen=$_first _n=0
	while [ "$_n" -lt 20 ]; do
		_prev=$(shown_theme)
		tm_key Right
		_tries=40
		while [ "$(shown_theme)" = "$_prev" ] && [ "$_tries" -gt 0 ]; do
			sleep 0.05; _tries=$((_tries - 1))
		done
		[ "$(shown_theme)" = "$_first" ] && break
		_seen="$_seen $(shown_theme)"
		_n=$((_n + 1))
	done
	echo "$_seen" | tr ' ' '\n' | sort | tr '\n' ' '
}

# From another directory, by its full path.
TM_CWD=$T
tm_start 80 24
unlock
tm_type "o"
tm_wait "‹ default ›"
is "$(offered)" "calm-dark default high-contrast light mine monochrome " \
	"from elsewhere: the themes that come with tend and mine, not the broken one"
tm_wait "Not offered, as its file has a mistake"
tm_wait "broken.theme:1:"
tm_key Escape
tm_key q
tm_wait "tend-exited-0"

# As the README says: ./tend in the tree it was built in.
TM_CWD=$TEND_BUILDDIR
TM_BIN=./tend
tm_start 80 24
unlock
tm_type "o"
tm_wait "‹ default ›"
tm_key Left
tm_wait "‹ calm-dark ›"
tm_wait "Saved."
tm_key Escape
tm_key q
tm_wait "tend-exited-0"
like "$(cat "$CONF")" '^theme calm-dark$' "./tend: calm-dark was found and saved"

# A theme chosen earlier that no longer loads: the default, one calm line.
printf 'theme mine\n' >"$CONF"
printf 'title fg=red bold\nbar sparkly\n' \
	>"$XDG_CONFIG_HOME/tend/themes/mine.theme"
tm_start 100 30
tm_wait "the theme 'mine' cannot be used, so the default theme is shown"
tm_wait "mine.theme:2:"
unlock
tm_type "o"
tm_wait "‹ default ›"
tm_key Escape
tm_key q
tm_wait "tend-exited-0"
done_testing
