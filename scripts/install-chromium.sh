#!/usr/bin/env bash
# Install Debian's chromium (the report tests load the HTML reports in it, headless) and a CJK
# font (the reports quote Chinese clauses; without one the screenshots show empty boxes).
# Safe to run again: installs only what is missing.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  need+=(fonts-noto-cjk)
fi

bash "$(dirname "$0")/apt-install.sh" install-chromium "${need[@]}"
echo "chromium ready: $(command -v chromium) ($(chromium --version 2>/dev/null | head -n 1))"
