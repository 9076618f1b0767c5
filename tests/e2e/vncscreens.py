"""vncscreens.py SOCKET WxH+X+Y...: sets the monitors of an Xvnc server
(TigerVNC) as a VNC client with several screens would: one RandR output
(VNC-0, VNC-1, ...) a screen, each at its place on the desktop. Fewer
screens than before unplug the outputs left over. SOCKET is the server's
-rfbunixpath; it must accept clients without a password (-SecurityTypes
None). Xvfb cannot do this: its one RandR output is the whole screen, and
SDL 2 sees displays only as RandR outputs. Exit status 1 when the server
refused the layout."""
import socket
import struct
import sys


def main():
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(30)
    sock.connect(sys.argv[1])

    def read(n):
        data = b""
        while len(data) < n:
            more = sock.recv(n - len(data))
            if not more:
                sys.exit("vncscreens: the server closed the connection")
            data += more
        return data

    read(12)                          # the server's ProtocolVersion
    sock.sendall(b"RFB 003.008\n")
    types = read(read(1)[0])
    if 1 not in types:                # 1: security type None
        sys.exit("vncscreens: the server wants a password")
    sock.sendall(b"\x01")
    if struct.unpack(">I", read(4))[0] != 0:
        sys.exit("vncscreens: security handshake failed")
    sock.sendall(b"\x01")             # ClientInit, shared
    read(4 + 16)                      # ServerInit: size, pixel format
    read(struct.unpack(">I", read(4))[0])
    # SetEncodings: ExtendedDesktopSize (-308), so that the server answers
    sock.sendall(struct.pack(">BBHi", 2, 0, 1, -308))
    screens = []
    for arg in sys.argv[2:]:
        size, x, y = arg.split("+")
        w, h = size.split("x")
        screens.append((int(x), int(y), int(w), int(h)))
    width = max(x + w for x, y, w, h in screens)
    height = max(y + h for x, y, w, h in screens)
    msg = struct.pack(">BBHHBB", 251, 0, width, height, len(screens), 0)
    for i, (x, y, w, h) in enumerate(screens):
        msg += struct.pack(">IHHHHI", i + 1, x, y, w, h, 0)
    sock.sendall(msg)                 # SetDesktopSize
    # The answer comes as an ExtendedDesktopSize rectangle of the next
    # framebuffer update: its y is the status (0: done).
    sock.sendall(struct.pack(">BBHHHH", 3, 0, 0, 0, width, height))
    while True:
        kind = read(1)[0]
        if kind != 0:                 # not a FramebufferUpdate
            sys.exit("vncscreens: unexpected message %d" % kind)
        read(1)
        for _ in range(struct.unpack(">H", read(2))[0]):
            x, y, w, h, enc = struct.unpack(">HHHHi", read(12))
            if enc == -308:
                count = read(4)[0]
                read(16 * count)
                if y != 0:
                    sys.exit("vncscreens: layout refused (status %d)" % y)
                return
            sys.exit("vncscreens: unexpected encoding %d" % enc)


main()
