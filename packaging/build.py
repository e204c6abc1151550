"""Build the Newsletter Composer desktop bundle with one command, on Linux, Windows or macOS.

    python packaging/build.py              # the bundle, plus the .tar.gz on Linux
    python packaging/build.py --installer  # also the Inno Setup installer (Windows) or the .dmg (macOS)
    python packaging/build.py --package-only  # package a bundle built (and signed) earlier

Steps: a clean virtual environment in build/bundle-venv with the app installed from
this checkout (a real, non-editable install, with PyInstaller from the `bundle` extra);
the icons made from resources/icons/newsletter-composer.png; PyInstaller in one-folder
mode (packaging/newsletter-composer.spec); then the platform's package in build/release/.
Everything written goes under build/. Nothing is downloaded at run time by the app.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
BUILD = REPO / "build"
VENV = BUILD / "bundle-venv"
DIST = BUILD / "dist"
ICONS = BUILD / "icons"
RELEASE = BUILD / "release"
ICON_PNG = REPO / "resources" / "icons" / "newsletter-composer.png"
APP_NAME = "Newsletter Composer"
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    started = time.monotonic()
    if options.package_only:  # CI signs the bundle between building it and packaging it
        version = _run_output([str(_venv_python()), "-c", "import composer; print(composer.__version__)"]).strip()
        installer = _package(bundle_folder(), version, installer=True)
        print(f"package: {installer} ({installer.stat().st_size / 2**20:.0f} MB)")
        return 0
    python = _prepare_environment(options.reuse_venv)
    BUILD.mkdir(parents=True, exist_ok=True)
    # PyInstaller runs from build/, so the installed package is frozen, not the checkout's composer/.
    version = _run_output([python, "-c", "import composer; print(composer.__version__)"]).strip()
    _make_icons(python, version)
    _run([python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
          "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
          str(PACKAGING / "newsletter-composer.spec")],
         env={**os.environ, "NEWSLETTER_COMPOSER_ICONS": str(ICONS)})
    bundle = bundle_folder()
    _remove_dangling_links(bundle)
    print(f"bundle: {bundle} ({_size(bundle) / 2**20:.0f} MB)")
    package = _package(bundle, version, installer=options.installer)
    if package is not None:
        print(f"package: {package} ({package.stat().st_size / 2**20:.0f} MB)")
    print(f"built in {time.monotonic() - started:.0f} s")
    return 0


def _package(bundle: Path, version: str, installer: bool) -> Path | None:
    """The .tar.gz on Linux; with *installer*, the Inno Setup installer (Windows) or the .dmg (macOS)."""
    RELEASE.mkdir(parents=True, exist_ok=True)
    if not (WINDOWS or MACOS):
        return _linux_archive(bundle, version)
    if installer:
        return _windows_installer(version) if WINDOWS else _macos_dmg(version)
    return None


def bundle_folder() -> Path:
    """Where the frozen app is: the folder on Linux and Windows, the .app on macOS."""
    if MACOS:
        return DIST / f"{APP_NAME}.app"
    return DIST / ("NewsletterComposer" if WINDOWS else "newsletter-composer")


def program_path() -> Path:
    """The frozen command-line program (prints the version, renders, checks; opens the window with no arguments)."""
    if MACOS:
        return bundle_folder() / "Contents" / "MacOS" / "newsletter-composer"
    return bundle_folder() / ("newsletter-composer.exe" if WINDOWS else "newsletter-composer")


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installer", action="store_true",
                        help="also make the Windows installer (Inno Setup's iscc) or the macOS .dmg")
    parser.add_argument("--package-only", action="store_true",
                        help="only package the bundle already built (after signing it): .tar.gz, installer or .dmg")
    parser.add_argument("--reuse-venv", action="store_true",
                        help="keep build/bundle-venv's packages if it exists (faster rebuilds; the app is reinstalled)")
    return parser.parse_args(argv)


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def _prepare_environment(reuse: bool) -> str:
    """build/bundle-venv with this checkout installed for real (non-editable): the bundle gets what a wheel ships."""
    python = _venv_python()
    if not (reuse and python.exists()):
        if VENV.exists():
            shutil.rmtree(VENV)
        print(f"creating {VENV}")
        venv.create(VENV, with_pip=True)
        _run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    # pip rebuilds a local folder every time, so the checkout's current code is what gets frozen.
    _run([str(python), "-m", "pip", "install", "--quiet", f"{REPO}[bundle]"])
    return str(python)


def _make_icons(python: str, version: str) -> None:
    """The .ico (Windows) and .icns (macOS) from the PNG, and Windows' version resource."""
    ICONS.mkdir(parents=True, exist_ok=True)
    _run([python, "-c", (
        "import sys; from PIL import Image; image = Image.open(sys.argv[1]).convert('RGBA');"
        "image.save(sys.argv[2], sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)]);"
        "image.save(sys.argv[3])"
    ), str(ICON_PNG), str(ICONS / "newsletter-composer.ico"), str(ICONS / "newsletter-composer.icns")])
    numbers = ", ".join((version.split(".") + ["0", "0", "0"])[:4])
    (ICONS / "version-info.txt").write_text(_WINDOWS_VERSION_INFO.format(numbers=numbers, version=version, name=APP_NAME),
                                            encoding="utf-8")


def _linux_archive(bundle: Path, version: str) -> Path:
    """newsletter-composer-VERSION-linux-ARCH.tar.gz: the bundle, a .desktop file, the icon and an installer script."""
    stem = f"newsletter-composer-{version}-linux-{platform.machine()}"
    staging = BUILD / "staging" / stem
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(bundle, staging / "app", symlinks=True)
    shutil.copy2(ICON_PNG, staging / "newsletter-composer.png")
    shutil.copy2(PACKAGING / "linux" / "newsletter-composer.desktop", staging / "newsletter-composer.desktop")
    shutil.copy2(PACKAGING / "linux" / "install.sh", staging / "install.sh")
    shutil.copy2(PACKAGING / "linux" / "README.txt", staging / "README.txt")
    archive = RELEASE / f"{stem}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(staging, arcname=stem)
    return archive


def _windows_installer(version: str) -> Path:
    iscc = shutil.which("iscc") or shutil.which("ISCC") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
    if not Path(iscc).exists() and not shutil.which(iscc):
        raise SystemExit("Inno Setup's iscc was not found; install Inno Setup 6 (choco install innosetup).")
    _run([iscc, f"/DAppVersion={version}", f"/DSourceDir={bundle_folder()}", f"/DOutputDir={RELEASE}",
          f"/DIconFile={ICONS / 'newsletter-composer.ico'}", str(PACKAGING / "windows" / "newsletter-composer.iss")])
    return RELEASE / f"NewsletterComposer-{version}-setup.exe"


def _macos_dmg(version: str) -> Path:
    """A compressed .dmg holding the .app and a link to /Applications (hdiutil ships with macOS)."""
    staging = BUILD / "dmg"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    _run(["ditto", str(bundle_folder()), str(staging / bundle_folder().name)])
    (staging / "Applications").symlink_to("/Applications")
    dmg = RELEASE / f"NewsletterComposer-{version}-macos-{platform.machine()}.dmg"
    dmg.unlink(missing_ok=True)
    _run(["hdiutil", "create", "-volname", APP_NAME, "-srcfolder", str(staging), "-ov", "-format", "UDZO", str(dmg)])
    return dmg


def _remove_dangling_links(bundle: Path) -> None:
    """Links PyInstaller made to libraries the spec left out (see packaging/qt_modules.py)."""
    for path in bundle.rglob("*"):
        if path.is_symlink() and not path.exists():
            path.unlink()


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def _run(command: list[str], env: dict | None = None) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, env=_without_python_path(env), cwd=BUILD)


def _run_output(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=BUILD,
                          env=_without_python_path(None)).stdout


def _without_python_path(env: dict | None) -> dict:
    """The build venv sees only what is installed in it: a PYTHONPATH pointing at a checkout would freeze that instead."""
    env = dict(os.environ if env is None else env)
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"):
        env.pop(name, None)
    return env


_WINDOWS_VERSION_INFO = """\
VSVersionInfo(
  ffi=FixedFileInfo(filevers=({numbers}), prodvers=({numbers}), mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080904B0', [
      StringStruct('CompanyName', '{name}'),
      StringStruct('FileDescription', '{name}'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('ProductName', '{name}'),
      StringStruct('ProductVersion', '{version}'),
      StringStruct('OriginalFilename', 'NewsletterComposer.exe')])]),
    VarFileInfo([VarStruct('Translation', [0x0809, 1200])])
  ]
)
"""


if __name__ == "__main__":
    sys.exit(main())
