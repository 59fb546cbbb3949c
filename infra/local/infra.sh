#!/usr/bin/env bash
# infra/local/infra.sh: local NATS JetStream and MongoDB-wire servers without Docker.
#
# It runs a nats-server (JetStream) and FerretDB (a MongoDB-wire server on SQLite)
# as background processes bound to 127.0.0.1, with data and logs kept under one
# directory. Both binaries are built once with the Go toolchain and cached.
#
#   bash infra/local/infra.sh help          # usage and environment variables
#   eval "$(bash infra/local/infra.sh env)"  # export NATS_URL / MONGO_URL
#
# See infra/README.md for the other ways to get servers (env overrides, Docker).
set -euo pipefail

readonly NATS_VERSION=v2.12.0
readonly NATS_MIN_MAJOR=2
readonly NATS_MIN_MINOR=10 # multiple consumer filter subjects need nats-server >= 2.10
readonly FERRETDB_VERSION=v1.24.2
# Our build of it: upstream plus infra/ferretdb/aiplat.patch (docs/decisions/0003-ferretdb-patches.md).
readonly FERRETDB_BUILD=${FERRETDB_VERSION}-aiplat.4
readonly MARKER_FILE=.aiplat-infra

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd -P)
readonly SCRIPT_DIR REPO_ROOT

# ---------------------------------------------------------------------------
# messages
# ---------------------------------------------------------------------------

log() {
  local line
  while IFS= read -r line; do
    printf '[infra] %s\n' "$line" >&2
  done <<<"$*"
}

die() {
  log "error: $*"
  exit 1
}

usage() {
  cat <<EOF
Usage: bash infra/local/infra.sh <command>

Local NATS JetStream (nats-server ${NATS_VERSION}) and MongoDB-wire server
(FerretDB ${FERRETDB_VERSION} on SQLite) for development and integration tests,
without Docker. Servers listen on 127.0.0.1 only.

Commands:
  install      build/cache both binaries (needs Go; a second run is instant)
  start        install, then start both servers in the background and wait until ready
  stop         stop the servers started by this script (TERM, KILL after 10 s)
  restart      stop, then start
  status       show state, pid, ports and readiness (exit 1 if something is not ready)
  env          print 'export NATS_URL=...' and 'export MONGO_URL=...' lines:
                 eval "\$(bash infra/local/infra.sh env)"
  bin <name>   print the absolute path of a binary (nats-server|ferretdb), installing it if needed
  reset        stop, then delete data and logs under the infra directory
  cluster <command> [N]
               a 3-node JetStream cluster 'aiplat' on 127.0.0.1 after infra/nats/cluster/,
               for replicas = 3 and failover drills; independent of 'start':
                 cluster start [N]   start the nodes (or node N) and wait until healthy
                 cluster stop [N]    stop the nodes (or node N): TERM, KILL after 10 s
                 cluster restart [N] stop, then start
                 cluster kill N      kill -9 node N, as a crash would ('cluster start N' brings it back)
                 cluster status      state, ports and health of each node, and the meta leader
                 cluster env         print 'export NATS_URL=<all three>' and 'export NATS_STREAM_REPLICAS=3'
                 cluster conf N      write node N's configuration from NATS_CLUSTER_<N>_* and print its path
                 cluster reset       stop, then delete the cluster's data and logs
  help         this text

Environment:
  NATS_URL             use this NATS instead of starting one (e.g. nats://127.0.0.1:4222)
  MONGO_URL            use this MongoDB-wire server instead of starting FerretDB
  NATS_PORT            client port                      (default 4222)
  NATS_MONITOR_PORT    HTTP monitoring port             (default 8222)
  MONGO_PORT           MongoDB-wire port of FerretDB    (default 27017)
  FERRETDB_DEBUG_PORT  FerretDB debug/health HTTP port  (default 8088)
  AIPLAT_BIN_DIR       binary cache        (default \$HOME/.cache/aiplat/bin)
  AIPLAT_INFRA_DIR     data, logs and pids (default <repo>/.local/infra)
  AIPLAT_START_TIMEOUT seconds to wait for readiness (default 30)
  NATS_CLUSTER_<N>_PORT, NATS_CLUSTER_<N>_ROUTE_PORT, NATS_CLUSTER_<N>_MONITOR_PORT
                       client, route and monitoring port of cluster node N (1-3)
                       (defaults 424N, 624N and 824N: 4241, 6241 and 8241 for node 1)
  NATS_CLUSTER_ACCOUNTS accounts file every cluster node includes (made from
                       infra/nats/accounts.example.conf); unset: no accounts, no auth

Current settings:
  binaries: ${BIN_DIR}
  data:     ${INFRA_DIR}
EOF
}

# ---------------------------------------------------------------------------
# settings
# ---------------------------------------------------------------------------

abspath() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$PWD" "$1" ;;
  esac
}

if [[ -z ${AIPLAT_BIN_DIR:-} && -z ${HOME:-} ]]; then
  die "HOME is not set; set AIPLAT_BIN_DIR to the directory for cached binaries"
fi
BIN_DIR=$(abspath "${AIPLAT_BIN_DIR:-$HOME/.cache/aiplat/bin}")
# One file per build of FerretDB, so checkouts that want different builds never replace each other's.
FERRETDB_BIN=$BIN_DIR/ferretdb-$FERRETDB_BUILD
INFRA_DIR=$(abspath "${AIPLAT_INFRA_DIR:-$REPO_ROOT/.local/infra}")
START_TIMEOUT=${AIPLAT_START_TIMEOUT:-30}

# Remember which ports were given explicitly, to warn when they disagree with a running server.
PORTS_GIVEN="${NATS_PORT:+NATS_PORT }${NATS_MONITOR_PORT:+NATS_MONITOR_PORT }${MONGO_PORT:+MONGO_PORT }${FERRETDB_DEBUG_PORT:+FERRETDB_DEBUG_PORT}"
NATS_PORT=${NATS_PORT:-4222}
NATS_MONITOR_PORT=${NATS_MONITOR_PORT:-8222}
MONGO_PORT=${MONGO_PORT:-27017}
FERRETDB_DEBUG_PORT=${FERRETDB_DEBUG_PORT:-8088}

NATS_DIR=$INFRA_DIR/nats
NATS_CONF=$NATS_DIR/nats.conf
FERRETDB_DIR=$INFRA_DIR/ferretdb

validate_settings() {
  local var val
  for var in NATS_PORT NATS_MONITOR_PORT MONGO_PORT FERRETDB_DEBUG_PORT; do
    val=${!var}
    if ! [[ $val =~ ^[0-9]{1,5}$ ]] || ((10#$val < 1 || 10#$val > 65535)); then
      die "$var must be a TCP port number (1-65535), got '$val'"
    fi
    printf -v "$var" '%d' "$((10#$val))"
  done
  if ! [[ $START_TIMEOUT =~ ^[0-9]+$ ]] || ((START_TIMEOUT < 1)); then
    die "AIPLAT_START_TIMEOUT must be a whole number of seconds, got '$START_TIMEOUT'"
  fi
}

# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------

have() { command -v "$1" >/dev/null 2>&1; }

# Hide credentials in URLs before printing them.
redact_url() {
  printf '%s\n' "$1" | sed -E 's#(://)[^/@]*@#\1***@#g'
}

# Percent-encode a filesystem path for a file: URL (FerretDB's --sqlite-url decodes it).
url_path_escape() {
  local LC_ALL=C s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      [A-Za-z0-9/._~-]) out+=$c ;;
      *)
        printf -v c '%%%02X' "'$c"
        out+=$c
        ;;
    esac
  done
  printf '%s\n' "$out"
}

# HTTP GET; true when the response status is 200.
http_ok() {
  local url=$1
  if have curl; then
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null
    return
  fi
  if have wget; then
    wget -q -O /dev/null -T 2 "$url" 2>/dev/null
    return
  fi
  # Fallback: bash's /dev/tcp, for http://host:port/path only.
  local rest=${url#http://} hostport path host port
  hostport=${rest%%/*}
  path=/${rest#*/}
  host=${hostport%:*}
  port=${hostport##*:}
  (
    exec 3<>"/dev/tcp/$host/$port" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&3
    IFS= read -r -t 2 status_line <&3 || exit 1
    [[ $status_line == HTTP/1.?" 200"* ]]
  ) 2>/dev/null
}

# True when something accepts TCP connections on 127.0.0.1:<port>.
tcp_open_local() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Describe the listener on <port> ("python3 (pid 123)", "a process") or fail if the port is free.
port_user() {
  local port=$1 line who
  if have ss; then
    line=$(ss -ltnp 2>/dev/null | awk -v p=":$port" '$4 ~ (p "$") { print; exit }') || line=
    if [[ -n $line ]]; then
      who=$(printf '%s\n' "$line" | sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 (pid \2)/p')
      printf '%s\n' "${who:-another process}"
      return 0
    fi
  elif have lsof; then
    line=$(lsof -nP -iTCP:"$port" -sTCP:LISTEN 2>/dev/null | awk 'NR == 2 { print $1 " (pid " $2 ")"; exit }') || line=
    if [[ -n $line ]]; then
      printf '%s\n' "$line"
      return 0
    fi
  fi
  if tcp_open_local "$port"; then
    printf 'another process\n'
    return 0
  fi
  return 1
}

# True when <pid> is a live (non-zombie) process.
alive() {
  local st
  kill -0 "$1" 2>/dev/null || return 1
  st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $st != Z* ]]
}

pid_file() { printf '%s/%s.pid\n' "$INFRA_DIR" "$1"; }
ports_file() { printf '%s/%s.ports\n' "$INFRA_DIR" "$1"; }
log_file() { printf '%s/%s.log\n' "$INFRA_DIR" "$1"; }

# Print the pid of our running server <name> (nats|ferretdb); fail if it is not running.
# A pid counts as ours only if its command line names our config/state directory,
# so a recycled pid or a server started by hand is never mistaken for ours.
running_pid() {
  local name=$1 pf pid args marker
  pf=$(pid_file "$name")
  [[ -f $pf ]] || return 1
  pid=$(tr -cd '0-9' <"$pf")
  [[ -n $pid ]] || return 1
  alive "$pid" || return 1
  args=$(ps -ww -o args= -p "$pid" 2>/dev/null) || return 1
  case $name in
    nats) marker=$NATS_CONF ;;
    ferretdb) marker=$FERRETDB_DIR ;;
    nats-cluster-[1-3]) marker=$(cluster_node_conf "${name#nats-cluster-}") ;;
    *) return 1 ;;
  esac
  [[ $args == *"$marker"* ]] || return 1
  printf '%s\n' "$pid"
}

# When our server is running, the ports it was started with win over the environment.
adopt_running_ports() {
  local name a b pf
  for name in nats ferretdb; do
    pf=$(ports_file "$name")
    running_pid "$name" >/dev/null || continue
    [[ -f $pf ]] || continue
    read -r a b <"$pf" || continue
    [[ $a =~ ^[0-9]+$ && $b =~ ^[0-9]+$ ]] || continue
    if [[ $name == nats ]]; then
      if [[ $PORTS_GIVEN == *NATS_* && ($a != "$NATS_PORT" || $b != "$NATS_MONITOR_PORT") ]]; then
        log "note: nats is already running on ports $a/$b; ignoring NATS_PORT=$NATS_PORT NATS_MONITOR_PORT=$NATS_MONITOR_PORT (run 'stop' first to change them)"
      fi
      NATS_PORT=$a
      NATS_MONITOR_PORT=$b
    else
      if [[ $PORTS_GIVEN == *MONGO_PORT* || $PORTS_GIVEN == *FERRETDB_* ]] && [[ $a != "$MONGO_PORT" || $b != "$FERRETDB_DEBUG_PORT" ]]; then
        log "note: ferretdb is already running on ports $a/$b; ignoring MONGO_PORT=$MONGO_PORT FERRETDB_DEBUG_PORT=$FERRETDB_DEBUG_PORT (run 'stop' first to change them)"
      fi
      MONGO_PORT=$a
      FERRETDB_DEBUG_PORT=$b
    fi
  done
}

nats_health_url() { printf 'http://127.0.0.1:%s/healthz?js-enabled-only=true\n' "$NATS_MONITOR_PORT"; }
ferretdb_health_url() { printf 'http://127.0.0.1:%s/debug/readyz\n' "$FERRETDB_DEBUG_PORT"; }

# ---------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------

LOCK_HELD=0
WORK_TMP=

cleanup() {
  if [[ -n $WORK_TMP && -d $WORK_TMP ]]; then
    chmod -R u+w "$WORK_TMP" 2>/dev/null || true
    rm -rf -- "$WORK_TMP"
  fi
}
trap cleanup EXIT

# Serialise concurrent installs (e.g. several test workers calling 'bin') when flock exists.
lock_acquire() {
  mkdir -p "$BIN_DIR"
  ((LOCK_HELD)) && return 0
  if have flock; then
    exec 9>"$BIN_DIR/.install.lock"
    if ! flock -n 9; then
      log "waiting for another infra.sh install to finish…"
      flock 9
    fi
    LOCK_HELD=1
  fi
}

lock_release() {
  if ((LOCK_HELD)); then
    exec 9>&-
    LOCK_HELD=0
  fi
}

require_go() {
  local what=$1 v major minor
  if ! have go; then
    die "the Go toolchain ('go') is needed to build $what, but 'go' is not on PATH.
Install Go 1.24 or newer from https://go.dev/dl/ (or e.g. 'brew install go'; distribution
packages such as Debian's golang-go are often too old), make sure 'go version' works, then re-run.
Alternatives without Go: set NATS_URL / MONGO_URL to existing servers, or use Docker
('docker compose up -d' at the repository root). See infra/README.md."
  fi
  v=$(go env GOVERSION 2>/dev/null) || v=
  if [[ $v =~ ^go([0-9]+)\.([0-9]+) ]]; then
    major=${BASH_REMATCH[1]}
    minor=${BASH_REMATCH[2]}
    if ((major == 1 && minor < 21)); then
      die "$v is too old to build $what: install Go 1.24 or newer from https://go.dev/dl/"
    fi
  fi
}

# True when binary <path> runs and is nats-server >= 2.10.
nats_version_ok() {
  local out major minor
  out=$("$1" --version 2>/dev/null) || return 1
  [[ $out =~ v([0-9]+)\.([0-9]+) ]] || return 1
  major=${BASH_REMATCH[1]}
  minor=${BASH_REMATCH[2]}
  ((major > NATS_MIN_MAJOR || (major == NATS_MIN_MAJOR && minor >= NATS_MIN_MINOR)))
}

# Path of a usable nats-server: one on PATH if recent enough, else the cached one.
nats_bin_path() {
  local p
  if p=$(command -v nats-server 2>/dev/null) && [[ -n $p ]] && nats_version_ok "$p"; then
    abspath "$p"
    return 0
  fi
  p=$BIN_DIR/nats-server
  if [[ -x $p ]] && nats_version_ok "$p"; then
    printf '%s\n' "$p"
    return 0
  fi
  return 1
}

install_nats() {
  local p onpath tmp
  if p=$(nats_bin_path); then
    log "nats-server: $p ($("$p" --version 2>/dev/null | head -n 1))"
    return 0
  fi
  if onpath=$(command -v nats-server 2>/dev/null) && [[ -n $onpath ]]; then
    log "nats-server on PATH ($onpath) is older than ${NATS_MIN_MAJOR}.${NATS_MIN_MINOR} (multiple filter subjects need >= 2.10); building ${NATS_VERSION} instead"
  fi
  require_go "nats-server"
  lock_acquire
  if ! p=$(nats_bin_path); then
    log "building nats-server ${NATS_VERSION} from the Go module proxy (first run takes a minute or two)…"
    tmp=$(mktemp -d "$BIN_DIR/.build-nats.XXXXXX")
    WORK_TMP=$tmp
    if ! (cd "$tmp" && GOBIN="$tmp/bin" GOFLAGS=-buildvcs=false GOWORK=off \
      go install "github.com/nats-io/nats-server/v2@${NATS_VERSION}") >&2 9>&-; then
      lock_release
      die "building nats-server ${NATS_VERSION} failed (see the go output above)"
    fi
    if ! nats_version_ok "$tmp/bin/nats-server"; then
      lock_release
      die "the freshly built nats-server does not run ($tmp/bin/nats-server --version failed)"
    fi
    mv -f "$tmp/bin/nats-server" "$BIN_DIR/nats-server"
    cleanup
    WORK_TMP=
    p=$BIN_DIR/nats-server
    log "nats-server ${NATS_VERSION} installed: $p"
  fi
  lock_release
}

# True when binary <path> is FerretDB of the pinned version and starts far enough to say so.
ferretdb_version_ok() {
  local out
  [[ -x $1 ]] || return 1
  out=$("$1" --version 2>/dev/null) || return 1
  [[ $out == *"version: ${FERRETDB_BUILD}"* ]]
}

install_ferretdb() {
  local bin=$FERRETDB_BIN tmp json src
  if ferretdb_version_ok "$bin"; then
    log "ferretdb: $bin (${FERRETDB_VERSION})"
    return 0
  fi
  require_go "FerretDB"
  lock_acquire
  if ! ferretdb_version_ok "$bin"; then
    if [[ -e $bin ]]; then
      log "ferretdb: $bin is not a working ${FERRETDB_VERSION} build; rebuilding it"
    fi
    log "building FerretDB ${FERRETDB_VERSION#v} from the Go module proxy (first run takes a few minutes)…"
    tmp=$(mktemp -d "$BIN_DIR/.build-ferretdb.XXXXXX")
    WORK_TMP=$tmp
    log "  [1/3] downloading module github.com/FerretDB/FerretDB@${FERRETDB_VERSION}…"
    # Run outside any Go module so the download is not tied to a go.mod.
    if ! json=$(cd "$tmp" && GOFLAGS=-buildvcs=false GOWORK=off \
      go mod download -json "github.com/FerretDB/FerretDB@${FERRETDB_VERSION}" 9>&-); then
      lock_release
      die "go mod download github.com/FerretDB/FerretDB@${FERRETDB_VERSION} failed:
${json:-(no output)}"
    fi
    src=
    if [[ $json =~ \"Dir\":[[:space:]]*\"([^\"]+)\" ]]; then
      src=${BASH_REMATCH[1]}
    fi
    if [[ -z $src || ! -d $src/cmd/ferretdb || ! -d $src/build/version ]]; then
      lock_release
      die "could not find the FerretDB sources in the Go module cache (go mod download printed: ${json:-nothing})"
    fi
    log "  [2/3] preparing sources (adding build/version/version.txt, which the module lacks, and infra/ferretdb/aiplat.patch)…"
    cp -R "$src" "$tmp/src"
    chmod -R u+w "$tmp/src"
    printf '%s\n' "$FERRETDB_BUILD" >"$tmp/src/build/version/version.txt"
    # Two fixes, explained in the patch and in docs/decisions/0003-ferretdb-patches.md:
    # lookups by _id use the _id index, and update/findAndModify/delete are atomic per document.
    if ! (cd "$tmp/src" && patch --batch --forward -p1 --quiet <"$REPO_ROOT/infra/ferretdb/aiplat.patch") >&2; then
      lock_release
      die "infra/ferretdb/aiplat.patch no longer applies to FerretDB ${FERRETDB_VERSION}"
    fi
    log "  [3/3] compiling ./cmd/ferretdb…"
    mkdir -p "$tmp/bin"
    if ! (cd "$tmp/src" && GOFLAGS=-buildvcs=false GOWORK=off \
      go build -o "$tmp/bin/ferretdb" ./cmd/ferretdb) >&2 9>&-; then
      lock_release
      die "building FerretDB ${FERRETDB_VERSION} failed (see the go output above)"
    fi
    if ! ferretdb_version_ok "$tmp/bin/ferretdb"; then
      lock_release
      die "the freshly built ferretdb does not report ${FERRETDB_BUILD} ('ferretdb --version' failed)"
    fi
    mv -f "$tmp/bin/ferretdb" "$bin"
    cleanup
    WORK_TMP=
    log "ferretdb ${FERRETDB_BUILD} installed: $bin"
  fi
  lock_release
}

# ---------------------------------------------------------------------------
# start / stop
# ---------------------------------------------------------------------------

ensure_infra_dir() {
  mkdir -p "$INFRA_DIR"
  if [[ ! -f $INFRA_DIR/$MARKER_FILE ]]; then
    printf 'Created by infra/local/infra.sh; "infra.sh reset" only deletes inside directories holding this file.\n' \
      >"$INFRA_DIR/$MARKER_FILE"
  fi
}

# Quote a string for the NATS configuration format.
nats_conf_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

write_nats_conf() {
  mkdir -p "$NATS_DIR/data"
  cat >"$NATS_CONF" <<EOF
# Generated by infra/local/infra.sh on every start; edits are overwritten.
server_name: aiplat-local
listen: 127.0.0.1:${NATS_PORT}
http: 127.0.0.1:${NATS_MONITOR_PORT}
# Same limit as infra/nats/cluster/*.conf, so local runs catch oversized messages.
max_payload: 1MB
jetstream {
  store_dir: $(nats_conf_string "$NATS_DIR/data")
}
EOF
}

# launch <name> <binary> <args...>: start in the background, detached from this shell,
# and set LAUNCHED_PID. The child writes its own pid before exec'ing the server, so the
# pid file is exact even when setsid has to fork.
LAUNCHED_PID=
launch() {
  local name=$1 pf lf i pid=''
  shift
  pf=$(pid_file "$name")
  lf=$(log_file "$name")
  rm -f "$pf"
  printf '\n=== %s infra.sh start: %s ===\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$*" >>"$lf"
  local detach=(nohup)
  if have setsid; then
    detach=(setsid)
  fi
  # shellcheck disable=SC2016 # $$ and $@ are expanded by the child bash, on purpose.
  "${detach[@]}" bash -c 'printf "%s\n" "$$" >"$1"; shift; exec "$@"' infra-launch "$pf" "$@" \
    </dev/null >>"$lf" 2>&1 9>&- &
  disown "$!" 2>/dev/null || true # no "Killed" job notices from this shell
  for ((i = 0; i < 50; i++)); do
    if [[ -s $pf ]]; then
      pid=$(tr -cd '0-9' <"$pf")
      [[ -n $pid ]] && break
    fi
    sleep 0.1
  done
  if [[ -z $pid ]]; then
    show_log_tail "$name"
    die "$name: the process did not start (no pid file $pf)"
  fi
  LAUNCHED_PID=$pid
}

# Print the end of a server's log, from the most recent start only.
show_log_tail() {
  local lf from
  lf=$(log_file "$1")
  if [[ ! -s $lf ]]; then
    log "($lf is empty)"
    return 0
  fi
  from=$(awk '/^=== .* infra\.sh start: / { n = NR } END { print n + 0 }' "$lf")
  log "last lines of $lf:"
  tail -n "+$((from > 0 ? from : 1))" "$lf" | tail -n 40 | sed 's/^/    /' >&2
}

# wait_ready <name> <pid> <url>
wait_ready() {
  local name=$1 pid=$2 url=$3 deadline
  deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if http_ok "$url"; then
      return 0
    fi
    if ! alive "$pid"; then
      log "$name (pid $pid) exited during startup"
      show_log_tail "$name"
      return 1
    fi
    sleep 0.25
  done
  http_ok "$url" && return 0
  log "$name (pid $pid) is not ready after ${START_TIMEOUT}s ($url)"
  show_log_tail "$name"
  return 1
}

# Check that the ports a server needs are free; print one line per problem.
port_problems() {
  local name=$1 var port who
  shift
  for var in "$@"; do
    port=${!var}
    if who=$(port_user "$port"); then
      printf '%s\n' "port $port ($var) is already in use by $who, which is not a $name started by infra.sh; set $var to a free port (or stop that process)"
    fi
  done
}

start_nats() {
  local bin
  bin=$(nats_bin_path) || die "nats-server is not installed (run: bash infra/local/infra.sh install)"
  write_nats_conf
  launch nats "$bin" -c "$NATS_CONF"
  printf '%s %s\n' "$NATS_PORT" "$NATS_MONITOR_PORT" >"$(ports_file nats)"
  log "nats: started pid $LAUNCHED_PID (nats://127.0.0.1:$NATS_PORT, monitor :$NATS_MONITOR_PORT, log $(log_file nats))"
}

start_ferretdb() {
  ferretdb_version_ok "$FERRETDB_BIN" || die "ferretdb is not installed (run: bash infra/local/infra.sh install)"
  mkdir -p "$FERRETDB_DIR/data"
  launch ferretdb "$FERRETDB_BIN" \
    --handler=sqlite \
    "--sqlite-url=file:$(url_path_escape "$FERRETDB_DIR/data")/?_pragma=synchronous(normal)" \
    "--listen-addr=127.0.0.1:$MONGO_PORT" \
    "--state-dir=$FERRETDB_DIR" \
    --telemetry=disable \
    "--debug-addr=127.0.0.1:$FERRETDB_DEBUG_PORT" \
    --log-level=WARN
  printf '%s %s\n' "$MONGO_PORT" "$FERRETDB_DEBUG_PORT" >"$(ports_file ferretdb)"
  log "ferretdb: started pid $LAUNCHED_PID (mongodb://127.0.0.1:$MONGO_PORT, debug :$FERRETDB_DEBUG_PORT, log $(log_file ferretdb))"
}

# stop_one <name>: TERM, wait up to 10 s, then KILL. Only touches pids recorded by us.
stop_one() {
  local name=$1 pf pid i
  pf=$(pid_file "$name")
  if ! pid=$(running_pid "$name"); then
    if [[ -f $pf ]]; then
      rm -f "$pf" "$(ports_file "$name")"
      log "$name: not running (removed stale pid file)"
    else
      log "$name: not running"
    fi
    return 0
  fi
  log "$name: stopping pid $pid…"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then
    log "$name: still running after 10 s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      alive "$pid" || break
      sleep 0.1
    done
    alive "$pid" && die "$name: pid $pid survived KILL"
  fi
  rm -f "$pf" "$(ports_file "$name")"
  log "$name: stopped"
}

# ---------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------

cmd_install() {
  install_nats
  install_ferretdb
}

cmd_start() {
  local want_nats=0 want_ferretdb=0 pid problems=() line nats_pid='' ferretdb_pid='' failed=0
  adopt_running_ports

  if [[ -n ${NATS_URL:-} ]]; then
    log "nats: NATS_URL is set; using $(redact_url "$NATS_URL") and not starting a local nats-server"
  elif pid=$(running_pid nats); then
    log "nats: already running (pid $pid, nats://127.0.0.1:$NATS_PORT)"
    nats_pid=$pid
  else
    want_nats=1
  fi
  if [[ -n ${MONGO_URL:-} ]]; then
    log "ferretdb: MONGO_URL is set; using $(redact_url "$MONGO_URL") and not starting FerretDB"
  elif pid=$(running_pid ferretdb); then
    log "ferretdb: already running (pid $pid, mongodb://127.0.0.1:$MONGO_PORT)"
    ferretdb_pid=$pid
  else
    want_ferretdb=1
  fi

  # FerretDB hands the data path to SQLite as a URI, where '#', '?' and '%' have meanings.
  if ((want_ferretdb)); then
    case $FERRETDB_DIR in
      *[#?%]*) die "the data path '$FERRETDB_DIR' contains '#', '?' or '%', which FerretDB's SQLite backend cannot use; set AIPLAT_INFRA_DIR to another directory" ;;
      *) ;;
    esac
  fi

  # Check every port before starting anything, so a conflict leaves nothing half-started.
  local ports=()
  ((want_nats)) && ports+=("$NATS_PORT" "$NATS_MONITOR_PORT")
  ((want_ferretdb)) && ports+=("$MONGO_PORT" "$FERRETDB_DEBUG_PORT")
  if ((${#ports[@]} > 0)) && [[ $(printf '%s\n' "${ports[@]}" | sort -u | wc -l) -ne ${#ports[@]} ]]; then
    die "NATS_PORT, NATS_MONITOR_PORT, MONGO_PORT and FERRETDB_DEBUG_PORT must all differ (got ${ports[*]})"
  fi
  if ((want_nats)); then
    while IFS= read -r line; do
      [[ -n $line ]] && problems+=("$line")
    done < <(port_problems nats-server NATS_PORT NATS_MONITOR_PORT)
  fi
  if ((want_ferretdb)); then
    while IFS= read -r line; do
      [[ -n $line ]] && problems+=("$line")
    done < <(port_problems FerretDB MONGO_PORT FERRETDB_DEBUG_PORT)
  fi
  if ((${#problems[@]} > 0)); then
    for line in "${problems[@]}"; do
      log "error: $line"
    done
    log "to use servers that are already running instead, set NATS_URL / MONGO_URL (see infra/README.md)"
    exit 1
  fi

  ((want_nats)) && install_nats
  ((want_ferretdb)) && install_ferretdb

  if ((want_nats || want_ferretdb)); then
    ensure_infra_dir
  fi
  if ((want_nats)); then
    start_nats
    nats_pid=$LAUNCHED_PID
  fi
  if ((want_ferretdb)); then
    start_ferretdb
    ferretdb_pid=$LAUNCHED_PID
  fi

  if [[ -n $nats_pid ]]; then
    if wait_ready nats "$nats_pid" "$(nats_health_url)"; then
      log "nats: ready (JetStream enabled)"
    else
      failed=1
    fi
  fi
  if [[ -n $ferretdb_pid ]]; then
    if wait_ready ferretdb "$ferretdb_pid" "$(ferretdb_health_url)"; then
      log "ferretdb: ready"
    else
      failed=1
    fi
  fi
  if ((failed)); then
    # All or nothing: stop what this run started, so a retry starts from a clean state.
    ((want_ferretdb)) && stop_one ferretdb
    ((want_nats)) && stop_one nats
    die "start failed (see above)"
  fi

  if [[ -n $nats_pid || -n $ferretdb_pid ]]; then
    log "use them in this shell with: eval \"\$(bash infra/local/infra.sh env)\""
  fi
}

cmd_stop() {
  stop_one ferretdb
  stop_one nats
}

cmd_status() {
  local rc=0 pid hp state
  adopt_running_ports
  printf 'binaries: %s\n' "$BIN_DIR"
  printf 'data:     %s\n' "$INFRA_DIR"

  if [[ -n ${NATS_URL:-} ]]; then
    state="external ($(redact_url "$NATS_URL"), from NATS_URL; not managed by infra.sh)"
    printf 'nats:     %s\n' "$state"
  elif pid=$(running_pid nats); then
    if http_ok "$(nats_health_url)"; then state=ready; else state="NOT ready"; rc=1; fi
    printf 'nats:     running  pid %s  nats://127.0.0.1:%s  monitor http://127.0.0.1:%s  %s  log %s\n' \
      "$pid" "$NATS_PORT" "$NATS_MONITOR_PORT" "$state" "$(log_file nats)"
  else
    hp=
    [[ -f $(pid_file nats) ]] && hp=" (stale pid file)"
    printf 'nats:     stopped%s  (port %s, monitor %s)\n' "$hp" "$NATS_PORT" "$NATS_MONITOR_PORT"
    rc=1
  fi

  if [[ -n ${MONGO_URL:-} ]]; then
    state="external ($(redact_url "$MONGO_URL"), from MONGO_URL; not managed by infra.sh)"
    printf 'ferretdb: %s\n' "$state"
  elif pid=$(running_pid ferretdb); then
    if http_ok "$(ferretdb_health_url)"; then state=ready; else state="NOT ready"; rc=1; fi
    printf 'ferretdb: running  pid %s  mongodb://127.0.0.1:%s  debug http://127.0.0.1:%s  %s  log %s\n' \
      "$pid" "$MONGO_PORT" "$FERRETDB_DEBUG_PORT" "$state" "$(log_file ferretdb)"
  else
    hp=
    [[ -f $(pid_file ferretdb) ]] && hp=" (stale pid file)"
    printf 'ferretdb: stopped%s  (port %s, debug %s)\n' "$hp" "$MONGO_PORT" "$FERRETDB_DEBUG_PORT"
    rc=1
  fi
  return "$rc"
}

cmd_env() {
  adopt_running_ports
  if [[ -n ${NATS_URL:-} ]]; then
    printf 'export NATS_URL=%q\n' "$NATS_URL"
  else
    running_pid nats >/dev/null || log "note: the local nats-server is not running (bash infra/local/infra.sh start)"
    printf 'export NATS_URL=%q\n' "nats://127.0.0.1:$NATS_PORT"
  fi
  if [[ -n ${MONGO_URL:-} ]]; then
    printf 'export MONGO_URL=%q\n' "$MONGO_URL"
  else
    running_pid ferretdb >/dev/null || log "note: the local FerretDB is not running (bash infra/local/infra.sh start)"
    printf 'export MONGO_URL=%q\n' "mongodb://127.0.0.1:$MONGO_PORT"
  fi
}

cmd_bin() {
  case ${1:-} in
    nats-server | nats)
      install_nats
      nats_bin_path
      ;;
    ferretdb)
      install_ferretdb
      printf '%s\n' "$FERRETDB_BIN"
      ;;
    *)
      die "usage: bash infra/local/infra.sh bin nats-server|ferretdb"
      ;;
  esac
}

cmd_reset() {
  cmd_stop
  if [[ ! -d $INFRA_DIR ]]; then
    log "nothing to delete ($INFRA_DIR does not exist)"
    return 0
  fi
  if [[ ! -f $INFRA_DIR/$MARKER_FILE ]]; then
    die "refusing to delete anything in $INFRA_DIR: it has no $MARKER_FILE file, so infra.sh did not create it"
  fi
  rm -rf -- "$NATS_DIR" "$FERRETDB_DIR"
  rm -f -- "$INFRA_DIR"/nats.* "$INFRA_DIR"/ferretdb.*
  log "deleted data and logs under $INFRA_DIR"
}

# ---------------------------------------------------------------------------
# cluster: three nats-server nodes on loopback as the cluster of infra/nats/cluster/
# ---------------------------------------------------------------------------

readonly CLUSTER_NODES=(1 2 3)
CLUSTER_DIR=$INFRA_DIR/nats-cluster

cluster_node_dir() { printf '%s/nats-%s\n' "$CLUSTER_DIR" "$1"; }
cluster_node_conf() { printf '%s/nats.conf\n' "$(cluster_node_dir "$1")"; }

# Ports of node N: a running node's recorded ports win, then NATS_CLUSTER_<N>_*, then 424N/624N/824N.
# Sets CLIENT_PORT, ROUTE_PORT and MONITOR_PORT.
cluster_ports() {
  local n=$1 pf a b c var val
  pf=$(ports_file "nats-cluster-$n")
  if running_pid "nats-cluster-$n" >/dev/null && [[ -f $pf ]] && read -r a b c <"$pf" &&
    [[ $a =~ ^[0-9]+$ && $b =~ ^[0-9]+$ && $c =~ ^[0-9]+$ ]]; then
    CLIENT_PORT=$a ROUTE_PORT=$b MONITOR_PORT=$c
    return 0
  fi
  for var in "NATS_CLUSTER_${n}_PORT" "NATS_CLUSTER_${n}_ROUTE_PORT" "NATS_CLUSTER_${n}_MONITOR_PORT"; do
    val=${!var:-}
    if [[ -n $val ]] && { ! [[ $val =~ ^[0-9]{1,5}$ ]] || ((10#$val < 1 || 10#$val > 65535)); }; then
      die "$var must be a TCP port number (1-65535), got '$val'"
    fi
  done
  local p="NATS_CLUSTER_${n}_PORT" r="NATS_CLUSTER_${n}_ROUTE_PORT" m="NATS_CLUSTER_${n}_MONITOR_PORT"
  CLIENT_PORT=$((10#${!p:-424$n}))
  ROUTE_PORT=$((10#${!r:-624$n}))
  MONITOR_PORT=$((10#${!m:-824$n}))
}

# Full health (not js-enabled-only): the node sees a meta leader and its streams are current.
cluster_health_url() {
  cluster_ports "$1"
  printf 'http://127.0.0.1:%s/healthz\n' "$MONITOR_PORT"
}

# The node named on the command line (1, 2 or 3), or all three.
cluster_select() {
  case ${1:-} in
    '') printf '%s\n' "${CLUSTER_NODES[@]}" ;;
    1 | 2 | 3) printf '%s\n' "$1" ;;
    *) die "a cluster node is 1, 2 or 3, got '$1'" ;;
  esac
}

write_cluster_conf() {
  local n=$1 dir routes='' m include=''
  dir=$(cluster_node_dir "$n")
  mkdir -p "$dir/data"
  for m in "${CLUSTER_NODES[@]}"; do
    cluster_ports "$m"
    routes+="    nats-route://127.0.0.1:${ROUTE_PORT}"$'\n'
  done
  if [[ -n ${NATS_CLUSTER_ACCOUNTS:-} ]]; then
    [[ -f $NATS_CLUSTER_ACCOUNTS ]] || die "NATS_CLUSTER_ACCOUNTS: no such file '$NATS_CLUSTER_ACCOUNTS'"
    cp -f "$NATS_CLUSTER_ACCOUNTS" "$dir/accounts.conf"
    include='include "accounts.conf"'
  fi
  cluster_ports "$n"
  cat >"$(cluster_node_conf "$n")" <<EOF
# Generated by infra/local/infra.sh cluster start; edits are overwritten.
# Node $n of the local 3-node JetStream cluster: infra/nats/cluster/nats-$n.conf on loopback ports.
server_name: nats-$n
listen: 127.0.0.1:${CLIENT_PORT}
http: 127.0.0.1:${MONITOR_PORT}
max_payload: 1MB
max_pending: 64MB
write_deadline: "10s"
lame_duck_duration: "30s"
lame_duck_grace_period: "10s"
jetstream {
  store_dir: $(nats_conf_string "$dir/data")
  max_memory_store: 256MB
  max_file_store: 10GB
}
cluster {
  name: aiplat
  listen: 127.0.0.1:${ROUTE_PORT}
  routes: [
${routes}  ]
}
${include}
EOF
}

cmd_cluster_start() {
  local n want=() started=() problems=() line all_ports=() failed=0 pid bin
  for n in "${CLUSTER_NODES[@]}"; do
    cluster_ports "$n"
    all_ports+=("$CLIENT_PORT" "$ROUTE_PORT" "$MONITOR_PORT")
  done
  if [[ $(printf '%s\n' "${all_ports[@]}" | sort -u | wc -l) -ne ${#all_ports[@]} ]]; then
    die "the cluster's nine ports must all differ (got ${all_ports[*]})"
  fi
  while IFS= read -r n; do
    if pid=$(running_pid "nats-cluster-$n"); then
      log "nats-$n: already running (pid $pid)"
      continue
    fi
    want+=("$n")
    cluster_ports "$n"
    local NODE_PORT=$CLIENT_PORT NODE_ROUTE_PORT=$ROUTE_PORT NODE_MONITOR_PORT=$MONITOR_PORT
    while IFS= read -r line; do
      [[ -n $line ]] && problems+=("nats-$n: ${line//NODE_/NATS_CLUSTER_${n}_}")
    done < <(port_problems nats-server NODE_PORT NODE_ROUTE_PORT NODE_MONITOR_PORT)
  done < <(cluster_select "${1:-}")
  if ((${#problems[@]} > 0)); then
    for line in "${problems[@]}"; do log "error: $line"; done
    exit 1
  fi
  ((${#want[@]} > 0)) || return 0
  install_nats
  bin=$(nats_bin_path) || die "nats-server is not installed (run: bash infra/local/infra.sh install)"
  ensure_infra_dir
  for n in "${want[@]}"; do
    write_cluster_conf "$n"
    cluster_ports "$n"
    launch "nats-cluster-$n" "$bin" -c "$(cluster_node_conf "$n")"
    printf '%s %s %s\n' "$CLIENT_PORT" "$ROUTE_PORT" "$MONITOR_PORT" >"$(ports_file "nats-cluster-$n")"
    started+=("$n:$LAUNCHED_PID")
    log "nats-$n: started pid $LAUNCHED_PID (nats://127.0.0.1:$CLIENT_PORT, route :$ROUTE_PORT, monitor :$MONITOR_PORT, log $(log_file "nats-cluster-$n"))"
  done
  # A node is healthy only once a quorum (two nodes) has elected a meta leader: wait after starting all.
  for line in "${started[@]}"; do
    n=${line%%:*}
    if wait_ready "nats-cluster-$n" "${line#*:}" "$(cluster_health_url "$n")"; then
      log "nats-$n: healthy"
    else
      failed=1
    fi
  done
  if ((failed)); then
    for n in "${want[@]}"; do stop_one "nats-cluster-$n"; done
    die "cluster start failed (see above); a node needs a quorum (two nodes) to become healthy"
  fi
  log "use the cluster in this shell with: eval \"\$(bash infra/local/infra.sh cluster env)\""
}

cmd_cluster_stop() {
  local n
  while IFS= read -r n; do stop_one "nats-cluster-$n"; done < <(cluster_select "${1:-}")
}

cmd_cluster_kill() {
  local n=${1:-} pid
  [[ -n $n ]] || die "usage: bash infra/local/infra.sh cluster kill 1|2|3"
  n=$(cluster_select "$n")
  pid=$(running_pid "nats-cluster-$n") || die "nats-$n is not running"
  kill -KILL "$pid"
  log "nats-$n: killed pid $pid (SIGKILL); its data stays. Start it again with: bash infra/local/infra.sh cluster start $n"
}

cmd_cluster_status() {
  local n pid rc=0 state leader=''
  printf 'data:        %s\n' "$CLUSTER_DIR"
  for n in "${CLUSTER_NODES[@]}"; do
    cluster_ports "$n"
    if pid=$(running_pid "nats-cluster-$n"); then
      if http_ok "$(cluster_health_url "$n")"; then state=healthy; else state="NOT healthy"; rc=1; fi
      printf 'nats-%s:      running  pid %s  nats://127.0.0.1:%s  route :%s  monitor http://127.0.0.1:%s  %s  log %s\n' \
        "$n" "$pid" "$CLIENT_PORT" "$ROUTE_PORT" "$MONITOR_PORT" "$state" "$(log_file "nats-cluster-$n")"
      if [[ -z $leader ]] && have curl; then
        leader=$(curl -fsS --max-time 2 "http://127.0.0.1:$MONITOR_PORT/jsz" 2>/dev/null | tr -d '\n' |
          sed -n 's/.*"meta_cluster": *{[^}]*"leader": *"\([^"]*\)".*/\1/p') || leader=
      fi
    else
      printf 'nats-%s:      stopped  (port %s, route %s, monitor %s)\n' "$n" "$CLIENT_PORT" "$ROUTE_PORT" "$MONITOR_PORT"
      rc=1
    fi
  done
  printf 'meta leader: %s\n' "${leader:-unknown}"
  return "$rc"
}

cmd_cluster_env() {
  local n urls=() any=0
  for n in "${CLUSTER_NODES[@]}"; do
    cluster_ports "$n"
    urls+=("nats://127.0.0.1:$CLIENT_PORT")
    running_pid "nats-cluster-$n" >/dev/null && any=1
  done
  ((any)) || log "note: the local cluster is not running (bash infra/local/infra.sh cluster start)"
  local IFS=,
  printf "export NATS_URL='%s'\n" "${urls[*]}"
  printf 'export NATS_STREAM_REPLICAS=3\n'
}

cmd_cluster_reset() {
  cmd_cluster_stop
  if [[ ! -d $CLUSTER_DIR ]]; then
    log "nothing to delete ($CLUSTER_DIR does not exist)"
    return 0
  fi
  [[ -f $INFRA_DIR/$MARKER_FILE ]] || die "refusing to delete anything in $INFRA_DIR: it has no $MARKER_FILE file"
  rm -rf -- "$CLUSTER_DIR"
  rm -f -- "$INFRA_DIR"/nats-cluster-*.*
  log "deleted the cluster's data and logs under $CLUSTER_DIR"
}

cmd_cluster() {
  local sub=${1:-status}
  (($# > 0)) && shift
  case $sub in
    start) cmd_cluster_start "$@" ;;
    stop) cmd_cluster_stop "$@" ;;
    restart)
      cmd_cluster_stop "$@"
      cmd_cluster_start "$@"
      ;;
    kill) cmd_cluster_kill "$@" ;;
    status) cmd_cluster_status ;;
    env) cmd_cluster_env ;;
    conf)
      # Writes node N's configuration (the ports from NATS_CLUSTER_<N>_*, data under the infra
      # directory) and prints its path: the test helper startLocalNatsCluster runs nodes from it.
      [[ ${1:-} =~ ^[123]$ ]] || die "cluster conf needs a node number (1, 2 or 3)"
      write_cluster_conf "$1"
      cluster_node_conf "$1"
      ;;
    reset) cmd_cluster_reset ;;
    *)
      usage >&2
      log "error: unknown cluster command '$sub'"
      exit 2
      ;;
  esac
}

main() {
  local cmd=${1:-help}
  (($# > 0)) && shift
  case $cmd in
    help | -h | --help)
      usage
      return 0
      ;;
  esac
  validate_settings
  case $cmd in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart)
      cmd_stop
      cmd_start
      ;;
    status) cmd_status ;;
    env) cmd_env ;;
    bin) cmd_bin "$@" ;;
    reset) cmd_reset ;;
    cluster) cmd_cluster "$@" ;;
    *)
      usage >&2
      log "error: unknown command '$cmd'"
      exit 2
      ;;
  esac
}

main "$@"
