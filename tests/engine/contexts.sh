#!/usr/bin/env bash
# Docker contexts as the docker CLI writes them (docker context create/use
# in a temporary HOME): a unix-socket context and TLS contexts (verified,
# skip-verify, a wrong CA) towards one private engine that listens on a
# socket and on 127.0.0.1 with --tlsverify. `berth contexts` lists them like
# `docker context ls`; currentContext and DOCKER_CONTEXT reach each one;
# DOCKER_HOST wins over both; an unreadable meta file is reported, not fatal.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v openssl >/dev/null || bail "openssl is installed"
command -v docker >/dev/null || bail "the docker CLI is installed"

C=$(mktemp -d /tmp/bctx.XXXXXX)
cleanup_push "rm -rf '$C'"

mkca() {
	mkdir -p "$1"
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=berth ctx CA ${1##*/}" \
		-keyout "$1/ca-key.pem" -out "$1/ca.pem" 2>/dev/null
}
mkcert() {	# mkcert DIR CA NAME EXT
	openssl req -newkey rsa:2048 -nodes -subj "/CN=$3" \
		-keyout "$1/$3-key.pem" -out "$1/$3.csr" 2>/dev/null &&
		printf '%s\n' "$4" >"$1/$3.ext" &&
		openssl x509 -req -in "$1/$3.csr" -CA "$2/ca.pem" -CAkey "$2/ca-key.pem" \
			-CAcreateserial -days 2 -extfile "$1/$3.ext" -out "$1/$3.pem" 2>/dev/null
}
mkca "$C/good" && mkca "$C/evil" || bail "openssl makes two CAs"
mkcert "$C/good" "$C/good" server "subjectAltName=IP:127.0.0.1
extendedKeyUsage=serverAuth" &&
	mkcert "$C/good" "$C/good" client "extendedKeyUsage=clientAuth" ||
	bail "openssl makes server and client certificates"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') ||
	bail "a free port"
ENGINE_EXTRA_ARGS="-H tcp://127.0.0.1:$PORT --tlsverify --tlscacert $C/good/ca.pem --tlscert $C/good/server.pem --tlskey $C/good/server-key.pem"
engine_start || bail "private engine with a socket and a TLS listener on 127.0.0.1:$PORT starts"
unset ENGINE_EXTRA_ARGS
bb_image || bail "busybox image builds"
docker run -d --network none --name ctx-probe bb:latest sleep 100000 >/dev/null || bail "a container runs"
SOCK_URL=$DOCKER_HOST
unset DOCKER_HOST

# The contexts, written by the docker CLI itself into a private HOME.
export HOME=$C/home
mkdir -p "$HOME"
TCP=tcp://127.0.0.1:$PORT
dctx() { docker context create "$@" >/dev/null 2>"$C/dctx.err" || { cat "$C/dctx.err"; false; }; }
dctx sock --description "the private socket" --docker "host=$SOCK_URL" &&
	dctx secure --description "TLS, verified" \
		--docker "host=$TCP,ca=$C/good/ca.pem,cert=$C/good/client.pem,key=$C/good/client-key.pem" &&
	dctx skipper --docker "host=$TCP,cert=$C/good/client.pem,key=$C/good/client-key.pem,skip-tls-verify=true" &&
	dctx wrongca --docker "host=$TCP,ca=$C/evil/ca.pem,cert=$C/good/client.pem,key=$C/good/client-key.pem" ||
	bail "docker context create makes four contexts"
docker context use sock >/dev/null 2>&1 || bail "docker context use sock"
# docker context ls itself, before the broken file below (docker gives up on it)
dnames=$(docker context ls --format '{{.Name}}' 2>/dev/null | sort | tr '\n' ' ')
# one meta file nobody can parse
mkdir -p "$HOME/.docker/contexts/meta/0000broken"
printf '{"Name": "broken", "Endpoints": ' >"$HOME/.docker/contexts/meta/0000broken/meta.json"

# --- berth contexts ---------------------------------------------------------------
"$BERTH" contexts >"$C/out" 2>"$C/err"
rc=$?
tap_check test "$rc" = 0 "berth contexts exits 0 with a broken meta file (rc $rc)"
sed 's/^/#   /' "$C/out"
first=$(sed -n 2p "$C/out" | awk '{ print $1 }')
tap_check test "$first" = default "default is listed first ($first)"
tap_check grep -qE '^NAME +DESCRIPTION +DOCKER ENDPOINT +TLS$' "$C/out" "the header is NAME DESCRIPTION DOCKER ENDPOINT TLS"
tap_check grep -qE "^sock \* +the private socket +$SOCK_URL +no$" "$C/out" "sock is current (*), with its description, endpoint and TLS no"
tap_check grep -qE "^secure +TLS, verified +$TCP +yes$" "$C/out" "secure: TLS yes"
tap_check grep -qE "^skipper +$TCP +skip-verify$" "$C/out" "skipper: TLS skip-verify"
tap_check grep -q "0000broken/meta.json" "$C/err" "the broken meta file is reported on stderr ($(head -c 200 "$C/err"))"
tap_check test "$(grep -c broken "$C/out")" = 0 "the broken context is not listed"
# the same names as docker context ls
bnames=$(awk 'NR > 1 { print $1 }' "$C/out" | sort | tr '\n' ' ')
tap_check test "$dnames" = "$bnames" "the same contexts as docker context ls ('$bnames' vs '$dnames')"

"$BERTH" contexts --json >"$C/out" 2>/dev/null
tap_check test "$(jq -r '[.[] | select(.current)] | map(.name) | join(",")' "$C/out")" = sock "--json: sock is the current one"
tap_check test "$(jq -r '.[] | select(.name == "skipper") | .tls' "$C/out")" = skip-verify "--json: skipper's tls is skip-verify"
tap_check test "$(jq -r '.[0].docker_endpoint' "$C/out")" = unix:///var/run/docker.sock "--json: default is the default socket"

DOCKER_CONTEXT=secure "$BERTH" contexts --json >"$C/out" 2>/dev/null
tap_check test "$(jq -r '[.[] | select(.current)] | map(.name) | join(",")' "$C/out")" = secure "DOCKER_CONTEXT=secure marks secure as current"
DOCKER_HOST=$SOCK_URL "$BERTH" contexts --json >"$C/out" 2>/dev/null
tap_check test "$(jq -r '.[0] | "\(.current) \(.docker_endpoint)"' "$C/out")" = "true $SOCK_URL" "DOCKER_HOST makes default current, with that endpoint"

# --- each context reaches the engine --------------------------------------------
reach() {	# reach WHAT [ENV=VALUE...] [-- BERTH-ARGS...]: berth ps --json lists ctx-probe
	local what=$1 rc name envs=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	[ "${1:-}" = -- ] && shift
	env "${envs[@]}" timeout 30 "$BERTH" "$@" ps --json >"$C/out" 2>"$C/err"
	rc=$?
	name=$(jq -r '.[0].name' "$C/out" 2>/dev/null)
	tap_check test "$rc" = 0 -a "$name" = ctx-probe "$what reaches the engine (rc $rc, $(head -c 200 "$C/err"))"
}
reach "currentContext sock"
reach "DOCKER_CONTEXT=secure (TLS, verified)" DOCKER_CONTEXT=secure
reach "DOCKER_CONTEXT=skipper (TLS, skip-verify)" DOCKER_CONTEXT=skipper
reach "DOCKER_HOST over a TLS DOCKER_CONTEXT" DOCKER_CONTEXT=wrongca DOCKER_HOST=$SOCK_URL
reach "--context secure" -- --context secure
reach "--context sock --context secure (two engines)" -- --context sock --context secure
tap_check test "$(jq -r '[.[].engine] | unique | join(",")' "$C/out")" = secure,sock \
	"two --context flags: rows from both, named after the contexts"

DOCKER_CONTEXT=secure timeout 30 "$BERTH" ping >"$C/out" 2>&1
tap_check grep -q "^$TCP 1\." "$C/out" "ping over the TLS context names its endpoint ($(cat "$C/out"))"

DOCKER_CONTEXT=wrongca timeout 30 "$BERTH" ps --json >"$C/out" 2>"$C/err"
rc=$?
if [ "$rc" = 1 ] && grep -qiE 'certificate|SSL' "$C/err"; then
	tap_ok "a context with the wrong CA is refused: $(cat "$C/err")"
else
	tap_fail "a context with the wrong CA is refused with a certificate message (rc $rc): $(cat "$C/err")"
fi
DOCKER_CONTEXT=nosuch timeout 30 "$BERTH" ps --json >"$C/out" 2>"$C/err"
rc=$?
tap_check test "$rc" = 1 -a -n "$(grep -F '"nosuch" not found' "$C/err")" "a missing context: exit 1 and says so ($(cat "$C/err"))"

# --- the dashboard on the TLS context --------------------------------------------
tui_start 120 30 "DOCKER_CONTEXT=secure HOME='$HOME' '$BERTH'" || bail "tmux session starts"
if tui_wait 20 tui_has 'ctx-probe'; then
	tap_ok "the dashboard on the TLS context shows ctx-probe"
else
	tap_fail "the dashboard on the TLS context shows ctx-probe"
fi
tui_keys q
tui_wait 10 tui_dead
tap_check test "$(tui_exit_status)" = 0 "the dashboard exits 0"
tui_stop
tap_done
