#!/usr/bin/env bash
# Builds the Debian package: target/debian/pangzhu_<version>-1_<arch>.deb (cargo-deb; the
# binary, the desktop entry 旁注 / Pangzhu, its icon, MIME types, the samples; Depends on
# poppler-utils and poppler-data). Installs cargo-deb first if it is missing, and checks the
# desktop entry with desktop-file-validate when that is installed.
# Install the result with: sudo apt install ./target/debian/pangzhu_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo deb --version >/dev/null 2>&1; then
    echo "installing cargo-deb" >&2
    cargo install --locked cargo-deb
fi
if command -v desktop-file-validate >/dev/null 2>&1; then
    desktop-file-validate packaging/pangzhu.desktop
fi
cargo deb --locked "$@"
deb=$(ls -t target/debian/pangzhu_*.deb | head -1)
echo "built $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb" | awk '{print $NF}'
