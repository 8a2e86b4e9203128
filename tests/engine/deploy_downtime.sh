#!/usr/bin/env bash
# Zero downtime of a start-first redeploy (a watcher asks the engine every
# 50 ms for the unit's running, healthy containers), and the downtime of a
# stop-first redeploy of a --network host busybox httpd on 127.0.0.1, probed
# every 20 ms. Figures are reported; only "never zero" is asserted.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
state_dir || bail "state dir"
HC='HEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD true'
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v1"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v2"
SOCK=${DOCKER_HOST#unix://}
S=/tmp/bt-samples.$$
OUT=/tmp/bt-out.$$
cleanup_push "rm -f $S $S.raw $S.http $OUT"

# --- zero downtime, start-first ---------------------------------------------------
docker run -d --name web-int --network none --label berth.service=web \
	--label berth.branch=integration --stop-timeout 1 app:v1 >/dev/null || bail "docker run web-int"
wait_healthy web-int 30 || bail "web-int healthy"
filter='%7B%22label%22%3A%5B%22berth.service%3Dweb%22%2C%22berth.branch%3Dintegration%22%5D%7D'
# raw answers now, counted afterwards: the loop stays near 50 ms
(
	while :; do
		printf '%s %s\n' "${EPOCHREALTIME/./}" \
			"$(curl -s -m 1 --unix-socket "$SOCK" "http://x/containers/json?filters=$filter" | tr -d '\n')"
		sleep 0.05
	done
) >"$S.raw" &
wpid=$!
cleanup_push "kill $wpid 2>/dev/null"
sleep 0.5
"$BERTH" deploy web --branch integration --image app:v2 --strategy start-first >"$OUT" 2>&1
rc=$?
sleep 0.5
kill "$wpid"
wait "$wpid" 2>/dev/null
while read -r t body; do
	n=$(jq '[.[] | select(.State == "running" and (.Status | test("\\(healthy\\)")))] | length' <<<"$body" 2>/dev/null)
	echo "${t}000 ${n:-err}"
done <"$S.raw" >"$S"
tap_diag "$(cat "$OUT")"
tap_check test $rc = 0 "start-first deploy of web/integration succeeds (rc $rc)"
total=$(wc -l <"$S")
zero=$(awk '$2 != "err" && $2 < 1' "$S" | wc -l)
errs=$(grep -c ' err$' "$S")
two=$(awk '$2 == 2' "$S" | wc -l)
span=$(awk 'NR == 1 { a = $1 } { b = $1 } END { printf "%.1f", (b - a) / 1e9 }' "$S")
gap=$(awk 'NR > 1 { d = ($1 - p) / 1e6; if (d > m) m = d } { p = $1 } END { printf "%d", m }' "$S")
tap_diag "watcher: $total samples over ${span}s (largest gap between samples ${gap} ms) ($errs unreadable), $zero with no running healthy container, $two with two (the overlap)"
tap_check test "$total" -ge 20 "the watcher took samples ($total)"
tap_check test "$zero" = 0 "never without a running, healthy container ($zero of $total samples)"
tap_check test "$two" -ge 1 "the overlap was seen: both running and healthy ($two samples)"
tap_check test "$(commit=$(ctr '{{index .Config.Labels "berth.commit"}}' web-int); echo "$commit")" = bbbb002 "web-int runs v2"

# --- downtime, stop-first, host network ---------------------------------------------
PORT=$((20000 + $$ % 20000))
app_image app:http1 1111aaa 1 "CMD [\"httpd\", \"-f\", \"-p\", \"127.0.0.1:$PORT\", \"-h\", \"/www\"]" || bail "image app:http1"
app_image app:http2 2222bbb 2 "CMD [\"httpd\", \"-f\", \"-p\", \"127.0.0.1:$PORT\", \"-h\", \"/www\"]" || bail "image app:http2"
docker run -d --name site-prod --network host --label berth.service=site \
	--label berth.branch=production --stop-timeout 1 app:http1 >/dev/null || bail "docker run site-prod"
up() { curl -s -m 1 "http://127.0.0.1:$PORT/" | grep -q berth; }
wait_until 20 up || bail "httpd answers on 127.0.0.1:$PORT"
(
	while :; do
		if [ "$(curl -s -m 0.5 "http://127.0.0.1:$PORT/")" = berth ]; then r=1; else r=0; fi
		echo "${EPOCHREALTIME/./}000 $r"
		sleep 0.02
	done
) >"$S.http" &
ppid_=$!
cleanup_push "kill $ppid_ 2>/dev/null"
sleep 0.5
"$BERTH" deploy site --branch production --image app:http2 --settle-ms 500 >"$OUT" 2>&1
rc=$?
wait_until 10 up
sleep 0.5
kill "$ppid_"
wait "$ppid_" 2>/dev/null
tap_diag "$(cat "$OUT")"
tap_check test $rc = 0 "stop-first deploy of the host-network httpd succeeds (rc $rc)"
tap_check grep -q "stop-first" "$OUT" "a host-network container is deployed stop-first by default"
# the longest run of failed probes: from its first failure to the next success
read -r down fails probes < <(awk '
	{ n++ }
	$2 == 0 { f++; if (start == 0) start = $1 }
	$2 == 1 { if (start != 0) { d = ($1 - start) / 1e6; if (d > max) max = d; start = 0 } }
	END { printf "%d %d %d\n", max, f, n }' "$S.http")
tap_diag "stop-first downtime on 127.0.0.1:$PORT: ${down} ms ($fails of $probes probes failed; stop timeout 1 s, settle 500 ms)"
tap_check test "$probes" -ge 20 "the prober took samples ($probes)"
tap_check test "$fails" -ge 1 "stop-first has a measurable gap ($down ms)"
tap_check test "$(tail -n 1 "$S.http" | cut -d' ' -f2)" = 1 "the site answers after the deploy"
tap_check test "$(ctr '{{index .Config.Labels "berth.commit"}}' site-prod)" = 2222bbb "site-prod runs http2"
tap_done
