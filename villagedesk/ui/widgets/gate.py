"""A button the signed-in user's role may not use: disabled, with the policy's refusal as its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from villagedesk.domain import permissions
from villagedesk.domain.permissions import Action


class Gate(QObject):
    """Asks the permission policy (never decides itself); the page keeps enabling the button by its own state."""

    def __init__(self, ctx, button: QWidget, action: Action | None):
        super().__init__(button)
        self.ctx, self.button, self.action = ctx, button, action
        self.wanted = not button.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
        self.plain_tip = button.toolTip()
        self._applying = False
        button.installEventFilter(self)
        ctx.events.signed_in.connect(self.apply)
        self.apply()

    def refusal(self) -> str | None:
        role = getattr(self.ctx, "node_role", "village")
        if self.action is None:  # a write of village records the policy names no action for: the node rule alone
            return None if role == "village" else permissions.node_refusal(role)
        return permissions.refusal(self.ctx.actor, self.action, node_role=role)

    def apply(self, *_args) -> None:
        why = self.refusal()
        self._applying = True
        try:
            self.button.setEnabled(self.wanted and why is None)
            self.button.setToolTip(why or self.plain_tip)
        finally:
            self._applying = False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.EnabledChange and not self._applying:
            # the page changed the button for its own reasons: remember that, keep the policy on top
            self.wanted = not obj.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
            if self.wanted and self.refusal() is not None:
                self.apply()
        return False


def gate(ctx, button: QAbstractButton | QWidget, action: Action | None) -> QWidget:
    """Attach the policy for `action` to `button` (None: a write of village records, which only a village node
    does); returns the button."""
    Gate(ctx, button, action)
    return button


def gates_of(widget: QWidget) -> list[Gate]:
    return widget.findChildren(Gate)


def set_tip(button: QWidget, tip: str) -> None:
    """The page's own tooltip for a gated button (why it waits, say); the policy's refusal still comes first."""
    gates = button.findChildren(Gate)
    if not gates:
        button.setToolTip(tip)
    for g in gates:
        g.plain_tip = tip
        g.apply()
