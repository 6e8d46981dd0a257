#!/usr/bin/env python3
"""Delivery latency: from posting a reply to (a) the e-mail arriving at an SMTP server and (b) the live (SSE) event
arriving at a reader with the topic open. Not a test: a measurement, run by hand.

  dotnet build Hearth.slnx -c Release -v quiet
  /usr/bin/python3 bench/delivery-latency.py [--rounds 10] [--poll 1] [--engine sqlite|postgres --pg "Host=...;..."]

Starts aiosmtpd (Debian's python3-aiosmtpd) and Hearth on loopback ports, with the notification hold set to 0 (by
default a notification e-mail waits 5 minutes, so one read on the site is never mailed) and the sender's poll
interval set by --poll. Prints each round and the median/max."""
import argparse, email, json, os, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"port {port} never answered")


def call(base, method, path, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as r:
        text = r.read().decode()
        return json.loads(text) if text else {}


def body_of(path):
    with open(path, "rb") as f:
        message = email.message_from_binary_file(f)
    return (message.get_payload(decode=True) or b"").decode("utf-8", "replace")


def member(base, prefix):
    name = f"{prefix}{uuid.uuid4().hex[:8]}"
    call(base, "POST", "/api/v1/users", {"userName": name, "email": f"{name}@example.test", "password": "correct horse battery"})
    token = call(base, "POST", "/api/v1/tokens", {"userNameOrEmail": name, "password": "correct horse battery"})["token"]
    return name, token


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--poll", type=float, default=1.0)
    ap.add_argument("--engine", default="sqlite")
    ap.add_argument("--pg", default="")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="hearth-latency-")
    maildir = os.path.join(work, "maildir")
    smtp_port, http_port = free_port(), free_port()
    smtp = subprocess.Popen(["/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{smtp_port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
    env = dict(os.environ,
               ASPNETCORE_URLS=f"http://127.0.0.1:{http_port}",
               Hearth__Database__Provider="Postgres" if args.engine == "postgres" else "Sqlite",
               Hearth__Database__ConnectionString=args.pg if args.engine == "postgres" else f"Data Source={work}/hearth.db",
               Hearth__Smtp__Host="127.0.0.1", Hearth__Smtp__Port=str(smtp_port),
               Hearth__Email__NotificationDelaySeconds="0", Hearth__Email__PollSeconds=str(args.poll),
               Hearth__RateLimits__WritesPerMinute="100000", Hearth__RateLimits__RegistrationsPerHour="100000",
               Hearth__RateLimits__LoginsPerMinute="100000")
    dll = os.path.join(ROOT, "src/Hearth/bin/Release/net10.0/Hearth.dll")
    app = subprocess.Popen(["dotnet", dll, "--urls", f"http://127.0.0.1:{http_port}"], env=env, cwd=os.path.join(ROOT, "src/Hearth"), stdout=subprocess.DEVNULL)
    try:
        wait_port(smtp_port)
        wait_port(http_port)
        base = f"http://127.0.0.1:{http_port}"
        steward, steward_token = member(base, "steward")
        replier, replier_token = member(base, "replier")
        slug = "lat" + uuid.uuid4().hex[:8]
        call(base, "POST", "/api/v1/communities", {"name": "Latency " + slug, "slug": slug, "kind": "Interest", "purpose": "Measuring.",
                                                   "visibility": "Public", "joinPolicy": "Open"}, steward_token)
        rules = call(base, "GET", f"/api/v1/communities/{slug}", token=replier_token)["rulesVersion"]
        call(base, "POST", f"/api/v1/communities/{slug}/join", {"acceptRulesVersion": rules}, replier_token)
        topic = call(base, "POST", f"/api/v1/communities/{slug}/topics", {"title": "Latency topic", "body": "Hello."}, steward_token)["id"]

        # The steward keeps the topic open: an SSE reader thread timestamps each "post" event.
        events = {}
        ready = threading.Event()

        def reader():
            req = urllib.request.Request(f"{base}/api/v1/live?topic={topic}", headers={"Authorization": "Bearer " + steward_token})
            with urllib.request.urlopen(req, timeout=600) as r:
                ready.set()
                kind = None
                for raw in r:
                    line = raw.decode().rstrip("\n")
                    if line.startswith("event: "):
                        kind = line[7:]
                    elif line.startswith("data: ") and kind == "post":
                        events[json.loads(line[6:])["postNumber"]] = time.perf_counter()

        threading.Thread(target=reader, daemon=True).start()
        ready.wait(10)
        time.sleep(0.5)

        new = os.path.join(maildir, "new")
        # The two confirmation e-mails of the accounts go first, so they are not taken for a round's message.
        deadline = time.time() + 30
        while time.time() < deadline and (not os.path.isdir(new) or len(os.listdir(new)) < 2):
            time.sleep(0.1)
        mail_lat, live_lat = [], []
        for i in range(args.rounds):
            before = set(os.listdir(new)) if os.path.isdir(new) else set()
            t0 = time.perf_counter()
            n = call(base, "POST", f"/api/v1/topics/{topic}/posts", {"body": f"Reply {i}"}, replier_token)["postNumber"]
            while n not in events and time.perf_counter() - t0 < 30:
                time.sleep(0.001)
            live = events.get(n, float("nan")) - t0
            while time.perf_counter() - t0 < 60:
                now = set(os.listdir(new)) if os.path.isdir(new) else set()
                hits = [f for f in now - before if f"#post-{n}" in body_of(os.path.join(new, f))]
                if hits:
                    break
                time.sleep(0.005)
            mail = time.perf_counter() - t0
            live_lat.append(live * 1000)
            mail_lat.append(mail * 1000)
            print(f"round {i + 1}: live {live * 1000:.1f} ms, e-mail {mail * 1000:.1f} ms", flush=True)
            time.sleep(0.3)
        print(f"live  : median {statistics.median(live_lat):.1f} ms, max {max(live_lat):.1f} ms")
        print(f"e-mail: median {statistics.median(mail_lat):.1f} ms, max {max(mail_lat):.1f} ms (sender poll {args.poll} s)")
    finally:
        for process in (app, smtp):
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
