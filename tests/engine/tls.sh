#!/usr/bin/env bash
# tcp:// with TLS against a private dockerd listening on 127.0.0.1 with
# --tlsverify and certificates made here: the right CA and client
# certificate work; a wrong CA, a client certificate from another CA, no
# client certificate and plain http are all refused with a clear message.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v openssl >/dev/null || bail "openssl is installed"

C=$(mktemp -d /tmp/btls.XXXXXX)
cleanup_push "rm -rf '$C'"

# mkca DIR: a CA; mkcert DIR CA NAME EXT: a key and a certificate signed by CA
mkca() {
	mkdir -p "$1"
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=berth test CA ${1##*/}" \
		-keyout "$1/ca-key.pem" -out "$1/ca.pem" 2>/dev/null
}
mkcert() {
	local dir=$1 ca=$2 name=$3 ext=$4
	openssl req -newkey rsa:2048 -nodes -subj "/CN=$name" \
		-keyout "$dir/$name-key.pem" -out "$dir/$name.csr" 2>/dev/null &&
		printf '%s\n' "$ext" >"$dir/$name.ext" &&
		openssl x509 -req -in "$dir/$name.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca-key.pem" \
			-CAcreateserial -days 2 -extfile "$dir/$name.ext" -out "$dir/$name.pem" 2>/dev/null
}
mkca "$C/good" && mkca "$C/evil" || bail "openssl makes two CAs"
mkcert "$C/good" "$C/good" server "subjectAltName=IP:127.0.0.1
extendedKeyUsage=serverAuth" &&
	mkcert "$C/good" "$C/good" client "extendedKeyUsage=clientAuth" &&
	mkcert "$C/evil" "$C/evil" client "extendedKeyUsage=clientAuth" ||
	bail "openssl makes server and client certificates"

# The layout the docker CLI expects in DOCKER_CERT_PATH.
certdir() {	# certdir NAME CA-DIR CLIENT-DIR
	mkdir -p "$C/$1"
	cp "$2/ca.pem" "$C/$1/ca.pem"
	cp "$3/client.pem" "$C/$1/cert.pem"
	cp "$3/client-key.pem" "$C/$1/key.pem"
}
certdir ok "$C/good" "$C/good"
certdir wrongca "$C/evil" "$C/good"
certdir wrongclient "$C/good" "$C/evil"

PORT=$((23000 + $$ % 2000))
ENGINE_EXTRA_ARGS="-H tcp://127.0.0.1:$PORT --tlsverify --tlscacert $C/good/ca.pem --tlscert $C/good/server.pem --tlskey $C/good/server-key.pem"
engine_start || bail "private engine with a TLS listener on 127.0.0.1:$PORT starts"
unset ENGINE_EXTRA_ARGS
bb_image || bail "busybox image builds"
docker run -d --network none --name tls-probe bb:latest sleep 100000 >/dev/null || bail "a container runs"
SOCK_HOST=$DOCKER_HOST
URL=tcp://127.0.0.1:$PORT

run_tls() {	# run_tls CERTDIR [VERIFY]: berth ps --json over TLS
	DOCKER_HOST=$URL DOCKER_TLS_VERIFY=${2:-1} DOCKER_CERT_PATH=$C/$1 \
		timeout 30 "$BERTH" ps --json >"$C/out" 2>"$C/err"
}

run_tls ok
rc=$?
name=$(jq -r '.[0].name' "$C/out" 2>/dev/null)
tap_check test "$rc" = 0 -a "$name" = tls-probe "right CA and client certificate: ps --json lists tls-probe (rc $rc, $(head -c 200 "$C/err"))"

run_tls wrongca
rc=$?
err=$(cat "$C/err")
if [ "$rc" = 1 ] && grep -qiE 'certificate|SSL' <<<"$err"; then
	tap_ok "wrong CA: refused: $err"
else
	tap_fail "wrong CA: refused with a certificate message (rc $rc): $err"
fi

run_tls wrongclient
rc=$?
err=$(cat "$C/err")
if [ "$rc" = 1 ] && grep -qiE 'certificate|SSL|TLS|alert|handshake' <<<"$err"; then
	tap_ok "client certificate from another CA: refused: $err"
else
	tap_fail "client certificate from another CA: refused with a TLS message (rc $rc): $err"
fi

# No client certificate at all: the server must refuse the handshake.
mkdir -p "$C/nocert" && cp "$C/good/ca.pem" "$C/nocert/ca.pem"
run_tls nocert
rc=$?
err=$(cat "$C/err")
if [ "$rc" = 1 ] && [ -n "$err" ]; then
	tap_ok "no client certificate: refused: $err"
else
	tap_fail "no client certificate: refused (rc $rc): $err"
fi

# Plain http to the TLS port: a clear failure, not a hang or a crash.
DOCKER_HOST=$URL timeout 30 "$BERTH" ps --json >"$C/out" 2>"$C/err"
rc=$?
err=$(cat "$C/err")
if [ "$rc" = 1 ] && [ -n "$err" ]; then
	tap_ok "plain http to the TLS port: refused: $(tr '\n' ' ' <<<"$err")"
else
	tap_fail "plain http to the TLS port: refused (rc $rc): $err"
fi
# Loopback plain tcp is not warned about; the warning logic for other
# addresses is unit-tested (tests/unit/check_endpoint.c) so no test sends
# traffic off this machine.
tap_check test "$(grep -c 'without TLS' <<<"$err")" = 0 "no plain-tcp warning for loopback"
DOCKER_HOST=$SOCK_HOST
tap_done
