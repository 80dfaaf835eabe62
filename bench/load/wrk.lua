-- wrk script for bench/load/run.sh. Read from the environment:
--   LOAD_AUTH      a header to send: "Authorization: Bearer ...", "Cookie: ..." or "Accept-Encoding: ..." (optional)
--   LOAD_TOKENS    space-separated bearer tokens of several people, taken in turn (instead of LOAD_AUTH)
--   LOAD_CHECKINS  comma-separated dates: POST /api/v1/me/checkins, one of these dates and a pain score in turn
--   LOAD_DELAY_MS  a pause before each request on a connection (a paced rate instead of as fast as it goes)
-- At the end it prints one line:
--   RESULT requests seconds rps p50_us p90_us p99_us max_us non2xx socket_errors

local auth = os.getenv("LOAD_AUTH")
local dates = {}
for d in string.gmatch(os.getenv("LOAD_CHECKINS") or "", "[^,]+") do dates[#dates + 1] = d end
local pause = tonumber(os.getenv("LOAD_DELAY_MS") or "0")
local tokens = {}
for t in string.gmatch(os.getenv("LOAD_TOKENS") or "", "%S+") do tokens[#tokens + 1] = t end

local counter = 0
local fixed

function init(args)
  local headers = { ["Accept"] = "application/json" }
  if auth and auth ~= "" then
    local name, value = string.match(auth, "^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  if #dates == 0 then
    fixed = wrk.format("GET", nil, headers)
  else
    -- wrk.headers keeps the Host header wrk set from the URL
    wrk.method = "POST"
    for name, value in pairs(headers) do wrk.headers[name] = value end
    wrk.headers["Content-Type"] = "application/json"
  end
end

function request()
  if fixed then return fixed end
  counter = counter + 1
  local headers = nil
  if #tokens > 0 then
    wrk.headers["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1]
  end
  local body = string.format(
    '{"date":"%s","painNow":%d,"stiffness":%d,"legSymptoms":false,"numbness":false,"bladderOrBowelChange":false,"whatHelped":["walk"],"note":"load %d"}',
    dates[(counter % #dates) + 1], counter % 5 + 1, counter % 4 + 2, counter)
  return wrk.format(nil, nil, nil, body)
end

if pause > 0 then
  function delay() return pause end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %.1f %d %d %d %d %d %d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
