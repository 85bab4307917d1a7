#!/usr/bin/env bash
# Debian packages the integration tests use, installed when missing: the browser the dashboard's end-to-end tests
# drive (chromium, chromium-driver), PostgreSQL's server binaries for the tests that start a PostgreSQL of their own,
# Prometheus and promtool for the scrape tests, Alertmanager for the incoming-alert tests.
# Called by the build before the integration tests:
#   install-debian-packages.sh <skipTests> <skipITs> <file that shows they are there (a glob)> <package>...
set -euo pipefail
skip_tests=$1 skip_its=$2 present=$3
shift 3
[[ "$skip_tests" == true || "$skip_its" == true ]] && exit 0
if compgen -G "$present" > /dev/null; then
  exit 0
fi
echo "Installing Debian's $* for the integration tests..."
if [[ $(id -u) == 0 ]]; then
  apt_get=(apt-get)
elif sudo -n true 2>/dev/null; then
  apt_get=(sudo apt-get)
else
  echo "$* missing and this user cannot install them: run 'sudo apt-get install $*'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq "$@" > /dev/null
compgen -G "$present"
