/*
  This edition's script, on every page:
  - the language links keep the reader's place;
  - a note's tooltip (the theme's dialog) is named after its marker: "Note 2";
  - the header block's copy buttons (overrides/partials/edition-masthead.html). Without this
    script the block's links still work: the buttons stay hidden. Same-origin only: the BibTeX
    and RIS texts are fetched from the site's own cite/ folder.
*/
(function () {
  "use strict";
  var block = document.querySelector(".edition-masthead");

  // The theme opens a note in a role="dialog" tooltip that has no name; its marker has one
  // (aria-label "Note 2", scripts/edition/note_numbers.py), which the dialog takes.
  function nameTooltips() {
    document.querySelectorAll('[role="dialog"][id^="__tooltip2_"]:not([aria-label])').forEach(function (dialog) {
      var marker = document.querySelector('[aria-controls="' + dialog.id + '"][aria-label]');
      if (marker) dialog.setAttribute("aria-label", marker.getAttribute("aria-label"));
    });
  }
  new MutationObserver(nameTooltips).observe(document.body, { childList: true });

  // Keep the reader's place across languages: a note (#fn:5), its marker and the explicit heading
  // ids are the same on a page and its translation (the theme's language menu does the same).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.edition-languages__link[hreflang]");
    if (link && location.hash && !link.hash) link.hash = location.hash;
  });

  if (!block || !navigator.clipboard || !window.isSecureContext) return;
  var status = block.querySelector("[data-copy-status]");

  function say(message) {
    // Emptied first, so that the same words said twice are announced twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function copy(textPromise, button, message) {
    textPromise
      .then(function (text) { return navigator.clipboard.writeText(text); })
      .then(function () { say(message); if (button) button.setAttribute("data-copied", ""); })
      .catch(function () { say(block.getAttribute("data-copy-failed")); });
  }

  block.querySelectorAll("[data-copy-text]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy-text"));
      copy(Promise.resolve(source.textContent.replace(/\s+/g, " ").trim()), button, block.getAttribute("data-copied"));
    });
  });

  block.querySelectorAll("[data-copy-file]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = fetch(button.getAttribute("data-copy-file"), { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(response.statusText);
        return response.text();
      });
      copy(text, button, block.getAttribute("data-copied"));
    });
  });

  var linkButton = block.querySelector("[data-copy-link]");
  if (linkButton) {
    linkButton.closest("li").hidden = false;
    linkButton.addEventListener("click", function () {
      var canonical = document.querySelector("link[rel=canonical]");
      var address = new URL(canonical ? canonical.href : location.href);
      address.hash = location.hash;
      copy(Promise.resolve(address.href), null, block.getAttribute("data-link-copied"));
    });
  }
})();
