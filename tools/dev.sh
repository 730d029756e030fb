#!/usr/bin/env bash
# Tierlens developer entry point: installs what is missing, builds, and runs the demo, the tests or the
# benchmarks. Safe to run again: it installs only what is missing and rebuilds incrementally.
#   tools/dev.sh demo    shadow run of the bundled sample prompt set against tierlens-sim, then the GUI
#                        (or the text report where there is no display)
#   tools/dev.sh test    every test with ctest (the store's tests on SQLite and on a throw-away PostgreSQL
#                        server), then again under AddressSanitizer and UndefinedBehaviorSanitizer, then each
#                        libFuzzer target for a bounded time (what .ci/run runs)
#   tools/dev.sh test-quick  only ctest of the normal build (PostgreSQL variants skip without a server)
#   tools/dev.sh test-sanitize | fuzz   only the sanitizer tests, or only the fuzz runs
#   tools/dev.sh pg-server   a throw-away PostgreSQL server for running its tests by hand
#   tools/dev.sh bench   the benchmarks, printing their figures
#   tools/dev.sh lupdate refresh translations/*.ts from the sources (then translate what lupdate marks unfinished)
#   tools/dev.sh pg-server  a throw-away PostgreSQL server for running the *_pg tests by hand (prints what to export)
#   tools/dev.sh setup | build
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${TIERLENS_BUILD_DIR:-$ROOT/build}"
JOBS="${TIERLENS_JOBS:-$(nproc)}"
# The reliability build (clang, -fsanitize=address,undefined, libFuzzer targets) lives apart from the normal one.
SAN_BUILD="${TIERLENS_SANITIZE_BUILD_DIR:-$ROOT/build-sanitize}"
FUZZ_SECONDS="${TIERLENS_FUZZ_SECONDS:-30}"

# Debian 12 packages the build, the tests and the demo need.
PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev libqt6sql6-sqlite qt6-qpa-plugins
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6 libgl-dev
    qt6-translations-l10n fonts-wqy-microhei
    libcurl4-openssl-dev libnghttp2-dev libsimdjson-dev libyaml-cpp-dev libdtl-dev qtkeychain-qt6-dev libboost-dev
    json-schema-test-suite
    sqlite3 libsqlite3-dev curl
    postgresql libqt6sql6-psql
    clang libclang-rt-14-dev
)

DEMO_SIM_PID=""

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

setup() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    log "installing ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# build [TARGET...]: everything (the tests and benchmarks too), or only the targets named.
build() {
    setup
    if [ ! -f "$BUILD/build.ninja" ]; then
        log "configuring in $BUILD"
        cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    if [ $# -gt 0 ]; then
        log "building $*"
        cmake --build "$BUILD" -j "$JOBS" --target "$@"
    else
        log "building"
        cmake --build "$BUILD" -j "$JOBS"
    fi
}

demo() {
    # Only what the demo runs: the tests and benchmarks are built by `test` (on a fresh clone this is the
    # difference between about 4 and 10 minutes on 2 cores).
    build tierlens tierlens-cli tierlens-sim
    local dir="${TIERLENS_DEMO_DIR:-$ROOT/tierlens-demo}"
    mkdir -p "$dir"
    local db="$dir/demo.db"
    log "starting tierlens-sim (DeepSeek-compatible simulator on loopback, time scale 0.05)"
    coproc SIM { exec "$BUILD/app/tierlens-sim" --port 0 --time-scale 0.05 --seed 7 --quiet; }
    DEMO_SIM_PID=$SIM_PID
    trap 'kill "$DEMO_SIM_PID" 2>/dev/null || true' EXIT
    local line url
    read -r line <&"${SIM[0]}"
    url="${line#listening on }"
    log "simulator at $url; shadow run of resources/prompts/sample.jsonl against Flash and Pro"
    "$BUILD/app/tierlens-cli" run --db "$db" --prompts "$ROOT/resources/prompts/sample.jsonl" \
        --model "flash=$url#deepseek-v4-flash" --model "pro=$url#deepseek-v4-pro" \
        --repeat 2 --backoff-ms 100 --summary "$dir/summary.json"
    log "summary of the shadow run written to $dir/summary.json"
    local run_id
    run_id="$("$BUILD/app/tierlens-cli" runs --db "$db" | head -n 1 | cut -f 1)"
    log "LLM judge (Pro) on run $run_id: pairwise in both orders, and the sample's llm-rubric assertions"
    "$BUILD/app/tierlens-cli" judge "$run_id" --db "$db" --backoff-ms 100
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        log "the text report of run $run_id"
        "$BUILD/app/tierlens-cli" report "$run_id" --db "$db"
    fi
    log "the decision: 1,300 distinct prompts of the simulator's task families (tierlens-sim --write-demo-prompts)"
    "$BUILD/app/tierlens-sim" --write-demo-prompts "$dir/decision.jsonl"
    "$BUILD/app/tierlens-cli" run --db "$db" --prompts "$dir/decision.jsonl" \
        --model "flash=$url#deepseek-v4-flash" --model "pro=$url#deepseek-v4-pro" --backoff-ms 100 --quiet
    local decision_run
    decision_run="$("$BUILD/app/tierlens-cli" runs --db "$db" | head -n 1 | cut -f 1)"
    log "routing policy of run $decision_run (cheaper unless shown worse), written to $dir/policy.json"
    "$BUILD/app/tierlens-cli" policy "$decision_run" --db "$db" -o "$dir/policy.json"
    log "what it would cost at 50,000 chats, 5,000 tool calls, 2,000 sums and 2,000 extractions a day"
    "$BUILD/app/tierlens-cli" whatif "$decision_run" --db "$db" --policy "$dir/policy.json" --traffic easy=50000 \
        --traffic tool-use=5000 --traffic reasoning=2000 --traffic extraction=2000
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        log "opening run $decision_run in the desktop app"
        "$BUILD/app/tierlens" --db "$db" --run "$decision_run"
    fi
}

run_tests() {
    local t0=$SECONDS
    build
    pg_test_server_start
    log "running the tests"
    ctest --test-dir "$BUILD" --output-on-failure --timeout 600 -j "$JOBS"
    log "normal build and tests: $((SECONDS - t0)) s"
    sanitizer_tests
    fuzz_runs
}

# --- Reliability: sanitizers and fuzzing (tests/fuzz, README "Reliability") ---

build_reliability() {
    setup
    if [ ! -f "$SAN_BUILD/build.ninja" ]; then
        log "configuring the sanitizer and fuzzing build (clang) in $SAN_BUILD"
        CC=clang CXX=clang++ cmake -S "$ROOT" -B "$SAN_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DTIERLENS_SANITIZE=ON -DTIERLENS_FUZZ=ON -DTIERLENS_BUILD_BENCH=OFF
    fi
    log "building with -fsanitize=address,undefined and the fuzz targets"
    cmake --build "$SAN_BUILD" -j "$JOBS"
}

# Every test again in the sanitizer build. Reports go to files as well as stderr, so that one from a child process
# whose exit status no test reads (tierlens-sim stopped with SIGTERM) still fails the step.
sanitizer_tests() {
    local t0=$SECONDS
    build_reliability
    local reports="$SAN_BUILD/sanitizer-reports"
    rm -rf "$reports" && mkdir -p "$reports"
    # LeakSanitizer stops the process's threads with ptrace; where that is not allowed (some containers) it can
    # only fail, so leak checking is turned off there, and says so.
    local leaks=1
    if ASAN_OPTIONS=detect_leaks=1 "$SAN_BUILD/tests/unit/stats/tst_percentiles" 2>&1 >/dev/null |
        grep -q 'LeakSanitizer has encountered a fatal error'; then
        leaks=0
        log "LeakSanitizer cannot run on this machine (ptrace refused): leak checking is off"
    fi
    log "running the tests under AddressSanitizer and UndefinedBehaviorSanitizer"
    local status=0
    ASAN_OPTIONS="detect_leaks=$leaks:log_path=$reports/asan:${ASAN_OPTIONS:-}" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan:${UBSAN_OPTIONS:-}" \
    LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp:${LSAN_OPTIONS:-}" \
        ctest --test-dir "$SAN_BUILD" --output-on-failure --timeout 1200 -j "$JOBS" || status=$?
    if compgen -G "$reports/*" >/dev/null; then
        log "sanitizer reports:"
        cat "$reports"/* >&2
        status=1
    fi
    log "sanitizer build and tests: $((SECONDS - t0)) s"
    return $status
}

# Each libFuzzer target for FUZZ_SECONDS from its seed corpus (tests/fuzz/corpus/NAME, copied: what the run adds
# stays in the build folder). A crash leaves its input in $SAN_BUILD/fuzz/crashes and fails the step.
fuzz_runs() {
    local t0=$SECONDS
    build_reliability
    local work="$SAN_BUILD/fuzz"
    mkdir -p "$work/crashes"
    local status=0 target name execs
    for target in "$SAN_BUILD"/tests/fuzz/fuzz_*; do
        [ -f "$target" ] && [ -x "$target" ] || continue # not the *_autogen folders
        name="$(basename "$target")"
        name="${name#fuzz_}"
        rm -rf "$work/corpus-$name" && mkdir -p "$work/corpus-$name"
        cp "$ROOT/tests/fuzz/corpus/$name"/* "$work/corpus-$name/"
        if ! "$target" -max_total_time="$FUZZ_SECONDS" -timeout=10 -print_final_stats=1 \
            -artifact_prefix="$work/crashes/$name-" "$work/corpus-$name" >"$work/$name.log" 2>&1; then
            status=1
            tail -n 60 "$work/$name.log" >&2
        fi
        execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log" | tail -n 1)"
        log "fuzz_$name: ${execs:-?} executions in ${FUZZ_SECONDS} s, corpus $(ls "$work/corpus-$name" | wc -l) inputs"
    done
    log "fuzz runs: $((SECONDS - t0)) s"
    return $status
}

# --- PostgreSQL for the tests -------------------------------------------------------------------------------------
# The store's tests run a second time against PostgreSQL (the *_pg tests; tst_clipostgres) on a throw-away server
# from Debian's packages: initdb into a temporary folder, loopback only, a free port, password authentication over
# TCP (the password reaches the tests through PGPASSWORD, as it would a person), stopped when this script exits.
# A developer with a server of their own exports TIERLENS_TEST_PG_URL (and PGPASSWORD) instead.
PG_TEST_DIR=""
PG_TEST_AS=()

pg_test_server_start() {
    if [ -n "${TIERLENS_TEST_PG_URL:-}" ]; then
        log "PostgreSQL tests against $TIERLENS_TEST_PG_URL"
        return
    fi
    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [ -x "$bin/initdb" ] || { log "no PostgreSQL server installed (package postgresql)"; exit 1; }
    # The server refuses to run as root; the postgres account the package created runs it then. The folder is
    # under /tmp rather than the build tree, which that account may not be able to reach (a checkout in /root).
    PG_TEST_AS=()
    [ "$(id -u)" -ne 0 ] || PG_TEST_AS=(runuser -u postgres --)
    PG_TEST_DIR="$(mktemp -d "${TMPDIR:-/tmp}/tierlens-pg.XXXXXX")"
    trap pg_test_server_stop EXIT
    [ ${#PG_TEST_AS[@]} -eq 0 ] || chown postgres: "$PG_TEST_DIR"
    local password
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    printf '%s\n' "$password" >"$PG_TEST_DIR/pwfile"
    [ ${#PG_TEST_AS[@]} -eq 0 ] || chown postgres: "$PG_TEST_DIR/pwfile"
    log "initdb of a test PostgreSQL server in $PG_TEST_DIR"
    "${PG_TEST_AS[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U tierlens --pwfile="$PG_TEST_DIR/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
        || { cat "$PG_TEST_DIR/initdb.log" >&2; exit 1; }
    local port started=""
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        port=$((20000 + RANDOM % 20000))
        # Something answers on that port already: try another.
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            continue
        fi
        if "${PG_TEST_AS[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
            -o "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" \
            start >/dev/null; then
            started=1
            break
        fi
    done
    if [ -z "$started" ]; then
        cat "$PG_TEST_DIR/server.log" >&2 || true
        log "the test PostgreSQL server did not start"
        exit 1
    fi
    export TIERLENS_TEST_PG_URL="postgresql://tierlens@127.0.0.1:$port/postgres"
    export PGPASSWORD="$password"
    log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests at $TIERLENS_TEST_PG_URL"
}

pg_test_server_stop() {
    [ -n "$PG_TEST_DIR" ] || return 0
    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    "${PG_TEST_AS[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
    PG_TEST_DIR=""
}

bench() {
    build
    for b in "$BUILD"/bench/bench_*; do
        [ -x "$b" ] || continue
        log "$(basename "$b")"
        "$b"
    done
}

# No obsolete entries and no source locations: the .ts diff of a change shows only the strings it touched.
update_translations() {
    setup
    local lupdate
    lupdate="$(command -v lupdate6 || true)"
    [ -n "$lupdate" ] || lupdate=/usr/lib/qt6/bin/lupdate
    log "updating the translations from core ui app sim"
    (cd "$ROOT" && "$lupdate" -no-obsolete -locations none core ui app sim -ts translations/tierlens_zh_CN.ts)
    # English needs only the plural forms of "%n ...(s)" texts; fill in what lupdate marks unfinished there too.
    (cd "$ROOT" && "$lupdate" -pluralonly -no-obsolete -locations none -source-language en -target-language en \
        core ui app sim -ts translations/tierlens_en.ts)
}

# Starts the test server and prints the variables to export, then waits: for running single tests by hand.
pg_shell() {
    setup
    pg_test_server_start
    printf 'export TIERLENS_TEST_PG_URL=%q PGPASSWORD=%q\n' "$TIERLENS_TEST_PG_URL" "$PGPASSWORD"
    log "server running; Ctrl-C stops it"
    # wait returns as soon as a signal arrives, and exit runs the EXIT trap that stops the server.
    local sleeper
    sleep infinity &
    sleeper=$!
    trap 'kill "$sleeper" 2>/dev/null; exit 0' INT TERM
    wait "$sleeper"
}

case "${1:-}" in
    setup) setup ;;
    build) build ;;
    demo) demo ;;
    test) run_tests ;;
    test-quick) build && ctest --test-dir "$BUILD" --output-on-failure --timeout 600 -j "$JOBS" ;;
    test-sanitize) sanitizer_tests ;;
    fuzz) fuzz_runs ;;
    bench) bench ;;
    lupdate) update_translations ;;
    pg-server) pg_shell ;;
    *) echo "usage: tools/dev.sh demo|test|test-quick|test-sanitize|fuzz|bench|lupdate|setup|build|pg-server" >&2; exit 2 ;;
esac
