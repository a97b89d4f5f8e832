-- GET /api/v1/articles/{id} with ids drawn uniformly from [first, last] (wrk script; args: first last).
local first, last = 1, 1000
function init(args)
  first = tonumber(args[1] or first)
  last = tonumber(args[2] or last)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
function request()
  return wrk.format("GET", "/api/v1/articles/" .. math.random(first, last))
end
