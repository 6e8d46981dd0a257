// Conversation enhancements, each optional: without this script every form works the same, by a full page post.
// 1. Reaction buttons call the API (PUT/DELETE /api/v1/posts/{id}/reactions/{kind}) and update the counts in place.
// 2. "@" in a composer (textarea[data-mentions=slug]) suggests the community's members as you type.
// Text goes into the page through textContent only, never as HTML.

const label = (count) => (count > 0 ? String(count) : "");

for (const form of document.querySelectorAll("form.reaction-form")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const postId = form.action.match(/\/posts\/(\d+)\/react/)?.[1];
    const kind = form.dataset.kind;
    const remove = form.querySelector("input[name=Remove]");
    const token = form.querySelector("input[name=__RequestVerificationToken]")?.value ?? "";
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const response = await fetch(`/api/v1/posts/${postId}/reactions/${encodeURIComponent(kind)}`, {
        method: remove.value === "true" ? "DELETE" : "PUT",
        headers: { RequestVerificationToken: token, Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) { form.submit(); return; }
      const state = await response.json();
      const box = form.closest(".reactions");
      for (const other of box.querySelectorAll("form.reaction-form")) {
        const k = other.dataset.kind;
        const mine = state.myReactions.includes(k);
        const count = state.reactions[k] ?? 0;
        other.querySelector("input[name=Remove]").value = mine ? "true" : "false";
        other.querySelector("button").setAttribute("aria-pressed", mine ? "true" : "false");
        const counter = other.querySelector(".count");
        counter.dataset.count = String(count);
        counter.textContent = label(count);
      }
    } catch {
      form.submit();
    } finally {
      button.disabled = false;
    }
  });
}

for (const area of document.querySelectorAll("textarea[data-mentions]")) {
  const slug = area.dataset.mentions;
  const list = document.createElement("ul");
  list.className = "plain card mention-list";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  area.insertAdjacentElement("afterend", list);
  let controller = null;
  let timer = 0;

  const wordAtCaret = () => {
    const before = area.value.slice(0, area.selectionStart);
    const match = before.match(/(?:^|[^A-Za-z0-9_.@-])@([A-Za-z0-9_.-]{0,32})$/);
    return match ? { start: area.selectionStart - match[1].length, prefix: match[1] } : null;
  };

  const choose = (userName, start) => {
    const end = area.selectionStart;
    area.value = `${area.value.slice(0, start)}${userName} ${area.value.slice(end)}`;
    const caret = start + userName.length + 1;
    area.setSelectionRange(caret, caret);
    list.hidden = true;
    area.focus();
  };

  const suggest = async () => {
    const word = wordAtCaret();
    if (!word) { list.hidden = true; return; }
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`/api/v1/communities/${encodeURIComponent(slug)}/mentions?q=${encodeURIComponent(word.prefix)}`,
        { signal: controller.signal, credentials: "same-origin" });
      if (!response.ok) return;
      const { items } = await response.json();
      list.replaceChildren();
      for (const member of items) {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "link";
        button.textContent = `@${member.userName} · ${member.displayName}`;
        button.addEventListener("mousedown", (e) => { e.preventDefault(); choose(member.userName, word.start); });
        item.append(button);
        list.append(item);
      }
      list.hidden = items.length === 0;
    } catch { /* aborted by the next keystroke */ }
  };

  area.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
  area.addEventListener("keydown", (e) => {
    if (e.key === "Escape") list.hidden = true;
    if (e.key === "Tab" && !list.hidden) {
      const first = list.querySelector("button");
      if (first) { e.preventDefault(); first.dispatchEvent(new MouseEvent("mousedown")); }
    }
  });
  area.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 100));
}
