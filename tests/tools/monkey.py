"""monkey.py: a seeded random user for veiviser-play in a real X window.

Usage: monkey.py --seed N --seconds S --size WxH --out DIR [--group]
                 [--single] [--idle T] -- PLAYER_CMD...

Starts Xvfb (its own display), then PLAYER_CMD with --window WxH
--log-json DIR/p.json, and drives it with xdotool for S seconds: taps
(weighted to where buttons sit), bursts of fast taps, keys, resizes,
pauses and SIGSTOP/SIGCONT. The player's main loop is watched through
systemd's watchdog protocol (NOTIFY_SOCKET): a gap between pings longer
than 5 s while the player was not stopped counts as a hang. VmRSS is
sampled every 5 s, the screen is saved every ~20 s. Writes DIR/actions
(what was done, when), DIR/rss, DIR/stalls and prints a summary; exit 1
when the player died, stalled or wrote a sanitizer report."""
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
XSHOT = os.path.join(HERE, "..", "e2e", "xshot.py")

KIOSK_KEYS = ["Right", "Left", "Home", "Escape", "space", "p", "j", "l",
              "c", "Return", "Up", "Down", "Tab"]
GROUP_KEYS = ["b", "w", "p", "Tab", "question", "plus", "minus", "Escape",
              "y", "n", "Right", "Left", "space", "Next", "Prior", "Home",
              "End", "t", "z", "Return"]


def args():
    a = {"seed": 1, "seconds": 60, "size": "1280x720", "out": "/tmp/mk",
         "group": False, "single": False, "idle": 6, "maxpause": 100}
    argv = sys.argv[1:]
    i = 0
    while i < len(argv):
        k = argv[i]
        if k == "--":
            a["cmd"] = argv[i + 1:]
            break
        if k in ("--group", "--single"):
            a[k[2:]] = True
            i += 1
            continue
        v = argv[i + 1]
        a[k[2:]] = v if k in ("--size", "--out") else int(v)
        i += 2
    return a


class Watchdog(threading.Thread):
    def __init__(self, path):
        super().__init__(daemon=True)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.sock.settimeout(0.5)
        self.last = time.monotonic()
        self.worst = 0.0
        self.stopped = False
        self.stop_end = 0.0
        self.gaps = []
        self.quit = False

    def run(self):
        while not self.quit:
            try:
                msg = self.sock.recv(4096).decode()
            except socket.timeout:
                msg = ""
            now = time.monotonic()
            if "WATCHDOG=1" in msg:
                gap = now - self.last
                # a gap that covers a SIGSTOP is not a hang
                if not self.stopped and now - self.stop_end > gap:
                    self.worst = max(self.worst, gap)
                    if gap > 5:
                        self.gaps.append((round(now, 1), round(gap, 1)))
                self.last = now


def main():
    a = args()
    rnd = random.Random(a["seed"])
    out = a["out"]
    os.makedirs(out + "/shots", exist_ok=True)
    w, h = (int(x) for x in a["size"].split("x"))
    big = max(w, h) + 200
    # X clients try the abstract socket first, and other sessions on this
    # machine may hold one under a number whose lock file this one cannot
    # see: take a number no one listens on, and check the screen is ours.
    taken = open("/proc/net/unix").read()
    n = 300 + a["seed"] % 500
    while "@/tmp/.X11-unix/X%d\n" % n in taken + "\n":
        n += 1
    disp = ":%d" % n
    xvfb = subprocess.Popen(["Xvfb", disp, "-screen", "0",
                             "%dx%dx24" % (big, big), "-noreset", "-nolisten",
                             "tcp"], stderr=subprocess.DEVNULL)
    for _ in range(50):
        time.sleep(0.2)
        r = subprocess.run(["xdpyinfo", "-display", disp],
                           capture_output=True, text=True)
        if "dimensions:    %dx%d " % (big, big) in r.stdout:
            break
    else:
        print("Xvfb %s did not start, or is not ours" % disp)
        xvfb.kill()
        return 1
    env = dict(os.environ, DISPLAY=disp, SDL_AUDIODRIVER="dummy")
    sockpath = out + "/notify.sock"
    if os.path.exists(sockpath):
        os.unlink(sockpath)
    wd = Watchdog(sockpath)
    wd.start()
    env["NOTIFY_SOCKET"] = sockpath
    env["WATCHDOG_USEC"] = "2000000"
    # session records and the verified-bundle state stay in DIR
    env["XDG_STATE_HOME"] = out + "/state"
    cmd = a["cmd"] + ["--window", a["size"], "--log-json", out + "/p.json",
                      "--idle-timeout", str(a["idle"])]
    err = open(out + "/stderr", "w")
    vp = subprocess.Popen(cmd, env=env, stderr=err, stdout=err)
    act = open(out + "/actions", "w")
    rssf = open(out + "/rss", "w")
    t0 = time.monotonic()

    def log(s):
        act.write("%.2f %s\n" % (time.monotonic() - t0, s))
        act.flush()

    def xdo(*cmdargs):
        subprocess.run(["xdotool"] + list(cmdargs), env=env,
                       stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       timeout=20)

    win = None
    for _ in range(120):
        r = subprocess.run(["xdotool", "search", "--onlyvisible",
                            "--classname", "^veiviser-play$"], env=env,
                           capture_output=True, text=True)
        if r.stdout.strip():
            win = r.stdout.split()[0]
            break
        time.sleep(0.5)
    if not win:
        print("no window")
        vp.kill()
        xvfb.kill()
        return 1
    xdo("windowmove", win, "0", "0")
    cur = [w, h]
    last_rss = 0
    last_shot = 0
    shotn = 0

    def sample():
        nonlocal last_rss, last_shot, shotn
        now = time.monotonic() - t0
        if now - last_rss >= 5:
            try:
                for line in open("/proc/%d/status" % vp.pid):
                    if line.startswith("VmRSS"):
                        rssf.write("%.1f %s\n" % (now, line.split()[1]))
                        rssf.flush()
            except OSError:
                pass
            last_rss = now
        if now - last_shot >= 20:
            shotn += 1
            subprocess.run(["python3", XSHOT, "%s/shots/%03d.png" %
                            (out, shotn)], env=env, timeout=30,
                           stderr=subprocess.DEVNULL)
            log("shot %03d" % shotn)
            last_shot = now

    def tap_point():
        cw, ch = cur
        r = rnd.random()
        if r < 0.35:  # the bottom bar (back, pause, next, home)
            return rnd.randint(0, cw - 1), int(ch * rnd.uniform(0.82, 0.98))
        if r < 0.6:  # picker rows and buttons, centre column
            return (int(cw * rnd.uniform(0.25, 0.75)),
                    int(ch * rnd.uniform(0.15, 0.85)))
        if r < 0.7:  # corners (close signs, caption sign)
            return (int(cw * rnd.choice([rnd.uniform(0, 0.1),
                                         rnd.uniform(0.9, 1)])),
                    int(ch * rnd.choice([rnd.uniform(0, 0.12),
                                         rnd.uniform(0.88, 1)])))
        return rnd.randint(0, cw - 1), rnd.randint(0, ch - 1)

    def sleep(s):
        end = time.monotonic() + s
        while time.monotonic() < end:
            sample()
            if vp.poll() is not None:
                return
            time.sleep(min(0.5, max(0, end - time.monotonic())))

    keys = GROUP_KEYS if a["group"] else KIOSK_KEYS
    while time.monotonic() - t0 < a["seconds"] and vp.poll() is None:
        sample()
        r = rnd.random()
        if r < 0.35:
            x, y = tap_point()
            log("tap %d %d" % (x, y))
            xdo("mousemove", "--window", win, str(x), str(y), "click", "1")
        elif r < 0.45:
            n = rnd.randint(2, 5)
            x, y = tap_point()
            log("burst %d %d %d" % (n, x, y))
            for _ in range(n):
                xdo("mousemove", "--window", win, str(x), str(y), "click", "1")
                time.sleep(rnd.uniform(0.02, 0.12))
        elif r < 0.68:
            k = rnd.choice(keys)
            if a["group"] and rnd.random() < 0.2:
                k = [str(rnd.randint(0, 9)) for _ in range(rnd.randint(1, 2))]
                k.append("Return")
                k = " ".join(k)
            log("key %s" % k)
            xdo("windowfocus", win)
            xdo("key", "--delay", "30", *k.split())
        elif r < 0.74:
            k = rnd.choice("abdefghikmoqrsuvxyz0123456789")
            log("letter %s" % k)
            xdo("windowfocus", win)
            xdo("key", k)
        elif r < 0.77:
            log("key ctrl+alt+o")
            xdo("windowfocus", win)
            xdo("key", "ctrl+alt+o")
        elif r < 0.81:
            if rnd.random() < 0.3:
                nw, nh = w, h
            else:
                nw = rnd.randint(400, max(w, h))
                nh = rnd.randint(300, max(w, h))
            cur[0], cur[1] = nw, nh
            log("resize %d %d" % (nw, nh))
            xdo("windowsize", win, str(nw), str(nh))
        elif r < 0.83:
            s = rnd.uniform(1, 6)
            log("sigstop %.1f" % s)
            wd.stopped = True
            vp.send_signal(signal.SIGSTOP)
            time.sleep(s)
            vp.send_signal(signal.SIGCONT)
            wd.stopped = False
            wd.stop_end = time.monotonic()
        if rnd.random() < 0.06:
            s = rnd.uniform(0, a["maxpause"])
        else:
            s = rnd.uniform(0, 1.2)
        if s > 0.05:
            log("pause %.1f" % s)
        sleep(s)
    died = vp.poll()
    if died is None:
        log("quit")
        vp.send_signal(signal.SIGTERM)
        try:
            vp.wait(60)
        except subprocess.TimeoutExpired:
            log("no exit on SIGTERM")
            vp.kill()
            vp.wait()
    wd.quit = True
    xvfb.terminate()
    xvfb.wait()
    err.close()
    with open(out + "/stalls", "w") as f:
        for g in wd.gaps:
            f.write("%s %s\n" % g)
    txt = open(out + "/stderr").read()
    san = ("ERROR: AddressSanitizer" in txt or "runtime error:" in txt or
           "LeakSanitizer" in txt)
    rss = [int(l.split()[1]) for l in open(out + "/rss") if l.strip()]
    print("seed %d size %s %.0f s: rc %s (died during run: %s), worst "
          "watchdog gap %.1f s, stalls %d, sanitizer %s, stderr lines %d, "
          "rss first/max/last %s/%s/%s kB" %
          (a["seed"], a["size"], time.monotonic() - t0, vp.returncode,
           died is not None, wd.worst, len(wd.gaps), san,
           len(txt.splitlines()), rss[0] if rss else "-",
           max(rss) if rss else "-", rss[-1] if rss else "-"))
    bad = died is not None or wd.gaps or san or vp.returncode not in (0,)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
