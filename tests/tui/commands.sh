#!/usr/bin/env bash
# Custom commands (`command` lines) in a 120x60 tmux: {name} and
# {label:note} reach a host program as separate arguments, exactly as the
# engine has them, for a label full of shell syntax, and nothing in it
# runs; the exit status shows and a key brings berth back (--no-wait: at
# once); with marks the command runs once per marked row; --in-container
# runs it through the exec API (busybox in the container) with the same
# guarantees; `?` lists the commands; --check-config reports a bad line
# with its number; --read-only refuses them.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

tui_engine_setup

dir=$(mktemp -d /tmp/berth-cmd.XXXXXX) || bail "mktemp"
cleanup_push "rm -rf '$dir'"
# shell syntax that would create files in $dir if anything ran it
note="\$(touch $dir/pwned1) \`touch $dir/pwned2\`; touch $dir/pwned3 && echo '\"x\"' {name}"
docker run -d --name cc-one --network none --label "note=$note" bb:latest sleep 1000 >/dev/null ||
	bail "docker run cc-one"
docker run -d --name cc-two --network none --label note=plain bb:latest sleep 1000 >/dev/null ||
	bail "docker run cc-two"

cat >"$dir/argv.sh" <<'SH'
#!/bin/sh
# one argument a line, after a separator, into $ARGV_OUT
{ echo ---; for a in "$@"; do printf '%s\n' "$a"; done; } >>"$ARGV_OUT"
SH
chmod +x "$dir/argv.sh"
cat >"$dir/config" <<EOF2
# comments and other lines around them
command containers X show -- $dir/argv.sh {name} {label:note} {name}\\ and\\ more '{short-id}'
command containers Y show-quick --no-wait -- $dir/argv.sh {name}
command detail T from-detail --no-wait -- $dir/argv.sh {image} {engine}
command containers Z inside --in-container --no-wait -- /bin/busybox sh -c 'for a; do echo "\$a"; done >/tmp/argv' sh {name} {label:note}
EOF2

check() { local d=$1; shift; if "$@"; then tap_ok "$d"; else tap_fail "$d"; fi; }
status_has() { tui_last_line | grep -qE -- "$1"; }
no_pwned() { ! ls "$dir"/pwned* >/dev/null 2>&1; }
out_is() { [ "$(cat "$dir/out" 2>/dev/null)" = "$1" ]; }
select_row() {
	tui_keys Escape /
	tui_type "$1"
	tui_keys Enter
	tui_wait 5 tui_has "$1"
}

export ARGV_OUT=$dir/out
tui_start 120 60 "ARGV_OUT='$dir/out' $BERTH --config '$dir/config'" || bail "tmux session starts"
tui_wait 15 tui_has 'cc-two' || bail "the containers pane shows the test containers"

# --- on the host, waiting for a key ----------------------------------------------
select_row cc-one
tui_keys X
check "X runs the command: its exit status shows on the plain terminal" \
	tui_wait 10 tui_has 'argv.sh exited with status 0'
check "it waits for a key" tui_wait 3 tui_has 'press any key to return'
id=$(docker inspect -f '{{.Id}}' cc-one)
want=$(printf -- '---\ncc-one\n%s\ncc-one and more\n%s' "$note" "${id:0:12}")
check "the program got {name}, {label:note}, a quoted word and {short-id} as four arguments, literally" \
	out_is "$want"
out_is "$want" || { tap_diag "want: $want"; tap_diag "got: $(cat "$dir/out")"; }
check "nothing in the label ran (no file made by its \$(...), backticks or ;)" no_pwned
tui_keys a
check "a key brings berth back" tui_wait 5 tui_has 'NAME'
check "the status bar says how it ended" tui_wait 3 status_has 'show: .*exited with status 0'

# --- --no-wait, once per marked row -----------------------------------------------
rm -f "$dir/out"
tui_keys Escape
tui_keys g
tui_keys Space
tui_keys Space
tui_wait 3 status_has '2 marked' || tap_diag "marks: $(tui_last_line)"
tui_keys Y
check "with two marks Y runs once per marked row, and --no-wait comes back by itself" \
	tui_wait 10 bash -c "[ \"\$(grep -c -- --- '$dir/out' 2>/dev/null)\" = 2 ] && grep -qx cc-one '$dir/out' && grep -qx cc-two '$dir/out'"
check "berth is back without a key" tui_wait 5 status_has 'show-quick: .*exited with status 0'
tui_keys Escape
tui_wait 3 tui_has 'Clear the 2 marks' && tui_keys y

# --- in the container ----------------------------------------------------------------
select_row cc-one
tui_keys Z
inside_is() { [ "$(docker exec cc-one cat /tmp/argv 2>/dev/null)" = "$1" ]; }
check "--in-container: busybox in the container got {name} and {label:note} literally" \
	wait_until 15 inside_is "$(printf 'cc-one\n%s' "$note")"
check "--in-container: nothing in the label ran there" \
	bash -c "! docker exec cc-one ls $dir 2>/dev/null | grep -q pwned && ! docker exec cc-one ls /tmp | grep -q pwned"
check "--in-container: nothing ran on the host either" no_pwned
check "berth is back (the exec's status in the status bar)" tui_wait 10 status_has 'inside: exec .*exited \(code 0\)'

# --- by name from the : command line (Tab completes it) ------------------------------------
rm -f "$dir/out"
select_row cc-two
tui_keys :
tui_type show-q
tui_keys Tab
check ": completes a custom command's name" tui_wait 3 tui_has ':show-quick'
tui_keys Enter
check ":show-quick runs it for the selected row" \
	wait_until 10 bash -c "grep -qx cc-two '$dir/out' 2>/dev/null"

# --- from the detail pane -----------------------------------------------------------------
rm -f "$dir/out"
select_row cc-two
tui_keys Enter
tui_wait 5 tui_has 'detail cc-two' || tap_diag "no detail pane"
tui_keys T
detail_ran() { [ "$(sed -n 2p "$dir/out" 2>/dev/null)" = bb:latest ] && [ -n "$(sed -n 3p "$dir/out")" ]; }
check "a command bound in the detail pane runs for its container ({image} {engine})" \
	wait_until 10 detail_ran
tui_keys q

# --- the help lists them ---------------------------------------------------------------
tui_keys '?'
check "? lists the custom commands with their keys and names" \
	tui_wait 3 bash -c "tmux -L '$TUI_SOCK' capture-pane -p -t '$TUI_T' | grep -qE '^  X +show +run: '"
tui_keys q q
tui_wait 5 tui_dead || tap_diag "berth did not quit"
tui_stop

# --- read-only refuses them --------------------------------------------------------------
rm -f "$dir/out"
tui_start 120 60 "ARGV_OUT='$dir/out' $BERTH --read-only --config '$dir/config'" || bail "tmux session starts"
tui_wait 15 tui_has 'cc-two' || bail "the containers pane shows the test containers"
tui_keys X
check "--read-only: X is refused" tui_wait 3 status_has 'read-only: show is disabled'
sleep 0.5
check "--read-only: the program did not run" bash -c "! [ -e '$dir/out' ]"
tui_stop

# --- --check-config -----------------------------------------------------------------------
printf 'set theme light\ncommand containers X show -- echo {nmae}\ncommand logs X show -- echo\n' >"$dir/bad"
out=$("$BERTH" --check-config --config "$dir/bad" 2>&1)
rc=$?
check "--check-config fails on bad command lines" [ "$rc" = 1 ]
check "--check-config names the line of a bad placeholder" grep -qF "$dir/bad:2: unknown placeholder '{nmae}'" <<<"$out"
check "--check-config names the line of a pane without a container" grep -qF "$dir/bad:3: command: pane 'logs'" <<<"$out"
tap_done
