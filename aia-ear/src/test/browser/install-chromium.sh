#!/usr/bin/env bash
# The browser the dashboard's end-to-end tests drive: Debian's chromium and chromium-driver, installed when missing.
# Called by the build before the integration tests (arguments: the build's skipTests and skipITs, to do nothing then).
set -euo pipefail
for skip in "$@"; do
  [[ "$skip" == true ]] && exit 0
done
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
echo "Installing Debian's chromium and chromium-driver for the dashboard's browser tests..."
if [[ $(id -u) == 0 ]]; then
  apt_get=(apt-get)
elif sudo -n true 2>/dev/null; then
  apt_get=(sudo apt-get)
else
  echo "chromium and chromium-driver are missing and this user cannot install them: run 'sudo apt-get install chromium chromium-driver'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq chromium chromium-driver > /dev/null
/usr/bin/chromium --version
