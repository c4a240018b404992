# tests/e2e/resize.sh: a window too small for tend gets a short message,
# and tend carries on where it was once the window is larger again.
. "$TEND_SRCDIR/tests/lib.sh"
. "$TEND_SRCDIR/tests/e2e/tmux.sh"

tm_new_vault
tm_start 80 24
tm_wait "Your journal is locked."
tm_type "correct horse battery staple"
tm_key Enter
tm_wait "Nothing here yet."

tm_resize 20 6
tm_wait "Please make it"
tm_type "q"                     # keys other than ^C wait for a usable size
tm_resize 80 24
tm_wait "Nothing here yet."
tm_wait "? Help"
tm_type "?"
tm_wait "Help: Home"
tm_resize 44 14
tm_wait "Help: Home"
tm_resize 30 10
tm_wait "Please make it"
tm_resize 100 30
tm_wait "Help: Home"
tm_key Escape
tm_wait "Nothing here yet."
tm_key q
tm_wait "tend-exited-0"
done_testing
