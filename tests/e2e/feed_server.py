#!/usr/bin/env python3
"""A small feed server for the end-to-end tests: serves a folder over HTTP (or HTTPS) on 127.0.0.1, with ETag and
Last-Modified answered by 304, one log line per request, and failure modes the test switches between syncs.

    feed_server.py --root DIR --log FILE [--mode-file FILE] [--tls CERT KEY] [--no-etag]

It prints the port it listens on as its first line of standard output, then serves until it is killed or its
standard input closes (so it never outlives the test that started it).

The mode file is read again on every request. Its first line is a mode and, optionally, the one URL path it applies to
(every other path is then served normally): "truncate /feed/pages/about.md". A missing or empty file means normal.

    normal         serve the file (200, or 304 when the request's ETag or date says the client has it)
    404, 500       answer with that status
    slow           sleep 3 s, then answer normally
    truncate       send the right Content-Length but only the first half of the body, then close the connection
    redirect-loop  302 to the same path, forever
    huge           stream 65 MiB of zeros with no Content-Length (the client finds out while reading)
    huge-length    claim a Content-Length of 65 MiB (the client can refuse before reading) and stream it
"""

import argparse
import email.utils
import hashlib
import http.server
import os
import ssl
import sys
import threading
import time
import urllib.parse

MIB = 1 << 20


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", required=True, help="the folder served: URL path /X is ROOT/X")
    parser.add_argument("--log", required=True, help="one line per request: METHOD PATH STATUS")
    parser.add_argument("--mode-file", help="the mode, read again on every request")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve HTTPS with this certificate")
    parser.add_argument("--no-etag", action="store_true", help="only Last-Modified, as some static servers do")
    args = parser.parse_args()
    root = os.path.realpath(args.root)
    log_lock = threading.Lock()

    def read_mode(path):
        """The mode for a request of `path`: the mode file's, when it names no path or this one."""
        if not args.mode_file:
            return "normal"
        try:
            with open(args.mode_file, encoding="utf-8") as f:
                words = f.readline().split()
        except FileNotFoundError:
            return "normal"
        if not words or (len(words) > 1 and words[1] != path):
            return "normal"
        return words[0]

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "feed-server"

        def log_request(self, code="-", size="-"):
            with log_lock, open(args.log, "a", encoding="utf-8") as log:
                log.write(f"{self.command} {self.path} {int(code)}\n")

        def log_message(self, format, *args):
            pass  # Only log_request's lines, in the log file.

        def send_status(self, code, headers=()):
            self.send_response(code)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            path = urllib.parse.urlsplit(self.path).path
            mode = read_mode(path)
            if mode == "slow":
                time.sleep(3)
            if mode in ("404", "500"):
                return self.send_status(int(mode))
            if mode == "redirect-loop":
                return self.send_status(302, [("Location", self.path)])
            if mode in ("huge", "huge-length"):
                return self.stream_zeros(65 * MIB, mode == "huge-length")

            file = os.path.realpath(os.path.join(root, urllib.parse.unquote(path).lstrip("/")))
            if not file.startswith(root + os.sep) or not os.path.isfile(file):
                return self.send_status(404)
            with open(file, "rb") as f:
                body = f.read()
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            mtime = int(os.stat(file).st_mtime)
            validators = [("Last-Modified", email.utils.formatdate(mtime, usegmt=True))]
            if not args.no_etag:
                validators.insert(0, ("ETag", etag))
            if mode == "normal" and self.client_has(etag, mtime):
                return self.send_status(304, validators)
            self.send_response(200)
            for name, value in validators:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            if mode == "truncate":
                self.send_header("Connection", "close")
                self.close_connection = True
                body = body[: len(body) // 2]
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)

        def client_has(self, etag, mtime):
            """If-None-Match wins over If-Modified-Since when both are sent (RFC 9110, 13.2.2)."""
            match = self.headers.get("If-None-Match")
            if match is not None and not args.no_etag:
                tags = [t.strip() for t in match.split(",")]
                return "*" in tags or etag in tags or "W/" + etag in tags
            since = self.headers.get("If-Modified-Since")
            if since:
                try:
                    return mtime <= email.utils.parsedate_to_datetime(since).timestamp()
                except (TypeError, ValueError):
                    return False
            return False

        def stream_zeros(self, size, declare):
            self.send_response(200)
            if declare:
                self.send_header("Content-Length", str(size))
            self.send_header("Connection", "close")
            self.close_connection = True
            self.end_headers()
            chunk = bytes(MIB)
            try:
                for _ in range(size // MIB):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # The client stopped reading, as it should.

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            kind = sys.exc_info()[0]
            if kind is not None and issubclass(kind, (BrokenPipeError, ConnectionResetError, ssl.SSLError)):
                return  # A client that went away (a timeout, a refused certificate) is not the server's problem.
            super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), Handler)
    if args.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls[0], args.tls[1])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)

    def exit_when_stdin_closes():
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)

    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
