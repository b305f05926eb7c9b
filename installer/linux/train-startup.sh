#!/usr/bin/env bash
# Training run for the start-up cache.
# - JDK 25+ runtime: opens the wizard to its first frame under Xvfb, and the JVM writes the ahead-of-time cache
#   APP_IMAGE/lib/app/flatkey-migrate.aot from that run (classes loaded and linked, method profiles); it is shipped in
#   the package and both launchers use it. The jars' modification times are set to a fixed time first
#   (lib/app/flatkey-migrate-cds.sh normalise), as the postinst does after installing. The CLI is not in this
#   training: with a CLI run of the training plan in the same JVM the cache grew from 27 to 51 MB and the .deb to
#   53.1 MB, over its 50 MB budget (BENCHMARKS.md, "Cold runs of the CLI"). The CLI launcher's own cache,
#   lib/app/flatkey-migrate-cli.aot, is trained by the postinst on the user's machine instead.
# - JDK 17 runtime: records the classes loaded by the wizard, the CLI's --version and a CLI run of the training plan
#   (every check, request checks from a check file included, against the embedded demo gateway: nothing leaves the
#   machine) into APP_IMAGE/lib/app/flatkey-migrate.classlist; the package's postinst builds the CDS archive from it
#   (lib/app/flatkey-migrate-cds.sh), because a JDK 17 archive is bound to the absolute paths of the jars. A training
#   check that does not pass (exit 1: a slow machine missing a latency assertion) only warns.
# Either way it then checks that the JVM can use what it made.
#
# Usage: installer/linux/train-startup.sh APP_IMAGE_DIR TRAINING_PLAN.json   (installer/common/cli-training-plan.json)
# KEEP_TRAINING=1 keeps the training runs' output (its folder is named on stderr).
# Needs Xvfb (Debian package xvfb) or, without it, a usable $DISPLAY.
set -euo pipefail

die() { echo "train-startup: $*" >&2; exit 1; }
[[ $# -eq 2 ]] || die "usage: train-startup.sh APP_IMAGE_DIR TRAINING_PLAN.json"
image="$(cd "$1" && pwd)"
plan="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
app="$image/lib/app"
java="$image/lib/runtime/bin/java"
cfg="$app/flatkey-migrate-gui.cfg"
[[ -x "$java" && -f "$cfg" ]] || die "not an app image with a runtime: $image"
# shellcheck source=installer/linux/lib.sh
source "$(dirname "$0")/lib.sh"
cp="$(cfg_classpath "$cfg")"

work="$(mktemp -d)"
xvfb_pid=""
cleanup() {
  if [[ -n "$xvfb_pid" ]]; then kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; fi
  [[ -n "${KEEP_TRAINING:-}" ]] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/home"

start_xvfb "$work/xvfb.log" || display="${DISPLAY:-}"
[[ -n "$display" ]] || die "needs Xvfb (apt-get install xvfb) or a DISPLAY to open the wizard once"

feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$image/lib/runtime/release")"
# The launcher's JVM options, without the cache option (the training run makes the cache).
opts=()
while IFS= read -r opt; do opts+=("$opt"); done < <(cfg_jvm_options "$cfg")

run() { # name, then java arguments
  local name="$1" rc=0; shift
  timeout 180 env -u FLATKEY_API_KEY HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" DISPLAY="$display" \
      "$java" "${opts[@]}" -Dflatkey.preload=false "$@" >"$work/$name.out" 2>&1 || rc=$?
  if [[ "$name" == cli && $rc -eq 1 ]]; then
    echo "train-startup: warning: a check of the training plan did not pass; its classes were loaded all the same" >&2
  elif (( rc != 0 )); then
    cat "$work/$name.out" >&2
    die "training run '$name' failed"
  fi
}

if (( ${feature:-0} >= 25 )); then
  aot="$app/flatkey-migrate.aot"
  rm -f "$aot" "$app/flatkey-migrate.classlist"
  sh "$app/flatkey-migrate-cds.sh" normalise
  run gui -XX:AOTCacheOutput="$aot" -Dflatkey.startupProbe=exit -cp "$cp" ai.flatkey.migrate.Main
  grep -q '^first-frame ' "$work/gui.out" || { cat "$work/gui.out" >&2; die "the wizard did not report a first frame"; }
  [[ -f "$aot" ]] || { cat "$work/gui.out" >&2; die "the JVM wrote no AOT cache"; }
  # -XX:AOTMode=on fails instead of silently running without the cache.
  run check -XX:AOTCache="$aot" -XX:AOTMode=on -cp "$cp" ai.flatkey.migrate.Main --version
  chmod 644 "$aot"
  echo "train-startup: AOT cache of $(du -h "$aot" | cut -f1) written (JDK $feature)"
  exit 0
fi

run gui -XX:DumpLoadedClassList="$work/gui.lst" -Dflatkey.startupProbe=exit -cp "$cp" ai.flatkey.migrate.Main
grep -q '^first-frame ' "$work/gui.out" || { cat "$work/gui.out" >&2; die "the wizard did not report a first frame"; }
run version -XX:DumpLoadedClassList="$work/version.lst" -cp "$cp" ai.flatkey.migrate.Main --version
run cli -XX:DumpLoadedClassList="$work/cli.lst" -cp "$cp" ai.flatkey.migrate.Main run "$plan"

awk '!seen[$0]++' "$work/gui.lst" "$work/version.lst" "$work/cli.lst" >"$app/flatkey-migrate.classlist"
# The same dump the postinst does, into a scratch file: fail here rather than on the user's machine.
if ! "$java" -Xshare:dump -XX:SharedClassListFile="$app/flatkey-migrate.classlist" \
    -XX:SharedArchiveFile="$work/check.jsa" -cp "$cp" >"$work/dump.log" 2>&1; then
  cat "$work/dump.log" >&2
  die "the JVM could not build a class-data sharing archive from the class list"
fi
echo "train-startup: $(wc -l <"$app/flatkey-migrate.classlist") classes listed; a test archive of $(du -h "$work/check.jsa" | cut -f1) built"
