#!/usr/bin/env bash
# Data at scale (issue 11): a PostgreSQL database filled with a year of Limber (100,000 people, a coach with 200
# clients), then the coach dashboard, a person's progress, an export and account deletions timed over HTTP against the
# app built in Release. See bench/README.md, section "Data at scale (issue 11)".
#
#   bench/data/run.sh [OPTION ...]          (options of Limber.DataBench, e.g. --people 5000; see --help)
#
# LIMBER_BENCH_POSTGRES: a connection string to a PostgreSQL server on which the run may create (and then drops) a
# database of its own. Without it, a throwaway PostgreSQL is started in a temp folder and removed afterwards.
#
# Exit 0 when every target is met, 1 when one is missed, 2 when the run itself could not be made.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

for arg in "$@"; do
    if [[ "$arg" == -h || "$arg" == --help ]]; then
        sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        bench="$repo/bench/Limber.DataBench/bin/Release/net10.0/Limber.DataBench.dll"
        if [[ -f "$bench" ]]; then echo; dotnet "$bench" --help; else echo "(build bench/Limber.DataBench for its options)"; fi
        exit 0
    fi
done

# shellcheck source=../lib/limber.sh
source "$here/../lib/limber.sh"
need dotnet timeout

kill_after=15   # bounded: on a signal, the bench stops the app and drops its database itself; a moment for that
# The app, had the bench been killed before stopping it: by the process id it wrote, if that is still the app.
# Called by bench_cleanup first, before PostgreSQL is stopped.
bench_extra_cleanup() {
    if [[ -n "$child" ]]; then
        # timeout passes the signal on: the bench stops the app and drops its database itself; give it a moment.
        kill "$child" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
        child=""
    fi
    if [[ -n "$work" && -s "$work/app.pid" ]]; then
        local pid
        pid="$(cat "$work/app.pid")"
        if [[ "$pid" =~ ^[0-9]+$ ]] && ps -o args= -p "$pid" 2>/dev/null | grep -q 'Limber.Web.dll'; then
            kill "$pid" 2>/dev/null || true
        fi
    fi
}
bench_init limber-data

# 1. The app and the bench, in Release.
cd "$repo"
say "building src/Limber.Web and bench/Limber.DataBench in Release"
for project in src/Limber.Web bench/Limber.DataBench; do
    bounded 900 dotnet build "$project" -c Release -nologo -v q --disable-build-servers >"$work/build.log" 2>&1 \
        || { tail -30 "$work/build.log" >&2 || true; die "dotnet build $project failed"; }
done

# 2. PostgreSQL: the one given, or a throwaway one (the newest from apt, or LIMBER_BENCH_PG_BIN; C locale).
if [[ -z "${LIMBER_BENCH_POSTGRES:-}" ]]; then
    need node   # free_port
    pg_initdb_options=(--no-locale)
    # A server as one might run Limber on: durable (fsync, synchronous commit), a quarter of a small machine's memory
    # for shared buffers; more WAL between checkpoints and memory for index builds, for the load.
    start_postgres shared_buffers=1GB effective_cache_size=4GB maintenance_work_mem=512MB \
        max_wal_size=16GB checkpoint_timeout=30min max_connections=100
    export LIMBER_BENCH_POSTGRES="$pg_server"
    say "PostgreSQL listening on 127.0.0.1:$pg_port"
else
    start_postgres
    say "using the PostgreSQL of LIMBER_BENCH_POSTGRES"
fi

# 3. Generate, start the app, measure, drop the database (the bench does all four; its figures go to stdout).
status=0
bounded 3600 dotnet "$repo/bench/Limber.DataBench/bin/Release/net10.0/Limber.DataBench.dll" \
    --repo "$repo" --app-pid-file "$work/app.pid" "$@" || status=$?
((status != 124 && status != 137)) || die "the bench did not finish within an hour"
exit "$status"
