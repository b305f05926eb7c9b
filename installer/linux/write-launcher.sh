#!/usr/bin/env bash
# Writes a POSIX sh launcher for one jpackage launcher of the Linux app image, from its .cfg file: the script finds
# the app image from its own (symlink-resolved) location and execs the bundled runtime with the .cfg's class path,
# main class and JVM options ($APPDIR = lib/app). Used by installer/build-package.sh instead of jpackage's native
# Linux launcher, which asks rpm and dpkg which package owns it at every start.
#
# Usage: installer/linux/write-launcher.sh LAUNCHER.cfg OUTPUT
set -euo pipefail
die() { echo "write-launcher: $*" >&2; exit 1; }
[[ $# -eq 2 ]] || die "usage: write-launcher.sh LAUNCHER.cfg OUTPUT"
cfg="$1"
out="$2"
[[ -f "$cfg" ]] || die "no such file: $cfg"
main="$(sed -n 's/^app\.mainclass=//p' "$cfg" | head -1)"
[[ -n "$main" ]] || die "no app.mainclass in $cfg"
cp="$(sed -n 's|^app\.classpath=\$APPDIR/|$app/|p' "$cfg" | tr '\n' ':' | sed 's/:$//')"
[[ -n "$cp" ]] || die "no app.classpath in $cfg"
opts=""
cache=""
while IFS= read -r opt; do
  case "$opt" in *[\"\\\`]*) die "unsupported character in JVM option: $opt" ;; esac
  opt="${opt//\$APPDIR/\$app}"
  case "$opt" in
    # The start-up cache is passed only when it is there: a JDK 25 JVM prints errors for a missing cache.
    -XX:AOTCache=*|-XX:SharedArchiveFile=*) cache="${opt#*=}"; cache_opt="${opt%%=*}" ;;
    *) opts="$opts \"$opt\"" ;;
  esac
done < <(sed -n 's/^java-options=//p' "$cfg")
tmp="$out.tmp$$"
cat >"$tmp" <<SCRIPT
#!/bin/sh
# $(basename "$out"): starts the Flatkey Migration Assistant on its bundled Java runtime.
# Written by installer/linux/write-launcher.sh from lib/app/$(basename "$cfg").
self=\$(readlink -f "\$0")
app=\${self%/bin/*}/lib/app
SCRIPT
cache_arg=""
if [[ -n "$cache" ]]; then
  cat >>"$tmp" <<SCRIPT
# With the cache, the class preloader (for starts without one) has nothing to do.
cache=
preload=
[ -f "$cache" ] && cache="$cache_opt=$cache" && preload=-Dflatkey.preload=false
SCRIPT
  if [[ "$cache" == *-cli.aot ]]; then
    # the CLI's own cache is built at install time; until it is there (or if it could not be), the wizard's
    cat >>"$tmp" <<SCRIPT
[ -z "\$cache" ] && [ -f "${cache%-cli.aot}.aot" ] && cache="$cache_opt=${cache%-cli.aot}.aot" && preload=-Dflatkey.preload=false
SCRIPT
  fi
  cache_arg=' ${cache:+"$cache"} ${preload:+"$preload"}'
fi
cat >>"$tmp" <<SCRIPT
exec "\$app/../runtime/bin/java"$cache_arg$opts -cp "$cp" $main "\$@"
SCRIPT
chmod 755 "$tmp"
mv -f "$tmp" "$out"
