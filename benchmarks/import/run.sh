#!/usr/bin/env bash
# Every import benchmark in this folder, one after the other (each starts its own server and PostgreSQL cluster).
# Usage: benchmarks/import/run.sh [runs, default 3]. To add one: drop a <format>.sh next to this file that takes the
# number of runs as its first argument and honours PROVIDERS.
set -euo pipefail
cd "$(dirname "$0")"
for script in openapi.sh dbt.sh; do
  echo "### $script"
  "./$script" "${1:-3}"
done
