-- Membership: the member list and the request queue are keyset-paginated per community;
-- these indexes let both pages read only the rows they show.

CREATE INDEX ix_memberships_roster ON memberships(community_id, state, joined_at, id);
CREATE INDEX ix_memberships_queue ON memberships(community_id, state, requested_at, id);
