#!/usr/bin/env bash
# Round trip of the resource panes and commands: images, volumes and
# networks made with the docker CLI show in `berth images|volumes|networks|df
# --json` exactly as `docker images`, `docker volume ls`, `docker network
# ls` and `docker system df` list them, and in the panes (i, v, n, F from
# the containers pane) at 80x24 and 200x50; filter, the image pane (Enter),
# a removal refused in use (409) and one confirmed.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

test_setup jq
app_image app:v1 c1 1 'LABEL org.opencontainers.image.source=https://example.invalid/app' \
	'CMD ["sleep", "1000"]' || bail "app:v1"
docker tag app:v1 app:latest
app_image junk:1 j1 1 'ENV J=1' || bail "junk:1"
app_image junk:1 j2 2 'ENV J=2' || bail "junk:1 again (the first one dangles)"
docker volume create rt-data >/dev/null || bail "volume rt-data"
docker volume create rt-spare >/dev/null || bail "volume rt-spare"
docker network create --subnet 10.98.0.0/24 rt-back >/dev/null || bail "network rt-back"
docker network create --subnet 10.97.0.0/24 rt-spare-net >/dev/null || bail "network rt-spare-net"
docker run -d --network rt-back --stop-timeout 1 -v rt-data:/data --name rt-web app:v1 >/dev/null ||
	bail "rt-web runs"
docker create --network none --name rt-bb bb:latest true >/dev/null || bail "rt-bb created"

# --- the commands against the docker CLI --------------------------------------
got=$("$BERTH" images --json | jq -r '.[] | "\(.repository):\(.tag) \(.short_id)"' | sort)
want=$(docker images --format '{{.Repository}}:{{.Tag}} {{.ID}}' | sort)
tap_check test "$got" = "$want" "images --json lists what docker images lists ($(wc -l <<<"$got") rows)"
users=$("$BERTH" images --json | jq -r '.[] | select(.repository == "app" and .tag == "v1") | .containers')
tap_check test "$users" = 1 "images --json: app:v1 is used by 1 container ($users)"
got=$("$BERTH" images | awk 'NR > 1 { print $1 ":" $2 " " $3 }' | sort)
tap_check test "$got" = "$want" "berth images (table) has the same REPOSITORY, TAG and IMAGE ID"
got=$("$BERTH" volumes --json | jq -r '.[] | "\(.driver) \(.name)"' | sort)
want=$(docker volume ls --format '{{.Driver}} {{.Name}}' | sort)
tap_check test "$got" = "$want" "volumes --json lists what docker volume ls lists"
ub=$("$BERTH" volumes --json | jq -r '.[] | select(.name == "rt-data") | .used_by | join(",")')
tap_check test "$ub" = rt-web "volumes --json: rt-data is used by rt-web ($ub)"
got=$("$BERTH" networks --json | jq -r '.[] | "\(.id) \(.name) \(.driver) \(.scope)"' | sort)
want=$(docker network ls --no-trunc --format '{{.ID}} {{.Name}} {{.Driver}} {{.Scope}}' | sort)
tap_check test "$got" = "$want" "networks --json lists what docker network ls lists"
sub=$("$BERTH" networks --json | jq -r '.[] | select(.name == "rt-back") | "\(.subnet) \(.containers)"')
tap_check test "$sub" = "10.98.0.0/24 1" "networks --json: rt-back's subnet and its one container ($sub)"
got=$("$BERTH" df --json | jq -r '.[] | "\(.type) \(.total) \(.active)"')
want=$(docker system df --format '{{.Type}} {{.TotalCount}} {{.Active}}')
tap_check test "$got" = "$want" "df --json counts what docker system df counts"
got=$("$BERTH" df | awk 'NR > 1 { print $(NF - 1) }' | tr '\n' ' ')
want=$(docker system df --format '{{.Reclaimable}}' | awk '{ print $1 }' | tr '\n' ' ')
tap_check test "$got" = "$want" "berth df's RECLAIMABLE matches docker system df ($got)"

# --- the panes ----------------------------------------------------------------
rows_of() { tui_cap | grep -c "$1"; }
for size in "80 24" "200 50"; do
	set -- $size
	tui_start "$1" "$2" "$BERTH" || bail "tmux session starts ($size)"
	tui_wait 15 tui_has 'rt-web' || bail "containers drawn ($size)"
	tui_keys i
	if tui_wait 10 tui_has 'junk:1' && tui_has 'app:latest' && tui_has 'app:v1' &&
		tui_has '<none>:<none>' && tui_has 'bb:latest'; then
		tap_ok "$size: i shows every tag and the dangling image"
	else
		tap_fail "$size: i shows every tag and the dangling image"
	fi
	tap_check tui_has 'REPOSITORY:TAG +ID +' "$size: the images pane has its columns"
	line=$(tui_cap | grep 'app:v1')
	tap_check grep -qE "$(docker images -q app:v1).* 1( |$)" <<<"$line" "$size: app:v1's short id and 1 container: $line"
	tui_keys Enter
	tap_check tui_wait 10 tui_has 'CREATED BY' "$size: Enter: the image pane with its layers' history"
	wide=0	# characters, not bytes
	while IFS= read -r l; do
		[ "${#l}" -gt "$1" ] && wide=$((wide + 1))
	done < <(LC_ALL=C.UTF-8 tui_cap)
	tap_check test "$wide" = 0 "$size: no line of the image pane is wider than $1 ($wide)"
	tui_keys q
	tui_wait 5 tui_has 'REPOSITORY:TAG' || tap_diag "q did not go back to the images ($size)"
	tui_keys q
	tui_keys v
	tui_wait 10 tui_has 'rt-spare' || tap_diag "no volumes pane"
	tap_check grep -qE 'rt-data.*rt-web' <<<"$(tui_cap)" "$size: v: rt-data used by rt-web"
	tui_keys q
	tui_keys n
	tui_wait 10 tui_has 'rt-spare-net' || tap_diag "no networks pane"
	tap_check grep -qE 'rt-back .*10\.98\.0\.0/24 .*1' <<<"$(tui_cap)" "$size: n: rt-back, its subnet, 1 container"
	tui_keys q
	tui_keys F
	tui_wait 10 tui_has 'Local Volumes' || tap_diag "no df pane"
	n=$(docker system df --format '{{.Type}} {{.TotalCount}}' | head -n 1 | awk '{ print $2 }')
	tap_check grep -qE "Images +$n " <<<"$(tui_cap)" "$size: F: disk use has Images $n"
	tui_keys q
	tui_keys q
	tui_wait 5 tui_dead || tap_diag "berth did not quit"
	tui_stop
done

# open_filtered KEY ROW: from the containers pane, the pane of KEY filtered to ROW
open_filtered() {
	tui_keys "$1"
	tui_wait 10 tui_has "$2" || bail "pane $1 shows $2"
	tui_keys /
	tui_type "$2"
	tui_keys Enter
}

# --- filter, image pane, removals -----------------------------------------------
tui_start 100 30 "$BERTH" || bail "tmux session starts"
tui_wait 15 tui_has 'rt-web' || bail "containers drawn"
tui_keys i
tui_wait 10 tui_has 'junk:1' || bail "images pane"
tui_keys /
tui_type junk
tui_keys Enter
only_junk() { [ "$(tui_cap | grep -cE '(app|bb):')" = 0 ] && tui_has 'junk:1'; }
tap_check tui_wait 5 only_junk "/junk leaves only junk:1"
tui_keys Escape
tui_wait 5 tui_has 'app:v1' || tap_diag "filter not cleared"
tui_keys / && tui_type app:v1 && tui_keys Enter
tui_wait 5 tui_lacks 'junk:1' || tap_diag "filter app:v1"
tui_keys Enter
if tui_wait 10 tui_has 'image app:v1' && tui_wait 10 tui_has 'CREATED BY' &&
	tui_has '\* label org.opencontainers.image.source=https://example.invalid/app' &&
	tui_has '\* label berth.commit=c1'; then
	tap_ok "Enter: the image pane with its history and the berth/OCI labels marked"
else
	tap_fail "Enter: the image pane with its history and the berth/OCI labels marked"
fi
tap_check tui_has 'CMD \["sleep" "1000"\]' "the history shows each layer's created-by"
tui_keys q
tui_wait 5 tui_has 'REPOSITORY:TAG' || tap_diag "q did not go back to the images"
# D on the only tag of an image a container uses (rt-bb, created): the
# engine's 409, then the force question; n leaves it
tui_keys Escape
tui_keys /
tui_type bb:latest
tui_keys Enter
tui_wait 5 tui_lacks 'app:v1' || tap_diag "filter bb:latest"
tui_ask D 'Remove image bb:latest\?' || tap_diag "no remove prompt for bb:latest"
tap_check tui_ask y 'Force the removal of bb:latest\?' "D y on bb:latest (in use): the engine's refusal, then the force question"
tap_check tui_has 'conflict|must force|is using' "which quotes the engine's 409"
tui_keys n
tui_wait 5 tui_has 'cancelled' || tap_diag "n did not cancel"
image_present() { docker image inspect -f . "$1" >/dev/null 2>&1; }
tap_check image_present bb:latest "n: bb:latest is still there"
tui_keys Escape	# clears the filter
tui_keys Escape	# and, without one, goes back
tui_wait 5 tui_has 'rt-web' || tap_diag "Esc did not go back to the containers"
open_filtered v rt-data
tui_wait 5 tui_lacks 'rt-spare' || tap_diag "filter rt-data"
tui_keys D
tui_wait 5 tui_has 'Remove volume rt-data\?' || tap_diag "no remove prompt"
tui_keys y
tap_check tui_wait 10 tui_has 'in use' "D on rt-data (in use): the engine's 409 message is shown"
tap_check test "$(docker volume ls -q | grep -c '^rt-data$')" = 1 "and rt-data is still there"
tui_keys Escape
tui_keys Escape
tui_wait 5 tui_has 'rt-web' || tap_diag "Esc Esc did not go back to the containers"
open_filtered n rt-spare-net
tui_wait 5 tui_lacks 'rt-back' || tap_diag "filter rt-spare-net"
tui_keys D
tui_wait 5 tui_has 'Remove network rt-spare-net\?' || tap_diag "no remove prompt"
tui_keys n
tap_check tui_wait 5 tui_has 'cancelled' "n cancels the removal"
present() { docker network inspect -f . "$1" >/dev/null 2>&1; }
tap_check present rt-spare-net "and rt-spare-net is still there"
tui_keys D
tui_wait 5 tui_has 'Remove network rt-spare-net\?' || tap_diag "no remove prompt"
tui_keys y
gone() { ! docker network inspect rt-spare-net >/dev/null 2>&1; }
tap_check wait_until 10 gone "D y removes rt-spare-net"
tap_check tui_wait 5 tui_has 'removed network rt-spare-net' "and says so"
tui_keys q
tui_keys q
tui_wait 5 tui_dead || tap_diag "berth did not quit"
tui_stop
tap_done
