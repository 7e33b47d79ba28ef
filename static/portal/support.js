/* The service desk's pages. Scripts come from the portal's own static files
   only (Content-Security-Policy): no inline scripts.

   #support-suggestions[data-suggest-url][data-suggest-for]
       While the member types into the field named by data-suggest-for, asks
       the JSON endpoint (debounced) for matching articles and solved forum
       topics and shows them from the <template data-suggest-template>.
   #conversation[data-messages-url]
       Every 3 seconds while the page is visible, asks for the messages after
       the newest one shown and appends them from <template
       data-message-template>. Text goes in as text, never as HTML. */
(function () {
  "use strict";

  var POLL_MS = 3000;
  var DEBOUNCE_MS = 350;

  function getJSON(url, done) {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status === 200) {
        try { done(JSON.parse(request.responseText)); } catch (error) { /* ignore */ }
      }
    };
    request.send();
  }

  function setupSuggestions(box) {
    var input = document.getElementById(box.dataset.suggestFor);
    var list = box.querySelector("[data-suggest-list]");
    var empty = box.querySelector("[data-suggest-empty]");
    var template = box.querySelector("template[data-suggest-template]");
    if (!input || !list || !template) { return; }
    var timer = null;
    var asked = "";

    function show(data) {
      if (data.query !== input.value.trim().slice(0, 200)) { return; }
      list.textContent = "";
      data.results.forEach(function (item) {
        var node = template.content.firstElementChild.cloneNode(true);
        node.querySelector("[data-kind]").textContent = item.kind_label;
        var link = node.querySelector("[data-title]");
        link.textContent = item.title;
        link.setAttribute("href", item.url);
        node.querySelector("[data-query]").value = data.query;
        node.querySelector("[data-target-url]").value = item.url;
        node.querySelector("[data-target-title]").value = item.title;
        list.appendChild(node);
      });
      if (empty) { empty.hidden = data.results.length > 0; }
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var query = input.value.trim().slice(0, 200);
        if (query === asked) { return; }
        asked = query;
        getJSON(box.dataset.suggestUrl + "?q=" + encodeURIComponent(query), show);
      }, DEBOUNCE_MS);
    });
  }

  function setupConversation(section) {
    var list = section.querySelector("[data-message-list]");
    var template = section.querySelector("template[data-message-template]");
    var none = section.querySelector("[data-no-messages]");
    var status = document.querySelector("[data-live-status] [data-status]");
    if (!list || !template) { return; }

    function lastId() {
      var last = 0;
      list.querySelectorAll("[data-message-id]").forEach(function (item) {
        last = Math.max(last, parseInt(item.dataset.messageId, 10) || 0);
      });
      return last;
    }

    function append(message, internalLabel) {
      if (list.querySelector('[data-message-id="' + message.id + '"]')) { return; }
      var node = template.content.firstElementChild.cloneNode(true);
      node.dataset.messageId = message.id;
      node.querySelector("[data-author]").textContent = message.author;
      node.querySelector("[data-when]").textContent = message.when;
      node.querySelector("[data-body]").textContent = message.body;
      if (message.internal) {
        var badge = node.querySelector("[data-internal]");
        badge.textContent = internalLabel;
        badge.hidden = false;
        node.classList.add("border-warning");
      }
      var files = node.querySelector("[data-attachments]");
      message.attachments.forEach(function (file) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = file.url;
        link.textContent = file.name;
        item.appendChild(link);
        files.appendChild(item);
      });
      list.appendChild(node);
      if (none) { none.hidden = true; }
    }

    function poll() {
      if (document.hidden) { return; }
      getJSON(section.dataset.messagesUrl + "?after=" + lastId(), function (data) {
        data.messages.forEach(function (message) { append(message, data.internal_label); });
        if (status && data.status && status.dataset.status !== data.status) {
          status.dataset.status = data.status;
          status.textContent = data.status_label;
        }
      });
    }

    window.setInterval(poll, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("support-suggestions");
    if (box) { setupSuggestions(box); }
    var section = document.getElementById("conversation");
    if (section && section.dataset.messagesUrl) { setupConversation(section); }
  });
})();
