// A count under each textarea[data-max-characters]: shown at once, announced after a pause so a
// screen reader is not interrupted on every key.
(() => {
  const ANNOUNCE_AFTER_MS = 1000;

  const message = (left) => {
    if (left >= 0) {
      return `You have ${left} character${left === 1 ? "" : "s"} remaining`;
    }
    const over = -left;
    return `You have ${over} character${over === 1 ? "" : "s"} too many`;
  };

  const attach = (textarea) => {
    if (textarea.dataset.characterCount === "on") {
      return;
    }
    textarea.dataset.characterCount = "on";
    const limit = Number(textarea.dataset.maxCharacters);
    const shown = document.createElement("p");
    shown.id = `${textarea.id}-count`;
    shown.className = "help network-character-count";
    const announced = document.createElement("p");
    announced.className = "w-sr-only";
    announced.setAttribute("aria-live", "polite");
    textarea.after(shown, announced);
    const described = textarea.getAttribute("aria-describedby");
    textarea.setAttribute("aria-describedby", described ? `${described} ${shown.id}` : shown.id);

    let timer;
    const update = (announce) => {
      const left = limit - textarea.value.length;
      shown.textContent = message(left);
      shown.classList.toggle("error-message", left < 0);
      clearTimeout(timer);
      if (announce) {
        timer = setTimeout(() => {
          announced.textContent = message(left);
        }, ANNOUNCE_AFTER_MS);
      }
    };
    textarea.addEventListener("input", () => update(true));
    update(false);
  };

  const start = () => document.querySelectorAll("textarea[data-max-characters]").forEach(attach);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
