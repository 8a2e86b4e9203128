#!/usr/bin/env bash
# start.sh - build berth if needed and open it.
#
#   ./start.sh [berth options]   your engine if one answers, else the demo
#   ./start.sh --demo            the demo engine even if yours answers
#   ./start.sh --stop-demo       stop the demo engine
#
# The demo is a private dockerd (its own data root and socket, never
# /var/run/docker.sock) under $BERTH_DEMO_DIR, else
# ${XDG_CACHE_HOME:-~/.cache}/berth-demo, with a few containers shaped like
# a CI pipeline's stages. It keeps running after berth exits, so the next
# start is instant.
set -u
cd "$(dirname "$0")" || exit 1
ROOT=$PWD

MODE=auto
ARGS=()
for a in "$@"; do
	case $a in
	--demo) MODE=demo ;;
	--stop-demo) MODE=stop ;;
	-h | --help)
		sed -n '2,12s/^# \{0,1\}//p' "$0"
		exit 0
		;;
	*) ARGS+=("$a") ;;
	esac
done

DEMO_DIR=${BERTH_DEMO_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/berth-demo}
# unix socket paths are limited to ~108 bytes; containerd's lives deepest
if [ ${#DEMO_DIR} -gt 60 ] && [ -z "${BERTH_DEMO_DIR:-}" ]; then
	DEMO_DIR=/tmp/berth-demo-$(id -u)
fi
SOCK=$DEMO_DIR/docker.sock
DEMO_HOST=unix://$SOCK

say() { printf 'start.sh: %s\n' "$*" >&2; }
die() {
	say "$*"
	exit 1
}

# ---------------------------------------------------------------- demo engine

demo_answers() {
	[ -S "$SOCK" ] && curl -s -m 3 --unix-socket "$SOCK" http://x/_ping 2>/dev/null | grep -qx OK
}

pid_alive() {
	local st
	[ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] || return 1
	st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	[ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

demo_pid() {
	cat "$DEMO_DIR/pid" 2>/dev/null
}

stop_demo() {
	local pid i
	pid=$(demo_pid)
	if ! pid_alive "$pid"; then
		say "no demo engine running in $DEMO_DIR"
		return 0
	fi
	say "stopping the demo engine (pid $pid)"
	kill -TERM "$pid"
	for ((i = 0; i < 200; i++)); do
		pid_alive "$pid" || break
		sleep 0.1
	done
	if pid_alive "$pid"; then
		say "dockerd $pid did not stop in 20 s; sending KILL"
		kill -KILL "$pid"
	fi
	# a containerd it started and that outlived it (found by its paths)
	local p cmd
	for p in /proc/[0-9]*; do
		p=${p#/proc/}
		cmd=$( (tr '\0' ' ' <"/proc/$p/cmdline") 2>/dev/null) || continue
		case $cmd in
		containerd\ *"$DEMO_DIR/exec/"*) kill -TERM "$p" 2>/dev/null ;;
		esac
	done
	say "stopped; its data stays in $DEMO_DIR (rm -rf it to start afresh)"
}

start_demo_engine() {
	if demo_answers; then
		return 0
	fi
	[ "$(id -u)" = 0 ] || die "the demo engine runs dockerd, which needs root; run ./start.sh as root, or point DOCKER_HOST at an engine"
	command -v dockerd >/dev/null || die "dockerd not found (apt-get install docker.io)"
	local pid cpid i
	pid=$(demo_pid)
	if pid_alive "$pid"; then
		say "demo dockerd $pid is running but not answering; waiting for it"
	else
		mkdir -p "$DEMO_DIR/data" "$DEMO_DIR/exec" || die "cannot create $DEMO_DIR"
		# a containerd that died with a killed dockerd can linger as a zombie
		cpid=$(cat "$DEMO_DIR/exec/containerd/containerd.pid" 2>/dev/null)
		if [ -n "$cpid" ] && ! pid_alive "$cpid"; then
			rm -f "$DEMO_DIR/exec/containerd/containerd.pid"
		fi
		say "starting the demo engine in $DEMO_DIR"
		# its own session, so it outlives this terminal
		setsid dockerd --data-root "$DEMO_DIR/data" --exec-root "$DEMO_DIR/exec" \
			--pidfile "$DEMO_DIR/pid" -H "$DEMO_HOST" --bridge=none \
			--iptables=false --ip-masq=false --storage-driver=vfs \
			</dev/null >>"$DEMO_DIR/dockerd.log" 2>&1 &
		pid=$!
	fi
	for ((i = 0; i < 300; i++)); do
		demo_answers && return 0
		pid_alive "$pid" || break
		sleep 0.1
	done
	tail -n 15 "$DEMO_DIR/dockerd.log" >&2
	die "the demo engine did not come up (log: $DEMO_DIR/dockerd.log)"
}

# demo_container NAME STATE-WANTED DOCKER-RUN-ARGS...: create it if missing;
# start it again if it should run and does not (e.g. after a reboot).
demo_container() {
	local name=$1 want=$2 st
	shift 2
	st=$(docker inspect -f '{{.State.Status}}' "$name" 2>/dev/null)
	if [ -z "$st" ]; then
		docker run -d --network none --stop-timeout 2 --name "$name" "$@" >/dev/null ||
			say "could not create $name"
	elif [ "$want" = running ] && [ "$st" != running ]; then
		docker start "$name" >/dev/null || say "could not start $name"
	fi
}

populate_demo() {
	export DOCKER_HOST=$DEMO_HOST
	command -v docker >/dev/null || die "the docker CLI is needed to set up the demo (apt-get install docker.io)"
	if ! docker image inspect bb:latest >/dev/null 2>&1; then
		say "building the small busybox image for the demo"
		# shellcheck source=tests/lib/engine.sh
		. "$ROOT/tests/lib/engine.sh"
		bb_image bb:latest || die "could not build the demo image"
	fi
	lab() { echo --label "berth.service=$1" --label "berth.branch=$2" --label "berth.commit=$3" --label "berth.build=$4"; }
	# shellcheck disable=SC2046
	{
		demo_container shop-integration running $(lab shop integration 3f9c2a1 118) \
			-e VIRTUAL_HOST=shop-integration.example bb:latest sleep 2147483647
		demo_container shop-validation running $(lab shop validation 8e41d07 115) \
			-e VIRTUAL_HOST=shop-validation.example bb:latest sleep 2147483647
		demo_container shop-production running $(lab shop production 5b7d9e2 112) \
			-e VIRTUAL_HOST=shop-production.example \
			--health-cmd true --health-interval 5s \
			bb:latest httpd -f -p 8080 -h /www
		demo_container billing-production running $(lab billing production c04ffee 57) \
			-e VIRTUAL_HOST=billing-production.example \
			--health-cmd false --health-interval 2s --health-retries 1 \
			bb:latest sleep 2147483647
		demo_container shop-migrate exited $(lab shop-migrate production 5b7d9e2 112) \
			bb:latest sh -c 'echo "migrating schema 41 -> 42"; sleep 1; echo "error: column orders.total exists" >&2; exit 3'
		demo_container shop-worker running $(lab shop-worker production 5b7d9e2 112) \
			bb:latest sh -c 'i=0; while :; do i=$((i+1)); echo "worker: processed job $i"; sleep 0.5; done'
	}
	demo_resources
}

# A few images, volumes and networks for the i, v, n and F panes: tagged
# releases of shop, one left dangling by a re-tag, volumes and networks in
# use and unused. Idempotent.
demo_resources() {
	local v
	for v in 112 115 118; do
		docker image inspect "shop:$v" >/dev/null 2>&1 ||
			printf 'FROM bb:latest\nLABEL berth.commit=demo%s berth.build=%s org.opencontainers.image.title=shop\n' "$v" "$v" |
			DOCKER_BUILDKIT=0 docker build -q -t "shop:$v" - >/dev/null 2>&1 || say "could not build shop:$v"
	done
	if ! docker image inspect shop:nightly >/dev/null 2>&1; then
		for v in 1 2; do	# the first nightly dangles after the second
			printf 'FROM bb:latest\nENV NIGHTLY=%s\n' "$v" |
				DOCKER_BUILDKIT=0 docker build -q -t shop:nightly - >/dev/null 2>&1
		done
	fi
	for v in shop-uploads shop-cache; do
		docker volume inspect "$v" >/dev/null 2>&1 || docker volume create "$v" >/dev/null
	done
	docker network inspect shop-backend >/dev/null 2>&1 ||
		docker network create --subnet 10.242.0.0/24 shop-backend >/dev/null
	docker network inspect legacy-net >/dev/null 2>&1 ||
		docker network create --subnet 10.243.0.0/24 legacy-net >/dev/null
	# on shop-backend (not --network none): the networks pane counts it
	if ! docker inspect shop-assets >/dev/null 2>&1; then
		# shellcheck disable=SC2046
		docker run -d --network shop-backend --stop-timeout 2 --name shop-assets \
			$(lab shop-assets production 5b7d9e2 112) -v shop-uploads:/uploads \
			bb:latest sleep 2147483647 >/dev/null || say "could not create shop-assets"
	elif [ "$(docker inspect -f '{{.State.Running}}' shop-assets)" != true ]; then
		docker start shop-assets >/dev/null || say "could not start shop-assets"
	fi
}

# ---------------------------------------------------------------- stop

if [ "$MODE" = stop ]; then
	stop_demo
	exit 0
fi

# ---------------------------------------------------------------- deps

DEPS="build-essential autoconf automake pkg-config libncurses-dev libcurl4-openssl-dev libjansson-dev check docker.io busybox-static curl"
missing=()
for p in $DEPS; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		say "missing packages: ${missing[*]}"
		die "install them first: sudo apt-get install ${missing[*]}"
	fi
	say "installing: ${missing[*]}"
	policy_made=0
	if [ ! -e /usr/sbin/policy-rc.d ]; then # no system dockerd from the package
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		policy_made=1
	fi
	log=$(mktemp /tmp/berth-apt.XXXXXX)
	if ! { DEBIAN_FRONTEND=noninteractive apt-get update &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
		[ "$policy_made" = 1 ] && rm -f /usr/sbin/policy-rc.d
		tail -n 20 "$log" >&2
		die "package install failed (log: $log)"
	fi
	[ "$policy_made" = 1 ] && rm -f /usr/sbin/policy-rc.d
	rm -f "$log"
fi

# ---------------------------------------------------------------- build

needs_build() {
	[ -x ./berth ] || return 0
	# a sanitizer build left by test.sh is not for daily use
	[ -f config.status ] && grep -q -- '--enable-sanitizers' config.status && return 0
	[ -n "$(find . -path ./tests -prune -o \( -name '*.[ch]' -o -name Makefile.am -o -name configure.ac \) \
		-newer ./berth -print 2>/dev/null | head -n 1)" ]
}

if needs_build; then
	say "building berth (log: $ROOT/build.log)"
	{
		if [ -f config.status ] && ! grep -q -- '--enable-sanitizers' config.status && [ -f Makefile ]; then
			make -j"$(nproc)"
		else
			[ -f Makefile ] && make distclean
			autoreconf -fi && ./configure && make -j"$(nproc)"
		fi
	} >build.log 2>&1 || {
		tail -n 30 build.log >&2
		die "build failed (see build.log)"
	}
fi

# ---------------------------------------------------------------- run

if [ "$MODE" = auto ] && ./berth ping >/dev/null 2>&1; then
	exec ./berth "${ARGS[@]}"
fi
[ "$MODE" = auto ] && say "no Docker engine answers here; starting the demo"

start_demo_engine
populate_demo

DOCKER_HOST=$DEMO_HOST ./berth "${ARGS[@]}"
rc=$?
cat >&2 <<EOF

The demo engine is still running, so the next start is instant.
  use it again:   DOCKER_HOST=$DEMO_HOST ./berth     (or rerun ./start.sh)
  stop it:        kill \$(cat $DEMO_DIR/pid)          (or ./start.sh --stop-demo)
EOF
exit "$rc"
