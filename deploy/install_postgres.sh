#!/bin/sh
# Debian's PostgreSQL for the class-store tests and bench (`make db-deps`, run by `make test`): installed when
# missing, its cluster started, and a role and database `tl_test` (password `tl_test`, loopback only) created.
# Root only; without root it prints a note and the PostgreSQL tests skip (in CI, where this runs as root, they run).
# The app itself needs none of this: it uses SQLite unless TL_CLASS_DB names a database (README, "Hosting for a class").
set -eu
if [ "$(id -u)" != 0 ]; then
  echo "note: not root: PostgreSQL not installed or started; the class-store tests run on SQLite only" >&2
  exit 0
fi
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then  # no service start from the package: started below, the same way always
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && guard=1
  fi
  status=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } || status=$?
  [ -n "$guard" ] && rm -f /usr/sbin/policy-rc.d
  [ "$status" = 0 ] || exit "$status"
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if [ -z "$(pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v')" ]; then
  pg_createcluster "$version" main >/dev/null
fi
cluster=$(pg_lsclusters -h | awk -v v="$version" '$1 == v {print $2; exit}')
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v {print $3; exit}')
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v {print $4; exit}' | grep -q online; then
  pg_ctlcluster "$version" "$cluster" start
fi
psql_as() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"; }
i=0
until psql_as -c "select 1" >/dev/null 2>&1; do  # the server takes a moment to accept connections
  i=$((i + 1)); [ "$i" -le 60 ] || { echo "PostgreSQL did not start" >&2; exit 1; }; sleep 0.5
done
if [ "$(psql_as -c "select 1 from pg_roles where rolname = 'tl_test'")" != 1 ]; then
  psql_as -c "create role tl_test login password 'tl_test'"
fi
if [ "$(psql_as -c "select 1 from pg_database where datname = 'tl_test'")" != 1 ]; then
  psql_as -c "create database tl_test owner tl_test"
fi
echo "PostgreSQL $version ($cluster) on port $port: postgresql+psycopg://tl_test:tl_test@127.0.0.1:$port/tl_test"
