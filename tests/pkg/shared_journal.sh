#!/usr/bin/env bash
# One journal for CI and for people: two users in one group, with a state
# directory made as berth(1) says (install -d -m 2775 -g GROUP), deploy and
# roll back the same unit in turn on a private engine whose socket the
# group can reach; every step succeeds, `berth history` shows all four, in
# order, with who did each, and the journal and locks are group-writable
# files of the directory's group, none world-writable.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
[ "$(id -u)" = 0 ] || bail "runs as root (it adds two test users)"
command -v runuser >/dev/null || bail "runuser is installed (util-linux)"
D=$(mktemp -d /tmp/btsj.XXXXXX)
chmod 755 "$D"
cleanup_push "rm -rf '$D'"
engine_trap

G=btg$$
U1=bta$$
U2=btb$$
groupadd "$G" || bail "groupadd $G"
cleanup_push "groupdel '$G' 2>/dev/null"
for u in "$U1" "$U2"; do
	useradd -M -N -g "$G" -d /nonexistent -s /usr/sbin/nologin "$u" || bail "useradd $u"
	cleanup_push "userdel '$u' 2>/dev/null"
done
# the users may not be able to read the build tree (a checkout under /root)
mkdir -p "$D/bin" && cp "$BERTH" "$D/bin/berth" && chmod 755 "$D/bin" "$D/bin/berth" ||
	bail "berth is copied where the test users can run it"

engine_start || bail "private dockerd starts"
chmod 711 "$ENGINE_DIR" && chgrp "$G" "$ENGINE_DIR/docker.sock" && chmod 660 "$ENGINE_DIR/docker.sock" ||
	bail "the engine's socket is the group's"
bb_image || bail "busybox test image builds"
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' || bail "image app:v1"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' || bail "image app:v2"
app_image app:v3 cccc003 3 'CMD ["sleep", "1000"]' || bail "image app:v3"
docker run -d --network none --stop-timeout 1 --name shop-staging \
	--label berth.service=shop --label berth.branch=staging app:v1 >/dev/null || bail "shop-staging runs"

S=$D/state
install -d -m 2775 -g "$G" "$S" || bail "install -d -m 2775 -g $G makes the state directory"

# as USER ARGS...: berth ARGS as USER, no shell, the group's environment
as() {
	local u=$1
	shift
	runuser -u "$u" -- env -u SUDO_USER USER="$u" BERTH_STATE_DIR="$S" DOCKER_HOST="$DOCKER_HOST" \
		"$D/bin/berth" "$@" >"$D/out" 2>&1
}
step() {
	local u=$1 what=$2 rc
	shift 2
	as "$u" "$@"
	rc=$?
	tap_check test "$rc" = 0 "$u (group $G) $what: rc $rc: $(tail -n 1 "$D/out")"
}
step "$U1" "deploys app:v2" deploy shop --branch staging --image app:v2 --timeout 30
step "$U2" "deploys app:v3 into the same journal" deploy shop --branch staging --image app:v3 --timeout 30
step "$U1" "rolls back" rollback shop --branch staging --timeout 30
step "$U2" "rolls back again" rollback shop --branch staging --timeout 30

as "$U1" history shop --branch staging --json
h=$(jq -r 'reverse | .[] | "\(.who) \(.result) \(.commit) \(if .rollback_of then "rollback" else "deploy" end)"' "$D/out" 2>&1 |
	tr '\n' ',')
want="$U1 succeeded bbbb002 deploy,$U2 succeeded cccc003 deploy,$U1 succeeded bbbb002 rollback,$U2 succeeded cccc003 rollback,"
tap_check test "$h" = "$want" "berth history shows all four, in order, with who: $h"
as "$U2" history shop --branch staging
tap_check test "$(grep -c "shop/staging" "$D/out")" = 4 "berth history as the other user lists the same four: $(head -n 2 "$D/out" | tr '\n' '|')"
tap_check test "$(ctr '{{index .Config.Labels "berth.commit"}}' shop-staging)" = cccc003 "the unit runs what the last step put there"

tap_check test "$(stat -c %a:%G "$S/journal.jsonl")" = "660:$G" "the journal is 0660 of group $G: $(stat -c '%a %U:%G' "$S/journal.jsonl")"
tap_check test "$(stat -c %a:%G "$S/locks")" = "2770:$G" "locks/ is 2770 of group $G: $(stat -c '%a %U:%G' "$S/locks")"
bad=$(find "$S/locks" -type f ! \( -perm 660 -group "$G" \) -printf '%p %m %g\n')
tap_check test -n "$(ls "$S/locks")" -a -z "$bad" "every lock file is 0660 of group $G${bad:+: $bad}"
ww=$(find "$S" -perm -o+w)
tap_check test -z "$ww" "nothing in the state directory is world-writable${ww:+: $ww}"
tap_done
