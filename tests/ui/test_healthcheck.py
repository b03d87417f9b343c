"""`villagedesk --healthcheck`: what the installers run after installing, on a working and a broken install."""

import os
import subprocess
import sys

from villagedesk import __version__


def _healthcheck(home, **env):
    return subprocess.run([sys.executable, "-m", "villagedesk", "--healthcheck"], capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(home),
                                            "XDG_DATA_HOME": str(home / "data"),
                                            "XDG_CONFIG_HOME": str(home / "config"), **env})


def test_a_sound_install_reports_every_part_and_passes(tmp_path):
    result = _healthcheck(tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"村务台 {__version__} 自检" in out
    assert "Qt 6." in out and "PySide6 6." in out
    assert "WenQuanYi Micro Hei，已加载" in out
    assert "qtbase_zh_CN" in out and "取消" in out
    assert "数据库：正常" in out and "完整性检查通过" in out
    assert "主窗口：已离屏绘制 1280×800" in out
    assert out.rstrip().endswith("自检通过。")
    # Offscreen even with no display, and the user's own data and settings folders stay untouched.
    assert not (tmp_path / "data").exists() and not (tmp_path / "config").exists()


def test_a_missing_font_fails_with_a_chinese_message_naming_the_file(tmp_path):
    empty = tmp_path / "resources"
    (empty / "fonts").mkdir(parents=True)
    result = _healthcheck(tmp_path, VILLAGEDESK_RESOURCES=str(empty))
    assert result.returncode == 1
    assert "自检未通过：找不到随程序附带的字体文件" in result.stderr and "wqy-microhei.ttc" in result.stderr
    assert "Traceback" not in result.stderr
    assert "自检通过。" not in result.stdout


def test_a_font_file_qt_cannot_read_is_named(tmp_path):
    broken = tmp_path / "resources"
    (broken / "fonts").mkdir(parents=True)
    (broken / "fonts" / "wqy-microhei.ttc").write_bytes(os.urandom(4096))
    result = _healthcheck(tmp_path, VILLAGEDESK_RESOURCES=str(broken))
    assert result.returncode == 1
    assert "无法加载" in result.stderr and "wqy-microhei.ttc" in result.stderr


def test_help_names_the_healthcheck(tmp_path):
    result = subprocess.run([sys.executable, "-m", "villagedesk", "--help"], capture_output=True, text=True,
                            timeout=60)
    assert "--healthcheck" in result.stdout
