# shellcheck shell=bash
# PostgreSQL: the machine's own cluster (a shared machine service, never stopped by "down").
# "up" starts the cluster that owns the port if it is down, installs Debian's postgresql first if
# it is missing (root + apt-get only), then creates the database named in DATABASE_URL.

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/trading}"
INFRA_POSTGRES_TIMEOUT="${INFRA_POSTGRES_TIMEOUT:-$INFRA_TIMEOUT}"

parse_url "$DATABASE_URL" || { err "DATABASE_URL is not a URL: $DATABASE_URL"; exit 2; }
PG_HOST="${URL_HOST:-127.0.0.1}"
PG_PORT="${URL_PORT:-5432}"
PG_USER="${URL_USER:-postgres}"
PG_DB="${URL_PATH#/}"
PG_DB="${PG_DB:-postgres}"
# Same server, user and options, maintenance database "postgres": used to create PG_DB.
PG_ADMIN_URL="$URL_SCHEME://${URL_USER:+$URL_USER${URL_PASS:+:$URL_PASS}@}$(host_port "$PG_HOST" "$PG_PORT")/postgres$URL_QUERY"

postgres_kind() { echo machine; }
postgres_endpoint() { echo "$(host_port "$PG_HOST" "$PG_PORT")/$PG_DB"; }
postgres_is_local() { is_loopback "$PG_HOST"; }
postgres_timeout() { echo "$INFRA_POSTGRES_TIMEOUT"; }

# The log of the local cluster that owns PG_PORT (Debian's pg_lsclusters), if any.
postgres_logfile() {
  have pg_lsclusters || return 0
  pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $7; exit }'
}

postgres_ready() {
  have pg_isready && pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -t 3
}

# psql against the maintenance database; SQL on stdin, database name in psql variable "db".
_pg_admin_sql() {
  psql "$PG_ADMIN_URL" -X -w -q -t -A -v ON_ERROR_STOP=1 -v db="$PG_DB"
}

_pg_db_exists() {
  [[ "$(echo "SELECT 1 FROM pg_database WHERE datname = :'db';" | _pg_admin_sql 2>/dev/null)" == 1 ]]
}

postgres_verify() {
  _pg_db_exists
}

postgres_prepare() {
  local installed=0
  if ! have pg_lsclusters || [[ -z "$(pg_lsclusters -h 2>/dev/null)" ]]; then
    apt_install postgresql || return 1
    installed=1
  fi
  if [[ "$(id -u)" != 0 ]]; then
    err "postgres: not root, cannot start the machine's cluster; start it yourself"
    return 1
  fi
  if ((installed)); then
    # A cluster we just installed gets trust authentication on loopback, like the machine's own.
    local hba
    hba="$(pg_lsclusters -h | awk '{ print "/etc/postgresql/" $1 "/" $2 "/pg_hba.conf"; exit }')"
    if [[ -f "$hba" ]] && ! grep -q '^# infra/local: trust loopback' "$hba"; then
      say "postgres: trust authentication for loopback connections in $hba"
      { printf '# infra/local: trust loopback\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n'
        cat "$hba"; } >"$hba.new" && cat "$hba.new" >"$hba" && rm -f "$hba.new"
    fi
  fi
}

postgres_start() {
  local version cluster
  read -r version cluster < <(pg_lsclusters -h | awk -v p="$PG_PORT" '$3 == p { print $1, $2; exit }')
  if [[ -z "$version" ]]; then
    fail_service postgres "no local PostgreSQL cluster is configured on port $PG_PORT (see pg_lsclusters)"
    return 1
  fi
  say "postgres: starting the machine's cluster $version/$cluster"
  # pg_ctlcluster waits for the server; only the infra lock fd must not leak into it.
  if ! pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >>"$INFRA_LOG/postgres.log" 2>&1 9>&-; then
    if ! postgres_ready; then
      fail_service postgres "pg_ctlcluster $version $cluster start failed" "$(postgres_logfile)"
      return 1
    fi
  fi
}

# Create the database of DATABASE_URL if it is missing.
postgres_post() {
  _pg_db_exists && return 0
  if ! echo 'CREATE DATABASE :"db";' | _pg_admin_sql >>"$INFRA_LOG/postgres.log" 2>&1 || ! _pg_db_exists; then
    fail_service postgres "could not create database $PG_DB" "$INFRA_LOG/postgres.log"
    return 1
  fi
  say "postgres: created database $PG_DB"
}
