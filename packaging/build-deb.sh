#!/bin/sh
# Pack dist/studydesk as a .deb: /opt/studydesk, a /usr/bin/studydesk link, the desktop
# entry, icons and AppStream metainfo.
set -eu
cd "$(dirname "$0")/.."
version=$1
stage=build/deb
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/metainfo"
cp -a dist/studydesk "$stage/opt/studydesk"
ln -s /opt/studydesk/studydesk "$stage/usr/bin/studydesk"
cp packaging/io.github.studydesk.StudyDesk.desktop "$stage/usr/share/applications/"
cp packaging/io.github.studydesk.StudyDesk.metainfo.xml "$stage/usr/share/metainfo/"
for size in 48 128 256; do
    mkdir -p "$stage/usr/share/icons/hicolor/${size}x$size/apps"
    cp "resources/icons/studydesk-$size.png" \
       "$stage/usr/share/icons/hicolor/${size}x$size/apps/io.github.studydesk.StudyDesk.png"
done
mkdir -p "$stage/usr/share/icons/hicolor/scalable/apps"
cp resources/icons/studydesk.svg "$stage/usr/share/icons/hicolor/scalable/apps/io.github.studydesk.StudyDesk.svg"
size_kb=$(du -sk "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: studydesk
Version: $version
Section: education
Priority: optional
Architecture: amd64
Installed-Size: $size_kb
Depends: libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-render-util0, libxcb-image0, libxkbcommon-x11-0, libegl1, libfontconfig1, libdbus-1-3, libgl1
Maintainer: The Study Desk developers <studydesk@localhost>
Description: read a question and the answers several educators wrote to it
 Study Desk shows a question and each educator's answer, keeps your notes and
 highlights in a local database, shows the events the answers mention on a
 timeline, and prints summaries.
CONTROL
dpkg-deb --root-owner-group --build "$stage" "dist/studydesk_${version}_amd64.deb" >/dev/null
