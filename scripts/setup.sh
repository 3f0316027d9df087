#!/usr/bin/env bash
# Sets up everything privacy-probe needs on a fresh Debian machine; safe to run again.
# System packages (JDK 17, Node/npm) are installed only when missing and only as root.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v javac >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
# APK tools: building the examples as APKs (aapt, zipalign, apksigner, smali) and running APKs
# on the sim (enjarify: dex → JVM classes)
for tool in aapt zipalign apksigner enjarify; do
  command -v "$tool" >/dev/null 2>&1 || need_apt+=("$tool")
done
[ -f /usr/share/java/smali.jar ] || need_apt+=(libsmali-java)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing ${need_apt[*]}: run 'sudo apt-get install -y ${need_apt[*]}'" >&2
    exit 2
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'

if [ ! -d hooks/node_modules ] || [ hooks/package-lock.json -nt hooks/node_modules/.package-lock.json ]; then
  npm ci --prefix hooks --no-audit --no-fund --loglevel=error
fi

bash scripts/install-mitmproxy.sh

# Build the Frida agent bundle and the sim framework once, so the first run is fast.
.venv/bin/python -c "from harness.agent import build_agent; from harness.sim.build import framework_classes; build_agent(); framework_classes()"
echo "setup: ok"
