#!/usr/bin/env bash
# apt-install.sh WHO PACKAGE...: install Debian packages the calling script found missing (as
# root; anyone else is told the command to run, exit 2). Shared by the install-*.sh scripts.
set -euo pipefail
who=$1
shift
[ $# -gt 0 ] || exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "$who: missing $*: run 'sudo apt-get install -y $*'" >&2
  exit 2
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
