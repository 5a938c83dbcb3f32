#!/usr/bin/env bash
# Installs poppler's command-line tools (PDF import runs them as subprocesses) and poppler-data
# (the CMaps Chinese PDFs need) with apt-get when they are missing. Sourced by run.sh, test.sh
# and .ci/run; harmless when they are there.
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftohtml >/dev/null 2>&1 \
    || ! command -v pdftoppm >/dev/null 2>&1 || ! command -v qpdf >/dev/null 2>&1 \
    || [ ! -d /usr/share/poppler/cMap ]; then
    if command -v apt-get >/dev/null 2>&1; then
        echo "installing poppler-utils, poppler-data and qpdf (PDF import)" >&2
        sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq poppler-utils poppler-data qpdf >/dev/null
    else
        echo "warning: poppler-utils is missing and apt-get is not available; PDF import will not work" >&2
    fi
fi
