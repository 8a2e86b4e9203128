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
