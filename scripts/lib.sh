# Shared by the scripts of this repository: where Odoo is and how to reach PostgreSQL.
# shellcheck shell=bash

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADDON=tiep_cong_dan_truc_tuyen

# PostgreSQL connection: the libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD) are passed
# to Odoo too, so that psql/dropdb and Odoo talk to the same server.
DB_ARGS=()
[ -n "${PGHOST:-}" ] && DB_ARGS+=("--db_host=$PGHOST")
[ -n "${PGPORT:-}" ] && DB_ARGS+=("--db_port=$PGPORT")
[ -n "${PGUSER:-}" ] && DB_ARGS+=("--db_user=$PGUSER")
[ -n "${PGPASSWORD:-}" ] && DB_ARGS+=("--db_password=$PGPASSWORD")

require_odoo() {
    if ! command -v odoo >/dev/null 2>&1 || ! odoo --version 2>/dev/null | grep -q 'Odoo Server 18\.0'; then
        echo "Odoo 18.0 is not installed: the 'odoo' command (Odoo Server 18.0) was not found on PATH." >&2
        exit 2
    fi
}

# The Python interpreter that runs the `odoo` command.
odoo_python() {
    local bin shebang
    bin="$(command -v odoo)"
    shebang="$(head -n 1 "$bin")"
    case "$shebang" in
        '#!'*python*) echo "${shebang#\#!}" | awk '{print $NF ~ /python/ ? $NF : $1}' ;;
        *) command -v python3 ;;
    esac
}

# Odoo's own addons folders followed by this repository's.
addons_path() {
    local default
    default="$("$(odoo_python)" -c 'from odoo.tools import config; config.parse_config([]); print(config["addons_path"])' 2>/dev/null)"
    echo "${default:+$default,}$REPO/addons"
}

free_port() {
    "$(odoo_python)" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Whether the database "$1" exists with the addon installed.
addon_installed() {
    [ "$(psql -d "$1" -XAtc "SELECT state FROM ir_module_module WHERE name = '$ADDON'" 2>/dev/null)" = installed ]
}
