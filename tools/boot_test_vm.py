#!/usr/bin/env python3
"""The boot test's checks on a booting VM (tools/boot-test.sh starts the VM and calls this).

Reads what the VM's probe writes on its second serial port (JOURNAL, STATUS, GETTY, PSS, SOUND, ANALYZE, BLAME, CHAIN
and SECURITY lines), takes a screendump and touches the screen through QMP, listens to the VM's sound card through the
WAV file QEMU writes, and prints a summary. Exits 1 on any failed check, naming it."""

import argparse
import array
import json
import math
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import time
import wave

from PIL import Image, ImageChops

# The staff side at 800x480 (as tests/e2e/test_staff.cpp): the long press in the top-left corner, the PIN pad's keys,
# OK, the scroll cue that brings up the staff screen's last row, "Stop for maintenance", and the question's "Yes, stop
# the kiosk". Read from the script command `controls`, and checked on the headless kiosk before they are used in the VM.
KEYS = {"0": (548, 416), "1": (391, 136), "2": (548, 136), "3": (704, 136), "4": (391, 229), "5": (548, 229),
        "6": (704, 229), "7": (391, 323), "8": (548, 323), "9": (704, 323)}
OK = (704, 416)
MORE_BELOW = (776, 361)
STOP = (555, 196)
CONFIRM = (223, 410)
CORNER = (30, 30)
# Read aloud on home at 800x480: the control at the bar's right end (left of the clock), and the big Stop that shows
# under the bar while the kiosk speaks. Checked on the headless kiosk as the staff side's are.
READ_ALOUD = (609, 36)
SPEECH_STOP = (659, 115)
# A sample louder than this (of 32767, about -54 dBFS) is sound; the card's silence is zeros.
LOUD = 64


class Serial:
    """The probe's log as it grows."""

    def __init__(self, path):
        self.path = path

    def text(self):
        try:
            with open(self.path, "rb") as f:
                return f.read().decode("utf-8", "replace").replace("\r", "")
        except FileNotFoundError:
            return ""

    def lines(self, prefix):
        return [line[len(prefix) + 1:] for line in self.text().splitlines() if line.startswith(prefix + " ")]

    def wait_for(self, pattern, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(pattern, self.text())
            if m:
                return m
            time.sleep(0.5)
        return None

    def status(self):
        """The probe's newest STATUS line as a dict."""
        lines = self.lines("STATUS")
        if not lines:
            return {}
        return dict(re.findall(r"(\w+)=(\S*)", lines[-1]))


class Qmp:
    def __init__(self, path, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        self.file = self.sock.makefile("rwb")
        self.read()  # The greeting.
        self.call("qmp_capabilities")

    def read(self):
        while True:
            message = json.loads(self.file.readline())
            if "event" not in message:
                return message

    def call(self, command, **arguments):
        self.file.write(json.dumps({"execute": command, "arguments": arguments}).encode() + b"\n")
        self.file.flush()
        reply = self.read()
        if "error" in reply:
            raise RuntimeError(f"QMP {command}: {reply['error']}")
        return reply.get("return")


class Touch:
    """The virtio tablet: absolute pointer moves and the left button, in screen pixels."""

    def __init__(self, qmp, width, height):
        self.qmp, self.width, self.height = qmp, width, height

    def _move(self, x, y):
        events = [{"type": "abs", "data": {"axis": "x", "value": int(x * 0x7FFF / self.width)}},
                  {"type": "abs", "data": {"axis": "y", "value": int(y * 0x7FFF / self.height)}}]
        self.qmp.call("input-send-event", events=events)

    def _button(self, down):
        self.qmp.call("input-send-event", events=[{"type": "btn", "data": {"down": down, "button": "left"}}])

    def press(self, x, y, ms):
        self._move(x, y)
        time.sleep(0.05)
        self._button(True)
        time.sleep(ms / 1000)
        self._button(False)

    def tap(self, x, y):
        self.press(x, y, 80)


def staff_script(pin):
    lines = ["wait 200", f"press {CORNER[0]} {CORNER[1]} 3200", "wait 300"]
    for d in pin:
        lines += [f"tap {KEYS[d][0]} {KEYS[d][1]}", "wait 100"]
    lines += [f"tap {OK[0]} {OK[1]}", "wait 400", f"tap {MORE_BELOW[0]} {MORE_BELOW[1]}", "wait 1500",
              f"tap {STOP[0]} {STOP[1]}", "wait 500", f"tap {CONFIRM[0]} {CONFIRM[1]}", "wait 500"]
    return "\n".join(lines) + "\n"


def check_staff_path_headless(kiosk, pin, size, now):
    """The taps the VM will get do stop the kiosk for maintenance on the headless kiosk (exit status 10)."""
    with tempfile.TemporaryDirectory() as tmp:
        state = os.path.join(tmp, "state")
        subprocess.run([kiosk, "set-pin", "--state", state], input=f"{pin}\n{pin}\n", text=True, check=True,
                       capture_output=True)
        script = os.path.join(tmp, "stop.script")
        with open(script, "w") as f:
            f.write(staff_script(pin))
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software",
                   SDL_FRAMEBUFFER_ACCELERATION="0")
        r = subprocess.run([kiosk, "--windowed", "--state", state, "--size", size, "--now", now, "--script", script],
                           env=env,
                           capture_output=True, text=True, timeout=120)
        return r.returncode, r.stdout + r.stderr


def check_read_aloud_headless(kiosk, size, now):
    """The taps the VM will get on the headless kiosk (SDL's dummy audio device): Read aloud turns read aloud on and
    the Stop shows where the VM will tap it. Returns what is wrong, or None."""
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "read-aloud.script")
        with open(script, "w") as f:
            f.write(f"wait 200\ntap {READ_ALOUD[0]} {READ_ALOUD[1]}\nwait 1000\ncontrols\n")
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software",
                   SDL_FRAMEBUFFER_ACCELERATION="0", SDL_AUDIODRIVER="dummy")
        r = subprocess.run([kiosk, "--windowed", "--state", os.path.join(tmp, "state"), "--size", size, "--now", now,
                            "--script", script], env=env, capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        return f"exit status {r.returncode}: {r.stdout + r.stderr}"
    controls = [(int(x0), int(y0), int(x1), int(y1), label) for x0, y0, x1, y1, label
                in re.findall(r"^control: (\d+) (\d+) (\d+) (\d+) (.*)$", r.stdout, re.M)]

    def label_at(x, y):
        # As the kiosk finds a touched control with read aloud on: the smallest that holds the point (the Stop lies
        # over the first row of events).
        under = [c for c in controls if c[0] <= x < c[2] and c[1] <= y < c[3]]
        return min(under, key=lambda c: (c[2] - c[0]) * (c[3] - c[1]))[4] if under else None

    if "say en: Read aloud is on." not in r.stdout:
        return f"a tap at {READ_ALOUD} did not turn read aloud on: {r.stdout + r.stderr}"
    if label_at(*READ_ALOUD) != "Read aloud" or label_at(*SPEECH_STOP) != "Stop":
        return f"the controls are not where the VM will tap them: {controls}"
    return None


def reference_shot(kiosk, size, now, path):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([kiosk, "screenshot", "--state", os.path.join(tmp, "state"), "--size", size, "--now", now,
                        "--out", path], check=True, capture_output=True)


def compare(a_path, b_path, diff_path):
    """The layout test: both screens in blocks of 8x8 pixels, a block differing when its mean colour is off by more
    than 32/255. The VM draws with OpenGL (llvmpipe) and the headless kiosk with SDL's software renderer, whose edges
    (anti-aliased outlines, text, scaled icons) differ pixel by pixel but not in a block's mean; a moved, missing or
    resized element, text in another font or a wrong colour changes whole blocks. Returns the fraction of blocks that
    differ and a description, with the count of single pixels off by more than 24/255 for reference."""
    a = Image.open(a_path).convert("RGB")
    b = Image.open(b_path).convert("RGB")
    if a.size != b.size:
        return 1.0, f"sizes differ: {a.size} and {b.size}"
    w, h = a.size
    pixels = sum(1 for v in ImageChops.difference(a, b).convert("L").getdata() if v > 24)
    blocks = (w // 8, h // 8)
    diff = ImageChops.difference(a.resize(blocks, Image.BOX), b.resize(blocks, Image.BOX)).convert("L")
    mask = diff.point(lambda v: 255 if v > 32 else 0)
    changed = sum(1 for v in mask.getdata() if v)
    fraction = changed / (blocks[0] * blocks[1])
    if changed:
        mask.resize((w, h), Image.NEAREST).save(diff_path)
    return fraction, (f"{changed} of {blocks[0] * blocks[1]} blocks of 8x8 pixels differ ({fraction * 100:.2f} %); "
                      f"{pixels} single pixels ({pixels * 100 / (w * h):.2f} %, edges drawn by another renderer)")


class Wav:
    """What the VM's sound card plays, as it grows: the WAV file QEMU's wav audio backend writes (its header's lengths
    are filled in only when QEMU closes it, so the samples are read from the header's end to the file's)."""

    HEADER = 44

    def __init__(self, path):
        self.path = path
        self.channels = self.rate = self.bits = 0

    def size(self):
        try:
            return os.path.getsize(self.path)
        except FileNotFoundError:
            return 0

    def read_format(self):
        """True once the header is there, in the 16-bit PCM QEMU writes by default."""
        try:
            with open(self.path, "rb") as f:
                header = f.read(self.HEADER)
        except FileNotFoundError:
            return False
        if len(header) < self.HEADER or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
            return False
        self.channels, self.rate = struct.unpack_from("<HI", header, 22)
        self.bits = struct.unpack_from("<H", header, 34)[0]
        return self.bits == 16 and self.channels > 0

    def frame_bytes(self):
        return self.channels * 2

    def seconds(self, n_bytes):
        return n_bytes / (self.rate * self.frame_bytes())

    def _samples(self, start, end):
        """The samples between two byte offsets, rounded to whole frames."""
        frame = self.frame_bytes()
        start = max(start, self.HEADER)
        start += -(start - self.HEADER) % frame
        end -= (end - self.HEADER) % frame
        samples = array.array("h")
        if end > start:
            with open(self.path, "rb") as f:
                f.seek(start)
                samples.frombytes(f.read(end - start))
        if sys.byteorder != "little":
            samples.byteswap()
        return start, samples

    def peak(self, start, end):
        return max((abs(v) for v in self._samples(start, end)[1]), default=0)

    def loud(self, start, end):
        """The byte offsets of the first and the last loud sample between two offsets, or None."""
        at, samples = self._samples(start, end)
        loud = [i for i, v in enumerate(samples) if abs(v) > LOUD]
        if not loud:
            return None
        return at + loud[0] * 2, at + loud[-1] * 2

    def save(self, start, end, path):
        at, samples = self._samples(start, end)
        with wave.open(path, "wb") as w:
            w.setnchannels(self.channels)
            w.setsampwidth(2)
            w.setframerate(self.rate)
            w.writeframes(samples.tobytes())


def level(peak):
    """A peak sample as a person reads a meter."""
    return f"peak {20 * math.log10(peak / 32768):.0f} dBFS" if peak else "all zeros"


def sound_status(serial):
    """The probe's newest SOUND line as a dict; the card's name, which has spaces, under "card"."""
    lines = serial.lines("SOUND")
    if not lines:
        return {}
    head, _, card = lines[-1].partition(" card=")
    return dict(re.findall(r"(\w+)=(\S*)", head), card=card.strip())


def journal_time(line):
    """The seconds since power-on of a JOURNAL line (short-monotonic), or None."""
    m = re.match(r"\[\s*([0-9.]+)\]", line)
    return float(m.group(1)) if m else None


def check_sound_at_boot(serial, summary, fail):
    """The guest has a sound card, and the kiosk that started at boot opened it: the journal has no "read aloud is not
    offered" (without a voice the bars offer no Read aloud). When it has one, the failure gives the time the kiosk
    looked and the time udev handled the card device (udev gives each of the card's device nodes group audio, which
    the kiosk needs to open them, as it handles them)."""
    serial.wait_for(r"SOUND [^\n]* card=\S", 30)  # The probe writes one every 5 s.
    sound = sound_status(serial)
    card = sound.get("card", "")
    journal = serial.lines("JOURNAL")
    said = [line for line in journal if re.search(r"read aloud|audio|speech|ALSA|snd", line, re.I)]
    for line in said:
        print(f"journal, about sound: {line}")
    summary["read aloud: the journal's lines about sound at boot"] = "; ".join(said) or "none"
    card_at = int(sound["card_at_us"]) / 1e6 if sound.get("card_at_us", "").isdigit() else None
    summary["read aloud: sound card"] = (f"{card}, handled by udev {card_at:.1f} s after power-on" if card and card_at
                                         else card or "none")
    if not card:
        fail("the VM has no sound card (/proc/asound/cards is empty)")
    # The kiosk looks for the card in the background, and again every 2 s for 2 minutes (it may start before udev
    # gives it the card): it must say that the card opened.
    offered = next((line for line in journal if "read aloud is offered" in line), None)
    if not offered:
        serial.wait_for(r"read aloud is offered", 20)
        journal = serial.lines("JOURNAL")
        offered = next((line for line in journal if "read aloud is offered" in line), None)
    summary["read aloud: at boot"] = offered or "the kiosk did not say that the card opened"
    not_offered = next((line for line in journal if "read aloud is not offered" in line), None)
    if not offered and not not_offered:
        not_offered = "no \"read aloud is offered\" in the journal"
    if not_offered:
        looked = journal_time(not_offered)
        when = (f" (the kiosk looked for it {looked:.1f} s after power-on, udev handled the card at {card_at:.1f} s)"
                if looked is not None and card_at is not None else "")
        fail(f"the kiosk started at boot does not offer read aloud{when}: {not_offered}")


def check_read_aloud(touch, qmp, serial, wav, out, summary, fail, journal_from):
    """Read aloud where it lives, on a kiosk started long after the sound card came up (the one the probe restarted):
    it opened the card (none of its journal lines, from `journal_from` on, says "read aloud is not offered"), a tap on
    the Read aloud control makes sound on the card, and a tap on the Stop silences it. Done on home within the
    restarted kiosk's first minute, before its screen hours go dark at 10:01."""
    journal = serial.lines("JOURNAL")[journal_from:]
    not_offered = next((line for line in journal if "read aloud is not offered" in line), None)
    if not_offered:
        fail(f"the restarted kiosk does not offer read aloud: {not_offered}")
        summary["read aloud"] = "not tried: the restarted kiosk does not offer it"
        return
    if not wav.read_format():
        fail(f"QEMU wrote no WAV header to {wav.path}")
        return

    # Before the tap: the card with nothing to say (the kiosk pauses its device; whether the stream stays open,
    # playing silence, shows in how fast the file grows).
    idle_start, idle_from = wav.size(), time.monotonic()
    time.sleep(3)
    idle_end = wav.size()
    idle_rate = wav.seconds(idle_end - idle_start) / (time.monotonic() - idle_from)
    idle_peak = wav.peak(idle_start, idle_end)
    sound = sound_status(serial)
    idle = (f"the card played {idle_rate:.2f} s of sound a second, {level(idle_peak)}; the card's "
            f"stream {sound.get('pcm')}, the kiosk holding {sound.get('open')} PCM device(s) open")
    summary["read aloud: before the tap"] = idle
    print(f"read aloud, before the tap: {idle}")
    if idle_peak > LOUD:
        fail(f"the sound card played sound before anything was said: {idle}")

    start = wav.size()
    tapped = time.monotonic()
    touch.tap(*READ_ALOUD)
    scanned, first = start, None
    while first is None and time.monotonic() - tapped < 30:
        time.sleep(0.1)
        end = wav.size()
        found = wav.loud(scanned, end)
        if found:
            first = (time.monotonic() - tapped, found[0])
        scanned = end
    if first is None:
        qmp.call("screendump", filename=os.path.join(out, "read-aloud.png"), format="png")
        wav.save(start, wav.size(), os.path.join(out, "read-aloud.wav"))
        fail("a tap on Read aloud made no sound on the VM's sound card within 30 s (build/boot-test/read-aloud.png)")
        summary["read aloud"] = "no sound within 30 s of the tap"
        return
    time.sleep(4)  # Listened to for a while; the Stop is on the screen.
    qmp.call("screendump", filename=os.path.join(out, "read-aloud.png"), format="png")
    heard_end = wav.size()
    heard_peak = wav.peak(first[1], heard_end)
    playing = sound_status(serial)

    stop_at = wav.size()
    touch.tap(*SPEECH_STOP)
    time.sleep(5)
    end = wav.size()
    last = wav.loud(stop_at, end)
    quiet_after = wav.seconds(last[1] - stop_at) if last else 0.0
    tail_peak = wav.peak(max(stop_at, end - wav.rate * wav.frame_bytes()), end)
    wav.save(start, end, os.path.join(out, "read-aloud.wav"))
    times = [int(t) for t in re.findall(r"\d+", sound_status(serial).get("first_sample_us", ""))]
    kiosk_first = (f"the kiosk's own say() to its first samples at SDL {times[-1] / 1000:.0f} ms" if times
                   else "the kiosk reported no time to its first samples")
    text = (f"tap to first sound at the card {first[0]:.1f} s (host clock, QEMU's WAV file read every 0.1 s); "
            f"{kiosk_first}; {wav.seconds(heard_end - first[1]):.1f} s heard, {level(heard_peak)}, while the card's "
            f"stream was {playing.get('pcm')} with {playing.get('open')} PCM device(s) open in the kiosk; after the "
            f"Stop: its last sound {quiet_after:.1f} s (of audio) after the tap, then the card's stream "
            f"{'closed' if wav.seconds(end - stop_at) <= 1.5 else 'ran on, its last second: ' + level(tail_peak)}; "
            f"build/boot-test/read-aloud.wav")
    summary["read aloud"] = text
    print(f"read aloud: {text}")
    if heard_peak <= LOUD:
        fail(f"read aloud's sound is silent: {text}")
    # QEMU writes the WAV file only while the guest's stream runs, and the kiosk closes the card when it stops speaking:
    # after the Stop the file either stops growing (the card closed) or, if it grows on, ends in silence.
    written_after = wav.seconds(end - stop_at)
    if written_after > 1.5 and tail_peak > LOUD:
        fail(f"the Stop did not silence read aloud within 4 s: {text}")
    pss = dict(re.findall(r"(\w+)=(\d+)", serial.lines("PSS")[-1])) if serial.lines("PSS") else {}
    summary["PSS kiosk after read aloud spoke"] = f"{int(pss.get('kiosk', 0)) / 1024:.1f} MiB"


def settle(qmp, dump, previous, timeout):
    """Takes screendumps 3 s apart until two in a row are the same (or timeout); returns the seconds it took."""
    started = time.monotonic()
    qmp.call("screendump", filename=previous, format="png")
    while True:
        time.sleep(3)
        qmp.call("screendump", filename=dump, format="png")
        a, b = Image.open(previous).convert("RGB"), Image.open(dump).convert("RGB")
        if (a.size == b.size and ImageChops.difference(a, b).getbbox() is None) or time.monotonic() - started > timeout:
            os.remove(previous)
            return time.monotonic() - started
        os.replace(dump, previous)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--serial", required=True)
    ap.add_argument("--qmp", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", required=True)
    ap.add_argument("--pin", required=True)
    ap.add_argument("--watch", type=int, default=120)
    ap.add_argument("--kiosk", required=True)
    ap.add_argument("--now", required=True)
    ap.add_argument("--started", type=float, required=True)
    ap.add_argument("--audio", required=True, help="the WAV file QEMU writes the VM's sound card to")
    ap.add_argument("--boot-timeout", type=int, default=900)
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    serial = Serial(args.serial)
    failures = []
    summary = {}

    def fail(what):
        print(f"FAILED: {what}")
        failures.append(what)

    # Before the VM is needed: the staff taps work on the headless kiosk, and its own picture of home.
    status, output = check_staff_path_headless(args.kiosk, args.pin, args.size, args.now)
    if status != 10:
        print(output)
        fail(f"the staff taps do not stop the headless kiosk for maintenance (exit status {status}, not 10)")
    problem = check_read_aloud_headless(args.kiosk, args.size, args.now)
    if problem:
        fail(f"the read aloud taps do not work on the headless kiosk: {problem}")
    reference = os.path.join(args.out, "reference.png")
    reference_shot(args.kiosk, args.size, args.now, reference)

    qmp = Qmp(args.qmp)
    m = serial.wait_for(r"JOURNAL \[\s*([0-9.]+)\][^\n]*first frame after (\d+) ms \(([^)]*)\)", args.boot_timeout)
    if not m:
        print(serial.text()[-4000:])
        fail(f"no first frame in the journal within {args.boot_timeout} s")
        return finish(failures, summary, args.out)
    wall = time.time() - args.started
    summary["power-on to first frame (VM clock)"] = f"{float(m.group(1)):.1f} s"
    summary["qemu start to first frame (host clock)"] = f"{wall:.1f} s"
    summary["kiosk exec to first frame"] = f"{m.group(2)} ms ({m.group(3)})"
    print(f"first frame: {float(m.group(1)):.1f} s after power-on by the VM's clock ({wall:.1f} s on the host), "
          f"{m.group(2)} ms after the kiosk started ({m.group(3)})")
    first_frame_at = time.monotonic()

    # The screen as the VM shows it, against the kiosk's own headless screenshot, once it has settled: under TCG the
    # kiosk draws with llvmpipe at a few frames a second, and its first frames are still laying out (ImGui settles
    # sizes over the first frames).
    dump = os.path.join(args.out, "screendump.png")
    settled_after = settle(qmp, dump, os.path.join(args.out, "screendump-previous.png"), timeout=90)
    summary["screen settled after the first frame"] = f"{settled_after:.0f} s"
    fraction, text = compare(dump, reference, os.path.join(args.out, "screendump-diff.png"))
    summary["screendump against the headless screenshot"] = text
    print(f"screendump against the kiosk's headless screenshot: {text}")
    if fraction > 0.001:
        fail(f"the VM's screen differs from the headless screenshot: {text} (build/boot-test/screendump-diff.png)")

    check_sound_at_boot(serial, summary, fail)

    # Left alone: no restart, no watchdog kill, no getty on tty2-6.
    restarts_seen = set()
    deadline = first_frame_at + args.watch
    while time.monotonic() < deadline:
        s = serial.status()
        if s.get("NRestarts"):
            restarts_seen.add(s["NRestarts"])
        time.sleep(5)
    s = serial.status()
    print(f"after {args.watch} s: {' '.join(f'{k}={v}' for k, v in s.items())}")
    summary[f"NRestarts after {args.watch} s"] = s.get("NRestarts", "?")
    if s.get("NRestarts") != "0" or restarts_seen - {"0"}:
        fail(f"the service restarted (NRestarts {sorted(restarts_seen)})")
    if s.get("ActiveState") != "active":
        fail(f"the service is not active after {args.watch} s: {s}")
    journal = "\n".join(serial.lines("JOURNAL"))
    if re.search(r"[Ww]atchdog timeout", journal):
        fail("the watchdog killed the kiosk")
    # The demo's import at the first start ran in a child: its seccomp filter and Landlock rules must have held.
    if "kiosk: sandbox:" in journal:
        fail("the import child ran without its full sandbox: "
             + re.search(r"kiosk: sandbox:[^\n]*", journal).group(0))
    gettys = [g for g in serial.lines("GETTY")[-1:] if re.search(r"tty[2-6]\b", g)]
    summary["gettys on tty2-6"] = gettys[0] if gettys else "none"
    if gettys:
        fail(f"gettys run on tty2-6: {gettys[0]}")
    pss = serial.lines("PSS")[-1] if serial.lines("PSS") else ""
    values = dict(re.findall(r"(\w+)=(\d+)", pss))
    kiosk_kib, cage_kib, xwayland_kib = (int(values.get(k, 0)) for k in ("kiosk", "cage", "xwayland"))
    summary["PSS kiosk / cage / Xwayland"] = (f"{kiosk_kib / 1024:.1f} / {cage_kib / 1024:.1f} / "
                                             f"{xwayland_kib / 1024:.1f} MiB")
    summary["PSS kiosk + cage"] = f"{(kiosk_kib + cage_kib) / 1024:.1f} MiB"
    summary["service memory (cgroup)"] = f"{int(s.get('MemoryCurrent', '0') or 0) / 1048576:.1f} MiB"
    print(f"memory: PSS kiosk {kiosk_kib / 1024:.1f} MiB, cage {cage_kib / 1024:.1f} MiB, Xwayland "
          f"{xwayland_kib / 1024:.1f} MiB (not running: 0); the service's cgroup {summary['service memory (cgroup)']}")
    if xwayland_kib:
        fail("Xwayland runs: the kiosk should draw through Wayland")
    # The memory budget on the box (issue 14): without a GPU the kiosk hands cage its frames in shared memory, so
    # neither loads Mesa's llvmpipe. A figure of 0 means the probe found no process, which is a failure too.
    if not kiosk_kib or not cage_kib or kiosk_kib + cage_kib >= 80 * 1024:
        fail(f"the kiosk and cage use {(kiosk_kib + cage_kib) / 1024:.1f} MiB PSS: the budget is under 80 MiB")

    # The screen hours went dark at 10:01 and lit at 10:02: the kiosk's requests reached kiosk-display.service. The
    # fixed clock starts with the kiosk, before its first frame, and a dark kiosk looks at the hours once a minute, so
    # lighting comes up to a minute after 10:02: waited for, up to three minutes.
    def switched_lines():
        return re.findall(r"kiosk-display: ([^\n]*)", "\n".join(serial.lines("JOURNAL")))

    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not (any("off" in line for line in switched_lines())
                                               and any(" on" in line for line in switched_lines())):
        time.sleep(2)
    switched = switched_lines()
    summary["backlight requests carried out"] = "; ".join(switched) or "none"
    print(f"backlight requests from the screen hours: {switched or 'none'}")
    if not any("off" in line for line in switched) or not any(" on" in line for line in switched):
        fail("the screen hours' display_off_command / display_on_command did not reach kiosk-display.service")

    for prefix in ("ANALYZE", "BLAME", "CHAIN", "SECURITY"):
        for line in serial.lines(prefix):
            print(f"{prefix.lower()}: {line}")
    security = serial.lines("SECURITY")
    if security:
        summary["systemd-analyze security"] = security[-1].strip()

    # Stop for maintenance, as staff do it, through the virtual touch screen.
    touch = Touch(qmp, width, height)
    frames_before = len(re.findall(r"first frame after", serial.text()))
    touch.tap(*CORNER)  # Wakes the attract loop to the ordinary home screen, as the headless kiosk starts.
    time.sleep(2)
    touch.press(*CORNER, 3200)
    time.sleep(1.5)
    for d in args.pin:
        touch.tap(*KEYS[d])
        time.sleep(0.4)
    touch.tap(*OK)
    time.sleep(8)  # The PIN's Argon2id hash is checked in emulation.
    touch.tap(*MORE_BELOW)
    time.sleep(4)  # The list glides to rest (slowly, in emulation).
    touch.tap(*STOP)
    time.sleep(3)
    touch.tap(*CONFIRM)
    stopped = serial.wait_for(r"STATUS [^\n]*ActiveState=inactive[^\n]*\n", 90)
    time.sleep(12)  # Long enough for a restart (RestartSec=2) to show.
    s = serial.status()
    print(f"after Stop for maintenance: {' '.join(f'{k}={v}' for k, v in s.items())}")
    summary["after Stop for maintenance"] = (f"{s.get('ActiveState')} ({s.get('Result')}, "
                                             f"exit {s.get('ExecMainStatus')})")
    if not stopped or s.get("ActiveState") != "inactive" or s.get("NRestarts") != "0":
        fail(f"Stop for maintenance did not leave the service stopped: {s}")
    dump2 = os.path.join(args.out, "after-maintenance.png")
    qmp.call("screendump", filename=dump2, format="png")

    # The probe starts it again 30 s after the stop, then restarts it, as a settings change does: a clean stop, not a
    # failure (cage 0.1.4 aborted when a stop reached it first).
    m = serial.wait_for(r"RESTART active=(\S+) result=(\S+) clean=(\d+) failed=(\d+)", 240)
    if not m:
        fail("the probe did not report a start and a restart after the stop")
    else:
        summary["systemctl start, then restart"] = (f"{m.group(1)} ({m.group(2)}); the stop logged clean "
                                                    f"{m.group(3)}x, failures {m.group(4)}")
        print(f"systemctl start, then restart: {summary['systemctl start, then restart']}")
        if m.group(1) != "active" or m.group(4) != "0" or m.group(3) == "0":
            fail(f"systemctl restart did not stop the kiosk cleanly and start it: {m.group(0)}")

    # Read aloud on the restarted kiosk (its start and restart make two more first frames), once its home has settled.
    def frames():
        return [i for i, line in enumerate(serial.lines("JOURNAL")) if "first frame after" in line]

    deadline = time.monotonic() + 60
    while len(frames()) < frames_before + 2 and time.monotonic() < deadline:
        time.sleep(1)
    if len(frames()) < frames_before + 2:
        fail("the restarted kiosk drew no first frame within 60 s; read aloud not tried")
    else:
        restarted = os.path.join(args.out, "restarted.png")
        settle(qmp, restarted, os.path.join(args.out, "restarted-previous.png"), timeout=30)
        fraction, text = compare(restarted, reference, os.path.join(args.out, "restarted-diff.png"))
        summary["restarted kiosk's screen against the headless screenshot"] = text
        if fraction > 0.001:
            fail(f"the restarted kiosk's screen differs from the headless screenshot: {text} "
                 "(build/boot-test/restarted-diff.png)")
        check_read_aloud(touch, qmp, serial, Wav(args.audio), args.out, summary, fail, frames()[-2] + 1)
    return finish(failures, summary, args.out, serial.lines("BLAME"))


def finish(failures, summary, out, blame=()):
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump({"date": time.strftime("%Y-%m-%d", time.gmtime()), "summary": summary, "failures": failures,
                   "blame": [" ".join(line.split()) for line in blame]}, f, indent=2)
    print("\n".join(f"  {k}: {v}" for k, v in summary.items()))
    if failures:
        print(f"boot test: {len(failures)} check(s) failed")
        return 1
    print("boot test: every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
