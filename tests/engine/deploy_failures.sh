#!/usr/bin/env bash
# Automatic rollback (command exits at once, health check fails, image
# missing, with both strategies); a read-only or full state dir fails before
# anything is touched; a torn last journal line; two deploys of one unit.
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
app_image app:exits eeee003 3 'CMD ["sh", "-c", "exit 3"]' || bail "image app:exits"
app_image app:sick ffff004 4 'CMD ["sleep", "1000"]' \
	'HEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD sh -c "echo db unreachable; exit 1"' || bail "image app:sick"
OUT=/tmp/bt-out.$$
ERR=/tmp/bt-err.$$
cleanup_push "rm -f $OUT $ERR"

docker run -d --name api-val --network none --label berth.service=api \
	--label berth.branch=validation --stop-timeout 1 app:v1 >/dev/null || bail "docker run api-val"
wait_healthy api-val 30 || bail "api-val healthy"

snap() { echo "$(ctr '{{.Id}} {{.State.Status}} {{.State.StartedAt}}' api-val)"; }

# restored: same container, running, its name, the only one of the unit
restored() {
	local want_id=$1 what=$2
	tap_check test "$(ctr '{{.Id}}' api-val)" = "$want_id" "$what: the old container is back under its name"
	tap_check test "$(unit_containers api validation)" = "api-val running" "$what: one container of the unit, running"
}

# deploy_expect RC DESC ARGS...: run a deploy, check the exit status.
deploy_rc() {
	"$BERTH" deploy api --branch validation "$@" >"$OUT" 2>"$ERR"
	echo $?
}

# --- the new command exits at once ------------------------------------------
id0=$(ctr '{{.Id}}' api-val)
rc=$(deploy_rc --image app:exits --timeout 20)
tap_diag "$(cat "$OUT" "$ERR")"
tap_check test "$rc" = 3 "command exits at once: exit 3 (rolled back), got $rc"
tap_check grep -q "exited at once" "$ERR" "command exits at once: the reason is on stderr"
restored "$id0" "command exits at once (start-first)"
did=$(last_deploy_id)
tap_check test "$(journal_end_field "$did" result)" = "rolled back" "journal: $did rolled back"
tap_check grep -q "exit code 3" <<<"$(journal_end_field "$did" reason)" "journal reason: $(journal_end_field "$did" reason)"

# --- the same with stop-first: the old one was stopped and is started again -----
s0=$(snap)
rc=$(deploy_rc --image app:exits --timeout 20 --strategy stop-first)
tap_diag "$(cat "$OUT" "$ERR")"
tap_check test "$rc" = 3 "stop-first, command exits: exit 3, got $rc"
restored "$id0" "stop-first, command exits"
s1=$(snap)
tap_check test "${s0%% *}" = "${s1%% *}" -a "${s0##* }" != "${s1##* }" "stop-first: the same old container was stopped and started again"

# --- health check fails ---------------------------------------------------------
rc=$(deploy_rc --image app:sick --timeout 30)
tap_diag "$(cat "$OUT" "$ERR")"
tap_check test "$rc" = 3 "health check fails: exit 3, got $rc"
restored "$id0" "health check fails"
did=$(last_deploy_id)
r=$(journal_end_field "$did" reason)
tap_check grep -q "health check failed: db unreachable" <<<"$r" "journal says why: $r"

# --- the image does not exist: nothing is touched --------------------------------
s0=$(snap)
rc=$(deploy_rc --image app:nosuch)
tap_diag "$(cat "$OUT" "$ERR")"
tap_check test "$rc" = 1 "missing image: exit 1 (refused), got $rc"
tap_check test "$(snap)" = "$s0" "missing image: the old container was not even stopped"
restored "$id0" "missing image"
did=$(last_deploy_id)
tap_check test "$(journal_end_field "$did" result)" = failed "missing image: journaled as failed"
tap_check grep -q "does not exist" <<<"$(journal_end_field "$did" reason)" "missing image: journal says the image does not exist"

# --- read-only state dir: fails before anything is touched -------------------------
ro=$(mktemp -d /tmp/bt-ro.XXXXXX)
cleanup_push "rmdir '$ro'"
s0=$(snap)
# a private mount namespace: the read-only mount vanishes with the process
unshare -m sh -c 'mount -t tmpfs -o ro,size=1m tmpfs "$1" && shift && exec "$@"' sh "$ro" \
	"$BERTH" deploy api --branch validation --image app:v2 --state-dir "$ro" >"$OUT" 2>"$ERR"
rc=$?
tap_diag "$(cat "$OUT" "$ERR")"
tap_check test "$rc" = 1 "read-only state dir: exit 1, got $rc"
tap_check grep -q "Read-only file system" "$ERR" "read-only state dir: the message says why"
tap_check test "$(snap)" = "$s0" "read-only state dir: nothing touched"

# --- full disk -------------------------------------------------------------------
unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs "$1" && mkdir -p "$1/locks" &&
	: >"$1/journal.jsonl" && dd if=/dev/zero of="$1/fill" bs=4k count=64 2>/dev/null;
	shift; exec "$@"' sh "$ro" \
	"$BERTH" deploy api --branch validation --image app:v2 --state-dir "$ro" >"$OUT" 2>"$ERR"
rc=$?
tap_diag "$(cat "$OUT" "$ERR")"
tap_check test "$rc" = 1 "full state dir: exit 1, got $rc"
tap_check grep -q "No space left" "$ERR" "full state dir: the message says why"
tap_check grep -q "nothing was changed" "$ERR" "full state dir: and that nothing was changed"
tap_check test "$(snap)" = "$s0" "full state dir: nothing touched"

# --- a torn last line -------------------------------------------------------------
J=$BERTH_STATE_DIR/journal.jsonl
n=$(wc -l <"$J")
printf '{"id":"dtorn","ev":"start","service":"api","bra' >>"$J"
torn=$((n + 1))
"$BERTH" history api >"$OUT" 2>"$ERR"
tap_check test $? = 0 "history with a torn last line exits 0"
tap_check grep -q "line $torn is torn or corrupt" "$ERR" "history reports the torn line by number ($(cat "$ERR"))"
tap_check test "$(grep -c 'api/validation' "$OUT")" = "$(jq -r 'select(.ev == "start") | .id' "$J" 2>/dev/null | sort -u | wc -l)" \
	"history keeps every complete deploy"
rc=$(deploy_rc --image app:v2 --timeout 30)
tap_check test "$rc" = 0 "a deploy after the torn line succeeds (rc $rc)"
"$BERTH" history api --json >"$OUT" 2>"$ERR"
tap_check test "$(jq -r '.[0].result + " " + .[0].commit' "$OUT")" = "succeeded bbbb002" "the new deploy is read back after the torn line"
tap_check test "$(grep -c 'torn or corrupt' "$ERR")" = 1 "only the torn line is skipped ($(tr '\n' ' ' <"$ERR"))"

# --- two deploys of the same unit ---------------------------------------------------
id1=$(ctr '{{.Id}}' api-val)
BERTH_DEPLOY_PAUSE_AT=started "$BERTH" deploy api --branch validation --image app:v1 >"$OUT.a" 2>"$ERR.a" &
apid=$!
cleanup_push "kill -KILL $apid 2>/dev/null; rm -f $OUT.a $ERR.a"
wait_until 30 grep -q "paused at started" "$ERR.a" || tap_diag "deploy A did not pause: $(cat "$OUT.a" "$ERR.a")"
rc=$(deploy_rc --image app:v1)
tap_diag "$(cat "$ERR")"
tap_check test "$rc" = 1 "a second deploy of the unit while one runs: refused (rc $rc)"
tap_check grep -q "another deploy of api/validation is running (pid $apid" "$ERR" "the refusal names the holder's pid $apid"
t0=$(date +%s%N)
rc=$(deploy_rc --image app:v1 --wait 2)
t1=$(date +%s%N)
tap_check test "$rc" = 1 "with --wait 2 it waits, then refuses (rc $rc, waited $(((t1 - t0) / 1000000)) ms)"
tap_check test "$(ctr '{{.Id}}' api-val)" = "$id1" "the refused deploys changed nothing"
kill -KILL "$apid"
wait "$apid" 2>/dev/null
# the killed one left a started new container under a temporary name
tap_check test "$(unit_containers api validation | wc -l)" = 2 "after SIGKILL at 'started': two containers of the unit"
rc=$(deploy_rc --image app:v1 --timeout 30)
tap_diag "$(cat "$OUT" "$ERR")"
tap_check test "$rc" = 0 "the next deploy recovers the killed one, then deploys (rc $rc)"
tap_check grep -q "recovered" "$OUT" "it said what it recovered"
tap_check test "$(unit_containers api validation)" = "api-val running" "one container of the unit, running, named api-val"
tap_check test "$(ctr '{{index .Config.Labels "berth.commit"}}' api-val)" = aaaa001 "and it runs v1"

tap_done
