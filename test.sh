#!/usr/bin/env bash
# Runs every test suite: SQLite and PostgreSQL integration tests, and the browser tests in Chromium.
# Starts a throw-away PostgreSQL server (unless HEARTH_TEST_POSTGRES already points at one),
# then prints a closing line "tests: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d)
chmod 755 "$work"
pg_ctl_bin=""
cleanup() {
  if [ -n "$pg_ctl_bin" ]; then
    run_pg "$pg_ctl_bin" -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -z "${HEARTH_TEST_POSTGRES:-}" ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ]; then
    port=${HEARTH_TEST_PG_PORT:-55432}
    mkdir "$work/pg"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
    run_pg "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$work/initdb.log"
    # fsync off: a throw-away server for tests only (never for benchmarks).
    run_pg "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $work/pg -c fsync=off -c synchronous_commit=off -c max_connections=300" start >/dev/null
    pg_ctl_bin="$pgbin/pg_ctl"
    run_pg "$pgbin/psql" -q -h "$work/pg" -p "$port" -U postgres -c "CREATE ROLE hearth LOGIN CREATEDB PASSWORD 'hearth'"
    export HEARTH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=hearth;Password=hearth;Database=postgres"
    echo "PostgreSQL test server on 127.0.0.1:$port"
  elif [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL is not installed; CI must run the PostgreSQL suite." >&2
    exit 1
  else
    echo "PostgreSQL not found: the PostgreSQL suite will fail. Install postgresql or set HEARTH_TEST_POSTGRES." >&2
  fi
fi

if [ ! -x "${HEARTH_CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "${CI:-}" = "true" ]; then echo "Chromium is missing; CI must run the browser suite." >&2; exit 1; fi
  echo "Chromium not found at /usr/bin/chromium: the browser suite will fail (apt-get install chromium)." >&2
fi

results="$work/results"
status=0
dotnet test Hearth.slnx -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

# dotnet test prints no grand total across projects; add it up from the TRX files.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
