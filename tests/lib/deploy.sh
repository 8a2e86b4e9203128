# shellcheck shell=bash
# Helpers for the deploy tests (source after engine.sh): test images with
# labels, a private state dir, journal queries.

# app_image TAG COMMIT BUILD [DOCKERFILE-LINES...]: an image FROM bb:latest
# with berth.commit/berth.build labels and extra Dockerfile lines (CMD,
# HEALTHCHECK, ...). Built from a Dockerfile on stdin: no context needed.
app_image() {
	local tag=$1 commit=$2 build=$3 out
	shift 3
	out=$({
		echo "FROM bb:latest"
		echo "LABEL berth.commit=$commit berth.build=$build"
		local l
		for l in "$@"; do echo "$l"; done
	} | DOCKER_BUILDKIT=0 docker build -q -t "$tag" - 2>&1) || {
		echo "deploy.sh: docker build $tag failed: $out" >&2
		return 1
	}
}

# state_dir: a fresh BERTH_STATE_DIR for this script (removed at exit).
state_dir() {
	STATE=$(mktemp -d /tmp/bt-state.XXXXXX) || return 1
	export BERTH_STATE_DIR=$STATE
	cleanup_push "rm -rf '$STATE'"
}

# journal_end_field ID FIELD: FIELD of the "end" record of deploy ID.
journal_end_field() {
	jq -r --arg id "$1" --arg f "$2" 'select(.id == $id and .ev == "end") | .[$f] // empty' \
		"$BERTH_STATE_DIR/journal.jsonl" 2>/dev/null | tail -n 1
}

# last_deploy_id: the id of the newest "start" record.
last_deploy_id() {
	jq -r 'select(.ev == "start") | .id' "$BERTH_STATE_DIR/journal.jsonl" 2>/dev/null | tail -n 1
}

# ctr FORMAT NAME: docker inspect -f, empty if absent.
ctr() {
	docker inspect -f "$1" "$2" 2>/dev/null
}

# unit_containers SERVICE BRANCH: "name state" of each container of the unit.
unit_containers() {
	docker ps -a --filter "label=berth.service=$1" --filter "label=berth.branch=$2" \
		--format '{{.Names}} {{.State}}' | sort
}

# wait_healthy NAME [SECONDS]
_is_healthy() {
	[ "$(ctr '{{.State.Health.Status}}' "$1")" = healthy ]
}
wait_healthy() {
	wait_until "${2:-30}" _is_healthy "$1"
}

# free_port: a loopback TCP port nobody listens on
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# registry_login NAME: a registry with htpasswd auth (user ci, password
# s3cret-pw) as registry_start NAME yes, REG its address, and `docker login`
# into a fresh DOCKER_CONFIG=$W/docker (exported); OUT gets docker's words.
registry_login() {
	htpasswd -Bbn ci s3cret-pw >"$W/htpasswd" 2>/dev/null || bail "htpasswd writes the password file"
	registry_start "$1" yes || bail "registry with htpasswd auth answers on 127.0.0.1:$PORT"
	REG=127.0.0.1:$PORT
	export DOCKER_CONFIG=$W/docker
	mkdir -p "$DOCKER_CONFIG"
	echo s3cret-pw | docker login -u ci --password-stdin "$REG" >"$OUT" 2>&1 ||
		bail "docker login $REG: $(cat "$OUT")"
}

# registry_start NAME AUTH(yes|no): Debian's docker-registry on 127.0.0.1:$PORT
# (sets PORT), storage in $W/NAME (W: the script's scratch dir); AUTH yes
# takes the users of $W/htpasswd. Stopped at exit.
registry_start() {
	local name=$1 auth=$2 i
	PORT=$(free_port)
	mkdir -p "$W/$name"
	{
		echo "version: 0.1"
		echo "log: { level: warn }"
		echo "storage: { filesystem: { rootdirectory: $W/$name/data } }"
		echo "http: { addr: 127.0.0.1:$PORT }"
		if [ "$auth" = yes ]; then
			echo "auth: { htpasswd: { realm: berth-test, path: $W/htpasswd } }"
		fi
	} >"$W/$name/config.yml"
	docker-registry serve "$W/$name/config.yml" >"$W/$name/log" 2>&1 &
	echo $! >"$W/$name/pid"
	cleanup_push "kill $(cat "$W/$name/pid") 2>/dev/null"
	for ((i = 0; i < 100; i++)); do
		curl -s -o /dev/null "http://127.0.0.1:$PORT/v2/" && return 0
		sleep 0.1
	done
	return 1
}

# cred_helper BINDIR LOG REG: a docker-credential-test in BINDIR that logs
# "ACTION SERVER" lines to LOG and answers ci / s3cret-pw for REG only.
cred_helper() {
	mkdir -p "$1" || return 1
	cat >"$1/docker-credential-test" <<HELPER
#!/bin/sh
# a test credential helper: logs its stdin, answers for $3 only
read -r server
echo "\$1 \$server" >>"$2"
if [ "\$1" = get ] && [ "\$server" = "$3" ]; then
	printf '{"ServerURL":"%s","Username":"ci","Secret":"s3cret-pw"}\n' "\$server"
	exit 0
fi
echo "credentials not found in native keychain"
exit 1
HELPER
	chmod +x "$1/docker-credential-test"
}
