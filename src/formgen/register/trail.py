"""The append-only trail of the register's actions, each event chained to the one before it.

An event's hash is the SHA-256 of its id, moment, action, entry, actor and
details together with the previous event's hash; ids run 1, 2, 3, … without
a gap.  Changing, removing or reordering any event breaks the chain from that
event on, which `formgen register check` (Register.check) finds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from .models import events, trail_head

GENESIS = "0" * 64
"""The previous hash of the first event."""


def canonical(value: Any) -> str:
    """JSON with sorted keys and no spaces: the same value always gives the same text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


@dataclass(frozen=True)
class Event:
    id: int
    at: str
    action: str
    entry_id: int | None
    actor: str
    details: dict[str, Any]
    prev_hash: str
    hash: str

    def expected_hash(self) -> str:
        return sha256(canonical([self.id, self.at, self.action, self.entry_id, self.actor, self.details,
                                 self.prev_hash]))


_HEAD = select(trail_head.c.last_event, trail_head.c.last_hash).where(trail_head.c.id == 1).with_for_update()
_MOVE_HEAD = update(trail_head).where(trail_head.c.id == 1).values(last_event=bindparam("event"),
                                                                   last_hash=bindparam("hash"))


def append(connection: Connection, action: str, actor: str, at: str, details: dict[str, Any],
           entry_id: int | None = None) -> Event:
    """Add an event after the last one, within the caller's transaction (the head row stays locked
    until it ends, so events are appended one at a time)."""
    last_id, last_hash = connection.execute(_HEAD).one()
    event = Event(last_id + 1, at, action, entry_id, actor, details, last_hash, "")
    event = Event(**{**vars(event), "hash": event.expected_hash()})
    connection.execute(insert(events), {"id": event.id, "at": at, "action": action, "entry_id": entry_id,
                                        "actor": actor, "details": canonical(details),
                                        "prev_hash": event.prev_hash, "hash": event.hash})
    connection.execute(_MOVE_HEAD, {"event": event.id, "hash": event.hash})
    return event


def read(connection: Connection) -> Iterator[Event]:
    """Every event, in order."""
    for row in connection.execute(select(events).order_by(events.c.id)):
        yield Event(row.id, row.at, row.action, row.entry_id, row.actor, json.loads(row.details), row.prev_hash,
                    row.hash)


def chain_problems(connection: Connection) -> tuple[list[Event], list[str]]:
    """The events, and what is wrong with their chain: a gap, a changed event, a broken link, a lost head."""
    problems: list[str] = []
    chain = list(read(connection))
    previous = GENESIS
    for expected_id, event in enumerate(chain, 1):
        if event.id != expected_id:
            problems.append(f"event {expected_id} is missing (the next is {event.id})")
            break
        if event.prev_hash != previous:
            problems.append(f"event {event.id} does not follow event {event.id - 1}: the trail was altered")
        if event.hash != event.expected_hash():
            problems.append(f"event {event.id} ({event.action}) was altered after it was written")
        previous = event.hash
    last_id, last_hash = connection.execute(select(trail_head.c.last_event, trail_head.c.last_hash)).one()
    if (last_id, last_hash) != ((chain[-1].id, chain[-1].hash) if chain else (0, GENESIS)):
        problems.append(f"the trail's head names event {last_id}, but the trail ends at event "
                        f"{chain[-1].id if chain else 0}: events were removed or added")
    return chain, problems
