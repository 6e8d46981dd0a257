-- Events: a topic in an Events space carries when (UTC instants plus the IANA zone it is shown in), where (a place,
-- an online link or both) and an optional capacity; members RSVP, and past the capacity they queue in FIFO order.

CREATE TABLE events (
    topic_id bigint PRIMARY KEY REFERENCES topics(id) ON DELETE CASCADE,
    community_id bigint NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    time_zone text NOT NULL,
    location text NULL,
    url text NULL,
    capacity integer NULL,
    rsvp_sequence bigint NOT NULL DEFAULT 0,
    revision integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
-- Past lists read (community, starts_at) backwards; upcoming lists filter on ends_at (ongoing events are upcoming).
CREATE INDEX ix_events_community_starts ON events(community_id, starts_at, topic_id);
CREATE INDEX ix_events_community_ends ON events(community_id, ends_at);

CREATE TABLE event_rsvps (
    topic_id bigint NOT NULL REFERENCES events(topic_id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    state text NOT NULL,
    sequence bigint NOT NULL,
    responded_at timestamptz NOT NULL,
    PRIMARY KEY (topic_id, user_id)
);
CREATE INDEX ix_event_rsvps_state ON event_rsvps(topic_id, state, sequence);
CREATE INDEX ix_event_rsvps_user ON event_rsvps(user_id);
