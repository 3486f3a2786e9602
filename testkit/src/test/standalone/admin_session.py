#!/usr/bin/env python3
"""An admin session against the standalone stubs with Python's standard library alone (urllib).

Arguments: the Nodul, EnDocs and Clodo stubs' origins, e.g. http://127.0.0.1:8080 ... Prints one
"ok ..." line per step and "python session ok" at the end; exits non-zero at the first step that
does not hold.
"""
import json
import sys
import urllib.error
import urllib.request

NODUL, ENDOCS, CLODO = sys.argv[1:4]


def call(method, url, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=10) as res:
            text = res.read().decode("utf-8")
            return res.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        text = e.read().decode("utf-8")
        try:
            return e.code, json.loads(text)
        except ValueError:
            return e.code, text


def check(what, condition, detail=""):
    if not condition:
        sys.exit("FAILED: %s %s" % (what, detail))
    print("ok " + what)


status, endpoints = call("GET", NODUL + "/__admin")
check("admin lists its endpoints", status == 200 and "POST /__admin/faults" in endpoints["endpoints"], endpoints)

quotas = NODUL + "/latenode/v1/whitelabel/quotas?AUTH_TOKEN=nodul-test-token"
status, body = call("GET", quotas)
check("provider call", status == 200 and body["success"] is True, body)

status, plan = call("POST", NODUL + "/__admin/plans", {"name": "Python plan", "features": {"regular_microcredits": 7}})
check("plan seeded", status == 200 and plan["id"], plan)
status, plans = call("GET", NODUL + "/latenode/v1/whitelabel/plans?AUTH_TOKEN=nodul-test-token")
check("seeded plan served by the provider route",
      status == 200 and any(p["id"] == plan["id"] and p["name"] == "Python plan" for p in plans["data"]["plans"]), plans)

status, doc = call("POST", ENDOCS + "/__admin/documents", {"DocTypeId": 14, "DocNumber": "PY-1", "Amount": 10})
check("document seeded", status == 200 and doc["id"] > 0, doc)
status, back = call("GET", ENDOCS + "/__admin/documents/%d" % doc["id"])
check("document read back", status == 200 and back["DocNumber"] == "PY-1", back)

status, fault = call("POST", NODUL + "/__admin/faults",
                     {"kind": "unauthorized", "method": "GET", "path": "/latenode/v1/whitelabel/quotas", "times": 1})
check("fault injected", status == 200 and fault["id"] >= 1, fault)
status, _ = call("GET", quotas)
check("fault answered 401", status == 401, status)
status, faults = call("GET", NODUL + "/__admin/faults")
check("fault used up", status == 200 and faults == [], faults)

status, journal = call("GET", NODUL + "/__admin/journal?path=/latenode/v1/whitelabel/quotas")
check("journal has both calls", status == 200 and len(journal) == 2, journal)
check("journal masks the token", all("nodul-test-token" not in json.dumps(e) for e in journal), journal)

status, quota = call("PUT", CLODO + "/__admin/quota", {"model": "sliding-window", "permits": 100, "periodMs": 1000})
check("quota model chosen", status == 200 and quota["model"] == "sliding-window", quota)

status, error = call("PUT", CLODO + "/__admin/quota", {"model": "sliding-window"})
check("bad input refused naming the field", status == 400 and "permits" in error["error"], error)

status, _ = call("POST", ENDOCS + "/__admin/reset")
check("reset", status == 204, status)
status, journal = call("GET", ENDOCS + "/__admin/journal")
check("journal empty after reset", journal == [], journal)
print("python session ok")
