/**
 * Appends one account event's outcome atomically: refuses a seq at or below the last applied one
 * (a redelivery), else records the seq, stores the changed orders, adds each update to the stream
 * (trimmed to about ARGV[2] entries) and publishes it. Being one script, a reader that subscribed
 * before reading the stream sees every update either in the stream or live. Each entry records
 * the id of the entry before it (`p`), so a reader can tell that trimming took some it missed.
 *
 * KEYS: seq, orders, stream. ARGV: seq, maxlen, channel, orderCount, (orderId, json)*, (entryId, event, data)*.
 */
export const APPEND_UPDATES_SCRIPT = `
local seq = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if seq <= last then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
local i = 5
for _ = 1, tonumber(ARGV[4]) do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
  i = i + 2
end
local tail = redis.call('XREVRANGE', KEYS[3], '+', '-', 'COUNT', 1)
local previous = '0-0'
if tail[1] then previous = tail[1][1] end
while i <= #ARGV do
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[2], ARGV[i], 'e', ARGV[i + 1], 'd', ARGV[i + 2], 'p', previous)
  redis.call('PUBLISH', ARGV[3], ARGV[i] .. ' ' .. ARGV[i + 1] .. ' ' .. ARGV[i + 2])
  previous = ARGV[i]
  i = i + 3
end
return 1
`;
