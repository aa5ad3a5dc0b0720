#!/usr/bin/env bash
# Time to import a generated 1,000-operation OpenAPI spec (the engine benchmark's OpenAPI pair with 500 paths, GET and
# POST each, one component schema per operation; see docs/benchmarks.md) through POST /api/v1/sync/openapi, on SQLite
# and on PostgreSQL (a throwaway cluster started here):
#   first      the first import: 1,000 assets and 1,000 contracts
#   unchanged  the same spec again: every operation unchanged by its source hash, nothing is written
#   changed    the changed side of the pair (paths removed and added, fields removed, retyped, new required inputs):
#              every changed operation is judged natively through the publish workflow (no consumers, so breaking
#              ones publish at once with a recorded proposal, DECISIONS §3.3)
# Each run imports into its own environment (bench-1, bench-2, ...), so every first import starts from nothing.
# Usage: benchmarks/import/openapi.sh [runs, default 3]. PROVIDERS=sqlite or postgresql runs one provider;
# PATHS=N changes the size (2N operations).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-3}"
PATHS="${PATHS:-500}"
PORT="${PORT:-8767}"
PG_PORT="${PG_PORT:-55434}"
KEY="tess_test_import_bootstrap_key_0000000002"
WORK=$(mktemp -d)
chmod 755 "$WORK"
PROVIDERS="${PROVIDERS:-sqlite postgresql}"
PG_BIN=""
cleanup() {
  if [[ -n "$PG_BIN" ]]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

dotnet build -c Release src/Tessera.Server -v q -nologo >/dev/null
dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- write-openapi "$PATHS" "$WORK/inputs" >/dev/null
OLD="$WORK/inputs/openapi-$PATHS-paths.old.json"
NEW="$WORK/inputs/openapi-$PATHS-paths.new.json"

start_pg() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  mkdir -p "$WORK/pg"; chown postgres "$WORK/pg" 2>/dev/null || true
  runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" -l "$WORK/pg/log" -w start >/dev/null
}

# body FILE TEAM ENVIRONMENT > request: the spec copied in as a JSON object.
body() {
  printf '{"owner_team_id":"%s","environment":"%s","spec":' "$2" "$3"
  cat "$1"
  printf '}'
}

# import REQUEST: prints the seconds the request took, then "created/updated/unchanged/published/proposals" of the answer.
import() {
  local seconds
  seconds=$(curl -s -o "$WORK/answer.json" -w '%{time_total}' -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \
    --data-binary "@$1" "http://127.0.0.1:$PORT/api/v1/sync/openapi")
  python3 - "$seconds" "$WORK/answer.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[2]))
if "error" in a:
    sys.exit("import failed: " + json.dumps(a["error"]))
print(f'{float(sys.argv[1]):.2f} {a["assets_created"]}/{a["assets_updated"]}/{a["assets_unchanged"]}/{a["contracts_published"]}/{a["proposals_created"]} (errors {a["assets_skipped"]})')
PY
}

run_provider() {
  local name="$1" url="$2"
  ENVIRONMENT=test DATABASE_URL="$url" BOOTSTRAP_API_KEY="$KEY" RATE_LIMIT_ENABLED=false ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    Logging__LogLevel__Default=Warning dotnet src/Tessera.Server/bin/Release/net10.0/Tessera.Server.dll >"$WORK/server-$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
  local team
  team=$(curl -sf -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -d "{\"name\":\"openapi-bench-$name\"}" \
    "http://127.0.0.1:$PORT/api/v1/teams" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
  echo "== $name: seconds (assets created/updated/unchanged, contracts published, proposals)"
  for run in $(seq 1 "$RUNS"); do
    body "$OLD" "$team" "bench-$run" >"$WORK/old.json"
    body "$NEW" "$team" "bench-$run" >"$WORK/new.json"
    echo "run $run first     $(import "$WORK/old.json")"
    echo "run $run unchanged $(import "$WORK/old.json")"
    echo "run $run changed   $(import "$WORK/new.json")"
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
