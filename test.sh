#!/usr/bin/env bash
# Builds Limber and runs every test project under tests/ against a throwaway PostgreSQL
# cluster and the system Chromium. Installs what is missing when run as root (Debian).
# The very last line printed is the total: "N passed, N failed" (", N skipped" when any).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

results=test-results
passed=0 failed=0 skipped=0
summarized=
pg_bin= pg_dir= pg_owner=
child=

# Everything this script says goes to stdout, so the total stays last however output is collected.
say() { printf '==> %s\n' "$*"; }

# Runs a command in its own process group, so a signal to this script stops the whole tree
# (dotnet test, its test host, Chromium) rather than waiting for it to finish.
run() {
  setsid "$@" &
  child=$!
  local rc=0
  wait "$child" || rc=$?
  child=
  return "$rc"
}

as_pg_owner() {
  if [[ $pg_owner == root ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Idempotent: called explicitly before the summary, and again by the traps.
stop_postgres() {
  if [[ -n $pg_dir ]]; then
    if [[ -f $pg_dir/data/postmaster.pid ]]; then
      as_pg_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
      say "Stopped PostgreSQL"
    fi
    rm -rf "$pg_dir"
    pg_dir=
  fi
}

summarize() {
  summarized=1
  local line="$passed passed, $failed failed"
  ((skipped == 0)) || line+=", $skipped skipped"
  printf '%s\n' "$line"
}

on_signal() {
  trap '' INT TERM
  if [[ -n $child ]]; then kill -TERM -- "-$child" 2>/dev/null || true; fi
  stop_postgres
  ((failed > 0)) || failed=1
  summarize
  exit "$1"
}

on_exit() {
  local rc=$?
  stop_postgres
  # An unexpected error under set -e still ends with a summary, counted as a failure.
  if [[ -z $summarized ]]; then
    ((failed > 0)) || failed=1
    summarize
    ((rc != 0)) || rc=1
  fi
  exit "$rc"
}

trap on_exit EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

give_up() {
  printf 'test.sh: %s\n' "$*"
  stop_postgres
  ((failed > 0)) || failed=1
  summarize
  exit 1
}

# 1. Prerequisites: Chromium for the browser tests, a PostgreSQL server, some fonts for figures.
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
[[ -n $(find /usr/share/fonts -type f -print -quit 2>/dev/null) ]] || missing+=(fonts-dejavu-core)
if ((${#missing[@]} > 0)); then
  if ((EUID != 0)); then
    give_up "missing ${missing[*]}; install with: sudo apt-get install -y --no-install-recommends ${missing[*]}"
  fi
  say "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt=(apt-get -q -o DPkg::Lock::Timeout=900)
  # Another apt run (an unattended upgrade, say) may hold the locks for a while: retry.
  for attempt in {1..20}; do
    "${apt[@]}" update && break
    ((attempt < 20)) || give_up "apt-get update failed"
    sleep 15
  done
  "${apt[@]}" install -y --no-install-recommends "${missing[@]}"
  if [[ " ${missing[*]} " == *" postgresql "* ]] && command -v pg_lsclusters >/dev/null; then
    # The package makes and may start a cluster of its own; the tests use a throwaway one.
    { pg_lsclusters -h 2>/dev/null || true; } | while read -r version cluster _; do
      pg_ctlcluster "$version" "$cluster" stop >/dev/null 2>&1 || true
    done
  fi
fi

# 2. A throwaway PostgreSQL cluster: trust auth, no fsync, on the first free port from 55432.
pg_bin=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1) || give_up "no PostgreSQL server under /usr/lib/postgresql"
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/limber-test-pg.XXXXXX")
if ((EUID == 0)); then
  # initdb refuses to run as root.
  id postgres >/dev/null 2>&1 || give_up "no 'postgres' user to run PostgreSQL as; reinstall the postgresql package"
  pg_owner=root
  chown postgres: "$pg_dir"
else
  pg_owner=$(id -un)
fi
say "Starting PostgreSQL from $pg_bin"
as_pg_owner "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; give_up "initdb failed"; }

port_taken() {
  [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]] || (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
pg_port=
for port in $(seq 55432 55531); do
  port_taken "$port" && continue
  # Another process may take the port between the check and the start; then try the next.
  if as_pg_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
      -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
    pg_port=$port
    break
  fi
done
if [[ -z $pg_port ]]; then
  tail -n 20 "$pg_dir/server.log" || true
  give_up "could not start PostgreSQL on any port from 55432 to 55531"
fi
say "PostgreSQL listening on 127.0.0.1:$pg_port"

# 3. What the tests read.
export LIMBER_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
export LIMBER_TEST_CHROMIUM=/usr/bin/chromium

# 4. Build once, then run every test project, even after one fails.
rm -rf "$results"
# Build servers are not kept: nothing should outlive this script on a CI machine.
build=(--disable-build-servers)
say "Building Limber.slnx"
test_build=(--no-build)
if ! run dotnet build Limber.slnx -c Release "${build[@]}"; then
  failed=$((failed + 1))
  say "The build failed; each test project is built on its own, so the ones that compile still run"
  test_build=("${build[@]}")
fi

# One numeric attribute of a TRX <Counters .../> element, 0 when absent.
attribute() {
  local value
  value=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")
  printf '%s\n' "${value:-0}"
}

for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  say "Testing $name"
  rc=0
  run dotnet test "$project" -c Release "${test_build[@]}" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --blame-hang-timeout 15m --blame-hang-dump-type none || rc=$?
  trx="$results/$name.trx"
  counters=
  [[ -f $trx ]] && counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1) || true
  if [[ -z $counters ]]; then
    say "$name produced no test results (exit code $rc): counted as a failure"
    failed=$((failed + 1))
    continue
  fi
  p=$(attribute passed "$counters") f=0
  # Skipped tests are missing from the counters; they are the results marked NotExecuted.
  s=$(grep -c '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" || true)
  for outcome in failed error timeout aborted; do f=$((f + $(attribute "$outcome" "$counters"))); done
  # A crashed or aborted run can exit non-zero with no failed test in its results.
  if ((rc != 0 && f == 0)); then
    say "$name exited with code $rc but reported no failed test: counted as a failure"
    f=1
  fi
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

# 5. Stop the cluster first, so the total is the very last line.
stop_postgres
summarize
((failed == 0))
