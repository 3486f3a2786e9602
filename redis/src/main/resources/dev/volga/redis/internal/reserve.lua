-- Reserves one slot in every limit of a request, all or none (GCRA: one "theoretical arrival time"
-- per limit, in microseconds of the Redis server's clock), reusing the slot of a cancelled reservation
-- (a "hole") where that slot is exactly the time the request goes.
-- KEYS[1]   the credential's pause key (absolute end of a server-imposed pause), may be absent
-- KEYS[3i-1], KEYS[3i], KEYS[3i+1]  limit i's arrival-time key, its holes key (a sorted set: score =
--           the arrival time the cancelled reservation had set, member = "new old slot") and its slots
--           key (a sorted set of the reserved slots: score = the slot, member = the arrival time the
--           reservation set, unique in the limit)
-- ARGV[1]   the longest delay the caller accepts, in microseconds; -1 for any
-- ARGV[4i-2], ARGV[4i-1], ARGV[4i], ARGV[4i+1]  emission interval T, tolerance tau = (burst - 1) * T,
--           permits N and window W = period + margin of limit i
-- Returns "delay now old1 new1 old2 new2 ..." (the caller sends at now + delay on the server's clock;
-- the slot, old and new let a cancelled caller give its slot back, see refund.lua), or "-1 delay" when
-- the delay is over ARGV[1] (nothing reserved).
-- A hole is used only at its own time: a schedule that conformed with the cancelled request conforms
-- with another one in its place, never with one moved earlier or later.
-- The window (RateLimit#window): besides GCRA, at most N slots lie in any span shorter than W, as the
-- in-memory TokenBucket keeps them: a fresh slot is at least the N-th latest reserved slot + W. Fresh
-- slots never go back in time (GCRA's arrival time only grows), so that bound suffices. The slots set
-- keeps every reserved slot until W after it (older ones are trimmed: no later slot can share a span
-- shorter than W with them) and expires W after the latest. A hole keeps its entry: it is reused at
-- exactly its slot, so its reuse adds nothing to the set. refund.lua removes the entry of a refunded
-- last reservation (and of the holes unwound with it); any entry left of a slot that is never used (a
-- hole nobody takes, a refund that came too late) is a phantom: it delays later slots, so it costs
-- utilisation, never the quota.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local maxDelay = tonumber(ARGV[1])
local floor = now
local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
if paused > floor then floor = paused end
local n = (#KEYS - 1) / 3
local tats, allow, holes = {}, {}, {}
local go = floor
for i = 1, n do
  local tat = tonumber(redis.call('GET', KEYS[3 * i - 1]) or '0')
  tats[i] = tat
  local a = tat - tonumber(ARGV[4 * i - 1])
  if a < floor then a = floor end
  local permits, window = tonumber(ARGV[4 * i]), tonumber(ARGV[4 * i + 1])
  local sk = KEYS[3 * i + 1]
  redis.call('ZREMRANGEBYSCORE', sk, '-inf', string.format('%.0f', now - window))
  local nth = redis.call('ZREVRANGE', sk, permits - 1, permits - 1, 'WITHSCORES')
  if nth[2] then
    local w = tonumber(nth[2]) + window
    if w > a then a = w end
  end
  allow[i] = a
  local earliest = a
  local hk = KEYS[3 * i]
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
    -- the hole's slot entry stayed in the slots set: taken again as it is
    redis.call('ZREM', KEYS[3 * i], holes[i].member)
    local new, old = string.match(holes[i].member, '^(%S+) (%S+) ')
    out[#out + 1] = old
    out[#out + 1] = new
  else
    local base = tats[i]
    if go > base then base = go end
    local newTat = base + tonumber(ARGV[4 * i - 2])
    local newTatText = string.format('%.0f', newTat)
    local ttl = math.floor((newTat - now) / 1000) + 1
    redis.call('SET', KEYS[3 * i - 1], newTatText, 'PX', ttl)
    -- every hole's slot lies before the arrival time: the holes need not outlive it
    redis.call('PEXPIRE', KEYS[3 * i], ttl)
    local sk = KEYS[3 * i + 1]
    redis.call('ZADD', sk, string.format('%.0f', go), newTatText)
    -- go is the latest slot: the set is needed for one window after it
    redis.call('PEXPIRE', sk, math.floor((go + tonumber(ARGV[4 * i + 1]) - now) / 1000) + 1)
    out[#out + 1] = string.format('%.0f', tats[i])
    out[#out + 1] = newTatText
  end
end
return table.concat(out, ' ')
