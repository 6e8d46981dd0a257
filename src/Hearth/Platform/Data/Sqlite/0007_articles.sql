-- Articles (knowledge base): an article is a topic in an Articles space whose first post is the current body.
-- Every edit is a revision; articles.revision is the current number and the optimistic-concurrency column.
-- Instants are UTC text; booleans are 0/1.

ALTER TABLE spaces ADD COLUMN edit_policy TEXT NOT NULL DEFAULT 'Wiki';

CREATE TABLE articles (
    topic_id INTEGER PRIMARY KEY REFERENCES topics(id) ON DELETE CASCADE,
    community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    revision INTEGER NOT NULL,
    from_question_id INTEGER NULL UNIQUE REFERENCES topics(id) ON DELETE SET NULL,
    from_answer_post_id INTEGER NULL REFERENCES posts(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    published_at TEXT NULL,
    published_by INTEGER NULL REFERENCES users(id)
);

CREATE TABLE article_revisions (
    id INTEGER PRIMARY KEY,
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    author_id INTEGER NOT NULL REFERENCES users(id),
    summary TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    reverted_to INTEGER NULL,
    created_at TEXT NOT NULL,
    UNIQUE (topic_id, number)
);

-- Each revision author's edit count, kept on write, so the article page's contributor list costs the same
-- however long the history grows.
CREATE TABLE article_contributors (
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    edits INTEGER NOT NULL,
    first_revision INTEGER NOT NULL,
    PRIMARY KEY (topic_id, user_id)
);

-- People credited for what an article was written from (the asker, the accepted answer's author).
CREATE TABLE article_credits (
    topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    credit TEXT NOT NULL,
    PRIMARY KEY (topic_id, user_id, credit)
);
CREATE INDEX ix_article_credits_user ON article_credits(user_id);

-- Topics already in Articles spaces (where every kind behaved like a Discussion) become published articles
-- whose first revision is their first post.
INSERT INTO articles (topic_id, community_id, state, revision, created_at, updated_at, published_at)
SELECT t.id, t.community_id, 'Published', 1, t.created_at, t.created_at, t.created_at
FROM topics t
JOIN spaces s ON s.id = t.space_id
JOIN posts p ON p.topic_id = t.id AND p.post_number = 1
WHERE s.kind = 'Articles';

INSERT INTO article_revisions (topic_id, number, author_id, summary, title, body, body_html, created_at)
SELECT t.id, 1, p.author_id, 'Created', t.title, p.body, p.body_html, p.created_at
FROM topics t
JOIN spaces s ON s.id = t.space_id
JOIN posts p ON p.topic_id = t.id AND p.post_number = 1
WHERE s.kind = 'Articles';

INSERT INTO article_contributors (topic_id, user_id, edits, first_revision)
SELECT topic_id, author_id, COUNT(*), MIN(number) FROM article_revisions GROUP BY topic_id, author_id;
