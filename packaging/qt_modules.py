"""Which Qt modules the desktop bundle carries, and which it leaves out.

The app imports QtCore, QtGui, QtWidgets, QtSvg, QtWebEngineCore and QtWebEngineWidgets.
QtWebEngine itself links QtNetwork, QtWebChannel, QtPositioning, QtQml, QtQuick,
QtOpenGL and QtPrintSupport, so their libraries come along as its dependencies;
every other Qt module is excluded, and so are the Qt files QtWebEngine never reads
in this app (DevTools resources, Chromium's UI strings in other languages).
tests/packaging/test_bundle_config.py checks that composer imports none of the
excluded modules.
"""

import re

USED = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtWebEngineCore", "QtWebEngineWidgets")  # QtSvg draws the linked-block badge
# Python modules PySide6's QtWebEngine bindings import themselves.
NEEDED_BY_WEBENGINE = ("QtNetwork", "QtWebChannel", "QtPrintSupport")
# Libraries QtWebEngineCore links (so they stay), whose Python modules and QML files are left out.
LIBRARIES_ONLY = ("QtQml", "QtQuick", "QtOpenGL", "QtPositioning")

LEFT_OUT = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent", "QtDBus", "QtDataVisualization",
    "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLabsStyleKit",
    "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc",
    "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtQmlFeatures", "QtQuick3D", "QtQuickControls2",
    "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus",
    "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTest",
    "QtTextToSpeech", "QtUiTools", "QtWebEngineQuick", "QtWebSockets", "QtWebView", "QtXml",
    "QtAxContainer",
) + LIBRARIES_ONLY

# Other Python packages the app never imports at run time (test and build tools).
OTHER_EXCLUDES = ("tkinter", "pytest", "pytestqt", "hypothesis", "playwright", "aiosmtpd", "docx",
                  "enchant", "PyInstaller", "setuptools", "pip")

# QtWebEngine keeps one .pak of UI strings per language; the app is in British English.
KEPT_WEBENGINE_LOCALES = ("en-GB.pak", "en-US.pak")
# Files dropped from the bundle by name: DevTools is never opened.
DROPPED_FILES = ("qtwebengine_devtools_resources.pak", "qtwebengine_devtools_resources.debug.pak")
# Qt plugins the app never loads, by the path inside the bundle. The GTK theme plugin alone
# drags in GTK 3, Cairo and Pango; the virtual keyboard drags in Qt Quick's controls.
DROPPED_PLUGINS = (
    "platformthemes/libqgtk3", "platforminputcontexts/libqtvirtualkeyboard", "plugins/qmltooling/",
    "plugins/position/", "plugins/generic/", "plugins/egldeviceintegrations/", "printsupport/",
    "platforms/libqeglfs", "platforms/libqlinuxfb", "platforms/libqvnc", "platforms/libqvkkhrdisplay",
    "platforms/libqminimalegl", "imageformats/libqpdf", "imageformats/qpdf",
)
# Qt's own translations (qtbase_de.qm …): the app's interface is English only.
DROPPED_FOLDERS = ("translations/qtbase_", "translations/qt_", "translations/qtwebengine_")


def python_excludes() -> list[str]:
    return [f"PySide6.{name}" for name in LEFT_OUT] + list(OTHER_EXCLUDES)


def keep_file(destination: str) -> bool:
    """Whether a collected file (its path inside the bundle) stays in the bundle."""
    path = destination.replace("\\", "/")
    name = path.rsplit("/", 1)[-1]
    if name in DROPPED_FILES:
        return False
    if "/qtwebengine_locales/" in path and name not in KEPT_WEBENGINE_LOCALES:
        return False
    if any(part in path for part in DROPPED_FOLDERS) and path.endswith(".qm"):
        return False
    if any(part in path for part in DROPPED_PLUGINS):
        return False
    return not _LEFT_OUT_LIBRARY.search(path)


# Libraries of left-out modules that a plugin may still drag in (Qt6Pdf.dll, libQt6Pdf.so.6,
# QtPdf.framework/…): the plugins that need them go too.
_LEFT_OUT_LIBRARY = re.compile(
    r"(?:Qt6|/Qt|^Qt)(?:Pdf|Multimedia|Quick3D|3D|Charts|DataVisualization|Graphs|Sql|Test|Bluetooth|Nfc|"
    r"SerialPort|SerialBus|Sensors|TextToSpeech|SpatialAudio|RemoteObjects|Scxml|Designer|Help|QuickTest)"
    r"[A-Za-z]*(?:[._]|$)"
)


# Libraries nothing links but something opens while running: Python itself, NSS's modules
# (QtWebEngine's certificate checks) and OpenSSL (Qt's TLS backend). They always stay.
LOADED_AT_RUN_TIME = ("libpython", "libfreebl3.so", "libfreeblpriv3.so", "libnssckbi.so", "libnssdbm3.so",
                      "libsoftokn3.so", "libssl.so", "libcrypto.so")


def without_orphans(binaries: list) -> list:
    """Drop the shared libraries that only a dropped plugin needed (Linux: GTK 3, CUPS, Qt Quick's controls …).

    PyInstaller collects a plugin's libraries before the spec can filter the plugin out,
    so after filtering, keep a library only while a kept binary still links it.
    """
    import os

    from PyInstaller.depend.bindepend import get_imports

    real = os.path.realpath

    def is_root(destination: str) -> bool:
        path = destination.replace("\\", "/")
        return ("/plugins/" in path or "libexec/" in path or ".cpython-" in path or ".abi3." in path
                or path.rsplit("/", 1)[-1].startswith(LOADED_AT_RUN_TIME)
                or not path.startswith(("lib", "PySide6/Qt/lib/")))

    kept = {real(entry[1]) for entry in binaries if is_root(entry[0])}
    candidates = {real(entry[1]) for entry in binaries} - kept
    queue = list(kept)
    while queue:
        for _, full_path in get_imports(queue.pop()):
            full_path = real(full_path) if full_path else None
            if full_path in candidates:
                candidates.discard(full_path)
                kept.add(full_path)
                queue.append(full_path)
    return [entry for entry in binaries if real(entry[1]) in kept]
