"""Add or edit one of your own events: title, dates with their precision, category."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.records import EventFields
from desktop.content.timeline import PRECISIONS, HistoricDate

PRECISION_LABELS = {
    "day": "Day",
    "month": "Month",
    "year": "Year",
    "decade": "Decade",
    "circa": "About (c.)",
}


class EventDialog(QDialog):
    def __init__(
        self,
        categories: dict[str, str],
        fields: EventFields | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Event" if fields else "Add Event")
        self.setObjectName("event-dialog")
        self.title = QLineEdit(self)
        self.start = QLineEdit(self)
        self.start.setPlaceholderText("1917, 1917-11 or 1917-11-07")
        self.end = QLineEdit(self)
        self.end.setPlaceholderText("empty for a single date")
        self.precision = QComboBox(self)
        for key in PRECISIONS:
            self.precision.addItem(PRECISION_LABELS[key], key)
        self.category = QComboBox(self)
        for key, label in categories.items():
            self.category.addItem(label, key)
        self.description = QPlainTextEdit(self)
        self.description.setMaximumHeight(90)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.problem.setStyleSheet("color: #c92a2a")
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Start:", self.start)
        form.addRow("&End:", self.end)
        form.addRow("&Precision:", self.precision)
        form.addRow("&Category:", self.category)
        form.addRow("&Description:", self.description)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        if fields is not None:
            self.title.setText(fields.title)
            self.start.setText(fields.start)
            self.end.setText(fields.end or "")
            self.precision.setCurrentIndex(max(0, self.precision.findData(fields.precision)))
            self.category.setCurrentIndex(max(0, self.category.findData(fields.category)))
            self.description.setPlainText(fields.description)
        else:
            self.precision.setCurrentIndex(self.precision.findData("year"))
        self.start.textEdited.connect(self._precision_from_start)

    def _precision_from_start(self, text: str) -> None:
        """Typing 1917-11-07 means a day, 1917-11 a month: follow that, unless the user
        chose a looser precision (about, decade) on purpose."""
        if self.precision.currentData() in ("circa", "decade"):
            return
        try:
            start = HistoricDate.parse(text)
        except ValueError:
            return
        precision = "day" if start.day else "month" if start.month else "year"
        self.precision.setCurrentIndex(self.precision.findData(precision))

    def fields(self) -> EventFields:
        return EventFields(
            title=self.title.text().strip(),
            start=self.start.text().strip(),
            end=self.end.text().strip() or None,
            precision=str(self.precision.currentData()),
            category=str(self.category.currentData()),
            description=self.description.toPlainText().strip(),
        )

    def accept(self) -> None:
        """Only a valid event closes the dialog; otherwise say what is wrong and stay."""
        fields = self.fields()
        try:
            if not fields.title:
                raise ValueError("Give the event a title.")
            start = _parsed("Start", fields.start)
            end = None if fields.end is None else _parsed("End", fields.end)
            if end is not None and end.as_year(end=True) < start.as_year():
                raise ValueError("The end comes before the start.")
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()


def _parsed(field: str, text: str) -> HistoricDate:
    """The date typed in ``field``; a ValueError that names the field if it is none."""
    try:
        return HistoricDate.parse(text)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from exc
