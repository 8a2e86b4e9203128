#!/usr/bin/env bash
# The state dir fills up in the middle of a redeploy (after the new
# container was created, or after it was started; both strategies): the
# deploy fails and rolls back, the unit is left with exactly one running
# container with its name on the old image, and every complete journal
# record stays readable. (A state dir that is read-only from the start is
# in tests/engine/deploy_failures.sh: a journal already open for writing
# cannot be remounted read-only.)
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v unshare >/dev/null || bail "unshare is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' || bail "image app:v1"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' || bail "image app:v2"

W=$(mktemp -d /tmp/bdf.XXXXXX)
cleanup_push "rm -rf '$W'"

# The deploy runs in a private mount namespace with its state dir on a
# 256 KiB tmpfs. Once it pauses at STEP, the journal is padded to a page
# boundary with a valid record (tmpfs would otherwise take a few more small
# appends into the page it already has) and the tmpfs is filled; then the
# deploy resumes (SIGUSR1), and the journal is copied out.
# case_ N STRATEGY STEP: unit svN/validation, container svN-val
case_() {
	local n=$1 strategy=$2 step=$3 rc names bad recs svc=sv$1 name=sv$1-val
	rm -f "$W"/out "$W"/err "$W"/journal.jsonl "$W"/rc
	mkdir -p "$W/mnt"
	docker run -d --name "$name" --network none --stop-timeout 1 --label "berth.service=$svc" \
		--label berth.branch=validation app:v1 >/dev/null || { tap_fail "docker run $name"; return; }
	unshare -m bash -s "$W" "$BERTH" "$strategy" "$step" "$svc" <<'INNER'
W=$1 BERTH=$2 strategy=$3 step=$4 svc=$5
S=$W/mnt
mount -t tmpfs -o size=256k tmpfs "$S" || exit 90
BERTH_DEPLOY_PAUSE_AT=$step BERTH_DEPLOY_PAUSE_RESUME=1 "$BERTH" deploy "$svc" --branch validation \
	--image app:v2 --strategy "$strategy" --timeout 20 --state-dir "$S" >"$W/out" 2>"$W/err" &
pid=$!
for i in $(seq 400); do grep -q "paused at $step" "$W/err" && break; sleep 0.05; done
grep -q "paused at $step" "$W/err" || { kill -KILL $pid; exit 91; }
size=$(stat -c %s "$S/journal.jsonl")
need=$((4096 - size % 4096))
[ "$need" -lt 64 ] && need=$((need + 4096))
python3 - "$need" >>"$S/journal.jsonl" <<'PY'
import sys
n = int(sys.argv[1])
head = '{"id":"pad","ev":"pad","x":"'
sys.stdout.write(head + "x" * (n - len(head) - 3) + '"}\n')
PY
dd if=/dev/zero of="$S/fill" bs=4k 2>/dev/null
kill -USR1 $pid
wait $pid
echo $? >"$W/rc"
cp "$S/journal.jsonl" "$W/journal.jsonl"
INNER
	rc=$(cat "$W/rc" 2>/dev/null)
	names=$(unit_containers "$svc" validation | tr '\n' ' ')
	tap_diag "$(tail -n 4 "$W/out" "$W/err")"
	if [ -n "$rc" ] && [ "$rc" != 0 ]; then
		tap_ok "$strategy, disk full at '$step': the deploy fails (exit $rc)"
	else
		tap_fail "$strategy, disk full at '$step': the deploy fails (exit ${rc:-none})"
	fi
	if [ "$names" = "$name running " ] &&
		[ "$(ctr '{{index .Config.Labels "berth.commit"}}' "$name")" = aaaa001 ]; then
		tap_ok "$strategy, disk full at '$step': one running container, $name, on the old image"
	else
		tap_fail "$strategy, disk full at '$step': one running $name on the old image (got: $names)"
	fi
	if grep -q 'No space left' "$W/out" "$W/err"; then
		tap_ok "$strategy, disk full at '$step': the output says why (No space left on device)"
	else
		tap_fail "$strategy, disk full at '$step': the output says why"
	fi
	bad=$(python3 -c '
import json, sys
bad = 0
for line in open(sys.argv[1], "rb").read().split(b"\n")[:-1]:
    try:
        json.loads(line)
    except ValueError:
        bad += 1
print(bad)' "$W/journal.jsonl" 2>/dev/null)
	recs=$(grep -c . "$W/journal.jsonl" 2>/dev/null)
	if [ "$bad" = 0 ] && [ "${recs:-0}" -ge 2 ]; then
		tap_ok "$strategy, disk full at '$step': $recs complete journal records, all readable"
	else
		tap_fail "$strategy, disk full at '$step': complete journal records readable (bad ${bad:-?}, records ${recs:-0})"
	fi
}

case_ 1 start-first created
case_ 2 start-first started
case_ 3 stop-first created
case_ 4 stop-first started
tap_done
