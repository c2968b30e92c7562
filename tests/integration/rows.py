"""Writing rows straight to the test database, below the repositories under test."""

from sqlalchemy.orm import sessionmaker
from sqlmodel import Session


def save(sessions: sessionmaker[Session], *rows: object) -> None:
    # One flush per row: without relationship() the ORM does not order inserts by
    # foreign key, so a user must be flushed before its sessions.
    with sessions() as session:
        for row in rows:
            session.add(row)
            session.flush()
        session.commit()
