#!/usr/bin/env bash
# ssh://user@host:port: a private engine reached through a private sshd on
# 127.0.0.1 (its own host key, a user key made here, authorized_keys forcing
# `docker system dial-stdio` towards the private engine), as the docker CLI
# does it. ps --json and the dashboard list the engine's containers; the
# options come from $BERTH_SSH_OPTS or the config file; a wrong port and a
# refused key give clear errors, not hangs; no ssh child outlives berth.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
if [ ! -x "$SSHD" ] || ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null; then
	tap_skip "openssh-server and openssh-client are not installed"
	tap_check test -z "$(ls -A "$XDG_RUNTIME_DIR")" "berth left nothing in its socket directory ($(ls -A "$XDG_RUNTIME_DIR" | tr '\n' ' '))"
tap_done
	exit 0
fi
command -v docker >/dev/null || bail "the docker CLI is installed (for dial-stdio)"

S=$(mktemp -d /tmp/bssh.XXXXXX)
cleanup_push "rm -rf '$S'"
# sshd refuses to start without its privilege separation directory
[ -d /run/sshd ] || mkdir -m 0755 -p /run/sshd || bail "/run/sshd exists"

engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
docker run -d --network none --name ssh-probe bb:latest sh -c 'echo ssh-log-line; exec sleep 100000' >/dev/null ||
	bail "a container runs"
docker run -d --network none --name ssh-probe2 bb:latest sleep 100000 >/dev/null || bail "a second container runs"
ENGINE_HOST=$DOCKER_HOST

# docker system dial-stdio is what the remote side runs; check it here first
out=$(printf 'GET /_ping HTTP/1.0\r\n\r\n' | timeout 10 docker system dial-stdio 2>/dev/null | tail -n 1)
tap_check test "$out" = OK "docker system dial-stdio reaches the private engine ($out)"

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PORT=$(free_port) || bail "a free port"
ssh-keygen -q -t ed25519 -N '' -C berth-test-host -f "$S/host_key" &&
	ssh-keygen -q -t ed25519 -N '' -C berth-test-user -f "$S/user_key" &&
	ssh-keygen -q -t ed25519 -N '' -C berth-test-other -f "$S/other_key" &&
	ssh-keygen -q -t ed25519 -N '' -C berth-test-nodocker -f "$S/nodocker_key" ||
	bail "ssh-keygen makes a host key and user keys"
printf 'command="env DOCKER_HOST=%s docker system dial-stdio",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding %s\n' \
	"$ENGINE_HOST" "$(cat "$S/user_key.pub")" >"$S/authorized_keys"
# a remote side without the docker CLI
printf 'command="echo docker: command not found >&2; exit 127",no-pty %s\n' \
	"$(cat "$S/nodocker_key.pub")" >>"$S/authorized_keys"
cat >"$S/sshd_config" <<EOF
Port $PORT
ListenAddress 127.0.0.1
HostKey $S/host_key
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
MaxStartups 100
EOF
"$SSHD" -f "$S/sshd_config" -D -E "$S/sshd.log" </dev/null &
SSHD_PID=$!
cleanup_push "kill $SSHD_PID; wait $SSHD_PID"
if ! wait_until 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; then
	dump_file "$S/sshd.log" sshd.log
	bail "sshd listens on 127.0.0.1:$PORT"
fi

USER_NAME=$(id -un)
URL="ssh://$USER_NAME@127.0.0.1:$PORT"
export BERTH_SSH_OPTS="-F /dev/null -i $S/user_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$S/known_hosts -o StrictHostKeyChecking=accept-new"
unset DOCKER_HOST
# berth's listeners for ssh live in a private directory here; none may stay
export XDG_RUNTIME_DIR=$S/run
mkdir -m 0700 "$XDG_RUNTIME_DIR"

# ssh_children PID: ssh processes whose parent is PID.
ssh_children() {
	local p
	for p in /proc/[0-9]*; do
		[ "$(awk '/^PPid:/ { print $2 }' "$p/status" 2>/dev/null)" = "$1" ] || continue
		[ "$(cat "$p/comm" 2>/dev/null)" = ssh ] && echo "${p#/proc/}"
	done
}

# --- ps --json over ssh -------------------------------------------------------
timeout 60 "$BERTH" -H "$URL" ps --json >"$S/out" 2>"$S/err"
rc=$?
names=$(jq -r '.[].name' "$S/out" 2>/dev/null | sort | tr '\n' ' ')
tap_check test "$rc" = 0 -a "$names" = "ssh-probe ssh-probe2 " \
	"berth -H $URL ps --json lists the engine's containers (rc $rc, names '$names', $(head -c 300 "$S/err"))"
tap_check test -s "$S/known_hosts" "the host key was accepted into the test's known_hosts"

timeout 60 "$BERTH" -H "$URL" ping >"$S/out" 2>"$S/err"
rc=$?
tap_check test "$rc" = 0 "berth ping over ssh (rc $rc: $(cat "$S/out" "$S/err" | tr '\n' ' '))"

# --stats goes through the API (an ssh engine is never local)
timeout 60 "$BERTH" -H "$URL" ps --json --stats >"$S/out" 2>"$S/err"
rc=$?
src=$(jq -r '[.[] | select(.state == "running") | .stats_source] | unique | join(",")' "$S/out" 2>/dev/null)
tap_check test "$rc" = 0 -a "$src" = api "ps --json --stats over ssh uses API stats (rc $rc, source '$src')"

# DOCKER_HOST=ssh://... works as -H does
DOCKER_HOST=$URL timeout 60 "$BERTH" ps --json >"$S/out" 2>"$S/err"
rc=$?
tap_check test "$rc" = 0 -a "$(jq length "$S/out" 2>/dev/null)" = 2 "DOCKER_HOST=$URL ps --json (rc $rc)"

# --- the options from the config file ----------------------------------------
printf 'set ssh-options "-F /dev/null -i %s -o IdentitiesOnly=yes -o UserKnownHostsFile=%s"\n' \
	"$S/user_key" "$S/known_hosts" >"$S/config"
BERTH_SSH_OPTS= timeout 60 "$BERTH" --config "$S/config" -H "$URL" ps --json >"$S/out" 2>"$S/err"
rc=$?
tap_check test "$rc" = 0 -a "$(jq length "$S/out" 2>/dev/null)" = 2 \
	"set ssh-options in the config file (rc $rc, $(head -c 300 "$S/err"))"

# options that are not ssh options are refused before anything runs
BERTH_SSH_OPTS="-i $S/user_key evil.example" timeout 20 "$BERTH" -H "$URL" ps --json >"$S/out" 2>"$S/err"
rc=$?
tap_check test "$rc" = 2 -a -n "$(grep "BERTH_SSH_OPTS: 'evil.example' is not an ssh option" "$S/err")" \
	"BERTH_SSH_OPTS with a non-option word: exit 2 and says why ($(cat "$S/err"))"

# --- errors are clear and quick ------------------------------------------------
DEAD=$(free_port)
start=$(date +%s)
timeout 60 "$BERTH" -H "ssh://$USER_NAME@127.0.0.1:$DEAD" ps --json >"$S/out" 2>"$S/err"
rc=$?
secs=$(($(date +%s) - start))
err=$(cat "$S/err")
if [ "$rc" = 1 ] && [ "$secs" -lt 15 ] && grep -q "port $DEAD: Connection refused" <<<"$err"; then
	tap_ok "a wrong port: ssh's own error, in ${secs}s: $err"
else
	tap_fail "a wrong port: ssh's connection refused message quickly (rc $rc, ${secs}s): $err"
fi

BERTH_SSH_OPTS="-F /dev/null -i $S/other_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$S/known_hosts" \
	timeout 60 "$BERTH" -H "$URL" ps --json >"$S/out" 2>"$S/err"
rc=$?
err=$(cat "$S/err")
if [ "$rc" = 1 ] && grep -q "Permission denied" <<<"$err"; then
	tap_ok "a key sshd does not know: refused without a prompt: $err"
else
	tap_fail "a key sshd does not know: 'Permission denied' (rc $rc): $err"
fi

BERTH_SSH_OPTS="-F /dev/null -i $S/nodocker_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$S/known_hosts" \
	timeout 60 "$BERTH" -H "$URL" ps --json >"$S/out" 2>"$S/err"
rc=$?
err=$(cat "$S/err")
if [ "$rc" = 1 ] && grep -q "ssh 127.0.0.1: docker: command not found" <<<"$err"; then
	tap_ok "no docker CLI on the remote side: the remote's message: $err"
else
	tap_fail "no docker CLI on the remote side: the remote's message (rc $rc): $err"
fi

# --- the dashboard over ssh, and no ssh child left behind ---------------------
tui_start 120 30 "BERTH_SSH_OPTS='$BERTH_SSH_OPTS' '$BERTH' -H '$URL'" || bail "tmux session starts"
if tui_wait 30 tui_has 'ssh-probe2'; then
	tap_ok "the dashboard over ssh shows the engine's containers"
else
	tap_fail "the dashboard over ssh shows the engine's containers"
fi
# idle, the connections (one ssh each) are reused, not made anew
bpid=$(pgrep -f "^$BERTH -H $URL" | head -n 1)
sleep 3
set1=$(ssh_children "$bpid" | sort | tr '\n' ' ')
sleep 7
set2=$(ssh_children "$bpid" | sort | tr '\n' ' ')
tap_check test -n "$set1" -a "$set1" = "$set2" "idle for 7 s, the same ssh connections serve the dashboard ($set1 / $set2)"

# logs and exec go over ssh too (a stream, and a hijacked CONNECT_ONLY handle)
tui_keys l
if tui_wait 15 tui_has 'ssh-log-line'; then
	tap_ok "l: the logs pane follows ssh-probe's logs over ssh"
else
	tap_fail "l: the logs pane follows ssh-probe's logs over ssh"
fi
tui_keys Escape
tui_wait 5 tui_has '^  NAME' || tap_diag "the containers pane did not come back"
tui_keys e
tui_wait 10 bash -c "tmux -L '$TUI_SOCK' capture-pane -p -t '$TUI_T' | tail -n 1 | grep -q 'exec: /bin/sh'" ||
	tap_diag "no exec prompt"
tui_keys Enter
tui_wait 15 tui_has '^/ #' || tap_diag "no shell prompt"
tui_type 'echo via-$((6 * 7))-ssh'
tui_keys Enter
if tui_wait 10 tui_has '^via-42-ssh'; then
	tap_ok "e: an exec shell over ssh runs a command in the container"
else
	tap_fail "e: an exec shell over ssh runs a command in the container"
fi
tui_type 'exit'
tui_keys Enter
tui_wait 15 tui_has '^  NAME' || tap_diag "the dashboard did not come back after exit"
bpid=$(pgrep -f "^$BERTH -H $URL" | head -n 1)
nkids=$(ssh_children "$bpid" | wc -l)
tap_check test -n "$bpid" -a "$nkids" -ge 1 "the dashboard runs ssh children ($nkids for pid $bpid)"
# the exec in ssh dial-stdio follows docker's events while the pane is open
DOCKER_HOST=$ENGINE_HOST docker stop -t 1 ssh-probe2 >/dev/null
if tui_wait 20 tui_has 'ssh-probe2.*exited'; then
	tap_ok "a container stopped on the engine shows as exited over ssh"
else
	tap_fail "a container stopped on the engine shows as exited over ssh"
fi
kids=$(ssh_children "$bpid" | tr '\n' ' ')
tui_keys q
if tui_wait 15 tui_dead; then
	tap_ok "q quits the dashboard"
else
	tap_fail "q quits the dashboard"
fi
left=""
for k in $kids; do
	_pid_alive "$k" && left="$left $k"
done
tap_check test -z "$left" "no ssh child is left after berth exits (were: $kids; left:$left)"
tap_check test "$(tui_exit_status)" = 0 "the dashboard exits 0"
tui_stop

# the dashboard on a wrong port: ssh's words in the status bar, no hang
tui_start 120 30 "BERTH_SSH_OPTS='$BERTH_SSH_OPTS' '$BERTH' -H 'ssh://$USER_NAME@127.0.0.1:$DEAD'" || bail "tmux session starts"
if tui_wait 20 bash -c "tmux -L '$TUI_SOCK' capture-pane -p -t '$TUI_T' | tail -n 1 | grep -q 'port $DEAD: Connection refused'"; then
	tap_ok "the dashboard on a wrong port says so in the status bar: $(tui_last_line)"
else
	tap_fail "the dashboard on a wrong port shows ssh's message in the status bar: $(tui_last_line)"
fi
tui_keys q
tui_wait 10 tui_dead
tap_check test "$(tui_exit_status)" = 0 "and q still quits it"
tui_stop

# no zombie or stray ssh from the ps runs either: every ssh we see now was
# started by someone else (none should have berth's command line as parent)
stray=$(pgrep -f "ssh .*-p $PORT -- 127.0.0.1 docker system dial-stdio" | tr '\n' ' ')
tap_check test -z "$stray" "no ssh dial-stdio process remains ($stray)"
tap_check test -z "$(ls -A "$XDG_RUNTIME_DIR")" "berth left nothing in its socket directory ($(ls -A "$XDG_RUNTIME_DIR" | tr '\n' ' '))"
tap_done
