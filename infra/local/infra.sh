#!/usr/bin/env bash
# Local infrastructure of the trading backend, without Docker:
#   bash infra/local/infra.sh up     [service...]   start what does not answer, wait until it does
#   bash infra/local/infra.sh down   [service...]   stop the Java services this repository started
#   bash infra/local/infra.sh status [service...]   one line per service; exit 0 only if all are up
# Services: postgres redis kafka dynamodb s3. See infra/local/README.md.
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=infra/local/lib.sh
source "$HERE/lib.sh"
# shellcheck source=infra/local/svc-postgres.sh
source "$HERE/svc-postgres.sh"
# shellcheck source=infra/local/svc-redis.sh
source "$HERE/svc-redis.sh"
# shellcheck source=infra/local/svc-kafka.sh
source "$HERE/svc-kafka.sh"
# shellcheck source=infra/local/svc-dynamodb.sh
source "$HERE/svc-dynamodb.sh"
# shellcheck source=infra/local/svc-s3.sh
source "$HERE/svc-s3.sh"

ALL_SERVICES=(postgres redis kafka dynamodb s3)

usage() {
  echo "usage: bash infra/local/infra.sh up|down|status [${ALL_SERVICES[*]}]" >&2
  exit 2
}

# Run a service hook if that service defines it (e.g. kafka_init, s3_post); true otherwise.
hook() {
  local fn="$1_$2"
  if declare -F "$fn" >/dev/null; then "$fn"; fi
}

# Serialise concurrent runs (e.g. several test processes calling "up" at once).
take_lock() {
  exec 9>"$INFRA_RUN/infra.lock"
  if ! flock -w 600 9; then
    err "another infra.sh run holds $INFRA_RUN/infra.lock"
    exit 1
  fi
}

cmd_up() {
  local svc pid host port started=$SECONDS
  local waiting=() usable=()
  take_lock
  # 1. Start whatever does not answer (Java services start in parallel).
  for svc in "$@"; do
    hook "$svc" init || { FAILED+=("$svc"); continue; }
    if "${svc}_ready"; then
      say "$svc: already up at $("${svc}_endpoint")"
      usable+=("$svc")
      continue
    fi
    if ! "${svc}_is_local"; then
      fail_service "$svc" "$("${svc}_endpoint") does not answer (not a loopback address: nothing is started)"
      continue
    fi
    if [[ "$("${svc}_kind")" == java ]]; then
      if pid="$(service_pid "$svc")"; then
        say "$svc: our process (pid $pid) is running but not answering yet, waiting for it"
        waiting+=("$svc")
        continue
      fi
      clear_stale_pid "$svc"
      while read -r host port; do
        warn_if_port_taken "$svc" "$host" "$port"
      done < <("${svc}_ports")
    fi
    if hook "$svc" prepare && "${svc}_start"; then
      waiting+=("$svc")
    else
      FAILED+=("$svc")
    fi
  done
  # 2. Wait until each started service really answers.
  for svc in "${waiting[@]}"; do
    wait_ready "$svc" "$("${svc}_timeout")" && usable+=("$svc")
  done
  # 3. Make sure what the application needs exists (database, bucket).
  for svc in "${usable[@]}"; do
    hook "$svc" post || FAILED+=("$svc")
  done
  if ((${#FAILED[@]})); then
    err "not up: $(printf '%s\n' "${FAILED[@]}" | sort -u | tr '\n' ' ')(logs in ${INFRA_LOG#"$REPO_ROOT"/})"
    return 1
  fi
  say "all up: $* ($((SECONDS - started))s)"
}

cmd_down() {
  local svc rc=0
  take_lock
  for svc in "$@"; do
    if [[ "$("${svc}_kind")" == java ]]; then
      stop_java "$svc" || rc=1
    else
      say "$svc: left running (shared machine service at $("${svc}_endpoint"))"
    fi
  done
  return "$rc"
}

cmd_status() {
  local svc state pid note rc=0
  for svc in "$@"; do
    note=""
    if ! "${svc}_is_local"; then
      note="remote endpoint"
    elif [[ "$("${svc}_kind")" == java ]]; then
      if pid="$(service_pid "$svc")"; then note="pid $pid"; else note="not running"; fi
    else
      note="machine service"
    fi
    if "${svc}_ready"; then
      state=up
      [[ "$note" == "not running" ]] && note="not started by infra.sh"
      if declare -F "${svc}_verify" >/dev/null && ! "${svc}_verify"; then
        state=degraded
        case "$svc" in
          postgres) note="$note, database $PG_DB missing" ;;
          s3) note="$note, bucket $S3_BUCKET missing" ;;
        esac
      fi
    else
      state=down
      if [[ "$svc" == kafka && ! -f "$KAFKA_LIB/.stamp" ]]; then note="$note, Kafka tools not fetched yet"; fi
    fi
    [[ "$state" == up ]] || rc=1
    printf '[infra] %-9s %-45s %-9s %s\n' "$svc" "$("${svc}_endpoint")" "$state" "$note"
  done
  return "$rc"
}

main() {
  local cmd="${1:-}" svc
  [[ $# -gt 0 ]] && shift
  local services=("$@")
  ((${#services[@]})) || services=("${ALL_SERVICES[@]}")
  for svc in "${services[@]}"; do
    [[ " ${ALL_SERVICES[*]} " == *" $svc "* ]] || { err "unknown service: $svc"; usage; }
  done
  mkdir -p "$INFRA_LIB" "$INFRA_DATA" "$INFRA_CONF" "$INFRA_LOG" "$INFRA_RUN"
  case "$cmd" in
    up) cmd_up "${services[@]}" ;;
    down) cmd_down "${services[@]}" ;;
    status) cmd_status "${services[@]}" ;;
    *) usage ;;
  esac
}

main "$@"
