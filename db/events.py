"""Writing timeline events (the student's own and found ones). Reads: db.event_reads."""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.notes import utc_now
from db.records import EventFields
from db.schema import TimelineEvent


def create_event(
    session: Session,
    study_set_id: int,
    fields: EventFields,
    *,
    origin: str = "user",
    status: str = "shown",
    event_id: int | None = None,
) -> int:
    event = TimelineEvent(
        id=event_id,
        study_set_id=study_set_id,
        origin=origin,
        status=status,
        created_at=utc_now(),
        deleted_at=None,
        **fields.__dict__,
    )
    session.add(event)
    session.flush()
    return event.id


def _event(session: Session, event_id: int) -> TimelineEvent:
    event = session.get(TimelineEvent, event_id)
    if event is None:
        raise LookupError(f"event {event_id} does not exist")
    return event


def update_event(session: Session, event_id: int, fields: EventFields) -> None:
    event = _event(session, event_id)
    for name, value in fields.__dict__.items():
        setattr(event, name, value)


def delete_event(session: Session, event_id: int) -> None:
    _event(session, event_id).deleted_at = utc_now()


def restore_event(session: Session, event_id: int) -> None:
    _event(session, event_id).deleted_at = None


def purge_event(session: Session, event_id: int) -> None:
    """Gone for good: only for undoing a creation."""
    session.delete(_event(session, event_id))
