#!/bin/sh
# Records the decoder fixtures from a private dockerd. Re-runnable, as root:
#   tests/data/record.sh [OUTDIR]     (default: the folder of this script)
# Starts its own engine under /tmp, never touches /var/run/docker.sock, runs
# containers with --network none or host only, and stops what it started.
# Needs dockerd, the docker CLI, curl and busybox-static.
# Re-recording changes ids and times: update tests/unit/check_decode.c.
set -eu

OUT=${1:-$(cd "$(dirname "$0")" && pwd)}
API=v1.41
D=$(mktemp -d /tmp/berth-rec.XXXXXX)
S=$D/docker.sock
EVPID=
export DOCKER_HOST="unix://$S"

cleanup() {
	set +e
	if [ -n "$EVPID" ]; then
		kill "$EVPID" 2>/dev/null
		wait "$EVPID" 2>/dev/null
	fi
	if [ -S "$S" ]; then
		docker ps -aq | xargs -r docker rm -f >/dev/null 2>&1
	fi
	if [ -f "$D/pid" ]; then
		pid=$(cat "$D/pid")
		kill "$pid" 2>/dev/null
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 60 ]; do
			sleep 0.5
			i=$((i + 1))
		done
	fi
	grep " $D/" /proc/mounts | cut -d' ' -f2 | sort -r |
	    while read -r m; do umount "$m"; done
	rm -rf "$D"
}
trap cleanup EXIT INT TERM

api() {
	curl -sf --unix-socket "$S" "http://x/$API$1"
}

# api PATH FILE: record one body, as the engine sent it
rec() {
	api "$1" >"$OUT/$2"
	echo "recorded $2"
}

# state NAME: the State.Status of a container (no jq/python needed)
state() {
	docker inspect -f '{{.State.Status}}{{if .State.Health}} {{.State.Health.Status}}{{end}}' "$1"
}

# wait_for NAME WANT: poll until state NAME is WANT (30 s at most)
wait_for() {
	i=0
	while [ "$(state "$1")" != "$2" ]; do
		i=$((i + 1))
		if [ $i -gt 300 ]; then
			echo "record.sh: $1 never became '$2' (is '$(state "$1")')" >&2
			exit 1
		fi
		sleep 0.1
	done
}

dockerd --data-root "$D/data" --exec-root "$D/exec" --pidfile "$D/pid" \
    -H "unix://$S" --bridge=none --iptables=false --ip-masq=false \
    --storage-driver=vfs >"$D/log" 2>&1 &
i=0
until curl -sf --unix-socket "$S" http://x/_ping >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "record.sh: dockerd did not start" >&2; cat "$D/log" >&2; exit 1; }
	sleep 0.2
done

# the whole session goes into events.jsonl, as a streamed /events body
curl -sN --unix-socket "$S" "http://x/$API/events" >"$D/events.jsonl" &
EVPID=$!

mkdir -p "$D/img/rootfs/bin"
cp "$(command -v busybox)" "$D/img/rootfs/bin/busybox"
for l in sh sleep httpd yes echo cat false true; do
	ln -s busybox "$D/img/rootfs/bin/$l"
done
printf 'FROM scratch\nCOPY rootfs/ /\nCMD ["/bin/sh"]\n' >"$D/img/Dockerfile"
docker build -q -t bb:latest "$D/img" >/dev/null

run() {
	docker run -d --network none "$@" >/dev/null
}

# running, labelled, busy: page cache (inactive_file), direct I/O (blkio,
# where the kernel counts it) and a CPU hog
busy='busybox dd if=/dev/zero of=/cache bs=64k count=64 2>/dev/null'
busy="$busy; busybox dd if=/dev/zero of=/f bs=64k count=64 oflag=direct 2>/dev/null"
busy="$busy; busybox dd if=/f of=/dev/null bs=64k iflag=direct 2>/dev/null"
busy="$busy; yes >/dev/null & exec sleep 100000"
run --name shop-production \
    --label berth.service=shop --label berth.branch=production \
    --label berth.commit=abc1234 --label berth.build=42 \
    --label 'note=hello wörld' \
    bb:latest sh -c "$busy"
run --name crashed bb:latest sh -c 'exit 3'
run --name killed bb:latest sleep 100000
run --name sick --health-cmd false --health-interval 1s --health-retries 1 \
    bb:latest sleep 100000
run --name fine --health-cmd true --health-interval 1s bb:latest sleep 100000
run --name booting --health-cmd true --health-interval 1h bb:latest sleep 100000
run --name frozen bb:latest sleep 100000
run --name flappy --restart always bb:latest sh -c 'exit 1'
docker run -d --name hostnet --network host --expose 80 \
    -p 127.0.0.1:18080:80 bb:latest sleep 100000 >/dev/null 2>&1
docker create --network none --name fresh bb:latest true >/dev/null
docker create --network none --name old-name \
    bb:latest sh -c 'trap "exit 0" TERM; sleep 100000 & wait' >/dev/null
docker rename old-name renamed
docker start renamed >/dev/null
run --name gone bb:latest sleep 100000

docker kill killed >/dev/null
docker pause frozen >/dev/null
docker stop -t 5 renamed >/dev/null
docker rm -f gone >/dev/null

wait_for crashed exited
wait_for killed exited
wait_for sick "running unhealthy"
wait_for fine "running healthy"
wait_for frozen paused
wait_for flappy restarting

rec "/containers/json?all=1" containers_list.json
rec /containers/flappy/json inspect_restarting.json
rec /containers/shop-production/json inspect_running.json
rec /containers/killed/json inspect_exited.json
rec /containers/sick/json inspect_unhealthy.json
rec /containers/fine/json inspect_healthy.json
rec /containers/booting/json inspect_starting.json
rec /containers/frozen/json inspect_paused.json
rec /containers/fresh/json inspect_created.json
rec /containers/hostnet/json inspect_hostnet.json
rec "/containers/shop-production/stats?stream=false" stats_running.json
rec "/containers/killed/stats?stream=false" stats_exited.json
rec "/containers/frozen/stats?stream=false" stats_paused.json

sleep 1
kill "$EVPID"
wait "$EVPID" 2>/dev/null || true
EVPID=
cp "$D/events.jsonl" "$OUT/events.jsonl"
echo "recorded events.jsonl ($(wc -l <"$OUT/events.jsonl") lines)"
