#!/usr/bin/env bash
# The project's own Elasticsearch node: up | down | status.
#
# Fetches the pinned integ-test distribution with Maven (kept in Maven's local repository),
# unpacks it once outside the checkout, installs the en_GB hunspell dictionary into it and runs
# it as a dedicated non-root user (root) or as the current user (non-root), bound to 127.0.0.1.
#
# Environment (all optional):
#   SEARCH_PORT            HTTP port (default 9200); a cluster's first node's
#   NODES                  how many nodes (default 1); more than one makes a local cluster on
#                          HTTP ports SEARCH_PORT.. and transport ports SEARCH_TRANSPORT_PORT..
#   SEARCH_TRANSPORT_PORT  a cluster's first transport port (default SEARCH_PORT + 100)
#   SEARCH_START_TIMEOUT   seconds to wait for yellow health (default 240)
#   SEARCH_STOP_TIMEOUT    seconds to wait for a clean exit before SIGKILL (default 60)
#   SEARCH_USER            user the node runs as when started by root (default councils-search)
#   SEARCH_INSTALL_DIR     where the distribution is unpacked
#   SEARCH_STATE_DIR       where each port's data/, logs/ and pid file live
#   SEARCH_HEAP            JVM heap, e.g. 512m (default 512m)
#   MAVEN_REPO_LOCAL       Maven local repository (default ~/.m2/repository)
#   ES_JAVA_HOME           Java 17+ to run the node with (default: the machine's java)
set -euo pipefail

ES_VERSION="8.19.3"
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
SEARCH_PORT="${SEARCH_PORT:-9200}"
NODES="${NODES:-1}"
TRANSPORT_PORT="${SEARCH_TRANSPORT_PORT:-$((SEARCH_PORT + 100))}"
START_TIMEOUT="${SEARCH_START_TIMEOUT:-240}"
STOP_TIMEOUT="${SEARCH_STOP_TIMEOUT:-60}"
HEAP="${SEARCH_HEAP:-512m}"
MAVEN_REPO_LOCAL="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
ES_ZIP="$MAVEN_REPO_LOCAL/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
HUNSPELL_SOURCE="/usr/share/hunspell"
SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ "$(id -u)" -eq 0 ]; then
    AS_ROOT=1
    RUN_USER="${SEARCH_USER:-councils-search}"
    INSTALL_DIR="${SEARCH_INSTALL_DIR:-/opt/councils-search}"
    STATE_ROOT="${SEARCH_STATE_DIR:-/var/lib/councils-search}"
else
    AS_ROOT=0
    RUN_USER="$(id -un)"
    INSTALL_DIR="${SEARCH_INSTALL_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/councils-search}"
    STATE_ROOT="${SEARCH_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/councils-search}"
fi
ES_HOME="$INSTALL_DIR/elasticsearch-$ES_VERSION"
case "$NODES" in
'' | *[!0-9]* | 0) echo "error: NODES must be a whole number of nodes, 1 or more (got '$NODES')." >&2 && exit 2 ;;
esac
# A cluster's nodes keep their state apart from the single node's: a data folder belongs to one
# cluster, and the single node on the same port would refuse to join another.
if [ "$NODES" -gt 1 ]; then
    CLUSTER_NAME="councils-search-cluster-$SEARCH_PORT"
    NODE_STATE_ROOT="$STATE_ROOT/cluster-$SEARCH_PORT"
else
    CLUSTER_NAME="councils-search"
    NODE_STATE_ROOT="$STATE_ROOT"
fi
NODE_PORTS=()
for ((i = 0; i < NODES; i++)); do NODE_PORTS+=("$((SEARCH_PORT + i))"); done

# Points the per-node variables at the node whose HTTP port is $1.
select_node() {
    NODE_PORT="$1"
    STATE_DIR="$NODE_STATE_ROOT/$NODE_PORT"
    DATA_DIR="$STATE_DIR/data"
    LOG_DIR="$STATE_DIR/logs"
    PID_FILE="$STATE_DIR/elasticsearch.pid"
    STARTUP_LOG="$LOG_DIR/startup.out"
    URL="http://127.0.0.1:$NODE_PORT"
}
select_node "$SEARCH_PORT"
CLUSTER_URL="$URL"

# shellcheck source=lib/node-common.sh
. "$SCRIPTS_DIR/lib/node-common.sh"

# --- talking to the node ---------------------------------------------------------------------

# Prints the cluster status (green/yellow/red) or nothing when no node answers.
# This distribution has no `GET /`, so cluster health is the liveness probe.
cluster_status() {
    curl -fsS --max-time 2 "$URL/_cluster/health" 2>/dev/null |
        sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' || true
}

is_healthy() {
    case "$(cluster_status)" in green | yellow) return 0 ;; *) return 1 ;; esac
}

node_version() {
    curl -fsS --max-time 2 "$URL/_nodes/_local?filter_path=nodes.*.version" 2>/dev/null |
        sed -n 's/.*"version":"\([^"]*\)".*/\1/p' || true
}

# True when the node stems "councils" to "council" with the en_GB hunspell dictionary.
hunspell_works() {
    curl -fsS --max-time 5 -H 'Content-Type: application/json' "$URL/_analyze" \
        -d '{"tokenizer":"standard","filter":[{"type":"hunspell","locale":"en_GB"}],"text":"councils"}' \
        2>/dev/null | grep -q '"token":"council"'
}

# The pid from our pid file, if that process is still an Elasticsearch node.
managed_pid() { running_pid "$PID_FILE" org.elasticsearch; }

# --- prerequisites ---------------------------------------------------------------------------

find_java_home() {
    if [ -n "${ES_JAVA_HOME:-}" ]; then
        echo "$ES_JAVA_HOME"
    elif [ -n "${JAVA_HOME:-}" ]; then
        echo "$JAVA_HOME"
    elif command -v java >/dev/null 2>&1; then
        dirname "$(dirname "$(readlink -f "$(command -v java)")")"
    elif [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
        echo /usr/lib/jvm/java-17-openjdk-amd64
    fi
}

check_java() {
    JAVA_HOME_FOUND="$(find_java_home)"
    [ -n "$JAVA_HOME_FOUND" ] && [ -x "$JAVA_HOME_FOUND/bin/java" ] ||
        die "Java 17+ is required to run Elasticsearch and none was found.
       Install it (Debian: apt-get install -y openjdk-17-jre-headless) or set ES_JAVA_HOME."
    local major
    major="$("$JAVA_HOME_FOUND/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
    [ -n "$major" ] && [ "$major" -ge 17 ] ||
        die "Java 17+ is required; $JAVA_HOME_FOUND/bin/java is version '${major:-unknown}'.
       Install Java 17 (Debian: apt-get install -y openjdk-17-jre-headless) or set ES_JAVA_HOME."
}

ensure_zip() {
    [ -s "$ES_ZIP" ] && return 0
    command -v mvn >/dev/null 2>&1 ||
        die "Maven (mvn) is required to fetch Elasticsearch $ES_VERSION.
       Install it (Debian: apt-get install -y maven)."
    say "Fetching Elasticsearch $ES_VERSION (about 95 MB) from Maven Central into $MAVEN_REPO_LOCAL"
    mvn -B -Dstyle.color=never "-Dmaven.repo.local=$MAVEN_REPO_LOCAL" dependency:get \
        "-Dartifact=$ES_ARTIFACT" -Dtransitive=false ||
        die "Maven could not fetch $ES_ARTIFACT (see its output above)."
    [ -s "$ES_ZIP" ] || die "Maven finished but $ES_ZIP is missing."
}

ensure_hunspell_source() {
    [ -s "$HUNSPELL_SOURCE/en_GB.dic" ] && [ -s "$HUNSPELL_SOURCE/en_GB.aff" ] && return 0
    "$SCRIPTS_DIR/system-packages.sh" hunspell-en-gb
    [ -s "$HUNSPELL_SOURCE/en_GB.dic" ] ||
        die "The en_GB hunspell dictionary is missing from $HUNSPELL_SOURCE (Debian package hunspell-en-gb)."
}

# Unpack once into INSTALL_DIR (atomically, so an interrupted unpack is never half-used) and
# copy the dictionary in. The config folder belongs to the node's user: the node writes its
# keystore there, and the distribution ships it group-only readable.
ensure_unpacked() {
    if [ ! -x "$ES_HOME/bin/elasticsearch" ]; then
        command -v unzip >/dev/null 2>&1 || "$SCRIPTS_DIR/system-packages.sh" unzip
        say "Unpacking Elasticsearch $ES_VERSION into $ES_HOME"
        mkdir -p "$INSTALL_DIR"
        local staging
        staging="$(mktemp -d "$INSTALL_DIR/.unpack.XXXXXX")"
        unzip -q "$ES_ZIP" -d "$staging"
        mv -T "$staging/elasticsearch-$ES_VERSION" "$ES_HOME"
        rmdir "$staging"
        chmod 755 "$INSTALL_DIR"
    fi
    local target="$ES_HOME/config/hunspell/en_GB"
    if ! cmp -s "$HUNSPELL_SOURCE/en_GB.dic" "$target/en_GB.dic" ||
        ! cmp -s "$HUNSPELL_SOURCE/en_GB.aff" "$target/en_GB.aff"; then
        say "Installing the en_GB hunspell dictionary into $target"
        mkdir -p "$target"
        cp -L "$HUNSPELL_SOURCE/en_GB.aff" "$HUNSPELL_SOURCE/en_GB.dic" "$target/"
    fi
    if [ "$AS_ROOT" -eq 1 ]; then
        chown -R "$RUN_USER:" "$ES_HOME/config"
    fi
}

ensure_state_dirs() {
    mkdir -p "$DATA_DIR" "$LOG_DIR" "$STATE_DIR/tmp"
    if [ "$AS_ROOT" -eq 1 ]; then
        chown "$RUN_USER:" "$STATE_ROOT" "$NODE_STATE_ROOT"
        chown -R "$RUN_USER:" "$STATE_DIR"
        chmod 750 "$STATE_DIR"
    fi
}

# Starts the selected node in the background; the arguments are its discovery settings.
launch_node() {
    say "Starting Elasticsearch $ES_VERSION on $URL as $RUN_USER (heap $HEAP, data in $DATA_DIR)"
    local -a launch=(
        env "ES_JAVA_HOME=$JAVA_HOME_FOUND" "ES_JAVA_OPTS=-Xms$HEAP -Xmx$HEAP"
        "ES_TMPDIR=$STATE_DIR/tmp" "ES_PATH_CONF=$ES_HOME/config"
        "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE"
        "-Ecluster.name=$CLUSTER_NAME"
        "-Enode.name=councils-search-$NODE_PORT"
        "$@"
        -Enetwork.host=127.0.0.1
        "-Ehttp.port=$NODE_PORT"
        "-Epath.data=$DATA_DIR"
        "-Epath.logs=$LOG_DIR"
        -Expack.security.enabled=false
        -Ecluster.routing.allocation.disk.watermark.low=97%
        -Ecluster.routing.allocation.disk.watermark.high=98%
        -Ecluster.routing.allocation.disk.watermark.flood_stage=99%
    )
    if [ "$AS_ROOT" -eq 1 ]; then
        launch=(runuser -u "$RUN_USER" -- "${launch[@]}")
    fi
    # From /, which the node's user can always read (unlike a checkout under /root).
    (cd / && "${launch[@]}" </dev/null >"$STARTUP_LOG" 2>&1 9>&-) &
}

# Java, the distribution unpacked with its dictionary, and the user it runs as.
ensure_distribution() {
    check_java
    ensure_zip
    ensure_hunspell_source
    ensure_user Elasticsearch
    ensure_unpacked
}

# --- commands --------------------------------------------------------------------------------

print_failure() {
    printf '\nerror: %s\n' "$1" >&2
    for log in "$STARTUP_LOG" "$LOG_DIR/councils-search.log"; do
        if [ -s "$log" ]; then
            printf '\n--- last lines of %s ---\n' "$log" >&2
            tail -n 40 "$log" >&2
        fi
    done
    printf '\nLogs: %s\n' "$LOG_DIR" >&2
}

cmd_up() {
    if is_healthy; then
        say "Reusing the healthy Elasticsearch node at $URL ($(cluster_status), version $(node_version))"
        hunspell_works || echo "warning: that node cannot stem with the en_GB hunspell dictionary." >&2
        return 0
    fi
    if curl -sS --max-time 2 -o /dev/null "$URL" 2>/dev/null && ! managed_pid >/dev/null; then
        die "Something answers on port $SEARCH_PORT but is not a healthy Elasticsearch node.
       Free the port or choose another: SEARCH_PORT=9250 make search-up"
    fi

    # One `up` per port at a time (e.g. two checkouts running make test at once).
    mkdir -p "$STATE_ROOT"
    exec 9>"$STATE_ROOT/.$SEARCH_PORT.lock"
    flock -w "$START_TIMEOUT" 9 || die "Another 'search-node.sh up' on port $SEARCH_PORT is still running."
    if is_healthy; then
        say "Reusing the Elasticsearch node that another run just started at $URL"
        return 0
    fi

    ensure_distribution
    ensure_state_dirs

    local pid started
    started="$(date +%s)"
    if pid="$(managed_pid)"; then
        say "Elasticsearch is already starting (pid $pid); waiting for it"
    else
        launch_node -Ediscovery.type=single-node
    fi

    local deadline=$((started + START_TIMEOUT)) dots=0
    printf '    waiting for yellow health (up to %ss) ' "$START_TIMEOUT"
    until is_healthy; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo
            print_failure "Elasticsearch did not reach yellow health within ${START_TIMEOUT}s."
            if pid="$(managed_pid)"; then
                echo "The node (pid $pid) is still running: wait and run 'make search-status'," >&2
                echo "or stop it with 'make search-down' (SEARCH_PORT=$SEARCH_PORT)." >&2
            fi
            exit 1
        fi
        # The launcher exits once the node runs; a missing node after it exited means it failed.
        if ! managed_pid >/dev/null && ! jobs -r | grep -q . && [ "$dots" -gt 2 ]; then
            echo
            print_failure "Elasticsearch exited during start-up."
            exit 1
        fi
        printf '.'
        dots=$((dots + 1))
        sleep 1
    done
    echo
    wait || true
    say "Elasticsearch $(node_version) is $(cluster_status) at $URL after $(($(date +%s) - started))s (pid $(managed_pid || echo '?'))"
    hunspell_works || die "The node is up but cannot stem with the en_GB hunspell dictionary."
    say "en_GB hunspell stemming works"
}

cmd_down() {
    if ! managed_pid >/dev/null && is_healthy; then
        die "A node answers at $URL but was not started by this script (no live pid in $PID_FILE).
       Stop it the way it was started."
    fi
    stop_selected_node
}

stop_selected_node() {
    local pid
    if ! pid="$(managed_pid)"; then
        rm -f "$PID_FILE" 2>/dev/null || true
        say "No Elasticsearch node is running on port $NODE_PORT"
        return 0
    fi
    say "Stopping Elasticsearch (pid $pid) on port $NODE_PORT"
    kill -TERM "$pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$waited" -ge "$STOP_TIMEOUT" ]; then
            echo "warning: still running after ${STOP_TIMEOUT}s; sending SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 1
        waited=$((waited + 1))
    done
    rm -f "$PID_FILE"
    say "Stopped after ${waited}s"
}

cmd_status() {
    local status pid
    status="$(cluster_status)"
    pid="$(managed_pid || true)"
    if [ -z "$status" ]; then
        echo "Elasticsearch: not reachable at $URL${pid:+ (pid $pid is running, maybe still starting)}"
        echo "Start it with: make search-up"
        return 3
    fi
    echo "Elasticsearch: $status at $URL, version $(node_version)"
    if [ -n "$pid" ]; then
        echo "Process:       pid $pid, user $(ps -o user= -p "$pid"), RSS $(($(ps -o rss= -p "$pid") / 1024)) MiB"
        echo "Home:          $ES_HOME"
        echo "Data, logs:    $DATA_DIR, $LOG_DIR"
    else
        echo "Process:       not started by this script (no live pid in $PID_FILE)"
    fi
    if hunspell_works; then
        echo "Hunspell:      en_GB stemming works"
    else
        echo "Hunspell:      en_GB dictionary NOT available"
    fi
    case "$status" in green | yellow) return 0 ;; *) return 1 ;; esac
}

# --- a local cluster (NODES > 1) -----------------------------------------------------------

# Prints "status nodes" from the first of the cluster's nodes that answers, or nothing.
cluster_health() {
    local port answer
    for port in "${NODE_PORTS[@]}"; do
        answer="$(curl -fsS --max-time 2 "http://127.0.0.1:$port/_cluster/health" 2>/dev/null || true)"
        if [ -n "$answer" ]; then
            printf '%s %s\n' \
                "$(printf '%s' "$answer" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')" \
                "$(printf '%s' "$answer" | sed -n 's/.*"number_of_nodes":\([0-9]*\).*/\1/p')"
            return 0
        fi
    done
}

cluster_is_complete() { [ "$(cluster_health)" = "green $NODES" ]; }

# Starts every node of the cluster that is not running (so it also brings back a killed node)
# and waits until all of them have joined and every shard is allocated (green).
cluster_up() {
    if cluster_is_complete; then
        say "Reusing the green $NODES-node cluster $CLUSTER_NAME at $CLUSTER_URL"
        return 0
    fi
    mkdir -p "$STATE_ROOT"
    exec 9>"$STATE_ROOT/.cluster-$SEARCH_PORT.lock"
    flock -w "$START_TIMEOUT" 9 || die "Another 'search-node.sh up' for the cluster on $SEARCH_PORT is still running."
    if cluster_is_complete; then
        say "Reusing the cluster that another run just started at $CLUSTER_URL"
        return 0
    fi

    ensure_distribution

    local seeds="" masters="" i
    for ((i = 0; i < NODES; i++)); do
        seeds+="${seeds:+,}127.0.0.1:$((TRANSPORT_PORT + i))"
        masters+="${masters:+,}councils-search-${NODE_PORTS[$i]}"
    done
    local started pid
    started="$(date +%s)"
    for ((i = 0; i < NODES; i++)); do
        select_node "${NODE_PORTS[$i]}"
        ensure_state_dirs
        if pid="$(managed_pid)"; then
            say "Node on $URL is running (pid $pid)"
            continue
        fi
        if curl -sS --max-time 2 -o /dev/null "$URL" 2>/dev/null; then
            die "Something that this script did not start answers on port $NODE_PORT.
       Stop it (a single node: make search-down) or choose other ports: SEARCH_PORT=9210 NODES=$NODES"
        fi
        launch_node "-Etransport.port=$((TRANSPORT_PORT + i))" \
            "-Ediscovery.seed_hosts=$seeds" "-Ecluster.initial_master_nodes=$masters"
    done

    local deadline=$((started + START_TIMEOUT))
    printf '    waiting for %s nodes and green health (up to %ss) ' "$NODES" "$START_TIMEOUT"
    until cluster_is_complete; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo
            print_failure "The cluster did not reach green with $NODES nodes within ${START_TIMEOUT}s (now: $(cluster_health || true))."
            exit 1
        fi
        printf '.'
        sleep 1
    done
    echo
    wait || true
    select_node "$SEARCH_PORT"
    say "Cluster $CLUSTER_NAME is green with $NODES nodes (HTTP ports ${NODE_PORTS[*]}) after $(($(date +%s) - started))s"
    hunspell_works || die "The cluster is up but cannot stem with the en_GB hunspell dictionary."
    say "ELASTICSEARCH_URL=$(printf 'http://127.0.0.1:%s,' "${NODE_PORTS[@]}" | sed 's/,$//')"
}

cluster_down() {
    local port
    for port in "${NODE_PORTS[@]}"; do
        select_node "$port"
        stop_selected_node
    done
}

cluster_status_report() {
    local health port pid
    health="$(cluster_health)"
    if [ -z "$health" ]; then
        echo "Cluster $CLUSTER_NAME: no node answers on ports ${NODE_PORTS[*]}"
        echo "Start it with: make search-up NODES=$NODES"
        return 3
    fi
    echo "Cluster $CLUSTER_NAME: ${health% *} with ${health#* } of $NODES nodes"
    for port in "${NODE_PORTS[@]}"; do
        select_node "$port"
        if pid="$(managed_pid)"; then
            echo "Node $port:    pid $pid, data in $DATA_DIR"
        else
            echo "Node $port:    not running"
        fi
    done
    cluster_is_complete
}

if [ "$NODES" -gt 1 ]; then
    case "${1:-}" in
    up) cluster_up ;;
    down) cluster_down ;;
    status) cluster_status_report ;;
    *)
        echo "usage: NODES=$NODES $0 up|down|status   (SEARCH_PORT=$SEARCH_PORT)" >&2
        exit 2
        ;;
    esac
    exit
fi
case "${1:-}" in
up) cmd_up ;;
down) cmd_down ;;
status) cmd_status ;;
*)
    echo "usage: $0 up|down|status   (SEARCH_PORT=$SEARCH_PORT, NODES=1)" >&2
    exit 2
    ;;
esac
