#!/usr/bin/env bash
# The streaming replica (docker-compose.prod.yml): on its first start, a base backup of the primary with its
# standby configuration (pg_basebackup -R) and a replication slot, then the official image's entrypoint runs it
# as a hot standby that Odoo reads through db_replica_host.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready -h "$PRIMARY_HOST" -U replicator -d postgres -q; do sleep 1; done
    export PGPASSWORD="$REPLICATION_PASSWORD"
    pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -R -X stream -C -S "${REPLICATION_SLOT:-replica1}" -P
    chmod 700 "$PGDATA"
fi
exec docker-entrypoint.sh postgres -c hot_standby=on -c jit=off "$@"
