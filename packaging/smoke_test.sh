#!/usr/bin/env bash
# Smoke-test the frozen Newsletter Composer: run it as a coordinator's machine would.
#
#   bash packaging/smoke_test.sh [CLI_PROGRAM [WINDOW_PROGRAM]]
#
# Defaults to the bundle packaging/build.py made for this platform. Checks that the
# frozen program prints its version, renders the sample issue to HTML and plain text,
# checks British spelling with the dictionary inside the bundle (on Linux as root the
# system's dictionaries and enchant are hidden first, as on a machine without hunspell),
# and that its window opens and stays up for 10 seconds with no traceback (under Xvfb
# when there is no display). Every run uses a fresh NEWSLETTER_COMPOSER_HOME, so the
# real home folder is never touched. Exit status 0 only when every step passed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
case "$(uname -s)" in
  Linux) default_cli="$repo/build/dist/newsletter-composer/newsletter-composer"; default_gui="$default_cli" ;;
  Darwin) app="$repo/build/dist/Newsletter Composer.app/Contents/MacOS"
          default_cli="$app/newsletter-composer"; default_gui="$app/NewsletterComposer" ;;
  *) default_cli="$repo/build/dist/NewsletterComposer/newsletter-composer.exe"
     default_gui="$repo/build/dist/NewsletterComposer/NewsletterComposer.exe" ;;
esac
cli="${1:-$default_cli}"
gui="${2:-${1:-$default_gui}}"
window_seconds="${SMOKE_WINDOW_SECONDS:-10}"
fail_early() { echo "FAIL: $*"; exit 1; }
[ -x "$cli" ] || fail_early "no frozen program at $cli (run packaging/build.py first)"

# No display on Linux: run the whole test again inside a virtual screen (Xvfb).
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || fail_early "no display and no xvfb-run (apt-get install xvfb)"
  exec xvfb-run -a -s "-screen 0 1400x900x24" bash "$0" "$cli" "$gui"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NEWSLETTER_COMPOSER_HOME="$work/home"
step() { echo "== $*"; }
fail() { echo "FAIL: $*"; exit 1; }

# Run a command with the system's spelling dictionaries and enchant hidden (Linux, as root).
without_system_dictionaries() {
  if [ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
    unshare --mount bash -c '
      for folder in /usr/share/hunspell /usr/share/myspell /usr/share/enchant-2 \
                    /usr/lib/x86_64-linux-gnu/enchant-2 /usr/lib/aarch64-linux-gnu/enchant-2; do
        [ -d "$folder" ] && mount -t tmpfs none "$folder"
      done
      exec "$@"' hide "$@"
  else
    "$@"
  fi
}

step "version"
version="$("$cli" --version)"
echo "$version"
[[ "$version" == "Newsletter Composer "[0-9]* ]] || fail "unexpected version line: $version"

step "render the sample issue to HTML and plain text"
"$cli" render "$repo/resources/samples/autumn-2023.newsletter" -o "$work/out"
html="$work/out/newsletter-autumn-2023.html"
text="$work/out/newsletter-autumn-2023.txt"
[ -s "$html" ] && [ -s "$text" ] || fail "render wrote no HTML or text"
grep -qi "<html" "$html" || fail "the HTML file is not an HTML page"
grep -q "Autumn 2023" "$text" || fail "the plain text has no issue title"
compgen -G "$NEWSLETTER_COMPOSER_HOME/cache/premailer-*/*.json" >/dev/null \
  || fail "the inlining answers were not kept for the next start (the bundle lacks premailer's version records)"

step "British spelling with the bundled dictionary"
printf 'Spelling test\n\nPlease read the relavant guidance before you organize the colour scheme.\n' > "$work/typo.txt"
"$cli" import "$work/typo.txt" -o "$work/typo.newsletter" >/dev/null
set +e
without_system_dictionaries "$cli" check "$work/typo.newsletter" --json > "$work/check.json"
status=$?
set -e
[ "$status" -le 1 ] || fail "check exited with $status"
python_check='import json,sys
findings = json.load(open(sys.argv[1], encoding="utf-8"))
findings = findings.get("findings", findings) if isinstance(findings, dict) else findings
spelling = {f.get("word"): f.get("suggestions") for f in findings if f.get("rule") == "spelling"}
assert None not in spelling, "spelling unavailable: " + str([f["message"] for f in findings if f.get("rule") == "spelling"])
assert spelling.get("relavant", [""])[0] == "relevant", spelling
assert spelling.get("organize", [""])[0] == "organise", spelling
assert "colour" not in spelling, spelling
print("spelling findings:", spelling)'
py="${PYTHON:-}"  # any Python 3 reads the JSON (set PYTHON on Windows, where python3 may be a Store stub)
if [ -z "$py" ]; then if command -v python3 >/dev/null; then py=python3; else py=python; fi; fi
"$py" -c "$python_check" "$work/check.json" || fail "spelling did not work in the frozen app"

step "the window opens and stays up for ${window_seconds}s"
run_window() {
  "$gui" > "$work/window.out" 2> "$work/window.err" &
  pid=$!
  sleep "$window_seconds"
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" || true
    cat "$work/window.out" "$work/window.err"
    fail "the window closed by itself within ${window_seconds}s"
  fi
  if command -v xwininfo >/dev/null && [ -n "${DISPLAY:-}" ]; then  # X11: ask the server which windows are up
    windows="$(xwininfo -root -tree)"
    grep -q '"[^"]* — Newsletter Composer"' <<<"$windows" || fail "no main window on the screen"
    grep -q '"Welcome to Newsletter Composer"' <<<"$windows" || fail "no welcome screen on a first run"
    echo "on screen: main window and welcome screen"
    if [ -n "${SMOKE_SCREENSHOT:-}" ] && command -v import >/dev/null; then
      import -window root "$SMOKE_SCREENSHOT" || true  # with no window manager, the main window may cover the dialog
    fi
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
run_window
if grep -h "Traceback" "$work/window.err" "$work/window.out" "$work/home/logs/"*.log 2>/dev/null; then
  cat "$work/window.err"
  fail "a traceback while the window was open"
fi
echo "PASS: $version"
