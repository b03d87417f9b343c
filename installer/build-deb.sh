#!/usr/bin/env bash
# Build the Linux package: `installer/build-deb.sh` makes dist/villagedesk_VERSION_amd64.deb from this
# checkout (PyInstaller one folder under /opt/villagedesk, links in /usr/bin, menu entry and icon).
# Reproducible: file times come from SOURCE_DATE_EPOCH (default: the last commit's time).
# VILLAGEDESK_DEB_OUT names another output file, VILLAGEDESK_DEB_COMPRESS=gzip compresses faster.
# Needs: python3 (with venv), dpkg-deb, objdump (binutils); the package index once, for the build venv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PY=${PYTHON:-python3}
WORK=${VILLAGEDESK_BUILD_DIR:-$ROOT/build/deb}
VENV=$WORK/venv
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=amd64
DEB=${VILLAGEDESK_DEB_OUT:-$ROOT/dist/villagedesk_${VERSION}_${ARCH}.deb}
# xz is the smallest (36 MB, 1–3 minutes to compress); the test suite asks for gzip (50 MB, 20 s).
COMPRESS=${VILLAGEDESK_DEB_COMPRESS:-xz}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || stat -c %Y pyproject.toml)}
export PYTHONHASHSEED=0 LC_ALL=C.UTF-8 TZ=UTC
umask 022
start=$(date +%s)

for tool in dpkg-deb objdump; do
  command -v "$tool" >/dev/null || { echo "缺少构建工具 $tool（Debian 软件包：dpkg-dev / binutils）。" >&2; exit 1; }
done

# The build venv holds the pinned dependencies and PyInstaller only; the app itself is analysed from
# this checkout (the spec puts it first on the path). Remade when pyproject.toml changes.
stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "正在准备构建环境（首次需要几分钟）……"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check ".[build]"
  touch "$stamp"
fi

echo "正在打包程序（PyInstaller）……"
rm -rf "$WORK/pyinstaller" "$WORK/root"
# The work folder is kept: PyInstaller then re-analyses only what changed (25 s instead of 40 s).
"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$WORK/pyinstaller" --workpath "$WORK/work" installer/villagedesk.spec \
  > "$WORK/pyinstaller.log" 2>&1 || { tail -30 "$WORK/pyinstaller.log" >&2; exit 1; }
BUNDLE=$WORK/pyinstaller/villagedesk

echo "正在自检打包结果……"
HOME="$WORK/home" "$BUNDLE/villagedesk" --healthcheck >/dev/null

PKG=$WORK/root
mkdir -p "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" "$PKG/usr/share/doc/villagedesk" \
  "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/DEBIAN"
cp -a "$BUNDLE" "$PKG/opt/villagedesk"
ln -s ../../opt/villagedesk/villagedesk "$PKG/usr/bin/villagedesk"
ln -s ../../opt/villagedesk/villagedesk "$PKG/usr/bin/villagedesk-cli"  # the program starts its CLI by this name
sed 's|^Exec=villagedesk$|Exec=/usr/bin/villagedesk|' installer/villagedesk.desktop > "$PKG/usr/share/applications/villagedesk.desktop"
cp resources/icons/villagedesk.png "$PKG/usr/share/icons/hicolor/256x256/apps/villagedesk.png"
cp resources/icons/villagedesk.svg "$PKG/usr/share/icons/hicolor/scalable/apps/villagedesk.svg"
cat installer/deb/copyright resources/fonts/COPYRIGHT.wqy-microhei > "$PKG/usr/share/doc/villagedesk/copyright"

# What the shipped programs need: the newest glibc symbol version, and the system libraries (not in the
# bundle) that Depends must bring. installer/deb_check.py fails the build if one is not covered.
"$PY" installer/deb_check.py "$PKG/opt/villagedesk" installer/deb/depends > "$WORK/needs.txt"
FLOOR=$(sed -n 's/^glibc //p' "$WORK/needs.txt")
DEPENDS="libc6 (>= $FLOOR), $(grep -v '^#' installer/deb/depends | grep . | paste -sd, | sed 's/,/, /g')"

sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@DEPENDS@/$DEPENDS/" \
    -e "s/@SIZE@/$(du -sk --apparent-size "$PKG" | cut -f1)/" installer/deb/control > "$PKG/DEBIAN/control"
install -m 0755 installer/deb/postinst "$PKG/DEBIAN/postinst"

find "$PKG" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
chmod -R u+rwX,go+rX,go-w "$PKG"
mkdir -p "$(dirname "$DEB")"
dpkg-deb --root-owner-group "-Z$COMPRESS" -z9 --build "$PKG" "$DEB" >/dev/null

size=$(stat -c %s "$DEB")
echo "已生成：$DEB"
echo "大小：$((size / 1048576)) MB（$size 字节），安装后 $(( $(du -sk "$PKG/opt" | cut -f1) / 1024 )) MB"
echo "所需 glibc：$FLOOR（最高的 GLIBC 符号版本，来自 $(sed -n 's/^glibc-from //p' "$WORK/needs.txt")）"
echo "sha256：$(sha256sum "$DEB" | cut -d' ' -f1)"
echo "用时：$(( $(date +%s) - start )) 秒"
