#!/usr/bin/env bash
# Builds every raster form of the app icon from the two SVG sources in this folder:
#   flatkey-migrate.svg        the icon (24 px and up)
#   flatkey-migrate-small.svg  the same icon drawn on whole pixels for 16 px
# Outputs (all committed, rebuild after editing an SVG):
#   assets/icons/png/flatkey-migrate-<N>.png             N = 16 24 32 48 64 128 256 512 1024
#   assets/icons/flatkey-migrate.ico                       Windows (16…256, the 256 one PNG-compressed)
#   assets/icons/flatkey-migrate.icns                      macOS (16…1024)
#   installer/linux/flatkey-migrate.png, installer/windows/flatkey-migrate.ico, installer/macos/flatkey-migrate.icns
#   src/main/resources/ai/flatkey/migrate/ui/icons/icon-<N>.png   the window icon (N = 16 32 48 64 128 256)
# Tools (Debian/Ubuntu packages): rsvg-convert (librsvg2-bin), icotool (icoutils), png2icns (icnsutils).
# Installed with apt-get when missing and this runs as root. Usage: assets/icons/build-icons.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

need=()
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
command -v icotool >/dev/null || need+=(icoutils)
command -v png2icns >/dev/null || need+=(icnsutils)
if ((${#need[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing tools; install the Debian packages: ${need[*]}" >&2
    exit 1
  fi
fi

png="$here/png"
mkdir -p "$png"
rsvg-convert -w 16 -h 16 "$here/flatkey-migrate-small.svg" -o "$png/flatkey-migrate-16.png"
for n in 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$n" -h "$n" "$here/flatkey-migrate.svg" -o "$png/flatkey-migrate-$n.png"
done

icotool -c -o "$here/flatkey-migrate.ico" \
  "$png"/flatkey-migrate-{16,24,32,48,64,128}.png --raw="$png/flatkey-migrate-256.png"
# png2icns picks the icon type from each PNG's size (16, 32, 48, 128, 256, 512, 1024).
png2icns "$here/flatkey-migrate.icns" "$png"/flatkey-migrate-{16,32,48,128,256,512,1024}.png >/dev/null

mkdir -p "$root/installer/linux" "$root/installer/windows" "$root/installer/macos"
cp "$png/flatkey-migrate-256.png" "$root/installer/linux/flatkey-migrate.png"
cp "$here/flatkey-migrate.ico" "$root/installer/windows/flatkey-migrate.ico"
cp "$here/flatkey-migrate.icns" "$root/installer/macos/flatkey-migrate.icns"

res="$root/src/main/resources/ai/flatkey/migrate/ui/icons"
mkdir -p "$res"
for n in 16 32 48 64 128 256; do
  cp "$png/flatkey-migrate-$n.png" "$res/icon-$n.png"
done
echo "Icons written under $here, installer/ and $res"
