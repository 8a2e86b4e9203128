#!/usr/bin/env bash
# Several engines in one dashboard: three private dockerds, `berth -H a=...
# -H b=... -H c=...`; every container shows its ENGINE; one engine killed
# (-9) leaves the other two live (a new container appears), the status bar
# says which engine is down, keys answer within 200 ms; after its restart
# its containers come back. A fake engine that never answers beside a real
# one delays nothing. Then `berth ps --json` with two engines.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
for e in a b c; do
	engine_start || bail "private dockerd $e starts"
	bb_image || bail "busybox test image builds on $e"
	docker run -d --network none --name "mx-$e-one" bb:latest sleep 100000 >/dev/null ||
		bail "a container runs on $e"
	eval "DIR_$e=\$ENGINE_DIR HOST_$e=\$DOCKER_HOST"
done
# shellcheck disable=SC2154 # set by the eval above
docker -H "$HOST_b" run -d --network none --name mx-b-two bb:latest sleep 100000 >/dev/null ||
	bail "a second container runs on b"
# one service, two stages on two engines: integration on a, production on b
DOCKER_BUILDKIT=0 docker -H "$HOST_a" build -q -t web:int - >/dev/null 2>&1 <<<'FROM bb:latest
LABEL berth.commit=aaaa001' || bail "image web:int on a"
docker -H "$HOST_a" run -d --network none --stop-timeout 1 --name mx-web-int \
	--label berth.service=web --label berth.branch=integration web:int sleep 100000 >/dev/null ||
	bail "web/integration runs on a"
docker -H "$HOST_b" run -d --network none --stop-timeout 1 --name mx-web-prod \
	--label berth.service=web --label berth.branch=production bb:latest sleep 100000 >/dev/null ||
	bail "web/production runs on b"
SD=$(mktemp -d /tmp/bt-state.XXXXXX) || bail "state dir"
cleanup_push "rm -rf '$SD'"

# shellcheck disable=SC2154
tui_start 200 40 "BERTH_STATE_DIR=$SD" "$BERTH" -H "a=$HOST_a" -H "b=$HOST_b" -H "c=$HOST_c" || bail "tmux starts"
tui_wait 15 tui_has 'mx-c-one' || bail "the containers are listed"
tap_ok "dashboard up on three engines"

# NAME is the first column, ENGINE the second
row_engine() { tui_cap | awk -v n="$1" '$1 == n || $2 == n { for (i = 1; i <= NF; i++) if ($i == n) { print $(i + 1); exit } }'; }
tap_check tui_has 'NAME +ENGINE' "the containers pane has an ENGINE column"
ok=1
for pair in mx-a-one:a mx-b-one:b mx-b-two:b mx-c-one:c mx-web-int:a mx-web-prod:b; do
	n=${pair%%:*} want=${pair##*:}
	got=$(row_engine "$n")
	if [ "$got" != "$want" ]; then
		ok=0
		tap_diag "$n: ENGINE '$got', want '$want'"
	fi
done
if [ "$ok" = 1 ]; then tap_ok "every container shows its own engine"; else tap_fail "every container shows its own engine"; tui_dump; fi
tap_check tui_has 'a ● b ● c ●' "the status bar shows each engine up: $(tui_last_line | cut -c1-80)"

# the engine filter: H cycles all -> a -> b -> c -> all
tui_keys H
tui_wait 5 tui_lacks 'mx-b-one' && tui_has 'mx-a-one' && tap_ok "H shows engine a only" || tap_fail "H shows engine a only"
tui_keys H
tui_wait 5 tui_lacks 'mx-a-one' && tui_has 'mx-b-two' && tap_ok "H again shows engine b only" || tap_fail "H again shows engine b only"
tui_keys H H
tui_wait 5 tui_has 'mx-a-one' && tui_has 'mx-c-one' && tap_ok "H cycles back to all engines" || tap_fail "H cycles back to all engines"

# deploys: web's stages side by side, each on its own engine; a redeploy
# of the integration stage goes to engine a
tui_keys d
if tui_wait 5 tui_has 'SERVICE +integration +production'; then
	tap_ok "deploys pane: integration and production columns"
else
	tap_fail "deploys pane: integration and production columns"
fi
tap_check tui_wait 3 tui_has '^[> ] +web +a: aaaa001 .* +b: - ' "web: integration on a (aaaa001), production on b, in one row"
DOCKER_BUILDKIT=0 docker -H "$HOST_a" build -q -t web:int - >/dev/null 2>&1 <<<'FROM bb:latest
LABEL berth.commit=bbbb002' || bail "image web:int v2 on a"
tui_keys j j j j h h h
tui_wait 3 tui_has '\| web/integration \|' || tap_diag "the cursor is not on web/integration"
tui_keys R
if tui_wait 5 tui_has 'Redeploy web/integration on branch integration to commit bbbb002' && tui_has 'y = yes'; then
	tap_ok "R on web/integration asks to deploy bbbb002 (resolved on engine a)"
else
	tap_fail "R on web/integration asks to deploy bbbb002"
	tui_dump
fi
tui_keys y
web_commit() { docker -H "$1" inspect -f '{{index .Config.Labels "berth.commit"}}' "$2" 2>/dev/null; }
deployed() { [ "$(web_commit "$HOST_a" mx-web-int)" = bbbb002 ] && tui_has 'deploy succeeded'; }
tap_check tui_wait 40 deployed "the redeploy ran on engine a: mx-web-int runs bbbb002"
tap_check test "$(jq -r 'select(.ev == "start") | .engine' "$SD/journal.jsonl" | tail -n 1)" = "$HOST_a" \
	"the journal names engine a's address"
tap_check test "$(docker -H "$HOST_b" ps -q --filter name=mx-web | wc -l)" = 1 "engine b still runs just its production container"
tui_keys q
tui_wait 5 tui_has 'NAME +ENGINE' || tap_diag "not back on the containers pane"

# engine c dies
# shellcheck disable=SC2154
engine_kill9 "$DIR_c" || bail "kill -9 dockerd c"
down() { tui_last_line | grep -q 'c ✖ disconnected'; }
if tui_wait 10 down; then
	tap_ok "status bar: $(tui_last_line | sed 's/  */ /g' | cut -c1-100)"
else
	tap_fail "the status bar says engine c is disconnected"
	tui_dump
fi
t0=$(now_ns)
docker -H "$HOST_a" run -d --network none --name mx-a-meanwhile bb:latest sleep 100000 >/dev/null ||
	bail "a container starts on a while c is down"
if tui_wait 5 tui_has 'mx-a-meanwhile'; then
	tap_ok "engine a stays live: mx-a-meanwhile shown $((($(now_ns) - t0) / 1000000)) ms after it was created"
else
	tap_fail "engine a stays live while c is down"
fi
tap_check test "$(row_engine mx-a-meanwhile)" = a "the new container's ENGINE is a"

tui_key_latency 'keys \(from the keymap table\)' 'NAME +ENGINE'
tap_key_latency 'while c is down'

# c comes back, with a container created right after its restart
engine_restart "$DIR_c" || bail "dockerd c restarts on the same socket"
docker -H "$HOST_c" run -d --network none --name mx-c-after bb:latest sleep 100000 >/dev/null ||
	bail "a container starts on c after its restart"
t0=$(now_ns)
back() { tui_has 'mx-c-after' && tui_has 'mx-c-one' && tui_last_line | grep -q 'a ● b ● c ●'; }
if tui_wait 20 back; then
	tap_ok "engine c reconnected, its containers back $((($(now_ns) - t0) / 1000000)) ms after the restart"
else
	tap_fail "engine c reconnects and its containers come back"
	tui_dump
fi
tap_check test "$(row_engine mx-c-after)" = c "mx-c-after's ENGINE is c"

# the events pane says which engine each event came from
docker -H "$HOST_c" run -d --network none --name mx-c-late bb:latest sleep 100000 >/dev/null ||
	bail "a container starts on c once it is back"
tui_keys E
if tui_wait 5 tui_has 'TIME +ENGINE +TYPE +ACTION' && tui_wait 5 tui_has ' c +container +start +mx-c-late' &&
	tui_has ' a +container +start +mx-a-meanwhile'; then
	tap_ok "events pane: an ENGINE column; mx-c-late's start came from c, mx-a-meanwhile's from a"
else
	tap_fail "events pane: an ENGINE column with each event's engine"
fi
tui_keys q
tui_wait 5 tui_has 'NAME +ENGINE' || tap_diag "not back on the containers pane"

# 80 columns: the ENGINE column and every engine's state still fit
tmx resize-window -t bt -x 80 -y 24 2>/dev/null
narrow() { tui_has 'NAME +ENGINE' && tui_last_line | grep -q '^ a ● b ● c ● '; }
if tui_wait 5 narrow; then
	tap_ok "at 80x24: ENGINE shown; status: $(tui_last_line)"
else
	tap_fail "at 80x24 the ENGINE column and the engines' states fit"
fi
# the swarm panes ask the engine in view: filtered to b, S asks b
tui_keys H H S
tap_check tui_wait 5 tui_has 'b is not a swarm manager' "S asks the engine in view (b): not a swarm manager"
tui_keys H H
tap_check test "$(tui_dead && echo dead)" = "" "berth is still running"
tui_keys q
wait_until 10 tui_dead && tap_check test "$(tui_exit_status)" = 0 "berth exits 0"

# a slow engine (accepts, never answers the container list) beside a live one
tui_stop
FSOCK=$SD/slow.sock
python3 tests/faults/fake_engine.py "$FSOCK" hang &
FAKE_PID=$!
cleanup_push "kill $FAKE_PID 2>/dev/null"
wait_until 10 curl -s -m 1 --unix-socket "$FSOCK" http://x/_ping -o /dev/null || bail "the slow fake engine starts"
tui_start 200 40 "BERTH_STATE_DIR=$SD" "$BERTH" -H "a=$HOST_a" -H "slow=unix://$FSOCK" || bail "tmux starts"
tap_check tui_wait 10 tui_has 'mx-a-meanwhile' "with a hanging engine beside it, a's rows show"
docker -H "$HOST_a" run -d --network none --name mx-a-slowpeer bb:latest sleep 100000 >/dev/null ||
	bail "a container starts on a"
t0=$(now_ns)
if tui_wait 5 tui_has 'mx-a-slowpeer'; then
	tap_ok "the hanging engine delays nothing: mx-a-slowpeer shown $((($(now_ns) - t0) / 1000000)) ms after it was created"
else
	tap_fail "a container on a shows while the other engine hangs"
fi
tui_key_latency 'keys \(from the keymap table\)' 'NAME +ENGINE'
tap_key_latency 'while the other engine hangs'
tui_keys q
wait_until 15 tui_dead && tap_check test "$(tui_exit_status)" = 0 "berth exits 0 with the hanging engine"
docker -H "$HOST_a" rm -f mx-a-slowpeer >/dev/null 2>&1

# berth ps with two engines: each row says its engine
out=$("$BERTH" ps --json -H "a=$HOST_a" -H "b=$HOST_b" 2>&1)
got=$(jq -r 'map(.name + "=" + .engine) | sort | join(" ")' <<<"$out" 2>&1)
want="mx-a-meanwhile=a mx-a-one=a mx-b-one=b mx-b-two=b mx-web-int=a mx-web-prod=b"
if [ "$got" = "$want" ]; then
	tap_ok "ps --json: $got"
else
	tap_fail "ps --json names each row's engine: got '$got', want '$want'"
fi
out=$("$BERTH" ps -H "a=$HOST_a" -H "a=$HOST_b" 2>&1)
if grep -q 'ENGINE' <<<"$out" && grep -Eq 'mx-b-one +a-2 ' <<<"$out"; then
	tap_ok "ps: an ENGINE column; the same name twice becomes a and a-2"
else
	tap_fail "ps: an ENGINE column with unique names"
	tap_diag "$out"
fi
tap_done
