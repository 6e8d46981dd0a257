#!/usr/bin/env bash
# Runs every test suite: SQLite and PostgreSQL integration tests, and the browser tests in Chromium.
# Starts a throw-away PostgreSQL server (unless HEARTH_TEST_POSTGRES already points at one), keeps the TRX
# results and screenshots in TestResults/, and closes with the line "tests: N passed, M failed".
# Exits non-zero when any test fails (or the build does). Extra arguments go to `dotnet test`
# (e.g. ./test.sh --filter Engine=Sqlite).
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d)
chmod 755 "$work" # the postgres user must reach its data directory inside
pg_ctl_bin=""
cleanup() {
  if [ -n "$pg_ctl_bin" ]; then
    run_pg "$pg_ctl_bin" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM # so that the EXIT trap stops the server on Ctrl-C or kill too

run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# True when something already accepts connections on 127.0.0.1:$1 (a stale server, another developer's).
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_postgres() {
  local pgbin=$1 port=$2
  mkdir -p "$work/pg"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$work/pg"; fi
  if [ ! -d "$work/pg/data" ]; then
    run_pg "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; return 1; }
  fi
  # fsync off: a throw-away server for tests only (never for benchmarks).
  run_pg "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
}

if [ -z "${HEARTH_TEST_POSTGRES:-}" ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ]; then
    port=${HEARTH_TEST_PG_PORT:-55432}
    started=""
    # Skip ports already in use; the bind can still lose a race with another process, so try a few.
    for _ in $(seq 1 20); do
      while port_taken "$port"; do port=$((port + 1)); done
      if start_postgres "$pgbin" "$port"; then started=yes; break; fi
      port=$((port + 1))
    done
    if [ -z "$started" ]; then
      echo "Could not start the PostgreSQL test server; its log:" >&2
      cat "$work/pg/log" >&2 2>/dev/null || true
      exit 1
    fi
    pg_ctl_bin="$pgbin/pg_ctl"
    run_pg "$pgbin/psql" -q -h "$work/pg" -p "$port" -U postgres -c "CREATE ROLE hearth LOGIN CREATEDB PASSWORD 'hearth'"
    export HEARTH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=hearth;Password=hearth;Database=postgres"
    echo "PostgreSQL test server ($("$pgbin/postgres" --version | awk '{print $3}')) on 127.0.0.1:$port"
  elif [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL is not installed; CI must run the PostgreSQL suite (apt-get install postgresql)." >&2
    exit 1
  else
    echo "PostgreSQL not found: the PostgreSQL suite will fail. Install postgresql or set HEARTH_TEST_POSTGRES." >&2
  fi
fi

chromium=${HEARTH_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if [ "${CI:-}" = "true" ]; then echo "Chromium is missing at $chromium; CI must run the browser suite (apt-get install chromium)." >&2; exit 1; fi
  echo "Chromium not found at $chromium: the browser suite will fail (apt-get install chromium)." >&2
fi

# Results of this run only, so the totals below never count an earlier run's files.
results="$PWD/TestResults"
trx_name="hearth-run.trx"
rm -rf "$results"
find . -path ./TestResults -prune -o -path '*/TestResults/*' -name "$trx_name" -print0 | xargs -0 rm -f
mkdir -p "$results"
export HEARTH_SCREENSHOTS="$results/screenshots"

status=0
# Without --results-directory each test project writes its TRX file into its own TestResults/ folder: one
# shared folder would need unique names, and the logger's names (timestamps to the second) can collide.
dotnet test Hearth.slnx -c Release --logger "trx;LogFileName=$trx_name" "$@" || status=$?
while IFS= read -r -d '' trx; do
  project=$(basename "$(dirname "$(dirname "$trx")")")
  mv "$trx" "$results/$project.trx"
done < <(find . -path ./TestResults -prune -o -path '*/TestResults/*' -name "$trx_name" -print0)

# dotnet test prints no grand total across projects; add it up from the results in the TRX files.
passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  outcomes=$(grep -o '<UnitTestResult [^>]*' "$trx" | grep -o ' outcome="[A-Za-z]*"' || true)
  passed=$((passed + $(grep -c '"Passed"' <<<"$outcomes" || true)))
  failed=$((failed + $(grep -cE '"(Failed|Error|Timeout|Aborted)"' <<<"$outcomes" || true)))
  skipped=$((skipped + $(grep -cE '"(NotExecuted|Inconclusive)"' <<<"$outcomes" || true)))
done
if [ "$files" = 0 ]; then echo "No test results were written (see the build output above)." >&2; fi
if [ "$failed" -gt 0 ] && [ "$status" = 0 ]; then status=1; fi
if [ "$skipped" -gt 0 ]; then echo "$skipped tests were skipped or did not run." >&2; fi
echo "tests: $passed passed, $failed failed"
exit "$status"
