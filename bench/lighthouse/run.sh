#!/usr/bin/env bash
# Page budgets (issues 7 and 11): Lighthouse on Limber's pages as a signed-in person with four weeks of history, in
# Release, on a throwaway SQLite database. See bench/README.md, section "Page budgets".
#
#   bench/lighthouse/run.sh [--runs N] [PAGE ...]
#
# Default pages (issue 11): / /exercises /exercises/cat-cow /screen /today /today/play /progress.
# --runs N: Lighthouse runs per page, 1 to 9 (default 3); the median run is judged.
# Every page is held to the same budgets: performance >= 95; accessibility, best practices and SEO 100;
# JS + CSS under 60 KB gzipped; no request to another origin.
#
# Exit 0 when every budget passes, 1 when one fails, 2 when the run itself could not be made.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# LIMBER_REPO: build and serve another checkout (e.g. a `git archive` of a commit) with this script.
repo="$(cd "${LIMBER_REPO:-$here/../..}" && pwd)"
results="$here/results"
# shellcheck source=../lib/limber.sh
source "$here/../lib/limber.sh"

runs=3
pages=()
while (($#)); do
    case "$1" in
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --runs=*) runs="${1#--runs=}"; shift ;;
        -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
        *) pages+=("$1"); shift ;;
    esac
done
# Issue 11: home, the catalogue, an exercise, the screen, Today, the player and progress.
((${#pages[@]})) || pages=(/ /exercises /exercises/cat-cow /screen /today /today/play /progress)
[[ "$runs" =~ ^[1-9]$ ]] || { echo "--runs must be 1 to 9" >&2; exit 2; }
for page in "${pages[@]}"; do
    [[ "$page" == /* ]] || { echo "a page is a path on the site, starting with /: $page" >&2; exit 2; }
done

export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
need dotnet node npm curl timeout
[[ -x "$CHROME_PATH" ]] || die "no Chromium at $CHROME_PATH (apt-get install chromium, or set CHROME_PATH)"
# The work folder, removed on exit with the app and any Chromium left behind (its profile goes under it, below).
bench_init limber-lighthouse

# 1. Lighthouse, as pinned in package-lock.json (node_modules is git-ignored).
cd "$here"
if [[ "$(node -p 'require("./node_modules/lighthouse/package.json").version' 2>/dev/null || true)" \
      != "$(node -p 'require("./package-lock.json").packages["node_modules/lighthouse"].version' 2>/dev/null || echo pinned)" ]]; then
    say "installing Lighthouse (npm ci)"
    bounded 300 npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
fi
node -p 'require("./node_modules/lighthouse/package.json").version' >/dev/null 2>&1 || die "Lighthouse is not installed in $here/node_modules"

# 2. The app in Release, published to the work folder, served on one port for the whole run (the same $origin
#    after the restart below) with its SQLite database in $work/data.
publish_app
app_port="$(free_port)"
origin="http://127.0.0.1:$app_port"
# libfaketime (Debian package faketime), for the person's history below: installed when missing and run as root (as
# test.sh installs what the tests need); without it the history is today only.
find_faketime() {
    local candidate
    for candidate in /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1 /usr/local/lib/faketime/libfaketime.so.1; do
        [[ -f "$candidate" ]] && { printf '%s' "$candidate"; return 0; }
    done
}
faketime_lib="${LIMBER_FAKETIME_LIB:-$(find_faketime)}"
if [[ -z "$faketime_lib" ]] && ((EUID == 0)) && command -v apt-get >/dev/null; then
    say "installing libfaketime (apt-get install faketime)"
    { bounded 300 apt-get -q -o DPkg::Lock::Timeout=120 update && DEBIAN_FRONTEND=noninteractive \
        bounded 300 apt-get -q -o DPkg::Lock::Timeout=120 install -y --no-install-recommends faketime; } >"$work/apt.log" 2>&1 \
        || say "apt-get install faketime failed (see below); going on without it"
    faketime_lib="$(find_faketime)"
    [[ -n "$faketime_lib" ]] || tail -5 "$work/apt.log" >&2
fi
clock="$work/clock"   # the app's clock while the history is made: an offset such as -27d, read by libfaketime

# [CLOCK]: starts Limber at $origin on the database in $work/data; with CLOCK (the file above), under libfaketime, its
# clock set back by that file: wall-clock time only (timers and stopwatches keep the real one); the file is read
# again after a second or so, and set_clock waits until the app's own Date header shows the new day.
start_limber() {
    if [[ -n "${1:-}" ]]; then
        start_app sqlite "$work/data" LD_PRELOAD="$faketime_lib" FAKETIME_TIMESTAMP_FILE="$1" \
            FAKETIME_CACHE_DURATION=1 FAKETIME_DONT_FAKE_MONOTONIC=1
    else
        start_app sqlite "$work/data"
    fi
}

# The history goes back this many days (the program's first day is day 0, today is the last).
history_days=28
if [[ -n "$faketime_lib" ]]; then
    echo "-$((history_days - 1))d" >"$clock"
    say "starting Limber at $origin (database $work/data/limber.db), its clock $((history_days - 1)) days back"
    start_limber "$clock"
else
    say "no libfaketime (apt-get install faketime): the person's history is today only, so /progress shows one day"
    history_days=1
    say "starting Limber at $origin (database $work/data/limber.db)"
    start_limber
fi

# 3. A person ready for a routine: account, consent, onboarding answers, a screen with every answer "no". The
#    program starts today, on the app's clock: day 0 of the history, the everyday activities rated 4 3 5.
say "creating a signed-in person ready for a routine"
person_name=lighthouse
make_ready_person 4 3 5
say "the person: $email"
emergency="$(json 'JSON.stringify({answers: Object.fromEntries(j.items.filter(i => i.yesGives === "emergency").map(i => [i.id, "no"]))})' <<<"$safety_items")"

# 3b. Four weeks of history (issue 11: /progress with its charts filled), sent over the API as the phone would send
#     it, about once a week: the check-ins since the last time (the API takes today's and the 7 days before), the
#     sessions done up to yesterday (it takes the last 30 days), the emergency questions again (due weekly), and the
#     everyday activities rated again every two weeks. The API takes nothing older, and /progress starts at the
#     program's first day, which is the day of the onboarding answers: so the app's clock is set back with libfaketime
#     for the weeks before today, then the app is started again on its real clock. Nothing goes into the database
#     but through the API. Day I of the history: check-in on 9 days in 10, pain easing from about 4 to about 2, a walk
#     every other day and heat every third (so "what seemed to help" has days with and without), 0-2 sessions a day.
checkins=0
sessions=0
last_checkin=-1
last_session=-1
send_history() { # TODAY_INDEX: what the phone has to send when the app's day is that day of the history
    local k="$1" today i day pain ids id n logs feedback hour helped where count s
    today="$(api GET /api/v1/me/checkins | json j.to)"
    ids="$(api GET /api/v1/me/routine | json 'j.items.map(i => i.exerciseId).join(" ")')"
    [[ -n "$ids" ]] || die "no routine on day $k of the history"
    for ((i = last_session + 1; i < k; i++)); do
        day="$(date -u -d "$today $((i - k)) days" +%F)"
        pain=$(( 4 - i / 9 + (i * 7) % 3 - 1 )); ((pain >= 0)) || pain=0
        count=$(( (i * 5) % 7 )); count=$(( count == 0 ? 0 : count < 5 ? 1 : 2 ))
        for ((s = 0; s < count; s++)); do
            logs=""; n=0
            for id in $ids; do   # the day's routine, every exercise done; now and then one felt too easy
                feedback=aboutRight; (( (i + n++) % 6 )) || feedback=tooEasy
                logs+="${logs:+,}{\"exerciseId\":\"$id\",\"completed\":true,\"feedback\":\"$feedback\"}"
            done
            hour="$(printf '%02d' $((7 + 5 * s)))"
            api POST /api/v1/me/sessions "{\"date\":\"$day\",\"startedAt\":\"${day}T$hour:30:00Z\",\"finishedAt\":\"${day}T$hour:42:00Z\",
                \"painBefore\":$pain,\"worstPain\":$pain,\"exercises\":[$logs]}" "Idempotency-Key: lighthouse-$day-$s" >/dev/null
            sessions=$((sessions + 1))
        done
    done
    last_session=$((k - 1))
    for ((i = last_checkin + 1; i <= k; i++)); do
        ((i % 10 != 7 || i == k)) || continue
        day="$(date -u -d "$today $((i - k)) days" +%F)"
        pain=$(( 4 - i / 9 + (i * 7) % 3 - 1 )); ((pain >= 0)) || pain=0
        helped=(); ((i % 2)) || helped+=('"walk"'); ((i % 3)) || helped+=('"heat"')
        where='["lowerBack"]'; ((i % 4)) || where='["lowerBack", "hipFront"]'
        api POST /api/v1/me/checkins "{\"date\":\"$day\",\"painNow\":$pain,\"stiffness\":$((pain + 1)),
            \"morningStiffnessMinutes\":$((30 - i)),\"whereFelt\":$where,\"legSymptoms\":false,\"numbness\":false,
            \"bladderOrBowelChange\":false,\"whatHelped\":[$(IFS=,; echo "${helped[*]}")]}" >/dev/null
        checkins=$((checkins + 1))
    done
    last_checkin=$k
}
# DAYS: sets the app's clock that many days back, and waits until the app's Date header has it.
set_clock() {
    local want headers
    want="$(LC_ALL=C date -u -d "$1 days ago" '+%d %b %Y')"
    echo "-${1}d" >"$clock"
    for _ in $(seq 1 40); do
        headers="$(curl -fsS --max-time 2 -o /dev/null -D - "$origin/" 2>/dev/null || true)"
        grep -qi "^date:.* $want " <<<"$headers" && return 0
        sleep 0.25
    done
    die "the app's clock did not move $1 days back"
}
send_history 0
if ((history_days > 1)); then
    for k in 7 14 21; do
        set_clock $((history_days - 1 - k))
        login   # the access token of a week ago has expired
        api POST /api/v1/me/screens/recheck "$emergency" >/dev/null
        ((k != 14)) || put_profile 5 5 6
        send_history "$k"
    done
    say "starting Limber again on its real clock"
    stop_app
    start_limber
    login
    api POST /api/v1/me/screens/recheck "$emergency" >/dev/null
    put_profile 6 6 7
    send_history $((history_days - 1))
fi
say "history: $checkins check-ins and $sessions sessions over $history_days day(s)"
api GET /api/v1/me/routine >/dev/null   # 200 only when the person is ready for a routine

# The pages sign in with the limber.auth cookie: the sign-in form, with its antiforgery token.
page_cookie
printf '%s' "$cookie" >"$work/cookie.txt"

# 4. Lighthouse, mobile (its default form factor and throttling), one page after another, with the cookie in
#    Chromium's cookie store (measure.mjs says why not --extra-headers).
mkdir -p "$results"
reports=()
for page in "${pages[@]}"; do
    slug="$(sed 's#^/##; s#[^A-Za-z0-9]\{1,\}#-#g; s#-$##' <<<"$page")"; slug="${slug:-home}"
    rm -f "$results/$slug".report.* "$results/$slug"-run[1-9].report.*
    for run in $(seq 1 "$runs"); do
        name="$slug"; ((runs == 1)) || name="$slug-run$run"
        say "Lighthouse on $page$( ((runs == 1)) || echo " (run $run of $runs)")"
        # TMPDIR: Chromium's throwaway profile goes under $work, so cleanup finds a Chromium left by a timeout.
        TMPDIR="$work" bounded 300 node "$here/measure.mjs" --url "$origin$page" --cookie-file "$work/cookie.txt" \
            --out "$results/$name" >"$work/lighthouse.log" 2>&1 \
            || { tail -20 "$work/lighthouse.log" >&2; say "Lighthouse failed on $page"; }
        reports+=("$page=$results/$name.report.json")
    done
done

# 5. Figures and budgets.
node "$here/budget.mjs" --origin "$origin" --cookie-file "$work/cookie.txt" "${reports[@]}"
