#!/usr/bin/env bash
# Every test script (tests/engine, tui, faults, pkg: *.sh; tests/fuzz/run.sh)
# and every unit program (tests/unit/check_*.c) is listed in Makefile.am,
# so that make check runs it; and every serial test is a test. TAP.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
n=0
bad=0
# the words of Makefile.am's variable NAME
words() {
	awk -v v="$1" '
		$0 ~ "^" v "[ \t]*[+]?=" { on = 1; sub(/^[^=]*=/, "") }
		on { c = sub(/\\$/, ""); printf "%s ", $0; if (!c) on = 0 }
	' Makefile.am | tr -s ' \t' '  '
}
listed=" $(words LINT_TESTS) $(words ENGINE_TESTS) $(words TUI_TESTS) $(words FAULT_TESTS) $(words FUZZ_TESTS) $(words PKG_TESTS) "
check_one() {
	n=$((n + 1))
	if [[ $listed == *" $1 "* ]]; then
		echo "ok $n - $1 is in Makefile.am's TESTS"
	else
		bad=$((bad + 1))
		echo "not ok $n - $1 is not in Makefile.am's TESTS: add it to $2 (and to SERIAL_TESTS if it measures)"
	fi
}
for f in tests/engine/*.sh; do check_one "$f" ENGINE_TESTS; done
for f in tests/tui/*.sh; do check_one "$f" TUI_TESTS; done
for f in tests/faults/*.sh; do check_one "$f" FAULT_TESTS; done
for f in tests/lint/*.sh; do check_one "$f" LINT_TESTS; done
for f in tests/pkg/*.sh; do check_one "$f" PKG_TESTS; done
check_one tests/fuzz/run.sh FUZZ_TESTS
units=" $(words UNIT_TESTS) "
for f in tests/unit/check_*.c; do
	p=${f%.c}
	n=$((n + 1))
	if [[ $units == *" $p "* ]]; then
		echo "ok $n - $p is in Makefile.am's UNIT_TESTS"
	else
		bad=$((bad + 1))
		echo "not ok $n - $p is not in Makefile.am's UNIT_TESTS"
	fi
done
for t in $(words SERIAL_TESTS); do
	n=$((n + 1))
	if [[ $listed == *" $t "* ]] && [ -f "$t" ]; then
		echo "ok $n - serial test $t is a listed test"
	else
		bad=$((bad + 1))
		echo "not ok $n - serial test $t is not a listed test script"
	fi
done
echo "1..$n"
[ "$bad" -eq 0 ]
