"""Summary options: what to summarise (this study set or a whole course), which sections,
paper, orientation, margins, font size (remembered), and buttons that print or export it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.summary.model import SummaryOptions
from desktop.summary.paper import PAPER_SIZES, PageSetup, default_paper

SECTION_LABELS = {
    "key_points": "Key points of each educator (your highlights first)",
    "agreements": "Where the educators agree and disagree",
    "timeline": "Timeline of events",
    "notes": "My notes",
    "draft": "My answer",
    "self_test": "Self-test sheet (your study cards, then the answer key on pages of its own)",
}
TIMELINE_LABELS = {
    "timeline_descriptions": "Describe each event",
    "all_events": "All events, not only those the answers mention",
}
_DEFAULTS = {name: getattr(SummaryOptions(), name) for name in (*SECTION_LABELS, *TIMELINE_LABELS)}
# What the dialog's own buttons do, for the study set or the course chosen in it.
ACTION_LABELS = {
    "preview": "Pre&view…",
    "print": "Pri&nt…",
    "pdf": "Export P&DF…",
    "markdown": "Export Mar&kdown…",
}


def load_choices(settings: QSettings) -> tuple[SummaryOptions, PageSetup]:
    def flag(name: str) -> bool:
        default = "true" if _DEFAULTS[name] else "false"
        return str(settings.value(f"summary/{name}", default)).lower() == "true"

    def number(name: str, default: float) -> float:
        value = settings.value(f"summary/{name}", default)
        if not isinstance(value, (str, int, float)):  # e.g. None or a list: not a number
            return default
        try:
            return float(value)
        except ValueError:
            return default

    paper = str(settings.value("summary/paper", default_paper()))
    setup = PageSetup(
        paper=paper if paper in PAPER_SIZES else default_paper(),
        landscape=str(settings.value("summary/landscape", "false")).lower() == "true",
        margins_mm=number("margins_mm", 18.0),
        font_pt=number("font_pt", 10.5),
    )
    return SummaryOptions(**{name: flag(name) for name in _DEFAULTS}), setup


def save_choices(settings: QSettings, options: SummaryOptions, setup: PageSetup) -> None:
    for name in _DEFAULTS:
        settings.setValue(f"summary/{name}", "true" if getattr(options, name) else "false")
    settings.setValue("summary/paper", setup.paper)
    settings.setValue("summary/landscape", "true" if setup.landscape else "false")
    settings.setValue("summary/margins_mm", setup.margins_mm)
    settings.setValue("summary/font_pt", setup.font_pt)


def _menu_text(text: str) -> str:
    """``text`` on a button or radio button, where '&' would mark a shortcut key."""
    text = " ".join(text.split())
    return (text if len(text) <= 70 else text[:69] + "…").replace("&", "&&")


class SummaryOptionsDialog(QDialog):
    """OK keeps the choices; Preview…, Print…, Export PDF… and Export Markdown… keep them
    too, close the dialog and name what to do in ``chosen_action`` — for this study set,
    or for the course chosen under Summarise (``course()``)."""

    def __init__(
        self,
        options: SummaryOptions,
        setup: PageSetup,
        parent: QWidget | None = None,
        *,
        study_set_title: str | None = None,
        courses: Sequence[tuple[str, str]] = (),
        course: str | None = None,
        not_covered: str = "",
    ):
        """``courses``: (name, how it is shown) of each course; ``not_covered``: safe HTML
        naming, as links, the places not yet annotated (following one closes the dialog and
        leaves the link in ``followed_link``)."""
        super().__init__(parent)
        self.setWindowTitle("Summary Options")
        self.setObjectName("summary-options")
        self.chosen_action: str | None = None
        self.followed_link: str | None = None
        scope = QGroupBox("Summarise", self)
        self.this_set = QRadioButton("This &study set", scope)
        if study_set_title:
            self.this_set.setText(_menu_text(f"This study set: {study_set_title}"))
        self.this_set.setChecked(True)
        self.this_set.setEnabled(bool(study_set_title))
        self.whole_course = QRadioButton("A whole &course:", scope)
        self.course_choice = QComboBox(scope)
        self.course_choice.setObjectName("summary-course")
        for name, shown in courses:
            self.course_choice.addItem(shown, name)
        if course is not None and self.course_choice.findData(course) >= 0:
            self.course_choice.setCurrentIndex(self.course_choice.findData(course))
        if not courses:
            self.course_choice.addItem("No courses yet (make them in File › Library…)")
            self.whole_course.setEnabled(False)
            self.course_choice.setEnabled(False)
        elif not study_set_title:
            self.whole_course.setChecked(True)
        # Choosing a course means summarising it.
        self.course_choice.activated.connect(lambda _index: self.whole_course.setChecked(True))
        course_row = QHBoxLayout()
        course_row.addWidget(self.whole_course)
        course_row.addWidget(self.course_choice, 1)
        scope_layout = QVBoxLayout(scope)
        scope_layout.addWidget(self.this_set)
        scope_layout.addLayout(course_row)
        sections = QGroupBox("Include", self)
        section_layout = QVBoxLayout(sections)
        self.sections: dict[str, QCheckBox] = {}
        for name, label in SECTION_LABELS.items():
            box = QCheckBox(label, sections)
            box.setChecked(getattr(options, name))
            section_layout.addWidget(box)
            self.sections[name] = box
        self.timeline_choices: dict[str, QCheckBox] = {}
        indented = QVBoxLayout()  # the timeline's own choices, under its box
        indented.setContentsMargins(20, 0, 0, 0)
        for name, label in TIMELINE_LABELS.items():
            box = QCheckBox(label, sections)
            box.setChecked(getattr(options, name))
            box.setEnabled(options.timeline)
            self.sections["timeline"].toggled.connect(box.setEnabled)
            indented.addWidget(box)
            self.timeline_choices[name] = box
        section_layout.insertLayout(section_layout.indexOf(self.sections["timeline"]) + 1, indented)
        self.paper = QComboBox(self)
        self.paper.addItems(list(PAPER_SIZES))
        self.paper.setCurrentText(setup.paper)
        self.orientation = QComboBox(self)
        self.orientation.addItems(["Portrait", "Landscape"])
        self.orientation.setCurrentIndex(1 if setup.landscape else 0)
        self.margins = QDoubleSpinBox(self)
        self.margins.setRange(0, 60)
        self.margins.setSuffix(" mm")
        self.margins.setValue(setup.margins_mm)
        self.font_size = QDoubleSpinBox(self)
        self.font_size.setRange(6, 24)
        self.font_size.setSingleStep(0.5)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(setup.font_pt)
        form = QFormLayout()
        form.addRow("&Paper:", self.paper)
        form.addRow("&Orientation:", self.orientation)
        form.addRow("&Margins:", self.margins)
        form.addRow("&Font size:", self.font_size)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for action, label in ACTION_LABELS.items():
            button = QPushButton(label, self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, name=action: self._act(name))
            actions.addWidget(button)
            self.action_buttons[action] = button
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(scope)
        if not_covered:
            covered = QLabel(f"<b>Not yet covered</b><br/>{not_covered}", self)
            covered.setObjectName("summary-not-covered")
            covered.setWordWrap(True)
            covered.linkActivated.connect(self._follow)
            layout.addWidget(covered)
        layout.addWidget(sections)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(buttons)

    def _follow(self, link: str) -> None:
        self.followed_link = link
        self.reject()

    def _act(self, action: str) -> None:
        self.chosen_action = action
        self.accept()

    def course(self) -> str | None:
        """The course to summarise, or None for this study set."""
        if not self.whole_course.isChecked():
            return None
        name = self.course_choice.currentData()
        return name if isinstance(name, str) else None

    def choices(self) -> tuple[SummaryOptions, PageSetup]:
        boxes = {**self.sections, **self.timeline_choices}
        options = SummaryOptions(**{n: box.isChecked() for n, box in boxes.items()})
        setup = PageSetup(
            self.paper.currentText(),
            self.orientation.currentIndex() == 1,
            self.margins.value(),
            self.font_size.value(),
        )
        return options, setup
