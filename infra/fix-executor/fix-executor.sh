#!/usr/bin/env bash
# The QuickFIX/J executor example (org.quickfixj:quickfixj-examples-executor, pinned in pom.xml
# beside this file) as a local FIX 4.4 counterparty, run natively as a detached JVM:
#   bash infra/fix-executor/fix-executor.sh start    start unless it answers; wait until the port accepts
#   bash infra/fix-executor/fix-executor.sh stop     stop the executor this checkout started
#   bash infra/fix-executor/fix-executor.sh status   exit 0 only if it answers
# Jars, settings, message store, pid and log live under the git-ignored .infra/ (see README.md of
# libs/broker-fix). Reuses the process helpers of infra/local/lib.sh (pid file, marker, log tail).
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=infra/local/lib.sh
source "$HERE/../local/lib.sh"

SVC=fix-executor
FIX_EXECUTOR_HOST="${FIX_EXECUTOR_HOST:-127.0.0.1}"
FIX_EXECUTOR_PORT="${FIX_EXECUTOR_PORT:-9880}"
FIX_EXECUTOR_COMP_ID="${FIX_EXECUTOR_COMP_ID:-EXEC}"
FIX_EXECUTOR_MARKET_PRICE="${FIX_EXECUTOR_MARKET_PRICE:-12.30}"
FIX_EXECUTOR_TIMEOUT="${FIX_EXECUTOR_TIMEOUT:-60}"
FIX_EXECUTOR_HEAP_OPTS="${FIX_EXECUTOR_HEAP_OPTS:--Xms32m -Xmx128m}"

LIB_DIR="$INFRA_LIB/$SVC"
CONF_DIR="$INFRA_CONF/$SVC"
STORE_DIR="$INFRA_DATA/$SVC/store"
STDIN_FIFO="$INFRA_RUN/$SVC.stdin"

ready() { port_open "$FIX_EXECUTOR_HOST" "$FIX_EXECUTOR_PORT"; }

# Copy the pinned jars once per pom version (the stamp holds the pom's sha256).
fetch_jars() {
  local pom="$HERE/pom.xml" log="$INFRA_LOG/maven-$SVC.log" want
  want="$(sha256sum "$pom" | cut -d' ' -f1)"
  [[ -f "$LIB_DIR/.stamp" && "$(cat "$LIB_DIR/.stamp")" == "$want" ]] && return 0
  have mvn || { err "$SVC: mvn not found: Maven is needed once to fetch the executor jars"; return 1; }
  say "$SVC: fetching jars with Maven (log: ${log#"$REPO_ROOT"/})"
  rm -rf "$LIB_DIR" && mkdir -p "$LIB_DIR"
  if ! mvn -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIB_DIR" >"$log" 2>&1; then
    rm -rf "$LIB_DIR"
    fail_service "$SVC" "Maven could not fetch the jars" "$log"
    return 1
  fi
  echo "$want" >"$LIB_DIR/.stamp"
}

write_settings() {
  mkdir -p "$CONF_DIR" "$STORE_DIR"
  sed -e "s|@HOST@|$FIX_EXECUTOR_HOST|" -e "s|@PORT@|$FIX_EXECUTOR_PORT|" \
    -e "s|@SENDER_COMP_ID@|$FIX_EXECUTOR_COMP_ID|" -e "s|@STORE_DIR@|$STORE_DIR|" \
    -e "s|@MARKET_PRICE@|$FIX_EXECUTOR_MARKET_PRICE|" \
    "$HERE/executor.cfg.template" >"$CONF_DIR/executor.cfg"
}

# The executor quits when a read of its stdin returns, so its stdin is a FIFO it holds open for
# both reading and writing: the read blocks for as long as the process lives. fd 9 (the start
# lock) must not be inherited, or the lock would live as long as the executor.
launch() {
  local log pidf
  log="$(log_file "$SVC")"
  pidf="$(pid_file "$SVC")"
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  printf '[infra] %s starting %s\n' "$(date '+%F %T')" "$SVC" >"$log"
  rm -f "$pidf" "$STDIN_FIFO"
  mkfifo "$STDIN_FIFO"
  # shellcheck disable=SC2016,SC2086 # expanded by the inner bash; heap opts are several words
  nohup setsid bash -c 'echo $$ >"$1" && cd "$2" && exec 0<>"$3" && shift 3 && exec "$@"' launch \
    "$pidf" "$CONF_DIR" "$STDIN_FIFO" "$JAVA" "$(marker "$SVC")" "-Dinfra.root=$REPO_ROOT" \
    $FIX_EXECUTOR_HEAP_OPTS -XX:+UseSerialGC -cp "$LIB_DIR/*" quickfix.examples.executor.Executor \
    "$CONF_DIR/executor.cfg" >>"$log" 2>&1 9>&- &
  for _ in $(seq 50); do
    [[ -s "$pidf" ]] && break
    sleep 0.1
  done
  [[ -s "$pidf" ]] || { fail_service "$SVC" "could not be launched" "$log"; return 1; }
  say "$SVC: started (pid $(cat "$pidf"), log: ${log#"$REPO_ROOT"/})"
}

wait_until_ready() {
  local start=$SECONDS
  until ready; do
    if ! service_pid "$SVC" >/dev/null; then
      fail_service "$SVC" "process exited before accepting on $FIX_EXECUTOR_HOST:$FIX_EXECUTOR_PORT" "$(log_file "$SVC")"
      return 1
    fi
    if ((SECONDS - start >= FIX_EXECUTOR_TIMEOUT)); then
      fail_service "$SVC" "did not accept on $FIX_EXECUTOR_HOST:$FIX_EXECUTOR_PORT within ${FIX_EXECUTOR_TIMEOUT}s" "$(log_file "$SVC")"
      return 1
    fi
    sleep 0.2
  done
  say "$SVC: up at $FIX_EXECUTOR_HOST:$FIX_EXECUTOR_PORT (after $((SECONDS - start))s)"
}

cmd_start() {
  local pid
  exec 9>"$INFRA_RUN/$SVC.lock"
  flock -w 300 9 || { err "$SVC: another start holds $INFRA_RUN/$SVC.lock"; return 1; }
  if ready; then
    say "$SVC: already up at $FIX_EXECUTOR_HOST:$FIX_EXECUTOR_PORT"
    return 0
  fi
  if pid="$(service_pid "$SVC")"; then
    say "$SVC: our process (pid $pid) is running but not accepting yet, waiting for it"
  else
    clear_stale_pid "$SVC"
    require_java && fetch_jars && write_settings && launch || return 1
  fi
  wait_until_ready
}

cmd_status() {
  local note="not running" pid
  if pid="$(service_pid "$SVC")"; then note="pid $pid"; fi
  if ready; then
    say "$SVC: up at $FIX_EXECUTOR_HOST:$FIX_EXECUTOR_PORT ($note)"
  else
    say "$SVC: down at $FIX_EXECUTOR_HOST:$FIX_EXECUTOR_PORT ($note)"
    return 1
  fi
}

mkdir -p "$INFRA_LIB" "$INFRA_DATA" "$INFRA_CONF" "$INFRA_LOG" "$INFRA_RUN"
case "${1:-}" in
  start) cmd_start ;;
  stop) stop_java "$SVC" && rm -f "$STDIN_FIFO" ;;
  status) cmd_status ;;
  *)
    echo "usage: bash infra/fix-executor/fix-executor.sh start|stop|status" >&2
    exit 2
    ;;
esac
