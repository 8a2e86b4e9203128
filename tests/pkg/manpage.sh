#!/usr/bin/env bash
# berth(1) against the code: man -l renders it without warnings; every
# command and option of `berth --help`, every action, pane, config command
# and `set` option of keymaps/, every environment variable the product
# reads and every exit status of the deploy commands appears in it; EXAMPLES
# has the Jenkins step and SEE ALSO exists; the bash completion offers every
# command and option of --help. A failure names what is missing and where
# to add it.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
MAN=man/berth.1
[ -f "$MAN" ] || bail "$MAN exists"
command -v man >/dev/null || bail "man is installed (man-db)"

out=$(MANWIDTH=80 man --warnings -l "$MAN" 2>&1 >/dev/null)
tap_check test -z "$out" "man -l $MAN renders without warnings${out:+: $out}"
# wide, so that no word is hyphenated across lines
text=$(MANWIDTH=400 man -l "$MAN" 2>/dev/null)
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS KEYS CONFIGURATION FILES \
	"SHARED STATE DIRECTORY" ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	grep -qx "$s" <<<"$text" || tap_fail "berth(1) has a $s section"
done
tap_ok "berth(1) has its sections"

# the words of the page as rendered (hyphens and fonts resolved)
words=" $(tr -s ' \t,()[]|.;:' '\n' <<<"$text" | sort -u | tr '\n' ' ') "
has() {
	[[ $words == *" $1 "* ]] || grep -qF -- "$1" <<<"$text"
}
# missing WHAT WHERE ITEM...: one result naming every ITEM the page lacks
missing() {
	local what=$1 where=$2 miss=() i
	shift 2
	for i in "$@"; do
		has "$i" || miss+=("$i")
	done
	if [ ${#miss[@]} -eq 0 ]; then
		tap_ok "berth(1) names every $what ($#)"
	else
		tap_fail "berth(1) lacks these ${what}s (add them to $MAN, $where): ${miss[*]}"
	fi
}

help=$("$BERTH" --help 2>&1)
mapfile -t opts < <(grep -oE -- '(^|[ [])--?[A-Za-z][A-Za-z-]*' <<<"$help" | tr -d ' [' | sort -u)
[ ${#opts[@]} -gt 10 ] || tap_fail "berth --help lists options (found ${#opts[@]})"
missing option "OPTIONS" "${opts[@]}"
mapfile -t cmds < <(grep -oE '^ *berth [a-z][a-z-]*' <<<"$help" | awk '{ print $2 }' | sort -u)
[ ${#cmds[@]} -ge 7 ] || tap_fail "berth --help lists the commands (found ${#cmds[@]})"
missing command "COMMANDS" "${cmds[@]}"

# names FILE REGEX: the quoted name in each match of REGEX in FILE, sorted
names() {
	grep -oE "$2" "$1" | sed 's/^[^"]*"\([^"]*\)".*/\1/' | sort -u
}
mapfile -t actions < <(names keymaps/keymap.c '\[KA_[A-Z_]+\] = "[a-z-]+"')
[ ${#actions[@]} -gt 30 ] || tap_fail "keymaps/keymap.c's action names are found (${#actions[@]})"
missing "key action" "KEYS, a table row: key, action, what it does" "${actions[@]}"
mapfile -t panes < <(names keymaps/keymap.c '^[[:space:]]*\{ "[a-z]+", KA_')
missing pane "KEYS (a .SS per pane) and the bind line's pane list" "${panes[@]}"
mapfile -t sets < <(names keymaps/config.c 'strcmp\(name, "[a-z-]+"\)')
[ ${#sets[@]} -ge 5 ] || tap_fail "keymaps/config.c's set options are found (${#sets[@]})"
missing "config set option" "CONFIGURATION, a .TP per set line" "${sets[@]}"
mapfile -t confcmds < <(names keymaps/config.c 'strcmp\(w\[0\], "[a-z-]+"\)')
missing "config command" "CONFIGURATION" "${confcmds[@]}"

mapfile -t envs < <(grep -rhoE 'getenv\("[A-Z_]+"\)' --include='*.c' \
	dockerapi model deploy views keymaps tui ./*.c | sed 's/.*("\(.*\)")/\1/' | sort -u)
missing "environment variable" "ENVIRONMENT" "${envs[@]}" BERTH_LABEL_SERVICE \
	BERTH_LABEL_BRANCH BERTH_LABEL_COMMIT BERTH_LABEL_BUILD

exits=$(grep -oE 'EXIT_[A-Z_]+ = [0-9]+' deploy/cli.c | awk '{ print $3 }' | sort -u)
status=$(sed -n '/^EXIT STATUS$/,/^EXAMPLES$/p' <<<"$text")
miss=
for e in $exits; do
	grep -qE "^ {7}$e( |\$)" <<<"$status" || miss="$miss $e"
done
tap_check test -n "$exits" -a -z "$miss" "EXIT STATUS explains every exit status of deploy/cli.c ($(echo $exits))${miss:+; missing:$miss}"

ex=$(sed -n '/^EXAMPLES$/,/^SEE ALSO$/p' <<<"$text")
if grep -q 'berth deploy shop --branch "$BRANCH"' <<<"$ex" && grep -q "BERTH_STATE_DIR" <<<"$ex" &&
	grep -q "docker build" <<<"$ex"; then
	tap_ok "EXAMPLES has the Jenkins build and deploy steps"
else
	tap_fail "EXAMPLES has the Jenkins build and deploy steps (README's Jenkins example)"
fi
see=$(sed -n '/^SEE ALSO$/,$p' <<<"$text")
tap_check grep -q 'docker(1)' <<<"$see" "SEE ALSO names docker(1)"

# the completion offers what --help lists
comp=completion/berth
miss=
for o in "${opts[@]}" "${cmds[@]}"; do
	grep -qE -- "(^|[[:space:]\"])$o([[:space:]\")]|\$)" "$comp" || miss="$miss $o"
done
tap_check test -z "$miss" "the bash completion offers every command and option of --help${miss:+ (add to $comp:$miss)}"
tap_done
