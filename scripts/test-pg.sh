#!/usr/bin/env bash
# `npm run test:pg`: the PostgreSQL + Redis pass of CI (.ci/run) on a throwaway PostgreSQL and
# Redis, started on loopback as CI does (.ci/services.sh) and stopped on exit: the test files
# of packages/server, packages/client and packages/cli that read TEST_DATABASE_URL or
# TEST_REDIS_URL, themselves or through the test helpers they import (.ci/pg-tests.sh says
# why). Needs PostgreSQL 15 and redis-server installed, and root (PostgreSQL runs as the
# postgres user).
#
#   npm run test:pg                                               # the whole PostgreSQL pass
#   npm run test:pg -- packages/server/test/api/shares.test.ts    # these files only
#   npm run test:pg -- -t 'revoked'                               # options go to vitest
#
# Paths given first replace that list and run as given; the fault, durability and cluster
# tests stay excluded either way (they start services of their own).
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/services.sh
. .ci/pg-tests.sh
trap stop_services EXIT

if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  paths=()
  while [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; do
    paths+=("$1")
    shift
  done
else
  listed=$(pg_test_files)
  [ -n "$listed" ] || { echo "no test files for PostgreSQL"; exit 1; }
  mapfile -t paths <<<"$listed"
fi

start_postgres
start_redis
echo "PostgreSQL at $TEST_DATABASE_URL, Redis at $TEST_REDIS_URL"
npx vitest run "${paths[@]}" --exclude 'packages/server/test/{faults,durability,cluster}/**' "$@"
