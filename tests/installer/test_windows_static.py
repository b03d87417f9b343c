"""The Windows installer cannot be built here: its script, spec and language file are checked as text."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
ISS = INSTALLER / "villagedesk.iss"
PS1 = INSTALLER / "build-windows.ps1"
SPEC = INSTALLER / "villagedesk.spec"
ISL = INSTALLER / "windows" / "ChineseSimplified.isl"


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
        elif current:
            sections[current].append(line)
    return sections


def _setup(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in _sections(text)["Setup"])


def test_the_inno_setup_script_installs_per_user_on_windows_10_with_a_fixed_app_id():
    setup = _setup(ISS.read_text("utf-8"))
    assert re.fullmatch(r"\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["MinVersion"] == "10.0"
    assert setup["DefaultDirName"].startswith("{localappdata}\\Programs\\")


def test_the_version_comes_from_pyproject_through_the_build_script():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    iss, ps1 = ISS.read_text("utf-8"), PS1.read_text("utf-8")
    assert _setup(iss)["AppVersion"] == "{#AppVersion}" and "#error" in iss  # no number written in the script
    assert version not in iss
    pattern = re.search(r"-Pattern '([^']+)'", ps1).group(1)  # the build script's own pattern
    found = [m.group(1) for line in (ROOT / "pyproject.toml").read_text("utf-8").splitlines()
             if (m := re.match(pattern.replace("\\s", r"\s"), line))]
    assert found[0] == version
    assert '"/DAppVersion=$version"' in ps1


def test_every_file_the_script_names_exists():
    text = ISS.read_text("utf-8")
    sections = _sections(text)
    named = [_setup(text)["SetupIconFile"]]
    for line in sections["Languages"]:
        files = re.search(r'MessagesFile: "([^"]+)"', line).group(1)
        named += [f for f in files.split(",") if not f.startswith("compiler:")]
    for relative in named:
        assert (INSTALLER / relative.replace("\\", "/")).is_file(), relative
    # The one source folder is what the spec builds: PyInstaller's dist\<COLLECT name>.
    sources = [re.search(r'Source: "([^"]+)"', line).group(1) for line in sections["Files"]]
    assert sources == ["..\\dist\\villagedesk\\*"]
    assert 'name="villagedesk"' in SPEC.read_text("utf-8").split("COLLECT(")[1]
    assert "--distpath dist" in PS1.read_text("utf-8")


def test_shortcuts_in_the_start_menu_and_on_the_desktop_and_uninstall_keeps_the_data():
    sections = _sections(ISS.read_text("utf-8"))
    icons = "\n".join(sections["Icons"])
    assert '"{group}\\村务台"' in icons and '"{userdesktop}\\村务台"' in icons
    assert "UninstallDelete" not in sections  # nothing beyond what it installed is removed
    deleted = "\n".join(sections.get("InstallDelete", []))
    assert "{localappdata}\\VillageDesk" not in deleted and "{app}" in deleted


def test_every_file_the_spec_and_the_build_script_name_exists():
    spec = SPEC.read_text("utf-8")
    for parts in re.findall(r'ROOT((?: / "[^"]+")+)', spec):
        path = ROOT.joinpath(*re.findall(r'"([^"]+)"', parts))
        assert path.exists(), path
    for relative in re.findall(r'(installer\\[\w.\\-]+|pyproject\.toml)', PS1.read_text("utf-8")):
        assert (ROOT / relative.replace("\\", "/")).exists(), relative


def test_the_chinese_wizard_text_is_vendored_complete_and_read_as_utf8():
    raw = ISL.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Inno Setup 6 reads a UTF-8 .isl by its byte-order mark
    text = raw.decode("utf-8-sig")
    assert "Licence note" in text and "Apache License 2.0" in text
    sections = _sections(text)
    options = dict(line.split("=", 1) for line in sections["LangOptions"])
    assert options["LanguageID"] == "$0804" and options["LanguageName"] == "简体中文"
    messages = dict(line.split("=", 1) for line in sections["Messages"])
    keys = [line.split("=", 1)[0] for line in sections["Messages"]]
    assert len(keys) == len(set(keys)) and len(keys) >= 245  # every message of Inno Setup 6.0's Default.isl
    assert messages["ButtonNext"] == "下一步(&N) >" and messages["ButtonCancel"] == "取消"
    assert "[name]" in messages["WelcomeLabel1"] and "不会被删除" in messages["ConfirmUninstall"]
    untranslated = [k for k, v in messages.items() if v and not re.search(r"[\u4e00-\u9fff]", v)
                    and not re.fullmatch(r"[%\d KBM()（），,]+", v)]
    assert untranslated == []
    custom = dict(line.split("=", 1) for line in sections["CustomMessages"])
    assert custom["CreateDesktopIcon"].startswith("创建桌面快捷方式")
