"""Draw the app icon (resources/icons/newsletter-composer.png): a folded newsletter page on teal.

Run once when the design changes: .venv/bin/python packaging/make_icon.py
The build makes the Windows .ico and macOS .icns from this PNG.
"""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 1024
TEAL, WHITE, ORANGE, INK = (17, 110, 120), (255, 255, 255), (242, 140, 40), (190, 214, 218)
OUT = Path(__file__).resolve().parent.parent / "resources" / "icons" / "newsletter-composer.png"


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((40, 40, SIZE - 40, SIZE - 40), radius=200, fill=TEAL)
    page = (250, 190, 774, 834)
    pen.rounded_rectangle(page, radius=36, fill=WHITE)
    pen.rounded_rectangle((250, 190, 774, 330), radius=36, fill=ORANGE)  # the masthead
    pen.rectangle((250, 290, 774, 330), fill=ORANGE)
    for top in (390, 470, 550):                             # lines of text
        pen.rounded_rectangle((310, top, 714, top + 36), radius=18, fill=INK)
    pen.rounded_rectangle((310, 650, 560, 740), radius=30, fill=TEAL)  # the call-to-action button
    return image


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    draw().resize((512, 512), Image.LANCZOS).save(OUT)
    print(OUT)
