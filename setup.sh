#!/usr/bin/env bash
# Set up Newsletter Composer on Debian: the system libraries Qt and spelling need
# (installed with apt-get only when missing), then a virtual environment in .venv
# with the app and its test extras. With --tests it also installs Debian's
# chromium, through which the render tests look at the email. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

SYSTEM_PACKAGES=(
  # Qt's xcb window and QtWebEngine
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libnss3
  libxcomposite1 libxdamage1 libxrandr2 libxtst6 libasound2
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xkb1 fonts-dejavu-core xdg-utils
  # British spelling (pyenchant + hunspell en_GB)
  libenchant-2-2 hunspell-en-gb
  # a virtual screen for running the window under xvfb-run
  xvfb
  python3-venv
)
if [ "${1:-}" = "--tests" ]; then
  SYSTEM_PACKAGES+=(chromium)  # the browser the render tests look through
fi

missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
stamp=".venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  echo "Installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
