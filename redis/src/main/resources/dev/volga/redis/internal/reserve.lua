-- Reserves one slot in every limit of a request, all or none (GCRA: one "theoretical arrival time"
-- per limit, in microseconds of the Redis server's clock).
-- KEYS[1]   the credential's pause key (absolute end of a server-imposed pause), may be absent
-- KEYS[2..] one key per limit the request matches
-- ARGV[1]   the longest delay the caller accepts, in microseconds; -1 for any
-- ARGV[2i], ARGV[2i+1]  emission interval T and tolerance tau = (burst - 1) * T of limit i
-- Returns "delay now old1 new1 old2 new2 ..." (the caller sends at now + delay on the server's clock;
-- old/new let a cancelled caller give its slot back), or "-1 delay" when the delay is over ARGV[1]
-- (nothing reserved).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local maxDelay = tonumber(ARGV[1])
local go = now
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if paused > go then go = paused end
local n = #KEYS - 1
local tats = {}
for i = 1, n do
  local tat = tonumber(redis.call('GET', KEYS[i + 1]) or '0')
  tats[i] = tat
  local allowAt = tat - tonumber(ARGV[2 * i + 1])
  if allowAt > go then go = allowAt end
end
local delay = go - now
if maxDelay >= 0 and delay > maxDelay then
  return '-1 ' .. string.format('%.0f', delay)
end
local out = { string.format('%.0f', delay), string.format('%.0f', now) }
for i = 1, n do
  local base = tats[i]
  if go > base then base = go end
  local newTat = base + tonumber(ARGV[2 * i])
  redis.call('SET', KEYS[i + 1], string.format('%.0f', newTat), 'PX', math.floor((newTat - now) / 1000) + 1)
  out[#out + 1] = string.format('%.0f', tats[i])
  out[#out + 1] = string.format('%.0f', newTat)
end
return table.concat(out, ' ')
