#!/usr/bin/env bash
# Install everything ClerkApp needs on a fresh Debian/Ubuntu machine, idempotently:
#   1. the system libraries Qt needs, Chinese fonts, poppler, CUPS and PostgreSQL (apt-get; only as root or
#      with sudo),
#   2. a virtual environment in .venv with the package installed editable, with its test and dev tools.
# Re-running is cheap: each step is skipped when already done (pyproject.toml unchanged).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xkb1 libglib2.0-0 libnss3 libasound2
  fonts-droid-fallback fonts-arphic-uming poppler-utils xvfb xauth
  # printing: lp hands the PDF to CUPS; the tests run a private cupsd with a PDF file printer
  cups-daemon cups-client cups-filters
  # the platform database's tests run on SQLite and on a throw-away PostgreSQL server (issue 12)
  postgresql
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
  if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
    echo "bootstrap: apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    # libasound2 is a virtual package on newer Debian; install what exists.
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" \
      || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
           $(for p in "${missing[@]}"; do apt-cache show "$p" >/dev/null 2>&1 && echo "$p"; done)
  else
    echo "bootstrap: please install with apt-get: ${missing[*]}" >&2
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.clerkapp-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "bootstrap: pip install -e .[dev]"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  touch "$stamp"
fi
