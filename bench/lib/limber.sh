# Shared by the bench scripts (bash, sourced): publish Limber in Release, start it on a spare 127.0.0.1 port on
# SQLite or PostgreSQL, a throwaway PostgreSQL when none is given, and a signed-in person ready for a routine,
# made over HTTP as a client would. Everything started here is stopped, and the work folder removed, on exit
# (Ctrl+C included). The caller sets `repo` (the checkout to build) before sourcing.
#
#   source "$here/../lib/limber.sh"
#   bench_init limber-load            # the work folder: $work
#   publish_app                       # $work/app
#   start_postgres                    # $pg_server (a connection string to the server's postgres database);
#                                     # start_postgres NAME=VALUE... for other server settings
#   start_app sqlite "$work/one"      # $origin, $app_pid; start_app postgres DB_NAME for PostgreSQL
#   make_ready_person                 # $email, $password, $token (Bearer), $safety_items
#   page_cookie                       # $cookie (limber.auth, for pages)
#   stop_app
#
# A script that has more to stop defines bench_extra_cleanup: bench_cleanup calls it first, with INT and TERM ignored.

say() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 2; }

work=""
app_pid=""
child=""
pg_data=""
pg_port=""
pg_server=""
app_port=""       # set it to start the app on that port every time (the same $origin after a restart)
person_name=bench # the start of make_ready_person's email address
kill_after=10     # bounded: seconds a command has to stop after its time limit or a signal, before it is killed
pg_initdb_options=() # start_postgres: more initdb options (e.g. --no-locale)

# SECONDS COMMAND...: runs it under `timeout` in the background and waits, so that Ctrl+C is handled at once.
bounded() {
    local limit="$1"; shift
    timeout -k "$kill_after" "$limit" "$@" &
    child=$!
    local status=0
    wait "$child" || status=$?
    child=""
    return "$status"
}

stop_app() {
    if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    app_pid=""
}

stop_postgres() {
    if [[ -n "$pg_data" && -f "$pg_data/postmaster.pid" ]]; then
        as_pg_owner "$(pg_bin)/pg_ctl" -D "$pg_data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    pg_data=""
}

bench_cleanup() {
    local status=$?
    if declare -F bench_extra_cleanup >/dev/null; then
        trap '' INT TERM
        bench_extra_cleanup || true
    fi
    [[ -z "$child" ]] || kill "$child" 2>/dev/null || true   # timeout passes the signal on to its command
    stop_app
    stop_postgres
    # A Chromium left behind by a Lighthouse that timed out: its profile folder is under $work.
    if [[ -n "$work" ]]; then
        local stray
        stray="$(pgrep -f -- "--user-data-dir=$work/" || true)"
        [[ -z "$stray" ]] || kill $stray 2>/dev/null || true
        rm -rf "$work"
    fi
    exit "$status"
}

# NAME: the work folder ($work) and the traps that clean up after the script.
bench_init() {
    work="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
    chmod 755 "$work"   # PostgreSQL's own user reaches its data folder through it
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}

need() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || die "$tool is needed (see bench/README.md)"
    done
}

free_port() {
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# The app in Release, published to $work/app.
publish_app() {
    say "publishing src/Limber.Web in Release (ReadyToRun)"
    # As the README publishes for a server: ahead-of-time compiled (ReadyToRun) for this machine's platform.
    bounded 600 dotnet publish "$repo/src/Limber.Web" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
        -o "$work/app" -nologo -v q >"$work/publish.log" 2>&1 \
        || { tail -30 "$work/publish.log" >&2 || true; die "dotnet publish failed"; }
}

# The PostgreSQL server's bin folder: LIMBER_BENCH_PG_BIN when set, otherwise the newest from apt.
pg_bin() {
    local bin="${LIMBER_BENCH_PG_BIN:-}"
    if [[ -n "$bin" ]]; then
        [[ -x "$bin/initdb" ]] || die "no PostgreSQL at LIMBER_BENCH_PG_BIN=$bin"
    else
        bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
        [[ -n "$bin" ]] || die "no PostgreSQL server (apt-get install postgresql, or set LIMBER_BENCH_PG_BIN), or set LIMBER_BENCH_POSTGRES"
    fi
    printf '%s' "$bin"
}

# COMMAND...: runs it as the throwaway server's owner: the postgres user when root (initdb refuses to run as root),
# otherwise the current user.
as_pg_owner() {
    if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# [NAME=VALUE...]: $pg_server: LIMBER_BENCH_POSTGRES when set, otherwise a throwaway server in $work (run as the
# postgres user when root, as the current user otherwise), stopped on exit. NAME=VALUE: server settings on top of
# the defaults below (a NAME among them takes the value given instead); $pg_initdb_options: more initdb options.
start_postgres() {
    if [[ -n "${LIMBER_BENCH_POSTGRES:-}" ]]; then
        pg_server="$LIMBER_BENCH_POSTGRES"
        return
    fi
    if [[ "$(id -u)" == 0 ]]; then
        id postgres >/dev/null 2>&1 || die "no 'postgres' user to run a throwaway PostgreSQL as; or set LIMBER_BENCH_POSTGRES"
    fi
    local bin setting options="" as_owner=()
    local -A given=()
    for setting in "$@"; do
        [[ "$setting" =~ ^[a-z_.]+=[^[:space:]]+$ ]] || die "start_postgres: NAME=VALUE (no spaces), not $setting"
        given["${setting%%=*}"]=1
    done
    for setting in listen_addresses=127.0.0.1 fsync=on shared_buffers=256MB max_connections=200; do
        [[ -n "${given[${setting%%=*}]:-}" ]] || options+=" -c $setting"
    done
    for setting in "$@"; do options+=" -c $setting"; done
    [[ "$(id -u)" != 0 ]] || as_owner=(runuser -u postgres --)
    bin="$(pg_bin)"
    # The server's own folder (its data, and its log, which it writes itself).
    mkdir -p "$work/pg"
    [[ "$(id -u)" != 0 ]] || chown postgres: "$work/pg"
    pg_data="$work/pg/data"
    pg_port="$(free_port)"
    say "starting a throwaway PostgreSQL ($("$bin/postgres" --version | awk '{print $3}')) on port $pg_port"
    bounded 120 "${as_owner[@]}" "$bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 --no-sync "${pg_initdb_options[@]}" >"$work/initdb.log" 2>&1 \
        || { tail -20 "$work/initdb.log" >&2 || true; die "initdb failed"; }
    bounded 60 "${as_owner[@]}" "$bin/pg_ctl" -D "$pg_data" -w -t 50 -l "$work/pg/postgres.log" \
        -o "-p $pg_port -k $pg_data$options" start >/dev/null \
        || { tail -20 "$work/pg/postgres.log" >&2 || true; die "PostgreSQL did not start"; }
    pg_server="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
}

# SQL: runs it on the PostgreSQL server's postgres database.
pg_admin() {
    local host port user
    host="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$pg_server")"
    port="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$pg_server")"
    user="$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$pg_server")"
    PGPASSWORD="$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$pg_server")" \
        psql -X -q -v ON_ERROR_STOP=1 -h "${host:-127.0.0.1}" -p "${port:-5432}" -U "${user:-postgres}" -d postgres -c "$1" >/dev/null
}

# PROVIDER WHERE [NAME=VALUE...]: starts the published app on a spare port ($app_port when set), Production
# environment, plain http (so cookies without the Secure flag), with NAME=VALUE exported to it on top (LD_PRELOAD
# for instance). PROVIDER sqlite: WHERE is a folder for the database file; postgres: WHERE is a database name on
# $pg_server. Started in the publish folder: the web root (wwwroot) is found under the folder Limber is started
# from. Sets $origin, $app_pid and $started_ns (just before the process was launched), and waits until
# /health/live answers; $first_response_ms is how long that took.
start_app() {
    local provider="$1" where="$2"; shift 2
    local port connection
    port="${app_port:-$(free_port)}"
    origin="http://127.0.0.1:$port"
    case "$provider" in
        sqlite) mkdir -p "$where"; connection="Data Source=$where/limber.db"; provider=Sqlite ;;
        postgres) connection="$(sed 's/Database=[^;]*/Database='"$where"'/' <<<"$pg_server")"; provider=Postgres ;;
        *) die "start_app: sqlite or postgres, not $provider" ;;
    esac
    mkdir -p "$work/data"
    started_ns="$(date +%s%N)"
    (
        cd "$work/app"
        export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
        export ASPNETCORE_URLS="$origin"
        export Limber__DataPath="$work/data" Limber__ContentPath="$repo/content"
        export Limber__Database__Provider="$provider" Limber__Database__ConnectionString="$connection"
        export Limber__SecureCookies=false Limber__Accounts__RequireConfirmedEmail=false
        for setting in "$@"; do export "$setting"; done
        exec dotnet "$work/app/Limber.Web.dll"
    ) >>"$work/app.log" 2>&1 &
    app_pid=$!
    local deadline=$((started_ns + 60000000000))
    until curl -fsS --max-time 2 -o /dev/null "$origin/health/live" 2>/dev/null; do
        kill -0 "$app_pid" 2>/dev/null || { tail -30 "$work/app.log" >&2 || true; die "Limber stopped during start"; }
        (($(date +%s%N) < deadline)) || { tail -30 "$work/app.log" >&2 || true; die "Limber did not answer within 60 s"; }
        sleep 0.01
    done
    first_response_ms=$((($(date +%s%N) - started_ns) / 1000000))
}

# The app's resident memory in MB (VmRSS).
app_rss_mb() {
    awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status"
}

# METHOD PATH [JSON] [HEADER] -> body on stdout; fails on a status outside 2xx. Sends $token as Bearer when set,
# and HEADER ("Name: value", e.g. an Idempotency-Key) when given.
api() {
    local method="$1" path="$2" body="${3:-}" args=(-sS --max-time 15 -X "$1" -H 'Accept: application/json')
    [[ -z "${token:-}" ]] || args+=(-H "Authorization: Bearer $token")
    [[ -z "$body" ]] || args+=(-H 'Content-Type: application/json' --data-binary "$body")
    [[ -z "${4:-}" ]] || args+=(-H "$4")
    local out status
    out="$(curl "${args[@]}" -w '\n%{http_code}' "$origin$path")" || die "$method $path: curl failed"
    status="${out##*$'\n'}"
    [[ "$status" == 2* ]] || die "$method $path answered $status: ${out%$'\n'*}"
    printf '%s' "${out%$'\n'*}"
}

# EXPRESSION: evaluates it on the JSON read from stdin (as j).
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(eval(process.argv[1]))})' "$1"; }

# $token: a new access token for $email and $password (the one before expires).
login() {
    token=""
    token="$(api POST /api/v1/auth/login "{\"email\":\"$email\",\"password\":\"$password\"}" | json j.accessToken)"
}

# SOCKS CAR MEETING: $email's onboarding answers, with the everyday activities rated 0-10 (10: as before).
put_profile() {
    api PUT /api/v1/me/profile '{
      "tightAreas": ["lowerBack", "hipFront"], "triggers": ["onWaking", "afterSitting"], "day": ["sitting", "standingWork"],
      "sittingHoursPerDay": 8, "positions": ["chair", "standing"], "equipment": ["chair", "towel"],
      "minutesPerSession": 10, "sessionsPerDay": 3, "workHours": {"start": "09:00", "end": "17:30"},
      "baselinePain": 4, "morningStiffnessMinutes": 30,
      "activities": [{"name": "Putting on socks", "score": '"$1"'}, {"name": "Getting out of a car", "score": '"$2"'},
                     {"name": "Sitting through a meeting", "score": '"$3"'}],
      "timeZone": "Europe/London"}' >/dev/null
}

# [SOCKS CAR MEETING]: a person ready for a routine: account, consent, onboarding answers (the activities rated
# 6 5 7 unless given), a screen with every answer "no", and a routine today. Sets $email (starting with
# $person_name), $password, $token and $safety_items (GET /api/v1/safety/items).
make_ready_person() {
    email="$person_name.$(date +%s%N).$$@example.org"
    password="$person_name person $(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    token=""
    api POST /api/v1/auth/register "{\"email\":\"$email\",\"password\":\"$password\"}" >/dev/null
    login
    api POST /api/v1/me/consents/health-data >/dev/null
    put_profile "${1:-6}" "${2:-5}" "${3:-7}"
    local answers
    safety_items="$(api GET /api/v1/safety/items)"
    answers="$(json 'JSON.stringify(Object.fromEntries(j.items.map(i => [i.id, "no"])))' <<<"$safety_items")"
    api POST /api/v1/me/screens "{\"age\":40,\"firstEpisode\":false,\"answers\":$answers}" >/dev/null
    api GET /api/v1/me/routine >/dev/null   # 200 only when the person is ready for a routine
}

# $cookie: the limber.auth cookie of $email, from the page's sign-in form with its antiforgery token.
page_cookie() {
    local jar="$work/cookies.txt" form handler antiforgery status
    rm -f "$jar"
    form="$(curl -fsS --max-time 15 -c "$jar" -b "$jar" "$origin/account/sign-in")" || die "GET /account/sign-in failed"
    field() { grep -o "<input[^>]*name=\"$1\"[^>]*>" <<<"$form" | head -1 | sed -n 's/.*value="\([^"]*\)".*/\1/p'; }
    handler="$(field _handler)"; antiforgery="$(field __RequestVerificationToken)"
    [[ -n "$handler" && -n "$antiforgery" ]] || die "no antiforgery token or form name in /account/sign-in"
    status="$(curl -sS --max-time 15 -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
        --data-urlencode "_handler=$handler" --data-urlencode "__RequestVerificationToken=$antiforgery" \
        --data-urlencode "email=$email" --data-urlencode "password=$password" --data-urlencode "remember=yes" \
        "$origin/account/sign-in")" || die "POST /account/sign-in failed"
    # limber.auth, or limber.authC1, limber.authC2... when ASP.NET splits a large cookie (HttpOnly lines start with #HttpOnly_).
    cookie="$(sed -n 's/^#HttpOnly_//; /^[^#]/p' "$jar" | awk -F'\t' 'NF == 7 && $6 ~ /^limber\.auth/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }')"
    [[ "$status" == 30[23] && -n "$cookie" ]] || die "the sign-in form answered $status without a limber.auth cookie"
    status="$(curl -sS --max-time 15 -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$origin/today")"
    [[ "$status" == 200 ]] || die "GET /today with the cookie answered $status"
}
