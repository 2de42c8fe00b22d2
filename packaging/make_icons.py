"""Render the app icon from resources/icons/closeout.svg into what each OS wants.

    python packaging/make_icons.py

Writes, next to the SVG's parent folder (``resources/``):

- ``closeout-16.png`` ... ``closeout-256.png``  (Linux desktop files, docs, the window icon fallback)
- ``closeout.ico``   Windows: 16, 24, 32, 48, 64, 128 as 32-bit DIBs, 256 as PNG (the classic layout every
  Windows version and resource compiler reads)
- ``closeout.icns``  macOS: PNG entries from 16 to 1024 (512@2x)

Only PySide6 is needed (QtSvg is in PySide6-Essentials): no Pillow, no iconutil. The containers are written
here from the rendered pixels, so the output is byte-for-byte the same on every run and every OS.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources" / "icons" / "closeout.svg"
OUT = ROOT / "resources"

PNG_SIZES = (16, 32, 48, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# (OSType, pixel size): PNG payloads are accepted for all of these since macOS 10.7.
ICNS_ENTRIES = (
    ("icp4", 16),
    ("icp5", 32),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic09", 512),
    ("ic11", 32),
    ("ic12", 64),
    ("ic13", 256),
    ("ic14", 512),
    ("ic10", 1024),
)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)  # straight alpha, for PNG and DIB alike


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG (is the imageformats support missing?)")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """A 32-bit BGRA device-independent bitmap as an .ico entry: header, XOR pixels bottom-up, AND mask."""
    size = image.width()
    # BITMAPINFOHEADER; the height counts the XOR and the AND bitmaps together.
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    if sys.byteorder != "little":
        raise RuntimeError("make_icons writes DIBs from little-endian pixel memory only")
    rows = []
    stride = size * 4
    raw = bytes(image.constBits())
    for y in range(size - 1, -1, -1):  # bottom-up
        start = y * image.bytesPerLine()
        rows.append(raw[start : start + stride])  # Format_ARGB32 is B,G,R,A in memory on little-endian
    # The AND mask is ignored for 32-bit images with alpha, but must be present: all zero (opaque).
    mask_stride = ((size + 31) // 32) * 4
    mask = bytes(mask_stride * size)
    return header + b"".join(rows) + mask


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries = []
    for size in ICO_SIZES:
        payload = png_bytes(images[size]) if size >= 256 else dib_bytes(images[size])
        entries.append((size, payload))
    header = struct.pack("<HHH", 0, 1, len(entries))
    offset = len(header) + 16 * len(entries)
    directory = b""
    blobs = b""
    for size, payload in entries:
        dim = 0 if size >= 256 else size  # 0 means 256
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(payload), offset)
        blobs += payload
        offset += len(payload)
    return header + directory + blobs


def icns_bytes(images: dict[int, QImage]) -> bytes:
    body = b""
    for ostype, size in ICNS_ENTRIES:
        payload = png_bytes(images[size])
        body += ostype.encode("ascii") + struct.pack(">I", 8 + len(payload)) + payload
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (Qt wants one for painting)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"make_icons: cannot read {SOURCE}", file=sys.stderr)
        return 1
    sizes = set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_ENTRIES}
    images = {size: render(renderer, size) for size in sorted(sizes)}
    outputs = {OUT / f"closeout-{size}.png": png_bytes(images[size]) for size in PNG_SIZES}
    outputs[OUT / "closeout.ico"] = ico_bytes(images)
    outputs[OUT / "closeout.icns"] = icns_bytes(images)
    for path, data in outputs.items():
        changed = write_if_changed(path, data)
        print(f"{'wrote' if changed else 'same '} {path.relative_to(ROOT)} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
