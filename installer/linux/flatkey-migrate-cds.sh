#!/bin/sh
# The start-up cache of this installation (lib/app), run by the package's postinst; `normalise` is also run by the
# package-time training (installer/linux/train-startup.sh).
#
# JDK 25+ runtime: lib/app/flatkey-migrate.aot is an ahead-of-time cache built at package time and shipped. The JVM
# accepts it only if the jars have the modification times they had when it was built, and jpackage/dpkg do not
# keep those: both sides set every jar to the same fixed time (JAR_MTIME). Then the cache is checked with
# -XX:AOTMode=on; an unusable cache is removed (the launchers pass it only when the file exists).
# JDK 17 runtime: builds the class-data sharing archive lib/app/flatkey-migrate.jsa from the class list recorded at
# package time (a JDK 17 archive is bound to the absolute paths of the jars, so it cannot be shipped).
#
# Usage: flatkey-migrate-cds.sh [normalise]      Re-run as root after changing files under lib/app.
set -eu
JAR_MTIME=202601010000
app=$(cd "$(dirname "$0")" && pwd)
java="$(dirname "$app")/runtime/bin/java"
cfg="$app/flatkey-migrate-gui.cfg"

normalise() {
    for jar in "$app"/*.jar; do
        touch -m -t "$JAR_MTIME" "$jar"
    done
}
if [ "${1:-}" = normalise ]; then
    normalise
    exit 0
fi

# The class path exactly as the launchers build it (order matters): the app.classpath lines of the launcher config.
cp=$(sed -n 's|^app\.classpath=\$APPDIR/|'"$app"'/|p' "$cfg" | tr '\n' ':' | sed 's/:$//')
if [ ! -x "$java" ] || [ -z "$cp" ]; then
    echo "flatkey-migrate-cds: missing $java or the class path in $cfg" >&2
    exit 1
fi

aot="$app/flatkey-migrate.aot"
if [ -f "$aot" ]; then
    normalise
    # The JVM options the cache was built with (module options must match), without the cache option itself.
    opts=$(sed -n 's/^java-options=//p' "$cfg" | grep -v -e '-XX:AOTCache=' -e '-XX:SharedArchiveFile=' | tr '\n' ' ')
    # shellcheck disable=SC2086
    if ! "$java" -XX:AOTCache="$aot" -XX:AOTMode=on $opts -cp "$cp" ai.flatkey.migrate.Main --version >"$aot.log" 2>&1; then
        cat "$aot.log" >&2
        rm -f "$aot" "$aot.log"
        echo "flatkey-migrate-cds: the JVM cannot use the start-up cache; removed it" >&2
        exit 1
    fi
    rm -f "$aot.log"
    exit 0
fi

list="$app/flatkey-migrate.classlist"
archive="$app/flatkey-migrate.jsa"
if [ ! -f "$list" ]; then
    echo "flatkey-migrate-cds: neither $aot nor $list is there" >&2
    exit 1
fi
tmp="$archive.tmp$$"
rm -f "$tmp"
if ! "$java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$tmp" -cp "$cp" >"$tmp.log" 2>&1; then
    cat "$tmp.log" >&2
    rm -f "$tmp" "$tmp.log"
    exit 1
fi
rm -f "$tmp.log"
chmod 644 "$tmp"
mv -f "$tmp" "$archive"
