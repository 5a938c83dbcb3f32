#!/usr/bin/env bash
# Runs the reading app on a fresh Debian machine with Rust: installs the X11/Wayland/OpenGL
# runtime libraries the window needs if they are missing, builds in release mode and opens the
# given documents (default: two bundled samples side by side).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for lib in libGL.so.1 libEGL.so.1 libxkbcommon.so.0 libX11.so.6 libXcursor.so.1 libXi.so.6 libXrandr.so.2 libwayland-client.so.0; do
    ldconfig -p 2>/dev/null | grep -q "$lib" || need+=("$lib")
done
if [ ${#need[@]} -gt 0 ] && command -v apt-get >/dev/null; then
    echo "installing runtime libraries for: ${need[*]}" >&2
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libx11-6 \
        libxcursor1 libxi6 libxrandr2 libwayland-client0 libwayland-egl1 >/dev/null
fi
source scripts/ensure-poppler.sh
if [ $# -eq 0 ]; then
    set -- assets/samples/000_708c568e49ff463c.txt assets/samples/003_288352e838a0763b.txt
fi
exec cargo run --release --locked -- "$@"
