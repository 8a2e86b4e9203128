# shellcheck shell=bash
# Shared helpers for berth's shell tests: private Docker engines, the busybox
# test image, TAP output and cleanup. Source it from bash:
#
#   . "$(dirname "$0")/../lib/engine.sh"
#   engine_trap                 # stop every engine (and run cleanups) on exit
#   engine_start || bail "no engine"
#   A_DIR=$ENGINE_DIR           # save it if you start a second engine
#   bb_image
#   docker run -d --network none bb:latest sleep 1000
#
# Rules kept here: never /var/run/docker.sock, signals only to pids this
# script started (and the containerd/shims those dockerds started, found by
# their paths under the engine's own directory).
#
# Functions return values in variables, not on stdout, so call them
# directly (not in $(...)): engine_start sets ENGINE_DIR, ENGINE_PID and
# exports DOCKER_HOST.

: "${BERTH:=./berth}"
export BERTH

# ---------------------------------------------------------------- TAP

TAP_N=0
TAP_FAILED=0

tap_ok() {
	TAP_N=$((TAP_N + 1))
	printf 'ok %d - %s\n' "$TAP_N" "$*"
}

tap_fail() {
	TAP_N=$((TAP_N + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	printf 'not ok %d - %s\n' "$TAP_N" "$*"
}

# tap_check CMD [ARG...] DESC: run CMD, ok if it exits 0.
tap_check() {
	local desc="${*: -1}"
	local n=$(($# - 1))
	if [ "$n" -lt 1 ]; then
		tap_fail "$desc (tap_check: no command)"
		return 1
	fi
	if "${@:1:$n}"; then
		tap_ok "$desc"
		return 0
	fi
	tap_fail "$desc"
	return 1
}

# tap_skip DESC [REASON]
tap_skip() {
	TAP_N=$((TAP_N + 1))
	printf 'ok %d - %s # SKIP %s\n' "$TAP_N" "$1" "${2:-}"
}

# tap_diag TEXT...: a TAP comment line (never counted).
tap_diag() {
	local line
	while IFS= read -r line; do
		printf '# %s\n' "$line"
	done <<<"$*"
}

# tap_done: print the plan; returns non-zero if any test failed.
tap_done() {
	printf '1..%d\n' "$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}

# bail MESSAGE: one failing test line, then exit 1 (cleanups still run).
bail() {
	tap_fail "$*"
	printf '1..%d\n' "$TAP_N"
	exit 1
}

# ---------------------------------------------------------------- helpers

# now_ns: wall clock in ns since epoch (same clock as berth's "t").
now_ns() {
	date +%s%N
}

# wait_until TIMEOUT_SECONDS CMD [ARG...]: poll CMD every 0.1 s until it
# succeeds (returns 0) or the timeout passes (returns 1).
wait_until() {
	local timeout=$1
	shift
	local deadline=$(($(date +%s%N) + timeout * 1000000000))
	while :; do
		if "$@"; then
			return 0
		fi
		if [ "$(date +%s%N)" -ge "$deadline" ]; then
			return 1
		fi
		sleep 0.1
	done
}

# ---------------------------------------------------------------- cleanup

ENGINE_DIRS=()
_CLEANUPS=()
_CLEANED=0

# cleanup_push CMD...: run this (as a string, eval'd) at exit, newest first.
cleanup_push() {
	_CLEANUPS+=("$*")
}

engine_cleanup_all() {
	[ "$_CLEANED" = 1 ] && return 0
	_CLEANED=1
	local i
	for ((i = ${#_CLEANUPS[@]} - 1; i >= 0; i--)); do
		eval "${_CLEANUPS[$i]}" 2>/dev/null || :
	done
	for i in "${ENGINE_DIRS[@]}"; do
		local f
		for f in "$i"/*.err; do
			dump_file "$f" "$(basename "$f")"
		done
		engine_stop "$i" || :
		engine_remove_dir "$i" || :
	done
}

# dump_file FILE TITLE: show a non-empty file as TAP comments (the first
# 80 lines), e.g. berth's stderr with a sanitizer report in it.
dump_file() {
	[ -s "$1" ] || return 0
	printf '# ---- %s:\n' "$2"
	head -n 80 "$1" | sed 's/^/#   /'
}

# engine_trap: install EXIT/INT/TERM/HUP traps that run cleanups and stop
# every engine this script started. Keeps the script's exit status.
engine_trap() {
	trap 'rc=$?; engine_cleanup_all; exit $rc' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
}

# ---------------------------------------------------------------- engines

_engine_sock_ok() {
	curl -s -m 2 --unix-socket "$1/docker.sock" http://x/_ping 2>/dev/null | grep -qx OK
}

# _pid_alive PID: true while PID exists and is not a zombie.
_pid_alive() {
	local st
	[ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
	st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	[ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# _engine_launch DIR: start dockerd in DIR, wait for _ping.
_engine_launch() {
	local d=$1 pid i
	mkdir -p "$d/data" "$d/exec" || return 1
	# After a kill -9 the old containerd dies too (parent-death signal) but
	# may sit as a zombie for a while; dockerd would take the zombie for a
	# live containerd and time out connecting to it. Forget a dead one.
	local cpid
	cpid=$(cat "$d/exec/containerd/containerd.pid" 2>/dev/null)
	if [ -n "$cpid" ] && ! _pid_alive "$cpid"; then
		rm -f "$d/exec/containerd/containerd.pid"
	fi
	dockerd --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/pid" \
		-H "unix://$d/docker.sock" --bridge=none --iptables=false \
		--ip-masq=false --storage-driver=vfs ${ENGINE_EXTRA_ARGS:-} \
		</dev/null >>"$d/dockerd.log" 2>&1 &
	pid=$!
	echo "$pid" >"$d/started.pid"
	ENGINE_DIR=$d
	ENGINE_PID=$pid
	DOCKER_HOST="unix://$d/docker.sock"
	export ENGINE_DIR ENGINE_PID DOCKER_HOST
	_engine_wait_ping dockerd
}

# _engine_wait_ping WHAT: wait up to 30 s for the engine just started
# ($ENGINE_DIR, $ENGINE_PID) to answer _ping; its log on failure.
_engine_wait_ping() {
	local d=$ENGINE_DIR i
	for ((i = 0; i < 300; i++)); do
		if _engine_sock_ok "$d"; then
			return 0
		fi
		if ! _pid_alive "$ENGINE_PID"; then
			echo "engine.sh: $1 exited during start-up; last log lines:" >&2
			tail -n 20 "$d/dockerd.log" >&2
			return 1
		fi
		sleep 0.1
	done
	echo "engine.sh: $1 in $d did not answer _ping within 30 s" >&2
	tail -n 20 "$d/dockerd.log" >&2
	return 1
}

# engine_start: a fresh private engine. Sets ENGINE_DIR, ENGINE_PID and
# exports DOCKER_HOST (so docker and berth talk to it). Extra dockerd
# arguments (e.g. a TLS listener on 127.0.0.1) come from $ENGINE_EXTRA_ARGS,
# split on spaces.
engine_start() {
	local d
	d=$(mktemp -d /tmp/be.XXXXXX) || return 1
	ENGINE_DIRS+=("$d")
	# test.sh tags each test's engines, to sweep up after a killed test
	[ -n "${BERTH_TEST_RUN:-}" ] && echo "$BERTH_TEST_RUN" >"$d/run-id"
	if [ "${BERTH_TEST_ENGINE:-docker}" = podman ]; then
		echo podman >"$d/kind"
		_podman_launch "$d"
		return
	fi
	_engine_launch "$d"
}

# engine_start_podman: like engine_start, but a private Podman service
# (podman system service, its Docker-compatible API) on DIR/docker.sock.
# Storage, run state and events all live under DIR; containers need
# --network host (no netavark/CNI set up here).
engine_start_podman() {
	BERTH_TEST_ENGINE=podman engine_start
}

# engine_is_podman [DIR]: true when DIR's engine is a Podman service.
engine_is_podman() {
	[ "$(cat "${1:-$ENGINE_DIR}/kind" 2>/dev/null)" = podman ]
}

# podman_cli [ARG...]: the podman command for the current engine's storage
# (for what the compatible API cannot do, e.g. `podman build`).
podman_cli() {
	local d=$ENGINE_DIR
	CONTAINERS_REGISTRIES_CONF="$d/registries.conf" \
		CONTAINERS_CONF="$d/containers.conf" podman --root "$d/root" --runroot "$d/run" \
		--tmpdir "$d/tmp" --storage-driver vfs --cgroup-manager cgroupfs \
		--events-backend file --runtime runc "$@"
}

# _podman_launch DIR: start `podman system service` for DIR, wait for _ping.
# $PODMAN_INSECURE_REGISTRY (host:port) names a registry it may reach by http.
# The sandbox has no CAP_SYS_RESOURCE (so default rlimits are pinned in
# containers.conf) and a hybrid cgroup layout crun refuses (so runc).
_podman_launch() {
	local d=$1 pid
	mkdir -p "$d/root" "$d/run" "$d/tmp" || return 1
	cat >"$d/containers.conf" <<-CONF
		[containers]
		default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
		[engine]
		runtime = "runc"
		events_logger = "file"
		events_logfile_path = "$d/events.log"
		cgroup_manager = "cgroupfs"
	CONF
	# a test registry on loopback speaks http: Podman must be told
	cat /etc/containers/registries.conf >"$d/registries.conf" 2>/dev/null || : >"$d/registries.conf"
	if [ -n "${PODMAN_INSECURE_REGISTRY:-}" ]; then
		printf '[[registry]]\nlocation = "%s"\ninsecure = true\n' \
			"$PODMAN_INSECURE_REGISTRY" >>"$d/registries.conf"
	fi
	ENGINE_DIR=$d
	CONTAINERS_REGISTRIES_CONF="$d/registries.conf" \
		CONTAINERS_CONF="$d/containers.conf" podman --root "$d/root" --runroot "$d/run" \
		--tmpdir "$d/tmp" --storage-driver vfs --cgroup-manager cgroupfs \
		--events-backend file --runtime runc system service --time=0 \
		"unix://$d/docker.sock" </dev/null >>"$d/dockerd.log" 2>&1 &
	pid=$!
	echo "$pid" >"$d/started.pid"
	ENGINE_PID=$pid
	DOCKER_HOST="unix://$d/docker.sock"
	export ENGINE_DIR ENGINE_PID DOCKER_HOST
	_engine_wait_ping podman
}

# _podman_reap DIR: conmon daemonizes, so containers outlive the service:
# kill each conmon started for DIR (its command line names DIR) and its
# container, by pid.
_podman_reap() {
	local d=$1 p cmd mons=()
	for p in /proc/[0-9]*; do
		p=${p#/proc/}
		[ "$p" = "$$" ] && continue
		cmd=$( (tr '\0' ' ' <"/proc/$p/cmdline") 2>/dev/null) || continue
		case $cmd in
		conmon\ *"$d/"* | */conmon\ *"$d/"*) mons+=("$p") ;;
		esac
	done
	[ ${#mons[@]} -eq 0 ] && return 0
	_reap_monitors "${mons[@]}"
	_wait_gone 5 "${mons[@]}"
}

# _reap_monitors PID...: KILL each monitor's children (a container's init:
# killing it ends its pid namespace), then TERM the monitors (5 s, then KILL).
_reap_monitors() {
	local p c
	for p in "$@"; do
		for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do
			kill -KILL "$c" 2>/dev/null
		done
	done
	kill -TERM "$@" 2>/dev/null
	_wait_gone 5 "$@" || kill -KILL "$@" 2>/dev/null
}

# engine_use DIR: make DIR's engine the current one again.
engine_use() {
	ENGINE_DIR=$1
	ENGINE_PID=$(cat "$1/started.pid" 2>/dev/null)
	DOCKER_HOST="unix://$1/docker.sock"
	export ENGINE_DIR ENGINE_PID DOCKER_HOST
}

# _engine_children DIR: pids of containerd / shims launched for DIR
# (their command line names a path under DIR).
_engine_children() {
	local d=$1 p cmd
	for p in /proc/[0-9]*; do
		p=${p#/proc/}
		[ "$p" = "$$" ] && continue
		cmd=$( (tr '\0' ' ' <"/proc/$p/cmdline") 2>/dev/null) || continue
		case $cmd in
		containerd\ *"$d/"* | */containerd\ *"$d/"* | containerd-shim*"$d/"* | */containerd-shim*"$d/"*)
			echo "$p"
			;;
		esac
	done
}

# _wait_gone SECONDS PID...: wait until all PIDs are gone.
_wait_gone() {
	local t=$1 i p alive
	shift
	for ((i = 0; i < t * 10; i++)); do
		alive=0
		for p in "$@"; do
			_pid_alive "$p" && alive=1
		done
		[ "$alive" = 0 ] && return 0
		sleep 0.1
	done
	return 1
}

# _engine_reap_children DIR: kill what the engine's dockerd left behind:
# each shim's container processes, then the shims, then containerd.
_engine_reap_children() {
	local d=$1 p kids c cmd shims=() ctrd=()
	for p in $(_engine_children "$d"); do
		cmd=$( (tr '\0' ' ' <"/proc/$p/cmdline") 2>/dev/null)
		case $cmd in
		*containerd-shim*) shims+=("$p") ;;
		*) ctrd+=("$p") ;;
		esac
	done
	[ ${#shims[@]} -eq 0 ] && [ ${#ctrd[@]} -eq 0 ] && return 0
	if [ ${#ctrd[@]} -gt 0 ]; then
		kill -TERM "${ctrd[@]}" 2>/dev/null
		_wait_gone 5 "${ctrd[@]}" || kill -KILL "${ctrd[@]}" 2>/dev/null
	fi
	[ ${#shims[@]} -gt 0 ] && _reap_monitors "${shims[@]}"
	_wait_gone 5 "${shims[@]}" "${ctrd[@]}"
}

# engine_kill9: SIGKILL the current engine's dockerd (containerd stays).
# _engine_note_bridges DIR: remember the host bridge interfaces of the
# engine's bridge networks (in DIR/bridges), while it still answers. dockerd
# leaves them behind when it is killed or its data root deleted, and every
# leftover takes one of the default address pools for good.
_engine_note_bridges() {
	local d=$1 id name
	_engine_sock_ok "$d" || return 0
	for id in $(DOCKER_HOST=unix://$d/docker.sock timeout 10 docker network ls -q --no-trunc --filter driver=bridge 2>/dev/null); do
		name=$(DOCKER_HOST=unix://$d/docker.sock timeout 10 docker network inspect \
			-f '{{index .Options "com.docker.network.bridge.name"}}' "$id" 2>/dev/null)
		[ -n "$name" ] && [ "$name" != "<no value>" ] || name=br-${id:0:12}
		echo "$name"
	done >>"$d/bridges"
}

# _engine_drop_bridges DIR: delete the interfaces noted for this engine
# (only once it has stopped; they were made by the engine we started).
_engine_drop_bridges() {
	local d=$1 b
	[ -f "$d/bridges" ] || return 0
	for b in $(sort -u "$d/bridges"); do
		ip link show "$b" >/dev/null 2>&1 && ip link delete "$b" 2>/dev/null
	done
	rm -f "$d/bridges"
	return 0
}

engine_kill9() {
	local d=${1:-$ENGINE_DIR} pid
	pid=$(cat "$d/started.pid" 2>/dev/null)
	[ -n "$pid" ] || return 1
	_engine_note_bridges "$d"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	_wait_gone 10 "$pid"
}

# engine_stop [DIR]: TERM the dockerd we started (20 s grace, then KILL),
# then reap a containerd/shims that outlive it.
engine_stop() {
	local d=${1:-$ENGINE_DIR} pid
	[ -n "$d" ] && [ -d "$d" ] || return 1
	pid=$(cat "$d/started.pid" 2>/dev/null)
	if [ -n "$pid" ] && _pid_alive "$pid"; then
		engine_is_podman "$d" || _engine_note_bridges "$d"
		kill -TERM "$pid" 2>/dev/null
		if ! _wait_gone 20 "$pid"; then
			echo "engine.sh: dockerd $pid ignored TERM for 20 s, killing" >&2
			kill -KILL "$pid" 2>/dev/null
			_wait_gone 5 "$pid"
		fi
		wait "$pid" 2>/dev/null
	fi
	if engine_is_podman "$d"; then
		_podman_reap "$d"
	else
		_engine_reap_children "$d"
		_engine_drop_bridges "$d"
	fi
	if [ -n "${BERTH_TEST_LOGDIR:-}" ] && [ -d "$BERTH_TEST_LOGDIR" ] && [ -f "$d/dockerd.log" ]; then
		cp "$d/dockerd.log" "$BERTH_TEST_LOGDIR/dockerd-$(basename "$0" .sh)-$(basename "$d").log" 2>/dev/null
	fi
	return 0
}

# engine_remove_dir DIR: unmount leftovers under DIR and delete it.
engine_remove_dir() {
	local d=$1 m
	case $d in /tmp/be.*) ;; *) return 1 ;; esac
	# mountinfo field 5 is the mount point; deepest first
	for m in $(awk -v d="$d/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
		umount -l "$m" 2>/dev/null
	done
	rm -rf --one-file-system "$d" 2>/dev/null || :
}

# engine_restart [DIR]: stop (if running) and start again, same dir/socket.
engine_restart() {
	local d=${1:-$ENGINE_DIR} pid
	pid=$(cat "$d/started.pid" 2>/dev/null)
	if [ -n "$pid" ] && _pid_alive "$pid"; then
		kill -TERM "$pid" 2>/dev/null
		_wait_gone 20 "$pid" || kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	if engine_is_podman "$d"; then
		_podman_launch "$d"
		return
	fi
	_engine_launch "$d"
}

# ---------------------------------------------------------------- image

BB_APPLETS="sh sleep httpd yes echo cat false true ls ps wc head"

# bb_context: build (once) the context dir for the busybox image; sets BB_CTX.
bb_context() {
	local bb=/bin/busybox a
	[ -x "$bb" ] || bb=/usr/bin/busybox
	if ! [ -x "$bb" ] || ! "$bb" --list 2>/dev/null | grep -qx httpd; then
		echo "engine.sh: need a static busybox (apt-get install busybox-static)" >&2
		return 1
	fi
	BB_CTX=${BB_CONTEXT_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/berth/bb-context}
	if [ -f "$BB_CTX/Dockerfile" ] && [ -x "$BB_CTX/rootfs/bin/busybox" ] &&
		! [ "$bb" -nt "$BB_CTX/rootfs/bin/busybox" ]; then
		return 0
	fi
	# built aside and renamed into place: tests run side by side
	local tmp
	mkdir -p "$(dirname "$BB_CTX")" || return 1
	tmp=$(mktemp -d "$BB_CTX.tmp.XXXXXX") || return 1
	mkdir -p "$tmp/rootfs/bin" "$tmp/rootfs/tmp" "$tmp/rootfs/www" || return 1
	cp "$bb" "$tmp/rootfs/bin/busybox" || return 1
	for a in $BB_APPLETS; do
		ln -s busybox "$tmp/rootfs/bin/$a"
	done
	echo berth >"$tmp/rootfs/www/index.html"
	printf 'FROM scratch\nCOPY rootfs/ /\nENV PATH=/bin\nCMD ["sh"]\n' >"$tmp/Dockerfile"
	# a stale context (busybox upgraded) is replaced; a fresh one made by
	# another test meanwhile is kept
	if [ -d "$BB_CTX" ] && { [ "$bb" -nt "$BB_CTX/rootfs/bin/busybox" ] || ! [ -f "$BB_CTX/Dockerfile" ]; }; then
		rm -rf "$BB_CTX"
	fi
	mv -T "$tmp" "$BB_CTX" 2>/dev/null || rm -rf "$tmp"
	[ -f "$BB_CTX/Dockerfile" ]
}

# bb_image [TAG]: build the busybox test image into the current engine.
bb_image() {
	local tag=${1:-bb:latest} out
	bb_context || return 1
	if engine_is_podman; then
		out=$(podman_cli build -q -t "$tag" "$BB_CTX" 2>&1) && return 0
		echo "engine.sh: podman build failed: $out" >&2
		return 1
	fi
	if out=$(DOCKER_BUILDKIT=0 docker build -q -t "$tag" "$BB_CTX" 2>&1); then
		return 0
	fi
	echo "engine.sh: docker build failed: $out" >&2
	return 1
}

# ---------------------------------------------------------------- tmux

# A private tmux server per script (tmux -L), never the user's.
TUI_SOCK="berth-test-$$"
TUI_T="bt:0.0"

tmx() {
	tmux -L "$TUI_SOCK" "$@"
}

# tui_start W H CMD...: start CMD (a shell command string built from the
# arguments) in a detached W x H session; the pane stays after CMD exits
# and its exit status is kept for tui_exit_status. Passes DOCKER_HOST, the
# sanitizer options and a UTF-8 locale. CMD's stderr goes to a file that
# is shown (as TAP comments) at exit, so sanitizer reports are not lost.
tui_start() {
	local w=$1 h=$2
	shift 2
	local conf
	conf=$(mktemp /tmp/bt-conf.XXXXXX) || return 1
	cat >"$conf" <<'CONF'
set -g remain-on-exit on
set -g allow-rename on
set -g automatic-rename off
set -g default-terminal screen
set -g history-limit 1000
set -g status off
set -sg escape-time 0
CONF
	TUI_STATUS=$conf.status
	TUI_STDERR=$conf.stderr
	rm -f "$TUI_STATUS" "$TUI_STDERR"
	cleanup_push "tmux -L '$TUI_SOCK' kill-server 2>/dev/null; dump_file '$TUI_STDERR' 'stderr of the program in tmux'; rm -f '$conf' '$TUI_STATUS' '$TUI_STDERR'"
	# a server from an earlier tui_stop may still be exiting: try again
	local try
	for try in 1 2 3 4 5; do
		tmux -L "$TUI_SOCK" -f "$conf" new-session -d -s bt -n berth -x "$w" -y "$h" \
			-e "DOCKER_HOST=${DOCKER_HOST:-}" -e "LC_ALL=${TUI_LOCALE:-C.UTF-8}" \
			-e "ASAN_OPTIONS=${ASAN_OPTIONS:-}" -e "UBSAN_OPTIONS=${UBSAN_OPTIONS:-}" \
			-e "LSAN_OPTIONS=${LSAN_OPTIONS:-}" "$* 2>>'$TUI_STDERR'; echo \$? >'$TUI_STATUS'" &&
			return 0
		echo "# tmux new-session failed (try $try); retrying" >&2
		tui_stop
		sleep 0.5
	done
	return 1
}

# fake_engine_start MODE: tests/faults/fake_engine.py in MODE on a socket
# of its own, stopped at exit; sets FAKE_SOCK. Bails if it does not answer.
fake_engine_start() {
	command -v python3 >/dev/null || bail "python3 is installed"
	local d
	d=$(mktemp -d /tmp/bfake.XXXXXX) || bail "mktemp"
	FAKE_SOCK=$d/fake.sock
	python3 tests/faults/fake_engine.py "$FAKE_SOCK" "$1" &
	cleanup_push "kill $! 2>/dev/null; wait $! 2>/dev/null; rm -rf '$d'"
	wait_until 10 curl -s -m 1 --unix-socket "$FAKE_SOCK" http://x/_ping -o /dev/null ||
		bail "fake engine ($1) starts"
}

# tap_quits KEY...: send the keys; berth must exit, with status 0, within 5 s.
tap_quits() {
	tui_keys "$@"
	tui_wait 5 tui_dead || { tap_fail "berth exits on $*"; return; }
	tap_check test "$(tui_exit_status)" = 0 "berth exits 0"
}

# berth_instrumented: true when $BERTH is a sanitizer build (ASan/TSan), whose
# times and memory say nothing about berth's own.
berth_instrumented() {
	nm "$BERTH" 2>/dev/null | grep -qE '__asan_init|__tsan_init'
}

# tui_key_latency OPEN_RE CLOSED_RE: open and close help five times ('?',
# Escape), timing each answer (ms from send-keys until the screen shows
# OPEN_RE / CLOSED_RE, polled every 20 ms; 9999 if not within 5 s). Sets
# LAT (the 10 figures), LAT_MEDIAN and LAT_MAX.
tui_key_latency() {
	local i k want t0 ms sorted
	LAT=()
	for i in 1 2 3 4 5; do
		for k in '?' Escape; do
			want=$1
			[ "$k" = Escape ] && want=$2
			t0=$(now_ns)
			tui_keys "$k"
			ms=9999
			for _ in $(seq 250); do
				if tui_has "$want"; then
					ms=$((($(now_ns) - t0) / 1000000))
					break
				fi
				sleep 0.02
			done
			LAT+=("$ms")
		done
	done
	sorted=$(printf '%s\n' "${LAT[@]}" | sort -n)
	LAT_MEDIAN=$(sed -n 5p <<<"$sorted")
	LAT_MAX=$(tail -n 1 <<<"$sorted")
}

# tap_key_latency WHAT: the verdict on tui_key_latency's figures. No key may
# take over 200 ms; a sanitizer build (several times slower everywhere) is
# held to its median.
tap_key_latency() {
	local figs="median $LAT_MEDIAN ms, max $LAT_MAX ms over ${#LAT[@]} keys (${LAT[*]})"
	if berth_instrumented; then
		tap_check test "$LAT_MEDIAN" -le 200 "keys answer $1: $figs [sanitizer build: median <= 200 ms]"
	else
		tap_check test "$LAT_MAX" -le 200 "keys answer $1: $figs [every key <= 200 ms]"
	fi
}

# tui_exit_status: the exit status of the command once the pane is dead
# (tmux 3.3's #{pane_dead_status} is not reliable).
tui_exit_status() {
	cat "$TUI_STATUS" 2>/dev/null
}

# tui_stop: kill this script's tmux server and wait until it has gone, so
# the next tui_start does not reach a server that is still exiting.
tui_stop() {
	local spid i
	spid=$(tmux -L "$TUI_SOCK" display-message -p '#{pid}' 2>/dev/null)
	tmux -L "$TUI_SOCK" kill-server 2>/dev/null
	if [ -n "$spid" ]; then
		for i in $(seq 1 50); do
			kill -0 "$spid" 2>/dev/null || break
			sleep 0.1
		done
	fi
	return 0
}

# tui_cap [ARGS]: the visible screen, plain text.
tui_cap() {
	tmx capture-pane -p -t "$TUI_T" "$@"
}

# tui_osc52_start FILE: record the pane's pty stream into FILE (pipe-pane);
# tui_osc52 FILE: the decoded payload of the last OSC 52 copy in it.
tui_osc52_start() {
	tmx pipe-pane -t "$TUI_T" "cat >>'$1'"
}
tui_osc52() {
	tr -d '\n' <"$1" 2>/dev/null | grep -aoE $'\e\\]52;c;[A-Za-z0-9+/=]*\a' | tail -n 1 |
		sed -E $'s/^\e\\]52;c;//; s/\a$//' | base64 -d 2>/dev/null
}

# tui_keys KEY...: tmux send-keys (named keys like Enter, Escape allowed).
tui_keys() {
	tmx send-keys -t "$TUI_T" "$@"
}

# tui_type TEXT: literal text.
tui_type() {
	tmx send-keys -t "$TUI_T" -l "$1"
}

# tui_fmt FORMAT: e.g. '#{pane_dead}', '#{pane_title}'.
tui_fmt() {
	tmx display-message -p -t "$TUI_T" "$1"
}

tui_dead() {
	[ "$(tui_fmt '#{pane_dead}')" = 1 ]
}

# tui_has ERE: the screen matches ERE (grep -E).
tui_has() {
	tui_cap | grep -qE -- "$1"
}

tui_lacks() {
	! tui_cap | grep -qE -- "$1"
}

# tui_last_line: the bottom row of the screen.
tui_last_line() {
	tui_cap | tail -n 1
}

# tui_wait TIMEOUT CMD...: like wait_until, with a screen dump on timeout
# (as TAP comments).
tui_wait() {
	local t=$1
	shift
	local deadline=$(($(date +%s%N) + t * 1000000000))
	while :; do
		"$@" && return 0
		if [ "$1" != tui_dead ] && tui_dead; then
			echo "# the program in tmux has exited (status $(tui_exit_status)) while waiting for: $*"
			break
		fi
		[ "$(date +%s%N)" -ge "$deadline" ] && break
		sleep 0.1
	done
	if [ "$1" != tui_dead ] && tui_dead; then
		[ -n "${_TUI_DEAD_SHOWN:-}" ] && return 1
		_TUI_DEAD_SHOWN=1
	fi
	echo "# screen after waiting ${t}s for: $*"
	tui_cap | sed 's/^/#   |/'
	return 1
}

# tui_dump: show the screen as TAP comments.
tui_dump() {
	tui_cap | sed 's/^/#   |/'
}

# tui_engine_setup: a TUI test's start: berth built, tmux there, a private
# engine up and the busybox test image built, else bail out
tui_engine_setup() {
	[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
	command -v tmux >/dev/null || bail "tmux is installed"
	engine_start || bail "private dockerd starts"
	bb_image || bail "busybox test image builds"
}

# test_setup [TOOL...]: tui_engine_setup, after checking that each TOOL
# (jq, ...) is installed (ENGINE_EXTRA_ARGS as for engine_start).
test_setup() {
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null || bail "$t is installed"
	done
	tui_engine_setup
}

# tui_ask KEY ERE [SECONDS]: press KEY, then wait (default 10 s) until the
# screen matches ERE, e.g. the question KEY asks; true if it did.
tui_ask() {
	tui_keys "$1"
	tui_wait "${3:-10}" tui_has "$2"
}
