#!/usr/bin/env bash
# Compose projects on a private engine, started with Debian's docker-compose
# (1.29): `berth projects --json` and the projects pane (c) list them (not the
# containers without compose labels), problems first; Enter shows the
# services and their containers; a project restart (r, one confirmation)
# restarts every container (StartedAt changes); --read-only refuses the
# project's actions; R on a service redeploys it with the deploy runner,
# and afterwards `docker-compose ps` and `docker-compose down` still manage
# the project (the new container kept the compose labels); U runs compose up
# from the labels' files (a stopped service comes back), W compose down
# after a confirmation; D removes a container; `:projects` opens the pane.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
# Debian's docker-compose (1.29) is in .ci/install-deps
for prog in docker-compose tmux jq; do
	command -v "$prog" >/dev/null || bail "$prog is installed"
done
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
state_dir || bail "state dir"
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' || bail "image app:v1"

PROJ=$(mktemp -d /tmp/bt-proj.XXXXXX) || bail "project dir"
cleanup_push "rm -rf '$PROJ'"
mkdir -p "$PROJ/shop" "$PROJ/blog"
# network_mode host: the test engines have no bridge, so compose must
# create no network; sleep as pid 1 ignores SIGTERM: a short grace period
cat >"$PROJ/shop/docker-compose.yml" <<'EOF'
version: "2.4"
services:
  web:
    image: app:v1
    network_mode: host
    stop_grace_period: 1s
  worker:
    image: app:v1
    network_mode: host
    stop_grace_period: 1s
EOF
cat >"$PROJ/blog/docker-compose.yml" <<'EOF'
version: "2.4"
services:
  app:
    image: app:v1
    network_mode: host
    stop_grace_period: 1s
EOF
OUT=/tmp/bt-proj-out.$$
cleanup_push "rm -f $OUT"
dc() { local d=$1; shift; (cd "$PROJ/$d" && docker-compose -p "$d" "$@") >"$OUT" 2>&1; }
cleanup_push "cd '$PROJ/shop' 2>/dev/null && docker-compose -p shop down -t 1 >/dev/null 2>&1; cd '$PROJ/blog' 2>/dev/null && docker-compose -p blog down -t 1 >/dev/null 2>&1; cd /"
# the two projects start side by side (compose is slow to start)
(cd "$PROJ/blog" && docker-compose -p blog up -d) >"$OUT.blog" 2>&1 &
UPBLOG=$!
cleanup_push "rm -f $OUT.blog"
dc shop up -d || bail "docker-compose up shop: $(cat "$OUT")"
wait "$UPBLOG" || bail "docker-compose up blog: $(cat "$OUT.blog")"
docker run -d --name loner --network host bb:latest sleep 1000 >/dev/null || bail "docker run loner"

started() { docker inspect -f '{{.State.StartedAt}}' "$1" 2>/dev/null; }
state() { docker inspect -f '{{.State.Status}}' "$1" 2>/dev/null; }
is_state() { [ "$(state "$1")" = "$2" ]; }
project_ctrs() { docker ps -aq --filter "label=com.docker.compose.project=$1"; }
no_project() { [ -z "$(project_ctrs "$1")" ]; }
# projects_pane NAME [BERTH-ARGS...]: berth in tmux; c once NAME is on the screen
projects_pane() {
	local name=$1
	shift
	tui_start 110 30 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "$BERTH" "$@" || bail "tmux session starts"
	tui_wait 20 tui_has "$name" || bail "the containers pane shows $name"
	tui_keys c
}

# --- the CLI ------------------------------------------------------------------------
J=$("$BERTH" projects --json 2>"$OUT")
tap_check [ $? -eq 0 ] "berth projects --json exits 0 ($(head -c 2000 "$OUT"))"
tap_check [ "$(jq -r 'map(.name) | join(",")' <<<"$J")" = "blog,shop" ] \
	"projects --json lists blog and shop, by name, and not the loner (got: $(jq -c 'map(.name)' <<<"$J" 2>&1) $(cat "$OUT"))"
tap_check [ "$(jq -r '.[] | select(.name == "shop") | "\(.running)/\(.total) \(.services | map(.name) | join(" ")) \(.problem)"' <<<"$J")" = "2/2 web worker false" ] \
	"shop: 2/2 running, services web and worker, no problem"
tap_check [ "$(jq -r '.[] | select(.name == "shop") | .working_dir' <<<"$J")" = "$PROJ/shop" ] \
	"shop's working_dir is its compose directory"
docker stop -t 1 blog_app_1 >/dev/null
"$BERTH" projects >"$OUT" 2>&1
tap_check grep -qE '^! +blog +0/1 +[^ ]+ +app$' "$OUT" "berth projects marks blog (stopped) as a problem ($(head -c 2000 "$OUT"))"
J=$("$BERTH" projects --json 2>"$OUT")
tap_check [ "$(jq -r 'map(.name) | join(",")' <<<"$J")" = "blog,shop" ] "the problem project comes first"
docker start blog_app_1 >/dev/null

# --- read-only ----------------------------------------------------------------------
projects_pane shop_web_1 --read-only
tui_wait 10 tui_has "^ +shop +2/2 +web worker" || bail "c opens the projects pane"
T0=$(started shop_web_1)
tui_keys j r
tap_check tui_wait 5 tui_has "read-only: restart is disabled" "read-only: r on a project is refused"
tui_keys U
tap_check tui_wait 5 tui_has "read-only: compose-up is disabled" "read-only: U is refused"
tap_check [ "$(started shop_web_1)" = "$T0" ] "read-only: nothing was restarted"
tui_stop

# --- the pane -----------------------------------------------------------------------
projects_pane shop_web_1
tap_check tui_wait 10 tui_has "^ +blog +1/1 +app " "the projects pane lists blog: 1/1, service app"
tap_check tui_has "^ +shop +2/2 +web worker +$PROJ/shop" "and shop: 2/2, services web and worker, its directory"
tap_check tui_lacks "loner" "the container without compose labels is not listed"
tui_keys j Enter
tap_check tui_wait 5 tui_has "^ +web +1/1 running" "Enter: the tree shows the service web"
tap_check tui_has "^ +shop_web_1 +running" "and its container under it"
tap_check tui_has "^ +worker +1/1 running" "and the service worker"

# --- project restart: one confirmation, every container -----------------------------
W0=$(started shop_web_1)
K0=$(started shop_worker_1)
tui_keys Escape r
tap_check tui_wait 5 tui_has "Restart project shop \(2 containers\)\?" "r on shop asks once, for 2 containers"
tap_check tui_has "shop_worker_1" "the confirmation lists the containers"
tui_keys y
restarted() { [ "$(started shop_web_1)" != "$W0" ] && [ "$(started shop_worker_1)" != "$K0" ]; }
tap_check wait_until 30 restarted "every container of shop restarted (StartedAt changed)"
tap_check tui_wait 15 tui_has "restart project shop: 2/2 done" "the status bar counts the containers done"
tap_check tui_has "restarted shop_web_1" "the output shows each container's result"
tui_keys l
tap_check tui_wait 5 tui_has "^logs project shop" "l on the project: one logs pane of its containers"
tui_keys q
tui_wait 5 tui_has "^ +shop +2/2" || tap_diag "q did not come back to the projects"

# --- redeploy one service with the deploy runner ------------------------------------
OLD=$(docker inspect -f '{{.Id}}' shop_web_1)
app_image app:v1 cccc003 3 'CMD ["sleep", "1000"]' || bail "image app:v1 rebuilt"
NEWIMG=$(docker image inspect -f '{{.Id}}' app:v1)
# the tree opens with the cursor on its first line, the service web
tui_keys Enter
tui_wait 5 tui_has "^ +web +1/1 running" || bail "Enter opens shop's tree again"
tui_keys R
tap_check tui_wait 5 tui_has "Redeploy service shop/web" "R asks before the service's redeploy"
tui_keys y
redeployed() { [ "$(docker inspect -f '{{.Image}}' shop_web_1 2>/dev/null)" = "$NEWIMG" ] &&
	[ "$(docker inspect -f '{{.Id}}' shop_web_1 2>/dev/null)" != "$OLD" ] && is_state shop_web_1 running; }
tap_check wait_until 60 redeployed "R: shop_web_1 runs the new image in a new container"
tap_check tui_wait 30 tui_has "project redeploy: 1 unit done" "the status bar says the redeploy is done"
tap_check [ "$(docker inspect -f '{{index .Config.Labels "com.docker.compose.project"}}/{{index .Config.Labels "com.docker.compose.service"}}' shop_web_1)" = "shop/web" ] \
	"the new container keeps the compose labels"
tap_check dc shop ps "docker-compose ps runs after the redeploy"
tap_check grep -qE "^shop_web_1 .* Up" "$OUT" "docker-compose ps shows the redeployed shop_web_1 up"
tap_check grep -qE "^shop_worker_1 .* Up" "$OUT" "and shop_worker_1"

# --- a project redeploy stops at the first failure, which is rolled back ------------
# app:v1 now exits at once: web's redeploy fails its readiness and is rolled
# back; worker, next in turn, is left alone
app_image app:v1 dddd004 4 'CMD ["false"]' || bail "image app:v1 (broken)"
WEB1=$(docker inspect -f '{{.Id}}' shop_web_1)
WK1=$(docker inspect -f '{{.Id}}' shop_worker_1)
tui_keys Escape R
tap_check tui_wait 5 tui_has "Redeploy project shop" "R on the project asks once"
tui_keys y
tap_check tui_wait 60 tui_has "project redeploy stopped at 1/2" "the project redeploy stops at the first failure"
tap_check tui_has "rolled back" "which was rolled back"
tap_check [ "$(docker inspect -f '{{.Id}} {{.Image}} {{.State.Status}}' shop_web_1)" = "$WEB1 $NEWIMG running" ] \
	"shop_web_1 is the old container again, running its image"
tap_check [ "$(docker inspect -f '{{.Id}}' shop_worker_1)" = "$WK1" ] "shop_worker_1 was not touched"
app_image app:v1 eeee005 5 'CMD ["sleep", "1000"]' || bail "image app:v1 (fixed)"
tui_keys Enter
tui_wait 5 tui_has "^ +web +1/1 running" || bail "Enter opens shop's tree again"

# --- one service: s in the tree stops only its containers ---------------------------
tui_keys j j s
tap_check tui_wait 5 tui_has "Stop service shop/worker \(1 container\)\?" "s on the service worker asks for its one container"
tui_keys y
tap_check wait_until 30 is_state shop_worker_1 exited "y: shop_worker_1 stopped"
tap_check is_state shop_web_1 running "and shop_web_1 still runs"

# --- compose up and down from the pane ----------------------------------------------
tui_keys Escape
tap_check tui_wait 10 tui_has "^! +shop +1/2 " "a stopped service makes shop a problem, listed first"
# the cursor stays on shop, which moved to the top
tui_keys U
tap_check wait_until 60 is_state shop_worker_1 running "U: compose up starts the stopped service again"
tap_check tui_wait 30 tui_has "compose done" "the output says compose is done"
tui_keys W
tap_check tui_wait 5 tui_has "Compose down project shop" "W asks before compose down"
tui_keys n
tap_check tui_wait 5 tui_has "down.*cancelled" "n cancels it"
tap_check is_state shop_web_1 running "and nothing went down"

# --- remove one container from the tree; the help lists the pane's keys ------------
tui_keys Enter
tui_wait 5 tui_has "^ +shop_worker_1 +running" || bail "Enter opens shop's tree again"
tui_keys j j j D
tap_check tui_wait 5 tui_has "Remove container shop_worker_1 \(1 container, running ones forced; volumes are kept\)\?" \
	"D on a container asks, saying it is forced"
tui_keys y
tap_check wait_until 30 eval '! docker inspect shop_worker_1 >/dev/null 2>&1' "y: shop_worker_1 is removed"
tui_keys '?' G
tap_check tui_wait 5 tui_has "U +compose-up +compose up -d from the project's compose files" "? lists the projects pane's keys"
tui_keys q
tui_stop

# docker-compose down still manages the project, the redeployed container too
tap_check dc shop down -t 1 "docker-compose down succeeds after berth's redeploy"
tap_check no_project shop "and no container of shop is left ($(project_ctrs shop))"

projects_pane blog_app_1
tui_wait 10 tui_has "^ +blog +1/1" || bail "the projects pane shows blog"
tui_keys W
tap_check tui_wait 5 tui_has "Compose down project blog" "W asks before compose down"
tui_keys y
tap_check wait_until 60 no_project blog "W y: compose down removes blog's containers"
tap_check tui_wait 15 tui_has "no compose projects" "the pane then says there are no projects"
# the command line reaches the pane by its name
tui_keys q
tui_wait 5 tui_has "loner" || bail "q goes back to the containers"
tui_keys :
tui_type projects
tui_keys Enter
tap_check tui_wait 5 tui_has "no compose projects" ":projects opens the projects pane"
tui_stop
tap_done
