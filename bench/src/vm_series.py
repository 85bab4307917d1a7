"""Per-minute series equivalent to AIA Ops roll-ups, in Prometheus text format for VictoriaMetrics' import:
for each service and minute, cumulative request counters by status class and a cumulative latency histogram
(the classic buckets a Prometheus user would have). Usage: vm_series.py SERVICES MINUTES"""
import math
import random
import sys
import time

services, minutes = int(sys.argv[1]), int(sys.argv[2])
buckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, float("inf")]
now_ms = int(time.time() // 60 * 60 * 1000)
random.seed(1)
out = sys.stdout
for s in range(1, services + 1):
    ok = bad = 0
    cumulative = [0] * len(buckets)
    for m in range(minutes):
        t = now_ms - (minutes - m) * 60_000
        requests = 1000
        errors = 3 if m % 97 else 40
        ok += requests - errors
        bad += errors
        for i, le in enumerate(buckets):
            share = 1.0 if math.isinf(le) else 1 - math.exp(-le / 40.0)
            cumulative[i] += int(requests * share)
        out.write(f'requests_total{{service="svc-{s}",code="2xx"}} {ok} {t}\n')
        out.write(f'requests_total{{service="svc-{s}",code="5xx"}} {bad} {t}\n')
        for i, le in enumerate(buckets):
            label = "+Inf" if math.isinf(le) else str(le)
            out.write(f'request_latency_ms_bucket{{service="svc-{s}",le="{label}"}} {cumulative[i]} {t}\n')
