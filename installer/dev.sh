#!/usr/bin/env bash
# VillageDesk from a checkout: `installer/dev.sh run` sets up and starts the app,
# `installer/dev.sh test` sets up and runs the whole test suite headless (with the type check and the coverage
# gate; `installer/dev.sh test ARGS` passes ARGS to pytest alone).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
VENV=.venv

# Qt's xcb platform needs these on Debian-like systems; a fresh machine lacks some of them
# and Qt then aborts with a misleading hint about xcb-cursor.
QT_DEBS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
libxcb-randr0 libxcb-xinerama0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3"

# The test suite reads back the PDFs it writes with poppler's tools (pdffonts, pdftotext) and opens the
# workbooks it writes with LibreOffice (headless, ~57 s to install without recommends).
# binutils: objdump, with which the .deb test reads the glibc versions and libraries the bundle needs.
TEST_DEBS="binutils poppler-utils libreoffice-calc-nogui"

need_debs() {
  command -v dpkg-query >/dev/null || return 0
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "安装所需的系统库：${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "（1/2）更新软件包列表……"
  $sudo apt-get update -qq
  echo "（2/2）下载并安装 ${#missing[@]} 个系统包……"
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" \
    | { grep --line-buffered -E "^(Get:|Setting up)" || true; }  # pipefail: apt-get's own failure still stops
}

venv() {
  local extras=$1 stamp="$VENV/.installed-$1"
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "正在安装村务台及其依赖（首次需要几分钟，下面逐个显示进度）……"
    # pip's own lines (Collecting …, the download bar, Installing collected packages …) are the progress
    # a person watches; only its warnings about unused index locations are left out.
    "$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar on -e ".$extras" 2>&1 \
      | { grep --line-buffered -v "is ignored: it is neither a file nor a directory" || true; }
    echo "安装完成。"
    touch "$stamp"
  fi
}

case "${1:-}" in
  run)
    shift
    need_debs $QT_DEBS
    venv ""
    exec "$VENV/bin/villagedesk" "$@"
    ;;
  test)
    shift
    # QT_DEBS too: the .deb test bundles Qt's xcb platform and checks every library it needs is found.
    need_debs $QT_DEBS $TEST_DEBS
    venv "[test]"
    export QT_QPA_PLATFORM=offscreen
    if [ $# -gt 0 ]; then  # some tests, or pytest's own options: just pytest
      exec "$VENV/bin/python" -m pytest "$@"
    fi
    # The whole suite, as CI runs it: types first, then the tests under coverage, then the coverage gate.
    echo "类型检查（mypy：domain、store、services）……"
    "$VENV/bin/python" -m mypy
    rm -f .coverage
    "$VENV/bin/python" -m pytest --cov --cov-report=
    exec "$VENV/bin/python" scripts/check_coverage.py
    ;;
  *)
    echo "用法：installer/dev.sh run [--db 文件]   或   installer/dev.sh test" >&2
    exit 2
    ;;
esac
