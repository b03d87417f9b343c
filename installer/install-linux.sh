#!/usr/bin/env bash
# Add VillageDesk to the desktop menu of the current user (run after `installer/dev.sh run` once).
set -euo pipefail
cd "$(dirname "$0")/.."
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
mkdir -p "$apps" "$icons"
cp resources/icons/villagedesk.png "$icons/villagedesk.png"
sed "s|^Exec=villagedesk|Exec=$(pwd)/.venv/bin/villagedesk|" installer/villagedesk.desktop > "$apps/villagedesk.desktop"
echo "已添加到应用菜单：$apps/villagedesk.desktop"
