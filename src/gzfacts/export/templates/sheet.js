// gzfacts fact sheet: filter the facts as one types. Plain JavaScript, no network.
(function () {
  "use strict";
  var search = document.getElementById("_search");
  var box = document.getElementById("_q");
  var status = document.getElementById("_status");
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.fact"));
  var topics = Array.prototype.slice.call(document.querySelectorAll("section.topic"));
  var links = Array.prototype.slice.call(document.querySelectorAll(".toc li"));
  if (!box) { return; }  // the index of a sheet split into pages has no facts to filter
  var debounce = box.getAttribute("data-debounce") === "on";
  var texts = null;
  var owner = null;
  var timer = 0;
  search.hidden = false;

  function index() {
    texts = cards.map(function (card) { return card.textContent.toLowerCase(); });
    owner = cards.map(function (card) { return topics.indexOf(card.parentNode); });
  }

  function filter() {
    if (texts === null) { index(); }
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var perTopic = topics.map(function () { return 0; });
    var shown = 0;
    for (var i = 0; i < cards.length; i++) {
      var hit = true;
      for (var w = 0; w < words.length && hit; w++) { hit = texts[i].indexOf(words[w]) !== -1; }
      if (cards[i].hidden === hit) { cards[i].hidden = !hit; }
      if (hit) { shown++; perTopic[owner[i]]++; }
    }
    topics.forEach(function (topic, t) {
      var empty = words.length > 0 && perTopic[t] === 0;
      topic.hidden = empty;
      if (links[t]) { links[t].hidden = empty; }
    });
    status.textContent = words.length ? shown + " of " + cards.length + " facts match" : cards.length + " facts";
    status.setAttribute("data-q", box.value);
  }

  box.addEventListener("input", function () {
    window.clearTimeout(timer);
    if (debounce) { timer = window.setTimeout(filter, 150); } else { filter(); }
  });

  // A highlight shows which fact it leads to; the fact's "In the article" link, which sentence.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link) { return; }
    var previous = document.querySelectorAll(".hl.current");
    for (var p = 0; p < previous.length; p++) { previous[p].classList.remove("current"); }
    if (link.classList.contains("back")) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) { target.classList.add("current"); }
    }
  });
})();
