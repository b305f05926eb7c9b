#!/bin/sh
# Builds the class-data sharing (AppCDS) archive lib/app/flatkey-migrate.jsa for this installation, from the class
# list recorded at package time (lib/app/flatkey-migrate.classlist: the classes the wizard and the CLI load on
# start-up). The launchers pass -XX:SharedArchiveFile=$APPDIR/flatkey-migrate.jsa; the JVM checks the archive
# against the installed jars and silently ignores it if they differ. Run by the package's postinst; re-run it
# as root after changing files under lib/app. Built at install time because a JDK 17 archive is tied to the
# absolute paths of the jars.
set -eu
app=$(cd "$(dirname "$0")" && pwd)
java="$(dirname "$app")/runtime/bin/java"
list="$app/flatkey-migrate.classlist"
archive="$app/flatkey-migrate.jsa"
# The class path exactly as the launchers build it (order matters): the app.classpath lines of the launcher config.
cp=$(sed -n 's|^app\.classpath=\$APPDIR/|'"$app"'/|p' "$app/flatkey-migrate-gui.cfg" | tr '\n' ':' | sed 's/:$//')
if [ ! -x "$java" ] || [ ! -f "$list" ] || [ -z "$cp" ]; then
    echo "flatkey-migrate-cds: missing $java, $list or the class path in flatkey-migrate-gui.cfg" >&2
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
