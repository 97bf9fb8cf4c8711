"""The terminal user interface: renders a plan, turns gestures into operations."""

from essayplan.tui.app import EssayPlanApp

__all__ = ["EssayPlanApp"]
