#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need, then `dotnet test`.
# Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL binaries for the throwaway test clusters (the tests start their own server), and git (with
# git-http-backend) plus the OpenSSH client for the repo-sync tests (they serve real repositories on loopback).
missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
command -v git >/dev/null 2>&1 || missing+=(git)
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
if [ "${#missing[@]}" -gt 0 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet test Tessera.slnx "$@"
