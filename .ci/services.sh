# Throwaway PostgreSQL 15 and Redis on loopback, in a temp folder. Source this file, then
# call start_postgres / start_redis; stop_services undoes both. Used by .ci/run and bench/.
PGBIN=/usr/lib/postgresql/15/bin

# A free loopback port, so several runs (or a developer's own services) never collide.
free_port() {
  node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

services_tmp() {
  if [ -z "${SERVICES_TMP:-}" ]; then
    SERVICES_TMP=$(mktemp -d /tmp/chatshare-services.XXXXXX)
    chmod 755 "$SERVICES_TMP"
  fi
}

start_postgres() {
  services_tmp
  local dir="$SERVICES_TMP/pg"
  PG_PORT=${PG_PORT:-$(free_port)}
  install -d -o postgres -g postgres "$dir"
  runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $dir -c max_connections=300 -c fsync=off" start >/dev/null
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc 'create database chatshare_test' >/dev/null
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/chatshare_test"
}

start_redis() {
  services_tmp
  REDIS_PORT=${REDIS_PORT:-$(free_port)}
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$SERVICES_TMP/redis.pid" --logfile "$SERVICES_TMP/redis.log" --dir "$SERVICES_TMP"
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null
  export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
}

stop_services() {
  [ -n "${SERVICES_TMP:-}" ] || return 0
  if [ -f "$SERVICES_TMP/pg/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$SERVICES_TMP/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "${REDIS_PORT:-}" ]; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
  rm -rf "$SERVICES_TMP"
  SERVICES_TMP=
  PG_PORT=
  REDIS_PORT=
}
