"""The township identity a township installation serves: its division code and name."""

from __future__ import annotations

from typing import NamedTuple

from villagedesk.domain.division_code import validate_township_code
from villagedesk.domain.text import short_text


class Township(NamedTuple):  # not a dataclass: see domain/actor.py
    """A township node's site: its 12-digit division code (9 digits and 000) and name."""

    code: str
    name: str

    @property
    def prefix(self) -> str:
        """The 9 digits every village code of the township begins with."""
        return self.code[:9]


def make_township(code: str, name: str) -> Township:
    """Validate the township's first-run form; each error names its field."""
    return Township(validate_township_code(code), short_text(name, "乡镇名称", 30, required=True))


def pairing_refusal(my_role: str, my_code: str, peer_role: str, peer_code: str, peer_name: str) -> str | None:
    """Why this node does not register that peer (a village outside the township, a township not the
    village's own), in Chinese; None when the pairing may go ahead."""
    from villagedesk.domain.division_code import in_township, validate_division_code
    from villagedesk.domain.errors import ValidationError

    if my_role == "township" and peer_role == "village":
        try:
            validate_division_code(peer_code)
        except ValidationError as exc:
            return f"“{peer_name}”的区划代码“{peer_code}”不是有效的村代码（{exc.reason}），不能登记。"
        if not in_township(peer_code, my_code):
            return (f"“{peer_name}”的区划代码 {peer_code} 不以本乡镇的 {my_code[:9]} 开头，不是本乡镇的村，"
                    "不能登记。")
    elif my_role == "township" and peer_role == "township":
        return f"“{peer_name}”是另一个乡镇节点；乡镇之间不直接交换同步包，只登记本乡镇的村。"
    elif my_role == "township" and peer_role == "district" and peer_code[:6] != my_code[:6]:
        return f"“{peer_name}”（{peer_code}）不是本乡镇所属的区县，不能登记。"
    elif my_role == "district" and peer_role != "township":
        return f"“{peer_name}”不是乡镇节点；区县节点只登记本区县的乡镇（区县不接收村的同步包）。"
    elif my_role == "district" and (peer_code[:6] != my_code[:6] or peer_code[6:9] == "000"):
        return (f"“{peer_name}”的区划代码 {peer_code} 不以本区县的 {my_code[:6]} 开头，不是本区县的乡镇，"
                "不能登记。")
    elif my_role == "village" and peer_role == "township" and my_code and peer_code[:9] != my_code[:9]:
        return (f"“{peer_name}”的区划代码 {peer_code} 与本村所属乡镇（{my_code[:9]}000）不符，"
                "请导入本村所属乡镇的注册文件。")
    return None
