"""What a built bundle needs from the system: its newest GLIBC symbol version and its outside libraries.

`python3 installer/deb_check.py BUNDLE installer/deb/depends` prints `glibc X.Y`, `glibc-from FILE` and one
`needs SONAME PACKAGE` line each, and fails (in Chinese) if a library is neither bundled nor brought
by a package the depends file lists. The tests import glibc_floor() to check an installed package.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

# glibc's own libraries: libc6 itself, whose version the floor sets.
GLIBC_PARTS = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
               "libresolv.so.2", "ld-linux-x86-64.so.2", "libanl.so.1"}


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def glibc_versions(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=True).stdout
    return sorted(set(re.findall(r"GLIBC_([0-9.]+)\b", out)), key=_version_key)


def glibc_floor(folder: Path) -> tuple[str, str]:
    """The highest GLIBC_x.y any shipped program or library asks for, and the file that asks it."""
    best, where = "2.2.5", ""
    for path in elf_files(folder):
        versions = glibc_versions(path)
        if versions and _version_key(versions[-1]) > _version_key(best):
            best, where = versions[-1], str(path.relative_to(folder))
    return best, where


def needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"^\s*NEEDED\s+(\S+)", out, flags=re.M)


def outside_libraries(folder: Path) -> set[str]:
    bundled = {p.name for p in folder.rglob("*")}
    return {name for path in elf_files(folder) for name in needed(path)
            if name not in bundled and name not in GLIBC_PARTS}


def package_of(soname: str) -> str | None:
    """The Debian package that brings this library on the build machine."""
    cache = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    for line in cache.splitlines():
        if line.strip().startswith(soname + " ") and "x86-64" in line:
            path = line.rsplit("=> ", 1)[-1].strip()
            owner = subprocess.run(["dpkg", "-S", str(Path(path).resolve())], capture_output=True, text=True)
            if owner.returncode != 0:  # usr-merge: the file may be listed under /lib
                owner = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
            if owner.returncode == 0:
                return owner.stdout.split(":", 1)[0].strip()
    return None


def depends_alternatives(depends_file: Path) -> set[str]:
    names = set()
    for line in depends_file.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            names.update(alt.split("(")[0].strip() for alt in line.split("|"))
    return names


def main(argv: list[str]) -> int:
    folder, depends_file = Path(argv[0]), Path(argv[1])
    floor, where = glibc_floor(folder)
    print(f"glibc {floor}\nglibc-from {where}")
    allowed, missing = depends_alternatives(depends_file), []
    for soname in sorted(outside_libraries(folder)):
        package = package_of(soname)
        print(f"needs {soname} {package}")
        if package is None or package not in allowed:
            missing.append(f"{soname}（{package or '本机找不到'}）")
    if missing:
        print(f"打包检查未通过：这些系统库既没有打进包里，也不在 {depends_file} 的依赖里：" + "、".join(missing),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
