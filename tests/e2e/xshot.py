"""xshot.py OUT.png: what the X server shows on its root window, read with
XGetImage through libX11 (ctypes) and written as an RGB PNG (zlib). The
player's own screenshots draw the frame again, so they cannot show what a
renderer left on the screen; this can. Needs a 24-bit TrueColor screen
(xvfb-run -s "-screen 0 WxHx24")."""
import ctypes
import struct
import sys
import zlib

x = ctypes.cdll.LoadLibrary("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XDefaultRootWindow.restype = ctypes.c_ulong
x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x.XDisplayWidth.argtypes = [ctypes.c_void_p, ctypes.c_int]
x.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
x.XGetImage.restype = ctypes.c_void_p
x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int,
                        ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                        ctypes.c_ulong, ctypes.c_int]


class XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int),
                ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
                ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int),
                ("bitmap_bit_order", ctypes.c_int),
                ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
                ("bytes_per_line", ctypes.c_int),
                ("bits_per_pixel", ctypes.c_int)]


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data)))


display = x.XOpenDisplay(None)
if not display:
    sys.exit("xshot: cannot open the display")
width = x.XDisplayWidth(display, 0)
height = x.XDisplayHeight(display, 0)
ZPIXMAP = 2
ptr = x.XGetImage(display, x.XDefaultRootWindow(display), 0, 0, width,
                  height, 0xffffffff, ZPIXMAP)
if not ptr:
    sys.exit("xshot: XGetImage failed")
img = ctypes.cast(ptr, ctypes.POINTER(XImage)).contents
if img.bits_per_pixel != 32:
    sys.exit("xshot: %d bits per pixel, 32 expected" % img.bits_per_pixel)
raw = ctypes.string_at(img.data, img.bytes_per_line * height)
rows = []
for y in range(height):
    line = raw[y * img.bytes_per_line:y * img.bytes_per_line + width * 4]
    rgb = bytearray(width * 3)
    rgb[0::3] = line[2::4]  # BGRX in memory (little-endian TrueColor)
    rgb[1::3] = line[1::4]
    rgb[2::3] = line[0::4]
    rows.append(b"\0" + bytes(rgb))
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0,
                                       0, 0)) +
            chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) +
            chunk(b"IEND", b""))
