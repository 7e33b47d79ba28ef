#!/usr/bin/env bash
# Installs the Debian packages the portal and its tests need, when missing.
set -euo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v msgfmt >/dev/null 2>&1 || packages+=(gettext)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || packages+=(libpango-1.0-0 libpangoft2-1.0-0)
dpkg -s libharfbuzz-subset0 >/dev/null 2>&1 || packages+=(libharfbuzz-subset0)
# DejaVu: the font of the PDFs (labels, invoices, credit notes, offers).
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || packages+=(fonts-dejavu-core)
# WenQuanYi Micro Hei: Chinese in PDFs (1.6 MB; fonts-noto-cjk is 56 MB and
# OpenType/CFF, which ReportLab cannot embed). Persian comes from Vazirmatn,
# shipped under static/fonts/vazirmatn/.
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || packages+=(fonts-wqy-microhei)
# Redis: the tests start their own server on loopback (REDIS_URL).
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
# wrk: the HTTP load generator of `make bench`.
command -v wrk >/dev/null 2>&1 || packages+=(wrk)
if [ ${#packages[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Please install: ${packages[*]} (sudo apt-get install -y ${packages[*]})" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
