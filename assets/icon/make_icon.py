"""Draws the app icon (a teal rounded square with 台账 in white) and writes the platform
icons into src-tauri/icons. Run by hand when the icon changes: `python3 make_icon.py`.
Needs Pillow and a CJK font (fonts-noto-cjk)."""
from PIL import Image, ImageDraw, ImageFont

SIZE = 1024
img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
d = ImageDraw.Draw(img)
d.rounded_rectangle([32, 32, SIZE - 32, SIZE - 32], radius=200, fill=(0, 122, 112, 255))
font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 400, index=2)
d.text((SIZE / 2, SIZE / 2 - 20), "台账", font=font, fill="white", anchor="mm")
d.rectangle([240, 800, SIZE - 240, 830], fill=(255, 255, 255, 220))
img.save("icon-source.png")

# The platform icons Tauri needs (Windows .ico, Linux PNGs), written into src-tauri/icons.
import os

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../src-tauri/icons")
os.makedirs(out, exist_ok=True)
for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
    img.resize((size, size), Image.LANCZOS).save(os.path.join(out, name))
img.save(os.path.join(out, "icon.ico"), sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
