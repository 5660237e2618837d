#!/usr/bin/env bash
# Smoke test of the kyc-sim image, for container-check (from the project root):
#   ../shared/tools/container-check --smoke scripts/container-smoke.sh
# 1. the container container-check started (image defaults, real clock): ready, and registering
#    a loopback webhook URL answers the in-container warning;
# 2. a second container of the same image with TIME_SCALE=60: a whole VerifiMe flow and a whole
#    MetaMap flow (kyc-sim trigger) delivering to a receiver on this machine, every webhook signed;
# 3. stopping that container (SIGTERM to node as PID 1) is immediate and exits 0.
# Needs node and the dev dependencies (tsx) on the host. CONTAINER_ENGINE=docker to use Docker;
# SMOKE_IMAGE to test another image than container-check's.
set -euo pipefail
: "${BASE_URL:?BASE_URL must point at the running container (container-check sets it)}"
ENGINE=${CONTAINER_ENGINE:-$(command -v podman >/dev/null 2>&1 && echo podman || echo docker)}
IMAGE=${SMOKE_IMAGE:-localhost/container-check/$(basename "$PWD" | tr '[:upper:]' '[:lower:]'):latest}
if [ "$ENGINE" = podman ]; then
  RECEIVER_HOST=host.containers.internal ADD_HOST=()
else
  RECEIVER_HOST=host.docker.internal ADD_HOST=(--add-host=host.docker.internal:host-gateway)
fi
RECEIVER_HOST=${SMOKE_RECEIVER_HOST:-$RECEIVER_HOST}

echo "== 1. $BASE_URL (the image's defaults)"
SMOKE_FLOWS=false SMOKE_EXPECT_CONTAINER=true node --import tsx scripts/smoke.ts

echo "== 2. $IMAGE with TIME_SCALE=60, receiver at $RECEIVER_HOST"
port=$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
name=kyc-sim-smoke-$$
trap '$ENGINE rm -f "$name" >/dev/null 2>&1 || true' EXIT
$ENGINE run -d --name "$name" --network bridge "${ADD_HOST[@]}" -p "127.0.0.1:$port:4010" \
  -e TIME_SCALE=60 -e SEED=smoke "$IMAGE" >/dev/null
node --import tsx src/cli/main.ts wait-ready --url "http://127.0.0.1:$port" --timeout 30s
BASE_URL=http://127.0.0.1:$port RECEIVER_HOST=$RECEIVER_HOST SMOKE_EXPECT_CONTAINER=true node --import tsx scripts/smoke.ts

echo "== 3. $ENGINE stop"
start=$(date +%s%N)
$ENGINE stop -t 10 "$name" >/dev/null
ms=$((($(date +%s%N) - start) / 1000000))
code=$($ENGINE inspect -f '{{.State.ExitCode}}' "$name")
$ENGINE logs "$name" 2>&1 | tail -n 2
echo "stopped in ${ms} ms with exit code $code"
[ "$code" = 0 ] && [ "$ms" -lt 5000 ]
