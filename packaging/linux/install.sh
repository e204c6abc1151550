#!/bin/sh
# Put Newsletter Composer in your applications menu (no administrator rights needed).
# Run from the unpacked folder:  ./install.sh     Undo with:  ./install.sh --remove
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/512x512/apps"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$apps/newsletter-composer.desktop" "$icons/newsletter-composer.png"
  echo "Removed Newsletter Composer from the applications menu."
  exit 0
fi
mkdir -p "$apps" "$icons"
cp "$here/newsletter-composer.png" "$icons/newsletter-composer.png"
sed "s|^Exec=newsletter-composer|Exec=\"$here/app/newsletter-composer\"|" \
  "$here/newsletter-composer.desktop" > "$apps/newsletter-composer.desktop"
chmod +x "$apps/newsletter-composer.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
echo "Newsletter Composer is now in your applications menu (Office)."
echo "Keep this folder where it is: the menu entry starts $here/app/newsletter-composer"
