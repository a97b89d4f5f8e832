-- POST /api/v1/auth/login as the load members (password load-password-1), over and over.
local n = 0
function request()
  n = n + 1
  local body = '{"username":"load' .. (n % 64 + 1) .. '","password":"load-password-1"}'
  return wrk.format("POST", "/api/v1/auth/login", { ["Content-Type"] = "application/json" }, body)
end
