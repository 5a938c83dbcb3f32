#!/usr/bin/env bash
# Screenshot of the reading app under Xvfb: scripts/screenshot.sh OUT.png [FILE...]
# Starts the app on a virtual display (fresh settings, so no FILE means the first-run samples),
# waits until the picture is drawn and stable, saves it, and quits with the app's own Ctrl+Q.
# SCREENSHOT_KEYS are pressed once the window is up. PANGZHU_BIN picks the binary (default: cargo build, then target/debug/pangzhu).
set -euo pipefail

out=${1:?usage: scripts/screenshot.sh OUT.png [FILE...]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
if ((${#need[@]})); then
    echo "installing ${need[*]}" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

bin=${PANGZHU_BIN:-}
if [[ -z $bin ]]; then
    (cd "$root" && cargo build --quiet --bin pangzhu)
    bin="${CARGO_TARGET_DIR:-$root/target}/debug/pangzhu"
fi

display=":${SCREENSHOT_DISPLAY:-97}"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
scratch=$(mktemp -d)
cleanup() { kill "$xvfb" 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT
export DISPLAY=$display
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

# Fresh settings: the first run opens the two samples side by side.
export XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config HOME=$scratch
export LANG=${SCREENSHOT_LANG:-zh_CN.UTF-8} LIBGL_ALWAYS_SOFTWARE=1
"$bin" "$@" >"$scratch/app.log" 2>&1 &
app=$!

window=""
for _ in $(seq 300); do
    window=$(xdotool search --name "Pangzhu" 2>/dev/null | head -1 || true)
    [[ -n $window ]] && break
    kill -0 "$app" 2>/dev/null || { cat "$scratch/app.log" >&2; exit 1; }
    sleep 0.1
done
[[ -n $window ]] || { echo "no window appeared" >&2; exit 1; }
# SCREENSHOT_KEYS="ctrl+r" presses keys once the window is there (e.g. to show the page view).
if [[ -n ${SCREENSHOT_KEYS:-} ]]; then
    sleep 1
    xdotool windowfocus --sync "$window" key --clearmodifiers $SCREENSHOT_KEYS
fi

# Drawn = not blank, and the same picture twice in a row (loading finished).
previous=""
for _ in $(seq 120); do
    sleep 0.5
    import -window root "$scratch/shot.png" 2>/dev/null || continue
    spread=$(convert "$scratch/shot.png" -format "%[fx:standard_deviation]" info:)
    sum=$(md5sum <"$scratch/shot.png")
    if awk "BEGIN{exit !($spread > 0.05)}" && [[ $sum == "$previous" ]]; then
        break
    fi
    previous=$sum
done
# The window is 1400×900 at the top-left of the screen.
convert "$scratch/shot.png" -crop 1400x900+0+0 +repage "$out"

xdotool windowfocus --sync "$window" key --clearmodifiers ctrl+q
for _ in $(seq 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app" 2>/dev/null; then
    echo "the app did not quit on Ctrl+Q" >&2
    kill "$app"
    exit 1
fi
wait "$app" || { echo "the app exited with an error:" >&2; cat "$scratch/app.log" >&2; exit 1; }
echo "saved $out"
