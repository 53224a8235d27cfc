"""The time axis: eras as bands, periods as bars, single days as markers, categories as
lanes; zoom (Ctrl+wheel, +/−, fit all), pan (drag, wheel, Shift+arrows), Left/Right to move
between events. Labels are laid out again at every zoom so they never overlap."""

from __future__ import annotations

import bisect
import math

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from desktop.content.plain import plain_tooltip
from desktop.content.timeline import Event
from desktop.services.timeline_data import StudyTimeline
from desktop.ui.timeline.label_layout import (
    MAX_LABEL_PX,
    LabelRequest,
    PlacedLabel,
    layout_labels,
)

PX_PER_YEAR = 40.0  # at zoom 1
HEADER = 46.0  # axis ticks and era names above the lanes
TRACK_HEIGHT = 15.0  # one row of bars or markers inside a lane
POINT_YEARS = 1.5  # a single date keeps this much of its track free (its marker and label)
MARKER = 12.0
LABEL_ROWS = 3
ROW_HEIGHT = 16.0
ZOOM_LIMITS = (0.15, 60.0)
LEGEND_WIDTH = 92.0
KEY_ROLE = 0  # QGraphicsItem.data slot holding the event key
# More events than this in view are drawn as a density strip per lane instead of one item
# each: painting thousands of markers costs several frames, and nobody can read them.
DENSE_EVENTS = 150
DENSITY_BIN_PX = 3
EXPORT_PX_PER_YEAR = 48.0  # the whole timeline, exported: room for the labels
EXPORT_MAX_WIDTH = 12000.0

CATEGORY_COLOURS = {
    "politics": "#1c7ed6",
    "economy": "#2f9e44",
    "repression": "#c92a2a",
    "war": "#e67700",
    "ideology": "#7048e8",
    "personal": "#5c7cfa",
}
ERA_COLOURS = ["#fff3bf", "#d3f9d8", "#d0ebff", "#ffe3e3", "#f3d9fa", "#e6fcf5"]


def category_colour(category: str) -> QColor:
    return QColor(CATEGORY_COLOURS.get(category, "#495057"))


class TimelineView(QGraphicsView):
    event_selected = Signal(str)  # event key, or "" when nothing is selected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline-view")
        self.setAccessibleName("Timeline")
        self.setScene(QGraphicsScene(self))
        # A few thousand items, most of them hidden or drawn at a fixed pixel size: walking
        # them is cheaper than the BSP index, which tests each fixed-size item every paint.
        self.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The axis and the lane names are painted in viewport pixels over the scene: a pan
        # must repaint the whole viewport, not shift yesterday's pixels (which would repeat,
        # clip or drop the headers).
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # A scroll bar that comes and goes would change the width "fit all" was computed for.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.timeline: StudyTimeline | None = None
        self._content = QRectF()
        self.zoom = 1.0
        self.fitted = True  # showing it all: kept so on resize until the user zooms
        self._lanes: list[str] = []
        self._lane_tops: list[float] = [HEADER]
        self._track_counts: list[int] = []
        self._tracks: dict[str, int] = {}
        self._markers: dict[str, QGraphicsItem] = {}
        # Every marker is a child of one layer: switching to density strips hides the layer
        # (opacity 0, so the painter skips it whole) instead of thousands of items one by one.
        self._marker_layer: QGraphicsRectItem | None = None
        # Single dates (diamonds drawn at a fixed pixel size, so costly to cull) are shown
        # only near the view; sorted by scene x.
        self._point_xs: list[float] = []
        self._point_keys: list[str] = []
        self._shown_points: set[str] = set()
        self._labels: dict[str, QGraphicsSimpleTextItem] = {}
        self._era_labels: list[tuple[QGraphicsSimpleTextItem, float, float, str]] = []
        self.placed: list[PlacedLabel] = []
        self._widths: dict[str, float] = {}
        self._shown_labels: set[str] = set()
        # Per event, sorted by x: (scene x, key, lane, label offset in px, title).
        self._label_sources: list[tuple[float, str, int, float, str]] = []
        self._label_xs: list[float] = []
        self._in_zoom = False
        self._dense = False
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(8.0, self._font.pointSizeF() * 0.92))
        self._metrics = QFontMetricsF(self._font)
        self.scene().selectionChanged.connect(self._selection_changed)

    # --- building ----------------------------------------------------------------------------

    def x_of(self, year: float) -> float:
        assert self.timeline is not None
        return (year - self.timeline.start_year) * PX_PER_YEAR

    def set_timeline(self, timeline: StudyTimeline) -> None:
        self.timeline = timeline
        scene = self.scene()
        scene.blockSignals(True)
        scene.clear()
        scene.blockSignals(False)
        self._markers, self._labels, self._era_labels = {}, {}, []
        layer = QGraphicsRectItem()
        layer.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        layer.setZValue(2)
        scene.addItem(layer)
        self._marker_layer = layer
        self._shown_points = set()
        self._lanes = list(timeline.categories)
        self._assign_tracks(timeline)
        width = (timeline.end_year + 1 - timeline.start_year) * PX_PER_YEAR
        height = self._lane_tops[-1]
        self._content = QRectF(0, 0, width, height + 8)
        base = self.palette().color(QPalette.ColorRole.Base)
        alternate = self.palette().color(QPalette.ColorRole.AlternateBase)
        for lane in range(len(self._lanes)):
            top, bottom = self._lane_tops[lane], self._lane_tops[lane + 1]
            stripe = scene.addRect(
                # Wider than any zoom's margins, so the stripes reach both edges.
                QRectF(-5000, top, width + 10000, bottom - top),
                QPen(Qt.PenStyle.NoPen),
                QBrush(alternate if lane % 2 else base),
            )
            stripe.setZValue(-20)
        for index, era in enumerate(timeline.eras):
            x0, x1 = self.x_of(era.start.as_year()), self.x_of(era.end.as_year(end=True))
            colour = QColor(ERA_COLOURS[index % len(ERA_COLOURS)])
            colour.setAlpha(150)
            band = scene.addRect(
                QRectF(x0, 22, x1 - x0, height - 22), QPen(Qt.PenStyle.NoPen), QBrush(colour)
            )
            band.setZValue(-10)
            span = f"{era.start.text('day')} – {era.end.text('day')}"
            band.setToolTip(plain_tooltip(f"{era.name}: {span}"))
            label = self._text_item(era.name)
            label.setPos(x0, 24)
            self._era_labels.append((label, x0, x1, era.name))
        for event in timeline.events:
            self._add_event(event)
        self._label_sources = sorted(
            (
                self.x_of(event.start.as_year()),
                event.key,
                self._lane(event.category),
                MARKER / 2 + 3 if event.end is None else 0.0,
                event.title,
            )
            for event in timeline.events
        )
        self._label_xs = [source[0] for source in self._label_sources]
        points = [(x, key) for x, key, _lane, offset, _title in self._label_sources if offset]
        self._point_xs = [x for x, _key in points]
        self._point_keys = [key for _x, key in points]
        self._shown_labels = set()
        self._dense = False
        self.apply_zoom(self.zoom)

    def _text_item(self, text: str) -> QGraphicsSimpleTextItem:
        item = self.scene().addSimpleText(text, self._font)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        item.setBrush(self.palette().color(QPalette.ColorRole.Text))
        item.setZValue(5)
        return item

    def _lane(self, category: str) -> int:
        return self._lanes.index(category) if category in self._lanes else 0

    def _assign_tracks(self, timeline: StudyTimeline) -> None:
        """Events that overlap in time go on separate tracks of their lane, so no bar or
        marker hides another; each lane is as tall as its tracks and label rows need."""
        self._tracks = {}
        track_counts = [1] * len(self._lanes)
        ends: dict[tuple[int, int], float] = {}
        for event in sorted(timeline.events, key=lambda e: e.start.as_year()):
            lane = self._lane(event.category)
            start = event.start.as_year()
            end = max(event.end.as_year(end=True) if event.end else start, start + POINT_YEARS)
            track = 0
            while ends.get((lane, track), float("-inf")) > start:
                track += 1
            ends[(lane, track)] = end
            self._tracks[event.key] = track
            track_counts[lane] = max(track_counts[lane], track + 1)
        self._track_counts = track_counts
        tops = [HEADER]
        for count in track_counts:
            tops.append(tops[-1] + 6 + count * TRACK_HEIGHT + LABEL_ROWS * ROW_HEIGHT + 6)
        self._lane_tops = tops

    def _add_event(self, event: Event) -> None:
        colour = category_colour(event.category)
        top = (
            self._lane_tops[self._lane(event.category)] + 6 + self._tracks[event.key] * TRACK_HEIGHT
        )
        mine = event.origin != "curated"
        pen = QPen(colour.darker(140), 1.5, Qt.PenStyle.DashLine if mine else Qt.PenStyle.SolidLine)
        pen.setCosmetic(True)
        fill = QBrush(colour.lighter(150) if mine else colour)
        item: QGraphicsItem
        if event.end is not None:
            x0 = self.x_of(event.start.as_year())
            x1 = max(self.x_of(event.end.as_year(end=True)), x0 + 0.5)
            item = QGraphicsRectItem(QRectF(x0, top, x1 - x0, MARKER))
            item.setPen(pen)
            item.setBrush(fill)
        else:
            half = MARKER / 2
            diamond = QPolygonF(
                [QPointF(0, -half), QPointF(half, 0), QPointF(0, half), QPointF(-half, 0)]
            )
            item = QGraphicsPolygonItem(diamond)
            item.setPen(pen)
            item.setBrush(fill)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            item.setPos(self.x_of(event.start.as_year()), top + half)
            item.setOpacity(0.0)  # until it is near the view (see _show_points)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        item.setData(KEY_ROLE, event.key)
        yours = (
            " (yours)"
            if event.origin == "user"
            else " (found in the text)"
            if event.origin == "found"
            else ""
        )
        item.setToolTip(plain_tooltip(f"{event.title}{yours}\n{event.when()}"))
        item.setZValue(2)
        assert self._marker_layer is not None  # made by set_timeline, before the events
        item.setParentItem(self._marker_layer)
        self._markers[event.key] = item
        label = self._text_item(event.title)
        label.setToolTip(item.toolTip())
        label.setVisible(False)
        self._labels[event.key] = label

    # --- zoom and labels ---------------------------------------------------------------------

    def apply_zoom(self, zoom: float) -> None:
        nested = self._in_zoom
        self._in_zoom = True  # the scroll bar moves too: lay labels out once, at the end
        self.zoom = min(max(zoom, ZOOM_LIMITS[0]), ZOOM_LIMITS[1])
        self.resetTransform()
        self.scale(self.zoom, 1.0)
        # Room in pixels, whatever the zoom: the legend on the left, labels on the right.
        left, right = (LEGEND_WIDTH + 8) / self.zoom, (MAX_LABEL_PX + 8) / self.zoom
        content = self._content
        self.scene().setSceneRect(
            QRectF(-left, 0, content.width() + left + right, content.height())
        )
        self._in_zoom = nested
        if not nested:
            self._layout_labels()

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom keeping the time under ``anchor_x`` (viewport pixels; default the centre)."""
        self.fitted = False
        anchor = self.viewport().width() / 2 if anchor_x is None else anchor_x
        scene_x = self.viewportTransform().inverted()[0].map(QPointF(anchor, 0)).x()
        self._in_zoom = True  # one label layout per frame, after the scroll is right
        try:
            self.apply_zoom(self.zoom * factor)
            # The scroll bar, not blocked: the view follows its value.
            bar = self.horizontalScrollBar()
            shift = self.viewportTransform().map(QPointF(scene_x, 0)).x() - anchor
            bar.setValue(round(bar.value() + shift))
        finally:
            self._in_zoom = False
        self._layout_labels()

    def fit_all(self) -> None:
        """Show the whole time range between the legend and the right edge."""
        self.fitted = True
        available = max(50.0, self.viewport().width() - LEGEND_WIDTH - 24)
        self.apply_zoom(available / max(1.0, self._content.width()))
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())

    def _elide(self, text: str, width: float) -> str:
        return self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)

    def _measure(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = self._metrics.horizontalAdvance(text)
        return width

    def _layout_labels(self) -> None:
        """Place the labels of the events in view (and just left of it), hide the rest.

        Only what can be seen is laid out, so a frame costs the same with 25 events or
        5,000; panning lays out again (see _scrolled)."""
        if self.timeline is None:
            return
        first, last = self.in_view(margin_px=MAX_LABEL_PX)
        self._set_dense(last - first > DENSE_EVENTS)
        if self._dense:
            first = last  # no labels: the density strips stand for the events
        else:
            self._show_points()
        requests = [
            LabelRequest(key, lane, scene_x * self.zoom + offset, title)
            for scene_x, key, lane, offset, title in self._label_sources[first:last]
        ]
        self.placed = layout_labels(requests, LABEL_ROWS, self._measure, self._elide)
        shown = {label.key: label for label in self.placed}
        for key in self._shown_labels - shown.keys():
            self._labels[key].setVisible(False)
        for key, label in shown.items():
            item = self._labels[key]
            if item.text() != label.text:
                item.setText(label.text)
            lane = label.lane
            labels_top = self._lane_tops[lane] + 6 + self._track_counts[lane] * TRACK_HEIGHT
            item.setPos(label.x / self.zoom, labels_top + label.row * ROW_HEIGHT)
            item.setVisible(True)
        self._shown_labels = set(shown)
        for item, x0, x1, name in self._era_labels:
            room = (x1 - x0) * self.zoom - 6
            item.setVisible(room > 20)
            item.setText(self._elide(name, room))

    def _set_dense(self, dense: bool) -> None:
        if dense == self._dense:
            return
        self._dense = dense
        if self._marker_layer is not None:
            self._marker_layer.setOpacity(0.0 if dense else 1.0)
        self.viewport().update()

    def _show_points(self) -> None:
        """Show the single-date markers in (or at the edges of) the view, hide the others:
        the cost of a frame follows what is seen, not how many events there are."""
        margin = MARKER / self.zoom
        left = self.mapToScene(0, 0).x() - margin
        right = self.mapToScene(self.viewport().width(), 0).x() + margin
        first = bisect.bisect_left(self._point_xs, left)
        last = bisect.bisect_right(self._point_xs, right)
        wanted = set(self._point_keys[first:last])
        for key in self._shown_points - wanted:
            self._markers[key].setOpacity(0.0)
        for key in wanted - self._shown_points:
            self._markers[key].setOpacity(1.0)
        self._shown_points = wanted

    @property
    def dense(self) -> bool:
        return self._dense

    def _draw_density(self, painter: QPainter) -> None:
        """Per lane, a bar per few pixels, as tall as the events starting there (up to 6)."""
        first, last = self.in_view()
        bins: dict[tuple[int, int], int] = {}
        offset = self.mapFromScene(QPointF(0, 0)).x()
        for scene_x, _key, lane, _offset, _title in self._label_sources[first:last]:
            column = int((scene_x * self.zoom + offset) // DENSITY_BIN_PX)
            bins[(lane, column)] = bins.get((lane, column), 0) + 1
        tops = [self.mapFromScene(QPointF(0, top)).y() + 36 for top in self._lane_tops]
        colours = [category_colour(category) for category in self._lanes]
        for (lane, column), count in bins.items():
            height = min(count, 6) * 5
            painter.fillRect(
                QRectF(column * DENSITY_BIN_PX, tops[lane] - height, DENSITY_BIN_PX - 1, height),
                colours[lane],
            )
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        painter.drawText(
            QRectF(0, 22, self.viewport().width() - 8, 18),
            Qt.AlignmentFlag.AlignRight,
            f"{last - first} events here: zoom in to see them one by one",
        )

    def in_view(self, margin_px: float = 0.0) -> tuple[int, int]:
        """The slice of events (sorted by time) whose start is in view, or just left of it."""
        left = self.mapToScene(0, 0).x() - margin_px / self.zoom
        right = self.mapToScene(self.viewport().width(), 0).x()
        return (
            bisect.bisect_left(self._label_xs, left),
            bisect.bisect_right(self._label_xs, right),
        )

    def _scrolled(self) -> None:
        if not self._in_zoom:
            self._layout_labels()

    def visible_label_rects(self) -> list[QRectF]:
        """Where the shown labels are, in viewport pixels (for tests and exports)."""
        rects = []
        for item in self._labels.values():
            if item.isVisible():
                origin = self.mapFromScene(item.pos())
                rects.append(
                    QRectF(
                        origin.x(),
                        origin.y(),
                        item.boundingRect().width(),
                        item.boundingRect().height(),
                    )
                )
        return rects

    # --- selection and keyboard ----------------------------------------------------------------

    def marker_point(self, key: str) -> QPoint | None:
        """Where event ``key``'s marker is drawn, in viewport pixels, scrolled into view."""
        item = self._markers.get(key)
        if item is None:
            return None
        self.centerOn(item)
        return self.mapFromScene(item.sceneBoundingRect().center())

    def selected_key(self) -> str:
        items = self.scene().selectedItems()
        return str(items[0].data(KEY_ROLE)) if items else ""

    def select_event(self, key: str, *, centre: bool = True) -> None:
        item = self._markers.get(key)
        if item is None or (item.isSelected() and len(self.scene().selectedItems()) == 1):
            return
        self.scene().clearSelection()
        item.setSelected(True)
        if centre:
            self.centerOn(item)

    def _selection_changed(self) -> None:
        self.event_selected.emit(self.selected_key())

    def _neighbour(self, step: int) -> None:
        if self.timeline is None or not self.timeline.events:
            return
        keys = [event.key for event in self.timeline.events]
        current = self.selected_key()
        index = (
            keys.index(current) + step if current in keys else (0 if step > 0 else len(keys) - 1)
        )
        self.select_event(keys[max(0, min(len(keys) - 1, index))])

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key, shift = event.key(), event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        bar = self.horizontalScrollBar()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not shift:
            self._neighbour(1 if key == Qt.Key.Key_Right else -1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            bar.setValue(bar.value() + (120 if key == Qt.Key.Key_Right else -120))
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(0.8)
        elif key == Qt.Key.Key_0:
            self.fit_all()
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        delta = event.angleDelta().y() or event.angleDelta().x()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if delta > 0 else 1 / 1.15, event.position().x())
        else:  # the wheel moves along time
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - delta)
        event.accept()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        if self.fitted and self.timeline is not None:
            self.fit_all()
        else:
            self._layout_labels()

    # --- export ---------------------------------------------------------------------------------

    def whole_timeline(self) -> TimelineView:
        """A hidden copy showing the whole timeline, every lane and the full range at a
        legible zoom (a year is EXPORT_PX_PER_YEAR wide, fewer only for very long ranges),
        for exports. Close it when done."""
        copy = TimelineView()
        copy.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        copy.setPalette(self.palette())
        copy.setFrameShape(QGraphicsView.Shape.NoFrame)
        copy.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        copy.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        copy.fitted = False
        if self.timeline is not None:
            copy.set_timeline(self.timeline)
        width = max(1.0, copy._content.width())
        zoom = min(EXPORT_PX_PER_YEAR / PX_PER_YEAR, EXPORT_MAX_WIDTH / width)
        copy.apply_zoom(zoom)
        scene = copy.sceneRect()
        copy.resize(math.ceil(scene.width() * copy.zoom), math.ceil(scene.height()))
        copy.show()
        copy.horizontalScrollBar().setValue(copy.horizontalScrollBar().minimum())
        copy.verticalScrollBar().setValue(copy.verticalScrollBar().minimum())
        copy._layout_labels()
        return copy

    # --- axis and legend, painted over the scene in viewport pixels ----------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802
        if self.timeline is None:
            return
        painter.save()
        painter.resetTransform()
        if self._dense:
            self._draw_density(painter)
        width = self.viewport().width()
        text = self.palette().color(QPalette.ColorRole.Text)
        base = self.palette().color(QPalette.ColorRole.Window)
        painter.fillRect(QRectF(0, 0, width, 20), base)
        painter.setFont(self._font)
        px_per_year = PX_PER_YEAR * self.zoom
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100) if s * px_per_year >= 56)
        first = self.mapToScene(0, 0).x() / PX_PER_YEAR + self.timeline.start_year
        year = int(math.floor(first / step) * step)
        painter.setPen(QPen(text, 1))
        while True:
            x = self.mapFromScene(QPointF(self.x_of(year), 0)).x()
            if x > width:
                break
            if x >= LEGEND_WIDTH - 10:
                painter.drawLine(int(x), 14, int(x), 20)
                painter.drawText(QPointF(x + 2, 12), str(year))
            year += step
        # The legend: lane names in a column that stays at the left edge.
        painter.fillRect(QRectF(0, 20, LEGEND_WIDTH - 6, self.viewport().height()), base)
        for lane, category in enumerate(self._lanes):
            top = self.mapFromScene(QPointF(0, self._lane_tops[lane])).y()
            painter.setPen(category_colour(category))
            painter.drawText(
                QRectF(6, top, LEGEND_WIDTH - 12, 20),
                Qt.AlignmentFlag.AlignLeft,
                self.timeline.categories[category],
            )
        painter.restore()
