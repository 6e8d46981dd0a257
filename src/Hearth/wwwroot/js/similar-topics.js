// Similar topics: while someone types a new topic's title, list up to five existing topics of the community whose
// titles resemble it, so a question asked before is found before it is asked again. Progressive enhancement only:
// without this script the form works exactly the same. Text goes in through textContent, never as HTML.
const form = document.querySelector("form#new-topic");
const input = form?.querySelector("input[name=Title]");
const slug = location.pathname.match(/^\/c\/([^/]+)/)?.[1];

if (form && input && slug) {
  const box = document.createElement("div");
  box.className = "card similar-topics";
  box.setAttribute("aria-live", "polite");
  box.hidden = true;
  input.insertAdjacentElement("afterend", box);

  let timer = 0;
  let asked = "";
  let controller = null;

  const show = (items) => {
    box.replaceChildren();
    if (items.length === 0) { box.hidden = true; return; }
    const heading = document.createElement("p");
    heading.className = "meta";
    heading.textContent = "Similar topics — is yours already answered?";
    const list = document.createElement("ul");
    list.className = "plain";
    for (const topic of items) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = topic.url;
      link.textContent = topic.title;
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = ` · ${topic.replyCount} ${topic.replyCount === 1 ? "reply" : "replies"}${topic.solved ? " · solved" : ""}`;
      item.append(link, meta);
      list.append(item);
    }
    box.append(heading, list);
    box.hidden = false;
  };

  const ask = async () => {
    const title = input.value;
    if (title === asked) return;
    asked = title;
    if (title.trim().length < 3) { show([]); return; }
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`/api/v1/communities/${slug}/similar?title=${encodeURIComponent(title)}`,
        { headers: { Accept: "application/json" }, signal: controller.signal, credentials: "same-origin" });
      if (response.ok) show((await response.json()).items ?? []);
    } catch (e) {
      if (e.name !== "AbortError") show([]);
    }
  };

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(ask, 250); });
}
