-- POST /api/v1/articles/{id}/views from ever-new viewers (a fresh User-Agent each time); args: first last.
local first, last, n = 1, 1000, 0
function init(args)
  first = tonumber(args[1] or first)
  last = tonumber(args[2] or last)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
function request()
  n = n + 1
  local headers = { ["User-Agent"] = "Mozilla/5.0 load-" .. math.random(1, 2^30) .. "-" .. n }
  return wrk.format("POST", "/api/v1/articles/" .. math.random(first, last) .. "/views", headers)
end
