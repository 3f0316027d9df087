#!/usr/bin/env bash
# What tests/test_flutter_tls.py needs to run a real Flutter engine (the flet desktop client from
# PyPI) on this machine: a virtual X server and the libraries the client links (GTK 3, GStreamer,
# mpv), plus openssl to name the test CA in a hashed trust directory. Safe to run again.
set -euo pipefail

need=()
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
for package in libgtk-3-0 libgstreamer-plugins-base1.0-0 libmpv2; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done

bash "$(dirname "$0")/apt-install.sh" install-flutter-runtime "${need[@]}"
echo "flutter runtime ready: $(command -v xvfb-run)"
