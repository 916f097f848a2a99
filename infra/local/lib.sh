# shellcheck shell=bash
# shellcheck disable=SC2034 # the globals set here are used by infra.sh and svc-*.sh
# Shared helpers for infra/local/infra.sh: paths, output, URL parsing, Maven-fetched jars,
# detached Java processes (pid files), readiness waits and failure reports.
# Sourced, never executed.

INFRA_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_SRC/../.." && pwd)"
INFRA_HOME="$REPO_ROOT/.infra"
INFRA_LIB="$INFRA_HOME/lib"    # jars copied by Maven, one folder per service
INFRA_DATA="$INFRA_HOME/data"  # service data (Kafka log dirs, DynamoDB files, S3 buckets)
INFRA_CONF="$INFRA_HOME/conf"  # generated configuration files
INFRA_LOG="$INFRA_HOME/log"    # <svc>.log (previous run: <svc>.log.1), maven-<svc>.log
INFRA_RUN="$INFRA_HOME/run"    # <svc>.pid, lock file

INFRA_TIMEOUT="${INFRA_TIMEOUT:-60}"
INFRA_STOP_TIMEOUT="${INFRA_STOP_TIMEOUT:-30}"
INFRA_LOG_LINES="${INFRA_LOG_LINES:-40}"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

# ---------------------------------------------------------------------------------------------
# Output: one line per step.

say() { printf '[infra] %s\n' "$*"; }
err() { printf '[infra] ERROR: %s\n' "$*" >&2; }

FAILED=()

# fail_service SVC REASON [LOGFILE]: report a service that is not usable, with its log tail.
fail_service() {
  local svc="$1" reason="$2" log="${3:-}"
  FAILED+=("$svc")
  err "$svc: $reason"
  if [[ -n "$log" && -s "$log" ]]; then
    printf '[infra] ----- last %s lines of %s -----\n' "$INFRA_LOG_LINES" "$log" >&2
    tail -n "$INFRA_LOG_LINES" "$log" >&2
    printf '[infra] ----- end of %s -----\n' "$log" >&2
  elif [[ -n "$log" ]]; then
    printf '[infra] (log %s is empty or missing)\n' "$log" >&2
  fi
}

# ---------------------------------------------------------------------------------------------
# URLs and addresses.

# parse_url URL: sets URL_SCHEME URL_USER URL_PASS URL_HOST URL_PORT URL_PATH URL_QUERY.
# URL_HOST keeps no IPv6 brackets.
parse_url() {
  local re='^([A-Za-z][A-Za-z0-9+.-]*)://(([^:@/]*)(:([^@/]*))?@)?(\[[^]/]+\]|[^:/?#]*)(:([0-9]+))?(/[^?#]*)?(\?[^#]*)?'
  URL_SCHEME="" URL_USER="" URL_PASS="" URL_HOST="" URL_PORT="" URL_PATH="" URL_QUERY=""
  [[ "$1" =~ $re ]] || return 1
  URL_SCHEME="${BASH_REMATCH[1]}"
  URL_USER="${BASH_REMATCH[3]}"
  URL_PASS="${BASH_REMATCH[5]}"
  URL_HOST="${BASH_REMATCH[6]#[}"
  URL_HOST="${URL_HOST%]}"
  URL_PORT="${BASH_REMATCH[8]}"
  URL_PATH="${BASH_REMATCH[9]}"
  URL_QUERY="${BASH_REMATCH[10]}"
}

# is_loopback HOST: true for addresses of this machine's loopback (the only ones we start services on).
is_loopback() {
  case "$1" in
    localhost | 127.* | ::1 | 0:0:0:0:0:0:0:1) return 0 ;;
    *) return 1 ;;
  esac
}

# bind_host HOST: the address a local service listens on for HOST ("localhost" -> 127.0.0.1).
bind_host() {
  if [[ "$1" == localhost ]]; then echo 127.0.0.1; else echo "$1"; fi
}

# host_port HOST PORT: "host:port", with brackets for IPv6.
host_port() {
  if [[ "$1" == *:* ]]; then echo "[$1]:$2"; else echo "$1:$2"; fi
}

# port_open HOST PORT: something accepts TCP connections there.
port_open() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# warn_if_port_taken SVC HOST PORT: before starting SVC, name whoever already listens on PORT.
warn_if_port_taken() {
  local who
  port_open "$2" "$3" || return 0
  who="$(ss -Hltnp "sport = :$3" 2>/dev/null | grep -o 'users:(([^)]*))' | head -n 1)"
  say "$1: WARNING: port $3 is already taken by another process ${who:-(unknown)}"
}

# ---------------------------------------------------------------------------------------------
# Tools and packages.

have() { command -v "$1" >/dev/null 2>&1; }

# apt_install PKG...: install Debian packages, only when root with apt-get.
apt_install() {
  local log="$INFRA_LOG/apt.log"
  if [[ "$(id -u)" != 0 ]] || ! have apt-get; then
    err "cannot install $* (needs root and apt-get); install it yourself"
    return 1
  fi
  say "installing Debian package(s) $* (apt-get, log: $log)"
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
  } >>"$log" 2>&1 || {
    err "apt-get install $* failed"
    tail -n "$INFRA_LOG_LINES" "$log" >&2
    return 1
  }
}

require_java() {
  if ! have "$JAVA"; then
    err "java not found (set JAVA_HOME or install a JDK 17)"
    return 1
  fi
}

# ensure_libs SVC: copy the runtime jars pinned in infra/local/maven/SVC/pom.xml into
# .infra/lib/SVC, unless the stamp file there records that exact pom (same version set).
ensure_libs() {
  local svc="$1"
  local pom="$INFRA_SRC/maven/$svc/pom.xml" dir="$INFRA_LIB/$svc" log="$INFRA_LOG/maven-$svc.log"
  local want
  want="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$want" ]]; then
    return 0
  fi
  if ! have mvn; then
    err "mvn not found: Maven is needed once to fetch the $svc jars"
    return 1
  fi
  require_java || return 1
  say "$svc: fetching jars with Maven (log: ${log#"$REPO_ROOT"/})"
  rm -rf "$dir"
  mkdir -p "$dir"
  if ! mvn -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$dir" >"$log" 2>&1; then
    rm -rf "$dir"
    fail_service "$svc" "Maven could not fetch the jars" "$log"
    return 1
  fi
  echo "$want" >"$dir/.stamp"
}

# ---------------------------------------------------------------------------------------------
# Java services we start ourselves: detached, marked on their command line, tracked by pid file.

pid_file() { echo "$INFRA_RUN/$1.pid"; }
log_file() { echo "$INFRA_LOG/$1.log"; }

# The marker put on each of our Java command lines; it tells our processes from others.
marker() { echo "-Dtrading.infra.service=$1"; }

# is_ours PID SVC: PID is alive and is this project's SVC process. The services own machine-wide
# ports, so one started from another checkout of the project counts as ours too (-Dinfra.root
# says which checkout started it).
is_ours() {
  local cmd
  [[ "$1" =~ ^[0-9]+$ ]] || return 1
  cmd="$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline")" || return 1
  [[ "$cmd" == *"$(marker "$2") "* ]]
}

# service_pid SVC: print the pid of our running SVC process (from its pid file, else by scanning
# /proc for our marker in case the pid file was lost).
service_pid() {
  local svc="$1" pid f
  f="$(pid_file "$svc")"
  if [[ -f "$f" ]]; then
    pid="$(cat "$f" 2>/dev/null)"
    if is_ours "$pid" "$svc"; then echo "$pid"; return 0; fi
  fi
  for f in /proc/[0-9]*/cmdline; do
    pid="${f#/proc/}"; pid="${pid%/cmdline}"
    if is_ours "$pid" "$svc"; then echo "$pid"; return 0; fi
  done
  return 1
}

# clear_stale_pid SVC: remove a pid file whose process is gone.
clear_stale_pid() {
  local f
  f="$(pid_file "$1")"
  if [[ -f "$f" ]] && ! is_ours "$(cat "$f" 2>/dev/null)" "$1"; then
    say "$1: removing stale pid file (pid $(cat "$f" 2>/dev/null) is gone)"
    rm -f "$f"
  fi
}

# launch_java SVC WORKDIR JVM-ARGS... : start a JVM in the background, detached from this shell
# (own session, SIGHUP ignored, stdin closed, output to .infra/log/SVC.log; the previous log is
# kept as SVC.log.1). The pid file is written by the process itself before it execs java.
launch_java() {
  local svc="$1" workdir="$2"
  shift 2
  local log pidf
  log="$(log_file "$svc")"
  pidf="$(pid_file "$svc")"
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  printf '[infra] %s starting %s\n' "$(date '+%F %T')" "$svc" >"$log"
  rm -f "$pidf"
  mkdir -p "$workdir"
  # fd 9 (the infra lock) must not be inherited, or the lock would live as long as the service.
  # shellcheck disable=SC2016 # expanded by the inner bash
  nohup setsid bash -c 'echo $$ >"$1" && cd "$2" && shift 2 && exec "$@"' launch "$pidf" "$workdir" \
    "$JAVA" "$(marker "$svc")" "-Dinfra.root=$REPO_ROOT" "$@" </dev/null >>"$log" 2>&1 9>&- &
  for _ in $(seq 50); do
    [[ -s "$pidf" ]] && break
    sleep 0.1
  done
  if [[ ! -s "$pidf" ]]; then
    fail_service "$svc" "could not be launched" "$log"
    return 1
  fi
  say "$svc: started (pid $(cat "$pidf"), log: ${log#"$REPO_ROOT"/})"
}

# stop_java SVC: SIGTERM our SVC process, SIGKILL after INFRA_STOP_TIMEOUT seconds.
stop_java() {
  local svc="$1" pid i
  if ! pid="$(service_pid "$svc")"; then
    clear_stale_pid "$svc"
    say "$svc: not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < INFRA_STOP_TIMEOUT * 5; i++)); do
    is_ours "$pid" "$svc" || break
    sleep 0.2
  done
  if is_ours "$pid" "$svc"; then
    say "$svc: still running after ${INFRA_STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null
    for ((i = 0; i < 50; i++)); do
      is_ours "$pid" "$svc" || break
      sleep 0.1
    done
  fi
  rm -f "$(pid_file "$svc")"
  if is_ours "$pid" "$svc"; then
    err "$svc: pid $pid would not stop"
    return 1
  fi
  say "$svc: stopped (pid $pid)"
}

# wait_ready SVC TIMEOUT: poll SVC_ready until it answers. For our Java services, give up as soon
# as the process has exited.
wait_ready() {
  local svc="$1" timeout="$2" start=$SECONDS java=0
  [[ "$("${svc}_kind")" == java ]] && java=1
  while true; do
    if "${svc}_ready"; then
      say "$svc: up at $("${svc}_endpoint") (after $((SECONDS - start))s)"
      return 0
    fi
    if ((java)) && ! service_pid "$svc" >/dev/null; then
      rm -f "$(pid_file "$svc")"
      fail_service "$svc" "process exited before answering on $("${svc}_endpoint")" "$("${svc}_logfile")"
      return 1
    fi
    if ((SECONDS - start >= timeout)); then
      fail_service "$svc" "did not answer on $("${svc}_endpoint") within ${timeout}s" "$("${svc}_logfile")"
      return 1
    fi
    sleep 1
  done
}
