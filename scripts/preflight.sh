# The preflight of every command (sourced by lib.sh; `make preflight` runs it alone): one line
# per missing thing and how to get it, before pip, npm or PostgreSQL fail deep inside with a
# traceback. What the scripts install themselves (Debian packages when run as root, the
# virtual environment, lessc) is only announced.

# preflight [test]: check, print, and exit when something is missing that the scripts cannot
# install themselves.
preflight() {
    local test=${1:-} problems=() notes=() line package why
    # Python 3.7 and its venv module (a venv that exists already is enough).
    if [ ! -x "$VENV/bin/python" ]; then
        local py
        py=$(python37)
        if [ -z "$py" ]; then
            problems+=("Python 3.7: not found (Odoo 11 runs on 3.5 to 3.7); install it, e.g. \`pyenv install 3.7.17\`, or set CRM_PYTHON=/path/to/python3.7")
        elif ! "$py" -c 'import ensurepip, venv' 2>/dev/null; then
            problems+=("Python 3.7 at $py has no venv/ensurepip module: install python3.7-venv (Debian) or use pyenv's 3.7")
        fi
    fi
    # A C compiler only where psycopg2 must be built from source.
    if ! psycopg2_wheel && ! "$VENV/bin/python" -c 'import psycopg2' 2>/dev/null; then
        command -v gcc >/dev/null && command -v pg_config >/dev/null \
            || problems+=("C compiler and libpq headers: psycopg2-binary has no wheel for $(uname -s) $(uname -m), so psycopg2 is built from source: apt-get install gcc libpq-dev")
    fi
    # Debian packages: installed by the scripts when run as root, else asked for.
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        package=${line%%:*} why=${line#*: }
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            notes+=("$package: missing; the scripts install it with apt-get, as you are root ($why)")
        else
            problems+=("$package: missing (needed for $why): apt-get install $package, as root")
        fi
    done < <(missing_apt_packages "$test")
    # PostgreSQL: version and pg_trgm, on the server named or in the embedded cluster.
    if [ -n "$(external_db_host)" ]; then
        preflight_server
    else
        preflight_embedded
    fi
    if [ -z "$test" ] && ! command -v wkhtmltopdf >/dev/null; then
        notes+=("wkhtmltopdf: missing; printing quotations and invoices (PDF reports) needs it: apt-get install wkhtmltopdf")
    fi
    for line in "${notes[@]}"; do printf 'preflight: %s\n' "$line"; done
    [ ${#problems[@]} -eq 0 ] && return
    for line in "${problems[@]}"; do printf 'missing: %s\n' "$line" >&2; done
    die "$(printf '%d thing(s) missing: see the lines above, and README.md, "Setting up"' ${#problems[@]})"
}

# The embedded cluster's server binaries: version 10 or later, pg_trgm available.
preflight_embedded() {
    local pgbin version
    pgbin=${CRM_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
    [ -x "$pgbin/postgres" ] || return 0  # missing_apt_packages has said so
    version=$("$pgbin/postgres" --version | sed -n 's/.* \([0-9][0-9.]*\).*/\1/p')
    if [ "${version%%.*}" -lt 10 ]; then
        problems+=("PostgreSQL 10 or later: $pgbin is $version; apt-get install postgresql (Debian 12 has 15), or set CRM_PGBIN")
    elif [ ! -f "$("$pgbin/pg_config" --sharedir 2>/dev/null)/extension/pg_trgm.control" ] \
            && [ ! -f "/usr/share/postgresql/${version%%.*}/extension/pg_trgm.control" ]; then
        problems+=("pg_trgm: PostgreSQL $version has no pg_trgm extension (the duplicate check needs it): install the server's contrib package (Debian: postgresql-${version%%.*}; elsewhere postgresql-contrib)")
    fi
}

# A server of the user's: reachable, version 10 or later, pg_trgm available, and the role may
# create databases and pg_trgm (or a DBA created pg_trgm in template1 beforehand).
preflight_server() {
    local host port user answer version available super createdb in_template
    host=$(external_db_host)
    port=${PGPORT:-$(conf_value db_port)}
    user=${PGUSER:-$(conf_value db_user)}
    user=${user:-$(id -un)}
    if ! command -v psql >/dev/null; then
        problems+=("psql: missing; the scripts talk to your PostgreSQL server $host with it: apt-get install postgresql-client")
        return
    fi
    if [ "$user" = postgres ]; then
        problems+=("database role: Odoo refuses to run as postgres; create a role for it (createuser --createdb $(id -un)) and set PGUSER or db_user")
        return
    fi
    if [ -n "$(conf_value db_password)" ]; then
        export PGPASSWORD=${PGPASSWORD:-$(conf_value db_password)}
    fi
    if ! answer=$(PGHOST=$host PGPORT=${port:-5432} PGUSER=$user PGCONNECT_TIMEOUT=10 psql -XAtq \
            -d template1 -F ' ' -c "SELECT current_setting('server_version_num')::int,
                (SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'),
                rolsuper, rolcreatedb,
                (SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm')
            FROM pg_roles WHERE rolname = current_user" 2>&1); then
        problems+=("PostgreSQL server: cannot connect to $host port ${port:-5432} as $user ($(echo "$answer" | head -n1)): set PGHOST, PGPORT, PGUSER and PGPASSWORD (or db_host, db_port, db_user, db_password in odoo.conf)")
        return
    fi
    read -r version available super createdb in_template <<<"$answer"
    if [ "$version" -lt 100000 ]; then
        problems+=("PostgreSQL 10 or later: the server at $host is $((version / 10000)).$((version % 100))")
    fi
    if [ "$available" = 0 ]; then
        problems+=("pg_trgm: the server at $host does not have the extension (the duplicate check needs it): install its contrib package (postgresql-contrib)")
    fi
    if [ "$super" != t ] && [ "$createdb" != t ]; then
        problems+=("database role: $user may not create databases: as a superuser, ALTER ROLE \"$user\" CREATEDB")
    fi
    # pg_trgm is a trusted extension from PostgreSQL 13: a database's owner creates it.
    if [ "$super" != t ] && [ "$version" -lt 130000 ] && [ "$in_template" = 0 ]; then
        problems+=("pg_trgm: $user is no superuser and PostgreSQL before 13 lets only superusers create it: ask a DBA to run CREATE EXTENSION pg_trgm in template1 (every new database then has it)")
    fi
}
