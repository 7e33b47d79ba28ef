#!/usr/bin/env bash
# Runs a command against a private, throwaway PostgreSQL server: a fresh cluster
# in a temporary directory, listening only on a unix socket there. The system
# cluster is never touched. Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail

if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "PostgreSQL is not installed: sudo apt-get install -y postgresql" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

workdir="$(mktemp -d /tmp/portal-pg.XXXXXX)"
run_as=()
if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: the cluster belongs to an unprivileged user.
    id portalci >/dev/null 2>&1 || useradd --system --no-create-home portalci
    chown portalci "$workdir"
    run_as=(runuser -u portalci --)
fi
db_user="$(if [ "$(id -u)" -eq 0 ]; then echo portalci; else id -un; fi)"

cleanup() {
    "${run_as[@]}" "$PGBIN/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap cleanup EXIT

"${run_as[@]}" "$PGBIN/initdb" -D "$workdir/data" -U "$db_user" --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$PGBIN/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
    -o "-k $workdir -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null
"${run_as[@]}" "$PGBIN/createdb" -h "$workdir" -U "$db_user" portal

export DATABASE_URL="postgres://$db_user@/portal?host=$workdir"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on $workdir"
"$@"
