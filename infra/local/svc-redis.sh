# shellcheck shell=bash
# Redis: the machine's own server (a shared machine service, never stopped by "down").
# "up" starts it if it does not answer, installing Debian's redis-server first if it is missing
# (root + apt-get only). Nothing is persisted (--save "" --appendonly no), as on the machine.

REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
INFRA_REDIS_TIMEOUT="${INFRA_REDIS_TIMEOUT:-$INFRA_TIMEOUT}"

parse_url "$REDIS_URL" || { err "REDIS_URL is not a URL: $REDIS_URL"; exit 2; }
REDIS_HOST="${URL_HOST:-127.0.0.1}"
REDIS_PORT="${URL_PORT:-6379}"
REDIS_SERVER_LOG=/var/log/redis/ci.log

redis_kind() { echo machine; }
redis_endpoint() { host_port "$REDIS_HOST" "$REDIS_PORT"; }
redis_is_local() { is_loopback "$REDIS_HOST"; }
redis_logfile() { echo "$REDIS_SERVER_LOG"; }
redis_timeout() { echo "$INFRA_REDIS_TIMEOUT"; }

redis_ready() {
  have redis-cli && [[ "$(timeout 5 redis-cli -u "$REDIS_URL" ping 2>/dev/null)" == PONG ]]
}

redis_prepare() {
  if ! have redis-server || ! have redis-cli; then
    apt_install redis-server || return 1
  fi
  if [[ "$(id -u)" != 0 ]]; then
    err "redis: not root, cannot start the machine's redis-server; start it yourself"
    return 1
  fi
  mkdir -p /var/lib/redis "$(dirname "$REDIS_SERVER_LOG")"
}

redis_start() {
  say "redis: starting the machine's redis-server on port $REDIS_PORT"
  # --daemonize forks into the background by itself; the infra lock fd must not leak into it.
  if ! redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
    --appendonly no --dir /var/lib/redis --logfile "$REDIS_SERVER_LOG" \
    >>"$INFRA_LOG/redis.log" 2>&1 9>&-; then
    fail_service redis "redis-server did not start" "$INFRA_LOG/redis.log"
    return 1
  fi
}
