#!/usr/bin/env bash
# Records the wizard's start-up class list (src/main/resources/ai/flatkey/migrate/ui/startup-classes.txt), which
# ui/StartupPreloader loads on a second core while the first frame is built. Runs the start-up benchmark's wizard
# (ui/bench/FirstFrame, headless on Monocle) once without preloading and with -Xlog:class+load, and keeps the classes
# read from the class path or the JDK image (not from the JDK's CDS archive, not generated ones) up to the first
# frame, in load order. Re-run after changing what the start screen shows; StartupPreloaderTest fails when too
# many listed classes no longer exist.
#
# Usage: bench/startup-classes.sh          (from the project root; builds the test classes offline first)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/startup-cp.txt
log=target/startup-classes.log
rm -f "$log"
java -Dflatkey.preload=false -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw \
  -Djava.awt.headless=true -Xlog:class+load:file="$log" \
  -cp "$PWD/target/test-classes:$PWD/target/classes:$(cat target/startup-cp.txt)" \
  ai.flatkey.migrate.ui.bench.FirstFrame wizard >/dev/null 2>&1
cut="$(grep -n 'FirstFrame\$FirstFrameMarker ' "$log" | head -1 | cut -d: -f1)"
[[ -n "$cut" ]] || { echo "startup-classes: the first frame was not reached (see $log)" >&2; exit 1; }
out=src/main/resources/ai/flatkey/migrate/ui/startup-classes.txt
{
  echo "# Classes the wizard loads before its first frame, in load order (bench/startup-classes.sh, $(date -u +%F))."
  head -n "$((cut - 1))" "$log" | grep -E 'source: (file:|jar:|jrt:)' | awk '{print $2}' \
    | grep -v -e '\$\$Lambda' -e '/0x' -e '^ai\.flatkey\.migrate\.ui\.bench\.'
} >"$out"
echo "startup-classes: $(($(wc -l <"$out") - 1)) classes written to $out"
