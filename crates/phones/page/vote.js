// The dot vote: a participant gives up to N dots to the statements shown (several to one if
// they like) and casts them; casting again replaces the earlier ballot of this browser.
(function () {
  "use strict";
  var c = window.cafehost;
  var ballot = null;
  var mine = {};
  var $ = function (id) { return document.getElementById(id); };

  function used() {
    var sum = 0;
    Object.keys(mine).forEach(function (k) { sum += mine[k]; });
    return sum;
  }

  // The app sends each statement's label in both languages ("Z 2.1", "G 2.1").
  function label(item) {
    return item.label[c.lang] || item.label.de;
  }

  function render() {
    if (!ballot) return;
    $("left").textContent = c.t("vote.left", { count: ballot.dots - used(), dots: ballot.dots });
    var list = $("items");
    list.textContent = "";
    ballot.items.forEach(function (item) {
      var li = document.createElement("li");
      var head = document.createElement("span");
      head.className = "badge";
      head.textContent = label(item);
      var text = document.createElement("span");
      text.className = "text";
      text.textContent = item.text;
      var dots = document.createElement("span");
      dots.className = "dots";
      dots.textContent = "●".repeat(mine[item.id] || 0);
      var minus = document.createElement("button");
      minus.type = "button";
      minus.textContent = "−";
      minus.setAttribute("aria-label", c.t("vote.remove", { label: label(item) }));
      minus.disabled = !mine[item.id];
      minus.addEventListener("click", function () { mine[item.id] = (mine[item.id] || 0) - 1; if (!mine[item.id]) delete mine[item.id]; render(); });
      var plus = document.createElement("button");
      plus.type = "button";
      plus.textContent = "+";
      plus.setAttribute("aria-label", c.t("vote.add", { label: label(item) }));
      plus.disabled = used() >= ballot.dots;
      plus.addEventListener("click", function () { mine[item.id] = (mine[item.id] || 0) + 1; render(); });
      var actions = document.createElement("div");
      actions.className = "actions";
      actions.appendChild(minus);
      actions.appendChild(dots);
      actions.appendChild(plus);
      li.appendChild(head);
      li.appendChild(text);
      li.appendChild(actions);
      list.appendChild(li);
    });
  }

  function showProblem(text) {
    $("problem").textContent = text || "";
    $("problem").hidden = !text;
  }

  function load() {
    c.request("GET", "/api/vote").then(function (result) {
      if (!result.ok) return showProblem(c.problemText(result));
      ballot = result.body;
      mine = {};
      Object.keys(ballot.mine || {}).forEach(function (k) { mine[k] = ballot.mine[k]; });
      render();
    });
  }

  $("send").addEventListener("click", function () {
    $("status").textContent = "";
    c.request("PUT", "/api/vote", { dots: mine }).then(function (result) {
      if (result.ok) { showProblem(""); $("status").textContent = c.t("vote.sent"); }
      else if (result.status === 0) $("status").textContent = c.t("status.offline");
      else showProblem(c.problemText(result));
    });
  });
  load();
})();
