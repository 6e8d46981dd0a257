-- Events: a topic in an Events space carries when (UTC instants plus the IANA zone it is shown in), where (a place,
-- an online link or both) and an optional capacity; members RSVP, and past the capacity they queue in FIFO order.

CREATE TABLE events (
    topic_id INTEGER PRIMARY KEY REFERENCES topics(id) ON DELETE CASCADE,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    location TEXT NULL,
    url TEXT NULL,
    capacity INTEGER NULL,
    rsvp_sequence INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- Past lists read (community, starts_at) backwards; upcoming lists filter on ends_at (ongoing events are upcoming).
CREATE INDEX ix_events_community_starts ON events(community_id, starts_at, topic_id);
CREATE INDEX ix_events_community_ends ON events(community_id, ends_at);

CREATE TABLE event_rsvps (
    topic_id INTEGER NOT NULL REFERENCES events(topic_id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    responded_at TEXT NOT NULL,
    PRIMARY KEY (topic_id, user_id)
);
CREATE INDEX ix_event_rsvps_state ON event_rsvps(topic_id, state, sequence);
CREATE INDEX ix_event_rsvps_user ON event_rsvps(user_id);
