#!/usr/bin/env bash
# The detail pane in a 120x50 tmux: Enter opens it for the selected
# container; secret-looking env values are masked until x; VIRTUAL_HOST and
# berth.* labels are highlighted; image, restart policy, health checks,
# mounts; 5-minute sparklines fill from the 1 Hz stats, in block glyphs in
# a UTF-8 locale and ASCII otherwise; q goes back.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"

# a little CPU now and then, so the graphs have something to show
# shellcheck disable=SC2016
WORK='while :; do i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; sleep 0.5; done'
docker run -d --network none --stop-timeout 1 --name dt-shop --restart on-failure:2 \
	-e DB_PASSWORD=hunter2 -e API_TOKEN=tok-987 -e VIRTUAL_HOST=shop.example \
	-e VIRTUAL_PORT=8080 -e PLAIN=visible-value \
	--label berth.service=shop --label berth.branch=production --label other=x \
	--health-cmd 'echo probe-ok' --health-interval 1s \
	bb:latest sh -c "$WORK" >/dev/null || bail "docker run dt-shop"
docker run -d --network none --stop-timeout 1 --name dt-other bb:latest sleep 100000 >/dev/null

shown() { tui_has "$1"; }
selected() { tui_cap -e | grep -E $'\e\\[([0-9;]*;)?7[;m]' | grep -oE 'dt-[a-z]+' | head -n 1; }
open_detail() {
	tui_wait 15 shown dt-other || return 1
	for _ in 1 2 3 4; do
		[ "$(selected)" = dt-shop ] && break
		tui_keys j
		sleep 0.3
	done
	[ "$(selected)" = dt-shop ] || return 1
	tui_keys Enter
	tui_wait 10 shown 'DB_PASSWORD='
}

tui_start 120 50 "$BERTH" || bail "tmux session starts"
if open_detail; then
	tap_ok "Enter opens the detail pane of the selected container"
else
	bail "Enter opens the detail pane of the selected container"
fi
tap_check tui_has '^detail dt-shop' "the header names the container"
tap_check tui_has 'DB_PASSWORD=\*{8}' "DB_PASSWORD is masked"
tap_check tui_has 'API_TOKEN=\*{8}' "API_TOKEN is masked"
tap_check tui_lacks 'hunter2|tok-987' "the secret values are nowhere on screen"
tap_check tui_has 'PLAIN=visible-value' "an ordinary env value is shown"
vh=$(tui_cap -e | grep -E 'VIRTUAL_HOST=shop\.example' | head -n 1)
pl=$(tui_cap -e | grep -E 'PLAIN=visible-value' | head -n 1)
if grep -qE '^ \* VIRTUAL_HOST=shop\.example' <<<"$(tui_cap)" &&
	grep -qE $'\e\\[([0-9;]*;)?1[;m]' <<<"$vh" && ! grep -qE $'\e\\[([0-9;]*;)?1[;m]' <<<"$pl"; then
	tap_ok "VIRTUAL_HOST=shop.example is highlighted (* and bold), PLAIN is not"
else
	tap_fail "VIRTUAL_HOST is highlighted ($(cat -v <<<"$vh"))"
fi
tap_check tui_has '^ \* VIRTUAL_PORT=8080' "VIRTUAL_PORT is highlighted"
tap_check tui_has '^ \* berth\.service=shop' "berth.* labels are highlighted"
tap_check tui_has '^   other=x' "other labels are not"
tap_check tui_has 'image +bb:latest' "the image is shown"
tap_check tui_has 'restart +on-failure \(at most 2\), restarted 0 times' "the restart policy and count are shown"
if tui_wait 10 tui_has 'exit 0  probe-ok'; then
	tap_ok "health check results are listed with their output"
else
	tap_fail "health check results are listed with their output"
fi

tui_keys x
if tui_wait 3 shown 'DB_PASSWORD=hunter2' && tui_has 'API_TOKEN=tok-987'; then
	tap_ok "x reveals the secret values"
else
	tap_fail "x reveals the secret values"
fi
tui_keys x
tap_check tui_wait 3 shown 'DB_PASSWORD=\*{8}' "x again masks them"

# graphs: the memory row fills with block glyphs within a few seconds
mem_glyphs() { tui_cap | grep -E '^  MEM ' | grep -oE '[▁▂▃▄▅▆▇█]' | wc -l; }
has_glyphs() { [ "$(mem_glyphs)" -ge 3 ]; }
if tui_wait 10 has_glyphs; then
	tap_ok "the MEM sparkline fills with block glyphs ($(mem_glyphs) samples so far)"
else
	tap_fail "the MEM sparkline fills with block glyphs"
fi
for g in 'CPU%' 'NET rx' 'NET tx' 'BLK rd' 'BLK wr'; do
	tui_has "^  $g " || tap_diag "no $g row"
done
if tui_has '^  CPU% ' && tui_has '^  BLK wr '; then
	tap_ok "CPU, memory, network and block I/O graphs are drawn"
else
	tap_fail "CPU, memory, network and block I/O graphs are drawn"
fi

tui_keys q
if tui_wait 3 tui_has '^  NAME' && [ "$(selected)" = dt-shop ]; then
	tap_ok "q returns to the containers pane, selection kept"
else
	tap_fail "q returns to the containers pane, selection kept"
fi
tui_stop

# --- ASCII locale -------------------------------------------------------------
TUI_LOCALE=C tui_start 120 50 "$BERTH" || bail "tmux session starts (C locale)"
if open_detail; then
	ascii_ok() { tui_cap | grep -E '^  MEM ' | grep -qE '[_.,=+*#-]{3}'; }
	if tui_wait 10 ascii_ok && ! tui_cap | grep -E '^  (MEM|CPU%) ' | grep -qP '[^\x00-\x7f]'; then
		tap_ok "in the C locale the graphs are ASCII: $(tui_cap | grep -E '^  MEM ' | sed 's/  */ /g')"
	else
		tap_fail "in the C locale the graphs are ASCII"
		tui_dump
	fi
else
	tap_fail "Enter opens the detail pane (C locale)"
fi
tap_done
