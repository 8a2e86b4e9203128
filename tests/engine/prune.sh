#!/usr/bin/env bash
# berth prune --keep: three deploys of one unit plus unrelated dangling and
# unused images. `prune --images --all --keep 1` removes exactly the
# unused images the unit's rollback does not need, `--dry-run` changes
# nothing, the space reclaimed is printed, `berth rollback` still works
# afterwards, and `berth deploy --keep 0` prunes that unit's older images.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

test_setup jq
state_dir || bail "state dir"
# each app image has a 300 kB layer of its own, so the reclaimed space shows
blob() { echo "RUN [\"/bin/busybox\", \"dd\", \"if=/dev/urandom\", \"of=/blob$1\", \"bs=1024\", \"count=300\"]"; }
for v in 1 2 3 4; do
	app_image "app:v$v" "c00$v" "$v" "$(blob "$v")" 'CMD ["sleep", "1000"]' || bail "image app:v$v"
done
# unrelated: junk:1 built twice (the first becomes dangling), other:1 unused
app_image junk:1 j1 1 'ENV J=1' || bail "junk:1"
dangling=$(docker inspect -f '{{.Id}}' junk:1)
app_image junk:1 j2 2 'ENV J=2' || bail "junk:1 again"
app_image other:1 o1 1 'ENV O=1' || bail "other:1"
id() { docker inspect -f '{{.Id}}' "$1"; }
v1=$(id app:v1) v2=$(id app:v2) v3=$(id app:v3) v4=$(id app:v4)
junk=$(id junk:1) other=$(id other:1) bb=$(id bb:latest)
docker run -d --network none --stop-timeout 1 --name tpl \
	--label berth.service=tpl --label berth.branch=none bb:latest sleep 1000 >/dev/null ||
	bail "template runs"

OUT=/tmp/bt-prune.$$
cleanup_push "rm -f $OUT"
deploy() {
	"$BERTH" deploy shop --branch main --timeout 30 "$@" >"$OUT" 2>&1 ||
		{ tap_diag "$(tail -n 5 "$OUT")"; return 1; }
}
deploy --image app:v1 --from tpl --name shop-main || bail "deploy 1 (app:v1)"
deploy --image app:v2 || bail "deploy 2 (app:v2)"
deploy --image app:v3 || bail "deploy 3 (app:v3)"
tap_check test "$(ctr '{{.Image}}' shop-main)" = "$v3" "three deploys: shop-main runs app:v3"

all_ids() { docker images -q --no-trunc | sort -u; }
before=$(all_ids)
tap_check grep -qx "$dangling" <<<"$before" "the dangling junk image is there"

# --- the TUI: R marks, and P plans the same prune -----------------------------
if command -v tmux >/dev/null; then
	tui_start 120 30 "$BERTH" || bail "tmux session starts"
	tui_wait 15 tui_has 'shop-main' || bail "containers drawn"
	tui_keys i
	tui_wait 10 tui_has 'app:v2 ' || tap_diag "no images pane"
	tap_check grep -qE '^R +app:v2 ' <<<"$(tui_cap)" "images pane: app:v2 is marked R (a rollback needs it)"
	tap_check grep -qE '^R +app:v3 ' <<<"$(tui_cap)" "and app:v3 (the unit runs it)"
	tap_check grep -qE '^ +other:1 ' <<<"$(tui_cap)" "other:1 is not marked"
	tui_keys P
	tap_check tui_wait 10 tui_has 'Prune 5 images, freeing about' "P: one confirmation for the same 5 images"
	tui_keys n
	tui_wait 5 tui_has 'cancelled' || tap_diag "P n did not say cancelled"
	tui_keys q
	tui_keys q
	tui_wait 5 tui_dead || tap_diag "berth did not quit"
	tui_stop
	tap_check test "$(all_ids)" = "$before" "P answered n removed nothing"
	# the unit's branch protected: removing an image its rollback needs asks
	# for the service's name, as every protected action does
	CONF=$OUT.conf
	cleanup_push "rm -f $CONF"
	echo 'set protected-branches main' >"$CONF"
	tui_start 120 30 "$BERTH" --config "$CONF" || bail "tmux session starts (protected)"
	tui_wait 15 tui_has 'shop-main' || bail "containers drawn (protected)"
	tui_keys i
	tui_wait 10 tui_has 'app:v2 ' || tap_diag "no images pane (protected)"
	tui_keys /
	tui_type app:v2
	tui_keys Enter
	tui_wait 5 tui_lacks 'other:1' || tap_diag "filter app:v2"
	tui_keys D
	tap_check tui_wait 10 tui_has "Type the service's name, shop" "protected branch: D on app:v2 (shop/main's rollback needs it) asks for the service's name"
	tui_type y
	tui_keys Enter
	tui_wait 5 tui_has 'cancelled' || tap_diag "a bare y did not cancel"
	tap_check test "$(all_ids)" = "$before" "a bare y removed nothing"
	tui_keys q
	tui_keys q
	tui_keys q
	tui_wait 5 tui_dead || tap_diag "berth did not quit (protected)"
	tui_stop
else
	tap_skip "the images pane's R marks and P" "no tmux"
fi

# --- dry run -------------------------------------------------------------
"$BERTH" prune --images --all --keep 1 --dry-run --json >"$OUT" 2>&1
rc=$?
would=$(jq -r '.would_remove[] | select(.kind == "image") | .id' "$OUT" 2>/dev/null | sort)
expect=$(printf '%s\n' "$v1" "$v4" "$dangling" "$junk" "$other" | sort)
tap_check test "$rc" = 0 "prune --dry-run --json exits 0 (rc $rc)"
if [ "$would" = "$expect" ]; then
	tap_ok "--dry-run would remove exactly app:v1, app:v4, junk:1, other:1 and the dangling image"
else
	tap_fail "--dry-run would remove the expected set (got: $would)"
fi
why_v2=$(jq -r --arg id "$v2" '.kept[] | select(.id == $id) | .why' "$OUT")
why_v3=$(jq -r --arg id "$v3" '.kept[] | select(.id == $id) | .why' "$OUT")
why_bb=$(jq -r --arg id "$bb" '.kept[] | select(.id == $id) | .why' "$OUT")
tap_check grep -q 'rollback of shop/main needs it' <<<"$why_v2" "app:v2 stays: $why_v2"
tap_check grep -q 'in use by 1 container' <<<"$why_v3" "app:v3 stays: $why_v3"
tap_check grep -q 'in use' <<<"$why_bb" "bb:latest stays: $why_bb"
tap_check test "$(all_ids)" = "$before" "--dry-run removed nothing"
"$BERTH" prune --images --all --dry-run >"$OUT" 2>&1
tap_check grep -q 'would reclaim about' "$OUT" "the human --dry-run says what it would reclaim: $(tail -n 1 "$OUT")"
tap_check grep -q '^keep    image app:v2' "$OUT" "and why each image stays"

# --- read-only ------------------------------------------------------------
"$BERTH" --read-only prune --images --all >"$OUT" 2>&1
rc=$?
tap_check test "$rc" != 0 "prune --read-only is refused (rc $rc): $(head -n 1 "$OUT")"
tap_check test "$(all_ids)" = "$before" "and removes nothing"

# --- the prune ------------------------------------------------------------
"$BERTH" prune --images --all --keep 1 >"$OUT" 2>&1
rc=$?
tap_diag "$(tail -n 1 "$OUT")"
tap_check test "$rc" = 0 "prune --images --all --keep 1 exits 0 (rc $rc)"
after=$(all_ids)
gone=$(comm -23 <(echo "$before") <(echo "$after"))
tap_check test "$gone" = "$expect" "it removed exactly the expected five images"
tap_check grep -qE '^removed [0-9]+, kept [0-9]+, failed 0; reclaimed [0-9.]+[kMG]?B \([0-9]+ bytes\)' "$OUT" \
	"the space reclaimed is printed"
bytes=$(sed -n 's/.*(\([0-9]*\) bytes)$/\1/p' "$OUT")
# app:v1 and app:v4 each had a 300 kB layer of their own
tap_check test "${bytes:-0}" -ge 600000 "the reclaimed figure counts the two app layers (${bytes:-?} bytes)"
tap_diag "reclaimed by prune --images --all --keep 1: $bytes bytes"
for i in "$v2" "$v3" "$bb"; do
	grep -qx "$i" <<<"$after" || tap_diag "missing: $i"
done
tap_check test "$(comm -12 <(printf '%s\n' "$v2" "$v3" "$bb" | sort) <(echo "$after") | wc -l)" = 3 \
	"app:v2 (rollback), app:v3 (running) and bb:latest (in use) are still there"

# --- rollback still works ----------------------------------------------------
"$BERTH" rollback shop --branch main --timeout 30 >"$OUT" 2>&1
rc=$?
tap_diag "$(tail -n 2 "$OUT")"
tap_check test "$rc" = 0 "berth rollback after the prune succeeds (rc $rc)"
tap_check test "$(ctr '{{.Image}}' shop-main)" = "$v2" "shop-main runs app:v2 again"

# --- deploy --keep 0 ----------------------------------------------------------
app_image app:v4 c004 4 "$(blob 4)" 'CMD ["sleep", "1000"]' || bail "image app:v4 again"
v4=$(id app:v4)
deploy --image app:v4 --keep 0
rc=$?
tap_check test "$rc" = 0 "deploy --image app:v4 --keep 0 succeeds (rc $rc)"
tap_check grep -q 'reclaimed' "$OUT" "and says what it reclaimed: $(tail -n 1 "$OUT")"
left=$(all_ids)
tap_check test "$(grep -cxF -e "$v2" -e "$v3" <<<"$left")" = 0 "the unit's older images app:v2 and app:v3 are gone"
tap_check grep -qx "$v4" <<<"$left" "app:v4 (running) stays"
tap_check grep -qx "$bb" <<<"$left" "other images (bb:latest) are untouched"
tap_done
