#!/usr/bin/env bash
# Load harness (#7): builds Hearth in Release, generates a site of each size on each engine, starts Hearth on it over
# loopback, warms up, drives the hot paths with wrk and writes bench/out/<engine>-<posts>/{run.json,results.jsonl},
# then renders the tables into bench/out/report.md (bench/RESULTS.md quotes them with the findings). Pages are measured
# as an anonymous reader (who may be served from the anonymous page cache) and, for the "-member" rows, as a signed-in
# member with a token (never cached: every request does the full work).
#
#   bench/run.sh                                   # both engines, 10,000 and 1,000,000 posts
#   BENCH_ENGINES=sqlite BENCH_SIZES=10000 bench/run.sh
#   BENCH_DURATION=30 BENCH_CONNECTIONS=64 bench/run.sh
#
# Needs the .NET SDK and Debian's wrk, jq, curl and (for PostgreSQL) the postgresql server binaries. PostgreSQL runs
# as a throw-away cluster with durable settings (fsync and synchronous_commit stay on). Everything generated lives in
# bench/out/, which git ignores. Only 127.0.0.1 is ever targeted.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/bench/out
engines=${BENCH_ENGINES:-"sqlite postgres"}
sizes=${BENCH_SIZES:-"10000 1000000"}
duration=${BENCH_DURATION:-15}
warmup=${BENCH_WARMUP:-5}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-1}
export BENCH_LUA_DIR=$root/bench/wrk

for tool in wrk jq curl dotnet; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (apt-get install wrk jq curl)" >&2; exit 1; }
done

server_pid="" pg_data="" pg_ctl=""
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_data" ]; then run_pg "$pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while port_taken "$p"; do p=$((p + 1)); done; echo "$p"; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
vm_hwm_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

echo "::: build (Release)"
dotnet publish src/Hearth -c Release -o "$out/publish" --nologo -v quiet
dotnet build bench/Hearth.Bench -c Release -o "$out/bench-tool" --nologo -v quiet
hearth() { dotnet "$out/publish/Hearth.dll" "$@"; }
bench_tool() { dotnet "$out/bench-tool/Hearth.Bench.dll" "$@"; }

start_postgres() { # sets connection
  local dir=$1 pgbin pg_port
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_ctl=$pgbin/pg_ctl
  pg_data=$dir/pg/data
  mkdir -p "$dir/pg"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir/pg"; fi
  run_pg "$pgbin/initdb" -D "$pg_data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/pg/initdb.log"
  pg_port=$(free_port 56432)
  # Durable (fsync, synchronous_commit and full_page_writes at their defaults); memory sized for a 24 GB machine.
  run_pg "$pg_ctl" -D "$pg_data" -l "$dir/pg/log" -w -t 120 -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $dir/pg \
    -c max_connections=200 -c shared_buffers=2GB -c effective_cache_size=8GB -c work_mem=16MB -c maintenance_work_mem=512MB \
    -c random_page_cost=1.1 -c max_wal_size=8GB -c checkpoint_timeout=15min" start >/dev/null
  run_pg "$pgbin/psql" -q -h "$dir/pg" -p "$pg_port" -U postgres -c "CREATE ROLE hearth LOGIN PASSWORD 'hearth'" -c "CREATE DATABASE hearth OWNER hearth"
  connection="Host=127.0.0.1;Port=$pg_port;Username=hearth;Password=hearth;Database=hearth"
}

stop_postgres() {
  run_pg "$pg_ctl" -D "$pg_data" -m fast stop >/dev/null
  pg_data=""
}

measure() { # name script paths-or-topics [member] [connections]
  local name=$1 script=$2 target=$3 as=${4:-anonymous} conns=${5:-$connections} json peak load
  if [ "$script" = reply.lua ]; then export BENCH_TOPICS=$target; else export BENCH_PATHS=$target; fi
  # Anonymous readers may be served from the page cache; a member's requests never are.
  if [ "$as" = member ]; then export BENCH_BEARER=$BENCH_TOKEN; else export BENCH_BEARER=""; fi
  wrk -t "$threads" -c "$conns" -d "${warmup}s" -s "$BENCH_LUA_DIR/$script" "$base" >/dev/null
  echo 5 >"/proc/$server_pid/clear_refs" # the peak resident set starts again from what is resident now
  load=$(load_average)
  json=$(wrk -t "$threads" -c "$conns" -d "${duration}s" --timeout 10s -s "$BENCH_LUA_DIR/$script" "$base" | sed -n 's/^BENCH_JSON //p')
  peak=$(vm_hwm_mb "$server_pid")
  [ "$peak" -gt "$run_peak" ] && run_peak=$peak
  jq -c --arg name "$name" --arg path "${target%%|*}" --arg load "$load" --argjson peak "$peak" --argjson conns "$conns" \
    '{name: $name, path: $path, load: $load, peak_rss_mb: $peak, connections: $conns} + .' <<<"$json" >>"$dir/results.jsonl"
  jq -r '"  \(.name): \(.requests / (.duration_us / 1e6) | floor) req/s, p50 \(.p50_us / 1000) ms, p99 \(.p99_us / 1000) ms, errors \(.connect_errors + .read_errors + .write_errors + .status_errors + .timeouts), peak \(.peak_rss_mb) MB (load \(.load))"' \
    <<<"$(tail -1 "$dir/results.jsonl")"
}

for engine in $engines; do
  for size in $sizes; do
    dir=$out/$engine-$size
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 755 "$dir"
    echo "::: $engine, $size posts"
    if [ "$engine" = postgres ]; then
      start_postgres "$dir"
      provider=Postgres
    else
      connection="Data Source=$dir/hearth.db"
      provider=Sqlite
    fi
    export Hearth__Database__Provider=$provider Hearth__Database__ConnectionString=$connection Logging__LogLevel__Default=Warning
    hearth migrate
    bench_tool generate --engine "$engine" --connection "$connection" --posts "$size" --out "$dir/site.json"
    reindex_seconds=0
    if [ "$engine" = postgres ]; then
      started=$SECONDS
      hearth reindex
      reindex_seconds=$((SECONDS - started))
    fi
    # shellcheck disable=SC1091
    source "$dir/site.env"

    port=$(free_port 5100)
    base=http://127.0.0.1:$port
    # The rate limit on writes (60 a minute per member by default) is lifted: the reply test measures capacity, not policy.
    Hearth__Bench__Enabled=true Hearth__RateLimits__WritesPerMinute=100000000 Hearth__RateLimits__RegistrationsPerHour=100000 \
      ASPNETCORE_ENVIRONMENT=Production dotnet "$out/publish/Hearth.dll" --urls "$base" >"$dir/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 120); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done
    curl -sf "$base/health/ready" >/dev/null || { echo "Hearth did not start; see $dir/server.log" >&2; exit 1; }

    # The member who replies: registered, signed in with a token, joined to every open public community.
    curl -sf -H 'Content-Type: application/json' -d '{"userName":"bench_writer","email":"bench_writer@bench.hearth.test","password":"bench writer password"}' "$base/api/v1/users" >/dev/null
    token=$(curl -sf -H 'Content-Type: application/json' -d '{"userNameOrEmail":"bench_writer","password":"bench writer password","name":"bench"}' "$base/api/v1/tokens" | jq -r .token)
    export BENCH_TOKEN=$token
    for slug in $BENCH_JOIN; do
      curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"acceptRulesVersion":1}' "$base/api/v1/communities/$slug/join" >/dev/null
    done

    run_peak=0
    jq -n --arg engine "$engine" --argjson posts "$size" --arg started "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
      --arg machine "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -r)" \
      --arg load "$(load_average)" '{engine: $engine, posts: $posts, started: $started, machine: $machine, load_before: $load}' >"$dir/run.json.tmp"
    : >"$dir/results.jsonl"
    measure home get.lua "/"
    measure community-home get.lua "/c/$BENCH_COMMUNITY"
    measure topic-list get.lua "/c/$BENCH_COMMUNITY/s/general"
    measure topic-page-long get.lua "$BENCH_LONG_URL"
    measure topic-page-short get.lua "$BENCH_SHORT_URL"
    measure topic-json-long get.lua "/api/v1/topics/$BENCH_LONG_TOPIC"
    measure topic-json-short get.lua "/api/v1/topics/$BENCH_SHORT_TOPIC"
    measure community-home-member get.lua "/c/$BENCH_COMMUNITY" member
    measure topic-list-member get.lua "/c/$BENCH_COMMUNITY/s/general" member
    measure topic-page-long-member get.lua "$BENCH_LONG_URL" member
    measure topic-page-short-member get.lua "$BENCH_SHORT_URL" member
    measure topic-json-short-member get.lua "/api/v1/topics/$BENCH_SHORT_TOPIC" member
    measure search-common-word get.lua "$BENCH_SEARCH_COMMON"
    measure search-rare-word get.lua "$BENCH_SEARCH_RARE"
    measure search-two-words get.lua "$BENCH_SEARCH_TWO"
    measure search-in-long-topic get.lua "$(sed "s|/api/v1/search?|/api/v1/topics/$BENCH_LONG_TOPIC/search?|g" <<<"$BENCH_SEARCH_COMMON")"
    measure search-common-word-8-connections get.lua "$BENCH_SEARCH_COMMON" anonymous 8
    measure search-two-words-8-connections get.lua "$BENCH_SEARCH_TWO" anonymous 8
    # The reference goes last of the reads: measured first, on a server minutes old, it came out at a third of its warm
    # figure (4,437 against 12,891 requests a second on SQLite, 10,000 posts), which flattered every ratio.
    measure reference get.lua "/bench/reference?id=$BENCH_SHORT_TOPIC"
    measure reply reply.lua "$BENCH_REPLY_TOPICS"

    jq --argjson peak "$run_peak" --argjson gen "$BENCH_GENERATE_SECONDS" --argjson reindex "$reindex_seconds" --slurpfile site "$dir/site.json" \
      '. + {server_peak_rss_mb: $peak, generate_seconds: $gen, reindex_seconds: $reindex, topics: $site[0].topics, users: $site[0].users,
            communities: $site[0].communities, long_topic_posts: $site[0].longTopicPosts, short_topic_posts: $site[0].shortTopicPosts}' \
      "$dir/run.json.tmp" >"$dir/run.json"
    rm "$dir/run.json.tmp"
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
    if [ "$engine" = postgres ]; then stop_postgres; fi
  done
done

bench_tool report --in "$out" --out "$out/report.md"
echo "::: report: $out/report.md"
