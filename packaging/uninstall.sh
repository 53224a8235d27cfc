#!/bin/sh
# Remove exactly what install.sh installed. Your library and notes (in
# ~/.local/share/studydesk) are never touched.
set -eu
PREFIX=${PREFIX:-$HOME/.local}
target="$PREFIX/lib/studydesk"
manifest="$target/INSTALLED_FILES"
if [ ! -f "$manifest" ]; then
    echo "Study Desk is not installed in $PREFIX"
    exit 0
fi
while IFS= read -r file; do
    rm -f "$file"
    # Remove the folders install.sh may have made, if nothing else is in them.
    rmdir -p "$(dirname "$file")" 2>/dev/null || true
done < "$manifest"
rm -rf "$target"
rmdir -p "$PREFIX/lib" 2>/dev/null || true
# install.sh refreshed the desktop's MIME cache; refresh it again without us, and drop it
# if it now lists nothing (then it was only there because of us).
apps="$PREFIX/share/applications"
if [ -f "$apps/mimeinfo.cache" ]; then
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" 2>/dev/null || true
    grep -q '=' "$apps/mimeinfo.cache" || rm -f "$apps/mimeinfo.cache"
    rmdir -p "$apps" 2>/dev/null || true
fi
echo "Removed Study Desk from $PREFIX (your notes are kept)."
