#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests and benchmarks of the platform database (issue 12).
#
#   tools/postgres_test_server.sh start DIR [PORT]   initdb a cluster in DIR (if none), start it on
#                                                    127.0.0.1:PORT (default 55432) and print its
#                                                    URL (database "clerkapp", user "clerkapp")
#   tools/postgres_test_server.sh stop DIR           stop it
#
# PostgreSQL refuses to run as root: as root the cluster belongs to the "postgres" user (created
# by the Debian package). Nothing is installed here: `apt-get install postgresql` first (.ci/run).
set -euo pipefail
action=${1:?start or stop}
dir=${2:?cluster directory}
port=${3:-55432}

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    bindir=$(pg_config --bindir)
else
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$candidate/initdb" ]; then bindir=$candidate; break; fi
    done
fi
if [ -z "$bindir" ]; then
    echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "$action" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$bindir/initdb" -D "$dir/data" -A trust -U clerkapp -E UTF8 --no-locale \
            >"$dir/initdb.log" 2>&1
    fi
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null
    as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U clerkapp -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'clerkapp'" | grep -q 1 ||
        as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U clerkapp clerkapp
    echo "postgresql://clerkapp@127.0.0.1:$port/clerkapp"
    ;;
stop)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
*)
    echo "usage: $0 start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
