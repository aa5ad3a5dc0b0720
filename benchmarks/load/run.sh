#!/usr/bin/env bash
# Load test of the running server with wrk: reading a contract and publishing a compatible change,
# at 1 and 32 concurrent connections, on SQLite and on PostgreSQL (a throwaway cluster started here).
# Usage: benchmarks/load/run.sh [seconds per run, default 10]. Needs wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN="${1:-10}"
PORT=8765
KEY="tess_test_load_bootstrap_key_000000000001"
WORK=$(mktemp -d)
chmod 755 "$WORK"
PROVIDERS="${PROVIDERS:-sqlite postgresql}"
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }
dotnet build -c Release src/Tessera.Server -v q -nologo >/dev/null

start_pg() {
  BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  mkdir -p "$WORK/pg"; chown postgres "$WORK/pg" 2>/dev/null || true
  runuser -u postgres -- "$BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
  runuser -u postgres -- "$BIN/pg_ctl" -D "$WORK/pg/data" -o "-p 55432 -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300" -l "$WORK/pg/log" -w start >/dev/null
  trap 'runuser -u postgres -- "$BIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true' EXIT
}

run_provider() {
  local name="$1" url="$2"
  ENVIRONMENT=test DATABASE_URL="$url" BOOTSTRAP_API_KEY="$KEY" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Logging__LogLevel__Default=Warning \
    dotnet src/Tessera.Server/bin/Release/net10.0/Tessera.Server.dll >"$WORK/server-$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
  local h=(-H "Authorization: Bearer $KEY" -H "Content-Type: application/json")
  local team asset contract
  team=$(curl -sf "${h[@]}" -d "{\"name\":\"load-$name\"}" "http://127.0.0.1:$PORT/api/v1/teams" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
  asset=$(curl -sf "${h[@]}" -d "{\"fqn\":\"load.orders\",\"owner_team_id\":\"$team\"}" "http://127.0.0.1:$PORT/api/v1/assets" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
  contract=$(curl -sf "${h[@]}" -d '{"schema":{"type":"object","properties":{"id":{"type":"string"},"email":{"type":"string"}},"required":["id"]}}' \
    "http://127.0.0.1:$PORT/api/v1/assets/$asset/publish" | python3 -c 'import sys,json;print(json.load(sys.stdin)["contract"]["id"])')
  for c in 1 32; do
    echo "== $name read-contract c=$c"
    TESSERA_KEY="$KEY" wrk -t "$([ $c = 1 ] && echo 1 || echo 4)" -c "$c" -d "${SECONDS_PER_RUN}s" --latency -s benchmarks/load/read.lua "http://127.0.0.1:$PORT/api/v1/contracts/$contract" | grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx'
    echo "== $name publish-compatible c=$c"
    TESSERA_KEY="$KEY" wrk -t "$([ $c = 1 ] && echo 1 || echo 4)" -c "$c" -d "${SECONDS_PER_RUN}s" --latency -s benchmarks/load/publish.lua "http://127.0.0.1:$PORT/api/v1/assets/$asset/publish" | grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx'
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

if [[ " $PROVIDERS " == *" sqlite "* ]]; then
  run_provider sqlite "sqlite:///$WORK/tessera.db"
fi
if [[ " $PROVIDERS " == *" postgresql "* ]]; then
  start_pg
  run_provider postgresql "postgresql://postgres@127.0.0.1:55432/postgres"
fi
