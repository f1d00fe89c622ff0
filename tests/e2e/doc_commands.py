#!/usr/bin/env python3
"""The guides run as written (issue 18): every `kiosk` command in docs/updates.md, staff.md, install.md, settings.md
and content-guide.md, in the order a staff member meets them, with what the guides say each prints; every settings
example (a snippet, or settings.md's whole file) accepted; content-guide.md's bundle.toml example checked as a
bundle. docs/cli.md is the reference: its synopses have placeholders, and the e2e tests run each command.

A command runs as the guide gives it, except that `sudo` is left out (the tests run as whoever runs them) and
`--config` names a settings file standing for the package's /etc/kiosk/kiosk.toml: a copy of image/etc/kiosk.toml
with its state_dir, usb_roots and trusted_keys pointed into a temporary folder, as the guides tell staff to edit it.
The steps between commands that are not commands (copy the folder onto a stick, type the PIN) are done here as the
guides describe them. `systemctl` lines need systemd: tools/boot-test.sh runs the installed package under it.
Every settings snippet in the guides (an indented `key = value` line) must be accepted in that file, in place of the
line it changes. A command found in a guide that this script does not know fails the test: add it here."""
import os
import pathlib
import pty
import select
import re
import shutil
import subprocess
import sys
import tempfile

kiosk, root = sys.argv[1], pathlib.Path(sys.argv[2])
GUIDES = ["docs/updates.md", "docs/staff.md", "docs/install.md", "docs/settings.md", "docs/content-guide.md"]
PIN = "2468"


def indented_lines(text):
    """Lines of indented code blocks: four or more spaces in, after a blank line or another such line."""
    lines, in_block, previous_blank = [], False, True
    for line in text.splitlines():
        indented = line.startswith("    ") and line.strip()
        if indented and (in_block or previous_blank):
            in_block = True
            lines.append(line.strip())
        elif line.strip():
            in_block = False
        previous_blank = not line.strip()
    return lines


def commands_and_snippets():
    """The guides' commands (`kiosk ...` in a code block, or in backticks when whole) and settings snippets, in order."""
    commands, snippets = [], []
    for guide in GUIDES:
        text = (root / guide).read_text()
        for line in indented_lines(text):
            if re.match(r"^(sudo )?kiosk ", line):
                commands.append((guide, line))
            elif re.match(r"^[a-z_]+ = ", line):
                snippets.append((guide, line))
        # Whole commands in running text, such as `kiosk pack eastside-content --key eastside.key --expires-in 14`.
        for inline in re.findall(r"`((?:sudo )?kiosk (?:pack|sync|status|check|verify|keygen|set-pin)[^`]*)`", text):
            # A bare `kiosk check` names the command; it does not give one to run.
            bare = re.fullmatch(r"(sudo )?kiosk (check|pack|verify|keygen|sync)", inline)
            placeholder = re.search(r"\b[A-Z]{3,}\b", inline)  # kiosk check FOLDER: a synopsis, not a command.
            if not bare and not placeholder and "..." not in inline and "<" not in inline and inline not in [
                c for _, c in commands
            ]:
                commands.append((guide, inline))
    return commands, snippets


def run(args, cwd, stdin=""):
    return subprocess.run([kiosk, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120)


def fail(message):
    print("doc_commands: " + message, file=sys.stderr)
    sys.exit(1)


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    work, state, media = tmp / "computer", tmp / "var-lib-kiosk", tmp / "media-kiosk"
    work.mkdir()
    media.mkdir()
    shutil.copytree(root / "data" / "demo", work / "eastside-content")
    # /etc/kiosk/kiosk.toml as the guides have staff edit it: trusted_keys names the key keygen makes.
    settings = (root / "image" / "etc" / "kiosk.toml").read_text()
    installed = {
        "state_dir": '"%s"' % state,
        "usb_roots": '["%s"]' % media,
        "trusted_keys": '["%s"]' % (work / "eastside.pub"),
    }
    for key, value in installed.items():
        settings, n = re.subn(r"(?m)^%s = .*$" % key, "%s = %s" % (key, value), settings)
        assert n == 1, key
    config = tmp / "kiosk.toml"
    config.write_text(settings)

    commands, snippets = commands_and_snippets()
    if len(commands) < 8:
        fail("only %d commands found in the guides: has their layout changed?" % len(commands))
    ran = []
    for guide, line in commands:
        args = line.split()
        if args[0] == "sudo":
            args = args[1:]
        verb = args[1]
        stdin = ""
        if verb == "sync" and not (media / "STICK").exists():
            # updates.md, "Copy the whole folder onto the stick": what was packed, as it is.
            shutil.copytree(work / "eastside-content", media / "STICK" / "eastside-content")
        if verb == "set-pin":
            stdin = PIN + "\n" + PIN + "\n"  # "Type the PIN (4 to 12 digits) twice."
        r = run([*args[1:], "--config", str(config)], work, stdin)
        out = r.stdout
        if r.returncode != 0:
            fail("%s: `%s` exited %d:\n%s%s" % (guide, line, r.returncode, out, r.stderr))
        if verb == "keygen":
            if not (work / "eastside.key").exists() or not (work / "eastside.pub").exists():
                fail("%s: `%s` did not write eastside.key and eastside.pub" % (guide, line))
        elif verb == "check":
            if "no problems" not in out:
                fail("%s: `%s` found problems in the demo:\n%s" % (guide, line, out))
        elif verb == "pack":
            if not (work / "eastside-content" / "MANIFEST.sig").exists():
                fail("%s: `%s` wrote no MANIFEST.sig" % (guide, line))
            if "--expires-in" in args and "expires " not in (work / "eastside-content" / "MANIFEST").read_text():
                fail("%s: `%s` wrote no expires line" % (guide, line))
        elif verb == "verify":
            if ": intact, version " not in out:
                fail("%s: `%s` said:\n%s" % (guide, line, out))
        elif verb == "sync":
            # updates.md shows what it prints: the state folder, then one line per source.
            expected = [
                "State folder: %s" % state,
                r"usb:%s/STICK/eastside-content: (imported: now showing version \d{14}|unchanged: .*)" % media,
            ]
            lines = out.splitlines()
            if len(lines) < 2 or lines[0] != expected[0] or not re.fullmatch(expected[1], lines[1]):
                fail("%s: `%s` printed, against the guide's example:\n%s" % (guide, line, out))
        elif verb == "status":
            for field in ("version:", "state:       %s" % state, "staff PIN:"):
                if field not in out:
                    fail("%s: `%s` has no `%s`:\n%s" % (guide, line, field, out))
            if "set-pin" in ran and "staff PIN:   set" not in out:
                fail("%s: `%s` after set-pin does not say `staff PIN:   set`:\n%s" % (guide, line, out))
        elif verb == "set-pin":
            if str(state / "staff-pin") not in out:
                fail("%s: `%s` does not name the file it wrote:\n%s" % (guide, line, out))
        else:
            fail("%s: `%s`: a command this script does not know: say here what the guide promises of it" % (guide, line))
        ran.append(verb)
        print("ok  %s: %s" % (guide, line))

    # Each settings snippet in place of the line it changes (or added, for a key the file lacks), the rest untouched.
    for guide, snippet in snippets:
        key = snippet.split(" = ")[0]
        text, n = re.subn(r"(?m)^#? ?%s = .*$" % key, snippet.replace("\\", "\\\\"), settings, count=1)
        if n == 0:
            text = settings + "\n" + snippet + "\n"
        trial = tmp / "snippet.toml"
        trial.write_text(text)
        r = run(["status", "--config", str(trial)], work)
        if r.returncode != 0 or "error" in r.stderr:
            fail("%s: the setting `%s` is refused:\n%s%s" % (guide, snippet, r.stdout, r.stderr))
        print("ok  %s: %s" % (guide, snippet))

    # Fenced ```toml examples: a settings file (it names /etc/kiosk/kiosk.toml), or a bundle.toml (it has a name), put
    # in the demo's place and checked. One showing alternatives for one key (date_order = "dmy" / "mdy") is each line.
    for guide in GUIDES:
        text = (root / guide).read_text()
        for block in re.findall(r"```toml\n(.*?)```", text, re.S):
            keys = re.findall(r"(?m)^([a-z_]+) = ", re.split(r"(?m)^\[", block)[0])  # Before any [table].
            if len(keys) != len(set(keys)):
                continue  # Alternatives: the lines are snippets (below, if indented) or described in the text.
            if "/etc/kiosk/kiosk.toml" in block:
                trial = tmp / "example.toml"
                trial.write_text(block)
                r = run(["status", "--config", str(trial), "--state", str(tmp / "example-state")], work)
                if r.returncode != 0 or "error" in r.stderr:
                    fail("%s: its settings example is refused:\n%s%s" % (guide, r.stdout, r.stderr))
                print("ok  %s: the settings example" % guide)
            elif re.search(r"(?m)^name = ", block):
                bundle = tmp / "example-bundle"
                shutil.rmtree(bundle, ignore_errors=True)
                shutil.copytree(root / "data" / "demo", bundle)
                (bundle / "bundle.toml").write_text(block)
                r = run(["check", str(bundle)], work)
                if r.returncode != 0:
                    fail("%s: its bundle.toml example does not check:\n%s%s" % (guide, r.stdout, r.stderr))
                print("ok  %s: the bundle.toml example" % guide)

    # staff.md: "Type the PIN twice", at a terminal: it must not show on the screen as it is typed.
    master, slave = pty.openpty()
    typed = subprocess.Popen([kiosk, "set-pin", "--state", str(tmp / "pty-state")], stdin=slave, stdout=slave,
        stderr=slave, cwd=work)
    os.close(slave)
    screen = b""

    def read_some(seconds=30):
        """What the terminal shows next; fails the test rather than hang."""
        ready, _, _ = select.select([master], [], [], seconds)
        if not ready:
            typed.kill()
            fail("set-pin at a terminal stopped answering; it showed:\n" + screen.decode(errors="replace"))
        try:
            return os.read(master, 4096)
        except OSError:
            return b""  # The terminal closed with the command.

    for answer in (PIN, PIN):
        while b": " not in screen.split(b"\n")[-1]:  # The prompt, then the typing.
            screen += read_some()
        os.write(master, (answer + "\n").encode())
        screen += read_some()
    while chunk := read_some():
        screen += chunk
    typed.wait(timeout=30)
    if typed.returncode != 0 or PIN.encode() in screen or b"The staff PIN is set" not in screen:
        fail("set-pin at a terminal (exit %s) showed:\n%s" % (typed.returncode, screen.decode(errors="replace")))
    print("ok  set-pin at a terminal does not show the PIN")

print("every command and setting in %s ran as written" % ", ".join(GUIDES))
