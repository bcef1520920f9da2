// Small enhancements on top of GOV.UK Frontend; every page works without them.
import { initAll } from "../../govuk/govuk-frontend.min.js";

initAll();

for (const button of document.querySelectorAll("[data-network-print]")) {
  button.addEventListener("click", () => window.print());
}
