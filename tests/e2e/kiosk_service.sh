# The kiosk as a systemd service: make install puts a unit that
# systemd-analyze verify accepts; the player sends READY=1 and WATCHDOG=1
# over $NOTIFY_SOCKET while its main loop turns and stops when the loop
# hangs; error lines are journal lines (one line, priority prefix when
# stderr is the journal).
. "$TOP/tests/lib.sh"

D=$TMP/dest
make -C "$TOP" --no-print-directory BUILD="$BUILD" PREFIX=/opt/vv \
	DESTDIR="$D" install >"$TMP/log" 2>&1
rc=$?
expect "make install exits 0" [ $rc -eq 0 ]
U=$D/opt/vv/lib/systemd/system/veiviser-kiosk.service
expect "the kiosk unit installed" [ -f "$U" ]
expect "the unit runs the installed player under cage" \
	grep -q '^ExecStart=/usr/bin/cage -d -- /opt/vv/bin/veiviser-play ' "$U"
expect "the unit is Type=notify with a watchdog and restarts" \
	sh -c "grep -q '^Type=notify' '$U' && grep -q '^WatchdogSec=' '$U' &&
	       grep -q '^Restart=always' '$U'"
expect "the updater's service runs the installed veiviser-sync, with a timer" \
	sh -c "grep -q '^ExecStart=/opt/vv/bin/veiviser-sync --once ' \
	       '$D/opt/vv/lib/systemd/system/veiviser-sync.service' &&
	       grep -q '^OnUnitActiveSec=' \
	       '$D/opt/vv/lib/systemd/system/veiviser-sync.timer'"
# The example sync.conf with its options line switched on, expanded as
# systemd expands the unit's ExecStart ($VAR split at spaces, ${VAR} one
# word): veiviser-sync takes every argument as an option or operand (it
# stops only at the bundle folder, here one that does not exist).
conf=$D/opt/vv/share/veiviser/sync.conf.example
expect "make install puts the example sync.conf" [ -f "$conf" ]
VS="$TOP/$BUILD/veiviser-sync"
case "$BUILD" in /*) VS="$BUILD/veiviser-sync" ;; esac
sync_conf_args() {
	line=$(sed -n -e "s|/var/lib/veiviser/bundles|$TMP/none/bundles|" \
		-e 's/^ExecStart=//p' \
		"$D/opt/vv/lib/systemd/system/veiviser-sync.service")
	sed -n 's/^#\{0,1\}\(VEIVISER_SYNC_[A-Z]*\)=\(.*\)$/\1="\2"/p' "$conf" \
		>"$TMP/env.sh"
	(
		. "$TMP/env.sh"
		set -f
		eval "set -- $line"
		shift
		printf '%s\n' "$@" >"$TMP/args"
		"$VS" "$@" >/dev/null 2>"$TMP/sync.err"
		[ $? -eq 2 ] && grep -q 'bundles: not a folder' "$TMP/sync.err" &&
		grep -qx -- '--reviewed-only' "$TMP/args" &&
		grep -qx -- '--lang' "$TMP/args" &&
		grep -qx 'https://veiviser.example.no/site' "$TMP/args"
	)
}
expect "the example sync.conf expands into options veiviser-sync takes" \
	sync_conf_args
# The player writes its records of verified bundles (so that a restart
# does not hash every bundle again) under $XDG_STATE_HOME, else
# $HOME/.local/state; the user's home (sysusers.d) is /var/lib/veiviser,
# which the unit makes read-only. The folder must be one that systemd
# creates writable for the service (StateDirectory=) and lie under no
# ReadOnlyPaths=.
state_writable() {
	home=$(awk '$1 == "u" { print $NF }' \
		"$D/opt/vv/lib/sysusers.d/veiviser.conf")
	st=$(sed -n 's/^Environment=.*XDG_STATE_HOME=\([^ ]*\).*/\1/p' "$U")
	[ -n "$st" ] || st=$home/.local/state
	sd=$(sed -n 's/^StateDirectory=//p' "$U")
	for ro in $(sed -n 's/^ReadOnlyPaths=//p' "$U"); do
		case "$st/" in "$ro"/*) echo "$st is under ReadOnlyPaths $ro" >&2
			return 1 ;; esac
	done
	[ -n "$sd" ] && [ "$st" = "/var/lib/$sd" ] ||
		{ echo "$st is not the StateDirectory ($sd)" >&2; return 1; }
}
expect "the kiosk unit gives the player a writable state folder for its records" \
	state_writable
expect "sysusers.d and tmpfiles.d files installed" \
	[ -f "$D/opt/vv/lib/sysusers.d/veiviser.conf" \
	-a -f "$D/opt/vv/lib/tmpfiles.d/veiviser.conf" ]
expect "veiviser-kiosk.7 installed" \
	cmp -s "$TOP/man/veiviser-kiosk.7" "$D/opt/vv/share/man/man7/veiviser-kiosk.7"
if command -v groff >/dev/null 2>&1; then
	w=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$TOP/man/veiviser-kiosk.7" 2>&1)
	expect "veiviser-kiosk.7 renders without warnings" [ -z "$w" ]
fi

# systemd-analyze verify (--man=no: the container has no man(1) to look
# up Documentation=). It must also refuse a broken copy, or it proves
# nothing here.
if command -v systemd-analyze >/dev/null 2>&1 && [ -x /usr/bin/cage ]; then
	systemd-analyze verify --man=no "$U" >"$TMP/verify" 2>&1
	expect "systemd-analyze verify accepts veiviser-kiosk.service" [ $? -eq 0 -a ! -s "$TMP/verify" ]
	# verify wants ExecStart's program to exist: point it into DESTDIR.
	mkdir -p "$TMP/units"
	sed "s|/opt/vv/bin|$D/opt/vv/bin|" \
		"$D/opt/vv/lib/systemd/system/veiviser-sync.service" \
		>"$TMP/units/veiviser-sync.service"
	cp "$D/opt/vv/lib/systemd/system/veiviser-sync.timer" "$TMP/units/"
	systemd-analyze verify --man=no "$TMP/units/veiviser-sync.service" \
		"$TMP/units/veiviser-sync.timer" >"$TMP/verify" 2>&1
	expect "systemd-analyze verify accepts veiviser-sync.service and .timer" \
		[ $? -eq 0 -a ! -s "$TMP/verify" ]
	[ -s "$TMP/verify" ] && head -n 5 "$TMP/verify"
	mkdir -p "$TMP/bad"
	sed 's|^ExecStart=/usr/bin/cage|ExecStart=/usr/bin/no-such-cage|' "$U" \
		>"$TMP/bad/veiviser-kiosk.service"
	expect "systemd-analyze verify refuses a unit whose program is missing" \
		sh -c "! systemd-analyze verify --man=no '$TMP/bad/veiviser-kiosk.service' >/dev/null 2>&1"
else
	fail "systemd-analyze verify" "systemd-analyze or /usr/bin/cage missing; run scripts/install-deps"
fi

. "$TOP/tests/e2e/player_fixture.inc"
if ! player_bundles "$TMP"; then
	fail "kiosk service: fixture" "$(tail -n 3 "$TMP/build.out")"
	exit 0
fi
B=$TMP/b/pack-small-1.0.0-nb-no-schooling.vvb
# The script "hang" (tests only) blocks the main loop until SIGTERM.
printf '60 hang\n' >"$TMP/hang.script"
printf '20 quit\n' >"$TMP/quit.script"
python3 - "$VP" "$B" "$TMP" <<'PYEOF' >"$TMP/py.out" 2>&1
import os, socket, subprocess, sys, time, select, signal
vp, bundle, tmp = sys.argv[1:4]

def reader(name):
    path = os.path.join(tmp, name)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
    return s, path

def drain(s, msgs, timeout):
    end = time.monotonic() + timeout
    while True:
        left = end - time.monotonic()
        r, _, _ = select.select([s], [], [], max(left, 0))
        if not r:
            return
        msgs.append(s.recv(4096).decode())

def say(ok, name, why=""):
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + why))

# 1. Watchdog on (WATCHDOG_USEC 40 ms: a ping every 20 ms), loop hangs.
s, path = reader("notify")
log = os.path.join(tmp, "hang.json")
env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="40000")
env.pop("WATCHDOG_PID", None)
p = subprocess.Popen([vp, "--headless", "--script",
                      os.path.join(tmp, "hang.script"), "--log-json", log,
                      bundle], env=env, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
msgs = []
hung = False
while p.poll() is None:
    drain(s, msgs, 0.05)
    if os.path.exists(log) and '"event":"hang"' in open(log).read():
        hung = True
        break
drain(s, msgs, 0)   # what was sent before the loop stopped
before = list(msgs)
say(hung, "the player reached the hang", "exited %s" % p.poll())
say(bool(before) and before[0] == "READY=1", "READY=1 comes first",
    repr(before[:3]))
n = before.count("WATCHDOG=1")
say(n >= 2, "WATCHDOG=1 repeats while the loop turns", "%d pings" % n)
# 1 s is 50 intervals: a ping sent from anywhere but the loop would show.
after = []
drain(s, after, 1.0)
say(after.count("WATCHDOG=1") == 0, "no WATCHDOG=1 while the loop hangs",
    repr(after[:3]))
p.send_signal(signal.SIGTERM)
try:
    rc = p.wait(timeout=30)
except subprocess.TimeoutExpired:
    p.kill(); rc = p.wait()
drain(s, after, 0.2)
say("STOPPING=1" in after, "STOPPING=1 after SIGTERM", repr(after))
s.close()

# 2. WATCHDOG_PID names another process: READY but no pings.
s, path = reader("notify2")
env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="40000",
           WATCHDOG_PID="1")
rc = subprocess.call([vp, "--headless", "--script",
                      os.path.join(tmp, "quit.script"), bundle], env=env,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
msgs = []
drain(s, msgs, 0.2)
say(rc == 0 and msgs[:1] == ["READY=1"] and "WATCHDOG=1" not in msgs
    and msgs[-1:] == ["STOPPING=1"],
    "a watchdog for another process (WATCHDOG_PID) is not pinged",
    "rc %d %r" % (rc, msgs[:4]))
s.close()

# 3. Journal lines: "<3>" when stderr is $JOURNAL_STREAM, plain otherwise;
# a newline in a file name does not split the line.
bad = os.path.join(tmp, "no\nsuch.vvb")
for journal in (True, False):
    errpath = os.path.join(tmp, "err%d" % journal)
    with open(errpath, "wb") as f:
        st = os.fstat(f.fileno())
        env = dict(os.environ, JOURNAL_STREAM="%d:%d" % (
            st.st_dev, st.st_ino + (0 if journal else 1)))
        rc = subprocess.call([vp, "--headless", "--exit-after", "1", bad],
                             env=env, stdout=subprocess.DEVNULL, stderr=f)
    text = open(errpath, "rb").read().decode()
    lines = text.splitlines()
    name = "error lines %s" % ("to the journal start with <3>" if journal
                               else "to a file have no prefix")
    say(len(lines) >= 1 and
        all(l.startswith("<3>") == journal for l in lines) and
        any("no such.vvb" in l for l in lines), name, repr(text[:200]))
PYEOF
cat "$TMP/py.out"
