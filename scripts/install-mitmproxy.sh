#!/usr/bin/env bash
# Create the mitmproxy environment used by harness.capture: <repo>/.venv-mitm (next to the
# harness's .venv), holding mitmproxy and its `mitmdump`. harness.capture.mitmdump looks there
# (after $PRIVACY_PROBE_MITMDUMP, before PATH).
#
# Why a venv of its own: mitmproxy does not resolve cleanly next to the harness. On Python 3.11 pip
# finds only mitmproxy 11.x, on 3.12 it picks 12.x, and both pin their dependencies tightly with
# upper bounds (cryptography, h2, zstandard, typing_extensions, mitmproxy-rs ...) that collide with
# what the harness venv holds. The harness only runs `mitmdump` as a subprocess with our standalone
# addon (mitmproxy + stdlib only), so nothing forces both into one interpreter.
#
# Interpreter: Python 3.12 (mitmproxy 12.x) when one is found - $PRIVACY_PROBE_MITM_PYTHON, then
# pyenv's 3.12, then python3.12 on PATH - else Python 3.11 with mitmproxy 11.x.
# Idempotent: an existing venv whose mitmdump runs is kept; a broken one is rebuilt.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${PRIVACY_PROBE_MITM_VENV:-$repo/.venv-mitm}"

ready() {
    local version
    version="$("$venv/bin/mitmdump" --version)"
    echo "mitmproxy environment ready: $venv (${version%%$'\n'*})"
}

runs() { [ -n "$1" ] && "$1" -c 'import sys, venv, ensurepip' >/dev/null 2>&1; }

pick_python() {
    local candidate
    if [ -n "${PRIVACY_PROBE_MITM_PYTHON:-}" ]; then
        runs "$PRIVACY_PROBE_MITM_PYTHON" && { echo "$PRIVACY_PROBE_MITM_PYTHON"; return; }
        echo "PRIVACY_PROBE_MITM_PYTHON=$PRIVACY_PROBE_MITM_PYTHON does not run a Python with venv" >&2
        exit 1
    fi
    for minor in 3.12 3.11; do
        if command -v pyenv >/dev/null 2>&1; then
            # newest installed patch release of this minor version
            candidate="$(ls -d "$(pyenv root)/versions/$minor".* 2>/dev/null | sort -V | tail -n 1 || true)"
            if [ -n "$candidate" ] && runs "$candidate/bin/python$minor"; then
                echo "$candidate/bin/python$minor"; return
            fi
        fi
        candidate="$(command -v "python$minor" || true)"
        if runs "$candidate"; then echo "$candidate"; return; fi
    done
    echo "no Python 3.12 or 3.11 with the venv module found (install one, e.g. 'pyenv install 3.12')" >&2
    exit 1
}

if [ -x "$venv/bin/mitmdump" ] && "$venv/bin/mitmdump" --version >/dev/null 2>&1; then
    ready
    exit 0
fi

python="$(pick_python)"
case "$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')" in
    3.11) spec="mitmproxy>=11,<12" ;;
    *) spec="mitmproxy>=12,<13" ;;
esac

rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "$spec"
ready
