#!/usr/bin/env bash
# Load test of the running server with wrk, at 1 and 32 concurrent connections, on SQLite and on PostgreSQL (a
# throwaway cluster started here): reading a contract, publishing a compatible change, and the full
# breaking → acknowledge → publish loop (loop.lua). Rate limiting is switched off for the run.
# Usage: benchmarks/load/run.sh [seconds per run, default 10]. Needs wrk (apt-get install -y wrk).
# PROVIDERS="sqlite" or "postgresql" runs one provider; SCENARIOS="read publish loop" picks scenarios;
# PORT (8765) and PG_PORT (55432) move the server and the PostgreSQL cluster.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN="${1:-10}"
PORT="${PORT:-8765}"
PG_PORT="${PG_PORT:-55432}"
KEY="tess_test_load_bootstrap_key_000000000001"
WORK=$(mktemp -d)
chmod 755 "$WORK"
PROVIDERS="${PROVIDERS:-sqlite postgresql}"
SCENARIOS="${SCENARIOS:-read publish loop}"
LOOP_CLIENTS=32
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }
dotnet build -c Release src/Tessera.Server -v q -nologo >/dev/null
echo "commit $(git rev-parse --short HEAD), $(nproc) cores, $(uptime | sed 's/.*load/load/')"

start_pg() {
  BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  mkdir -p "$WORK/pg"; chown postgres "$WORK/pg" 2>/dev/null || true
  runuser -u postgres -- "$BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
  runuser -u postgres -- "$BIN/pg_ctl" -D "$WORK/pg/data" -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300" -l "$WORK/pg/log" -w start >/dev/null
  PG_STARTED=1
}

cleanup() {
  if [ -n "${PG_STARTED:-}" ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# json FIELD...: reads JSON on stdin and prints the value at the path (e.g. json contract id).
json() { python3 -c 'import sys, json
v = json.load(sys.stdin)
for k in sys.argv[1:]: v = v[k]
print(v)' "$@"; }

# post KEY PATH BODY: POST with a key, fail on any error status, print the body.
post() { curl -sf -H "Authorization: Bearer $1" -H "Content-Type: application/json" -d "$3" "http://127.0.0.1:$PORT/api/v1$2"; }

# wrk_run NAME CLIENTS THREADS SCRIPT URL: one wrk run, summarised.
wrk_run() {
  echo "== $1 c=$2 ($(uptime | sed 's/.*load/load/'))"
  wrk -t "$3" -c "$2" -d "${SECONDS_PER_RUN}s" --latency -s "$4" "$5" | grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors|^Loops'
}

# Seeds the loop: a producer and a consumer team with their own keys, and one asset per loop client (plus one for
# the single-client run), each with a first contract on which the consumer is registered.
seed_loop() {
  local name="$1" producer consumer asset contract
  producer=$(post "$KEY" /teams "{\"name\":\"loop-producer-$name\"}" | json id)
  consumer=$(post "$KEY" /teams "{\"name\":\"loop-consumer-$name\"}" | json id)
  PRODUCER_KEY=$(post "$KEY" /api-keys "{\"name\":\"producer\",\"team_id\":\"$producer\"}" | json key)
  CONSUMER_KEY=$(post "$KEY" /api-keys "{\"name\":\"consumer\",\"team_id\":\"$consumer\"}" | json key)
  : >"$WORK/loop-$name-all"
  for i in $(seq 0 "$LOOP_CLIENTS"); do
    asset=$(post "$PRODUCER_KEY" /assets "{\"fqn\":\"load.loop_$i\",\"owner_team_id\":\"$producer\"}" | json id)
    contract=$(post "$PRODUCER_KEY" "/assets/$asset/publish" \
      '{"schema":{"type":"object","properties":{"id":{"type":"string"},"x":{"type":"string"}},"required":["id"]}}' | json contract id)
    post "$CONSUMER_KEY" /registrations "{\"consumer_team_id\":\"$consumer\",\"contract_id\":\"$contract\"}" >/dev/null
    echo "$asset $consumer" >>"$WORK/loop-$name-all"
  done
  head -1 "$WORK/loop-$name-all" >"$WORK/loop-$name-1"
  tail -n +2 "$WORK/loop-$name-all" >"$WORK/loop-$name-$LOOP_CLIENTS"
}

run_provider() {
  local name="$1" url="$2"
  ENVIRONMENT=test DATABASE_URL="$url" BOOTSTRAP_API_KEY="$KEY" RATE_LIMIT_ENABLED=false ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    Logging__LogLevel__Default=Warning dotnet src/Tessera.Server/bin/Release/net10.0/Tessera.Server.dll >"$WORK/server-$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
  local team asset contract
  team=$(post "$KEY" /teams "{\"name\":\"load-$name\"}" | json id)
  asset=$(post "$KEY" /assets "{\"fqn\":\"load.orders\",\"owner_team_id\":\"$team\"}" | json id)
  contract=$(post "$KEY" "/assets/$asset/publish" \
    '{"schema":{"type":"object","properties":{"id":{"type":"string"},"email":{"type":"string"}},"required":["id"]}}' | json contract id)
  seed_loop "$name"
  export TESSERA_KEY="$KEY" TESSERA_PRODUCER_KEY="$PRODUCER_KEY" TESSERA_CONSUMER_KEY="$CONSUMER_KEY"
  for c in 1 32; do
    local threads=$([ "$c" = 1 ] && echo 1 || echo 4)
    if [[ " $SCENARIOS " == *" read "* ]]; then
      wrk_run "$name read-contract" "$c" "$threads" benchmarks/load/read.lua "http://127.0.0.1:$PORT/api/v1/contracts/$contract"
    fi
    if [[ " $SCENARIOS " == *" publish "* ]]; then
      wrk_run "$name publish-compatible" "$c" "$threads" benchmarks/load/publish.lua "http://127.0.0.1:$PORT/api/v1/assets/$asset/publish"
    fi
    if [[ " $SCENARIOS " == *" loop "* ]]; then
      # One connection per wrk thread: each thread walks its own asset through the loop.
      TESSERA_LOOP_ASSETS="$WORK/loop-$name-$c" wrk_run "$name breaking-ack-publish loop" "$c" "$c" benchmarks/load/loop.lua "http://127.0.0.1:$PORT"
    fi
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

if [[ " $PROVIDERS " == *" sqlite "* ]]; then
  run_provider sqlite "sqlite:///$WORK/tessera.db"
fi
if [[ " $PROVIDERS " == *" postgresql "* ]]; then
  start_pg
  run_provider postgresql "postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
fi
