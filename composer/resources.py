"""Where the files that ship with the app live."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES_DIR = ROOT / "resources"
TEMPLATES_DIR = ROOT / "templates"
SAMPLE_ISSUE = RESOURCES_DIR / "samples" / "autumn-2023.newsletter"
SHARED_SAMPLES_DIR = ROOT.parent / "shared" / "samples"
