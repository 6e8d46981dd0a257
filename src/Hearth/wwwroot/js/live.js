// Live updates over server-sent events: the unread count in the header, new replies in an open topic, "n new
// topics" on a list. An enhancement only: every page works without it (and without JavaScript).
(() => {
  const body = document.body;
  if (!body.dataset.live || !window.EventSource) return;
  const params = new URLSearchParams();
  for (const [key, name] of [['liveTopic', 'topic'], ['liveCommunity', 'community'], ['liveSpace', 'space']]) {
    if (body.dataset[key]) params.set(name, body.dataset[key]);
  }
  const query = params.toString();
  const source = new EventSource('/api/v1/live' + (query ? '?' + query : ''));

  const badge = document.querySelector('[data-testid=unread]');
  source.addEventListener('notifications', e => {
    const unread = JSON.parse(e.data).unread;
    if (!badge) return;
    badge.textContent = unread > 0 ? String(unread) : '';
    badge.hidden = unread === 0;
  });

  const banner = text => {
    let el = document.getElementById('live-banner');
    if (!el) {
      el = document.createElement('p');
      el.id = 'live-banner';
      el.className = 'flash';
      el.setAttribute('role', 'status');
      document.getElementById('main').prepend(el);
    }
    const link = document.createElement('a');
    link.href = location.pathname + location.search;
    link.textContent = text;
    el.replaceChildren(link);
  };

  // A new reply is fetched from the page itself (the server decides what this reader may see) and added below the
  // last post; when it is not on this page of the topic, a banner offers to reload.
  let missed = 0;
  source.addEventListener('post', async e => {
    const { postNumber } = JSON.parse(e.data);
    const posts = document.querySelectorAll('article.post');
    const last = posts[posts.length - 1];
    try {
      const response = await fetch(location.pathname + location.search, { credentials: 'same-origin' });
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.getElementById('post-' + postNumber);
      if (fresh && last && !document.getElementById('post-' + postNumber)) {
        last.after(document.importNode(fresh, true));
        return;
      }
    } catch { /* fall through to the banner */ }
    missed++;
    banner(`${missed} new ${missed === 1 ? 'reply' : 'replies'}: show`);
  });

  let topics = 0;
  source.addEventListener('topic', () => {
    topics++;
    banner(`${topics} new ${topics === 1 ? 'topic' : 'topics'}: show`);
  });
})();
