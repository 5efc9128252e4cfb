#!/usr/bin/env bash
# Drill: SQLite on a full disk (local only, bounded; needs root for a small tmpfs).
#   ADAL_BUILD_DIR=build npm run build && sudo scripts/drills/sqlite-full-disk.sh [port]
# Migrates a fresh database onto an 8 MiB tmpfs, starts the production build on it, fills the disk,
# makes sign-in attempts (each writes a throttle counter and an audit entry), frees the space, and
# tries again. Prints: acknowledged, found (503 while full), lost (no answer within 40 s), 5xx other
# than 503, and the recovery time. Exit 1 when something hung or answered 500.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT="${1:-3210}"
MNT="$(mktemp -d /tmp/adal-full-disk.XXXX)"
BUILD="${ADAL_BUILD_DIR:-build}"
mount -t tmpfs -o size=8m tmpfs "$MNT"
cleanup() { [[ -n "${SERVER:-}" ]] && kill "$SERVER" 2>/dev/null; sleep 0.5; umount "$MNT"; rmdir "$MNT"; }
trap cleanup EXIT
export DATABASE_URL="file:$MNT/drill.db"
npm run --silent db:migrate >/dev/null
ADAL_BUILD_DIR="$BUILD" PORT="$PORT" HOST=127.0.0.1 NODE_ENV=production node server/index.js >"$MNT/../adal-full-disk.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

acknowledged=0 found=0 lost=0 other5xx=0
attempt() { # $1: label, $2: expected status
  local code
  code=$(curl -s -o /dev/null -w "%{http_code}" -m 40 -X POST -H "Origin: http://127.0.0.1:$PORT" \
    -H "Content-Type: application/x-www-form-urlencoded" \
    --data "email=drill-$1@example.org&password=not-the-password" "http://127.0.0.1:$PORT/login" || true)
  if [[ "$code" == "000" ]]; then lost=$((lost + 1)); return; fi
  acknowledged=$((acknowledged + 1))
  [[ "$code" == "$2" ]] && found=$((found + 1))
  [[ "$code" =~ ^5 && "$code" != "503" ]] && other5xx=$((other5xx + 1))
  return 0
}
dd if=/dev/zero of="$MNT/filler" bs=1k count=100000 2>/dev/null || true
for i in $(seq 1 10); do attempt "full-$i" 503; done
health_full=$(curl -s -o /dev/null -w "%{http_code}" -m 10 "http://127.0.0.1:$PORT/healthz" || echo 000)
rm -f "$MNT/filler"
start=$(date +%s%N)
until [[ "$(curl -s -o /dev/null -w "%{http_code}" -m 10 -X POST -H "Origin: http://127.0.0.1:$PORT" \
  -H "Content-Type: application/x-www-form-urlencoded" --data "email=back@example.org&password=x" \
  "http://127.0.0.1:$PORT/login")" == "400" ]]; do
  (( ($(date +%s%N) - start) / 1000000 > 30000 )) && { lost=$((lost + 1)); break; }
  sleep 0.1
done
recovery_ms=$(( ($(date +%s%N) - start) / 1000000 ))
for i in $(seq 1 5); do attempt "after-$i" 400; done
echo "{\"acknowledged\": $acknowledged, \"found\": $found, \"lost\": $lost, \"5xx\": $other5xx, \"healthzWhileFull\": $health_full, \"recoveryMs\": $recovery_ms}"
[[ $lost -eq 0 && $other5xx -eq 0 ]]
