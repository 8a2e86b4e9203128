#!/usr/bin/env bash
# One confirmation policy in every pane. With `set protected-branches
# "stage"` a container (s) and a unit (R redeploy, B rollback) on branch
# stage ask for the service's name, and a bare y changes nothing, while
# production is then a y/n; with no config, production asks for the name
# in each. The redeploy prompt names the commit of an image that has only
# the OCI revision label, as the matrix does.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
command -v jq >/dev/null || bail "jq is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
state_dir || bail "state dir"
CFG=$(mktemp -d /tmp/bt-cfg.XXXXXX) || bail "config dir"
cleanup_push "rm -rf '$CFG'"
mkdir -p "$CFG/empty"
printf 'set protected-branches "stage"\n' >"$CFG/stage"

HC='HEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD true'
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v1"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v2"
out=$(printf 'FROM bb:latest\nLABEL org.opencontainers.image.revision=dddd004 org.opencontainers.image.version=4\nCMD ["sleep", "1000"]\n' |
	DOCKER_BUILDKIT=0 docker build -q -t app:oci - 2>&1) || bail "image app:oci: $out"
docker tag app:v1 app:stage && docker tag app:v1 app:prod || bail "tags"

run() { docker run -d --network none --stop-timeout 1 "$@" >/dev/null; }
run --name cf-stage --label berth.service=shop --label berth.branch=stage app:stage || bail "run cf-stage"
run --name cf-prod --label berth.service=shop --label berth.branch=production app:prod || bail "run cf-prod"
run --name cf-oci --label berth.service=oci --label berth.branch=integration app:oci || bail "run cf-oci"
wait_healthy cf-stage 30 && wait_healthy cf-prod 30 || bail "healthy"
# one deploy of each shop unit from the command line, so B has history
docker tag app:v2 app:stage && docker tag app:v2 app:prod || bail "retag"
"$BERTH" deploy shop --branch stage >/dev/null 2>&1 || bail "cli deploy shop/stage"
"$BERTH" deploy shop --branch production >/dev/null 2>&1 || bail "cli deploy shop/production"

commit() { ctr '{{index .Config.Labels "berth.commit"}}' "$1"; }
state() { ctr '{{.State.Status}}' "$1"; }
nstarts() { jq -r 'select(.ev == "start") | .id' "$BERTH_STATE_DIR/journal.jsonl" 2>/dev/null | wc -l; }
cf_rows() {
	tui_cap | awk '{ n = $1; if (n == "!") n = $2; if (n ~ /^cf-/) print n }' | tr '\n' ' ' | sed 's/ $//'
}
# select NAME in the containers pane: filter down to its one row
select_row() {
	tui_keys Escape
	tui_keys /
	tui_type "$1"
	tui_keys Enter
	only() { [ "$(cf_rows)" = "$1" ]; }
	tui_wait 5 only "$1" || tap_diag "could not select $1 (rows: $(cf_rows))"
}
no_prompt() { tui_lacks 'y = yes|Esc cancels'; }
asks_name() { tui_has "Type the service.s name, $1" && tui_lacks 'y = yes'; }
asks_yn() { tui_has 'y = yes' && tui_lacks 'Type the service'; }
# close: Escape until no prompt is open
close() {
	tui_keys Escape
	tui_wait 3 no_prompt || tap_diag "a prompt stayed open"
}

# === set protected-branches "stage" ============================================
tui_start 120 30 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "XDG_CONFIG_HOME=$CFG/empty" \
	"$BERTH" --config "$CFG/stage" || bail "tmux session starts"
tui_wait 15 tui_has 'cf-stage' || bail "the containers pane shows the test containers"

# --- containers pane -------------------------------------------------------------
select_row cf-stage
tui_keys s
if tui_wait 3 tui_has "cf-stage is on the protected branch 'stage'" && asks_name shop; then
	tap_ok "containers, stage configured: s on cf-stage asks for the service's name"
else
	tap_fail "containers, stage configured: s on cf-stage asks for the service's name"
fi
tui_type y
tui_keys Enter
tui_wait 3 no_prompt || tap_diag "prompt stayed"
sleep 1
tap_check test "$(state cf-stage)" = running "containers: y then Enter on the name prompt leaves cf-stage running"
close
select_row cf-prod
tui_keys s
if tui_wait 3 tui_has 'Stop cf-prod\?' && asks_yn; then
	tap_ok "containers, stage configured: production is a plain y/n (the config replaced the default)"
else
	tap_fail "containers, stage configured: production is a plain y/n"
fi
close

# --- deploys pane: redeploy ----------------------------------------------------------
# app:stage names another image again, so a redeploy would change cf-stage
docker tag app:v1 app:stage || bail "retag app:stage"
n0=$(nstarts)
select_row cf-stage
tui_keys R
tui_wait 5 tui_has 'Redeploy shop/stage on branch stage to commit aaaa001' || tap_diag "no redeploy prompt"
if asks_name shop; then
	tap_ok "deploys, stage configured: R on shop/stage asks for the service's name"
else
	tap_fail "deploys, stage configured: R on shop/stage asks for the service's name (got a y/n)"
fi
tui_keys y
sleep 0.5
tui_keys Enter
tui_wait 3 no_prompt || tap_diag "prompt stayed"
sleep 3
untouched() { [ "$(nstarts)" = "$n0" ] && [ "$(commit "$1")" = bbbb002 ] && tui_lacks 'deploy in progress:|last deploy:'; }
tap_check untouched cf-stage "deploys, stage configured: a bare y does not redeploy shop/stage (journal starts $n0 -> $(nstarts), commit $(commit cf-stage))"

# --- deploys pane: rollback (the pane is still on shop/stage) ---------------------------
tui_wait 5 tui_has 'SERVICE ' || tap_diag "no matrix"
tui_keys Enter
tui_wait 5 tui_has 'history of shop/stage' || tap_diag "no history of shop/stage"
tui_keys B
tui_wait 5 tui_has 'Roll back shop/stage on branch stage to commit' || tap_diag "no rollback prompt"
if asks_name shop; then
	tap_ok "deploys, stage configured: B on shop/stage asks for the service's name"
else
	tap_fail "deploys, stage configured: B on shop/stage asks for the service's name"
fi
close
tui_keys Escape
tui_wait 3 tui_has 'SERVICE ' || tap_diag "history did not close"
tui_keys q
tui_wait 5 tui_has 'SERVICE/BRANCH' || tap_diag "the deploys pane did not close"
tui_keys Escape q
tui_wait 10 tui_dead || tap_diag "did not quit"
tui_stop

# === no config: production is protected =================================================
tui_start 120 30 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "XDG_CONFIG_HOME=$CFG/empty" "HOME=$CFG/empty" \
	"$BERTH" || bail "tmux session starts"
tui_wait 15 tui_has 'cf-stage' || bail "the containers pane shows the test containers"
select_row cf-prod
tui_keys s
if tui_wait 3 tui_has "cf-prod is on the protected branch 'production'" && asks_name shop; then
	tap_ok "containers, no config: s on cf-prod asks for the service's name"
else
	tap_fail "containers, no config: s on cf-prod asks for the service's name"
fi
close
docker tag app:v1 app:prod || bail "retag app:prod"
n0=$(nstarts)
select_row cf-prod
tui_keys R
tui_wait 5 tui_has 'Redeploy shop/production on branch production to commit aaaa001' || tap_diag "no redeploy prompt"
if asks_name shop; then
	tap_ok "deploys, no config: R on shop/production asks for the service's name"
else
	tap_fail "deploys, no config: R on shop/production asks for the service's name"
fi
tui_type y
tui_keys Enter
tui_wait 3 no_prompt || tap_diag "prompt stayed"
sleep 3
tap_check untouched cf-prod "deploys, no config: typing y does not redeploy shop/production"
tui_wait 5 tui_has 'SERVICE ' || tap_diag "no matrix"
tui_keys Enter
tui_wait 5 tui_has 'history of shop/production' || tap_diag "no history of shop/production"
tui_keys B
tui_wait 5 tui_has 'Roll back shop/production on branch production' || tap_diag "no rollback prompt"
if asks_name shop; then
	tap_ok "deploys, no config: B on shop/production asks for the service's name"
else
	tap_fail "deploys, no config: B on shop/production asks for the service's name"
fi
close
tui_keys Escape
tui_wait 3 tui_has 'SERVICE ' || tap_diag "history did not close"
tui_keys q
tui_wait 5 tui_has 'SERVICE/BRANCH' || tap_diag "the deploys pane did not close"
select_row cf-stage
tui_keys R
tui_wait 5 tui_has 'Redeploy shop/stage on branch stage' || tap_diag "no redeploy prompt"
if asks_yn; then
	tap_ok "deploys, no config: stage is a plain y/n"
else
	tap_fail "deploys, no config: stage is a plain y/n"
fi
close
tui_keys Escape

# --- the commit in the redeploy prompt: only the OCI revision label -------------------------
select_row cf-oci
tui_keys R
if tui_wait 5 tui_has 'Redeploy oci/integration on branch integration to commit dddd004 build 4 \(app:oci\)\?'; then
	tap_ok "R on a container with only OCI labels names its commit and build (dddd004, 4)"
else
	tap_fail "R on a container with only OCI labels names its commit and build (dddd004, 4)"
fi
tui_lacks 'to commit \?' && tap_ok "the prompt does not say 'commit ?'" || tap_fail "the prompt does not say 'commit ?'"
close
tap_check tui_has '^[> ] +oci +dddd004 #4' "the matrix shows the same commit (dddd004 #4)"
tui_keys q
tui_wait 5 tui_has 'SERVICE/BRANCH' || tap_diag "the deploys pane did not close"
tui_keys Escape q
if tui_wait 10 tui_dead && [ "$(tui_exit_status)" = 0 ]; then
	tap_ok "q quits, status 0"
else
	tap_fail "q quits, status 0"
fi
tap_check test "$(state cf-stage) $(state cf-prod) $(state cf-oci)" = "running running running" "nothing was stopped"
tap_done
