-- Portability (#8, part 4): community archives out and in.
-- export_consent: the member's own choice to be named (user name, display name, e-mail, role) in the community's
-- exports; off by default, so an export names nobody who did not say yes.
ALTER TABLE memberships ADD COLUMN export_consent INTEGER NOT NULL DEFAULT 0;

-- Old paths of an imported community (its home, each topic by id) and where they live now. Read only when a page
-- request found nothing (the 404 page), so no hot path pays for it. The first import of a path keeps it.
CREATE TABLE imported_paths (
    old_path TEXT PRIMARY KEY,
    new_path TEXT NOT NULL,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_imported_paths_community ON imported_paths(community_id);

-- Every author of an imported archive is a placeholder account (no password, no real e-mail) that carries the name
-- the archive gave them. A consented member's placeholder is tied to the invitation sent to them: accepting it moves
-- the placeholder's content to the accepting account (claimed_by).
CREATE TABLE imported_authors (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    placeholder_user_id INTEGER NOT NULL REFERENCES users(id),
    archive_ref TEXT NOT NULL,
    invitation_id INTEGER NULL REFERENCES invitations(id) ON DELETE SET NULL,
    claimed_by INTEGER NULL REFERENCES users(id),
    claimed_at TEXT NULL,
    UNIQUE (community_id, archive_ref)
);
CREATE INDEX ix_imported_authors_invitation ON imported_authors(invitation_id);
