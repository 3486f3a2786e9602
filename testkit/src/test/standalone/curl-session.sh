#!/usr/bin/env bash
# A curl session against the standalone stubs, as a team outside Java would write it (README,
# "The stubs from any language"). Arguments: the Nodul, EnDocs and Clodo stubs' origins, e.g.
# http://127.0.0.1:8080 http://127.0.0.1:8081 http://127.0.0.1:8082. Prints one "ok ..." line per
# step and "curl session ok" at the end; exits non-zero at the first step that does not hold.
set -euo pipefail
NODUL=$1 ENDOCS=$2 CLODO=$3
JSON='Content-Type: application/json'
fail() { echo "FAILED: $*" >&2; exit 1; }
expect() { # expect <what> <text> <needle>
  case "$2" in *"$3"*) echo "ok $1" ;; *) fail "$1: expected '$3' in: $2" ;; esac
}
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# every stub lists its admin endpoints
expect "nodul admin lists its endpoints" "$(curl -fsS "$NODUL/__admin")" '"POST /__admin/faults"'
expect "endocs admin lists its endpoints" "$(curl -fsS "$ENDOCS/__admin")" '"GET /__admin/journal"'
expect "clodo admin lists its endpoints" "$(curl -fsS "$CLODO/__admin")" '"PUT /__admin/quota"'

# a provider call
QUOTAS="$NODUL/latenode/v1/whitelabel/quotas?AUTH_TOKEN=nodul-test-token"
expect "nodul answers a provider call" "$(curl -fsS "$QUOTAS")" '"success":true'

# seed a plan, then see it through the provider's own route
PLAN=$(curl -fsS -X POST "$NODUL/__admin/plans" -H "$JSON" -d '{"name":"Curl plan","features":{"regular_microcredits":5}}')
expect "plan seeded" "$PLAN" '"id":'
expect "seeded plan served" "$(curl -fsS "$NODUL/latenode/v1/whitelabel/plans?AUTH_TOKEN=nodul-test-token")" '"Curl plan"'

# seed a Clodo server, log in as a client would, list the servers at the management URL it hands out
expect "server seeded" "$(curl -fsS -X POST "$CLODO/__admin/servers" -H "$JSON" -d '{"name":"curl-web","type":"VirtualServer"}')" '"id":'
LOGIN=$(curl -fsS -i -H 'X-Auth-User: user' -H 'X-Auth-Key: clodo-test-key' "$CLODO/")
TOKEN=$(printf '%s' "$LOGIN" | tr -d '\r' | sed -n 's/^[Xx]-[Aa]uth-[Tt]oken: //p')
MGMT=$(printf '%s' "$LOGIN" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]erver-[Mm]anagement-[Uu]rl: //p')
[ -n "$TOKEN" ] && [ -n "$MGMT" ] && echo "ok clodo login" || fail "clodo login: $LOGIN"
expect "seeded server served" "$(curl -fsS -H "X-Auth-Token: $TOKEN" -H 'Accept: application/json' "$MGMT/servers")" 'curl-web'
expect "clodo unknown path in clodo's form" "$(curl -s -H "X-Auth-Token: $TOKEN" -H 'Accept: application/json' "$MGMT/nosuchmodule")" '"NotFound"'

# a fault: the next call answers 503 in Nodul's error form, the one after is normal again
expect "fault injected" "$(curl -fsS -X POST "$NODUL/__admin/faults" -H "$JSON" \
  -d '{"kind":"status","status":503,"method":"GET","path":"/latenode/v1/whitelabel/quotas","times":1}')" '"id":'
[ "$(code "$QUOTAS")" = 503 ] && echo "ok fault answered 503" || fail "fault not answered"
[ "$(code "$QUOTAS")" = 200 ] && echo "ok fault used up" || fail "fault not used up"

# the journal, filtered, with the token masked
JOURNAL=$(curl -fsS "$NODUL/__admin/journal?method=GET&path=/latenode/v1/whitelabel/quotas")
expect "journal has the calls" "$JOURNAL" '"path":"/latenode/v1/whitelabel/quotas"'
expect "journal masks the token" "$JOURNAL" 'AUTH_TOKEN=***'
case "$JOURNAL" in *nodul-test-token*) fail "journal shows the token" ;; esac

# the quota model: one request per hour, the second is refused with EnDocs' 429
curl -fsS -X PUT "$ENDOCS/__admin/quota" -H "$JSON" -d '{"model":"fixed-window","permits":1,"periodMs":3600000}' >/dev/null
AUTH='Authorization: Bearer endocs-stub-token-0123456789'
[ "$(code -H "$AUTH" "$ENDOCS/api/output/getclientinfo")" = 200 ] && echo "ok endocs first call" || fail "endocs first call"
[ "$(code -H "$AUTH" "$ENDOCS/api/output/getclientinfo")" = 429 ] && echo "ok endocs quota refuses" || fail "no 429"
expect "quota counts the refusal" "$(curl -fsS "$ENDOCS/__admin/quota")" '"refusals":1'

# bad input is refused with a message naming the field
BAD=$(curl -s -X POST "$CLODO/__admin/faults" -H "$JSON" -d '{"kind":"status"}')
expect "bad input named" "$BAD" 'field status is required'

# reset: journal and faults forgotten
[ "$(code -X POST "$NODUL/__admin/reset")" = 204 ] && echo "ok reset" || fail "reset"
expect "journal empty after reset" "$(curl -fsS "$NODUL/__admin/journal")" '[]'
echo "curl session ok"
