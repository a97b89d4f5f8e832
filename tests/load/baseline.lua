-- GET /api/v1/articles/{id} over a hot set of 1,000, as a reader (no token) or as a member (args:
-- token, or "-" for none); prints the figures as one JSON line for tests/load/baseline.sh.
local token
function init(args)
  if args[1] and args[1] ~= "-" then token = args[1] end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
function request()
  local headers = {}
  if token then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("GET", "/api/v1/articles/" .. math.random(1, 1000), headers)
end
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests":%d,"errors":%d,"rps":%.1f,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f}\n',
    summary.requests, errors, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
