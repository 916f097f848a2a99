# shellcheck shell=bash
# Apache Kafka 3.9.1, KRaft mode, one node acting as broker and controller.
# Jars from Maven Central (infra/local/maven/kafka/pom.xml), started as a detached JVM.

KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
INFRA_KAFKA_TIMEOUT="${INFRA_KAFKA_TIMEOUT:-90}"

# The first broker of the (comma-separated) list is the one we check, and start if local.
_kafka_first="${KAFKA_BROKERS%%,*}"
_kafka_first="${_kafka_first#*://}"
KAFKA_PORT="${_kafka_first##*:}"
KAFKA_HOST="${_kafka_first%:*}"
KAFKA_HOST="${KAFKA_HOST#[}"
KAFKA_HOST="${KAFKA_HOST%]}"
unset _kafka_first

KAFKA_LIB="$INFRA_LIB/kafka"
KAFKA_DATA="$INFRA_DATA/kafka"
KAFKA_CONF="$INFRA_CONF/kafka"

kafka_kind() { echo java; }
kafka_endpoint() { host_port "$KAFKA_HOST" "$KAFKA_PORT"; }
kafka_is_local() { is_loopback "$KAFKA_HOST"; }
kafka_logfile() { log_file kafka; }
kafka_ports() {
  echo "$(bind_host "$KAFKA_HOST") $KAFKA_PORT"
  echo "$(bind_host "$KAFKA_HOST") $KAFKA_CONTROLLER_PORT"
}
kafka_timeout() { echo "$INFRA_KAFKA_TIMEOUT"; }

# kafka_tool CLASS ARGS...: run one of Kafka's command-line classes from our classpath
# (killed after KAFKA_TOOL_TIMEOUT seconds, default 120).
kafka_tool() {
  local class="$1"
  shift
  timeout "${KAFKA_TOOL_TIMEOUT:-120}" "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Dlog4j.configuration="file:$INFRA_SRC/kafka/tools-log4j.properties" \
    -cp "$KAFKA_LIB/*" "$class" "$@"
}

# Needed before any check: the check itself runs Kafka's own admin tool.
kafka_init() {
  require_java && ensure_libs kafka || return 1
  mkdir -p "$KAFKA_CONF"
  # Short client timeouts so that a check against a broker that is not there fails fast.
  printf '%s\n' 'request.timeout.ms=5000' 'default.api.timeout.ms=8000' \
    'socket.connection.setup.timeout.ms=2000' 'socket.connection.setup.timeout.max.ms=4000' \
    >"$KAFKA_CONF/client.properties"
}

# Answers = the broker serves metadata requests (lists topics), not merely an open port.
kafka_ready() {
  [[ -f "$KAFKA_LIB/.stamp" && -f "$KAFKA_CONF/client.properties" ]] || return 1
  port_open "$KAFKA_HOST" "$KAFKA_PORT" || return 1
  KAFKA_TOOL_TIMEOUT=30 kafka_tool org.apache.kafka.tools.TopicCommand --list \
    --bootstrap-server "$(kafka_endpoint)" --command-config "$KAFKA_CONF/client.properties" >/dev/null 2>&1
}

kafka_prepare() {
  local host cluster_id log="$INFRA_LOG/kafka-storage.log"
  host="$(bind_host "$KAFKA_HOST")"
  mkdir -p "$KAFKA_DATA/kraft-logs" "$KAFKA_CONF"
  sed -e "s|@BROKER_ADDRESS@|$(host_port "$host" "$KAFKA_PORT")|g" \
    -e "s|@CONTROLLER_ADDRESS@|$(host_port "$host" "$KAFKA_CONTROLLER_PORT")|g" \
    -e "s|@LOG_DIRS@|$KAFKA_DATA/kraft-logs|g" \
    "$INFRA_SRC/kafka/server.properties.template" >"$KAFKA_CONF/server.properties"

  # Format the KRaft storage once; the cluster id is kept next to the data.
  if [[ ! -f "$KAFKA_DATA/kraft-logs/meta.properties" ]]; then
    if [[ ! -s "$KAFKA_DATA/cluster.id" ]]; then
      kafka_tool kafka.tools.StorageTool random-uuid >"$KAFKA_DATA/cluster.id" 2>>"$log" || {
        rm -f "$KAFKA_DATA/cluster.id"
        fail_service kafka "could not generate a cluster id" "$log"
        return 1
      }
    fi
    cluster_id="$(tr -d '[:space:]' <"$KAFKA_DATA/cluster.id")"
    say "kafka: formatting KRaft storage (cluster id $cluster_id)"
    if ! kafka_tool kafka.tools.StorageTool format --ignore-formatted -t "$cluster_id" \
      -c "$KAFKA_CONF/server.properties" >>"$log" 2>&1; then
      fail_service kafka "could not format the KRaft storage in $KAFKA_DATA/kraft-logs" "$log"
      return 1
    fi
  fi
}

kafka_start() {
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several JVM options
  launch_java kafka "$KAFKA_DATA" $KAFKA_HEAP_OPTS \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -Djava.awt.headless=true -Dkafka.logs.dir="$INFRA_LOG" \
    -Dlog4j.configuration="file:$INFRA_SRC/kafka/log4j.properties" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_CONF/server.properties"
}
