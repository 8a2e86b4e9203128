#!/usr/bin/env bash
# The exec shell in a 120x30 tmux: e on a running container proposes
# /bin/sh (the busybox image has no /bin/bash), Enter runs it through the
# engine's exec API with berth suspended, commands run inside the
# container, a terminal resize reaches the exec TTY, and the dashboard comes
# back intact when the shell exits; a missing command is reported; Esc
# cancels; read-only refuses.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"

docker run -d --network none --stop-timeout 1 --name ex-app bb:latest sleep 100000 >/dev/null ||
	bail "docker run ex-app"

shown() { tui_has "$1"; }
status_has() { tui_last_line | grep -qE -- "$1"; }
dashboard_ok() { tui_has '^  NAME' && tui_has '^  ex-app ' && status_has '(●|\*) connected'; }
# number of exec instances the engine knows for ex-app
nexec() { docker inspect -f '{{len .ExecIDs}}' ex-app 2>/dev/null || echo 0; }

tui_start 120 30 "$BERTH" || bail "tmux session starts"
tui_wait 15 dashboard_ok || bail "containers pane shows ex-app"
before=$(tui_cap)

# --- cancel ------------------------------------------------------------------
tui_keys e
if tui_wait 5 status_has 'exec: /bin/sh_'; then
	tap_ok "e proposes /bin/sh (no /bin/bash in the image)"
else
	tap_fail "e proposes /bin/sh (status: $(tui_last_line))"
fi
n0=$(nexec)
tui_keys Escape
if tui_wait 3 dashboard_ok && [ "$(nexec)" = "$n0" ]; then
	tap_ok "Esc cancels: back to the containers, no exec created"
else
	tap_fail "Esc cancels without creating an exec"
fi

# --- a shell -----------------------------------------------------------------
tui_keys e
tui_wait 5 status_has 'exec: /bin/sh_' || tap_diag "no exec prompt: $(tui_last_line)"
tui_keys Enter
if tui_wait 10 shown '^/ #'; then
	tap_ok "Enter starts /bin/sh in the container (its prompt shows)"
else
	tap_fail "Enter starts /bin/sh in the container"
	tui_dump
fi
tui_type 'echo hello-from-exec > /tmp/proof; echo hello-from-exec'
tui_keys Enter
if tui_wait 5 shown '^hello-from-exec *$'; then
	tap_ok "echo runs inside: its output shows"
else
	tap_fail "echo runs inside: its output shows"
fi
if [ "$(docker exec ex-app cat /tmp/proof 2>/dev/null)" = hello-from-exec ]; then
	tap_ok "the command ran in ex-app (docker exec sees the file it wrote)"
else
	tap_fail "the command ran in ex-app (docker exec sees the file it wrote)"
fi
tmx resize-window -t "$TUI_T" -x 100 -y 25
sleep 0.5
tui_type 'busybox stty size'
tui_keys Enter
if tui_wait 5 shown '^25 100 *$'; then
	tap_ok "a terminal resize reaches the exec TTY (stty size: 25 100)"
else
	tap_fail "a terminal resize reaches the exec TTY (want 25 100)"
fi
tui_type 'exit'
tui_keys Enter
if tui_wait 10 dashboard_ok; then
	tap_ok "exit: the dashboard comes back"
else
	tap_fail "exit: the dashboard comes back"
	tui_dump
fi
tap_check status_has 'exec /bin/sh exited \(code 0\)' "the status bar reports the shell's exit code"
if tui_lacks 'hello-from-exec|^/ #'; then
	tap_ok "nothing of the shell session is left on the screen"
else
	tap_fail "nothing of the shell session is left on the screen"
fi
rows=$(tui_cap | wc -l)
last=$(tui_cap | tail -n 1)
width=$(tui_cap | wc -L)
if [ "$rows" -eq 25 ] && [[ $last =~ connected ]] && [ "$width" -le 100 ]; then
	tap_ok "the dashboard is laid out for the new 100x25 size (status on row 25)"
else
	tap_fail "the dashboard is laid out for the new size (rows $rows, widest $width, last: $last)"
fi
tmx resize-window -t "$TUI_T" -x 120 -y 30
tui_wait 3 dashboard_ok
after=$(tui_cap)
if [ "$(grep -E '^  NAME' <<<"$before")" = "$(grep -E '^  NAME' <<<"$after")" ]; then
	tap_ok "after resizing back, the header is as before the session"
else
	tap_fail "after resizing back, the header is as before the session"
	tap_diag "before: $(grep -E '^  NAME' <<<"$before")"
	tap_diag "after:  $(grep -E '^  NAME' <<<"$after")"
fi

# --- a command that does not exist ------------------------------------------
tui_keys e
tui_wait 5 status_has 'exec: /bin/sh_'
tui_keys C-u
tui_type '/bin/no-such-shell -i'
tui_keys Enter
if tui_wait 10 dashboard_ok && tui_wait 3 status_has 'exec (/bin/no-such-shell.*(code 12[67]|failed)|failed)'; then
	tap_ok "a missing command comes back with a message: $(tui_last_line | sed 's/ | .*//')"
else
	tap_fail "a missing command comes back with a message (status: $(tui_last_line))"
fi

# --- not running -------------------------------------------------------------
docker stop -t 1 ex-app >/dev/null
tui_wait 5 tui_has 'ex-app .*exited'
tui_keys e
if tui_wait 3 tui_has 'ex-app is not running: nothing to exec into'; then
	tap_ok "e on a stopped container says it is not running"
else
	tap_fail "e on a stopped container says it is not running ($(tui_last_line))"
fi
tui_keys q
tui_keys q
if tui_wait 5 tui_dead; then
	tap_check test "$(tui_exit_status)" = 0 "berth exits 0"
else
	tap_fail "berth exits on q"
fi
tui_stop

# --- read-only ---------------------------------------------------------------
docker start ex-app >/dev/null
tui_start 120 30 "$BERTH --read-only" || bail "tmux session starts (read-only)"
tui_wait 15 dashboard_ok || bail "containers pane (read-only)"
n0=$(nexec)
tui_keys e
if tui_wait 3 status_has 'read-only: exec is disabled' && sleep 1 && [ "$(nexec)" = "$n0" ]; then
	tap_ok "--read-only: e says exec is disabled and creates nothing"
else
	tap_fail "--read-only: e says exec is disabled ($(tui_last_line))"
fi
tap_done
