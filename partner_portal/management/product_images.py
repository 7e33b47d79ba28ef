"""Pictures for the demo catalogue, drawn with Pillow (nothing is downloaded):
a simple drawing of the kind of product on a background in the colour of its
category, with the article number underneath. Used by `load_demo`."""

import math
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

SIZE = 600
WHITE = (255, 255, 255)
INK = (33, 37, 41)

# Category name -> background colour. The demo's products sit in these
# sub-categories of "Industrial supplies".
CATEGORY_COLOURS = {
    "Fasteners": (70, 110, 150),
    "Safety": (214, 120, 20),
    "Tools": (46, 125, 80),
    "Packaging": (150, 105, 60),
}


def _hexagon(draw, centre, radius, **kwargs):
    cx, cy = centre
    points = [
        (
            cx + radius * math.cos(math.radians(60 * i)),
            cy + radius * math.sin(math.radians(60 * i)),
        )
        for i in range(6)
    ]
    draw.polygon(points, **kwargs)


def _bolt(draw):
    _hexagon(draw, (300, 170), 90, fill=(215, 220, 226), outline=INK, width=6)
    draw.rectangle((265, 240, 335, 470), fill=(200, 205, 212), outline=INK, width=6)
    for y in range(280, 470, 22):
        draw.line((265, y, 335, y + 12), fill=INK, width=4)


def _nut(draw):
    _hexagon(draw, (300, 270), 160, fill=(215, 220, 226), outline=INK, width=8)
    draw.ellipse((230, 200, 370, 340), fill=WHITE, outline=INK, width=8)
    draw.ellipse((250, 220, 350, 320), outline=(150, 155, 160), width=4)


def _glove(draw):
    colour = (250, 210, 80)
    draw.rounded_rectangle(
        (200, 220, 400, 470), radius=50, fill=colour, outline=INK, width=6
    )
    for index, height in enumerate((120, 150, 140, 110)):
        left = 205 + index * 48
        draw.rounded_rectangle(
            (left, 240 - height, left + 44, 300),
            radius=22,
            fill=colour,
            outline=INK,
            width=6,
        )
    draw.rounded_rectangle(
        (120, 280, 230, 350), radius=30, fill=colour, outline=INK, width=6
    )
    draw.rectangle((200, 440, 400, 480), fill=(60, 60, 60))


def _drill(draw):
    body = (220, 60, 50)
    draw.rounded_rectangle(
        (140, 150, 420, 260), radius=40, fill=body, outline=INK, width=6
    )
    draw.rectangle((420, 185, 500, 225), fill=(120, 125, 130), outline=INK, width=4)
    draw.line((500, 205, 535, 205), fill=INK, width=10)
    draw.polygon(
        [(250, 255), (330, 255), (300, 440), (230, 440)],
        fill=body,
        outline=INK,
        width=6,
    )
    draw.rounded_rectangle((200, 430, 350, 490), radius=14, fill=(40, 40, 40))


def _tape(draw):
    draw.ellipse((150, 120, 450, 420), fill=(200, 160, 100), outline=INK, width=6)
    draw.ellipse((230, 200, 370, 340), fill=WHITE, outline=INK, width=6)
    draw.polygon(
        [(440, 300), (520, 330), (510, 360), (420, 340)],
        fill=(200, 160, 100),
        outline=INK,
    )


def _helmet(draw):
    shell = (250, 250, 250)
    draw.pieslice((150, 190, 450, 490), 180, 360, fill=shell, outline=INK, width=6)
    draw.rounded_rectangle(
        (110, 330, 490, 370), radius=18, fill=shell, outline=INK, width=6
    )
    draw.rectangle((285, 195, 315, 340), fill=(220, 220, 220), outline=INK, width=3)


def _box(draw):
    draw.polygon(
        [(150, 200), (300, 130), (450, 200), (300, 270)],
        fill=(230, 200, 150),
        outline=INK,
    )
    draw.polygon(
        [(150, 200), (300, 270), (300, 460), (150, 390)],
        fill=(205, 170, 120),
        outline=INK,
    )
    draw.polygon(
        [(450, 200), (300, 270), (300, 460), (450, 390)],
        fill=(185, 150, 100),
        outline=INK,
    )


DRAWINGS = {
    "BOLT": _bolt,
    "NUT": _nut,
    "GLOVE": _glove,
    "DRILL": _drill,
    "TAPE": _tape,
    "HELMET": _helmet,
}


def product_image_png(*, sku: str, category: str) -> bytes:
    """A square PNG: the drawing for the SKU's prefix (a box for anything
    else) on the category's colour, the SKU printed at the bottom."""
    background = CATEGORY_COLOURS.get(category, (90, 90, 110))
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((40, 40, SIZE - 40, SIZE - 40), radius=36, fill=WHITE)
    DRAWINGS.get(sku.split("-", 1)[0], _box)(draw)
    font = ImageFont.load_default(size=36)
    draw.text((SIZE / 2, SIZE - 80), sku, fill=INK, font=font, anchor="mm")
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def product_image_ensure(*, product, sku: str, category: str) -> bool:
    """Gives the product a drawn picture unless it has one; True when added."""
    if product.images.exists():
        return False
    product.images.create(
        original=ContentFile(
            product_image_png(sku=sku, category=category),
            name=f"{sku.lower()}.png",
        ),
        caption=product.title,
        display_order=0,
    )
    return True
