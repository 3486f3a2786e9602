-- Takes or renews a feed processor's lease (CheckpointStore.claim).
-- KEYS[1] the lease key (value "<owner>:<fence>", PX ttl); KEYS[2] the name's fence counter (no expiry)
-- ARGV[1] the owner; ARGV[2] the TTL in ms
-- Returns the fence held after the call, or nil when another owner holds a live lease.
-- * Free or expired (an expired key is gone): a new tenure. Its fence is the counter plus one, but
--   at least the server's clock in ms: a Redis that restarted empty (no persistence) forgot the
--   counter, and the clock still gives a fence above every earlier one, so "a new holder's fence is
--   greater" holds across such a restart too (as long as the server's clock does not go back).
-- * Held by the same owner: renewed, same fence (PEXPIRE).
-- * Held by another owner: nothing changes.
local current = redis.call('GET', KEYS[1])
if current then
  local holder, fence = string.match(current, '^(.*):(%d+)$')
  if holder == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return fence
  end
  return nil
end
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local fence = redis.call('INCR', KEYS[2])
if fence < nowMs then
  fence = nowMs
  redis.call('SET', KEYS[2], string.format('%.0f', fence))
end
local text = string.format('%.0f', fence)
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. text, 'PX', ARGV[2])
return text
