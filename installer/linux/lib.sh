# Shared by the Linux scripts that start the packaged app (installer/linux/train-startup.sh,
# installer/ci-deb-smoke.sh, bench/startup.sh); sourced, bash.

# cfg_classpath CFG: a jpackage launcher's class path (its app.classpath lines, in order), with $APPDIR as the
# folder that holds CFG, joined by ':'.
cfg_classpath() {
  local dir
  dir="$(cd "$(dirname "$1")" && pwd)"
  sed -n 's|^app\.classpath=\$APPDIR/|'"$dir"'/|p' "$1" | tr '\n' ':' | sed 's/:$//'
}

# cfg_jvm_options CFG: a jpackage launcher's JVM options, one per line, without the start-up cache option
# (-XX:AOTCache or -XX:SharedArchiveFile), which the callers pass or leave out themselves.
cfg_jvm_options() {
  sed -n 's/^java-options=//p' "$1" | grep -v -e '-XX:AOTCache=' -e '-XX:SharedArchiveFile='
}

# start_xvfb LOGFILE: starts Xvfb on the first free display from :90 and sets `display` (e.g. ":90") and
# `xvfb_pid`; on failure both are left empty and it returns 1. The caller kills $xvfb_pid when done.
start_xvfb() {
  local log="$1" n
  display=""
  xvfb_pid=""
  command -v Xvfb >/dev/null || return 1
  for n in $(seq 90 140); do
    [[ -e "/tmp/.X11-unix/X$n" || -e "/tmp/.X$n-lock" ]] && continue
    Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >"$log" 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 1 100); do
      [[ -e "/tmp/.X11-unix/X$n" ]] && break
      kill -0 "$xvfb_pid" 2>/dev/null || break
      sleep 0.1
    done
    if [[ -e "/tmp/.X11-unix/X$n" ]]; then display=":$n"; return 0; fi
    kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; xvfb_pid=""
  done
  return 1
}
