-- Health (#8): each community's dashboard figures, computed by the roll-up job (Features/Health/HealthRollUp) and
-- stored as one JSON document per community, so the page reads one row however large the community is. The daily
-- and weekly series are part of the document: they cover a fixed 30 days and 12 weeks, so no per-day table is needed.

CREATE TABLE health_snapshots (
    community_id bigint PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    computed_at timestamptz NOT NULL,
    figures text NOT NULL
);
