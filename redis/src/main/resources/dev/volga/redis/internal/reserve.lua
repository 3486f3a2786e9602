-- Reserves one slot in every limit of a request, all or none (GCRA: one "theoretical arrival time"
-- per limit, in microseconds of the Redis server's clock), reusing the slot of a cancelled reservation
-- (a "hole") where that slot is exactly the time the request goes.
-- KEYS[1]   the credential's pause key (absolute end of a server-imposed pause), may be absent
-- KEYS[2i], KEYS[2i+1]  limit i's arrival-time key and its holes key (a sorted set: score = the
--           arrival time the cancelled reservation had set, member = "new old slot")
-- ARGV[1]   the longest delay the caller accepts, in microseconds; -1 for any
-- ARGV[2i], ARGV[2i+1]  emission interval T and tolerance tau = (burst - 1) * T of limit i
-- Returns "delay now old1 new1 old2 new2 ..." (the caller sends at now + delay on the server's clock;
-- the slot, old and new let a cancelled caller give its slot back, see refund.lua), or "-1 delay" when
-- the delay is over ARGV[1] (nothing reserved).
-- A hole is used only at its own time: a schedule that conformed with the cancelled request conforms
-- with another one in its place, never with one moved earlier or later.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local maxDelay = tonumber(ARGV[1])
local floor = now
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if paused > floor then floor = paused end
local n = (#KEYS - 1) / 2
local tats, allow, holes = {}, {}, {}
local go = floor
for i = 1, n do
  local tat = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  tats[i] = tat
  local a = tat - tonumber(ARGV[2 * i + 1])
  if a < floor then a = floor end
  allow[i] = a
  local earliest = a
  local hk = KEYS[2 * i + 1]
  -- holes whose arrival time has passed can neither be used nor unwound any more
  redis.call('ZREMRANGEBYSCORE', hk, '-inf', '(' .. string.format('%.0f', now))
  -- the holes are ordered by arrival time, which follows their slots closely: the first few suffice
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', hk, '(' .. string.format('%.0f', floor), '+inf', 'LIMIT', 0, 8)) do
    local slot = tonumber(string.match(m, '^%S+ %S+ (%S+)$'))
    if slot >= floor and slot < earliest then
      earliest = slot
      holes[i] = { member = m, slot = slot }
    end
  end
  if earliest > go then go = earliest end
end
-- each limit: its hole if that is exactly at go, else a fresh slot if go is allowed there
local use = {}
for i = 1, n do
  if holes[i] and holes[i].slot == go then
    use[i] = true
  elseif allow[i] > go then
    use = nil
    break
  end
end
if use == nil then
  use = {}
  go = floor
  for i = 1, n do
    if allow[i] > go then go = allow[i] end
  end
end
local delay = go - now
if maxDelay >= 0 and delay > maxDelay then
  return '-1 ' .. string.format('%.0f', delay)
end
local out = { string.format('%.0f', delay), string.format('%.0f', now) }
for i = 1, n do
  if use[i] then
    redis.call('ZREM', KEYS[2 * i + 1], holes[i].member)
    local new, old = string.match(holes[i].member, '^(%S+) (%S+) ')
    out[#out + 1] = old
    out[#out + 1] = new
  else
    local base = tats[i]
    if go > base then base = go end
    local newTat = base + tonumber(ARGV[2 * i])
    local ttl = math.floor((newTat - now) / 1000) + 1
    redis.call('SET', KEYS[2 * i], string.format('%.0f', newTat), 'PX', ttl)
    -- every hole's slot lies before the arrival time: the holes need not outlive it
    redis.call('PEXPIRE', KEYS[2 * i + 1], ttl)
    out[#out + 1] = string.format('%.0f', tats[i])
    out[#out + 1] = string.format('%.0f', newTat)
  end
end
return table.concat(out, ' ')
