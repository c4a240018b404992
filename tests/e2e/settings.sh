# tests/e2e/settings.sh: settings change with the arrows, are saved at once
# to $XDG_CONFIG_HOME/tend/config (0600) and are there after a restart; a
# broken line in the config is reported as FILE:LINE on the message line
# and the rest still applies; a theme with a broken line is reported the
# same way and the default theme is used instead.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

PASS='correct horse battery staple'
CONF="$XDG_CONFIG_HOME/tend/config"
tm_new_vault

unlock() {
	tm_wait "Your journal is locked."
	tm_type "$PASS"
	tm_key Enter
	tm_wait "Nothing here yet."
}

tm_start 80 24
unlock
tm_type "o"
tm_wait "‹ default ›"
tm_key Right
tm_wait "‹ high-contrast ›"
tm_wait "Saved."
tm_key Down
tm_key Left
tm_wait "‹ 9 ›"
tm_key Escape
tm_key q
tm_wait "tend-exited-0"

ok "the config file exists" test -f "$CONF"
is "$(stat -c %a "$CONF")" 600 "it is 0600"
is "$(stat -c %a "$(dirname "$CONF")")" 700 "its directory is 0700"
like "$(cat "$CONF")" '^theme high-contrast$' "the theme was saved"
like "$(cat "$CONF")" '^autolock 9$' "the lock minutes were saved"

tm_start 80 24
unlock
tm_type "o"
tm_wait "‹ high-contrast ›"
tm_wait "‹ 9 ›"
tm_key Escape
tm_key q
tm_wait "tend-exited-0"

# Back to the defaults, after a question.
tm_start 80 24
unlock
tm_type "o"
tm_wait "‹ high-contrast ›"
tm_type "r"
tm_wait "Put every setting back to how tend comes?"
tm_type "n"
tm_wait "Nothing was changed."
tm_wait "‹ high-contrast ›"
tm_type "r"
tm_wait "Put every setting back"
tm_key Enter                    # Enter is no answer: the question stays
tm_wait "Put every setting back"
tm_type "y"
tm_wait "‹ default ›"
tm_wait "‹ 10 ›"
tm_key Escape
tm_key q
tm_wait "tend-exited-0"
like "$(cat "$CONF")" '^theme default$' "the default theme was saved"

# A typo in the config costs only its own line.
printf 'theme calm-dark\nautolock soon\n' >"$CONF"
tm_start 100 30
tm_wait "config:2: autolock must be a whole number"
unlock
tm_type "o"
tm_wait "‹ calm-dark ›"
tm_wait "‹ 10 ›"
tm_key Escape
tm_key q
tm_wait "tend-exited-0"

# A user theme with a bad line: reported, the default theme is used.
mkdir -p "$XDG_CONFIG_HOME/tend/themes"
printf 'title fg=red bold\nbar fg=nope\n' \
	>"$XDG_CONFIG_HOME/tend/themes/mine.theme"
printf 'theme mine\n' >"$CONF"
tm_start 100 30
tm_wait "mine.theme:2: 'nope' is not a colour"
tm_key C-q
tm_wait "tend-exited-0"

# Zero turns the automatic lock off, and the screen says so.
printf 'autolock 1\n' >"$CONF"
tm_start 80 24
unlock
tm_type "o"
tm_key Down
tm_key Left
tm_wait "‹ off ›"
tm_key Left
tm_wait "‹ off ›"
tm_key q
tm_key q
tm_wait "tend-exited-0"
like "$(cat "$CONF")" '^autolock 0$' "off is saved as 0"
done_testing
