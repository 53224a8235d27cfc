#!/bin/sh
# Install the system libraries Qt's X11 platform plugin needs (and, with --test, the tools
# the tests use: Xvfb, xdotool, poppler, PostgreSQL), only when something is missing. Debian/Ubuntu.
set -eu

need=""
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }

for pair in libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 \
    libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-shape.so.0:libxcb-shape0 \
    libxcb-render-util.so.0:libxcb-render-util0 libxcb-image.so.0:libxcb-image0 \
    libxkbcommon-x11.so.0:libxkbcommon-x11-0 libEGL.so.1:libegl1 \
    libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3 libGL.so.1:libgl1; do
    have_lib "${pair%%:*}" || need="$need ${pair#*:}"
done
fc-list 2>/dev/null | grep -qi dejavu || need="$need fonts-dejavu-core"
if [ "${1:-}" = "--test" ]; then
    have_cmd Xvfb || need="$need xvfb xauth"
    have_cmd xdotool || need="$need xdotool"
    have_cmd pdftotext || need="$need poppler-utils"
    have_cmd desktop-file-validate || need="$need desktop-file-utils"
    have_cmd appstreamcli || need="$need appstream"
    have_cmd dpkg-deb || need="$need dpkg"
    # The sync tests start their own PostgreSQL cluster (initdb, pg_ctl; issue 14).
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
fi

[ -z "$need" ] && exit 0
echo "Installing system packages:$need"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif have_cmd sudo; then sudo="sudo"; else
    echo "Please install these packages (as root):$need" >&2
    exit 1
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $need
