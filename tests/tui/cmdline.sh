#!/usr/bin/env bash
# The ':' command line in tmux (completion, candidates, history, Esc, an
# unknown name, a pane and an action by name) at 80x24 and 200x50, and
# routes: overlapping VIRTUAL_HOST values from two units under one host,
# marked, in `berth routes --json` and the routes pane (u, :routes), whose
# Enter opens the containers that claim the host.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

test_setup jq

run() { docker run -d --network none --stop-timeout 1 "$@" >/dev/null || bail "docker run $*"; }
# two units claim shop.example (the copy-pasted stage); one also claims www
run --name shop-prod --label berth.service=shop --label berth.branch=production \
	-e 'VIRTUAL_HOST=shop.example, www.shop.example' -e VIRTUAL_PORT=8080 bb:latest sleep 1000
run --name shop-stage --label berth.service=shop --label berth.branch=staging \
	-e VIRTUAL_HOST=shop.example -e VIRTUAL_PORT=8080 bb:latest sleep 1000
# a host whose only backend has stopped
run --name blog-1 --label berth.service=blog -e VIRTUAL_HOST=blog.example bb:latest true
# several exposed ports and no VIRTUAL_PORT
run --name api-1 --label berth.service=api --expose 80 --expose 9090 \
	-e VIRTUAL_HOST=api.example bb:latest sleep 1000
run --name plain-1 bb:latest sleep 1000
wait_until 20 sh -c '[ "$(docker inspect -f "{{.State.Status}}" blog-1)" = exited ]' ||
	bail "blog-1 has exited"

# --- berth routes --json -------------------------------------------------------
J=$(timeout 20 "$BERTH" routes --json 2>/dev/null)
tap_check test "$(jq length <<<"$J")" -eq 4 "routes --json: four hosts ($(jq -c '[.[].host]' <<<"$J"))"
shop=$(jq -c '.[] | select(.host == "shop.example")' <<<"$J")
tap_check test "$(jq -r '[.containers[].name] | sort | join(",")' <<<"$shop")" = "shop-prod,shop-stage" \
	"shop.example: claimed by shop-prod and shop-stage"
tap_check test "$(jq -r '[.containers[] | .service + "/" + .branch + ":" + .state + ":" + .port] | sort | join(" ")' <<<"$shop")" \
	= "shop/production:running:8080 shop/staging:running:8080" "shop.example: each container's unit, state and port"
if jq -e '.problems | any(test("different units"))' <<<"$shop" >/dev/null; then
	tap_ok "shop.example is marked: claimed by different units"
else
	tap_fail "shop.example is marked: claimed by different units ($shop)"
fi
tap_check test "$(jq -c '.[] | select(.host == "www.shop.example") | [.containers[].name, .problems]' <<<"$J")" \
	= '["shop-prod",[]]' "www.shop.example (the list split, trimmed): shop-prod, no problem"
if jq -e '.[] | select(.host == "blog.example") | .problems | any(test("stopped or unhealthy"))' <<<"$J" >/dev/null; then
	tap_ok "blog.example is marked: its only backend has stopped"
else
	tap_fail "blog.example is marked: its only backend has stopped"
fi
if jq -e '.[] | select(.host == "api.example") | .problems | any(test("2 ports and sets no VIRTUAL_PORT"))' <<<"$J" >/dev/null; then
	tap_ok "api.example is marked: two exposed ports, no VIRTUAL_PORT"
else
	tap_fail "api.example is marked: two exposed ports, no VIRTUAL_PORT"
fi
tap_check test "$(jq -r '[.[] | (.problems | length > 0)] | map(tostring) | join(",")' <<<"$J")" \
	= "true,true,true,false" "problem hosts come first"
T=$(timeout 20 "$BERTH" routes 2>/dev/null)
tap_check grep -qE '^! shop\.example +shop-prod \(running\) shop-stage \(running\)' <<<"$T" \
	"berth routes (text): a marked line for shop.example"

# --- the ':' line at 80x24 ---------------------------------------------------------
tui_start 80 24 "$BERTH" || bail "tmux session starts"
tui_wait 20 tui_has "shop-prod" || bail "the containers pane shows the containers"
tui_keys :
tap_check tui_wait 5 tui_has '^:_ *$' "':' opens the command line at the bottom"
tui_type rou
tui_keys Tab
tap_check tui_wait 5 tui_has '^:routes_' "Tab completes 'rou' to 'routes'"
tui_keys Enter
tap_check tui_wait 5 tui_has '^! +shop\.example +shop-prod, shop-stage' ":routes opens the routes pane, shop.example marked first"
tap_check tui_has 'routes: 4 hosts, 3 with problems' "the status bar counts hosts and problems"
tui_keys j j Enter
if tui_wait 5 tui_has 'filter .shop\.example.' && tui_has 'shop-stage' && tui_lacks 'api-1'; then
	tap_ok "Enter opens the containers that claim shop.example"
else
	tap_fail "Enter opens the containers that claim shop.example"
fi
tui_keys Escape q
tui_wait 5 tui_has 'routes: 4 hosts' || tap_diag "Esc, q did not go back to routes"
tui_keys q
tui_wait 5 tui_has 'plain-1' || tap_diag "q did not go back to the containers"
tui_keys u
tap_check tui_wait 5 tui_has 'routes: 4 hosts' "u opens the routes pane"
tui_keys q
tui_wait 5 tui_has 'plain-1' || tap_diag "q did not go back to the containers"

tui_keys : Up
tap_check tui_wait 5 tui_has '^:routes_' "Up recalls the last command"
tui_keys Escape
tap_check tui_wait 5 tui_lacks '^:' "Esc cancels the command line"
tui_keys :
tui_type de
tui_keys Tab
if tui_wait 5 tui_has '^deploys +detail' && tui_has '^:deploys_'; then
	tap_ok "Tab on 'de' lists deploys and detail and shows the first"
else
	tap_fail "Tab on 'de' lists deploys and detail and shows the first"
fi
tui_keys Tab
tap_check tui_wait 5 tui_has '^:detail_' "Tab again cycles to detail"
tui_keys C-u
tui_type bogus
tui_keys Enter
tap_check tui_wait 5 tui_has 'unknown command: bogus' "an unknown name says so in the status bar"
tui_keys : Up Up
tap_check tui_wait 5 tui_has '^:routes_' "Up twice goes back past bogus to routes"
tui_keys Escape
tui_keys :
tui_type events
tui_keys Enter
tap_check tui_wait 5 tui_has 'events: [0-9]+ shown' ":events opens the events pane"
tui_keys :
tui_type containers
tui_keys Enter
tap_check tui_wait 5 tui_has 'containers? \|' ":containers goes back to the containers pane"
tui_keys :
tui_type toggle-all
tui_keys Enter
if tui_wait 5 tui_has 'running only' && tui_lacks 'blog-1'; then
	tap_ok ":toggle-all runs the action as its key would (running only: blog-1 goes)"
else
	tap_fail ":toggle-all runs the action as its key would (running only: blog-1 goes)"
fi
tui_keys ?
if tui_wait 5 tui_has 'command line' && tui_has '^ *:'; then
	tap_ok "? lists ':'"
else
	tap_fail "? lists ':'"
	tui_dump
fi
tui_keys q

# --- 200x50 ----------------------------------------------------------------------
tmx resize-window -t bt -x 200 -y 50
tui_keys :
tui_type routes
tui_keys Enter
if tui_wait 5 tui_has 'HOST +CONTAINERS +SERVICE/BRANCH +STATE +PORT +PROBLEM' &&
	tui_has 'shop\.example +shop-prod, shop-stage +shop/production, shop/staging +running, running +8080, 8080 +claimed by different units'; then
	tap_ok "200x50: the routes pane shows every column"
else
	tap_fail "200x50: the routes pane shows every column"
	tui_dump
fi
tui_keys :
tap_check tui_wait 5 test "$(tui_cap | sed -n 49p)" = ":_" "200x50: the command line is on the bottom row, over the status bar"
tui_keys Escape q q
tap_check tui_wait 10 tui_dead "q quits"
tap_check test "$(tui_exit_status)" = 0 "berth exits 0"
tap_done
