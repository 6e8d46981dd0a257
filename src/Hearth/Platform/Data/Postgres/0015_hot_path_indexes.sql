-- Indexes found by the load harness (bench/RESULTS.md).
-- A community's stewards (shown on its home page) were read through the roster index, walking every active member to
-- keep the stewards: 2-6 ms a page at 7,000 members. With role in the key, before the order, it is a range of a few rows.
DROP INDEX ix_memberships_community;
CREATE INDEX ix_memberships_role ON memberships(community_id, state, role, joined_at, id);
