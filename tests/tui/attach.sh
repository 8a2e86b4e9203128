#!/usr/bin/env bash
# Attach and open-port in a 120x30 tmux, one private engine.
# A on an interactive (-it) container attaches to its main shell loop: a
# typed line is echoed, ctrl-p ctrl-q detaches, the container keeps
# running, and its traps show that no signal reached it. A on a container
# without a TTY streams its output, output only. w with a display hands
# the URL to $BROWSER as one argument (several ports: a chooser); without
# one the URL is shown.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

tui_engine_setup

# every signal a detach could send writes its name
# shellcheck disable=SC2016
LOOP='for s in HUP INT QUIT TERM USR1 USR2 PIPE CONT TSTP; do trap "echo $s >>/tmp/signals" $s; done
while read -r line; do echo "got: $line"; done; echo eof >>/tmp/signals; sleep 100000'
docker run -dit --network none --stop-timeout 1 --name at-sh bb:latest sh -c "$LOOP" >/dev/null ||
	bail "docker run -dit at-sh"
# shellcheck disable=SC2016
docker run -d --network none --stop-timeout 1 --name at-tick bb:latest \
	sh -c 'i=0; while :; do i=$((i+1)); echo "tick-$i"; sleep 0.3; done' >/dev/null ||
	bail "docker run at-tick"
docker network create at-net >/dev/null || bail "docker network create at-net"
docker run -d --network at-net --stop-timeout 1 --name at-web -p 127.0.0.1:18931:80 \
	-p 127.0.0.1:18932:81 bb:latest sleep 100000 >/dev/null || bail "docker run at-web (two ports)"
docker run -d --network at-net --stop-timeout 1 --name at-one -p 127.0.0.1:18933:80 \
	bb:latest sleep 100000 >/dev/null || bail "docker run at-one (one port)"

work=$(mktemp -d /tmp/bt-attach.XXXXXX) || bail "mktemp"
cleanup_push "rm -rf '$work'"
# a browser that records its arguments, one a line, after their count
cat >"$work/browser" <<SH
#!/bin/sh
printf '%s\n' "\$#" "\$@" >"$work/argv.tmp" && mv "$work/argv.tmp" "$work/argv"
SH
chmod +x "$work/browser"

shown() { tui_has "$1"; }
status_has() { tui_last_line | grep -qE -- "$1"; }
dashboard_ok() { tui_has '^  NAME' && status_has 'connected'; }
# select: filter the list down to one container
select_one() {
	tui_keys Escape
	tui_keys /
	tui_type "$1"
	tui_keys Enter
	tui_wait 5 shown "^  $1 " && [ "$(tui_cap | grep -cE '^  at-')" = 1 ]
}
running() { [ "$(docker inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" = true ]; }
got_file() { [ -s "$1" ]; }
# browser_got URL: within 5 s the browser ran with URL as its one argument
browser_got() {
	tui_wait 5 got_file "$work/argv" && [ "$(cat "$work/argv")" = "$(printf '1\n%s' "$1")" ]
}

mkdir -p "$work/nocfg" "$work/cfg"
printf '{"detachKeys": "ctrl-x,x"}\n' >"$work/cfg/config.json"
tui_start 120 30 "env DOCKER_CONFIG='$work/nocfg' DISPLAY=:93 BROWSER='$work/browser:/bin/false' $BERTH" ||
	bail "tmux session starts"
tui_wait 15 dashboard_ok || bail "containers pane shows the containers"

# --- attach to a TTY ---------------------------------------------------------
select_one at-sh || tap_diag "cannot select at-sh"
tui_keys A
if tui_wait 10 shown '^berth: attached to at-sh \(ctrl-p,ctrl-q detaches\)'; then
	tap_ok "A attaches to at-sh (berth says how to detach)"
else
	tap_fail "A attaches to at-sh"
fi
tui_type 'hello-attach'
tui_keys Enter
if tui_wait 5 shown '^hello-attach *$' && tui_wait 5 shown '^got: hello-attach *$'; then
	tap_ok "a typed line is echoed by the TTY and read by the main process"
else
	tap_fail "a typed line is echoed and read by the main process"
	tui_dump
fi
tui_keys C-p
tui_keys C-q
if tui_wait 10 dashboard_ok; then
	tap_ok "ctrl-p ctrl-q detaches: the dashboard comes back"
else
	tap_fail "ctrl-p ctrl-q detaches"
	tui_dump
fi
tap_check status_has 'detached from at-sh \(it keeps running\)' "the status bar says it detached"
sleep 1
tap_check running at-sh "at-sh is still running"
sig=$(docker exec at-sh cat /tmp/signals 2>/dev/null)
if [ -z "$sig" ]; then
	tap_ok "no signal reached the container, and its stdin stays open"
else
	tap_fail "no signal reached the container (its traps wrote: $sig)"
fi
# attach again: the same process, still reading
tui_keys A
tui_wait 10 shown '^berth: attached to at-sh' || tap_diag "no second attach"
tui_type 'second-line'
tui_keys Enter
tap_check tui_wait 5 shown '^got: second-line *$' "attaching again reaches the same process"
tui_keys C-p
tui_type 'x'
tui_keys Enter
tui_keys C-p
tui_keys C-q
tui_wait 10 dashboard_ok || tap_diag "no dashboard after the second detach"
out=$(docker logs at-sh 2>&1 | tr -d '\r' | grep -a 'got: .*x$' | tail -n 1)
if [ "$(printf '%s' "$out" | od -An -c | tr -s ' ' | tr -d '\n')" = " g o t : 020 x" ]; then
	tap_ok "a ctrl-p followed by another key reaches the container as typed"
else
	tap_fail "a ctrl-p followed by another key reaches the container ($(printf '%s' "$out" | od -An -c))"
fi

# --- attach without a TTY ----------------------------------------------------
select_one at-tick || tap_diag "cannot select at-tick"
tui_keys A
if tui_wait 10 shown '^berth: attached to at-tick \(output only; ctrl-p,ctrl-q detaches\)' &&
	tui_wait 5 shown '^tick-[0-9]+$'; then
	tap_ok "a container without a TTY: its output streams, output only"
else
	tap_fail "a container without a TTY: its output streams"
	tui_dump
fi
tui_keys C-p
tui_keys C-q
tap_check tui_wait 10 dashboard_ok "ctrl-p ctrl-q detaches from it too"
tap_check running at-tick "at-tick is still running"

# --- open a port, with a display ---------------------------------------------
select_one at-one || tap_diag "cannot select at-one"
tui_keys w
if browser_got http://127.0.0.1:18933/; then
	tap_ok "w with one port: \$BROWSER (its first entry) gets the URL as its one argument"
else
	tap_fail "w with one port runs \$BROWSER with the URL ($(cat "$work/argv" 2>/dev/null))"
fi
tap_check status_has 'opening http://127.0.0.1:18933/' "the status bar says what it opens"
rm -f "$work/argv"
select_one at-web || tap_diag "cannot select at-web"
tui_keys w
if tui_wait 5 shown '1\) http://127.0.0.1:18931/' && tui_has '2\) http://127.0.0.1:18932/'; then
	tap_ok "w with two ports asks which"
else
	tap_fail "w with two ports asks which"
	tui_dump
fi
tui_type 2
tui_keys Enter
if browser_got http://127.0.0.1:18932/; then
	tap_ok "choosing 2 opens the second port"
else
	tap_fail "choosing 2 opens the second port ($(cat "$work/argv" 2>/dev/null))"
fi
tui_keys q
tui_wait 5 tui_dead || tui_keys q
tui_wait 5 tui_dead
tui_stop

# --- without a display -------------------------------------------------------
rm -f "$work/argv"
tui_start 120 30 "env -u DISPLAY -u WAYLAND_DISPLAY BROWSER='$work/browser' $BERTH" ||
	bail "tmux session starts (no display)"
tui_wait 15 dashboard_ok || bail "containers pane (no display)"
select_one at-one || tap_diag "cannot select at-one"
tui_osc52_start "$work/pty"
tui_keys w
if tui_wait 5 status_has 'http://127.0.0.1:18933/ +\(no display' && sleep 0.5 &&
	[ ! -e "$work/argv" ]; then
	tap_ok "without a display the URL is shown and nothing is run"
else
	tap_fail "without a display the URL is shown ($(tui_last_line))"
fi
url_copied() { [ "$(tui_osc52 "$work/pty")" = http://127.0.0.1:18933/ ]; }
tap_check tui_wait 5 url_copied "and it is copied (OSC 52 decodes to the URL: $(tui_osc52 "$work/pty"))"

# --- read-only, and docker's own detach keys ---------------------------------
tui_stop
tui_start 120 30 "env DOCKER_CONFIG='$work/cfg' $BERTH --read-only" ||
	bail "tmux session starts (read-only)"
tui_wait 15 dashboard_ok || bail "containers pane (read-only)"
select_one at-sh || tap_diag "cannot select at-sh"
tui_keys A
tap_check tui_wait 10 shown '^berth: attached to at-sh \(output only; ctrl-x,x detaches\)' \
	"--read-only: attach is output only; config.json's detachKeys are used"
tui_type 'ro-line'
tui_keys Enter
sleep 1
tap_check tui_lacks 'got: ro-line' "--read-only: typed keys do not reach the container"
tui_keys C-x
tui_type x
tap_check tui_wait 10 dashboard_ok "ctrl-x x (config.json's detachKeys) detaches"
tap_check running at-sh "at-sh is still running"
tap_done
