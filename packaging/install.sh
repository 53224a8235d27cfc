#!/bin/sh
# Install the bundle for the current user (no root): under PREFIX (default ~/.local)
#   lib/studydesk/            the program       bin/studydesk    the command
#   share/applications/, share/icons/hicolor/, share/metainfo/  desktop integration
# Every file written is listed in lib/studydesk/INSTALLED_FILES for uninstall.sh.
# Run from the bundle's share/ folder or from the source tree after `make dist`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ -x "$here/../studydesk" ]; then bundle=$(cd "$here/.." && pwd); else bundle=$(cd "$here/../dist/studydesk" && pwd); fi
share="$bundle/share"
PREFIX=${PREFIX:-$HOME/.local}
app_id=io.github.studydesk.StudyDesk
target="$PREFIX/lib/studydesk"

if [ -e "$target" ]; then sh "$target/share/uninstall.sh" >/dev/null; fi
mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo"
cp -a "$bundle" "$target"
manifest="$target/INSTALLED_FILES"
: > "$manifest"
put() {  # put SOURCE DEST: copy and record
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2"
    echo "$2" >> "$manifest"
}
ln -sf "$target/studydesk" "$PREFIX/bin/studydesk"
echo "$PREFIX/bin/studydesk" >> "$manifest"
put "$share/$app_id.desktop" "$PREFIX/share/applications/$app_id.desktop"
put "$share/$app_id.metainfo.xml" "$PREFIX/share/metainfo/$app_id.metainfo.xml"
for size in 48 128 256; do
    put "$share/studydesk-$size.png" "$PREFIX/share/icons/hicolor/${size}x$size/apps/$app_id.png"
done
put "$share/studydesk.svg" "$PREFIX/share/icons/hicolor/scalable/apps/$app_id.svg"
command -v update-desktop-database >/dev/null 2>&1 && \
    update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
echo "Installed Study Desk in $target; run 'studydesk' (in $PREFIX/bin) or find it in your menu."
