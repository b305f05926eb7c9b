#!/usr/bin/env bash
# Start-up benchmark: launch -> first frame, in one run, interleaved, of
#   label-noCDS   a minimal JavaFX window (one Label, bench/MinimalLabel.java) on the installed app's runtime with the
#                 launcher's JVM options, -Xshare:off
#   app-installed the installed wizard through its GUI launcher (/opt/flatkey-migrate/bin/flatkey-migrate-gui: the
#                 AOT cache shipped in the package (JDK 25 runtime) or the CDS archive from postinst (JDK 17), C1 only)
#   app-noCDS     the same wizard, same runtime and options, with -Xshare:off (what the cache saves)
# Both apps print `first-frame <epoch µs>` on their first pulse after show (FLATKEY_STARTUP_PROBE=print /
# -Dflatkey.startupProbe=print); bench/StartupBench.java starts each process and takes the time to that line.
# Prints median/min/max per variant and the ratio of the medians to label-noCDS (goal: app-installed <= 1.0x).
#
# Usage: bench/startup.sh [--if-installed] [RUNS]   (default 15; needs the .deb installed, Xvfb, a javac as new as the runtime)
#   --if-installed: without the installed package print why and exit 0 (how ./mvnw -Pbench verify runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
if_installed=""
if [[ "${1:-}" == --if-installed ]]; then if_installed=1; shift; fi
runs="${1:-15}"
app="${FLATKEY_HOME:-/opt/flatkey-migrate}"
rt="$app/lib/runtime"
die() { echo "bench/startup: $*" >&2; exit 1; }
if [[ ! -x "$app/bin/flatkey-migrate-gui" ]]; then
  how="install the package first (./mvnw -Pinstaller -DskipTests package; dpkg -i target/installer/packages/*.deb)"
  if [[ -n "$if_installed" ]]; then echo "bench/startup: skipped, no $app: $how"; exit 0; fi
  die "$how"
fi
[[ -f "$app/lib/app/flatkey-migrate.jsa" ]] || echo "bench/startup: note: no AppCDS archive at $app/lib/app/flatkey-migrate.jsa" >&2
# The baseline is compiled by a javac at least as new as the installed runtime (JDK 25 for an AOT-cache build).
feature_of() { local v; v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)"; echo "${v:-0}"; }
rt_feature="$(feature_of "$rt")"
jdk_bin=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [[ -n "$candidate" && -x "$candidate/bin/javac" ]] && (( $(feature_of "$candidate") >= rt_feature )); then
    jdk_bin="$candidate/bin/"; break
  fi
done
[[ -n "$jdk_bin" ]] || die "needs a JDK $rt_feature+ javac (set JAVA_HOME)"
command -v Xvfb >/dev/null || die "needs Xvfb (apt-get install xvfb)"

work="$(mktemp -d)"
xvfb_pid=""
cleanup() {
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The baseline is compiled against the installed runtime (it holds the JavaFX modules).
"${jdk_bin}javac" --system "$rt" -d "$work/label" bench/MinimalLabel.java

# shellcheck source=installer/linux/lib.sh
source installer/linux/lib.sh
start_xvfb "$work/xvfb.log" || true
[[ -n "$display" ]] || die "could not start Xvfb"

cfg="$app/lib/app/flatkey-migrate-gui.cfg"
cp="$(cfg_classpath "$cfg")"
# The launcher's JVM options without the start-up cache; the baseline gets them too (same runtime, same flags).
opts="$(cfg_jvm_options "$cfg" | tr '\n' ' ')"
mkdir -p "$work/home"
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); display $display (Xvfb); $("$rt/bin/java" -version 2>&1 | head -1)"
env -u FLATKEY_API_KEY HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" DISPLAY="$display" FLATKEY_STARTUP_PROBE=print \
  "${jdk_bin}java" bench/StartupBench.java --runs "$runs" \
  "label-noCDS=$rt/bin/java -Xshare:off $opts -Dflatkey.startupProbe=print -cp $work/label MinimalLabel" \
  "app-installed=$app/bin/flatkey-migrate-gui" \
  "app-noCDS=$rt/bin/java -Xshare:off $opts -cp $cp ai.flatkey.migrate.Main"
