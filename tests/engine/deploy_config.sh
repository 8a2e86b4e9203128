#!/usr/bin/env bash
# berth deploy keeps everything `docker run` set: a field-by-field comparison
# of the old and new inspect shows only the expected differences. Also:
# history (text and JSON), "same image" does nothing, the journal's mode,
# and rollback to the previous image.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
state_dir || bail "state dir"
app_image app:v1 c0ffee1 101 'CMD ["sleep", "1000"]' || bail "image app:v1"
app_image app:v2 beef002 102 'CMD ["sleep", "1000"]' || bail "image app:v2"

docker network create -d bridge dn1 >/dev/null || bail "bridge network dn1"
docker network create --internal dn2 >/dev/null || bail "internal network dn2"
docker volume create dvol >/dev/null || bail "volume dvol"
BIND=$(mktemp -d /tmp/bt-bind.XXXXXX)
cleanup_push "rm -rf '$BIND'"
echo hello >"$BIND/f"
chmod 755 "$BIND"

docker run -d --name shop-int --network dn1 --network-alias shop-a \
	--label berth.service=shop --label berth.branch=integration --label custom=x \
	--label berth.commit=stale -e FOO=bar -e EMPTY= -v dvol:/data -v /anon \
	-v "$BIND:/bind:ro" --restart unless-stopped \
	--health-cmd 'test -f /bind/f' --health-interval 1s --health-retries 2 \
	--user 1000:1000 --workdir /tmp --entrypoint sleep \
	--log-driver json-file --log-opt max-size=1m --log-opt max-file=2 \
	--hostname shophost --memory 64m --cpu-shares 512 --stop-timeout 3 \
	--add-host db.local:127.0.0.2 --dns-search example.test \
	app:v1 1000 >/dev/null || bail "rich docker run"
docker network connect --alias shop-b dn2 shop-int || bail "connect dn2"
wait_healthy shop-int 30 || { docker inspect shop-int | jq -c ".[0].State" | head -c 2000; bail "shop-int healthy"; }
OLD_ID=$(ctr '{{.Id}}' shop-int)
docker inspect shop-int >/tmp/bt-old.$$.json
cleanup_push "rm -f /tmp/bt-old.$$.json /tmp/bt-new.$$.json /tmp/bt-out.$$"

# --- deploy v2 -----------------------------------------------------------------
"$BERTH" deploy shop --branch integration --image app:v2 --timeout 60 >/tmp/bt-out.$$ 2>&1
rc=$?
tap_check test $rc -eq 0 "berth deploy shop --branch integration --image app:v2 exits 0 (rc $rc)"
tap_diag "$(cat /tmp/bt-out.$$)"
if grep -q 'created' /tmp/bt-out.$$ && grep -q 'healthy' /tmp/bt-out.$$ && grep -q 'start-first' /tmp/bt-out.$$; then
	tap_ok "progress is printed step by step (plan start-first, created, healthy)"
else
	tap_fail "progress is printed step by step"
fi
NEW_ID=$(ctr '{{.Id}}' shop-int)
tap_check test -n "$NEW_ID" -a "$NEW_ID" != "$OLD_ID" "shop-int is a new container"
tap_check test -z "$(ctr '{{.Id}}' "$OLD_ID")" "the old container is gone"
tap_check test "$(unit_containers shop integration)" = "shop-int running" \
	"exactly one container of the unit, running, named shop-int"
docker inspect shop-int >/tmp/bt-new.$$.json

# Flatten both to path=value lines; Mounts sorted by destination, and the
# engine's own alias (the short id) dropped, so the order and id do not count.
flat() {
	jq -r --arg short "$2" '.[0]
	  | .Mounts |= sort_by(.Destination)
	  | .NetworkSettings.Networks |= map_values(.Aliases |= ((. // []) - [$short] | sort))
	  | paths(scalars) as $p | "\($p | map(tostring) | join("."))=\(getpath($p))"' "$1"
}
flat /tmp/bt-old.$$.json "${OLD_ID:0:12}" | sort >/tmp/bt-old.$$.flat
flat /tmp/bt-new.$$.json "${NEW_ID:0:12}" | sort >/tmp/bt-new.$$.flat
cleanup_push "rm -f /tmp/bt-old.$$.flat /tmp/bt-new.$$.flat"
# paths present on either side with a different value (or only one side)
diffpaths=$(diff <(cat /tmp/bt-old.$$.flat) <(cat /tmp/bt-new.$$.flat) | sed -n 's/^[<>] \([^=]*\)=.*/\1/p' | sort -u)
expected='^(Id|Created|Image|Config\.Image|ResolvConfPath|HostnamePath|HostsPath|LogPath|RestartCount|State\..*|GraphDriver\..*|NetworkSettings\.(SandboxID|SandboxKey|EndpointID|IPAddress|MacAddress|Gateway|IPPrefixLen|Networks\.[^.]+\.(EndpointID|IPAddress|MacAddress|Gateway|IPPrefixLen|IPv6Gateway))|Config\.Labels\.berth\.(commit|build)|HostConfig\.Binds\.[0-9]+|Mounts\.[0-9]+\.Name|Mounts\.[0-9]+\.Source)$'
# the anonymous volume is now bound by its name: the engine marks it mode "z"
anon_idx=$(jq '.[0].Mounts | sort_by(.Destination) | map(.Destination) | index("/anon")' /tmp/bt-old.$$.json)
unexpected=$(grep -vE "$expected" <<<"$diffpaths" | grep -vx "Mounts\.$anon_idx\.Mode" | grep -v '^$')
tap_diag "fields that differ: $(tr '\n' ' ' <<<"$diffpaths")"
if [ -z "$unexpected" ]; then
	tap_ok "field-by-field: only expected differences (ids, state, image, commit/build labels, binds)"
else
	tap_fail "field-by-field: unexpected differences:"
	for p in $unexpected; do
		tap_diag "  $p: old '$(grep -F "$p=" /tmp/bt-old.$$.flat | head -1 | cut -d= -f2-)' new '$(grep -F "$p=" /tmp/bt-new.$$.flat | head -1 | cut -d= -f2-)'"
	done
fi

f() { jq -r "$1" /tmp/bt-new.$$.json; }
tap_check test "$(f '.[0].Config.Labels["berth.commit"]')" = beef002 "commit label comes from the new image (beef002, not the container's stale one)"
tap_check test "$(f '.[0].Config.Labels["berth.build"]')" = 102 "build label comes from the new image"
tap_check test "$(f '.[0].Config.Labels.custom')" = x "explicit label kept"
tap_check test "$(f '.[0].Config.Env | map(select(. == "FOO=bar" or . == "EMPTY=")) | length')" = 2 "env kept (FOO=bar, EMPTY=)"
tap_check test "$(f '.[0].Config.User'):$(f '.[0].Config.WorkingDir'):$(f '.[0].Config.Hostname')" = "1000:1000:/tmp:shophost" "user, workdir, hostname kept"
tap_check test "$(f '.[0].Config.Entrypoint | join(" ")') $(f '.[0].Config.Cmd | join(" ")')" = "sleep 1000" "entrypoint and command kept"
tap_check test "$(f '.[0].HostConfig.RestartPolicy.Name')" = unless-stopped "restart policy kept"
tap_check test "$(f '.[0].HostConfig.LogConfig.Config["max-size"]')/$(f '.[0].HostConfig.LogConfig.Config["max-file"]')" = "1m/2" "log options kept"
tap_check test "$(f '.[0].HostConfig.Memory')" = 67108864 "memory limit kept"
tap_check test "$(f '.[0].Config.Healthcheck.Test | join(" ")')" = "CMD-SHELL test -f /bind/f" "health check kept"
tap_check test "$(f '[.[0].NetworkSettings.Networks | keys[]] | join(",")')" = "dn1,dn2" "both networks"
tap_check test "$(f '.[0].NetworkSettings.Networks.dn1.Aliases | index("shop-a") != null')/$(f '.[0].NetworkSettings.Networks.dn2.Aliases | index("shop-b") != null')" = "true/true" "aliases on both networks"
anon_old=$(jq -r '.[0].Mounts[] | select(.Destination == "/anon") | .Name' /tmp/bt-old.$$.json)
anon_new=$(f '.[0].Mounts[] | select(.Destination == "/anon") | .Name')
tap_check test -n "$anon_old" -a "$anon_old" = "$anon_new" "the anonymous volume is the same volume ($anon_new)"
tap_check test "$(f '.[0].Mounts[] | select(.Destination == "/data") | .Name')" = dvol "named volume kept"
tap_check test "$(f '.[0].Mounts[] | select(.Destination == "/bind") | "\(.Source) \(.RW)"')" = "$BIND false" "bind mount kept, read-only"
tap_check test "$(ctr '{{.State.Health.Status}}' shop-int)" = healthy "the new container is healthy"
have_image() { docker image inspect "$1" >/dev/null 2>&1; }
tap_check have_image app:v1 "the old image is not deleted"

# --- journal ---------------------------------------------------------------------
J=$BERTH_STATE_DIR/journal.jsonl
tap_check test "$(stat -c %a "$J")" = 640 "journal created 0640 ($(stat -c %a "$J"))"
id=$(last_deploy_id)
tap_check test "$(journal_end_field "$id" result)" = succeeded "journal: deploy $id succeeded"
start=$(jq -c --arg id "$id" 'select(.id == $id and .ev == "start")' "$J")
tap_diag "start record: $start"
ok=1
for k in engine service branch from_image to_image commit build who via strategy t; do
	v=$(jq -r ".$k // empty" <<<"$start")
	[ -n "$v" ] || { ok=0; tap_diag "missing $k"; }
done
tap_check test $ok = 1 "start record has engine, unit, from/to image, commit, build, who, via, strategy, time"
tap_check test "$(jq -r .via <<<"$start"):$(jq -r .from_image <<<"$start")" = "cli:$(jq -r '.[0].Image' /tmp/bt-old.$$.json)" "via cli; from_image is the old image id"
tap_check test "$(jq -r .who <<<"$start")" = "${SUDO_USER:-${USER:-$(id -un)}}" "who is \$SUDO_USER else \$USER"

out=$("$BERTH" history shop --branch integration 2>&1)
tap_diag "$out"
tap_check grep -q "beef002#102" <<<"$out" "history shows the new commit#build"
json=$("$BERTH" history shop --json)
tap_check test "$(jq -r '.[0].result + " " + .[0].commit + " " + .[0].from_commit' <<<"$json")" = "succeeded beef002 stale" "history --json: newest first, result, commit, from_commit"

# --- same image: nothing to do ---------------------------------------------------
before=$(wc -l <"$J")
"$BERTH" deploy shop --branch integration --image app:v2 >/tmp/bt-out.$$ 2>&1
rc=$?
tap_check test $rc -eq 0 "same image: exit 0 (rc $rc)"
tap_check grep -q "nothing to do" /tmp/bt-out.$$ "same image: says there is nothing to do"
tap_check test "$(ctr '{{.Id}}' shop-int)" = "$NEW_ID" "same image: container untouched"
tap_check test "$(wc -l <"$J")" = "$before" "same image: nothing journaled"

# --- rollback to the previous image ---------------------------------------------
"$BERTH" rollback shop --branch integration >/tmp/bt-out.$$ 2>&1
rc=$?
tap_diag "$(cat /tmp/bt-out.$$)"
tap_check test $rc -eq 0 "berth rollback exits 0 (rc $rc)"
tap_check test "$(ctr '{{.Image}}' shop-int)" = "$(docker image inspect -f '{{.Id}}' app:v1)" "rollback: shop-int runs app:v1's image again"
tap_check test "$(ctr '{{.Config.Image}}' shop-int)" = app:v1 "rollback: by the ref app:v1 (still names that image), not a bare id"
tap_check test "$(ctr '{{index .Config.Labels "berth.commit"}}' shop-int)" = c0ffee1 "rollback: commit label is v1's"
tap_check test "$(unit_containers shop integration)" = "shop-int running" "rollback: one container, running, named"
rid=$(last_deploy_id)
tap_check test "$(jq -r --arg id "$rid" 'select(.id == $id and .ev == "start") | .rollback_of' "$J")" = "$id" "rollback is journaled as a deploy with rollback_of $id"
"$BERTH" rollback shop --branch integration --to "$id" >/tmp/bt-out.$$ 2>&1
tap_check test "$?:$(ctr '{{index .Config.Labels "berth.commit"}}' shop-int)" = "0:beef002" "rollback --to $id goes to v2 again"
"$BERTH" rollback shop --branch integration --to dnosuch >/tmp/bt-out.$$ 2>&1
tap_check test $? -ne 0 "rollback --to an unknown id fails"

tap_done
