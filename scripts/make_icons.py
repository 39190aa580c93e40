#!/usr/bin/env python3
"""Draws Lentera's lantern mark as PNG icons (192, 512, maskable 512) with the standard library only.

Run once when the mark changes; the PNGs are committed. The same shapes are in public/icons/lentera.svg.
"""
import math
import struct
import sys
import zlib
from pathlib import Path

NIGHT = (31, 58, 95)      # background: the night the lantern lights
FRAME = (253, 246, 227)   # lantern frame
GLOW = (246, 183, 60)     # flame glass
FLAME = (255, 236, 179)   # flame core


def inside_lantern(x, y):
    """Colour at (x, y) in a 100x100 design space, or None for background."""
    # ring on top
    if math.hypot(x - 50, y - 17) <= 7 and math.hypot(x - 50, y - 17) >= 4:
        return FRAME
    # cap: trapezoid from y=23 to 31
    if 23 <= y <= 31:
        half = 10 + (y - 23) * 1.5
        if abs(x - 50) <= half:
            return FRAME
    # glass body: rounded rectangle 32..70
    if 32 <= y <= 70 and abs(x - 50) <= 15:
        if math.hypot(x - 50, (y - 49) * 0.62) <= 6.5:
            return FLAME
        if abs(x - 50) >= 12.5:
            return FRAME
        return GLOW
    # base
    if 70 <= y <= 77 and abs(x - 50) <= 20 - (y - 70) * 0.4:
        return FRAME
    return None


def render(size, scale, rounded):
    """Returns RGBA rows; `scale` shrinks the mark into the maskable safe zone."""
    rows = []
    samples = 3
    for py in range(size):
        row = bytearray()
        for px in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    u = (px + (sx + 0.5) / samples) / size * 100
                    v = (py + (sy + 0.5) / samples) / size * 100
                    if rounded:
                        dx = max(abs(u - 50) - 32, 0)
                        dy = max(abs(v - 50) - 32, 0)
                        if math.hypot(dx, dy) > 18:
                            continue
                    x = 50 + (u - 50) / scale
                    y = 50 + (v - 50) / scale
                    colour = inside_lantern(x, y) or NIGHT
                    for i in range(3):
                        acc[i] += colour[i]
                    acc[3] += 255
            n = samples * samples
            alpha = acc[3] // n
            if alpha == 0:
                row += bytes(4)
            else:
                covered = acc[3] // 255
                row += bytes([acc[0] // covered, acc[1] // covered, acc[2] // covered, alpha])
        rows.append(bytes(row))
    return rows


def png(rows, size):
    """An indexed-colour PNG when the icon has at most 256 colours (a third of the RGBA bytes on the
    first load), else RGBA; the pixels are the same either way."""
    pixels = [[r[i:i + 4] for i in range(0, len(r), 4)] for r in rows]
    colours = sorted({p for row in pixels for p in row}, key=lambda c: (c[3] == 255, c))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    if len(colours) <= 256:
        index = {c: i for i, c in enumerate(colours)}
        raw = b"".join(b"\x00" + bytes(index[p] for p in row) for row in pixels)
        alpha = bytes(c[3] for c in colours if c[3] < 255)
        header = struct.pack(">IIBBBBB", size, size, 8, 3, 0, 0, 0)
        chunks = chunk(b"IHDR", header) + chunk(b"PLTE", b"".join(c[:3] for c in colours))
        chunks += chunk(b"tRNS", alpha) if alpha else b""
    else:
        raw = b"".join(b"\x00" + r for r in rows)
        chunks = chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + chunks + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main(out):
    out.mkdir(parents=True, exist_ok=True)
    (out / "icon-192.png").write_bytes(png(render(192, 1.0, True), 192))
    (out / "icon-512.png").write_bytes(png(render(512, 1.0, True), 512))
    # maskable: full-bleed background, mark inside the central 80% safe zone
    (out / "icon-maskable-512.png").write_bytes(png(render(512, 0.8, False), 512))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "public/icons"))
