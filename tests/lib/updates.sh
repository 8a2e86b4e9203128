# shellcheck shell=bash
# Helpers for the newer-image check's tests (source after engine.sh).

# ndist: how many GET /distribution/ the private engine's debug log holds.
ndist() { grep -c 'Calling GET /v[0-9.]*/distribution/' "$ENGINE_DIR/dockerd.log"; }

# updates_quiet_screen DESC CMD...: start the dashboard (CMD, a shell
# command line) in tmux, wait for its check to send two more registry
# requests, then pass DESC if the screen shows no '^' mark and no error.
# Leaves the session running.
updates_quiet_screen() {
	local desc=$1 d
	shift
	d=$(ndist)
	tui_start 160 30 "$@" || bail "tmux session starts"
	tui_wait 20 tui_has 'x-a' || bail "the containers pane shows x-a"
	wait_until 20 sh -c "[ \$(grep -c 'Calling GET /v[0-9.]*/distribution/' '$ENGINE_DIR/dockerd.log') -ge $((d + 2)) ]" ||
		tap_diag "the dashboard's check did not reach the engine"
	sleep 1
	if tui_lacks '^\^ ' && tui_lacks -i 'error|refused|unauthorized|denied|credentials|distribution|registry'; then
		tap_ok "$desc"
	else
		tap_fail "$desc"
		tui_dump
	fi
}
