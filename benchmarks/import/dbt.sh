#!/usr/bin/env bash
# Time to import a generated 1,000-model dbt manifest (2.1 M characters: 10 columns, not-null and accepted-values
# tests per model; the engine benchmark's pair, see docs/benchmarks.md) through POST /api/v1/sync/dbt/upload, on
# SQLite and on PostgreSQL (a throwaway cluster started here):
#   first      the first import: 1,000 assets and 1,000 contracts (with lineage and consumer registration on)
#   unchanged  the same manifest again: nothing is written
#   changed    the changed side of the pair (columns added, removed and retyped, tests changed): every changed model
#              is judged through the publish workflow (no consumers, so breaking ones publish at once with a
#              recorded proposal, DECISIONS §3.3)
# Each run imports into its own environment (bench-1, bench-2, ...), so every first import starts from nothing.
# Usage: benchmarks/import/dbt.sh [runs, default 3]. PROVIDERS=sqlite or postgresql runs one provider.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-3}"
PORT="${PORT:-8766}"
PG_PORT="${PG_PORT:-55433}"
KEY="tess_test_import_bootstrap_key_0000000001"
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
dotnet run -c Release --project benchmarks/Tessera.Benchmarks -- write-inputs "$WORK/inputs" >/dev/null
OLD="$WORK/inputs/dbt-1000-models.old.json"
NEW="$WORK/inputs/dbt-1000-models.new.json"

start_pg() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  mkdir -p "$WORK/pg"; chown postgres "$WORK/pg" 2>/dev/null || true
  runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" -l "$WORK/pg/log" -w start >/dev/null
}

# body FILE TEAM ENVIRONMENT > request: the manifest copied in as it is, with the upload options.
body() {
  printf '{"owner_team_id":"%s","environment":"%s","auto_publish_contracts":true,"auto_create_proposals":true,"auto_register_consumers":true,"manifest":' "$2" "$3"
  cat "$1"
  printf '}'
}

# upload REQUEST: prints the seconds the request took, then "created/updated/published/unchanged/proposals" of the answer.
upload() {
  local seconds
  seconds=$(curl -s -o "$WORK/answer.json" -w '%{time_total}' -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \
    --data-binary "@$1" "http://127.0.0.1:$PORT/api/v1/sync/dbt/upload")
  python3 - "$seconds" "$WORK/answer.json" <<'EOF'
import json, sys
a = json.load(open(sys.argv[2]))
if "error" in a:
    sys.exit("upload failed: " + json.dumps(a["error"]))
print(f'{float(sys.argv[1]):.2f} {a["assets"]["created"]}/{a["assets"]["updated"]}/{a["contracts"]["published"]}/{a["contracts"]["unchanged"]}/{a["proposals"]["created"]}')
EOF
}

run_provider() {
  local name="$1" url="$2"
  ENVIRONMENT=test DATABASE_URL="$url" BOOTSTRAP_API_KEY="$KEY" RATE_LIMIT_ENABLED=false ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    Logging__LogLevel__Default=Warning dotnet src/Tessera.Server/bin/Release/net10.0/Tessera.Server.dll >"$WORK/server-$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done
  local team
  team=$(curl -sf -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -d "{\"name\":\"dbt-bench-$name\"}" \
    "http://127.0.0.1:$PORT/api/v1/teams" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
  echo "== $name: seconds (assets created/updated, contracts published/unchanged, proposals)"
  for run in $(seq 1 "$RUNS"); do
    body "$OLD" "$team" "bench-$run" >"$WORK/old.json"
    body "$NEW" "$team" "bench-$run" >"$WORK/new.json"
    echo "run $run first     $(upload "$WORK/old.json")"
    echo "run $run unchanged $(upload "$WORK/old.json")"
    echo "run $run changed   $(upload "$WORK/new.json")"
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
