#!/usr/bin/env bash
# The images pane's pull (p) and `berth pull`, against Debian's
# docker-registry on 127.0.0.1 with htpasswd auth and `docker login` into a
# private DOCKER_CONFIG: p proposes the selected row's REPOSITORY:TAG, asks
# for the reference, and the status bar shows "pulling REF: ..." then
# "pulled REF (digest sha256:...)" and the image appears in the pane.
# Without credentials (another DOCKER_CONFIG) the status bar says the
# registry wants a `docker login` and nothing is pulled. Under --read-only
# p is refused and dockerd's debug log shows no POST /images/create. The
# CLI form with and without credentials, and under --read-only.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

for prog in docker-registry htpasswd jq; do
	command -v "$prog" >/dev/null || bail "$prog is installed (docker-registry, apache2-utils, jq)"
done
ENGINE_EXTRA_ARGS=--debug test_setup
LOG=$ENGINE_DIR/dockerd.log
W=$(mktemp -d /tmp/bt-pull.XXXXXX) || bail "temp dir"
cleanup_push "rm -rf '$W'"
OUT=$W/out

registry_login auth
mkdir -p "$W/nocreds"
for v in 1 2 3; do
	app_image "$REG/pl:v$v" "c0ffee$v" "$v" "ENV PAD=$v" || bail "image pl:v$v"
	docker push -q "$REG/pl:v$v" >"$OUT" 2>&1 || bail "docker push pl:v$v: $(cat "$OUT")"
done
# pl:big, three 6 MB layers: a pull that lasts a few frames, so that its
# progress is drawn (a small one's last line comes in the same frame)
big() { echo "RUN [\"/bin/busybox\", \"dd\", \"if=/dev/urandom\", \"of=/big$1\", \"bs=1M\", \"count=6\"]"; }
app_image "$REG/pl:big" c0ffee9 9 "$(big 1)" "$(big 2)" "$(big 3)" || bail "image pl:big"
docker push -q "$REG/pl:big" >"$OUT" 2>&1 || bail "docker push pl:big: $(cat "$OUT")"
docker rmi -f "$REG/pl:v2" "$REG/pl:v3" "$REG/pl:big" >/dev/null 2>&1
has_image() { docker image inspect "$1" >/dev/null 2>&1; }
status_has() { tui_last_line | grep -qE -- "$1"; }
creates_since() { tail -n +"$(($1 + 1))" "$LOG" | grep -c 'Calling POST /v[0-9.]*/images/create'; }

# --- the TUI with credentials: p proposes the row, pulls, shows it -------------
tui_start 140 30 "env DOCKER_CONFIG=$DOCKER_CONFIG $BERTH" || bail "tmux session starts"
tui_wait 15 tui_has 'CONTAINER|NAME' || bail "berth draws"
tui_keys i
tui_wait 15 tui_has "$REG/pl:v1" || bail "the images pane lists pl:v1"
tui_keys /
tui_type "pl:v1"
tui_keys Enter
tui_keys p
tui_check_prompt() { tui_has 'Pull which image' && tui_has "$REG/pl:v1"; }
tap_check tui_wait 5 tui_check_prompt "p asks for the reference, proposing the selected row's $REG/pl:v1"
tui_keys Escape
tui_wait 3 status_has 'pull: cancelled' || tap_diag "Esc: $(tui_last_line)"
tui_keys Escape		# the filter
tui_osc52_start "$W/pty"	# the pty stream: progress lines are drawn and gone fast
tui_keys p
tui_wait 5 tui_has 'Pull which image' || bail "p asks again"
tui_keys C-u
tui_type "$REG/pl:v2"
tui_keys Enter
tap_check tui_wait 30 status_has "pulled $REG/pl:v2 \\(digest sha256:[0-9a-f]{64}\\)" \
	"the status bar says pulled $REG/pl:v2 with its digest"
tap_check has_image "$REG/pl:v2" "the engine has $REG/pl:v2"
tui_keys p
tui_wait 5 tui_has 'Pull which image' || bail "p asks again"
tui_keys C-u
tui_type "$REG/pl:big"
tui_keys Enter
tui_wait 60 status_has "pulled $REG/pl:big" || tap_diag "pl:big: $(tui_last_line)"
# curses redraws only what changed in the status bar, so look for the
# layer count of pl:big (the busybox layer and its three)
progress_drawn() { tr -d '\n' <"$W/pty" | grep -aqE '[0-9]/4 layers'; }
tap_check progress_drawn "on the way the status bar showed the progress ($(tr -d '\n' <"$W/pty" | grep -aoE '[0-9]/4 layers[^|]*' | tail -n 1))"
tap_check tui_wait 10 tui_has "$REG/pl:v2" "the images pane lists $REG/pl:v2 after the pull"
tui_keys q q
tui_wait 5 tui_dead || tap_diag "berth did not quit"
tui_stop

# --- without credentials: refused, clearly, nothing pulled ---------------------
tui_start 200 30 "env DOCKER_CONFIG=$W/nocreds $BERTH" || bail "tmux session starts"
tui_wait 15 tui_has 'CONTAINER|NAME' || bail "berth draws"
tui_keys i
tui_wait 15 tui_has "$REG/pl:v1" || bail "the images pane"
tui_keys p
tui_wait 5 tui_has 'Pull which image' || bail "p asks"
tui_keys C-u
tui_type "$REG/pl:v3"
tui_keys Enter
tap_check tui_wait 20 status_has "cannot pull $REG/pl:v3: .*docker login $REG" \
	"without credentials the status bar says the registry wants a docker login"
tap_diag "$(tui_last_line)"
tap_check test "$(has_image "$REG/pl:v3" && echo yes)" = "" "and nothing was pulled"
# leaving the pane and quitting while a pull is under way: no hang, no crash
tui_keys p
tui_wait 5 tui_has 'Pull which image' || bail "p asks"
tui_keys C-u
tui_type "$REG/pl:v3"
tui_keys Enter q q
t0=$(now_ns)
tap_check tui_wait 5 tui_dead "quitting right after a pull starts exits at once"
tap_diag "exit after $((($(now_ns) - t0) / 1000000)) ms, status $(tui_exit_status)"
tap_check test "$(tui_exit_status)" = 0 "and cleanly (status $(tui_exit_status))"
tui_stop

# --- --read-only: refused, no POST /images/create ------------------------------
mark=$(wc -l <"$LOG")
tui_start 140 30 "env DOCKER_CONFIG=$DOCKER_CONFIG $BERTH --read-only" || bail "tmux session starts"
tui_wait 15 tui_has 'CONTAINER|NAME' || bail "berth draws"
tui_keys i
tui_wait 15 tui_has "$REG/pl:v1" || bail "the images pane"
tui_keys p
tap_check tui_wait 5 status_has 'read-only: pull is disabled' "--read-only: p says read-only"
tap_check tui_lacks 'Pull which image' "and asks nothing"
tui_keys q q
tui_wait 5 tui_dead || tap_diag "berth did not quit"
tui_stop
"$BERTH" --read-only pull "$REG/pl:v3" >"$OUT" 2>&1
rc=$?
tap_check test "$rc" != 0 "berth --read-only pull is refused (rc $rc): $(head -n 1 "$OUT")"
n=$(creates_since "$mark")
tap_check test "$n" = 0 "the engine saw no POST /images/create under --read-only ($n)"

# --- the CLI ----------------------------------------------------------------------
DOCKER_CONFIG=$W/nocreds "$BERTH" pull "$REG/pl:v3" >"$OUT" 2>&1
rc=$?
tap_check test "$rc" != 0 "berth pull without credentials fails (rc $rc)"
tap_check grep -q "cannot pull $REG/pl:v3: .*docker login $REG" "$OUT" "and says which docker login to run"
tap_check test "$(has_image "$REG/pl:v3" && echo yes)" = "" "nothing was pulled"
"$BERTH" pull "$REG/pl:v3" >"$OUT" 2>"$W/err"
rc=$?
tap_diag "$(cat "$W/err")"
tap_check test "$rc" = 0 "berth pull with docker login's credentials succeeds (rc $rc)"
tap_check grep -qE "^berth: pulling $REG/pl:v3: [0-9]+/[0-9]+ layers" "$W/err" "progress lines on stderr"
tap_check grep -qE "^berth: pulled $REG/pl:v3 \\(digest sha256:[0-9a-f]{64}\\)" "$W/err" "then the pulled line with the digest"
tap_check test ! -s "$OUT" "nothing on stdout"
tap_check has_image "$REG/pl:v3" "the engine has $REG/pl:v3"
tap_done
