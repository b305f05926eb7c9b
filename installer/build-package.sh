#!/usr/bin/env bash
# Builds the native installer for the OS it runs on: a jlink runtime with only the needed modules (JavaFX from the
# platform jars of Maven Central), a jpackage app image with a GUI and a CLI launcher, the class list for the
# class-data sharing archive (Linux), then the package: .deb (and .rpm where rpmbuild exists) on Linux, .dmg on
# macOS, .msi (needs WiX 3) on Windows. Run by `./mvnw -Pinstaller package`, which first puts the app jar and its
# runtime dependencies under target/installer/; see installer/README.md.
#
# Usage: installer/build-package.sh VERSION        (VERSION: the Maven version, e.g. 0.1.0-SNAPSHOT)
# Environment: JPACKAGE_JDK  a JDK 17+ with jlink, jpackage and jmods/ (JDK 24+: jmods/ not needed). Default: the
#                            first JDK 25+ (JAVA_HOME, then /usr/lib/jvm/temurin-25-jdk*, java-25-openjdk*), else
#                            JAVA_HOME or /usr/lib/jvm/java-17-openjdk-amd64
#              PACKAGE_TYPES  override the package types, e.g. "deb" or "app-image" (default per OS, see above)
set -euo pipefail

die() { echo "build-package: $*" >&2; exit 1; }
step() { echo "build-package: $*"; }

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[[ $# -eq 1 ]] || die "usage: installer/build-package.sh MAVEN_VERSION"
maven_version="$1"
# jpackage wants 1 to 3 dot-separated numbers.
app_version="$(echo "$maven_version" | sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/')"
[[ "$app_version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "cannot make a package version out of '$maven_version'"

case "$(uname -s)" in
  Linux) os=linux; fx_classifier=linux; native_glob='*.so'; native_dir=lib ;;
  Darwin) os=macos; fx_classifier=mac; native_glob='*.dylib'; native_dir=lib ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; fx_classifier=win; native_glob='*.dll'; native_dir=bin; PATHSEP=';' ;;
  *) die "unsupported OS $(uname -s)" ;;
esac
[[ "$(uname -m)" == aarch64 || "$(uname -m)" == arm64 ]] && fx_classifier="$fx_classifier-aarch64"

# A JDK whose jlink and jpackage can build the runtime: it has jmods/, or (JDK 24+, JEP 493) links from its own
# run-time image.
feature_of() { local v; v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)"; echo "${v:-0}"; }
has_tools() {
  [[ -n "$1" && -x "$1/bin/jlink" && -x "$1/bin/jpackage" ]] || return 1
  [[ -f "$1/jmods/java.base.jmod" ]] || (( $(feature_of "$1") >= 24 ))
}
# JDK 25+ is preferred: its ahead-of-time cache (JEP 483/515) holds the app's classes loaded and linked, and is
# relocatable, so it is built here and shipped; with JDK 17 the package builds a CDS archive at install time.
jdk="${JPACKAGE_JDK:-}"
if [[ -z "$jdk" ]]; then
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-2[5-9]-jdk* /usr/lib/jvm/java-2[5-9]-openjdk*; do
    if has_tools "$candidate" && (( $(feature_of "$candidate") >= 25 )); then jdk="$candidate"; break; fi
  done
fi
if [[ -z "$jdk" ]]; then
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-arm64; do
    if has_tools "$candidate"; then jdk="$candidate"; break; fi
  done
fi
has_tools "$jdk" || die "no JDK with jlink, jpackage and jmods/ (or JDK 24+) found; set JPACKAGE_JDK (on Debian: apt-get install openjdk-17-jdk)"
feature="$(feature_of "$jdk")"
if (( feature >= 25 )); then start_cache=aot; else start_cache=cds; fi
step "JDK $("$jdk/bin/jpackage" --version) at $jdk, package version $app_version, start-up cache: $start_cache"

out="$root/target/installer"
deps="$out/deps"
app_jar="$root/target/flatkey-migrate-$maven_version.jar"
[[ -f "$app_jar" ]] || die "missing $app_jar (run ./mvnw -Pinstaller package)"
[[ -d "$deps" ]] || die "missing $deps (run ./mvnw -Pinstaller package)"
rm -rf "$out/fx" "$out/input" "$out/runtime" "$out/image" "$out/packages"
mkdir -p "$out/fx" "$out/input" "$out/packages"

# 1. Split the dependencies: JavaFX platform jars go into the runtime (as modules); the rest is the app class path.
#    Of the rest, only jars the app reaches (jdeps, transitively) are packaged: e.g. ControlsFX is not used yet.
cp "$deps"/javafx-*-"$fx_classifier".jar "$out/fx/"
classpath_jars=()
for jar in "$deps"/*.jar; do
  case "$(basename "$jar")" in javafx-*) ;; *) classpath_jars+=("$jar") ;; esac
done
cp "$app_jar" "$out/input/flatkey-migrate.jar"
cp_string="$(IFS="${PATHSEP:-:}"; echo "${classpath_jars[*]}")"
"$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps -R -summary -cp "$cp_string" "$out/input/flatkey-migrate.jar" \
  | sed -n 's/^.* -> \(.*\.jar\)$/\1/p' | sort -u | while read -r jar; do
  case "$jar" in "$deps"/javafx-*) ;; "$deps"/*) cp "$jar" "$out/input/" ;; esac
done
#    Service providers are loaded by name (ServiceLoader), so jdeps cannot see them: the SLF4J no-op provider keeps
#    "SLF4J: No SLF4J providers were found" off stderr (PDFBox logs via commons-logging -> slf4j-api, see pom.xml).
if [[ -f "$out/input/$(cd "$deps" && ls slf4j-api-*.jar 2>/dev/null | head -1)" ]]; then
  nop=("$deps"/slf4j-nop-*.jar)
  [[ -f "${nop[0]}" ]] || die "slf4j-api is on the class path but no slf4j-nop jar in $deps (see pom.xml)"
  cp "${nop[@]}" "$out/input/"
fi
step "class path: $(cd "$out/input" && ls | tr '\n' ' ')"
if [[ "$os" == linux ]]; then
  cp installer/linux/flatkey-migrate-cds.sh "$out/input/"
fi

# 2. The runtime: JDK modules + JavaFX modules, then JavaFX's native libraries next to the JDK's.
module_path="$out/fx"
[[ -d "$jdk/jmods" ]] && module_path="$jdk/jmods${PATHSEP:-:}$out/fx"
"$jdk/bin/jlink" @installer/common/jlink.args --module-path "$module_path" --output "$out/runtime"
mkdir -p "$out/fx/native"
for jar in "$out"/fx/*.jar; do
  (cd "$out/fx/native" && "$jdk/bin/jar" xf "$jar")
done
find "$out/fx/native" -maxdepth 1 -name "$native_glob" -exec cp {} "$out/runtime/$native_dir/" \;
ls "$out/runtime/$native_dir"/*glass* >/dev/null 2>&1 || die "no JavaFX native libraries found in $out/fx"
# java.desktop is in the runtime only because the JavaFX modules require it: drop its sound and splash-screen
# libraries (unused; they would make the package depend on ALSA and more).
rm -f "$out/runtime/lib/libjsound.so" "$out/runtime/lib/libsplashscreen.so" "$out/runtime/lib/server/classes_nocoops.jsa"
step "runtime: $(du -sh "$out/runtime" | cut -f1)"

# 3. The app image: GUI launcher + CLI launcher.
#    The start-up cache option: an AOT cache shipped in lib/app (JDK 25+), or a CDS archive built at install time.
if [[ "$start_cache" == aot ]]; then
  # JavaFX loads native libraries and (Marlin) uses sun.misc.Unsafe memory access: allowed explicitly, so the
  # JDK's warnings about both do not show on every start.
  cache_opts=(--java-options "-XX:AOTCache=\$APPDIR/flatkey-migrate.aot"
    --java-options "--enable-native-access=javafx.graphics,ALL-UNNAMED"
    --java-options "--sun-misc-unsafe-memory-access=allow")
else
  cache_opts=(--java-options "-XX:SharedArchiveFile=\$APPDIR/flatkey-migrate.jsa")
fi
"$jdk/bin/jpackage" --type app-image @installer/common/jpackage.args @"installer/$os/app-image.args" \
  "${cache_opts[@]}" --input "$out/input" --runtime-image "$out/runtime" --dest "$out/image" --app-version "$app_version"
image="$(find "$out/image" -mindepth 1 -maxdepth 1 -type d | head -1)"
[[ -n "$image" ]] || die "jpackage made no app image"

# 3b. Linux: replace jpackage's native launchers with shell launchers that start the bundled runtime directly.
#     jpackage's Linux launcher runs `rpm -qf` and `dpkg -S` on itself at every start (to find out whether it was
#     installed from a package); that costs ~130 ms of a ~500 ms start. The scripts are written from the launchers'
#     .cfg files (class path and JVM options), which stay in lib/app as the record of what a launcher runs.
if [[ "$os" == linux ]]; then
  if [[ "$start_cache" == aot ]]; then
    # The CLI launcher has a cache of its own, trained at install time (lib/app/flatkey-migrate-cds.sh) from the
    # training plan shipped beside it: in the shipped cache it took the .deb over 50 MB (BENCHMARKS.md).
    sed -i 's|^\(java-options=-XX:AOTCache=\$APPDIR/flatkey-migrate\)\.aot$|\1-cli.aot|' "$image/lib/app/flatkey-migrate.cfg"
    grep -q -e '-XX:AOTCache=$APPDIR/flatkey-migrate-cli.aot' "$image/lib/app/flatkey-migrate.cfg" \
      || die "could not give the CLI launcher its own cache in $image/lib/app/flatkey-migrate.cfg"
    # A CLI run is short and mostly start-up: the serial collector starts with less to set up than G1, and no
    # hsperfdata file is written (jps/jstat do not list the process). ~20 ms of a ~480 ms cold run (BENCHMARKS.md).
    printf 'java-options=-XX:+UseSerialGC\njava-options=-XX:-UsePerfData\n' >>"$image/lib/app/flatkey-migrate.cfg"
    sed 's|"checkFiles": \["../../docs/examples/support-suite.yaml"\]|"checkFiles": ["cli-training-checks.yaml"]|' \
      installer/common/cli-training-plan.json >"$image/lib/app/cli-training-plan.json"
    grep -q 'cli-training-checks.yaml' "$image/lib/app/cli-training-plan.json" || die "could not rewrite the training plan"
    cp docs/examples/support-suite.yaml "$image/lib/app/cli-training-checks.yaml"
  fi
  for cfg in "$image"/lib/app/*.cfg; do
    installer/linux/write-launcher.sh "$cfg" "$image/bin/$(basename "$cfg" .cfg)"
  done
fi

# 4. Linux: a training run of the wizard to its first frame under Xvfb (and, for the CDS class list, of the CLI on the
#    training plan): JDK 25+ writes the AOT cache into the image; JDK 17 records the class list the postinst turns
#    into an archive.
if [[ "$os" == linux ]]; then
  installer/linux/train-startup.sh "$image" "$root/installer/common/cli-training-plan.json"
fi

# 5. The packages.
case "$os" in
  linux) types="deb"; command -v rpmbuild >/dev/null && types="deb rpm" ;;
  macos) types="dmg" ;;
  windows) types="msi" ;;
esac
types="${PACKAGE_TYPES:-$types}"
# The Linux templates (installer/linux) take jpackage's shared shell functions through a placeholder whose name
# changed between JDK 17 (UTILITY_SCRIPTS) and later jpackages (package_type=…; COMMON_SCRIPTS; DESKTOP_SCRIPTS):
# the placeholder is chosen by looking at this jpackage's own prerm template. A placeholder left unreplaced would
# make prerm fail with "UTILITY_SCRIPTS: not found", and dpkg could then neither upgrade nor remove the package.
resource_opts=()
if [[ "$os" == linux ]]; then
  resources="$out/linux-resources"
  rm -rf "$resources" "$out/jpackage-templates"
  cp -r installer/linux "$resources"
  "$jdk/bin/jimage" extract --dir "$out/jpackage-templates" --include 'regex:.*/template\.prerm' "$jdk/lib/modules"
  if ! grep -rq '^UTILITY_SCRIPTS$' "$out/jpackage-templates"; then
    sed -i 's/^UTILITY_SCRIPTS$/package_type=deb\nCOMMON_SCRIPTS\nDESKTOP_SCRIPTS/' "$resources/prerm"
    sed -i 's/^UTILITY_SCRIPTS$/package_type=rpm\nCOMMON_SCRIPTS\nDESKTOP_SCRIPTS/' "$resources/flatkey-migrate.spec"
  fi
  resource_opts=(--resource-dir "$resources")
fi
for type in $types; do
  if [[ "$type" == app-image ]]; then
    step "app image: $image"
    continue
  fi
  step "jpackage --type $type"
  "$jdk/bin/jpackage" --type "$type" --app-image "$image" @"installer/$os/package.args" "${resource_opts[@]}" \
    --app-version "$app_version" --dest "$out/packages"
done
for f in "$out"/packages/*; do
  # (an if, not &&: with PACKAGE_TYPES=app-image there is no package, and a false test must not be the exit status)
  if [[ -e "$f" ]]; then step "$(du -h "$f" | cut -f1)  $f"; fi
done
