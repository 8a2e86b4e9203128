#!/usr/bin/env bash
# docs/KEYS.md against the key table and the config parser: every pane of
# keymaps/keymap.c's defaults and every action bound there is named in
# KEYS.md (in backticks), and every `set` option and config command that
# keymaps/config.c parses appears as a config line. TAP.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
doc=docs/KEYS.md
n=0
bad=0
# check WHAT LIST...: one result naming what KEYS.md lacks
check() {
	local what=$1 miss=() i
	shift
	for i in "$@"; do
		grep -qF -- "$i" "$doc" || miss+=("$i")
	done
	n=$((n + 1))
	if [ $# -eq 0 ]; then
		bad=$((bad + 1))
		echo "not ok $n - found no ${what}s in the code (the lint's patterns are stale)"
	elif [ ${#miss[@]} -eq 0 ]; then
		echo "ok $n - $doc names every $what ($#)"
	else
		bad=$((bad + 1))
		echo "not ok $n - $doc lacks these ${what}s: ${miss[*]}"
	fi
}
names() { grep -oE "$2" "$1" | sed 's/^[^"]*"\([^"]*\)".*/\1/' | sort -u; }
# the actions bound in the default table, by name
mapfile -t bound < <(grep -oE '^[[:space:]]*\{ "[a-z]+", KA_[A-Z_]+,' keymaps/keymap.c |
	sed 's/.*\(KA_[A-Z_]*\),/\1/' | sort -u)
acts=()
for k in "${bound[@]}"; do
	a=$(grep -oE "\[$k\] = \"[a-z-]+\"" keymaps/keymap.c | sed 's/.*"\(.*\)"/\1/')
	[ -n "$a" ] && acts+=("\`$a\`")
done
check "bound action" "${acts[@]}"
mapfile -t panes < <(names keymaps/keymap.c '^[[:space:]]*\{ "[a-z]+", KA_' | sed 's/.*/`&`/')
check pane "${panes[@]}"
mapfile -t sets < <(names keymaps/config.c 'strcmp\(name, "[a-z-]+"\)' | sed 's/.*/set &/')
check "set option" "${sets[@]}"
mapfile -t cmds < <({ names keymaps/config.c 'strcmp\(w\[0\], "[a-z-]+"\)'
	names keymaps/config.c 'strncmp\(s \+ skip, "[a-z-]+"'; } | sed 's/$/ /')
check "config command" "${cmds[@]}"
echo "1..$n"
[ $bad -eq 0 ]
