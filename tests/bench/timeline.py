"""Timeline view: scene build and a full zoom-in/zoom-out sweep, each frame timed from the
zoom until the event loop has nothing left (the scene's queued updates, the labels, the
paint), with the curated events and with 5,000 generated ones, beside a bare QGraphicsView of
as many rectangles and text items. Until 2026-11-29 a frame was the zoom and a grab() of the
viewport: the scene's queued index and dirty-item updates, and the paints they cause, were
never timed."""

from __future__ import annotations

import os
import random
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView  # noqa: E402

from desktop.content.timeline import (  # noqa: E402
    DEFAULT_CATEGORIES,
    Event,
    HistoricDate,
    MentionIndex,
    load_curated,  # noqa: E402
)
from desktop.platform.resources import resources_root  # noqa: E402
from desktop.services.timeline_data import StudyTimeline  # noqa: E402
from desktop.ui.timeline.timeline_view import TimelineView  # noqa: E402
from tests.bench.event_loop import settle  # noqa: E402

STEPS = 30  # zoom steps in, then as many out


def generated(count: int) -> StudyTimeline:
    rng = random.Random(5)
    categories = list(DEFAULT_CATEGORIES)
    events = []
    for index in range(count):
        year = rng.randint(1878, 1952)
        start = HistoricDate(year, rng.randint(1, 12), rng.randint(1, 28))
        end = HistoricDate(min(1953, year + rng.randint(0, 6))) if index % 3 == 0 else None
        events.append(
            Event(
                f"e{index}",
                f"Generated event number {index}",
                start,
                end,
                "day",
                rng.choice(categories),
                origin="user",
            )
        )
    events.sort(key=lambda e: e.start.as_year())
    return StudyTimeline(events, (), dict(DEFAULT_CATEGORIES), 1878, 1953, MentionIndex())


def curated() -> StudyTimeline:
    data = load_curated(resources_root() / "content" / "timeline-000_70d4868b37754f02.json")
    return StudyTimeline(
        list(data.events),
        data.eras,
        data.categories,
        data.start_year,
        data.end_year,
        MentionIndex(),
    )


def sweep(view: QGraphicsView, zoom) -> list[float]:  # type: ignore[no-untyped-def]
    return sweep_marking(view, zoom, lambda: False)[0]


def sweep_marking(view: QGraphicsView, zoom, state) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Every frame's time, and apart the frames where ``state()`` changed (for the timeline:
    the switch between markers and density strips)."""
    frames, switches = [], []
    for factor in [1.2] * STEPS + [1 / 1.2] * STEPS:
        before = state()
        started = time.perf_counter()
        zoom(factor)
        settle()
        frames.append((time.perf_counter() - started) * 1000)
        if state() != before:
            switches.append(frames[-1])
    return frames, switches


def ours(timeline: StudyTimeline) -> tuple[float, list[float], list[float]]:
    view = TimelineView()
    view.resize(1100, 600)
    view.show()
    settle()
    started = time.perf_counter()
    view.set_timeline(timeline)
    view.fit_all()
    settle()
    build = (time.perf_counter() - started) * 1000
    frames, switches = sweep_marking(view, view.zoom_by, lambda: view.dense)
    view.close()
    return build, frames, switches


def bare(count: int) -> tuple[float, list[float]]:
    scene = QGraphicsScene()
    view = QGraphicsView(scene)
    view.resize(1100, 600)
    view.show()
    settle()
    rng = random.Random(5)
    started = time.perf_counter()
    for index in range(count):
        x = rng.uniform(0, 3000)
        y = rng.uniform(0, 500)
        scene.addRect(QRectF(x, y, 12, 12))
        scene.addSimpleText(f"Generated event number {index}").setPos(x, y + 14)
    settle()
    build = (time.perf_counter() - started) * 1000
    zoom = [1.0]

    def scale(factor: float) -> None:
        zoom[0] *= factor
        view.resetTransform()
        view.scale(zoom[0], 1.0)

    frames = sweep(view, scale)
    view.close()
    return build, frames


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def run() -> list[str]:
    app = QApplication.instance() or QApplication(["bench"])
    lines = [
        f"timeline: scene build, then {2 * STEPS} zoom frames (zoom, then the event loop until"
        " quiet: scene updates, labels, paint)"
    ]
    for label, timeline in (("curated (25 events)", curated()), ("5,000 events", generated(5000))):
        count = len(timeline.events)
        bare_build, bare_frames = bare(count)
        build, frames, switches = ours(timeline)
        lines.append(
            f"  {label:20s} bare: build {bare_build:6.0f} ms, frame p95 {p95(bare_frames):5.1f} ms"
            f"   Study Desk: build {build:6.0f} ms, frame p95 {p95(frames):5.1f} ms, "
            f"max {max(frames):5.1f} ms   ratio p95 {p95(frames) / p95(bare_frames):.2f}x"
        )
        if switches:  # markers <-> density strips: the frame that shows or hides them all
            lines.append(
                f"  {'':20s} markers/density switch frames: max {max(switches):5.1f} ms "
                f"(ratio to bare p95 {max(switches) / p95(bare_frames):.2f}x)"
            )
    lines.append("  goal: no frame over 16 ms with 5,000 events")
    del app
    return lines
