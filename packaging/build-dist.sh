#!/bin/sh
# Build the one-folder bundle with PyInstaller and pack it:
#   dist/studydesk/                                  the bundle
#   dist/studydesk-<version>-linux-x86_64.tar.gz     the bundle with the desktop files
#   dist/studydesk_<version>_amd64.deb               installs to /opt/studydesk
set -eu
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
version=$($PY -c 'import desktop; print(desktop.__version__)')
arch=$(uname -m)

$PY -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/studydesk.spec
# Desktop integration files travel with the bundle, for install.sh.
mkdir -p dist/studydesk/share
cp packaging/io.github.studydesk.StudyDesk.desktop packaging/io.github.studydesk.StudyDesk.metainfo.xml \
   resources/icons/studydesk.svg resources/icons/studydesk-*.png packaging/install.sh \
   packaging/uninstall.sh dist/studydesk/share/

tar -C dist -czf "dist/studydesk-$version-linux-$arch.tar.gz" studydesk
sh packaging/build-deb.sh "$version"
echo "Built dist/studydesk (bundle), dist/studydesk-$version-linux-$arch.tar.gz and the .deb"
