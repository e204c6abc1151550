#!/usr/bin/env bash
# Set up Newsletter Composer on Debian: the system libraries Qt and spelling need
# (installed with apt-get only when missing), then a virtual environment in .venv
# with the app and its test extras. With --tests it also installs the real tools
# the tests judge the email with: Debian's chromium (the email looked at, axe-core
# injected into it) and SpamAssassin, and from npm axe-core and official MJML
# into cache/node_modules (git-ignored). Safe to run again.
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
  SYSTEM_PACKAGES+=(chromium)      # the browser the render tests look through
  SYSTEM_PACKAGES+=(spamassassin)  # scores the test send's message with its local rules
  command -v npm >/dev/null || SYSTEM_PACKAGES+=(nodejs npm)  # for axe-core and official MJML
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

# The render tests' tools from npm, pinned, in a folder git ignores: axe-core (accessibility,
# run inside chromium) and official MJML (the visible text our email must match).
if [ "${1:-}" = "--tests" ]; then
  NODE_TOOLS=(axe-core@4.11.1 mjml@5.4.1)
  node_stamp="cache/.installed-$(echo "${NODE_TOOLS[*]}" | sha1sum | cut -c1-12)"
  if [ ! -f "$node_stamp" ]; then
    echo "Installing the test tools from npm into cache/node_modules: ${NODE_TOOLS[*]}"
    mkdir -p cache
    npm install --prefix cache --no-save --no-audit --no-fund --loglevel=error "${NODE_TOOLS[@]}" >/dev/null
    rm -f cache/.installed-*
    touch "$node_stamp"
  fi
fi
