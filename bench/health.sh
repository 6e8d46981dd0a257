#!/usr/bin/env bash
# Health roll-up cost (#8) on SQLite: generates a site of BENCH_SIZE posts (default 1,000,000) with bench/Hearth.Bench,
# starts Hearth on it with the background roll-up off, makes a member steward of the site's largest community, then
#   1. times the first GET /api/v1/communities/{slug}/health: no snapshot exists yet, so it computes the figures on
#      demand and stores them, the same work one community costs the background roll-up;
#   2. drives the same route with wrk, which now reads the stored snapshot.
# Prints both; everything lives in bench/out/health-<size>/ (git ignores bench/out). Needs wrk, jq, curl, sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
size=${BENCH_SIZE:-1000000}
dir=$root/bench/out/health-$size
rm -rf "$dir" && mkdir -p "$dir"
for tool in wrk jq curl sqlite3 dotnet; do
  command -v "$tool" >/dev/null || { echo "bench/health.sh needs $tool" >&2; exit 1; }
done
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true' EXIT

dotnet publish src/Hearth -c Release -o "$dir/publish" --nologo -v quiet
dotnet build bench/Hearth.Bench -c Release -o "$dir/bench-tool" --nologo -v quiet
connection="Data Source=$dir/hearth.db"
export Hearth__Database__Provider=Sqlite Hearth__Database__ConnectionString=$connection Logging__LogLevel__Default=Warning
dotnet "$dir/publish/Hearth.dll" migrate >/dev/null
dotnet "$dir/bench-tool/Hearth.Bench.dll" generate --engine sqlite --connection "$connection" --posts "$size" --out "$dir/site.json"
# shellcheck disable=SC1091
source "$dir/site.env"

port=5190
base=http://127.0.0.1:$port
Hearth__Health__Enabled=false Hearth__RateLimits__RegistrationsPerHour=100000 ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$dir/publish/Hearth.dll" --urls "$base" >"$dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -sf "$base/health/ready" >/dev/null && break; sleep 0.5; done

curl -sf -H 'Content-Type: application/json' -d '{"userName":"bench_steward","email":"bench_steward@bench.hearth.test","password":"bench steward password"}' "$base/api/v1/users" >/dev/null
token=$(curl -sf -H 'Content-Type: application/json' -d '{"userNameOrEmail":"bench_steward","password":"bench steward password","name":"bench"}' "$base/api/v1/tokens" | jq -r .token)
slug=$(sqlite3 "$dir/hearth.db" "SELECT slug FROM communities ORDER BY topic_count DESC LIMIT 1")
sqlite3 "$dir/hearth.db" "INSERT INTO memberships (community_id, user_id, role, state, rules_version_accepted, rules_accepted_at, joined_at, updated_at)
  SELECT c.id, u.id, 'Steward', 'Active', c.rules_version, datetime('now'), datetime('now'), datetime('now')
  FROM communities c, users u WHERE c.slug = '$slug' AND u.user_name = 'bench_steward'"
read -r topics posts < <(sqlite3 -separator ' ' "$dir/hearth.db" "SELECT c.topic_count, (SELECT COUNT(*) FROM posts p JOIN topics t ON t.id = p.topic_id WHERE t.community_id = c.id) FROM communities c WHERE c.slug = '$slug'")

url="$base/api/v1/communities/$slug/health"
cold=$(curl -sf -o "$dir/figures.json" -w '%{time_total}' -H "Authorization: Bearer $token" "$url")
echo "community $slug: $topics topics, $posts posts; in the 30-day window: $(jq '.concentration.contributions' "$dir/figures.json") posts, $(jq '.activeMembers.month' "$dir/figures.json") active members"
echo "first request (computes and stores the snapshot): $(awk -v s="$cold" 'BEGIN { printf "%.0f ms", s * 1000 }')"
BENCH_PATHS="/api/v1/communities/$slug/health" BENCH_BEARER=$token \
  wrk -t 1 -c 8 -d 15s -s bench/wrk/get.lua "$base" | sed -n 's/^BENCH_JSON //p' >"$dir/snapshot.json"
jq -r '"snapshot reads, 8 connections: \(.requests / (.duration_us / 1e6) | floor) req/s, p50 \(.p50_us / 1000) ms, p99 \(.p99_us / 1000) ms, errors \(.status_errors)"' "$dir/snapshot.json"
