"""Sensible bounds for what a newsletter can hold, checked before any outside file is unpacked or decoded.

One place, so the importers, the picture readers, the loader and the checks refuse the same
things with the same words. Each limit is far beyond a real issue and far below what hangs the app.
"""

MEGABYTE = 1024 * 1024

DOCX_TEXT_BYTES = 20 * MEGABYTE        # uncompressed size of a Word document's parts
DOCX_COMPRESSION_RATIO = 200           # a part that unpacks to more than this many times its size is a zip bomb
IMPORT_PARAGRAPHS = 10_000             # paragraphs in one imported newsletter
TEXT_FILE_BYTES = 20 * MEGABYTE        # a plain-text or HTML file to import, or pasted HTML
PICTURE_PIXELS = 40_000_000            # 40 megapixels
PICTURE_FILE_BYTES = 25 * MEGABYTE
PICTURE_EMAIL_BYTES = 200 * 1024      # a picture made ready for email, unless she asks for full quality
ISSUE_FILE_BYTES = 20 * MEGABYTE       # a .newsletter file (a real issue is well under 1 MB)
TEXT_FIELD_CHARACTERS = 1_000_000      # one text block; beyond this the editor refuses more
PASTED_HTML_CHARACTERS = 4 * TEXT_FIELD_CHARACTERS  # HTML on the clipboard (markup is most of it)
IMPORT_LINE_CHARACTERS = 100_000       # one line of an imported text file (a long paragraph is ~5,000)
THEME_FILE_BYTES = 1 * MEGABYTE        # a user theme template
LIBRARY_ENTRY_BYTES = 5 * MEGABYTE     # one library entry file
GMAIL_CLIP_BYTES = 102 * 1024          # Gmail hides the rest of a longer email behind "[Message clipped]"


def describe_bytes(size: int) -> str:
    """Sizes in the words a coordinator reads: “25 MB”, “640 KB”."""
    if size >= MEGABYTE:
        return f"{size / MEGABYTE:.0f} MB"
    return f"{max(1, round(size / 1024))} KB"
