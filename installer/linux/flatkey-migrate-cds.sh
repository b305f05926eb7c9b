#!/bin/sh
# The start-up cache of this installation (lib/app), run by the package's postinst; `normalise` is also run by the
# package-time training (installer/linux/train-startup.sh).
#
# JDK 25+ runtime: lib/app/flatkey-migrate.aot is an ahead-of-time cache built at package time and shipped. The JVM
# accepts it only if the jars have the modification times they had when it was built, and jpackage/dpkg do not
# keep those: both sides set every jar to the same fixed time (JAR_MTIME). Then the cache is checked with
# -XX:AOTMode=on; an unusable cache is removed (the launchers pass it only when the file exists). Then the CLI
# launcher's own cache, lib/app/flatkey-migrate-cli.aot, is trained here from lib/app/cli-training-plan.json (every
# check on the embedded demo gateway, loopback only, ~10-20 s); without it the CLI uses the wizard's cache.
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
    # The CLI launcher's own cache, trained here on this machine: a run of every check of the training plan (request
    # checks included) on the embedded demo gateway, loopback only. Shipping it would take the package over its size
    # budget; without it (training failed) the CLI launcher uses the wizard's cache above.
    cli_aot="$app/flatkey-migrate-cli.aot"
    rm -f "$cli_aot" "$cli_aot.config" "$cli_aot.log"
    if [ -f "$app/cli-training-plan.json" ]; then
        home=$(mktemp -d)
        rc=0
        # shellcheck disable=SC2086
        env -u FLATKEY_API_KEY HOME="$home" XDG_CONFIG_HOME="$home/.config" "$java" -XX:AOTCacheOutput="$cli_aot" \
            $opts -Dflatkey.preload=false -cp "$cp" ai.flatkey.migrate.Main run "$app/cli-training-plan.json" \
            >"$cli_aot.log" 2>&1 || rc=$?
        rm -rf "$home" "$cli_aot.config"
        # exit 1: a training check did not pass (a slow machine); its classes were loaded all the same
        # shellcheck disable=SC2086
        if [ "$rc" -gt 1 ] || [ ! -s "$cli_aot" ] || ! "$java" -XX:AOTCache="$cli_aot" -XX:AOTMode=on $opts -cp "$cp" \
                ai.flatkey.migrate.Main --version >>"$cli_aot.log" 2>&1; then
            tail -5 "$cli_aot.log" >&2
            rm -f "$cli_aot"
            echo "flatkey-migrate-cds: the command line's start-up cache was not built; it uses the wizard's" >&2
        fi
        rm -f "$cli_aot.log"
    fi
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
