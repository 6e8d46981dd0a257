-- Governance by members (#8 part 3): each community's voting settings, proposals to change the charter, visibility
-- or join policy with their supporters and votes, and steward changes waiting for a second steward's confirmation.
-- A community without a governance_settings row has the defaults (7 days, 20 % quorum, more than 50 % Yes, 3 supporters).

CREATE TABLE governance_settings (
    community_id INTEGER PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
    voting_days INTEGER NOT NULL,
    quorum_percent INTEGER NOT NULL,
    threshold_percent INTEGER NOT NULL,
    support_needed INTEGER NOT NULL,
    steward_confirmation INTEGER NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES users(id),
    updated_at TEXT NOT NULL
);

-- change_* hold the proposed values (NULL: not part of the proposal); before_* what they replaced (as at the
-- proposal's creation, and as actually replaced once it passed). The voting rules are copied in when voting opens,
-- so a settings change never moves the goalposts of a vote under way.
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    proposer_id INTEGER NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    change_purpose TEXT NULL,
    change_values TEXT NULL,
    change_rules TEXT NULL,
    change_visibility TEXT NULL,
    change_join_policy TEXT NULL,
    before_purpose TEXT NULL,
    before_values TEXT NULL,
    before_rules TEXT NULL,
    before_visibility TEXT NULL,
    before_join_policy TEXT NULL,
    state TEXT NOT NULL,
    outcome TEXT NULL,
    topic_id INTEGER NULL REFERENCES topics(id) ON DELETE SET NULL,
    support_needed INTEGER NOT NULL,
    voting_days INTEGER NULL,
    quorum_percent INTEGER NULL,
    threshold_percent INTEGER NULL,
    eligible_voters INTEGER NULL,
    quorum_needed INTEGER NULL,
    yes_votes INTEGER NULL,
    no_votes INTEGER NULL,
    applied_version INTEGER NULL,
    created_at TEXT NOT NULL,
    opened_at TEXT NULL,
    ends_at TEXT NULL,
    closed_at TEXT NULL
);
CREATE INDEX ix_proposals_community ON proposals(community_id, id DESC);
-- The closing pass looks for open proposals whose period has ended.
CREATE INDEX ix_proposals_due ON proposals(state, ends_at);

CREATE TABLE proposal_supports (
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);

CREATE TABLE proposal_votes (
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    vote TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);

-- A charter version made by a passed proposal names it.
ALTER TABLE community_versions ADD COLUMN proposal_id INTEGER NULL REFERENCES proposals(id) ON DELETE SET NULL;

CREATE TABLE steward_changes (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    target_user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    from_role TEXT NOT NULL,
    to_role TEXT NOT NULL,
    requested_by INTEGER NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    decided_by INTEGER NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    decided_at TEXT NULL
);
-- One pending change per member at a time.
CREATE UNIQUE INDEX ux_steward_changes_pending ON steward_changes(community_id, target_user_id) WHERE state = 'Pending';
CREATE INDEX ix_steward_changes_community ON steward_changes(community_id, state, id);
