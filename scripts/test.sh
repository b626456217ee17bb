#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed".
# Runs as any user once the packages below are installed; run as root, it installs them on a fresh Debian machine.
set -uo pipefail
cd "$(dirname "$0")/.."

results=.test-results
rm -rf "$results"
mkdir -p "$results"

# What the tests need besides the .NET SDK (README, Development), as Debian packages:
# - redis-server: the store and host tests run against a private redis-server on a free loopback port;
# - nodejs and npm: the Bot Framework interop test installs the real botbuilder package (tests/interop/botframework,
#   npm ci), and the browser tests playwright-core (tests/e2e);
# - chromium (Debian's): the browser tests drive it headless; no browser is downloaded;
# - espeak-ng: `gateway audio synth` makes placeholder recordings with it, and its test runs it;
# - docker-compose (Debian's): checks docker-compose.yml; no Docker engine is needed for that.
# As root they are installed when missing; as anyone else the script names the missing ones with the command that
# installs them, and stops. Tests never skip: without these they would fail.
missing_packages() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 || missing+=(redis-server)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  echo "${missing[*]}"
}
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK is not installed: install the version global.json names, then run this script again."
  echo "0 passed, 1 failed"
  exit 1
fi
missing=$(missing_packages)
if [ -n "$missing" ] && [ "$(id -u)" -eq 0 ]; then
  echo "Installing $missing (Debian packages)..."
  # shellcheck disable=SC2086 # one word per package
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  missing=$(missing_packages)
fi
if [ -n "$missing" ]; then
  echo "The tests need these Debian packages, which are missing: $missing"
  echo "Install them as root and run this script again:"
  echo "  sudo apt-get update && sudo apt-get install -y $missing"
  echo "0 passed, 1 failed"
  exit 1
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
