#!/usr/bin/env bash
# Build the PyInstaller bundle (build.spec) and smoke-test it as IT staff would use it.
#
# Usage: bash tools/check_bundle.sh [OUT_DIR]
#   OUT_DIR receives dist/clerkapp/ (the bundle), work/, build.log and one data folder per check,
#   kept for a look afterwards. Without it: a new folder under /tmp, removed if all checks pass.
#   PYINSTALLER=path overrides the pyinstaller to use (default .venv/bin/pyinstaller, else PATH).
#   SKIP_BUILD=1 tests an existing OUT_DIR/dist/clerkapp without rebuilding.
#
# Checks, each on the bundle's own executable with a fresh $CLERKAPP_HOME:
#   --version; catalogue stats, a pinyin search, import; audit verify (no store: exit 2; after
#   the GUI created one: intact); platform serve --port 0 (health, OpenAPI); the GUI shows its
#   window (offscreen, and on X11 under Xvfb when xvfb-run exists); in training mode the GUI
#   starts the sandbox as a child process of the bundle and it answers; --self-check (resources,
#   every module imports, catalogue, pinyin, store, fonts + PDF, QtPdf, translations).
# Exit 1 if the build or any check fails; every check runs, failures are listed at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

OUT=${1:-}
REMOVE_OUT=0
if [ -z "$OUT" ]; then
  OUT=$(mktemp -d /tmp/clerkapp-bundle.XXXXXX)
  REMOVE_OUT=1  # once all checks passed: a bundle is ~230 MB
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [ -z "${PYINSTALLER:-}" ]; then
  if [ -x .venv/bin/pyinstaller ]; then PYINSTALLER=.venv/bin/pyinstaller; else PYINSTALLER=$(command -v pyinstaller || true); fi
fi
[ -n "$PYINSTALLER" ] || { echo "check_bundle: pyinstaller not found (bash tools/bootstrap.sh installs it)" >&2; exit 1; }
# Absolute: the checks run from $OUT. The Python next to pyinstaller reads the JSON answers
# (no curl or jq needed).
PYINSTALLER=$(cd "$(dirname "$PYINSTALLER")" && pwd)/$(basename "$PYINSTALLER")
PY=$(dirname "$PYINSTALLER")/python
[ -x "$PY" ] || PY=$(command -v python3)
export QT_QPA_PLATFORM=offscreen
BUNDLE_DIR=$OUT/dist/clerkapp
BIN=$BUNDLE_DIR/clerkapp
DEADLINE_S=90

failures=()
started_pids=()
cleanup() {
  local pid
  for pid in "${started_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

ok() { echo "ok   $1"; }
fail() { echo "FAIL $1${2:+: $2}"; failures+=("$1"); }

# A fresh data folder for one check.
home_for() {
  local home=$OUT/homes/$1
  rm -rf "$home"
  mkdir -p "$home"
  echo "$home"
}

# Wait until file $1 is non-empty (polled, up to DEADLINE_S); 0 if it is.
wait_for_file() {
  local end=$(($(date +%s) + DEADLINE_S))
  while [ "$(date +%s)" -lt "$end" ]; do
    [ -s "$1" ] && return 0
    sleep 0.2
  done
  return 1
}

# The first child process of PID $1 (from /proc: no procps needed).
child_of() {
  local stat
  for stat in /proc/[0-9]*/stat; do
    # fields: pid (comm) state ppid ...; comm may hold spaces, so cut after the last ")"
    if [ "$(sed 's/.*) [A-Za-z] \([0-9]*\).*/\1/' "$stat" 2>/dev/null)" = "$1" ]; then
      basename "$(dirname "$stat")"
      return 0
    fi
  done
  return 1
}

# GET $1 and check the JSON answer with the Python expression $2 (the answer is `j`).
http_check() {
  "$PY" - "$1" "$2" <<'EOF'
import json, sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only
with opener.open(sys.argv[1], timeout=10) as answer:
    j = json.loads(answer.read().decode("utf-8"))
sys.exit(0 if eval(sys.argv[2], {"j": j}) else 1)
EOF
}

# --- build ---------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-}" != "1" ]; then
  echo "== build ($PYINSTALLER, into $OUT/dist)"
  start=$(date +%s)
  if ! "$PYINSTALLER" --noconfirm --clean --log-level WARN --distpath "$OUT/dist" \
      --workpath "$OUT/work" build.spec >"$OUT/build.log" 2>&1; then
    tail -40 "$OUT/build.log"
    echo "FAIL build (log: $OUT/build.log)"
    exit 1
  fi
  build_s=$(($(date +%s) - start))
  echo "ok   build: ${build_s} s"
fi
[ -x "$BIN" ] || { echo "FAIL no executable at $BIN"; exit 1; }
size=$(du -sh "$BUNDLE_DIR" | cut -f1)
echo "     bundle: $BUNDLE_DIR ($size, $(find "$BUNDLE_DIR" -type f | wc -l) files)"
cd "$OUT"  # nothing may depend on the checkout being the working directory

# --- CLI -----------------------------------------------------------------------------------
echo "== CLI"
want_version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/clerkapp/__init__.py")
home=$(home_for cli)
got=$(CLERKAPP_HOME=$home timeout 60 "$BIN" --version 2>&1)
[ "$got" = "clerkapp $want_version" ] && ok "--version: $got" || fail "--version" "$got"

got=$(CLERKAPP_HOME=$home timeout 60 "$BIN" catalogue stats --json 2>&1)
if echo "$got" | "$PY" -c 'import json,sys; j=json.load(sys.stdin); sys.exit(0 if j["matters"] > 0 and j["proofs"] > 0 else 1)' 2>/dev/null; then
  ok "catalogue stats: $(echo "$got" | "$PY" -c 'import json,sys; j=json.load(sys.stdin); print({k: j[k] for k in ("version", "departments", "matters", "proofs", "methods")})')"
else
  fail "catalogue stats" "$got"
fi

# pinyin initials: needs pypinyin's data files in the bundle
got=$(CLERKAPP_HOME=$home timeout 60 "$BIN" catalogue search ggzl --json 2>&1)
if echo "$got" | "$PY" -c 'import json,sys; j=json.load(sys.stdin); sys.exit(0 if j else 1)' 2>/dev/null; then
  ok "catalogue search ggzl: $(echo "$got" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)), "hits")')"
else
  fail "catalogue search ggzl" "$(echo "$got" | head -5)"
fi

# validate + atomic install of the bundle's own catalogue file into this workstation's data
catalogue_file=$(ls "$BUNDLE_DIR"/_internal/resources/catalogue/*.json | grep -v schema.json | head -1)
got=$(CLERKAPP_HOME=$home timeout 120 "$BIN" catalogue import "$catalogue_file" 2>&1)
rc=$?
[ $rc -eq 0 ] && ok "catalogue import $(basename "$catalogue_file"): $(echo "$got" | tail -1)" \
  || fail "catalogue import" "exit $rc: $got"

got=$(CLERKAPP_HOME=$home timeout 60 "$BIN" audit verify 2>&1)
rc=$?
[ $rc -eq 2 ] && ok "audit verify, no store yet: exit 2 ($got)" || fail "audit verify (no store)" "exit $rc: $got"

# --- sandbox server ------------------------------------------------------------------------
echo "== platform serve"
home=$(home_for serve)
CLERKAPP_HOME=$home timeout 300 "$BIN" platform serve --port 0 --data "$home/sandbox" \
  --ready-file "$home/ready" >"$home/serve.log" 2>&1 &
serve_pid=$!
started_pids+=("$serve_pid")
if wait_for_file "$home/ready"; then
  url=$(cat "$home/ready")
  http_check "$url/api/v1/health" 'j["status"] == "ok"' && ok "health at $url" || fail "health" "$url"
  http_check "$url/openapi.json" '"openapi" in j and "/api/v1/health" in j["paths"]' \
    && ok "openapi.json" || fail "openapi.json"
  kill -TERM "$serve_pid"
  wait "$serve_pid"
  rc=$?
  [ $rc -eq 0 ] && ok "stops on SIGTERM (exit 0)" || fail "stop on SIGTERM" "exit $rc"
else
  fail "platform serve: no ready file within ${DEADLINE_S} s" "$(tail -20 "$home/serve.log")"
fi

# --- GUI -----------------------------------------------------------------------------------
echo "== GUI"
home=$(home_for gui)
start_ms=$(date +%s%3N)
got=$(CLERKAPP_HOME=$home CLERKAPP_EXIT_AFTER_SHOWN=1 timeout 120 "$BIN" 2>&1)
rc=$?
if [ $rc -eq 0 ] && echo "$got" | grep -q "clerkapp: window shown"; then
  ok "window shown ($(($(date +%s%3N) - start_ms)) ms to exit)"
else
  fail "GUI start" "exit $rc: $(echo "$got" | tail -20)"
fi
got=$(CLERKAPP_HOME=$home timeout 60 "$BIN" audit verify 2>&1)
rc=$?
[ $rc -eq 0 ] && ok "audit verify on the GUI's store: $got" || fail "audit verify" "exit $rc: $got"
# The platform plugin of a real desktop (xcb) and the X libraries it needs, under Xvfb.
if command -v xvfb-run >/dev/null 2>&1; then
  home=$(home_for gui-x11)
  got=$(env -u QT_QPA_PLATFORM CLERKAPP_HOME=$home CLERKAPP_EXIT_AFTER_SHOWN=1 timeout 120 \
    xvfb-run -a "$BIN" 2>&1)
  rc=$?
  if [ $rc -eq 0 ] && echo "$got" | grep -q "clerkapp: window shown"; then
    ok "window shown on X11 (Xvfb, xcb plugin)"
  else
    fail "GUI start on X11" "exit $rc: $(echo "$got" | tail -20)"
  fi
else
  echo "note GUI on X11 not checked: no xvfb-run (apt-get install xvfb xauth)"
fi

# Training mode: the GUI starts `clerkapp platform serve` from the bundle as its child.
home=$(home_for training)
echo '{"sandbox_port": 0}' >"$home/gui.json"
CLERKAPP_HOME=$home timeout 300 "$BIN" >"$home/gui.log" 2>&1 &
gui_pid=$!
started_pids+=("$gui_pid")
ready=0
wait_for_file "$home/sandbox/ready" && ready=1
# `timeout` is the GUI's parent; the GUI (its child) starts the sandbox.
gui=$(child_of "$gui_pid")
child=$(child_of "${gui:-0}")
[ -n "$child" ] && started_pids+=("$child")
if [ $ready -eq 1 ]; then
  url=$(cat "$home/sandbox/ready")
  http_check "$url/api/v1/health" 'j["status"] == "ok"' && ok "training sandbox answers at $url" \
    || fail "training sandbox health" "$url"
  if [ -n "$child" ] && [ "$(readlink -f /proc/"$child"/exe)" = "$(readlink -f "$BIN")" ] \
      && tr '\0' ' ' </proc/"$child"/cmdline | grep -q "platform serve"; then
    ok "sandbox is the bundle's own executable: $(tr '\0' ' ' </proc/"$child"/cmdline | cut -c1-160)"
  else
    fail "sandbox process" "child ${child:-none} of GUI ${gui:-none}"
  fi
else
  fail "training sandbox: no ready file within ${DEADLINE_S} s" \
    "$(tail -20 "$home/gui.log"; tail -20 "$home/logs/clerkapp.log" 2>/dev/null)"
fi
# The sandbox first: a GUI ended by a signal does not stop its child.
[ -n "$child" ] && kill -TERM "$child" 2>/dev/null
kill -TERM "$gui_pid" 2>/dev/null
wait "$gui_pid" 2>/dev/null

# --- self-check ----------------------------------------------------------------------------
echo "== self-check"
home=$(home_for self-check)
if CLERKAPP_HOME=$home timeout 120 "$BIN" --self-check "$home/out" >"$home/self-check.log" 2>&1 \
    && [ -s "$home/out/self-check-decision.pdf" ]; then
  sed 's/^/     /' "$home/self-check.log"
  ok "self-check (sample PDF: $home/out/self-check-decision.pdf)"
else
  sed 's/^/     /' "$home/self-check.log"
  fail "self-check"
fi

echo "== bundle $BUNDLE_DIR: $size${build_s:+, built in ${build_s} s}"
if [ ${#failures[@]} -gt 0 ]; then
  echo "check_bundle: ${#failures[@]} check(s) failed: ${failures[*]}"
  exit 1
fi
echo "check_bundle: all checks passed"
if [ $REMOVE_OUT -eq 1 ]; then
  cd /
  rm -rf "$OUT"
fi
