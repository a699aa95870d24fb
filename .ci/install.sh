# Installs the Debian packages the tests and benchmarks need, only when one is missing.
PACKAGES="chromium postgresql redis-server nginx wrk fonts-dejavu-core curl jq poppler-utils"

install_packages() {
  local missing=""
  for package in $PACKAGES; do
    dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
  done
  if [ -n "$missing" ]; then
    echo "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing >/dev/null
  fi
}
