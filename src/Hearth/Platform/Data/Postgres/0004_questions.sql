-- Questions: members' votes on answers, each answer's score (kept on write, so answers sort by it without a
-- count per page), and when a question was first solved (the figures' time to accepted answer).

CREATE TABLE post_votes (
    post_id bigint NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    value integer NOT NULL,
    voted_at timestamptz NOT NULL,
    PRIMARY KEY (post_id, user_id)
);

ALTER TABLE posts ADD COLUMN score integer NOT NULL DEFAULT 0;
ALTER TABLE topics ADD COLUMN accepted_at timestamptz NULL;
