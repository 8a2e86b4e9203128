#!/usr/bin/env bash
# The deploys pane in tmux: the service x branch matrix, a unit's history,
# R redeploy with a confirmation naming branch and commit, the protected
# branch asking for the service's name, B rollback from history,
# --read-only refusing both, and at 80x24 the three stages side by side
# and PgUp/PgDn/Home/End moving the cursor.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
state_dir || bail "state dir"
HC='HEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD true'
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v1"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v2"
app_image app:v3 cccc003 3 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v3"
docker tag app:v1 app:int && docker tag app:v1 app:prod || bail "tags"
OUT=/tmp/bt-out.$$
cleanup_push "rm -f $OUT"

run() { docker run -d --network none --stop-timeout 1 "$@" >/dev/null; }
run --name shop-int --label berth.service=shop --label berth.branch=integration app:int || bail "run shop-int"
run --name shop-prod --label berth.service=shop --label berth.branch=production app:prod || bail "run shop-prod"
run --name api-val --label berth.service=api --label berth.branch=validation app:v1 || bail "run api-val"
wait_healthy shop-int 30 && wait_healthy shop-prod 30 || bail "healthy"
# one deploy from the command line, so history has something
docker tag app:v2 app:int
"$BERTH" deploy shop --branch integration >"$OUT" 2>&1 || bail "cli deploy: $(cat "$OUT")"
commit() { ctr '{{index .Config.Labels "berth.commit"}}' "$1"; }

tui_start 150 32 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "$BERTH" || bail "tmux session starts"
tui_wait 15 tui_has "shop-int" || bail "the containers pane shows shop-int"

# --- the matrix -----------------------------------------------------------------
tui_keys d
if tui_wait 5 tui_has "SERVICE +integration +validation +production"; then
	tap_ok "d opens the matrix: a column per branch, stages in order"
else
	tap_fail "d opens the matrix: a column per branch"
fi
tap_check tui_wait 3 tui_has "^[> ] +shop +bbbb002 #2 .*root healthy +\. +aaaa001 #1" "shop row: integration bbbb002 #2 by root, healthy; no validation; production aaaa001 #1"
tap_check tui_has "^[> ] +api +\. +aaaa001 #1" "api row: only validation"
tui_dump

# go to shop / integration
tui_keys g j h h h
tui_keys Enter
tap_check tui_wait 5 tui_has "history of shop/integration" "Enter opens the unit's history"
tap_check tui_has "aaaa001#1 +bbbb002#2 +succeeded" "history: from aaaa001#1 to bbbb002#2, succeeded"
tap_check tui_has "root +cli" "history: who and via"
tui_keys Escape
tui_wait 3 tui_has "SERVICE +integration"

# --- R: redeploy with confirmation ------------------------------------------------
docker tag app:v3 app:int
tui_keys R
if tui_wait 5 tui_has "Redeploy shop/integration on branch integration to commit cccc003 build 3 \(app:int\)\?" && tui_has "y = yes"; then
	tap_ok "R asks, naming the branch and the target commit (cccc003 from app:int's image)"
else
	tap_fail "R asks, naming the branch and the target commit"
fi
tui_keys n
tap_check tui_wait 3 tui_has "cancelled" "n cancels"
tap_check test "$(commit shop-int)" = bbbb002 "nothing changed after n"
tui_keys R
tui_wait 5 tui_has "y = yes" || tap_diag "no prompt"
tui_keys y
tap_check tui_wait 10 tui_has "deploy in progress:|last deploy:" "progress is shown in the pane"
deployed() { [ "$(commit shop-int)" = cccc003 ] && tui_has "^last deploy:" && tui_has "deploy succeeded"; }
tap_check tui_wait 40 deployed "the redeploy finishes: shop-int runs cccc003, the status says succeeded"
tap_check tui_has "renamed_new|removed_old" "progress showed the steps"
tap_check test "$(unit_containers shop integration)" = "shop-int running" "one container of the unit"
tap_check test "$(jq -r 'select(.ev == "start") | .via' "$BERTH_STATE_DIR/journal.jsonl" | tail -n 1)" = tui "the journal says via tui"

# --- B: rollback from history --------------------------------------------------------
tui_keys Enter
tui_wait 5 tui_has "history of shop/integration" || tap_diag "no history"
tap_check tui_has "bbbb002#2 +cccc003#3 +succeeded" "the new deploy is first in history"
tui_keys j B
if tui_wait 5 tui_has "Roll back shop/integration on branch integration to commit bbbb002 build 2"; then
	tap_ok "B asks, naming the branch and the entry's commit"
else
	tap_fail "B asks, naming the branch and the entry's commit"
fi
tui_keys y
rolled() { [ "$(commit shop-int)" = bbbb002 ] && tui_has "^last deploy:"; }
tap_check tui_wait 40 rolled "the rollback finishes: shop-int runs bbbb002 again"
tap_check test "$(ctr '{{.Config.Image}}' shop-int)" = app:v2 "the rollback uses a ref that still names the image (app:v2), not an id"
tap_check test "$(jq -r 'select(.ev == "start") | .rollback_of // empty' "$BERTH_STATE_DIR/journal.jsonl" | tail -n 1)" != "" "journaled as a rollback"
tui_keys Escape

# --- the protected branch wants the service's name -------------------------------------
tui_keys l l
docker tag app:v2 app:prod
tui_keys R
prod_asks() { tui_has "Redeploy shop/production on branch production to commit bbbb002" && tui_has "Type the service.s name, shop"; }
tap_check tui_wait 5 prod_asks "production asks for the service's name"
tui_type wrong
tui_keys Enter
tap_check tui_wait 3 tui_has "did not match" "a wrong name cancels"
tap_check test "$(commit shop-prod)" = aaaa001 "shop-prod untouched"
tui_keys R
tui_wait 5 tui_has "Type the service.s name" || tap_diag "no prompt"
tui_type shop
tui_keys Enter
prod() { [ "$(commit shop-prod)" = bbbb002 ] && tui_has "^last deploy:"; }
tap_check tui_wait 40 prod "typing the name deploys production"
tui_keys q q
tui_wait 10 tui_dead || tap_diag "did not quit"
tap_check test "$(tui_exit_status)" = 0 "the dashboard exits 0"
tui_stop

# --- read-only -----------------------------------------------------------------------
tui_start 150 32 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "$BERTH" --read-only || bail "tmux session starts"
tui_wait 15 tui_has "shop-int" || tap_diag "no containers"
tui_keys d R
tap_check tui_wait 5 tui_has "read-only: redeploy is disabled" "--read-only: R is refused"
tui_keys Enter B
tap_check tui_wait 5 tui_has "read-only: rollback is disabled" "--read-only: B is refused"
tui_keys q q q
tui_wait 10 tui_dead
tui_stop

# --- 80x24: the three stages side by side; PgUp, PgDn, Home, End ------------------------
# more services than a page holds (svc01..svc26 sort after api and shop)
for i in $(seq -w 1 26); do
	run --name "many$i" --label berth.service="svc$i" --label berth.branch=validation bb:latest sleep 1000 ||
		bail "run many$i"
done
tui_start 80 24 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "$BERTH" || bail "tmux session starts"
tui_wait 15 tui_has "[0-9]+ containers" || tap_diag "no containers"
tui_keys d
tap_check tui_wait 5 tui_has "^  SERVICE +integration +validation +production *$" "80x24: the three stages side by side"
tap_check tui_wait 5 tui_has "^[> ] +shop +bbbb002 #2 [a-z]+ +\\. +bbbb002 #2 [a-z]+ *$" "80x24: shop shows integration and production, compact"
tap_check tui_has "^[> ] +api +\\. +aaaa001 #1 [a-z]+ +\\. *$" "80x24: api shows validation"
tap_check tui_has "^[> ] +svc01 +\\. +[0-9a-f-]+" "80x24: svc01 (no commit label) has its validation cell"
wide=0
while IFS= read -r l; do
	[ "${#l}" -gt 80 ] && wide=$((wide + 1))
done < <(LC_ALL=C.UTF-8 tui_cap)
tap_check test "$wide" = 0 "80x24: no line is wider than 80 columns ($wide)"
tui_dump
tui_keys Home
tui_wait 3 tui_has "^> +api " || tap_diag "Home did not go to api"
tui_keys End
tap_check tui_wait 3 tui_has "^> +svc26 .*" "End selects the last service and scrolls it into view"
tap_check tui_has " svc26/" "End: the status bar names svc26"
tap_check tui_lacks "^[> ] +api " "End: the first rows scrolled away"
tui_keys PageUp
tap_check tui_wait 3 tui_lacks " svc2[56]/" "PgUp moves up a page, not a row"
tap_check tui_lacks " api/" "PgUp from the end does not reach the top of 28 rows"
tui_keys PageDown
tap_check tui_wait 3 tui_has " svc26/" "PgDn moves back down a page, to the last service"
tui_keys Home
tap_check tui_wait 3 tui_has "^> +api " "Home goes back to the first service"
tap_check tui_has " api/" "Home: the status bar names api"
tui_keys q q
tui_wait 10 tui_dead
tui_stop
tap_done
