-- Pauses every instance of a credential after a 429: nobody's reservation starts before the end.
-- A shorter pause never shortens one in force. Tells the other instances on the events channel.
-- KEYS[1] the pause key; ARGV[1] the pause in microseconds; ARGV[2] the channel; ARGV[3] the message
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local length = tonumber(ARGV[1])
local untilAt = now + length
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilAt > current then
  redis.call('SET', KEYS[1], string.format('%.0f', untilAt), 'PX', math.floor(length / 1000) + 1)
  redis.call('PUBLISH', ARGV[2], ARGV[3] .. ' ' .. ARGV[1])
  return '1'
end
return '0'
