#!/usr/bin/env bash
# bench/run.sh - what watching N containers costs: berth (cgroup and API
# stats paths) next to `docker stats`, on a private engine. See bench/README.md.
#
#   bench/run.sh [--n 10,100,300] [--window 30] [--warmup 5] [--events 20]
#                [--settle 65] [--out bench/results]
#                [--tools berth,berth-api,docker-stats]
#
# Prints a markdown table and writes OUT/bench-<time>.json (raw figures)
# and OUT/bench-<time>.md. Needs root (dockerd), tmux, jq, busybox-static.
# Shows what it does on stderr. Stops only what it started.
set -u
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
export LC_ALL=C.UTF-8

NLIST=10,100,300
WINDOW=30
WARMUP=5
EVENTS=20
SETTLE=65	# seconds after the last container started, before tools run
EVENTS_BUDGET=${EVENTS_BUDGET:-120}	# seconds, per tool and N
OUT=bench/results
TOOLS=berth,berth-api,docker-stats
COLS=200
ROWS=50

usage() {
	sed -n '2,10s/^# \{0,1\}//p' "$0"
}
while [ $# -gt 0 ]; do
	case $1 in
	--n) NLIST=$2; shift ;;
	--window) WINDOW=$2; shift ;;
	--warmup) WARMUP=$2; shift ;;
	--events) EVENTS=$2; shift ;;
	--settle) SETTLE=$2; shift ;;
	--out) OUT=$2; shift ;;
	--tools) TOOLS=$2; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "run.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
	esac
	shift
done
for v in "$WINDOW" "$WARMUP" "$EVENTS" "$SETTLE"; do
	[[ $v =~ ^[0-9]+$ ]] || { echo "run.sh: not a number: $v" >&2; exit 2; }
done
[[ $NLIST =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "run.sh: --n wants e.g. 10,100,300" >&2; exit 2; }

# engine.sh gives the private engine, the image and the cleanup trap.
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
DOCKER_HOST=unix:///nonexistent.sock
export DOCKER_HOST
. tests/lib/engine.sh
: "${BERTH:=./berth}"
for c in tmux jq docker dockerd; do
	command -v "$c" >/dev/null || { echo "run.sh: needs $c" >&2; exit 1; }
done
[ -x "$BERTH" ] || { echo "run.sh: no berth binary at $BERTH (build first)" >&2; exit 1; }
BERTH=$(cd "$(dirname "$BERTH")" && pwd)/$(basename "$BERTH")
TERMNAME=screen-256color
infocmp "$TERMNAME" >/dev/null 2>&1 || TERMNAME=screen

say() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }
HZ=$(getconf CLK_TCK)

# ---------------------------------------------------------------- /proc

# ticks_of "PID...": utime+stime (all threads) of the pids, summed; gone = 0.
ticks_of() {
	local p f=()
	for p in $1; do
		f+=("/proc/$p/stat")
	done
	[ ${#f[@]} -gt 0 ] || { echo 0; return; }
	cat "${f[@]}" 2>/dev/null | awk '{ sub(/^.*\) /, ""); s += $12 + $13 } END { print s + 0 }'
}

# engine_pids: our dockerd, and the containerd and shims whose command
# line names a path under our engine's directory (never anyone else's).
engine_pids() {
	local f p comm
	echo "$ENGINE_PID"
	for f in $(grep -lsF -- "$ENGINE_DIR/" /proc/[0-9]*/cmdline); do
		p=${f#/proc/}
		p=${p%/cmdline}
		comm=$(cat "/proc/$p/comm" 2>/dev/null) || continue
		case $comm in containerd | containerd-shim*) echo "$p" ;; esac
	done
}

hwm_kib() {
	awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null
}

now_us() { echo "${EPOCHREALTIME/./}"; }

# pct TICKS SECONDS_US: % of one core, 2 decimals
pct() {
	awk -v t="$1" -v us="$2" -v hz="$HZ" 'BEGIN { printf "%.3f", (us > 0 ? t / hz / (us / 1e6) * 100 : 0) }'
}

# ---------------------------------------------------------------- containers

WAKERS=0
IDLE=0
LOGGER=0

# populate N: bring the engine to N running containers: one logging
# steadily (10 lines/s), a few waking every second, the rest idle sleep.
populate() {
	local n=$1 want_w want_i t0 names
	want_w=$((n >= 10 ? 3 : (n >= 3 ? 1 : 0)))
	t0=$(now_us)
	if [ "$LOGGER" -eq 0 ] && [ "$n" -ge 2 ]; then
		docker run -d --network none --log-opt max-size=1m --name bl-01 bb:latest \
			sh -c 'i=0; while :; do i=$((i+1)); echo "bench log line $i"; sleep 0.1; done' >/dev/null || return 1
		LOGGER=1
	fi
	while [ "$WAKERS" -lt "$want_w" ]; do
		WAKERS=$((WAKERS + 1))
		docker run -d --network none --name "$(printf 'bw-%02d' "$WAKERS")" bb:latest \
			sh -c 'while :; do sleep 1; done' >/dev/null || return 1
	done
	want_i=$((n - LOGGER - WAKERS))
	if [ "$want_i" -gt "$IDLE" ]; then
		names=$(seq -f 'bi-%04g' $((IDLE + 1)) "$want_i")
		# four at a time: creating with vfs storage is slow
		if ! echo "$names" | xargs -P 4 -I{} docker run -d --network none --name {} bb:latest sleep 100000000 >/dev/null; then
			return 1
		fi
		IDLE=$want_i
	fi
	wait_until 120 running_is "$n" || return 1
	CREATED_AT=$(now_us)
	CREATE_S=$(awk -v a="$t0" -v b="$(now_us)" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
}

running_is() {
	[ "$(docker ps -q | wc -l)" -eq "$1" ]
}

# ---------------------------------------------------------------- tmux

TSOCK="berth-bench-$$"
tm() { tmux -L "$TSOCK" "$@"; }

# pane_start NAME CMD...: a COLS x ROWS pane that waits for a go file, then
# stamps the time and execs CMD (so the pane's pid is the tool's); its
# output is piped to $WORK/NAME.out from before the exec.
pane_start() {
	local name=$1
	shift
	local conf=$WORK/tmux.conf
	PANE_OUT=$WORK/$name.out
	PANE_T0=$WORK/$name.t0
	PANE_ERR=$WORK/$name.err
	rm -f "$WORK/go" "$PANE_OUT" "$PANE_T0"
	cat >"$conf" <<CONF
set -g remain-on-exit on
set -g default-terminal $TERMNAME
set -g status off
set -g history-limit 0
set -sg escape-time 0
CONF
	cat >"$WORK/launch" <<'EOF'
#!/bin/bash
go=$1 t0=$2 err=$3
shift 3
while [ ! -e "$go" ]; do sleep 0.01; done
echo "${EPOCHREALTIME/./}" >"$t0"
exec "$@" 2>>"$err"
EOF
	tm -f "$conf" new-session -d -s b -x "$COLS" -y "$ROWS" \
		-e "DOCKER_HOST=$DOCKER_HOST" -e "LC_ALL=C.UTF-8" \
		"exec bash $WORK/launch $WORK/go $PANE_T0 $PANE_ERR $*" || return 1
	tm pipe-pane -O -t b:0.0 "cat >$PANE_OUT" || return 1
	PANE_PID=$(tm display-message -p -t b:0.0 '#{pane_pid}')
	touch "$WORK/go"
	# no sleeping here: the screen polls that follow start from now
	local limit=$(($(now_us) + 5000000))
	while ! [ -s "$PANE_T0" ]; do
		[ "$(now_us)" -lt "$limit" ] || return 1
	done
	T0=$(<"$PANE_T0")
}

pane_stop() {
	tm kill-server 2>/dev/null
	_wait_gone 5 "$PANE_PID"
	return 0
}

cap() { tm capture-pane -p -t b:0.0; }

# status_count_is N: berth's status bar (last line) says "N containers".
# One process per look: polls must be cheap to resolve milliseconds.
status_count_is() {
	local l
	l=$(tm capture-pane -p -t b:0.0 -S $((ROWS - 1)) -E $((ROWS - 1)))
	[[ $l =~ (^|[^0-9])$1\ containers ]]
}

# all_stats: every running row on the screen shows a CPU% figure (not "-").
all_stats() {
	cap | awk '
		NR == 1 { s = index($0, "STATE"); c = index($0, "CPU%"); next }
		s > 0 && c > 0 && substr($0, s, 7) == "running" {
			v = substr($0, c, 5); gsub(/ /, "", v)
			rows++
			if (v == "" || v == "-") bad++
		}
		END { exit !(rows > 0 && bad == 0) }'
}

# row_state_is NAME WORD: the row of container NAME says WORD (exited, running).
row_state_is() {
	local l
	l=$(cap)
	[[ $l =~ (^|[[:space:]])$1\ [^$'\n']*$2 ]]
}

# poll_us TIMEOUT_S CMD...: poll without sleeping; prints microseconds from
# $T0 when CMD first succeeds, returns 1 on timeout.
poll_us() {
	local limit=$(($(now_us) + $1 * 1000000))
	shift
	while :; do
		if "$@"; then
			echo $(($(now_us) - T0))
			return 0
		fi
		[ "$(now_us)" -ge "$limit" ] && return 1
	done
}

# ---------------------------------------------------------------- measuring

# window SECONDS PIDS: sets WIN_US, WIN_TOOL (ticks of $TOOL_PID, if any) and
# WIN_ENGINE (ticks of PIDS), and BYTES (pane output bytes) over the window.
window() {
	local secs=$1 pids=$2 t0 t1 e0 e1 p0 p1 b0 b1
	b0=$(stat -c %s "${PANE_OUT:-/dev/null}" 2>/dev/null || echo 0)
	t0=$(now_us)
	e0=$(ticks_of "$pids")
	p0=$(ticks_of "${TOOL_PID:-}")
	sleep "$secs"
	t1=$(now_us)
	e1=$(ticks_of "$pids")
	p1=$(ticks_of "${TOOL_PID:-}")
	b1=$(stat -c %s "${PANE_OUT:-/dev/null}" 2>/dev/null || echo 0)
	WIN_US=$((t1 - t0))
	WIN_ENGINE=$((e1 - e0))
	WIN_TOOL=$((p1 - p0))
	WIN_BYTES=$((b1 - b0))
}

# events_latency K: K times, docker stop a visible idle container and time
# until its row says exited (from the moment docker stop returned); start it
# again and wait for its row to say running. Prints "p50 p95 count", ms.
events_latency() {
	local k=$1 i v lat lats=() nv
	nv=$((IDLE < 5 ? IDLE : 5))
	[ "$nv" -ge 1 ] || { echo "null null 0"; return; }
	local budget=$(($(now_us) + EVENTS_BUDGET * 1000000))
	for ((i = 0; i < k; i++)); do
		if [ "$(now_us)" -ge "$budget" ]; then
			say "events: ${EVENTS_BUDGET}s budget spent after $i events"
			break
		fi
		v=$(printf 'bi-%04d' $((i % nv + 1)))
		docker stop -t 0 "$v" >/dev/null || continue
		T0=$(now_us)
		if lat=$(poll_us 10 row_state_is "$v" exited); then
			lats+=("$lat")
		else
			say "event $i: $v never showed exited"
		fi
		docker start "$v" >/dev/null
		T0=$(now_us)
		poll_us 20 row_state_is "$v" running >/dev/null || say "$v never showed running again"
	done
	# nearest-rank percentiles
	printf '%s\n' "${lats[@]}" | sort -n | awk '
		function rank(q,  i) { i = int(q * NR); if (i < q * NR) i++; return i < 1 ? 1 : i }
		{ v[NR] = $1 }
		END {
			if (NR == 0) { print "null null 0"; exit }
			p50 = v[rank(0.50)]; p95 = v[rank(0.95)]
			printf "%.1f %.1f %d\n", p50 / 1000, p95 / 1000, NR
		}'
}

RESULTS=

# record JSON: append one measurement object.
record() {
	echo "$1" >>"$WORK/results.jsonl"
}

# measure_tool N TOOL: run TOOL in a pane on the N containers and record.
measure_tool() {
	local n=$1 tool=$2 pids p50 p95 fp="null" st="null" ev="null null 0" hwm cmd evs
	case $tool in
	berth) cmd="$BERTH" ;;
	berth-api) cmd="$BERTH --stats-api" ;;
	docker-stats) cmd="docker stats" ;;
	*) say "unknown tool $tool"; return 1 ;;
	esac
	say "N=$n $tool: start ($cmd)"
	pane_start "$tool-$n" $cmd || { say "pane did not start"; return 1; }
	TOOL_PID=$PANE_PID
	if [ "$tool" != docker-stats ]; then
		fp=$(poll_us 30 status_count_is "$n") || fp=null
		st=$(poll_us 30 all_stats) || st=null
		[ "$fp" != null ] && fp=$(awk -v v="$fp" 'BEGIN { printf "%.1f", v / 1000 }')
		[ "$st" != null ] && st=$(awk -v v="$st" 'BEGIN { printf "%.1f", v / 1000 }')
		say "N=$n $tool: first paint ${fp} ms, all stats ${st} ms"
	else
		wait_until 10 test -s "$PANE_OUT"
	fi
	sleep "$WARMUP"
	pids=$(engine_pids)
	window "$WINDOW" "$pids"
	hwm=$(hwm_kib "$TOOL_PID")
	if [ "$tool" != docker-stats ] && [ "$EVENTS" -gt 0 ]; then
		ev=$(events_latency "$EVENTS")
		hwm=$(hwm_kib "$TOOL_PID")
	fi
	if ! _pid_alive "$TOOL_PID"; then
		say "N=$n $tool: the tool died; stderr: $(head -c 500 "$PANE_ERR" 2>/dev/null)"
	fi
	read -r p50 p95 evs <<<"$ev"
	record "$(jq -cn --argjson n "$n" --arg tool "$tool" --argjson us "$WIN_US" \
		--argjson tool_ticks "$WIN_TOOL" --argjson eng_ticks "$WIN_ENGINE" \
		--argjson bytes "$WIN_BYTES" --argjson hwm "${hwm:-null}" \
		--argjson fp "$fp" --argjson st "$st" \
		--argjson p50 "$p50" --argjson p95 "$p95" --argjson evs "$evs" --argjson hz "$HZ" \
		'{n: $n, tool: $tool, window_s: ($us / 1e6),
		  tool_cpu_pct: ($tool_ticks / $hz / ($us / 1e6) * 100),
		  engine_cpu_pct: ($eng_ticks / $hz / ($us / 1e6) * 100),
		  peak_rss_kib: $hwm, term_bytes_per_s: ($bytes / ($us / 1e6)),
		  first_paint_ms: $fp, all_stats_ms: $st,
		  event_p50_ms: $p50, event_p95_ms: $p95, events: $evs}')"
	say "N=$n $tool: tool $(pct "$WIN_TOOL" "$WIN_US")% engine $(pct "$WIN_ENGINE" "$WIN_US")% bytes $WIN_BYTES rss ${hwm}KiB events $ev"
	if [ "$tool" = docker-stats ]; then
		tm send-keys -t b:0.0 C-c
	else
		tm send-keys -t b:0.0 q
	fi
	wait_until 5 test "$(tm display-message -p -t b:0.0 '#{pane_dead}' 2>/dev/null)" = 1
	pane_stop
	TOOL_PID=
}

measure_idle() {
	local n=$1 pids
	say "N=$n idle engine: ${WINDOW}s"
	pids=$(engine_pids)
	PANE_OUT= TOOL_PID= window "$WINDOW" "$pids"
	record "$(jq -cn --argjson n "$n" --argjson us "$WIN_US" --argjson t "$WIN_ENGINE" \
		--argjson hz "$HZ" --argjson create "$CREATE_S" \
		'{n: $n, tool: "idle", window_s: ($us / 1e6), create_s: $create,
		  engine_cpu_pct: ($t / $hz / ($us / 1e6) * 100)}')"
	say "N=$n idle engine: $(pct "$WIN_ENGINE" "$WIN_US")%"
}

# ---------------------------------------------------------------- report

# report JSON: the markdown table from the raw figures.
report() {
	jq -r -f bench/report.jq "$1"
}

# ---------------------------------------------------------------- main

mkdir -p "$OUT" || exit 1
STAMP=$(date +%Y%m%d-%H%M%S)
engine_trap
engine_start || { echo "run.sh: private dockerd did not start" >&2; exit 1; }
WORK=$ENGINE_DIR/bench
mkdir -p "$WORK"
cleanup_push "tmux -L '$TSOCK' kill-server"
bb_image || { echo "run.sh: busybox image did not build" >&2; exit 1; }
# a copy, so that rebuilding berth during a run changes nothing
cp "$BERTH" "$WORK/berth" || exit 1
BERTH_VERSION=$("$BERTH" --version)
BERTH=$WORK/berth
say "engine $ENGINE_DIR (dockerd $ENGINE_PID); berth $BERTH; $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"

IFS=, read -r -a NS <<<"$NLIST"
mapfile -t NS < <(printf '%s\n' "${NS[@]}" | sort -n -u)
IFS=, read -r -a TL <<<"$TOOLS"
for n in "${NS[@]}"; do
	say "N=$n: creating containers"
	populate "$n" || { echo "run.sh: could not bring up $n containers" >&2; exit 1; }
	say "N=$n: ready after ${CREATE_S}s; settling"
	sleep "$WARMUP"
	measure_idle "$n"
	# Steady state: uptimes of a minute or more change once a minute, not
	# every second (a young container's uptime text is a second's output).
	left=$(((CREATED_AT + SETTLE * 1000000 - $(now_us)) / 1000000))
	if [ "$left" -gt 0 ]; then
		say "N=$n: settling ${left}s more (containers ${SETTLE}s old)"
		sleep "$left"
	fi
	for t in "${TL[@]}"; do
		measure_tool "$n" "$t"
	done
done

JSON=$OUT/bench-$STAMP.json
jq -s --arg cmd "bench/run.sh --n $NLIST --window $WINDOW --warmup $WARMUP --events $EVENTS --settle $SETTLE --tools $TOOLS" \
	--arg host "$(uname -srm)" --arg cpus "$(nproc)" --arg berth "$BERTH_VERSION" \
	--arg docker "$(docker version --format '{{.Server.Version}}' 2>/dev/null)" \
	--arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
	--arg term "$TERMNAME" --arg size "${COLS}x${ROWS}" \
	'{command: $cmd, date: $date, host: $host, cpus: ($cpus | tonumber), berth: $berth,
	  docker: $docker, load_at_end: $load, term: $term, size: $size, raw: .}' \
	"$WORK/results.jsonl" | jq -f bench/derive.jq >"$JSON" || exit 1
report "$JSON" | tee "$OUT/bench-$STAMP.md"
say "wrote $JSON and $OUT/bench-$STAMP.md"
