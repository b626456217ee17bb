#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed".
# Installs what the tests need on a fresh Debian machine (run as root there).
set -uo pipefail
cd "$(dirname "$0")/.."

results=.test-results
rm -rf "$results"
mkdir -p "$results"

# Redis: the store and host tests run against a private redis-server on a free loopback port.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing redis-server (needs root and the Debian package mirror)..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null \
    || { echo "redis-server could not be installed"; echo "0 passed, 1 failed"; exit 1; }
fi
# Node.js and npm: the Bot Framework interop test installs the real botbuilder package from the npm registry
# (tests/interop/botframework, npm ci) and fails, never skips, without them.
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing nodejs and npm..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null \
    || echo "nodejs/npm could not be installed; the Bot Framework interop test will fail and say so"
fi
# espeak-ng: `gateway audio synth` makes placeholder recordings with it, and its test runs it.
if ! command -v espeak-ng >/dev/null 2>&1; then
  echo "Installing espeak-ng..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng >/dev/null \
    || echo "espeak-ng could not be installed; the audio synth test will fail and say so"
fi
# chromium (Debian's package): the operator console's browser tests drive it headless through playwright-core
# (tests/e2e, npm ci); no browser is downloaded. They fail, never skip, without it.
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "Installing chromium..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || echo "chromium could not be installed; the console's browser tests will fail and say so"
fi
# docker-compose (Debian's package) checks docker-compose.yml; no Docker engine is needed for that.
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "Installing docker-compose..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null \
    || echo "docker-compose could not be installed; the deployment test will fail and say so"
fi
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "no free port for redis-server"; echo "0 passed, 1 failed"; exit 1; }
redis_dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --dir "$redis_dir" --save "" --appendonly no --daemonize no >"$redis_dir/redis.log" 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; rm -rf "$redis_dir"' EXIT
for _ in $(seq 1 100); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
redis-cli -p "$port" ping >/dev/null 2>&1 || { echo "redis-server did not start:"; cat "$redis_dir/redis.log"; echo "0 passed, 1 failed"; exit 1; }
export GATEWAY_TEST_REDIS="127.0.0.1:$port"
echo "redis-server for the tests on $GATEWAY_TEST_REDIS"

dotnet build Gateway.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
count=$(ls tests/*/*.csproj | wc -l)
found=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$found" -ne "$count" ]; then
  echo "only $found of $count test projects produced results"
  failed=$((failed + count - found))
fi
if [ "$passed" -eq 0 ]; then status=1; fi
if [ "$failed" -ne 0 ]; then status=1; fi
echo "$passed passed, $failed failed"
exit $status
