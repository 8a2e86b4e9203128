#!/usr/bin/env bash
# The logs pane in a 140x30 tmux: l opens the selected container's logs,
# stdout and stderr are told apart without colour, escape sequences in log
# lines are harmless, search with n/N, timestamps, wrap, follow pause, save
# (with overwrite refusal and write errors), TTY containers, and q returns
# to the containers pane with the same selection.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"

# shellcheck disable=SC2016
APP_SH='echo out-first; echo err-first >&2
printf "\033]0;pwned\007\033[2J\033[31mesc-line\n"
for i in 1 2 3; do echo "needle $i"; echo "hay $i"; done
s=W; i=0; while [ $i -lt 200 ]; do s="${s}w"; i=$((i+1)); done; echo "$s-END"
echo out-last; exec sleep 100000'
run() { docker run -d --network none --stop-timeout 1 "$@" >/dev/null; }
run --name lg-app bb:latest sh -c "$APP_SH" || bail "docker run lg-app"
run --name lg-other bb:latest sh -c 'echo other-line; exec sleep 100000'
run -t --name lg-tty bb:latest sh -c 'echo tty-hello; echo tty-err >&2; exec sleep 100000'
wait_until 10 sh -c 'docker logs lg-app 2>&1 | grep -q out-last' || bail "lg-app logged"

SAVE_DIR=$(mktemp -d /tmp/bt-save.XXXXXX)
cleanup_push "rm -rf '$SAVE_DIR'"

tui_start 140 30 "cd '$SAVE_DIR' && '$PWD/$BERTH'" || bail "tmux session starts"
title0=$(tui_fmt '#{pane_title}')
shown() { tui_has "$1"; }
tui_wait 15 shown lg-tty || bail "containers pane shows the rows"

# the selected row (reverse video), as its lg-* name
selected() { tui_cap -e | grep -E $'\e\\[([0-9;]*;)?7[;m]' | grep -oE 'lg-[a-z]+' | head -n 1; }
tui_keys /
tui_type lg-
tui_keys Enter
tui_wait 3 test -n "$(selected)" || true
# move the selection to lg-app, whatever the order
for _ in 1 2 3 4; do
	[ "$(selected)" = lg-app ] && break
	tui_keys j
	sleep 0.3
done
tap_check test "$(selected)" = lg-app "the selection can be put on lg-app"

# --- open the pane -----------------------------------------------------------
tui_keys l
if tui_wait 10 shown 'out-last'; then
	tap_ok "l: the logs pane shows lg-app's lines"
else
	tap_fail "l: the logs pane shows lg-app's lines"
fi
tap_check tui_has '^logs lg-app +\[following\]' "the header names the container and says following"

line_of() { tui_cap -e | grep -E -- "$1" | head -n 1; }
errl=$(line_of 'err-first')
outl=$(line_of 'out-first')
if tui_cap | grep -qE '^E err-first' && tui_cap | grep -qE '^  out-first'; then
	tap_ok "stderr lines carry the E marker, stdout lines do not"
else
	tap_fail "stderr lines carry the E marker, stdout lines do not"
	tui_dump
fi
if grep -qE $'\e\\[([0-9;]*;)?1[;m]' <<<"$errl" && ! grep -qE $'\e\\[([0-9;]*;)?1[;m]' <<<"$outl"; then
	tap_ok "stderr is bold (visible in monochrome), stdout is not"
else
	tap_fail "stderr is bold, stdout is not (err: $(cat -v <<<"$errl") out: $(cat -v <<<"$outl"))"
fi

# --- escape sequences --------------------------------------------------------
title=$(tui_fmt '#{pane_title}')
if [[ $title != *pwned* ]]; then
	tap_ok "the OSC title in a log line did not change the pane title ('$title')"
else
	tap_fail "the OSC title in a log line changed the pane title to '$title' (was '$title0')"
fi
# (issue 12: the SGR is a colour now; every other sequence stays caret text)
if tui_has '\^\[\]0;pwned\^G\^\[\[2Jesc-line'; then
	tap_ok "the OSC and CSI 2J sequences are drawn as caret placeholders, the SGR is not text"
else
	tap_fail "the OSC and CSI 2J sequences are drawn as caret placeholders, the SGR is not text"
fi
if tui_has '^logs lg-app' && tui_has 'out-first'; then
	tap_ok "ESC [2J did not clear the screen (header and earlier lines intact)"
else
	tap_fail "ESC [2J did not clear the screen"
fi
escl=$(line_of 'esc-line')
if grep -qE $'\e\\[([0-9;]*;)?31m(\e\\[[0-9;]*m)*esc-line' <<<"$escl"; then
	tap_ok "the log's SGR red is drawn as berth's own red on the text after it"
else
	tap_fail "the log's SGR red is drawn as berth's own red ($(cat -v <<<"$escl"))"
fi

# --- search ------------------------------------------------------------------
status_has() { tui_last_line | grep -qE -- "$1"; }
rev_line() { tui_cap -e | grep -E $'\e\\[([0-9;]*;)?7[;m]' | grep -oE 'needle [0-9]' | head -n 1; }
tui_keys /
tui_type needle
tui_keys Enter
if tui_wait 3 status_has 'match 1 of 3' && [ "$(rev_line)" = "needle 3" ]; then
	tap_ok "/needle: match 1 of 3, the newest (needle 3) highlighted"
else
	tap_fail "/needle: match 1 of 3 on needle 3 (status: $(tui_last_line), highlighted: $(rev_line))"
fi
tui_keys n
if tui_wait 3 status_has 'match 2 of 3' && [ "$(rev_line)" = "needle 2" ]; then
	tap_ok "n: match 2 of 3, needle 2 highlighted"
else
	tap_fail "n: match 2 of 3 (status: $(tui_last_line), highlighted: $(rev_line))"
fi
tui_keys n
tui_wait 3 status_has 'match 3 of 3' || :
tui_keys N N
if tui_wait 3 status_has 'match 1 of 3' && [ "$(rev_line)" = "needle 3" ]; then
	tap_ok "n then N N: back to match 1 of 3 (needle 3)"
else
	tap_fail "N: back to match 1 of 3 (status: $(tui_last_line), highlighted: $(rev_line))"
fi
tap_check tui_has '^logs lg-app +\[paused\]' "a search pauses following"
tui_keys f
tap_check tui_wait 3 tui_has '^logs lg-app +\[following\]' "f resumes following"
tui_keys f
tap_check tui_wait 3 tui_has '^logs lg-app +\[paused\]' "f pauses following"
tui_keys f

# --- timestamps and wrap -----------------------------------------------------
tui_keys t
if tui_wait 3 tui_has '^  20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{3} out-last'; then
	tap_ok "t shows timestamps"
else
	tap_fail "t shows timestamps"
fi
tui_keys t
tap_check tui_wait 3 tui_has '^  out-last' "t again hides them"
tap_check tui_lacks 'w-END' "a 200-character line is cut without wrap"
tui_keys w
if tui_wait 3 tui_has 'w-END'; then
	tap_ok "w wraps it: its end is visible"
else
	tap_fail "w wraps it: its end is visible"
fi
tui_keys w

# --- save --------------------------------------------------------------------
tui_keys S
if tui_wait 3 status_has 'save to: \./lg-app-[0-9]{8}-[0-9]{6}\.log_'; then
	tap_ok "S proposes ./lg-app-<time>.log"
else
	tap_fail "S proposes ./lg-app-<time>.log (status: $(tui_last_line))"
fi
tui_keys Enter
saved_ok() { status_has 'saved [0-9]+ lines to'; }
tui_wait 3 saved_ok
f=$(ls "$SAVE_DIR"/lg-app-*.log 2>/dev/null | head -n 1)
if [ -n "$f" ] && grep -qx 'out-first' "$f" && grep -qx 'err-first' "$f" && grep -q 'needle 2' "$f"; then
	tap_ok "Enter saves the buffer ($(wc -l <"$f") lines) in berth's directory"
else
	tap_fail "Enter saves the buffer (file: ${f:-none})"
fi
mode=$(stat -c %a "$f" 2>/dev/null)
tap_check test "$mode" = 600 "the saved file is created 0600 (logs may hold secrets; got $mode)"
if [ -n "$f" ] && ! grep -q $'\e' "$f"; then
	tap_ok "the saved file has the sanitized text (no raw ESC)"
else
	tap_fail "the saved file has the sanitized text (no raw ESC)"
fi
sum0=$(md5sum <"$f" 2>/dev/null)
tui_keys S C-u
tui_type "$f"
tui_keys Enter
if tui_wait 3 status_has 'exists: overwrite\? y/N'; then
	tap_ok "saving over an existing file asks first"
else
	tap_fail "saving over an existing file asks first (status: $(tui_last_line))"
fi
tui_keys n
tui_wait 3 status_has 'not saved'
tap_check test "$(md5sum <"$f")" = "$sum0" "answering n leaves the file as it was"
if [ -w /dev/full ]; then
	tui_keys S C-u
	tui_type /dev/full
	tui_keys Enter
	tui_wait 3 status_has 'overwrite\? y/N'
	tui_keys y
	if tui_wait 3 status_has 'NOT saved to /dev/full: .*(disk full)'; then
		tap_ok "a full disk (/dev/full) says NOT saved ... disk full"
	else
		tap_fail "a full disk (/dev/full) gives a clear message (status: $(tui_last_line))"
	fi
else
	tap_skip "a full disk gives a clear message" "no writable /dev/full"
fi
tui_keys S C-u
tui_type /proc/berth-no-such-dir/x.log
tui_keys Enter
if tui_wait 3 status_has 'not saved: cannot open /proc/berth-no-such-dir/x.log: '; then
	tap_ok "an unwritable path says not saved: cannot open ... with the reason"
else
	tap_fail "an unwritable path gives a clear message (status: $(tui_last_line))"
fi

# --- back, selection kept ----------------------------------------------------
tui_keys q
if tui_wait 3 tui_has '^  NAME' && [ "$(selected)" = lg-app ]; then
	tap_ok "q returns to the containers pane with lg-app still selected"
else
	tap_fail "q returns to the containers pane with lg-app still selected (selected: $(selected))"
fi

# --- a TTY container ---------------------------------------------------------
for _ in 1 2 3 4; do
	[ "$(selected)" = lg-tty ] && break
	tui_keys j
	sleep 0.3
done
tui_keys l
if tui_wait 10 tui_has '^  tty-hello' && tui_has '^  tty-err'; then
	tap_ok "a TTY container's logs are shown raw (stderr merged, as the engine sends it)"
else
	tap_fail "a TTY container's logs are shown raw"
	tui_dump
fi
tui_keys Escape
tap_check tui_wait 3 tui_has '^  NAME' "Esc returns to the containers pane"
tui_keys q
if tui_wait 5 tui_dead; then
	tap_check test "$(tui_exit_status)" = 0 "berth exits 0"
else
	tap_fail "berth exits on q"
fi
tap_done
