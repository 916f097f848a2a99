# shellcheck shell=bash
# S3Proxy 2.6.0 (org.gaul:s3proxy from Maven Central, infra/local/maven/s3) with the jclouds
# filesystem backend under .infra/data/s3, started as a detached JVM; the bucket S3_BUCKET is
# created with a signed request once it answers.

S3_ENDPOINT="${S3_ENDPOINT:-http://127.0.0.1:9000}"
S3_BUCKET="${S3_BUCKET:-trading-audit}"
S3_ACCESS_KEY_ID="${S3_ACCESS_KEY_ID:-trading}"
S3_SECRET_ACCESS_KEY="${S3_SECRET_ACCESS_KEY:-trading-secret-key}"
S3_REGION="${S3_REGION:-us-east-1}"
S3PROXY_HEAP_OPTS="${S3PROXY_HEAP_OPTS:--Xms64m -Xmx256m}"
INFRA_S3_TIMEOUT="${INFRA_S3_TIMEOUT:-$INFRA_TIMEOUT}"

parse_url "$S3_ENDPOINT" || { err "S3_ENDPOINT is not a URL: $S3_ENDPOINT"; exit 2; }
S3_HOST="$URL_HOST"
S3_PORT="${URL_PORT:-80}"

S3_LIB="$INFRA_LIB/s3"
S3_DATA="$INFRA_DATA/s3"
S3_CONF="$INFRA_CONF/s3"

s3_kind() { echo java; }
s3_endpoint() { echo "$S3_ENDPOINT"; }
s3_is_local() { is_loopback "$S3_HOST"; }
s3_logfile() { log_file s3; }
s3_ports() { echo "$(bind_host "$S3_HOST") $S3_PORT"; }
s3_timeout() { echo "$INFRA_S3_TIMEOUT"; }

# s3_request METHOD PATH [OUTFILE]: a SigV4-signed request with our credentials; prints the HTTP
# status, writes the body to OUTFILE (default: discarded).
s3_request() {
  local head=()
  [[ "$1" == HEAD ]] && head=(--head)
  curl -sS --max-time 10 "${head[@]}" -o "${3:-/dev/null}" -w '%{http_code}' -X "$1" "${S3_ENDPOINT%/}$2" \
    --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "$S3_ACCESS_KEY_ID:$S3_SECRET_ACCESS_KEY" \
    -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' 2>/dev/null
}

# Answers = a signed ListBuckets request with our credentials returns an S3 bucket list
# (not just any HTTP 200 from whatever holds the port).
s3_ready() {
  local body rc=1
  body="$(mktemp)"
  if [[ "$(s3_request GET / "$body")" == 200 ]] && grep -q 'ListAllMyBucketsResult' "$body"; then rc=0; fi
  rm -f "$body"
  return "$rc"
}

# Needed for "up": the bucket exists (checked with a signed HEAD request).
s3_verify() {
  [[ "$(s3_request HEAD "/$S3_BUCKET")" == 200 ]]
}

# Java properties escaping for a value (backslashes only; our values are single-line).
_s3_prop() { printf '%s=%s\n' "$1" "${2//\\/\\\\}"; }

s3_prepare() {
  require_java && ensure_libs s3 || return 1
  mkdir -p "$S3_DATA" "$S3_CONF"
  (
    umask 077
    {
      _s3_prop s3proxy.endpoint "http://$(host_port "$(bind_host "$S3_HOST")" "$S3_PORT")"
      _s3_prop s3proxy.authorization aws-v2-or-v4
      _s3_prop s3proxy.identity "$S3_ACCESS_KEY_ID"
      _s3_prop s3proxy.credential "$S3_SECRET_ACCESS_KEY"
      _s3_prop jclouds.provider filesystem
      _s3_prop jclouds.filesystem.basedir "$S3_DATA"
      _s3_prop jclouds.regions "$S3_REGION"
    } >"$S3_CONF/s3proxy.properties"
  )
}

s3_start() {
  # shellcheck disable=SC2086 # S3PROXY_HEAP_OPTS holds several JVM options
  launch_java s3 "$S3_DATA" $S3PROXY_HEAP_OPTS -XX:+UseSerialGC \
    -DLOG_LEVEL="${S3PROXY_LOG_LEVEL:-info}" -Dlogback.configurationFile="$INFRA_SRC/s3/logback.xml" \
    -cp "$S3_LIB/*" org.gaul.s3proxy.Main --properties "$S3_CONF/s3proxy.properties"
}

# After it answers: create the bucket if it is missing, then check it is there.
s3_post() {
  local code
  if s3_verify; then
    return 0
  fi
  code="$(s3_request PUT "/$S3_BUCKET")"
  if [[ "$code" != 200 ]] || ! s3_verify; then
    fail_service s3 "could not create bucket $S3_BUCKET (PUT answered HTTP $code)" "$(s3_logfile)"
    return 1
  fi
  say "s3: created bucket $S3_BUCKET"
}
