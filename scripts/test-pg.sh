#!/usr/bin/env bash
# `npm run test:pg`: the tests that reach the database through the server (packages/server,
# packages/client, packages/cli) on a throwaway PostgreSQL and Redis, started on loopback as
# CI does (.ci/services.sh) and stopped on exit. Needs PostgreSQL 15 and redis-server
# installed, and root (PostgreSQL runs as the postgres user).
#
#   npm run test:pg                                               # the whole PostgreSQL pass
#   npm run test:pg -- packages/server/test/api/shares.test.ts    # these files only
#   npm run test:pg -- -t 'revoked'                               # options go to vitest
#
# Paths given first replace the three packages; the fault, durability and cluster tests stay
# excluded either way (they start services of their own).
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/services.sh
trap stop_services EXIT

paths=(packages/server packages/client packages/cli)
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  paths=()
  while [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; do
    paths+=("$1")
    shift
  done
fi

start_postgres
start_redis
echo "PostgreSQL at $TEST_DATABASE_URL, Redis at $TEST_REDIS_URL"
npx vitest run "${paths[@]}" --exclude 'packages/server/test/{faults,durability,cluster}/**' "$@"
