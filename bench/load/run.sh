#!/usr/bin/env bash
# Load (issue 11): Limber in Release on SQLite and then on PostgreSQL, each endpoint under wrk, against the
# framework's ceiling on this machine (/health/live, the cheapest request the same app serves). See bench/README.md,
# section "Load".
#
#   bench/load/run.sh [--duration SECONDS] [--connections N] [--threads N] [--only sqlite|postgres]
#
# Defaults: 10-second runs after a 5-second warm-up, 32 connections, 2 wrk threads, both databases.
# PostgreSQL: LIMBER_BENCH_POSTGRES (a connection string to a server's postgres database), or a throwaway server
# started here (needs root and PostgreSQL from apt). Exit 0 when every run was made, 2 when one could not be.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${LIMBER_REPO:-$here/../..}" && pwd)"
# shellcheck source=../lib/limber.sh
source "$here/../lib/limber.sh"

duration=10
connections=32
threads=2
providers=(sqlite postgres)
while (($#)); do
    case "$1" in
        --duration) duration="${2:?}"; shift 2 ;;
        --connections) connections="${2:?}"; shift 2 ;;
        --threads) threads="${2:?}"; shift 2 ;;
        --only) providers=("${2:?}"); shift 2 ;;
        -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$duration" =~ ^[0-9]+$ && "$connections" =~ ^[0-9]+$ && "$threads" =~ ^[0-9]+$ ]] || { echo "numbers only" >&2; exit 2; }
for p in "${providers[@]}"; do [[ "$p" == sqlite || "$p" == postgres ]] || { echo "--only sqlite or postgres" >&2; exit 2; }; done

need dotnet node curl wrk timeout awk
bench_init limber-load
publish_app
[[ " ${providers[*]} " != *" postgres "* ]] || { need psql; start_postgres; }

# NAME URL AUTH [DATES] [DELAY_MS]: wrk for $duration seconds; sets $rps $p50 $p90 $p99 $max (µs) and $requests.
# A warm-up of 5 seconds first unless NAME starts with "paced". Any answer outside 2xx or socket error fails.
run_wrk() {
    local name="$1" url="$2" auth="$3" dates="${4:-}" delay="${5:-0}" seconds="${6:-$duration}"
    local out result
    export LOAD_AUTH="$auth" LOAD_CHECKINS="$dates" LOAD_DELAY_MS="$delay" LOAD_TOKENS="$run_tokens"
    if [[ "$name" != paced* ]]; then
        bounded 60 wrk -t"$threads" -c"$connections" -d5s -s "$here/wrk.lua" "$url" >/dev/null || die "wrk warm-up of $name failed"
    fi
    out="$(timeout -k 10 $((seconds + 60)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$here/wrk.lua" "$url")" \
        || die "wrk on $name failed: $out"
    result="$(grep '^RESULT ' <<<"$out")" || die "wrk on $name printed no result: $out"
    read -r _ requests _ rps p50 p90 p99 max non2xx errors <<<"$result"
    ((non2xx == 0 && errors == 0)) || die "$name: $non2xx answers outside 2xx and $errors socket errors in $requests requests"
}

# The people for the check-ins sign up and in one after another: more than the default attempts a minute allow.
writers=16
run_tokens=""   # LOAD_TOKENS for the next wrk run
attempts="Limber__Accounts__AttemptsPerMinute=1000"

# REQUESTS_PER_SECOND: the share of the current database's ceiling.
ratio() { awk -v a="$1" -v b="$ceiling" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
rows=()
notes=()

for provider in "${providers[@]}"; do
    if [[ "$provider" == sqlite ]]; then
        where="$work/sqlite"
    else
        where="limber_load_$(date +%s)"
        pg_admin "CREATE DATABASE $where"
    fi

    # First start: a new database, so the migrations run before the first answer.
    say "$provider: first start (new database, migrations)"
    start_app "$provider" "$where" "$attempts"
    fresh_ms="$first_response_ms"
    make_ready_person
    auth_bearer="Authorization: Bearer $token"
    page_cookie
    # Check-ins come from many people at once, as they would: $writers people, taken in turn.
    tokens="$token"
    for _ in $(seq 2 "$writers"); do make_ready_person; tokens+=" $token"; done
    stop_app

    # The start that counts: an existing database, as after a deploy or a restart.
    say "$provider: start on the existing database"
    start_app "$provider" "$where"
    start_ms="$first_response_ms"
    page_ms="$(curl -fsS -o /dev/null -w '%{time_total}' "$origin/" | awk '{ printf "%.0f", $1 * 1000 }')"
    first_page_ms=$(((($(date +%s%N) - started_ns) / 1000000)))
    sleep 5
    idle_start_mb="$(app_rss_mb)"

    dates="$(for d in 0 1 2 3 4 5 6; do TZ=Europe/London date -d "-$d day" +%F; done | paste -sd,)"
    say "$provider: wrk, $connections connections, $threads threads, ${duration}s a run"
    run_wrk ceiling "$origin/health/live" ""
    ceiling=$rps
    rows+=("$provider|GET /health/live (ceiling)|$rps|$(ms "$p50")|$(ms "$p99")|100 %")

    run_wrk catalogue "$origin/api/v1/exercises" ""
    rows+=("$provider|GET /api/v1/exercises (catalogue)|$rps|$(ms "$p50")|$(ms "$p99")|$(ratio "$rps")")
    # As browsers ask for it: the catalogue's answers are kept compressed (45 KB of JSON, 8 KB in Brotli).
    run_wrk catalogue-compressed "$origin/api/v1/exercises" "Accept-Encoding: gzip, deflate, br"
    rows+=("$provider|GET /api/v1/exercises (catalogue, Accept-Encoding: gzip, deflate, br)|$rps|$(ms "$p50")|$(ms "$p99")|$(ratio "$rps")")

    run_wrk today "$origin/api/v1/me/routine" "$auth_bearer"
    today_peak=$rps
    today_p50=$p50
    rows+=("$provider|GET /api/v1/me/routine (Today, signed in)|$rps|$(ms "$p50")|$(ms "$p99")|$(ratio "$rps")")

    # Half of Today's peak, paced: each connection pauses between requests. A short calibration finds the pause
    # that gives half the peak on this machine (wrk's pause is on top of the answer's own time).
    target=$(awk -v r="$today_peak" 'BEGIN { printf "%.0f", r / 2 }')
    pause=$(awk -v c="$connections" -v t="$target" -v l="$today_p50" 'BEGIN { d = 1000 * c / t - l / 1000; printf "%.0f", d < 1 ? 1 : d }')
    run_wrk paced-calibration "$origin/api/v1/me/routine" "$auth_bearer" "" "$pause" 5
    pause=$(awk -v c="$connections" -v t="$target" -v got="$rps" -v d="$pause" \
        'BEGIN { overhead = 1000 * c / got - d; d = 1000 * c / t - overhead; printf "%.0f", d < 1 ? 1 : d }')
    run_wrk paced "$origin/api/v1/me/routine" "$auth_bearer" "" "$pause"
    rows+=("$provider|GET /api/v1/me/routine at half its peak ($target/s asked)|$rps|$(ms "$p50")|$(ms "$p99")|$(ratio "$rps")")

    run_wrk today-page "$origin/today" "Cookie: $cookie"
    rows+=("$provider|GET /today (the page, signed in)|$rps|$(ms "$p50")|$(ms "$p99")|$(ratio "$rps")")

    run_tokens="$tokens"
    run_wrk checkin "$origin/api/v1/me/checkins" "" "$dates"
    run_tokens=""
    rows+=("$provider|POST /api/v1/me/checkins ($writers people in turn)|$rps|$(ms "$p50")|$(ms "$p99")|$(ratio "$rps")")

    say "$provider: idle for 15 s"
    sleep 15
    idle_after_mb="$(app_rss_mb)"
    notes+=("$provider|$fresh_ms|$start_ms|$first_page_ms|$page_ms|$idle_start_mb|$idle_after_mb")
    stop_app
done

cpu="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //') x $(nproc)"
printf '\nLimber under wrk (%s threads, %s connections, %s s a run after 5 s warm-up) on %s, %s\n\n' \
    "$threads" "$connections" "$duration" "$cpu" "$(date -u +%F)"
printf '| database | request | requests/s | p50 ms | p99 ms | of the ceiling |\n| --- | --- | ---: | ---: | ---: | ---: |\n'
for row in "${rows[@]}"; do printf '| %s |\n' "${row//|/ | }"; done
printf '\n| database | first start, new database (ms) | start to first response (ms) | to the first page (ms) | first page alone (ms) | idle after start (MB) | idle after load (MB) |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for row in "${notes[@]}"; do printf '| %s |\n' "${row//|/ | }"; done
