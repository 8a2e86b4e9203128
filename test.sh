#!/usr/bin/env bash
# test.sh - the CI matrix: build berth three ways, `make check` each time.
#
#   ./test.sh [--quick] [--only PATTERN]
#
# Pass 1: configure --enable-werror, make, make check: the unit programs,
# the lint scripts, the engine, tui and fault scripts, a short fuzz of
# every target and the packaging checks (tests/pkg: install, man page,
# completion, distcheck, the .deb, the shared journal; pass 1 only). Pass 2 (not with --quick): rebuild with --enable-sanitizers
# and run unit, engine, tui and fault tests again under ASan/UBSan, then
# (pass 3) the threaded parts under TSan. Tests run two at a time
# (TEST_JOBS=1 for one); those that measure time or memory run alone.
# Every test prints TAP; the last line of the output is "N passed, N
# failed". Logs go to test-logs/. Packages: .ci/install-deps.
set -u
cd "$(dirname "$0")" || exit 1
ROOT=$PWD

QUICK=0
ONLY=
usage() {
	sed -n '2,13s/^# \{0,1\}//p' "$0"
}
while [ $# -gt 0 ]; do
	case $1 in
	--quick) QUICK=1 ;;
	--only) shift; ONLY=${1:-} ;;
	--only=*) ONLY=${1#--only=} ;;
	-h | --help) usage; exit 0 ;;
	*) echo "test.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
	esac
	shift
done

LOGDIR=$ROOT/test-logs
rm -rf "$LOGDIR"
mkdir -p "$LOGDIR"
PASSED=0
FAILED=0
SKIPPED=0
FAILURES=()

say() {
	printf '%s\n' "$*"
	printf '%s\n' "$*" >>"$LOGDIR/summary.log"
}

finish() {
	say ""
	if [ ${#FAILURES[@]} -gt 0 ]; then
		say "failures:"
		local f
		for f in "${FAILURES[@]}"; do
			say "  $f"
		done
	fi
	[ "$SKIPPED" -gt 0 ] && say "($SKIPPED skipped, not counted as passed)"
	say "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
	exit
}

# fail_step WHAT: a build step failed; count it and stop.
fail_step() {
	FAILED=$((FAILED + 1))
	FAILURES+=("$1")
	say "not ok - $1 (see test-logs/)"
	finish
}

.ci/install-deps "$LOGDIR/apt.log" || fail_step "install packages (.ci/install-deps)"

# ---------------------------------------------------------------- build

# build NAME CONFIGURE-ARGS...
build() {
	local name=$1 log="$LOGDIR/build-$1.log"
	shift
	say "== build ($name): configure $*"
	{
		if [ -f Makefile ]; then
			make distclean || make clean
		fi
		# check_PROGRAMS are only built by "make check"
		autoreconf -fi && ./configure "$@" && make -j2 && make -j2 check TESTS=
	} >"$log" 2>&1
	local rc=$?
	if [ $rc -ne 0 ] || [ ! -x ./berth ]; then
		tail -n 40 "$log"
		fail_step "build ($name)"
	fi
	say "   ok (log: test-logs/build-$name.log)"
}

# ---------------------------------------------------------------- running

# Pass 1 runs make -j$TEST_JOBS check, two tests at a time (the machine has
# two cores and most tests wait on an engine): the fuzzers first (they run
# for a fixed time) beside the tests that do not measure, then Makefile.am's
# SERIAL_TESTS (they measure time, throughput or memory) one at a time:
# tests/lib/run-test runs the ones named in BERTH_TEST_ALONE alone. Under
# the sanitizers tests run three at a time (TEST_JOBS_SAN), and only bounds
# that still hold there (events_latency's 1 s) keep a test alone.
TEST_JOBS=${TEST_JOBS:-2}
ALONE_SAN='events_latency|fuzz/run\.sh'

selected() {
	[ -n "${SKIP:-}" ] && [[ $1 =~ $SKIP ]] && return 1
	[ -z "$ONLY" ] && return 0
	[[ $1 =~ $ONLY ]]
}

# trs_of TEST / log_of TEST: the files the TAP driver writes for TEST
trs_of() {
	case $1 in
	*.sh) echo "${1%.sh}.trs" ;;
	*) echo "$1.trs" ;;
	esac
}
log_of() {
	local t
	t=$(trs_of "$1")
	echo "${t%.trs}.log"
}

# run_pass PASS KINDS: make check with the selected tests of KINDS (a regex
# on test paths), then count their results from the .trs files.
run_pass() {
	local pass=$1 kinds=$2 t all alone= list=() nunit=0
	all=$(make -s print-tests) || { fail_step "[$pass] make print-tests"; }
	for t in $all; do
		[[ $t =~ $kinds ]] || continue
		[[ $t == tests/unit/check_* ]] && nunit=$((nunit + 1))
		selected "$t" && list+=("$t")
	done
	if [ "$nunit" -eq 0 ] && [[ tests/unit/check_ =~ $kinds ]]; then
		say "# no unit test programs (tests/unit/check_*) are in TESTS (is check installed?)"
		if selected tests/unit/check_; then
			FAILED=$((FAILED + 1))
			FAILURES+=("[$pass] no unit test programs built")
		fi
	fi
	if [ ${#list[@]} -eq 0 ]; then
		say "== [$pass] no test selected"
		return 0
	fi
	local jobs=$TEST_JOBS
	if [ "$pass" = pass1 ]; then
		# The fuzzers run for a fixed time whatever else runs, so they
		# start first beside the tests that do not measure; the tests
		# that measure come last, one at a time.
		local serial s fuzz=() rest=() last=()
		serial=" $(make -s print-serial-tests | tr '\n' ' ') "
		for t in "${list[@]}"; do
			if [[ $t == tests/fuzz/* ]]; then
				fuzz+=("$t")
			elif [[ $serial == *" $t "* ]]; then
				last+=("$t")
				alone="$alone $t"
			else
				rest+=("$t")
			fi
		done
		list=("${fuzz[@]}" "${rest[@]}" "${last[@]}")
	else
		for t in "${list[@]}"; do
			[[ $t =~ $ALONE_SAN ]] && alone="$alone $t"
		done
		# under the sanitizers the tests mostly wait on their engines
		jobs=${TEST_JOBS_SAN:-$((TEST_JOBS > 1 ? TEST_JOBS + 1 : 1))}
	fi
	for t in "${list[@]}"; do
		rm -f "$(trs_of "$t")" "$(log_of "$t")"
	done
	mkdir -p "$LOGDIR/$pass"
	say ""
	say "== [$pass] make -j$jobs check: ${#list[@]} tests"
	local t0=$SECONDS
	# the driver's lines for results that did not pass, and each test's
	# summary line (the last comment run-test prints)
	BERTH_TEST_PASS=$pass BERTH_TEST_LOGDIR="$LOGDIR/$pass" BERTH_TEST_ALONE="$alone" \
		make -j"$jobs" check TESTS="${list[*]}" </dev/null 2>&1 |
		tee "$LOGDIR/$pass/make.log" |
		grep -aE --line-buffered '^(FAIL|ERROR|XPASS|SKIP): ' | tee -a "$LOGDIR/summary.log"
	local rc=${PIPESTATUS[0]}

	local trs log safe pass_n fail_n skip_n l failed0=$FAILED
	for t in "${list[@]}"; do
		trs=$(trs_of "$t")
		log=$(log_of "$t")
		safe=${t//\//_}
		[ -f "$log" ] && cp "$log" "$LOGDIR/$pass/$safe.log"
		if [ ! -f "$trs" ]; then
			FAILED=$((FAILED + 1))
			FAILURES+=("[$pass] $t: did not run (see test-logs/$pass/make.log)")
			say "-- $t: did not run"
			continue
		fi
		pass_n=$(grep -acE '^:test-result: (PASS|XFAIL)' "$trs")
		fail_n=$(grep -acE '^:test-result: (FAIL|ERROR|XPASS)' "$trs")
		skip_n=$(grep -acE '^:test-result: SKIP' "$trs")
		PASSED=$((PASSED + pass_n))
		FAILED=$((FAILED + fail_n))
		SKIPPED=$((SKIPPED + skip_n))
		if [ "$fail_n" -gt 0 ]; then
			while IFS= read -r l; do
				FAILURES+=("[$pass] $t: $l")
			done < <(grep -aE '^(not ok|Bail out!)' "$log" 2>/dev/null)
			grep -aqE '^(not ok|Bail out!)' "$log" 2>/dev/null ||
				FAILURES+=("[$pass] $t: $fail_n failed (see test-logs/$pass/$safe.log)")
		fi
		l=$(grep -a "^# $t: " "$log" 2>/dev/null | tail -n 1)
		say "-- ${l#\# }"
	done
	if [ "$rc" -ne 0 ] && [ "$FAILED" -eq "$failed0" ]; then
		FAILED=$((FAILED + 1))
		FAILURES+=("[$pass] make check exited $rc without a failing test")
	fi
	say "== [$pass] $((SECONDS - t0))s"
}

# ---------------------------------------------------------------- main

unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
export LC_ALL=C.UTF-8

build plain --enable-werror
run_pass pass1 '^tests/(unit|lint|engine|tui|faults|fuzz|pkg)/'

if [ "$QUICK" = 0 ]; then
	export SAN_DIR=$LOGDIR/sanitizers
	mkdir -p "$SAN_DIR"
	build sanitizers --enable-werror --enable-sanitizers
	supp=
	[ -f tests/lsan.supp ] && supp=:suppressions=$ROOT/tests/lsan.supp
	# ASan and LSan reports go to files named after each test (berth's
	# stderr may be a curses screen); UBSan reports go to stderr, which the
	# tests keep and run-test counts.
	export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:log_path=$SAN_DIR/asan"
	export LSAN_OPTIONS="print_suppressions=0$supp"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
	# Timing and throughput measurements say nothing more under ASan, and
	# valgrind skips itself there: leave them to pass 1 (CI time).
	SKIP='logflood_yes|bench_smoke|valgrind_tui|deploy_downtime|stats_vs_docker'
	run_pass pass2-san '^tests/(unit|engine|tui|faults)/'
	SKIP=
	unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS SAN_DIR

	# Pass 3: the threaded parts under ThreadSanitizer: the unit tests
	# (queue and jobs pool stress), the watcher thread (events, reconnect,
	# several engines), the ssh dialer, the logs stream thread, and the
	# fault cases.
	build tsan --enable-werror --enable-tsan
	export TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1"
	SAVED_ONLY=$ONLY
	[ -z "$ONLY" ] && ONLY='tests/unit/check_|events_latency|reconnect|tui/logs\.sh|tui/engines\.sh|engine/ssh\.sh|faults/(faults|engine_restart|journal_kill|sighup_deploy)'
	run_pass pass3-tsan '^tests/(unit|engine|tui|faults)/'
	ONLY=$SAVED_ONLY
	unset TSAN_OPTIONS
fi

finish
