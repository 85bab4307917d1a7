#!/usr/bin/env python3
"""Makes the upgrade fixture: a database written by a release, with data in every table, and what its API answered.

    aia-ear/src/test/upgrade/make-fixture.py [release-commit]      (default: c27587c, the last release without migrations)

The release is checked out in a git worktree, built (mvn package, offline) and started on an empty H2 database and on
an empty PostgreSQL database of this machine (aia_upgrade_fixture, dropped and made again). Its demo organisation is
filled through the API with an object of every kind; the answers of the API's reads are recorded; the server is
stopped and the database dumped as SQL. UpgradeIT then opens each dump with the new build, which migrates it, and
compares the same reads. Output: aia-ear/src/test/resources/upgrade/<h2|postgresql>/: fixture.sql.gz, expected.json (the reads, and the
release's API key, a test secret) and backup/<name>/ (a backup the release made, in its format).
Needs git, Maven, Python 3 and, for the PostgreSQL half, pg_dump and psql.
"""
import datetime as dt
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../../.."))
OUT = os.path.join(ROOT, "aia-ear/src/test/resources/upgrade")
WORKTREE = "/tmp/aia-upgrade-release"
OFFSET = 800
API = f"http://127.0.0.1:{8080 + OFFSET}/api/v1"
READY = f"http://127.0.0.1:{9990 + OFFSET}/health/ready"
PG_DATABASE = "aia_upgrade_fixture"

# The reads UpgradeIT repeats: objects whose content does not change by itself as time passes.
READS = ["/services", "/slos", "/slos/openslo", "/checks", "/maintenance-windows", "/incidents?order=newest", "/schedules",
         "/escalation-policies", "/notification-channels", "/alert-rules", "/status-components", "/deployments?order=newest",
         "/cost/imports", "/cost/budgets", "/cost/mapping", "/security/findings", "/security/fix-slas", "/scorecard/targets",
         "/members", "/api-keys", "/action-items", "/reports"]


def run(*command, cwd=ROOT, env=None):
    print("$", " ".join(command), flush=True)
    subprocess.run(command, cwd=cwd, check=True, env=env)


def call(method, path, token, body=None, content_type="application/json", expect=(200, 201, 202, 204)):
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    request = urllib.request.Request(API + path, data=data, method=method)
    request.add_header("Authorization", "Bearer " + token)
    if data is not None:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            text = answer.read().decode()
            status = answer.status
    except urllib.error.HTTPError as e:
        text, status = e.read().decode(), e.code
    if status not in expect:
        raise SystemExit(f"{method} {path} answered {status}: {text}")
    if not text:
        return None
    return json.loads(text) if text.lstrip()[:1] in "{[" else text


def wait_for(condition, what, limit=240):
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"not within {limit} s: {what}")


def ready():
    with urllib.request.urlopen(READY, timeout=5) as answer:
        body = answer.read().decode()
        return '"UP"' in body and '"DOWN"' not in body


def populate(token):
    """One object of every kind, through the release's API, so that every table holds rows."""
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    services = {s["slug"]: s["id"] for s in call("GET", "/services", token)["items"]}
    checkout = services["checkout-api"]
    ingest = call("POST", "/api-keys", token, {"name": "agent", "scope": "INGEST"})["token"]
    # Telemetry: observations with an idempotency key (ingest batches), and pre-counted minutes (roll-ups).
    start = now - dt.timedelta(hours=2)
    observations = [{"service": "checkout-api", "timestamp": iso(start + dt.timedelta(seconds=20 * i)), "status": 503 if i % 25 == 0 else 200,
                     "latencyMs": 30 + i % 300} for i in range(300)]
    req = urllib.request.Request(API + "/telemetry/observations", data=json.dumps({"observations": observations}).encode(), method="POST")
    for k, v in {"Authorization": "Bearer " + ingest, "Content-Type": "application/json", "Idempotency-Key": "fixture-1"}.items():
        req.add_header(k, v)
    urllib.request.urlopen(req, timeout=60).read()
    minute = (now - dt.timedelta(minutes=30)).replace(second=0)
    call("POST", "/telemetry/minutes", ingest, {"minutes": [{"service": "search", "minute": iso(minute - dt.timedelta(minutes=i)), "total": 600,
                                                             "good": 598, "latencies": [{"ms": 40, "count": 550}, {"ms": 320, "count": 50}]}
                                                            for i in range(20)]})
    call("POST", "/capacity/utilization", ingest, {"samples": [{"service": "checkout-api", "minute": iso(minute - dt.timedelta(minutes=i)),
                                                                "cpuPercent": 50 + i, "memoryPercent": 40, "instances": 3} for i in range(10)]})
    call("PUT", f"/services/{checkout}/capacity/plan", token, {"capacityRps": 500, "triggers": {"upCpuAbove": 80, "upMemoryAbove": 85, "upMinutes": 15,
                                                                                                "downCpuBelow": 10, "downMemoryBelow": 20, "downMinutes": 60}})
    slo = call("POST", "/slos", token, {"serviceId": checkout, "name": "checkout-latency", "indicator": "LATENCY", "latencyThresholdMs": 300,
                                        "targetPercent": 99.0, "window": "28d", "minimumEvents": 10})["id"]
    call("POST", "/slos", token, {"serviceId": services["search"], "name": "search-availability", "indicator": "AVAILABILITY",
                                  "targetPercent": 99.5, "window": "7d", "minimumEvents": 10})
    check = call("POST", "/checks", token, {"serviceId": checkout, "name": "checkout-health", "url": "http://127.0.0.1:9/health",
                                            "intervalSeconds": 60, "timeoutMs": 1000, "expectedStatus": 200, "retries": 0, "enabled": False})["id"]
    call("POST", f"/checks/{check}/runs", token)
    call("POST", "/maintenance-windows", token, {"serviceId": checkout, "title": "database upgrade", "startsAt": "2030-01-05T02:00:00Z",
                                                 "endsAt": "2030-01-05T02:30:00Z"})
    members = call("GET", "/members", token)["items"]
    second = call("POST", "/members", token, {"email": "oncall@acme.example", "displayName": "On Call", "role": "OPERATOR",
                                              "password": "a long fixture password"})["id"]
    first = members[0]["id"]
    schedule = call("POST", "/schedules", token, {"name": "primary", "timeZone": "Europe/Paris", "firstHandoff": "2026-11-02T09:00:00",
                                                  "turnLength": 1, "turnUnit": "WEEKS", "members": [first, second]})["id"]
    call("POST", f"/schedules/{schedule}/overrides", token, {"memberId": second, "from": "2030-02-01T09:00:00Z", "to": "2030-02-02T09:00:00Z"})
    policy = call("POST", "/escalation-policies", token, {"name": "payments", "repeats": 0, "steps": [
        {"delayMinutes": 5, "targets": [{"type": "SCHEDULE", "id": schedule}]}, {"delayMinutes": 10, "targets": [{"type": "MEMBER", "id": first}]}]})["id"]
    channel = call("POST", "/notification-channels", token, {"name": "ops-hook", "type": "WEBHOOK", "target": "http://127.0.0.1:9/hook"})["id"]
    # An alert that fires (p50 above 1 ms over the last 5 minutes of traffic), is resolved by hand, and its rule disabled.
    recent = [{"service": "checkout-api", "timestamp": iso(now - dt.timedelta(seconds=5 * i)), "status": 200, "latencyMs": 50} for i in range(40)]
    call("POST", "/telemetry/observations", ingest, {"observations": recent})
    rule = call("POST", "/alert-rules", token, {"name": "checkout-p50", "kind": "LATENCY", "serviceId": checkout, "quantile": 0.5, "threshold": 1,
                                                "windowMinutes": 5, "minimumRequests": 1, "urgency": "TICKET", "channelIds": [channel]})["id"]
    call("POST", "/alert-rules", token, {"name": "checkout-burn", "kind": "BURN_RATE", "sloId": slo, "escalationPolicyId": policy})
    wait_for(lambda: call("GET", "/alerts", token)["items"], "the alert to fire", 120)
    alert = call("GET", "/alerts", token)["items"][0]["id"]
    call("POST", f"/alerts/{alert}/resolve", token)
    call("POST", f"/alert-rules/{rule}/disable", token)
    # An incident through its life, with roles, notes, a postmortem and an action item; a second one acknowledged.
    incident = call("POST", "/incidents", token, {"title": "Checkout errors", "severity": "P2", "serviceIds": [checkout], "summary": "5xx on checkout",
                                                  "escalationPolicyId": policy})["id"]
    call("PUT", f"/incidents/{incident}/roles", token, {"role": "COMMANDER", "memberId": first})
    call("POST", f"/incidents/{incident}/transitions", token, {"to": "ACKNOWLEDGED", "note": "on it"})
    call("POST", f"/incidents/{incident}/transitions", token, {"to": "MITIGATED", "note": "rolled back", "publicUpdate": True})
    call("POST", f"/incidents/{incident}/transitions", token, {"to": "RESOLVED", "note": "fixed"})
    call("PUT", f"/incidents/{incident}/postmortem", token, {"summary": "A bad release", "impact": "2 % of orders failed", "rootCause": "a null check",
                                                            "lessons": "canary first"})
    call("POST", f"/incidents/{incident}/action-items", token, {"title": "Canary deployments", "ownerId": first, "dueOn": "2030-03-01"})
    second_incident = call("POST", "/incidents", token, {"title": "Search slow", "severity": "P3", "serviceIds": [services["search"]]})["id"]
    call("POST", f"/incidents/{second_incident}/transitions", token, {"to": "ACKNOWLEDGED"})
    call("POST", "/deployments", token, {"serviceId": checkout, "version": "1.4.2", "environment": "production", "startedAt": iso(now - dt.timedelta(days=1)),
                                         "finishedAt": iso(now - dt.timedelta(days=1, minutes=-4)), "result": "SUCCESS",
                                         "commits": [{"sha": "a1b2c3d", "committedAt": iso(now - dt.timedelta(days=2))}]})
    header = ("BilledCost,EffectiveCost,ListCost,ContractedCost,PricingQuantity,PricingUnit,BillingAccountId,BillingAccountName,BillingCurrency,"
              "BillingPeriodStart,BillingPeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,InvoiceIssuerName,"
              "ProviderName,PublisherName,ServiceCategory,ServiceName,ResourceId,Tags")
    day = (now - dt.timedelta(days=1)).date()
    month_start = day.replace(day=1)
    next_month = (month_start + dt.timedelta(days=32)).replace(day=1)
    row = ",".join(["12.5", "12.5", "12.5", "12.5", "24", "Hours", "acct-1", "Main account", "USD", f"{month_start}T00:00:00Z", f"{next_month}T00:00:00Z",
                    "Usage", "", '"VM hours, on demand"', f"{day}T00:00:00Z", f"{day + dt.timedelta(days=1)}T00:00:00Z", "Example Cloud Inc.",
                    "Example Cloud", "Example Cloud", "Compute", "Virtual Machines", "res-checkout", '"{""service"":""checkout-api""}"'])
    call("POST", "/cost/imports", token, header + "\r\n" + row + "\r\n", content_type="text/csv")
    call("PUT", "/cost/mapping", token, {"kind": "RESOURCE_ID", "resources": {"res-checkout": checkout}})
    call("POST", "/cost/budgets", token, {"name": "platform", "scope": "ORGANIZATION", "monthlyAmount": 25000, "currency": "USD", "channelIds": [channel]})
    call("POST", f"/services/{checkout}/vulnerability-reports", token, {"SchemaVersion": 2, "ArtifactName": "registry.example/checkout:1.4",
         "ArtifactType": "container_image", "Results": [{"Target": "registry.example/checkout:1.4 (debian 12.5)", "Class": "os-pkgs", "Type": "debian",
         "Vulnerabilities": [{"VulnerabilityID": "CVE-2026-0001", "PkgName": "openssl", "InstalledVersion": "3.0.1", "FixedVersion": "3.0.2",
                              "Severity": "CRITICAL", "Title": "openssl flaw"}]}]})
    call("PUT", "/security/fix-slas", token, {"critical": "P1D", "high": "P7D", "medium": "P30D", "low": "P90D"})
    call("PUT", "/scorecard/targets", token, {"uptimePercent": 99.9, "p95Ms": 400, "errorRatePercent": 0.5, "criticalFindings": 0})
    month = f"{month_start.year:04d}-{month_start.month:02d}"
    report = call("POST", "/reports", token, {"kind": "SLA_MONTHLY", "period": month})["executionId"]
    wait_for(lambda: call("GET", f"/reports/jobs/{report}", token)["batchStatus"] == "COMPLETED", "the report", 120)


def back_up(operator_token):
    """A backup (and its restore drill) of everything, taken last, so that it holds what the reads record."""
    backup = call("POST", "/backups", operator_token)["executionId"]
    wait_for(lambda: call("GET", f"/backups/jobs/{backup}", operator_token)["batchStatus"] == "COMPLETED", "the backup", 180)
    name = call("GET", "/backups", operator_token)["items"][0]["name"]
    drill = call("POST", f"/backups/drills?backup={name}", operator_token)["executionId"]
    wait_for(lambda: call("GET", f"/backups/jobs/{drill}", operator_token)["batchStatus"] == "COMPLETED", "the restore drill", 180)


def fixture(database, release):
    base = f"/tmp/aia-upgrade-{database}"
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(os.path.join(release, "wildfly-config/target/server/standalone"), base)
    shutil.copy(os.path.join(release, "aia-ear/target/aia-ops.ear"), os.path.join(base, "deployments"))
    settings = [f"-Djboss.server.base.dir={base}", f"-Djboss.socket.binding.port-offset={OFFSET}", f"-Daia.data.dir={base}/data",
                "-Daia.demo.enabled=true", "-Daia.platform.operator-organization=acme", f"-Daia.demo.credentials-file={base}/data/demo.txt",
                f"-Daia.cluster.hosts=127.0.0.1[{7600 + OFFSET}]",
                "-Daia.outbound.allowed-internal=127.0.0.1"]  # the check and the webhook aim at a closed local port
    if database == "postgresql":
        run("psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", f"drop database if exists {PG_DATABASE} with (force)",
            "-c", f"create database {PG_DATABASE}", "postgres")
        settings += ["-Daia.db.driver=postgresql", f"-Daia.db.url=jdbc:postgresql://127.0.0.1:5432/{PG_DATABASE}", "-Daia.db.user=postgres",
                     "-Daia.db.password=postgres"]
    # The weekly review fires once by its schedule, two minutes from now (schedule firings are rows too).
    fire = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=2)
    settings.append(f"-Daia.schedule.weekly-review={fire.second} {fire.minute} {fire.hour} * * *")
    env = dict(os.environ, LAUNCH_JBOSS_IN_BACKGROUND="1", JBOSS_PIDFILE=f"{base}/server.pid")
    env.pop("JAVA_OPTS", None)
    with open(f"{base}/console.log", "w") as console:
        server = subprocess.Popen([os.path.join(release, "wildfly-config/target/server/bin/standalone.sh"), "-c", "standalone-ha.xml"] + settings,
                                  stdout=console, stderr=subprocess.STDOUT, env=env)
    try:
        wait_for(ready, "the release to start")
        credentials = dict(line.split("=", 1) for line in open(f"{base}/data/demo.txt").read().split())
        token = credentials["apiKey"]
        populate(token)
        wait_for(lambda: any(r["kind"] == "WEEKLY_REVIEW" for r in call("GET", "/reports", token)["items"]), "the scheduled weekly review", 300)
        back_up(token)  # the demo organisation is the operators' (aia.platform.operator-organization)
        expected = {path: call("GET", path, token) for path in READS}
    finally:
        pid = int(open(f"{base}/server.pid").read().strip())
        os.kill(pid, signal.SIGTERM)
        wait_for(lambda: subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode != 0, "the release to stop", 60)
        server.wait()
    target = os.path.join(OUT, database)
    os.makedirs(target, exist_ok=True)
    if database == "h2":
        h2 = os.path.expanduser("~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar")
        run("java", "-cp", h2, "org.h2.tools.Script", "-url", f"jdbc:h2:file:{base}/data/aia", "-user", "sa", "-password", "sa",
            "-script", f"{base}/fixture.sql")
        sql = open(f"{base}/fixture.sql", encoding="utf-8").read()
        filled = set(t.lower() for t in re.findall(r'INSERT INTO "PUBLIC"\."([A-Z_]+)"', sql))
        tables = set(t.lower() for t in re.findall(r'CREATE (?:CACHED |MEMORY )?TABLE "PUBLIC"\."([A-Z_]+)"', sql))
    else:
        sql = subprocess.run(["pg_dump", "--inserts", "--no-owner", "--no-privileges", "-h", "127.0.0.1", "-U", "postgres", PG_DATABASE],
                             check=True, capture_output=True, text=True).stdout
        filled = set(re.findall(r"INSERT INTO public\.([a-z_]+) ", sql))
        tables = set(re.findall(r"CREATE TABLE public\.([a-z_]+) ", sql))
    with gzip.open(os.path.join(target, "fixture.sql.gz"), "wt", encoding="utf-8") as out:
        out.write(sql)
    # The release's backup, for the restore of an older backup into the newer schema.
    shutil.rmtree(os.path.join(target, "backup"), ignore_errors=True)
    backups = sorted(os.listdir(f"{base}/data/backups"))
    # New modification times, so that the build copies the new files over an earlier run's.
    shutil.copytree(f"{base}/data/backups/{backups[-1]}", os.path.join(target, "backup", backups[-1]), copy_function=shutil.copyfile)
    with open(os.path.join(target, "expected.json"), "w", encoding="utf-8") as out:
        json.dump({"release": release_commit, "apiKey": token, "reads": expected}, out, indent=1, sort_keys=True)
    empty = sorted(tables - filled)
    print(f"{database}: {len(tables)} tables, {len(filled)} with rows; empty: {', '.join(empty) or 'none'}")


if __name__ == "__main__":
    release_commit = sys.argv[1] if len(sys.argv) > 1 else "c27587c"
    if not os.path.isdir(WORKTREE):
        run("git", "worktree", "add", "--detach", WORKTREE, release_commit)
    else:
        run("git", "checkout", "--detach", release_commit, cwd=WORKTREE)
    # package, not install: the release's artifacts must not replace this checkout's in the local Maven repository.
    run("mvn", "-B", "-q", "-o", "package", "-DskipTests", cwd=WORKTREE)
    for db in ["h2", "postgresql"]:
        fixture(db, WORKTREE)
