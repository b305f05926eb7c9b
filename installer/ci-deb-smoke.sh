#!/usr/bin/env bash
# CI smoke of the Linux package, run by .ci/run after the test suite: builds the .deb with
# `./mvnw -B -Pinstaller -DskipTests package`, checks its size (<= 50 MB), installs it with dpkg, runs
# `flatkey-migrate --version`, `flatkey-migrate run` on the demo plan (embedded demo gateway) and a PDF export, checks the
# start-up archive, opens the GUI launcher under Xvfb (plain, and with a plan file as a double-click does) and
# waits for its window, then removes the package. Needs root and apt-get (installs fakeroot, xvfb, xdotool and
# the package's dependencies when missing). Works without a terminal (CI=true, no stdin).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "== installer smoke: $*"; }
fail() { echo "== installer smoke FAILED: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "needs root (dpkg -i)"
command -v apt-get >/dev/null && command -v dpkg >/dev/null || fail "needs a Debian-like system (apt-get, dpkg)"
export DEBIAN_FRONTEND=noninteractive

apt_updated=""
apt_install() {
  if [[ -z "$apt_updated" ]]; then apt-get update -qq; apt_updated=1; fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
missing=()
command -v fakeroot >/dev/null || missing+=(fakeroot)
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
# the start-up training run and the GUI launch load JavaFX's GTK glass: a bare machine has no GTK
dpkg -s libgtk-3-0 >/dev/null 2>&1 || missing+=(libgtk-3-0)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  apt_install "${missing[@]}"
fi

installed() { dpkg -s flatkey-migrate 2>/dev/null | grep -q '^Status: install ok installed'; }

work="$(mktemp -d)"
xvfb_pid=""
gui_pid=""
cleanup() {
  local rc=$?
  [[ -n "$gui_pid" ]] && kill "$gui_pid" 2>/dev/null && wait "$gui_pid" 2>/dev/null
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  if installed; then
    say "removing the package"
    dpkg -r flatkey-migrate >/dev/null || true
  fi
  dpkg -P flatkey-migrate >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

say "building the .deb"
PACKAGE_TYPES=deb ./mvnw -B -q -Pinstaller -DskipTests package   # the .rpm (where rpmbuild exists) is not smoked here
deb="$(ls target/installer/packages/flatkey-migrate_*.deb 2>/dev/null | head -1)"
[[ -n "$deb" ]] || fail "no .deb under target/installer/packages"
size=$(stat -c %s "$deb")
say "$(basename "$deb"): $((size / 1024 / 1024)) MB"
((size <= 50 * 1024 * 1024)) || fail "the .deb is larger than 50 MB ($size bytes)"

say "dpkg -i"
if installed; then dpkg -r flatkey-migrate >/dev/null; fi
if ! dpkg -i "$deb"; then
  say "installing the package's missing dependencies (apt-get -f install)"
  if [[ -z "$apt_updated" ]]; then apt-get update -qq; apt_updated=1; fi
  apt-get -f install -y -qq >/dev/null
fi
installed || fail "the package is not installed"
[[ -e /usr/share/applications/flatkey-migrate-flatkey-migrate-gui.desktop ]] || fail "no menu entry in /usr/share/applications"

say "flatkey-migrate --version"
version_out="$(flatkey-migrate --version)" || fail "flatkey-migrate --version exited $?"
echo "$version_out"
[[ "$version_out" == "flatkey-migrate "* ]] || fail "unexpected version output: $version_out"

say "flatkey-migrate run assets/sample-plans/demo.json (embedded demo gateway)"
if ! flatkey-migrate run assets/sample-plans/demo.json | tee "$work/run.out"; then
  fail "flatkey-migrate run did not pass"
fi
grep -q ' 0 failed' "$work/run.out" || fail "flatkey-migrate run reported failures"

say "flatkey-migrate export --format pdf (java.desktop and fonts in the trimmed runtime)"
if ! flatkey-migrate export assets/sample-plans/demo.json --format pdf --out "$work/export" 2>"$work/export.err"; then
  cat "$work/export.err" >&2
  fail "PDF export failed"
fi
cat "$work/export.err" >&2
! grep -q 'SLF4J' "$work/export.err" || fail "the PDF export printed SLF4J warnings: slf4j-nop missing from the class path (installer/build-package.sh)"
pdf="$(ls "$work"/export/*.pdf 2>/dev/null | head -1)"
[[ -n "$pdf" && "$(head -c 5 "$pdf")" == "%PDF-" ]] || fail "the PDF export wrote no PDF"

say "start-up cache"
app=/opt/flatkey-migrate/lib/app
# shellcheck source=installer/linux/lib.sh
source installer/linux/lib.sh
cp="$(cfg_classpath "$app/flatkey-migrate.cfg")"
opts=()
while IFS= read -r opt; do opts+=("$opt"); done < <(cfg_jvm_options "$app/flatkey-migrate.cfg")
if grep -q -e '-XX:AOTCache=' "$app/flatkey-migrate.cfg"; then
  # JDK 25+: the AOT cache ships in the package; -XX:AOTMode=on fails instead of silently running without it.
  [[ -f "$app/flatkey-migrate.aot" ]] || fail "the package's AOT cache $app/flatkey-migrate.aot is missing (or postinst found it unusable)"
  /opt/flatkey-migrate/lib/runtime/bin/java -XX:AOTMode=on -XX:AOTCache="$app/flatkey-migrate.aot" "${opts[@]}" -cp "$cp" \
    ai.flatkey.migrate.Main --version >/dev/null || fail "the JVM cannot use the start-up cache"
  # the CLI launcher's own cache, trained by the postinst (it falls back on the wizard's when that failed)
  if [[ -f "$app/flatkey-migrate-cli.aot" ]]; then
    say "the CLI's own start-up cache: $(du -h "$app/flatkey-migrate-cli.aot" | cut -f1)"
  else
    say "note: the postinst built no CLI start-up cache; the CLI uses the wizard's"
  fi
else
  [[ -f "$app/flatkey-migrate.jsa" ]] || fail "postinst did not build $app/flatkey-migrate.jsa"
  # -Xshare:on fails instead of silently running without the archive.
  /opt/flatkey-migrate/lib/runtime/bin/java -Xshare:on -XX:SharedArchiveFile="$app/flatkey-migrate.jsa" "${opts[@]}" -cp "$cp" \
    ai.flatkey.migrate.Main --version >/dev/null || fail "the JVM cannot use the start-up archive"
fi

say "GUI launcher under Xvfb"
start_xvfb "$work/xvfb.log" || true
[[ -n "$display" ]] || fail "could not start Xvfb"

gui_window() { # title fragment, plan file (optional)
  mkdir -p "$work/home"
  env -u FLATKEY_API_KEY HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" DISPLAY="$display" /opt/flatkey-migrate/bin/flatkey-migrate-gui "${@:2}" \
    >"$work/gui.log" 2>&1 &
  gui_pid=$!
  local id=""
  for _ in $(seq 1 120); do
    id="$(DISPLAY="$display" xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1 || true)"
    [[ -n "$id" ]] && break
    kill -0 "$gui_pid" 2>/dev/null || break
    sleep 0.5
  done
  if [[ -z "$id" ]]; then
    cat "$work/gui.log" >&2
    fail "no window titled '*$1*' within 60 s"
  fi
  say "window: $(DISPLAY="$display" xdotool getwindowname "$id")"
  kill "$gui_pid"; wait "$gui_pid" 2>/dev/null || true; gui_pid=""
}
gui_window "Flatkey Migration Assistant"
cp assets/sample-plans/demo.json "$work/demo.flatkey-plan.json"
gui_window "Demo: support bot to Flatkey" "$work/demo.flatkey-plan.json"

say "dpkg -r"
dpkg -r flatkey-migrate >/dev/null
[[ ! -e /usr/bin/flatkey-migrate ]] || fail "/usr/bin/flatkey-migrate is left after dpkg -r"
[[ ! -e /opt/flatkey-migrate ]] || fail "/opt/flatkey-migrate is left after dpkg -r: $(find /opt/flatkey-migrate | head)"
[[ ! -e /usr/share/applications/flatkey-migrate-flatkey-migrate-gui.desktop ]] || fail "the menu entry is left after dpkg -r"
dpkg -P flatkey-migrate >/dev/null
say "passed"
