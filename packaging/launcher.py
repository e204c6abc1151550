"""The desktop bundle's entry point: PyInstaller freezes this script (see newsletter-composer.spec)."""

import sys

from composer.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
