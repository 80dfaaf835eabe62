#!/usr/bin/env bash
# Page budgets (issue 7): Lighthouse on Limber's pages as a signed-in person, in Release, on a throwaway
# SQLite database. See bench/README.md, section "Page budgets".
#
#   bench/lighthouse/run.sh [--runs N] [--budget-all] [PAGE ...]      (default page: /today/play)
#
# --runs N: Lighthouse runs per page, 1 to 9 (default 3); the median run is judged.
# --budget-all: hold every page to the /today/play budgets (otherwise pages without budgets only get figures).
#
# Exit 0 when every budget passes, 1 when one fails, 2 when the run itself could not be made.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# LIMBER_REPO: build and serve another checkout (e.g. a `git archive` of a commit) with this script.
repo="$(cd "${LIMBER_REPO:-$here/../..}" && pwd)"
results="$here/results"

runs=3
budget_all=""
pages=()
while (($#)); do
    case "$1" in
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --runs=*) runs="${1#--runs=}"; shift ;;
        --budget-all) budget_all="--budget-all"; shift ;;
        -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
        *) pages+=("$1"); shift ;;
    esac
done
((${#pages[@]})) || pages=(/today/play)
[[ "$runs" =~ ^[1-9]$ ]] || { echo "--runs must be 1 to 9" >&2; exit 2; }
for page in "${pages[@]}"; do
    [[ "$page" == /* ]] || { echo "a page is a path on the site, starting with /: $page" >&2; exit 2; }
done

say() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 2; }

export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
for tool in dotnet node npm curl timeout; do
    command -v "$tool" >/dev/null || die "$tool is needed (see bench/README.md)"
done
[[ -x "$CHROME_PATH" ]] || die "no Chromium at $CHROME_PATH (apt-get install chromium, or set CHROME_PATH)"

work="$(mktemp -d "${TMPDIR:-/tmp}/limber-lighthouse.XXXXXX")"
app_pid=""
child=""
# SECONDS COMMAND...: runs it under `timeout` in the background and waits, so that Ctrl+C is handled at once.
bounded() {
    local limit="$1"; shift
    timeout -k 10 "$limit" "$@" &
    child=$!
    local status=0
    wait "$child" || status=$?
    child=""
    return "$status"
}
cleanup() {
    local status=$?
    [[ -z "$child" ]] || kill "$child" 2>/dev/null || true   # timeout passes the signal on to its command
    if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$app_pid" 2>/dev/null || true
    fi
    # A Chromium left behind by a Lighthouse that timed out: its profile folder is under $work (TMPDIR below).
    local stray
    stray="$(pgrep -f -- "--user-data-dir=$work/" || true)"
    [[ -z "$stray" ]] || kill $stray 2>/dev/null || true
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. Lighthouse, as pinned in package-lock.json (node_modules is git-ignored).
cd "$here"
if [[ "$(node -p 'require("./node_modules/lighthouse/package.json").version' 2>/dev/null || true)" \
      != "$(node -p 'require("./package-lock.json").packages["node_modules/lighthouse"].version' 2>/dev/null || echo pinned)" ]]; then
    say "installing Lighthouse (npm ci)"
    bounded 300 npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
fi
node -p 'require("./node_modules/lighthouse/package.json").version' >/dev/null 2>&1 || die "Lighthouse is not installed in $here/node_modules"

# 2. The app in Release, published to the temp folder.
say "publishing src/Limber.Web in Release"
bounded 600 dotnet publish "$repo/src/Limber.Web" -c Release -o "$work/app" -nologo -v q >"$work/publish.log" 2>&1 \
    || { tail -30 "$work/publish.log" >&2; die "dotnet publish failed"; }

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
origin="http://127.0.0.1:$port"
mkdir -p "$work/data"
say "starting Limber at $origin (database $work/data/limber.db)"
# Production, as deployed, except that plain http on 127.0.0.1 needs cookies without the Secure flag. Started in
# the publish folder: the web root (wwwroot) is found under the folder Limber is started from.
(
    cd "$work/app"
    export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
    export ASPNETCORE_URLS="$origin"
    export Limber__DataPath="$work/data" Limber__ContentPath="$repo/content"
    export Limber__Database__Provider=Sqlite Limber__Database__ConnectionString="Data Source=$work/data/limber.db"
    export Limber__SecureCookies=false Limber__Accounts__RequireConfirmedEmail=false
    exec dotnet "$work/app/Limber.Web.dll"
) >"$work/app.log" 2>&1 &
app_pid=$!
for i in $(seq 1 120); do
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; die "Limber stopped during start"; }
    curl -fsS --max-time 2 -o /dev/null "$origin/" 2>/dev/null && break
    ((i < 120)) || { tail -30 "$work/app.log" >&2; die "Limber did not answer within 60 s"; }
    sleep 0.5
done

# 3. A person ready for a routine: account, consent, onboarding answers, a screen with every answer "no".
api() { # METHOD PATH [JSON] -> body on stdout; fails on a status outside 2xx
    local method="$1" path="$2" body="${3:-}" args=(-sS --max-time 15 -X "$1" -H 'Accept: application/json')
    [[ -z "${token:-}" ]] || args+=(-H "Authorization: Bearer $token")
    [[ -z "$body" ]] || args+=(-H 'Content-Type: application/json' --data-binary "$body")
    local out status
    out="$(curl "${args[@]}" -w '\n%{http_code}' "$origin$path")" || die "$method $path: curl failed"
    status="${out##*$'\n'}"
    [[ "$status" == 2* ]] || die "$method $path answered $status: ${out%$'\n'*}"
    printf '%s' "${out%$'\n'*}"
}
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(eval(process.argv[1]))})' "$1"; }

email="lighthouse.$(date +%s).$$@example.org"
password="lighthouse budget $(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
token=""
say "creating a signed-in person ready for a routine ($email)"
api POST /api/v1/auth/register "{\"email\":\"$email\",\"password\":\"$password\"}" >/dev/null
token="$(api POST /api/v1/auth/login "{\"email\":\"$email\",\"password\":\"$password\"}" | json j.accessToken)"
api POST /api/v1/me/consents/health-data >/dev/null
api PUT /api/v1/me/profile '{
  "tightAreas": ["lowerBack", "hipFront"], "triggers": ["onWaking", "afterSitting"], "day": ["sitting", "standingWork"],
  "sittingHoursPerDay": 8, "positions": ["chair", "standing"], "equipment": ["chair", "towel"],
  "minutesPerSession": 10, "sessionsPerDay": 3, "workHours": {"start": "09:00", "end": "17:30"},
  "baselinePain": 4, "morningStiffnessMinutes": 30,
  "activities": [{"name": "Putting on socks", "score": 6}, {"name": "Getting out of a car", "score": 5},
                 {"name": "Sitting through a meeting", "score": 7}],
  "timeZone": "Europe/London"}' >/dev/null
answers="$(api GET /api/v1/safety/items | json 'JSON.stringify(Object.fromEntries(j.items.map(i => [i.id, "no"])))')"
api POST /api/v1/me/screens "{\"age\":40,\"firstEpisode\":false,\"answers\":$answers}" >/dev/null
api GET /api/v1/me/routine >/dev/null   # 200 only when the person is ready for a routine

# The pages sign in with the limber.auth cookie: the sign-in form, with its antiforgery token.
jar="$work/cookies.txt"
form="$(curl -fsS --max-time 15 -c "$jar" -b "$jar" "$origin/account/sign-in")" || die "GET /account/sign-in failed"
field() { # the value of the first hidden input named $1 in $form
    grep -o "<input[^>]*name=\"$1\"[^>]*>" <<<"$form" | head -1 | sed -n 's/.*value="\([^"]*\)".*/\1/p'
}
handler="$(field _handler)"; antiforgery="$(field __RequestVerificationToken)"
[[ -n "$handler" && -n "$antiforgery" ]] || die "no antiforgery token or form name in /account/sign-in"
status="$(curl -sS --max-time 15 -c "$jar" -b "$jar" -o "$work/sign-in.html" -w '%{http_code}' \
    --data-urlencode "_handler=$handler" --data-urlencode "__RequestVerificationToken=$antiforgery" \
    --data-urlencode "email=$email" --data-urlencode "password=$password" --data-urlencode "remember=yes" \
    "$origin/account/sign-in")" || die "POST /account/sign-in failed"
# limber.auth, or limber.authC1, limber.authC2... when ASP.NET splits a large cookie (HttpOnly lines start with #HttpOnly_).
cookie="$(sed -n 's/^#HttpOnly_//; /^[^#]/p' "$jar" | awk -F'\t' 'NF == 7 && $6 ~ /^limber\.auth/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }')"
[[ "$status" == 30[23] && -n "$cookie" ]] || die "the sign-in form answered $status without a limber.auth cookie"
status="$(curl -sS --max-time 15 -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$origin/today")"
[[ "$status" == 200 ]] || die "GET /today with the cookie answered $status"
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
node "$here/budget.mjs" --origin "$origin" --cookie-file "$work/cookie.txt" $budget_all "${reports[@]}"
