#!/usr/bin/env bash
# The bash completion (completion/berth), sourced after bash-completion as
# a shell would, with COMP_WORDS set: it completes a command and options,
# and container, service and branch names that berth __complete reads from
# the engine named on the line; an engine word a shell could act on is
# never offered; with no engine answering a Tab press stays short and quiet.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
BC=/usr/share/bash-completion/bash_completion
[ -f "$BC" ] || bail "bash-completion is installed ($BC)"
D=$(mktemp -d /tmp/btc.XXXXXX)
cleanup_push "rm -rf '$D'"
engine_trap
mkdir -p "$D/bin"
ln -s "$(cd "$(dirname "$BERTH")" && pwd)/$(basename "$BERTH")" "$D/bin/berth"
COMP=$PWD/completion/berth

engine_start || bail "private engine starts"
bb_image || bail "busybox image builds"
docker run -d --network none --name shop-integration --label berth.service=shop \
	--label berth.branch=integration bb:latest sleep 1000 >/dev/null || bail "container starts"
docker run -d --network none --name shopworker --label berth.service=shop-worker \
	--label 'berth.branch=x;touch${IFS}pwned' bb:latest sleep 1000 >/dev/null || bail "container starts"
docker create --network none --name billing-production bb:latest true >/dev/null || bail "container is created"

# comp LINE: COMPREPLY, one a line, for the command line LINE (cursor at its end)
comp() {
	PATH="$D/bin:$PATH" bash --norc --noprofile -c '
		. "$1" && . "$2" || exit 9
		COMP_LINE=$3
		COMP_POINT=${#COMP_LINE}
		# as bash splits it: COMP_WORDBREAKS characters are words of their own
		if [ "$4" = split ]; then
			read -ra COMP_WORDS <<<"$(sed "s/:/ : /g; s/=/ = /g" <<<"$COMP_LINE")"
		else
			read -ra COMP_WORDS <<<"$COMP_LINE"
		fi
		[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_berth berth "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' comp "$BC" "$COMP" "$1" "${SPLIT:-}" 2>"$D/comp.err"
}
# expect LINE WANT...: the completions of LINE are exactly WANT
expect() {
	local line=$1 got want
	shift
	got=$(comp "$line" | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	tap_check test "$got" = "$want" "'$line<Tab>' offers: ${want:-nothing}${got:+(got: $got)}"
}

expect "berth de" deploy
expect "berth h" history
expect "berth ps --ru" --running
expect "berth deploy shop --st" --strategy --state-dir --stats-api
expect "berth deploy shop --strategy s" stop-first start-first
H=$DOCKER_HOST
expect "berth -H $H deploy shop --branch int" integration
expect "berth -H $H deploy shop --name shop-" shop-integration
expect "berth -H $H deploy shop --name b" billing-production
expect "berth -H $H rollback sh" shop shop-worker
expect "berth -H $H history " billing-production shop shop-worker
expect "berth --host=$H deploy shop --from s" shop-integration shopworker
SPLIT=split expect "berth -H $H deploy shop --name b" billing-production
SPLIT=split expect "berth --host=$H deploy shop --branch i" integration
tap_check test ! -e pwned -a ! -e "$D/pwned" "no engine word was run by the shell"

out=$("$BERTH" -H "$H" __complete branches | tr '\n' ' ')
tap_check test "$out" = "integration latest " "berth __complete branches prints the shell-safe branches only (labels, else the image tag): $out"
out=$("$BERTH" -H "$H" __complete containers | tr '\n' ' ')
tap_check test "$out" = "billing-production shop-integration shopworker " "berth __complete containers prints every name, sorted: $out"
"$BERTH" __complete nonsense >/dev/null 2>&1
tap_check test $? = 2 "berth __complete with an unknown word is a usage error"

t0=$(date +%s%N)
out=$(comp "berth -H unix://$D/none.sock deploy shop --name ")
ms=$((($(date +%s%N) - t0) / 1000000))
tap_check test -z "$out" -a "$ms" -lt 6000 "with no engine answering, the completion offers nothing, in ${ms} ms (under 6 s), and says nothing: $(cat "$D/comp.err")"
tap_check test ! -s "$D/comp.err" "nothing on stderr from the completion"
tap_done
