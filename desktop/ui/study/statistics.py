"""Study › Statistics: reviews per day, how each rating was used (and so the retention), and
the cards falling due in the next 30 days, as bar charts.

Drawn with QPainter rather than QtCharts: QtCharts comes only with PySide6-Addons, which the
app does not install (it would add the add-on wheel, tens of MB, to every bundle for three
bar charts; see the README's Study mode section)."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QDialog, QLabel, QSizePolicy, QVBoxLayout, QWidget

from db import cards as card_db

DAYS = 30


class BarChart(QWidget):
    """Labelled bars with their values above them; every label drawn as plain text."""

    def __init__(self, title: str, bars: Sequence[tuple[str, int]], colour: QColor) -> None:
        super().__init__()
        self.title, self.bars, self.colour = title, list(bars), colour
        self.setMinimumSize(560, 170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.title)
        top, bottom = line * 2.2, self.height() - line * 1.4
        left, right = 24.0, self.width() - 24.0  # room for the first and last date
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        if not self.bars:
            return
        highest = max(value for _label, value in self.bars) or 1
        slot = (right - left) / len(self.bars)
        label_width = metrics.horizontalAdvance("30 Nov") + 10
        every = max(1, math.ceil(label_width / slot))
        for index, (label, value) in enumerate(self.bars):
            height = (bottom - top) * value / highest
            x = left + index * slot
            bar = QRectF(x + slot * 0.15, bottom - height, slot * 0.7, height)
            painter.fillRect(bar, self.colour)
            if value and slot >= metrics.horizontalAdvance(str(value)):
                painter.drawText(
                    QRectF(x, bottom - height - line, slot, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    str(value),
                )
            if index % every == 0:
                painter.drawText(
                    QRectF(x - slot * 2, bottom + 2, slot * 5, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    label,
                )
        painter.end()


def _day_label(day: date) -> str:
    return f"{day.day} {day.strftime('%b')}"


def chart_data(
    reader: sqlite3.Connection, today: date | None = None
) -> tuple[list[tuple[str, int]], list[tuple[str, int]], list[tuple[str, int]], str]:
    """(reviews per day for the last 30 days, uses of each rating, due per day for the next
    30 days, a line on retention)."""
    today = today or datetime.now(UTC).date()
    first = today - timedelta(days=DAYS - 1)
    done = dict(card_db.reviews_per_day(reader, first.isoformat()))
    reviews = [
        (
            _day_label(first + timedelta(days=n)),
            done.get((first + timedelta(days=n)).isoformat(), 0),
        )
        for n in range(DAYS)
    ]
    counts = card_db.ratings_count(reader)
    ratings = [
        (name, counts.get(n, 0)) for n, name in enumerate(("Again", "Hard", "Good", "Easy"), 1)
    ]
    until = card_db.stamp(datetime.combine(today + timedelta(days=DAYS), datetime.min.time()))
    due = dict(card_db.due_forecast(reader, None, until))
    overdue = sum(n for day, n in due.items() if day < today.isoformat())
    forecast = [
        (
            _day_label(today + timedelta(days=n)),
            due.get((today + timedelta(days=n)).isoformat(), 0) + (overdue if n == 0 else 0),
        )
        for n in range(DAYS)
    ]
    total = sum(counts.values())
    retention = (
        f"Retention: {round(100 * (total - counts.get(1, 0)) / total)}% of {total} reviews "
        "were remembered (Hard, Good or Easy)."
        if total
        else "No reviews yet."
    )
    return reviews, ratings, forecast, retention


class StatisticsDialog(QDialog):
    def __init__(self, parent: QWidget, reader: sqlite3.Connection) -> None:
        super().__init__(parent)
        self.setWindowTitle("Study Statistics")
        reviews, ratings, forecast, retention = chart_data(reader)
        layout = QVBoxLayout(self)
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        self.charts = [
            BarChart("Reviews per day (last 30 days)", reviews, accent),
            BarChart("Ratings given: Again · Hard · Good · Easy", ratings, QColor("#5a9e6f")),
            BarChart("Cards due per day (next 30 days)", forecast, QColor("#c58a2b")),
        ]
        for chart in self.charts:
            layout.addWidget(chart)
        self.retention = QLabel(retention)
        self.retention.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.retention)
        self.resize(680, 640)
