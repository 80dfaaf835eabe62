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

say() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 2; }

for tool in dotnet timeout; do
    command -v "$tool" >/dev/null || die "$tool is needed (see bench/README.md)"
done

work="$(mktemp -d "${TMPDIR:-/tmp}/limber-data.XXXXXX")"
pg_dir=""
pg_bin=""
pg_owner=""
child=""
# SECONDS COMMAND...: runs it under `timeout` in the background and waits, so that Ctrl+C is handled at once.
bounded() {
    local limit="$1"; shift
    timeout -k 15 "$limit" "$@" &
    child=$!
    local status=0
    wait "$child" || status=$?
    child=""
    return "$status"
}
as_pg_owner() {
    if [[ "$pg_owner" == root ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
    local status=$?
    trap '' INT TERM
    if [[ -n "$child" ]]; then
        # timeout passes the signal on: the bench stops the app and drops its database itself; give it a moment.
        kill "$child" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
    fi
    # The app, had the bench been killed before stopping it: by the process id it wrote, if that is still the app.
    if [[ -s "$work/app.pid" ]]; then
        local app_pid
        app_pid="$(cat "$work/app.pid")"
        if [[ "$app_pid" =~ ^[0-9]+$ ]] && ps -o args= -p "$app_pid" 2>/dev/null | grep -q 'Limber.Web.dll'; then
            kill "$app_pid" 2>/dev/null || true
        fi
    fi
    if [[ -n "$pg_dir" ]]; then
        if [[ -f "$pg_dir/data/postmaster.pid" ]]; then
            as_pg_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
            say "stopped the throwaway PostgreSQL"
        fi
        rm -rf "$pg_dir"
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The app and the bench, in Release.
cd "$repo"
say "building src/Limber.Web and bench/Limber.DataBench in Release"
for project in src/Limber.Web bench/Limber.DataBench; do
    bounded 900 dotnet build "$project" -c Release -nologo -v q --disable-build-servers >"$work/build.log" 2>&1 \
        || { tail -30 "$work/build.log" >&2; die "dotnet build $project failed"; }
done

# 2. PostgreSQL: the one given, or a throwaway one (PostgreSQL 15 from apt; initdb refuses to run as root).
if [[ -z "${LIMBER_BENCH_POSTGRES:-}" ]]; then
    pg_bin="${LIMBER_BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}"
    [[ -x "$pg_bin/initdb" ]] || die "no PostgreSQL at $pg_bin (apt-get install postgresql-15, set LIMBER_BENCH_PG_BIN, or set LIMBER_BENCH_POSTGRES)"
    pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/limber-data-pg.XXXXXX")"
    if ((EUID == 0)); then
        id postgres >/dev/null 2>&1 || die "no 'postgres' user to run PostgreSQL as"
        pg_owner=root
        chown postgres: "$pg_dir"
    else
        pg_owner="$(id -un)"
    fi
    say "starting a throwaway PostgreSQL from $pg_bin in $pg_dir"
    pg_run=()
    [[ "$pg_owner" != root ]] || pg_run=(runuser -u postgres --)
    bounded 120 "${pg_run[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1 \
        || { cat "$pg_dir/initdb.log" >&2; die "initdb failed"; }
    port_taken() {
        [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]] || (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    }
    # A server as one might run Limber on: durable (fsync, synchronous commit), a quarter of a small machine's memory
    # for shared buffers; more WAL between checkpoints and memory for index builds, for the load.
    settings=(-c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c effective_cache_size=4GB -c maintenance_work_mem=512MB
              -c max_wal_size=16GB -c checkpoint_timeout=30min -c max_connections=100)
    pg_port=""
    for port in $(seq 55600 55699); do
        port_taken "$port" && continue
        # Another process may take the port between the check and the start; then try the next.
        if bounded 90 "${pg_run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
            -o "-p $port -k $pg_dir ${settings[*]}" start >/dev/null 2>&1; then
            pg_port="$port"
            break
        fi
    done
    [[ -n "$pg_port" ]] || { tail -20 "$pg_dir/server.log" >&2 || true; die "could not start PostgreSQL on a port from 55600 to 55699"; }
    export LIMBER_BENCH_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    say "PostgreSQL listening on 127.0.0.1:$pg_port"
else
    say "using the PostgreSQL of LIMBER_BENCH_POSTGRES"
fi

# 3. Generate, start the app, measure, drop the database (the bench does all four; its figures go to stdout).
status=0
bounded 3600 dotnet "$repo/bench/Limber.DataBench/bin/Release/net10.0/Limber.DataBench.dll" \
    --repo "$repo" --app-pid-file "$work/app.pid" "$@" || status=$?
((status != 124 && status != 137)) || die "the bench did not finish within an hour"
exit "$status"
