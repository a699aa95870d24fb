#!/usr/bin/env bash
# Builds the Docker image (Dockerfile) and proves it serves: the image's file system is
# mounted and its entry point started with chroot (containers cannot run on CI machines, but
# images build with chroot isolation), on a free loopback port with a temporary /data. Then an
# account, a conversation and a link are made through the API, and /healthz, /app/, the link's
# page and the image's HEALTHCHECK command must answer. Writes a report in the shape of
# vitest's JSON (one test per check) to $1 for .ci/summary.mjs; exits non-zero on any failure.
#
# No image registry is reachable from CI, so the base image (BASE_IMAGE) is made here: Debian
# 12 minbase plus this machine's Node.js, npm and CA bundle. It is kept in podman's storage,
# tagged by a fingerprint of what goes into it, and rebuilt only when that changes; podman's
# layer cache likewise skips `npm ci` when the lockfile is unchanged.
set -euo pipefail
SCRIPT=$(realpath "$0")
cd "$(dirname "$SCRIPT")/.."
REPORT=${1:-}
. .ci/install.sh
. .ci/services.sh # free_port
PACKAGES="podman debootstrap curl jq"

IMAGE=localhost/chatshare:ci
BASE_REPO=localhost/chatshare-ci-base
SUITE=bookworm
MIRROR=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
MIRROR=${MIRROR:-http://deb.debian.org/debian}

WORK=$(mktemp -d /tmp/chatshare-image.XXXXXX)
chmod 755 "$WORK"
export CONTAINERS_CONF="$WORK/containers.conf"
printf '[containers]\ndefault_ulimits = []\n' >"$CONTAINERS_CONF"
CONTAINER=
SERVER_PID=
finished=false
passed=0
failed=0

write_report() {
  [ -n "$REPORT" ] || return 0
  printf '{"numPassedTests":%d,"numFailedTests":%d,"numPendingTests":0,"numTodoTests":0,"numFailedTestSuites":0}\n' \
    "$passed" "$failed" >"$REPORT"
}

cleanup() {
  local code=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "$CONTAINER" ]; then
    podman umount "$CONTAINER" >/dev/null 2>&1 || true
    podman rm -f "$CONTAINER" >/dev/null 2>&1 || true
  fi
  # debootstrap mounts /proc and /sys in the tree it makes: never delete through a mount.
  findmnt -rn -o TARGET | grep "^$WORK/" | sort -r | xargs -r umount -l 2>/dev/null || true
  rm -rf --one-file-system "$WORK"
  # A crash before the last check is a failure in the summary, never silence.
  $finished || failed=$((failed + 1))
  write_report
  exit "$code"
}
trap cleanup EXIT

check() {
  local name=$1
  shift
  if "$@"; then
    echo "  ✓ $name"
    passed=$((passed + 1))
  else
    echo "  ✗ $name"
    failed=$((failed + 1))
  fi
}

# The base image's fingerprint: everything copied into it, and this recipe.
base_fingerprint() {
  {
    echo "$SUITE $MIRROR"
    sha256sum /usr/bin/node /etc/ssl/certs/ca-certificates.crt /root/.npmrc
    cat /usr/lib/node_modules/npm/package.json
    find /usr/include/node -type f | sort | xargs sha256sum
    sed -n '/^build_base()/,/^}/p' "$SCRIPT"
  } | sha256sum | cut -c1-16
}

build_base() {
  local rootfs="$WORK/rootfs"
  debootstrap --variant=minbase "$SUITE" "$rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
    { tail -20 "$WORK/debootstrap.log"; return 1; }
  cp /usr/bin/node "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules" "$rootfs/usr/include" "$rootfs/etc/ssl/certs"
  cp -a /usr/lib/node_modules/npm "$rootfs/usr/local/lib/node_modules/"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  # Node's headers, for compiling the SQLite driver (the copied npm config points node-gyp here).
  cp -a /usr/include/node "$rootfs/usr/include/node"
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
  cp /root/.npmrc "$rootfs/root/.npmrc"
  rm -rf "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"*
  tar -C "$rootfs" -c . | podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["node"]' - "$1" >"$WORK/import.log" 2>&1 || { cat "$WORK/import.log"; return 1; }
  rm -rf --one-file-system "$rootfs"
}

step() { printf '%s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step "image: podman and debootstrap"
install_packages

BASE="$BASE_REPO:$(base_fingerprint)"
if podman image exists "$BASE"; then
  step "image: base $BASE (kept from an earlier run)"
else
  step "image: base $BASE (debootstrap $SUITE from $MIRROR)"
  build_base "$BASE"
fi
# Bases made from an older machine state are of no further use.
for old in $(podman images --noheading --format '{{.Repository}}:{{.Tag}}' "$BASE_REPO" 2>/dev/null); do
  [ "$old" = "$BASE" ] || podman rmi "$old" >/dev/null 2>&1 || true
done

step "image: build"
# --format docker keeps HEALTHCHECK, which the OCI image format has no field for. The build's
# `npm ci` reads this machine's npm cache (filled by the `npm ci` before the tests; entries
# are checked against the lockfile's hashes), so packages are not downloaded a second time.
# Each step is shown with the time it started; the whole log only when the build fails.
NPM_CACHE=$(npm config get cache)
mkdir -p "$NPM_CACHE"
built() {
  podman build --isolation chroot --format docker --layers --build-arg "BASE_IMAGE=$BASE" \
    --volume "$NPM_CACHE:/root/.npm" -t "$IMAGE" . 2>&1 |
    tee "$WORK/build.log" | while IFS= read -r line; do
      case $line in *STEP\ *) printf '  %s %s\n' "$(date -u +%H:%M:%S)" "${line:0:110}" ;; esac
    done
  [ "${PIPESTATUS[0]}" -eq 0 ] || { tail -40 "$WORK/build.log"; return 1; }
}
check "the image builds" built
# Untagged layers are the build cache of the next run; only those a day old go.
podman image prune -f --filter until=24h >/dev/null 2>&1 || true
[ "$failed" -eq 0 ] || { finished=true; exit 1; }

step "image: serve from its file system"
info=$(podman image inspect "$IMAGE" | jq '.[0]')
config=$(jq '.Config' <<<"$info")
healthcheck=$(jq '.Healthcheck // .Config.Healthcheck // {}' <<<"$info")
healthcheck_set() { jq -e '.Test[0] == "CMD" and (.Test | length > 1)' <<<"$healthcheck" >/dev/null; }
check "the image has a HEALTHCHECK" healthcheck_set
non_root() { [ "$(jq -r '.User // ""' <<<"$config")" != "" ] && [ "$(jq -r '.User' <<<"$config")" != "root" ]; }
check "the image runs as a user other than root" non_root

CONTAINER=$(podman create "$IMAGE")
ROOT=$(podman mount "$CONTAINER")
user=$(jq -r '.User' <<<"$config")
uid=$(chroot "$ROOT" id -u "$user")
gid=$(chroot "$ROOT" id -g "$user")
workdir=$(jq -r '.WorkingDir // "/"' <<<"$config")
mapfile -t image_env < <(jq -r '.Env[]' <<<"$config")
mapfile -t command < <(jq -r '(.Entrypoint // []) + (.Cmd // []) | .[]' <<<"$config")
mapfile -t probe < <(jq -r '.Test[1:] // [] | .[]' <<<"$healthcheck")
PORT=$(free_port)
DATA="$WORK/data"
install -d -o "$uid" -g "$gid" -m 700 "$DATA"
BASE_URL="http://127.0.0.1:$PORT"
run_env=("${image_env[@]}" "PORT=$PORT" "HOST=127.0.0.1" "PUBLIC_URL=$BASE_URL" "LOG_LEVEL=warn")

# In the image's root as its user, with /data from the host; mounts live in a private
# namespace that ends with the process. It replaces the calling shell, so call it in a
# subshell or in the background: the process waited for is then the command itself.
in_image() {
  exec unshare --mount --propagation private -- sh -c '
    root=$1; data=$2; spec=$3; dir=$4; shift 4
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount --bind "$data" "$root/data"
    exec chroot --userspec="$spec" "$root" /usr/bin/env -i -C "$dir" "$@"
  ' sh "$ROOT" "$DATA" "$uid:$gid" "$workdir" "$@"
}

(in_image "${run_env[@]}" "${command[@]}") >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
up=false
for _ in $(seq 1 100); do
  if curl -sf "$BASE_URL/healthz" >/dev/null 2>&1; then up=true; break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.2
done
if ! $up; then
  echo "the server in the image did not start:"
  tail -40 "$WORK/server.log"
fi

status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
answers_200() { [ "$(status_of "$BASE_URL$1")" = 200 ]; }
check "GET /healthz answers 200" answers_200 /healthz
check "GET /app/ answers 200" answers_200 /app/

# An account, a conversation and a link, as the README's walk-through makes them.
JAR="$WORK/jar.txt"
share_code() {
  curl -sf -c "$JAR" -H 'content-type: application/json' \
    -d '{"email":"image@example.com","password":"a long password"}' "$BASE_URL/api/v1/auth/signup" >/dev/null &&
    token=$(curl -sf -b "$JAR" -H "Origin: $BASE_URL" -H 'content-type: application/json' \
      -d '{"name":"image"}' "$BASE_URL/api/v1/tokens" | jq -er .token) &&
    conversation=$(curl -sf -H "Authorization: Bearer $token" -H 'content-type: application/json' \
      -d '[{"role":"user","content":"Ping from the image?"},{"role":"assistant","content":"Pong from the image."}]' \
      "$BASE_URL/api/v1/conversations" | jq -er .id) &&
    curl -sf -H "Authorization: Bearer $token" -H 'content-type: application/json' \
      -d "{\"conversationId\":\"$conversation\",\"privacy\":\"unlisted\"}" \
      "$BASE_URL/api/v1/shares" | jq -er .shortCode
}
CODE=$(share_code || true)
page_shows_conversation() {
  [ -n "$CODE" ] && [ "$(curl -s -o "$WORK/page.html" -w '%{http_code}' "$BASE_URL/s/$CODE")" = 200 ] &&
    grep -q 'Pong from the image.' "$WORK/page.html"
}
check "a link made through the API: its page answers 200 with the conversation" page_shows_conversation
healthcheck_passes() { (in_image "${run_env[@]}" "${probe[@]}"); }
check "the image's HEALTHCHECK command passes" healthcheck_passes

kill -TERM "$SERVER_PID"
stopped_cleanly() { wait "$SERVER_PID"; }
check "the server stops cleanly on SIGTERM" stopped_cleanly
SERVER_PID=
sqlite_in_data() { [ -n "$(find "$DATA" -name '*.sqlite*' -o -name '*.db' | head -1)" ]; }
check "SQLite was written under /data" sqlite_in_data

finished=true
echo "image: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
