#!/usr/bin/env python3
"""Measures the kiosk: exec to first frame and peak memory (headless), CPU and wake-ups while idle under Xvfb, check
and import of a large bundle, and frame times while flinging through long lists.

Start-up is timed from outside the process: the clock starts before exec and stops when the kiosk logs its first frame
on standard error. Wake-ups are the context switches (voluntary and not) of every thread of the process, from
/proc/PID/task/*/status. Frame times come from the kiosk itself (KIOSK_FRAME_TIMES, docs/cli.md) while it plays
fling.script. Prints a Markdown table; never asserts.

    bench.py [KIOSK] [--only idle|box]  (--only idle: just the idle rows, e.g. to compare two builds; --only box:
                                         the boot test's and arm64 figures, from their last runs)
"""
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ARGS = [a for a in sys.argv[1:] if not a.startswith("--") and a not in ("idle", "box")]
ONLY = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv[1:-1] else None
ONLY_IDLE = ONLY == "idle"
KIOSK = os.path.abspath(ARGS[0] if ARGS else "build/release/kiosk")
RUNS = 15
IDLE_SECONDS = 60  # Always holds one turn of the clock's minute, and the sync thread's look once a minute.
WATCHDOG_USEC = 30000000  # kiosk.service's WatchdogSec=30.
ATTRACT_SECONDS = 60
HERE = os.path.dirname(os.path.abspath(__file__))
FLING_SCRIPT = os.path.join(HERE, "fling.script")
FLING_NOW = "2026-12-01T10:00"  # The first day of gen_bundle.py --dense-agenda's 12 weeks of events.
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def switches(pid):
    """Context switches of every thread of `pid` so far: each is the thread going to sleep or being put aside, so the
    count over a while is how often the process woke. Also how many threads there are."""
    total, threads = 0, 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                        total += int(line.split()[1])
            threads += 1
        except OSError:
            pass  # A thread that ended just now.
    return total, threads


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def start(env, extra=()):
    state = tempfile.mkdtemp(prefix="kiosk-bench-")
    if "--state" not in extra:
        extra = ["--state", state, *extra]
    t0 = time.perf_counter()
    proc = subprocess.Popen([KIOSK, "--windowed", "--size", "1280x800", *extra],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
    first = None
    for line in proc.stderr:
        if "first frame" in line:
            first = (time.perf_counter() - t0) * 1000.0
            break
    return proc, first, state


def stop(proc, state):
    t0 = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    shutil.rmtree(state, ignore_errors=True)
    return (time.perf_counter() - t0) * 1000.0, proc.returncode


def headless_env():
    # SDL's dummy audio device stands in for a sound card, so the kiosk measured has read aloud's voice ready as on a
    # box with speakers (its device is open only while it speaks).
    env = dict(os.environ)
    env.update(SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software", SDL_FRAMEBUFFER_ACCELERATION="0",
               SDL_AUDIODRIVER="dummy")
    return env


def measure_start():
    """Start-up with the demo already in the store (every start but the first), and the first start of all."""
    state = tempfile.mkdtemp(prefix="kiosk-bench-state-")
    proc, first_ever, _ = start(headless_env(), ["--state", state])
    stop(proc, state + "-none")
    firsts, rss, exits = [], [], []
    for _ in range(RUNS):
        proc, first, _ = start(headless_env(), ["--state", state])
        if first is None:
            stop(proc, state + "-none")
            continue
        time.sleep(0.3)
        rss.append(peak_rss_kib(proc.pid))
        firsts.append(first)
        exits.append(stop(proc, state + "-none")[0])
    shutil.rmtree(state, ignore_errors=True)
    return firsts, rss, exits, first_ever


def start_xvfb(display):
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        return None
    server = subprocess.Popen([xvfb, display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return server


def xvfb_env(display):
    env = dict(os.environ)
    env.pop("SDL_VIDEODRIVER", None)
    env.pop("SDL_RENDER_DRIVER", None)
    env["DISPLAY"] = display
    env["SDL_AUDIODRIVER"] = "dummy"  # A sound card, as in headless_env.
    return env


def measure_idle(display, watchdog):
    """CPU and wake-ups over IDLE_SECONDS idle on home under Xvfb, as the kiosk runs for real: on its installed content
    (the demo), its sync thread watching a sticks folder of its own, the idle reset (idle_seconds = 300) still ahead. With `watchdog`, as systemd starts it with
    WatchdogSec=30: WATCHDOG_USEC in the environment, WATCHDOG_PID its own pid (set by the shell it is exec'd from) and
    NOTIFY_SOCKET a socket read here. Returns a dict, or None and why not."""
    server = start_xvfb(display)
    if not server:
        return None, "Xvfb missing"
    folder = tempfile.mkdtemp(prefix="kiosk-bench-idle-")
    notify = None
    try:
        os.mkdir(os.path.join(folder, "media"))
        config = os.path.join(folder, "kiosk.toml")
        with open(config, "w") as f:
            # The idle reset comes after the window: the whole of it is home (the attract loop is measured below).
            f.write('usb_roots = ["%s"]\nidle_seconds = 300\n' % os.path.join(folder, "media"))
        env = xvfb_env(display)
        command = [KIOSK, "--windowed", "--size", "1280x800", "--state", os.path.join(folder, "state"),
                   "--config", config]
        if watchdog:
            notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            notify.bind(os.path.join(folder, "notify"))
            notify.setblocking(False)
            env.update(WATCHDOG_USEC=str(WATCHDOG_USEC), NOTIFY_SOCKET=os.path.join(folder, "notify"))
            command = ["sh", "-c", 'WATCHDOG_PID=$$ exec "$@"', "sh", *command]
        t0 = time.perf_counter()
        proc = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
        first = None
        for line in proc.stderr:
            if "first frame" in line:
                first = (time.perf_counter() - t0) * 1000.0
                break
        if first is None:
            stop(proc, folder + "-none")
            return None, "no first frame under Xvfb"
        time.sleep(2.0)  # Let the first frames and the moment after them pass.

        def pings():
            n = 0
            while notify:
                try:
                    n += notify.recv(4096).count(b"WATCHDOG=1")
                except BlockingIOError:
                    break
            return n

        pings()
        ticks_before, (switches_before, _) = cpu_ticks(proc.pid), switches(proc.pid)
        time.sleep(IDLE_SECONDS)
        ticks_after, (switches_after, threads) = cpu_ticks(proc.pid), switches(proc.pid)
        result = dict(cpu=100.0 * (ticks_after - ticks_before) / TICKS / IDLE_SECONDS,
                      wakeups=(switches_after - switches_before) / IDLE_SECONDS, threads=threads,
                      pings=pings(), rss=peak_rss_kib(proc.pid))
        result["stop_ms"], _ = stop(proc, folder + "-none")
        return result, None
    finally:
        if notify:
            notify.close()
        server.terminate()
        server.wait()
        shutil.rmtree(folder, ignore_errors=True)


def measure_attract():
    """CPU and wake-ups over ATTRACT_SECONDS of the attract loop under Xvfb: idle_seconds = 10, then the loop runs on
    its own."""
    display = ":98"
    server = start_xvfb(display)
    if not server:
        return None, None, "Xvfb missing"
    env = xvfb_env(display)
    folder = tempfile.mkdtemp(prefix="kiosk-bench-attract-")
    config = os.path.join(folder, "kiosk.toml")
    with open(config, "w") as f:
        f.write('idle_seconds = 10\nusb_roots = ["%s"]\n' % os.path.join(folder, "media"))
    try:
        proc, first, state = start(env, ["--config", config, "--state", os.path.join(folder, "state")])
        if first is None:
            stop(proc, state)
            return None, None, "no first frame under Xvfb"
        time.sleep(12.0)  # Past idle_seconds: the attract loop has begun.
        before, (switches_before, _) = cpu_ticks(proc.pid), switches(proc.pid)
        time.sleep(ATTRACT_SECONDS)
        after, (switches_after, _) = cpu_ticks(proc.pid), switches(proc.pid)
        stop(proc, state)
        return (100.0 * (after - before) / TICKS / ATTRACT_SECONDS,
                (switches_after - switches_before) / ATTRACT_SECONDS, None)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(folder, ignore_errors=True)


def timed(args, runs=5):
    """Median wall time (ms) and largest peak RSS (MiB) of a command, measured from outside."""
    times, peaks = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(proc.pid, 0)
        times.append((time.perf_counter() - t0) * 1000.0)
        peaks.append(usage.ru_maxrss / 1024.0)
    return statistics.median(times), max(peaks)


def measure_big_bundle():
    """check and import of a generated bundle of 10,000 events, 2,000 cards, 198 page files and 50 images, and the
    first frame of a kiosk showing it."""
    folder = tempfile.mkdtemp(prefix="kiosk-bench-bundle-")
    try:
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_bundle.py"), folder], check=True)
        check = timed([KIOSK, "check", folder, "--json", "--now", "2026-12-01T10:00"])
        states = []

        def fresh_import():
            state = tempfile.mkdtemp(prefix="kiosk-bench-state-")
            states.append(state)
            return [KIOSK, "import", folder, "--state", state]

        imports = []
        for _ in range(5):
            imports.append(timed(fresh_import(), runs=1))
        imported = (statistics.median(t for t, _ in imports), max(r for _, r in imports))
        firsts = []
        for _ in range(5):
            proc, first, _ = start(headless_env(), ["--state", states[-1]])
            stop(proc, states[-1] + "-unused")
            if first is not None:
                firsts.append(first)
        for state in states:
            shutil.rmtree(state, ignore_errors=True)
        return check, imported, statistics.median(firsts) if firsts else None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


LIMIT_IMAGES = 500  # BundleLimits::max_images.
LIMIT_SIDE = 4096   # ImageLimits::max_side.
LIMIT_EVENTS = 20000  # BundleLimits::max_events.


def measure_limit_pictures():
    """The documented limits at once: 500 JPEGs of 4096x4096 pixels (each under 512 KiB, so the bundle stays within
    its 256 MiB), 500 page files and 20,000 events, imported as a stick's child would import them. Returns (wall s, CPU s, the child's CPU limit
    for it) or None and why not. The pictures are drawn by Pillow under /usr/bin/python3 (python3-pil)."""
    folder = tempfile.mkdtemp(prefix="kiosk-bench-pictures-")
    try:
        bundle = os.path.join(folder, "bundle")
        shutil.copytree(os.path.join(os.path.dirname(os.path.dirname(HERE)), "data", "demo"), bundle)
        os.makedirs(os.path.join(bundle, "images"))
        draw = ("from PIL import Image, ImageFilter\n"
                "import sys\n"
                "noise = Image.effect_noise((%d, %d), 40).convert('RGB').filter(ImageFilter.GaussianBlur(6))\n"
                "noise.save(sys.argv[1], quality=80)\n" % (LIMIT_SIDE, LIMIT_SIDE))
        first = os.path.join(bundle, "images", "p000.jpg")
        made = subprocess.run(["/usr/bin/python3", "-c", draw, first], capture_output=True, text=True)
        if made.returncode != 0:
            return None, "no picture could be drawn (python3-pil): " + made.stderr.strip()[-200:]
        for i in range(1, LIMIT_IMAGES):
            shutil.copy(first, os.path.join(bundle, "images", "p%03d.jpg" % i))
        with open(os.path.join(bundle, "pages", "history.md"), "a") as f:
            for i in range(LIMIT_IMAGES):
                f.write("\n![Picture %d](images/p%03d.jpg)\n" % (i, i))
        # The other limits at the same time: 500 page files (the demo's 10 and 245 more in two languages, each a few
        # KiB and reached from a section) and 20,000 events (BundleLimits).
        sections = []
        for i in range(245):
            for suffix, words in (("", "A page of the benchmark. "), (".es", "Una página de la prueba. ")):
                with open(os.path.join(bundle, "pages", "extra-%03d%s.md" % (i, suffix)), "w") as f:
                    f.write("# Page %d\n\n%s\n" % (i, words * 80))
            if i < 90:  # Sections are limited to 100: the other pages are reached only by a link from a page.
                sections.append('[[sections]]\nid = "extra-%03d"\nkind = "page"\npage = "extra-%03d"\n'
                                'title = { en = "Page %d", es = "Página %d" }\n' % (i, i, i, i))
        with open(os.path.join(bundle, "bundle.toml"), "a") as f:
            f.write("\n" + "\n".join(sections))
        with open(os.path.join(bundle, "events.csv"), "w") as f:
            f.write("id,title,start,end,location\n")
            # The demo's calendars hold the others (a NAME.es.ics beside NAME.ics translates, it adds no events).
            calendars = os.path.join(bundle, "calendars")
            in_calendars = 0
            for name in os.listdir(calendars):
                if name.endswith(".ics") and name.count(".") == 1:
                    with open(os.path.join(calendars, name), encoding="utf-8") as ics:
                        in_calendars += ics.read().count("BEGIN:VEVENT")
            for i in range(LIMIT_EVENTS - in_calendars):
                day = 1 + i % 28
                f.write("e%05d,Meeting %d,2027-%02d-%02d 18:00,2027-%02d-%02d 19:00,Room %d\n"
                        % (i, i, 1 + (i // 28) % 12, day, 1 + (i // 28) % 12, day, i % 7))
        state = os.path.join(folder, "state")
        started = time.monotonic()
        proc = subprocess.Popen([KIOSK, "import", bundle, "--state", state], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - started
        if status != 0:
            return None, "the import failed: " + proc.stderr.read().strip()[-200:]
        cpu_limit = 60 + (LIMIT_IMAGES + 1) // 2  # sync::import_limits.
        return (wall, usage.ru_utime + usage.ru_stime, cpu_limit, os.path.getsize(first)), None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure_feed():
    """Sync of the 10,000-event bundle from a feed on a loopback server: in full into an empty kiosk, then again after
    one page changed. Time of `kiosk sync --once` and bytes downloaded, for each."""
    folder = tempfile.mkdtemp(prefix="kiosk-bench-feed-")
    server = None
    try:
        www = os.path.join(folder, "www")
        bundle = os.path.join(www, "feed")
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_bundle.py"), bundle], check=True)
        key = os.path.join(folder, "bench")
        subprocess.run([KIOSK, "keygen", "--out", key], check=True, capture_output=True)
        subprocess.run([KIOSK, "pack", bundle, "--key", key + ".key"], check=True, capture_output=True)
        server = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1"], cwd=www,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        port = int(server.stdout.readline().split(" port ")[1].split()[0])
        config = os.path.join(folder, "kiosk.toml")
        with open(config, "w") as f:
            f.write('usb_roots = ["%s"]\ntrusted_keys = ["%s.pub"]\nfeed_url = "http://127.0.0.1:%d/feed/MANIFEST"\n'
                    % (os.path.join(folder, "none"), key, port))
        state = os.path.join(folder, "state")

        def sync():
            t0 = time.perf_counter()
            out = subprocess.run([KIOSK, "sync", "--once", "--config", config, "--state", state],
                                 capture_output=True, text=True).stdout
            ms = (time.perf_counter() - t0) * 1000.0
            line = next((l for l in out.splitlines() if l.startswith("feed:")), "")
            requests, sent = line.rsplit("(", 1)[1].rstrip(")").split(" requests, ")
            return ms, int(sent.split()[0]), int(requests), line

        full = sync()
        pages = sorted(p for p in os.listdir(os.path.join(bundle, "pages")) if p.endswith(".md"))
        with open(os.path.join(bundle, "pages", pages[0]), "a") as f:
            f.write("\nOne more line.\n")
        subprocess.run([KIOSK, "pack", bundle, "--key", key + ".key"], check=True, capture_output=True)
        # http.server's Last-Modified has whole seconds: date the new files a little later, as a real upload is.
        later = time.time() + 5
        for name in ("MANIFEST", "MANIFEST.sig", os.path.join("pages", pages[0])):
            os.utime(os.path.join(bundle, name), (later, later))
        changed = sync()
        return full, changed
    finally:
        if server:
            server.terminate()
            server.wait()
        shutil.rmtree(folder, ignore_errors=True)


def percentile(ordered, p):
    """The nearest-rank percentile of a sorted list."""
    return ordered[max(0, math.ceil(p / 100.0 * len(ordered)) - 1)]


def read_frame_times(path):
    """KIOSK_FRAME_TIMES's file as (build ms, full frame ms) lists, a frame each, in the order drawn."""
    build, full = [], []
    with open(path) as f:
        for line in f:
            build_us, render_us = (int(word) for word in line.split()[:2])
            build.append(build_us / 1000.0)
            full.append((build_us + render_us) / 1000.0)
    return build, full


def fling(folder, section):
    """Plays fling.script on one section of the bundle `folder`, headless at 1280x800, recording frame times.
    Returns (sorted build ms, sorted full-frame ms) of every frame drawn, or None and why not."""
    work = tempfile.mkdtemp(prefix="kiosk-bench-fling-")
    try:
        times = os.path.join(work, "frame-times.txt")
        env = headless_env()
        env["KIOSK_FRAME_TIMES"] = times
        proc = subprocess.run([KIOSK, "--windowed", "--size", "1280x800", "--state", work, "--bundle", folder,
                               "--open", section, "--now", FLING_NOW, "--script", FLING_SCRIPT],
                              env=env, capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            return None, "exit status %d: %s" % (proc.returncode, (proc.stderr.strip().splitlines() or [""])[-1])
        if "screen:" in proc.stdout:  # A drag must never click; the numbers would be another screen's.
            return None, "a fling changed the screen (%s)" % proc.stdout.split("screen:", 1)[1].split()[0]
        build, full = read_frame_times(times)
        if not build:
            return None, "no frame recorded"
        return (sorted(build), sorted(full)), None
    finally:
        shutil.rmtree(work, ignore_errors=True)


READ_ALOUD_SCRIPT = os.path.join(HERE, "read_aloud.script")
DEMO = os.path.join(os.path.dirname(os.path.dirname(HERE)), "data", "demo")


def measure_read_aloud():
    """Read aloud on the demo's home at 1280x800 (read_aloud.script), its voice played by SDL's disk audio driver in
    real time (a file standing in for the sound card): the time from each thing the kiosk is asked to say to its first
    samples reaching the device (KIOSK_SPEECH_TIMES), and the frame times while it speaks. Returns (sorted latencies
    in ms, (sorted build ms, sorted full ms), audio seconds written) or None and why not."""
    work = tempfile.mkdtemp(prefix="kiosk-bench-speech-")
    try:
        times, speech, audio = (os.path.join(work, n) for n in ("frame-times.txt", "speech-times.txt", "audio.raw"))
        env = headless_env()
        env.update(KIOSK_FRAME_TIMES=times, KIOSK_SPEECH_TIMES=speech, SDL_AUDIODRIVER="disk",
                   SDL_DISKAUDIOFILE=audio)
        proc = subprocess.run([KIOSK, "--windowed", "--size", "1280x800", "--state", work, "--bundle", DEMO,
                               "--now", FLING_NOW, "--script", READ_ALOUD_SCRIPT],
                              env=env, capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            return None, "exit status %d: %s" % (proc.returncode, (proc.stderr.strip().splitlines() or [""])[-1])
        if "screen:" in proc.stdout:
            return None, "exploring changed the screen (%s)" % proc.stdout.split("screen:", 1)[1].split()[0]
        with open(speech) as f:
            latencies = sorted(int(line) / 1000.0 for line in f if line.strip())
        build, full = read_frame_times(times)
        if not latencies or not build:
            return None, "nothing was said" if not latencies else "no frame recorded"
        seconds = os.path.getsize(audio) / 2.0 / 22050.0 if os.path.exists(audio) else 0.0
        return (latencies, (sorted(build), sorted(full)), seconds), None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def read_aloud_rows():
    result, why = measure_read_aloud()
    label = "read aloud: asked to say (a tap's frame) to its first sound at the audio device"
    if result is None:
        return [(label, "not measured: " + why, "< 300 ms")]
    latencies, (build, full), seconds = result
    return [("%s, median / max of %d" % (label, len(latencies)),
             "%.0f / %.0f ms" % (statistics.median(latencies), latencies[-1]), "< 300 ms"),
            ("read aloud: frames while speaking and exploring (%d frames, %.0f s of audio): build p50 / p99 / max"
             % (len(build), seconds),
             "%.2f / %.2f / %.2f ms" % (percentile(build, 50), percentile(build, 99), build[-1]), "p99 < 4 ms"),
            ("read aloud: full frame while speaking p50 / p99 / max",
             "%.2f / %.2f / %.2f ms" % (percentile(full, 50), percentile(full, 99), full[-1]), "p99 < 16 ms")]


def measure_flings():
    """Frame times of flings through the agenda of a generated bundle of 10,000 events (about 11,000 occurrences in its
    90 days) and through its section of 2,000 cards. Returns (label, result, error) per list."""
    folder = tempfile.mkdtemp(prefix="kiosk-bench-dense-")
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "gen_bundle.py"), folder, "--dense-agenda"], check=True)
        check = subprocess.run([KIOSK, "check", folder, "--json", "--now", FLING_NOW], capture_output=True, text=True)
        counts = json.loads(check.stdout)["counts"]
        lists = [("agenda fling, {:,} occurrences".format(counts["occurrences"]), "events"),
                 ("card section fling, {:,} cards".format(counts["cards"]), "cards")]
        return [(label, *fling(folder, section)) for label, section in lists]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure_long_pages():
    """Frame times of flings through pages of about 250 KiB (the limit is 256 KiB): one line of letters without a
    space, one of Japanese (no spaces either), and the same length as words. Hostile text that once cost 580 ms a
    frame (issue 15): layouts are now cached, and long runs wrap without being measured again."""
    folder = tempfile.mkdtemp(prefix="kiosk-bench-long-")
    try:
        bundle = os.path.join(folder, "bundle")
        shutil.copytree(os.path.join(os.path.dirname(os.path.dirname(HERE)), "data", "demo"), bundle)
        size = 250 * 1024
        texts = {"history": "x" * size, "for-you": "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8" * (size // 24),
                 "act": "wordy " * (size // 6)}
        for page, text in texts.items():
            with open(os.path.join(bundle, "pages", page + ".md"), "w", encoding="utf-8") as f:
                f.write("# Long\n\n" + text + "\n")
        labels = {"history": "250 KiB page without a space", "for-you": "250 KiB page of Japanese",
                  "act": "250 KiB page of words"}
        return [(labels[page] + " fling", *fling(bundle, page)) for page in texts]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def fling_rows(flings):
    rows = []
    for label, result, error in flings:
        if result is None:
            rows.append((label + ": frame times", "not measured: " + error, "build p99 < 4 ms, frame p99 < 16 ms"))
            continue
        build, full = result
        rows.append(("%s (%d frames): ImGui build p50 / p99 / max" % (label, len(build)),
                     "%.2f / %.2f / %.2f ms" % (percentile(build, 50), percentile(build, 99), build[-1]),
                     "p99 < 4 ms"))
        rows.append(("%s: full frame (build + software render + present) p50 / p99 / max" % label.split(",")[0],
                     "%.2f / %.2f / %.2f ms" % (percentile(full, 50), percentile(full, 99), full[-1]),
                     "p99 < 16 ms"))
    return rows


def idle_rows():
    rows = []
    quiet, why = measure_idle(":97", watchdog=False)
    watched, watched_why = measure_idle(":96", watchdog=True)
    label = "wake-ups per second idle on home (context switches of all threads over %d s, Xvfb 1280x800)" % IDLE_SECONDS
    if quiet:
        rows.append((label + ", no watchdog", "%.2f (%d threads)" % (quiet["wakeups"], quiet["threads"]), "< 0.2"))
    else:
        rows.append((label + ", no watchdog", "not measured: %s" % why, "< 0.2"))
    if watched:
        rows.append((label + ", WATCHDOG_USEC=%d" % WATCHDOG_USEC,
                     "%.2f (%d watchdog pings)" % (watched["wakeups"], watched["pings"]), ""))
    else:
        rows.append((label + ", WATCHDOG_USEC=%d" % WATCHDOG_USEC, "not measured: %s" % watched_why, ""))
    if quiet:
        rows.append(("CPU over %d s idle on home, Xvfb 1280x800" % IDLE_SECONDS, "%.2f %% of a core" % quiet["cpu"],
                     "< 0.5 %"))
        rows.append(("peak RSS under Xvfb", "%.1f MiB" % (quiet["rss"] / 1024.0), "< 50 MiB"))
    return rows


def print_table(rows):
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for n, r in enumerate(rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def box_rows():
    """The figures of the last boot test (tools/boot-test.sh: the package booted in QEMU) and arm64 run
    (tools/arm64-test.sh), from the summaries they leave in build/; each takes minutes and root, so they are not run
    here."""
    rows = []
    root = os.path.abspath(os.path.join(HERE, "..", ".."))
    try:
        with open(os.path.join(root, "build", "boot-test", "summary.json")) as f:
            boot = json.load(f)
        s = boot["summary"]
        when = boot.get("date", "")
        rows.append(("boot test (%s): power-on to first frame in the VM (TCG, no KVM, 800x480); "
                     "kiosk exec to first frame" % when, "%s; %s" % (s.get("power-on to first frame (VM clock)", "?"),
                                         s.get("kiosk exec to first frame", "?")), "Pi 4 estimate < 10 s"))
        rows.append(("boot test: slowest units (systemd-analyze blame)", "; ".join(boot.get("blame", [])[:4]), ""))
        rows.append(("boot test: PSS kiosk / cage / Xwayland, the service's cgroup",
                     "%s; %s" % (s.get("PSS kiosk / cage / Xwayland", "?"), s.get("service memory (cgroup)", "?")),
                     "kiosk + cage < 80 MiB"))
        rows.append(("boot test: checks failed", ", ".join(boot.get("failures", [])) or "none", "none"))
    except (OSError, ValueError, KeyError):
        rows.append(("boot test", "not run here (tools/boot-test.sh, as root)", ""))
    try:
        with open(os.path.join(root, "build", "arm64", "summary.json")) as f:
            arm = json.load(f)
        rows.append(("arm64 (%s): cross build; tests under qemu-user" % arm.get("date", ""),
                     "%s; %s" % (arm.get("cross_build", "?"), arm.get("tests", "?")), "all pass"))
        rows.append(("arm64 package", arm.get("package", "?"), ""))
    except (OSError, ValueError):
        rows.append(("arm64", "not run here (tools/arm64-test.sh, as root)", ""))
    return rows


def main():
    if ONLY_IDLE:
        print_table([("metric", "value", "target")] + idle_rows())
        return
    if ONLY == "box":
        print_table([("metric", "value", "target")] + box_rows())
        return
    if ONLY == "speech":
        print_table([("metric", "value", "target")] + read_aloud_rows())
        return
    (check_ms, check_rss), (import_ms, import_rss), big_first = measure_big_bundle()
    firsts, rss, exits, first_ever = measure_start()
    idle = idle_rows()
    attract_cpu, attract_wakeups, attract_why = measure_attract()
    flings = measure_flings() + measure_long_pages()
    feed_full, feed_changed = measure_feed()
    pictures, pictures_why = measure_limit_pictures()
    rows = [("metric", "value", "target")]
    if firsts:
        rows.append(("exec to first frame, headless 1280x800 (median of %d)" % len(firsts),
                     "%.0f ms" % statistics.median(firsts), "< 150 ms"))
        rows.append(("exec to first frame, slowest of %d" % len(firsts), "%.0f ms" % max(firsts), ""))
        if first_ever is not None:
            rows.append(("first start on an empty state folder (imports the demo in a child)",
                         "%.0f ms" % first_ever, ""))
        rows.append(("peak RSS, headless home 1280x800", "%.1f MiB" % (max(rss) / 1024.0), "< 50 MiB"))
        rows.append(("SIGTERM to exit (median)", "%.0f ms" % statistics.median(exits), "< 1000 ms"))
    rows += idle
    if attract_cpu is not None:
        rows.append(("CPU over %d s of the attract loop, Xvfb 1280x800" % ATTRACT_SECONDS,
                     "%.2f %% of a core" % attract_cpu, "< 1 %"))
        rows.append(("wake-ups per second in the attract loop (all threads, same %d s)" % ATTRACT_SECONDS,
                     "%.2f" % attract_wakeups, ""))
    else:
        rows.append(("CPU of the attract loop under Xvfb", "not measured: %s" % attract_why, "< 1 %"))
    rows.append(("kiosk check, 10,000 events, 2,000 cards, 198 page files, 50 images (median of 5)",
                 "%.0f ms" % check_ms, "< 1000 ms"))
    rows.append(("kiosk check, same bundle: peak RSS", "%.1f MiB" % check_rss, "< 100 MiB"))
    rows.append(("kiosk import, same bundle, into an empty store (median of 5)", "%.0f ms" % import_ms, "< 2000 ms"))
    rows.append(("kiosk import, same bundle: peak RSS", "%.1f MiB" % import_rss, "< 150 MiB"))
    if big_first is not None:
        rows.append(("exec to first frame with that content loaded", "%.0f ms" % big_first, "< 250 ms"))
    rows += fling_rows(flings)
    rows += read_aloud_rows()
    rows.append(("feed sync of that bundle from 127.0.0.1, in full: time, downloaded",
                 "%.0f ms, %.1f MiB in %d requests" % (feed_full[0], feed_full[1] / 1048576.0, feed_full[2]),
                 ""))
    rows.append(("feed sync again after one page changed: time, downloaded",
                 "%.0f ms, %.1f KiB in %d requests" % (feed_changed[0], feed_changed[1] / 1024.0, feed_changed[2]),
                 "MANIFEST, signature, the page"))
    label = ("import of a bundle at the limits: %d JPEGs of %dx%d pixels, 500 page files, %d events"
             % (LIMIT_IMAGES, LIMIT_SIDE, LIMIT_SIDE, LIMIT_EVENTS))
    if pictures:
        wall, cpu, limit, size = pictures
        rows.append((label + ": wall, CPU (each picture %d KiB)" % (size // 1024), "%.1f s, %.1f s of CPU" % (wall, cpu),
                     "Pi 4 (about 4x): %.0f s of CPU, under the child's limit of %d s" % (cpu * 4, limit)))
    else:
        rows.append((label, "not measured: " + pictures_why, ""))
    rows += box_rows()
    print_table(rows)


if __name__ == "__main__":
    main()
