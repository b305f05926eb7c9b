#!/usr/bin/env bash
# Training run for the class-data sharing archive: records the classes the app loads (JDK, JavaFX, app, libraries)
# while the wizard opens to its first frame under Xvfb, and while the CLI prints its version and runs the demo plan
# against the embedded demo gateway. Writes APP_IMAGE/lib/app/flatkey-migrate.classlist and checks that the JVM
# can build an archive from it. The archive itself is built on the user's machine by the package's postinst
# (lib/app/flatkey-migrate-cds.sh), because a JDK 17 archive is bound to the absolute paths of the jars.
#
# Usage: installer/linux/train-classlist.sh APP_IMAGE_DIR DEMO_PLAN.json
# Needs Xvfb (Debian package xvfb) or, without it, a usable $DISPLAY.
set -euo pipefail

die() { echo "train-classlist: $*" >&2; exit 1; }
[[ $# -eq 2 ]] || die "usage: train-classlist.sh APP_IMAGE_DIR DEMO_PLAN.json"
image="$(cd "$1" && pwd)"
plan="$2"
app="$image/lib/app"
java="$image/lib/runtime/bin/java"
cfg="$app/flatkey-migrate-gui.cfg"
[[ -x "$java" && -f "$cfg" ]] || die "not an app image with a runtime: $image"
cp="$(sed -n 's|^app\.classpath=\$APPDIR/|'"$app"'/|p' "$cfg" | tr '\n' ':' | sed 's/:$//')"

work="$(mktemp -d)"
xvfb_pid=""
cleanup() {
  if [[ -n "$xvfb_pid" ]]; then kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home"

display="${DISPLAY:-}"
if command -v Xvfb >/dev/null; then
  for n in $(seq 90 140); do
    [[ -e "/tmp/.X11-unix/X$n" || -e "/tmp/.X$n-lock" ]] && continue
    Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 1 100); do
      [[ -e "/tmp/.X11-unix/X$n" ]] && break
      kill -0 "$xvfb_pid" 2>/dev/null || break
      sleep 0.1
    done
    if [[ -e "/tmp/.X11-unix/X$n" ]]; then display=":$n"; break; fi
    kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; xvfb_pid=""
  done
fi
[[ -n "$display" ]] || die "needs Xvfb (apt-get install xvfb) or a DISPLAY to open the wizard once"

run() { # name, then java arguments
  local name="$1"; shift
  if ! timeout 180 env -u FLATKEY_API_KEY HOME="$work/home" DISPLAY="$display" \
      "$java" -XX:DumpLoadedClassList="$work/$name.lst" -cp "$cp" "$@" >"$work/$name.out" 2>&1; then
    cat "$work/$name.out" >&2
    die "training run '$name' failed"
  fi
}
run gui -Dflatkey.startupProbe=exit ai.flatkey.migrate.Main
grep -q '^first-frame ' "$work/gui.out" || { cat "$work/gui.out" >&2; die "the wizard did not report a first frame"; }
run version ai.flatkey.migrate.Main --version
cp "$plan" "$work/demo.flatkey-plan.json"
run cli ai.flatkey.migrate.Main run "$work/demo.flatkey-plan.json"

awk '!seen[$0]++' "$work/gui.lst" "$work/version.lst" "$work/cli.lst" >"$app/flatkey-migrate.classlist"
# The same dump the postinst does, into a scratch file: fail here rather than on the user's machine.
if ! "$java" -Xshare:dump -XX:SharedClassListFile="$app/flatkey-migrate.classlist" \
    -XX:SharedArchiveFile="$work/check.jsa" -cp "$cp" >"$work/dump.log" 2>&1; then
  cat "$work/dump.log" >&2
  die "the JVM could not build a class-data sharing archive from the class list"
fi
echo "train-classlist: $(wc -l <"$app/flatkey-migrate.classlist") classes listed; a test archive of $(du -h "$work/check.jsa" | cut -f1) built"
