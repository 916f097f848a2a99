# shellcheck shell=bash
# DynamoDB Local 2.6.1 (com.amazonaws:DynamoDBLocal from Maven Central, infra/local/maven/dynamodb),
# one shared database file under .infra/data/dynamodb, started as a detached JVM.

DYNAMODB_ENDPOINT="${DYNAMODB_ENDPOINT:-http://127.0.0.1:8000}"
DYNAMODB_HEAP_OPTS="${DYNAMODB_HEAP_OPTS:--Xms64m -Xmx256m}"
INFRA_DYNAMODB_TIMEOUT="${INFRA_DYNAMODB_TIMEOUT:-$INFRA_TIMEOUT}"

parse_url "$DYNAMODB_ENDPOINT" || { err "DYNAMODB_ENDPOINT is not a URL: $DYNAMODB_ENDPOINT"; exit 2; }
DYNAMODB_HOST="$URL_HOST"
DYNAMODB_PORT="${URL_PORT:-8000}"

DYNAMODB_LIB="$INFRA_LIB/dynamodb"
DYNAMODB_DATA="$INFRA_DATA/dynamodb"

dynamodb_kind() { echo java; }
dynamodb_endpoint() { echo "$DYNAMODB_ENDPOINT"; }
dynamodb_is_local() { is_loopback "$DYNAMODB_HOST"; }
dynamodb_logfile() { log_file dynamodb; }
dynamodb_ports() { echo "$(bind_host "$DYNAMODB_HOST") $DYNAMODB_PORT"; }
dynamodb_timeout() { echo "$INFRA_DYNAMODB_TIMEOUT"; }

# Answers = a signed ListTables call returns a table list. With -sharedDb any credentials and
# region work; DynamoDB Local only wants a well-formed SigV4 request with an alphanumeric key.
dynamodb_ready() {
  local body
  body="$(curl -sS --max-time 5 -X POST "${DYNAMODB_ENDPOINT%/}/" \
    --aws-sigv4 "aws:amz:us-east-1:dynamodb" --user "local:local" \
    -H 'Content-Type: application/x-amz-json-1.0' \
    -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
    --data '{}' 2>/dev/null)" || return 1
  [[ "$body" == *'"TableNames"'* ]]
}

dynamodb_prepare() {
  require_java && ensure_libs dynamodb || return 1
  # The sqlite4java native library goes into its own folder, passed as java.library.path.
  mkdir -p "$DYNAMODB_LIB/native" "$DYNAMODB_DATA"
  if compgen -G "$DYNAMODB_LIB/*.so" >/dev/null; then
    mv -f "$DYNAMODB_LIB"/*.so "$DYNAMODB_LIB/native/"
  fi
  if ! compgen -G "$DYNAMODB_LIB/native/libsqlite4java-linux-amd64-*.so" >/dev/null; then
    fail_service dynamodb "sqlite4java native library missing in $DYNAMODB_LIB/native (only linux-amd64 is pinned)"
    return 1
  fi
}

dynamodb_start() {
  # DynamoDB Local has no bind-address option: it listens on all interfaces of DYNAMODB_PORT.
  # shellcheck disable=SC2086 # DYNAMODB_HEAP_OPTS holds several JVM options
  launch_java dynamodb "$DYNAMODB_DATA" $DYNAMODB_HEAP_OPTS -XX:+UseSerialGC \
    -Djava.library.path="$DYNAMODB_LIB/native" -Dsqlite4java.library.path="$DYNAMODB_LIB/native" \
    -cp "$DYNAMODB_LIB/*" com.amazonaws.services.dynamodbv2.local.main.ServerRunner \
    -port "$DYNAMODB_PORT" -dbPath "$DYNAMODB_DATA" -sharedDb -disableTelemetry
}
