#!/usr/bin/env bash
# The config file: `berth --check-config` reports errors with FILE:LINE and
# exits 1 (0 for a clean file); the dashboard still starts, shows the first
# error in the status bar and prints all of them on stderr after it exits;
# bind/unbind/set take effect; $XDG_CONFIG_HOME/berth/config is found.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"

dir=$(mktemp -d /tmp/bt-cfg.XXXXXX)
cleanup_push "rm -rf '$dir'"

# --- --check-config --------------------------------------------------------------
cat >"$dir/bad" <<'CONF'
# line 1: a comment
bind containers x restart
bind containers y frobnicate
set theme mono
set colour red
bind containers Hyper-q quit

set refresh-interval 5
bind nowhere x stop
CONF
out=$("$BERTH" --check-config --config "$dir/bad" 2>&1)
rc=$?
tap_check test "$rc" = 1 "--check-config on a bad file exits 1 ($rc)"
for want in "$dir/bad:3: unknown action 'frobnicate'" "$dir/bad:5: unknown option 'colour'" \
	"$dir/bad:6: unknown key 'Hyper-q'" "$dir/bad:8: bad value '5' for refresh-interval" \
	"$dir/bad:9: unknown pane 'nowhere'"; do
	if grep -qF -- "$want" <<<"$out"; then
		tap_ok "reports '${want#"$dir"/}'"
	else
		tap_fail "reports '${want#"$dir"/}' (got: $out)"
	fi
done
n=$(grep -c "$dir/bad:" <<<"$out")
tap_check test "$n" = 5 "exactly the 5 faulty lines are reported ($n)"

printf 'bind containers x restart # comment\nunbind containers s\nset default-sort name\nset protected-branches release,production\nset read-only false\nset theme mono\nset refresh-interval 2000\n' >"$dir/good"
out=$("$BERTH" --check-config --config "$dir/good" 2>&1)
rc=$?
tap_check test "$rc" = 0 "--check-config on a clean file exits 0 ($rc: $out)"
out=$("$BERTH" --check-config --config "$dir/missing" 2>&1)
rc=$?
if [ "$rc" = 1 ] && grep -q "$dir/missing: cannot open" <<<"$out"; then
	tap_ok "--check-config --config on a missing file exits 1 and says so"
else
	tap_fail "--check-config --config on a missing file exits 1 and says so ($rc: $out)"
fi
mkdir -p "$dir/xdg/berth"
printf 'set theme purple\n' >"$dir/xdg/berth/config"
out=$(XDG_CONFIG_HOME=$dir/xdg "$BERTH" --check-config 2>&1)
rc=$?
if [ "$rc" = 1 ] && grep -qF "$dir/xdg/berth/config:1: unknown theme 'purple'" <<<"$out"; then
	tap_ok "\$XDG_CONFIG_HOME/berth/config is read by default"
else
	tap_fail "\$XDG_CONFIG_HOME/berth/config is read by default ($rc: $out)"
fi
mkdir -p "$dir/home/.config/berth"
printf 'set theme purple\n' >"$dir/home/.config/berth/config"
out=$(env -u XDG_CONFIG_HOME HOME=$dir/home "$BERTH" --check-config 2>&1)
if grep -qF "$dir/home/.config/berth/config:1:" <<<"$out"; then
	tap_ok "without XDG_CONFIG_HOME, ~/.config/berth/config is read"
else
	tap_fail "without XDG_CONFIG_HOME, ~/.config/berth/config is read ($out)"
fi

# --- the dashboard with a faulty config ----------------------------------------------
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
docker run -d --network none --stop-timeout 1 --name tc-b bb:latest sleep 1000 >/dev/null || bail "docker run"
docker run -d --network none --stop-timeout 1 --name tc-a bb:latest sleep 1000 >/dev/null || bail "docker run"
cat >"$dir/tui" <<'CONF'
bind containers x restart
unbind containers s
bind containers y nosuchaction
set default-sort name
CONF
tui_start 80 24 "$BERTH --config $dir/tui" || bail "tmux session starts"
both() { tui_has 'tc-a' && tui_has 'tc-b'; }
tui_wait 15 both || bail "rows drawn"
if tui_last_line | grep -qF "config: $dir/tui:3: unknown action"; then
	tap_ok "berth starts anyway; the status bar shows the first error with its line"
else
	tap_fail "the status bar shows the first config error: $(tui_last_line)"
fi
# default-sort name: the NAME header carries the sort marker
if tui_cap | head -n 1 | grep -qE 'NAME ?(▲|▼|\^|v)'; then
	tap_ok "set default-sort name: the NAME column is the sort key"
else
	tap_fail "set default-sort name: the NAME column is the sort key ($(tui_cap | head -n 1))"
fi
rows=$(tui_cap | awk '$1 ~ /^tc-/ { print $1 }' | tr '\n' ' ')
tap_check test "$rows" = "tc-a tc-b " "rows in name order ($rows)"
tui_keys x
if tui_wait 3 tui_has 'Restart tc-a\?'; then
	tap_ok "bind containers x restart: x asks 'Restart tc-a?'"
else
	tap_fail "bind containers x restart: x asks 'Restart tc-a?'"
fi
tui_keys Escape
tui_wait 3 tui_lacks 'Restart tc-a\?' || tap_diag "prompt stayed"
tui_keys s
sleep 1
if tui_lacks 'Stop tc-a\?' && [ "$(docker inspect -f '{{.State.Status}}' tc-a)" = running ]; then
	tap_ok "unbind containers s: s does nothing"
else
	tap_fail "unbind containers s: s does nothing"
	tui_keys Escape
fi
tui_keys '?'
tui_wait 3 tui_has 'keys \(from the keymap table\)' || tap_diag "no help"
help=$(tui_cap)
for i in 1 2 3; do
	tui_keys PgDn
	sleep 0.3
	help+=$'\n'$(tui_cap)
done
if grep -qE '^ +(r, x|x, r) +restart ' <<<"$help" && ! grep -qE 'start-stop' <<<"$help"; then
	tap_ok "help lists r, x for restart, and no start-stop key"
else
	tap_fail "help lists r, x for restart, and no start-stop key"
	tap_diag "$(grep -E 'restart|start-stop' <<<"$help")"
fi
tui_keys q
tui_keys q
tui_wait 5 tui_dead || tap_diag "berth did not quit"
if grep -qF "berth: config: $dir/tui:3: unknown action 'nosuchaction'" "$TUI_STDERR"; then
	tap_ok "after exit the errors are printed on stderr"
else
	tap_fail "after exit the errors are printed on stderr ($(cat "$TUI_STDERR" 2>/dev/null))"
fi
tap_check test "$(tui_exit_status)" = 0 "exit status 0"
tui_stop
tap_done
