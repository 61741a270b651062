// The table host's page: the table's notes so far, a field to add one, the summary, and photos
// of the tablecloth. Everything typed goes into an outbox kept in the browser's storage first,
// then to the laptop, one after the other; each note carries an id made here, so sending it
// again after a Wi-Fi drop stores it once.
(function () {
  "use strict";
  var c = window.cafehost;
  var code = decodeURIComponent(location.pathname.split("/")[2] || "");
  var api = "/api/t/" + encodeURIComponent(code);
  var storeKey = "cafehost-outbox-" + code;
  var view = null;
  var outbox = load();
  var photos = [];
  var flushing = false;
  var retryTimer = null;
  var retryDelay = 1000;
  var offline = false;
  var editing = null;
  var summaryTimer = null;
  var $ = function (id) { return document.getElementById(id); };

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(outbox)); } catch (e) { /* private mode: memory only */ }
  }

  function showProblem(text) {
    var p = $("problem");
    p.textContent = text || "";
    p.hidden = !text;
  }

  function status() {
    var waiting = outbox.length + photos.length;
    if (offline && waiting) $("status").textContent = c.t("status.offline") + " " + c.t("status.waiting", { count: waiting });
    else if (waiting) $("status").textContent = c.t("status.sending");
    else $("status").textContent = view ? c.t("status.saved") : "";
  }

  function pendingText(id) {
    for (var i = outbox.length - 1; i >= 0; i--) {
      var op = outbox[i];
      if (op.id === id && op.kind === "note") return op.text;
      if (op.id === id && op.kind === "delete") return null;
    }
    return undefined;
  }

  function render() {
    if (!view) return status();
    $("workshop").textContent = view.workshop;
    $("table").textContent = c.t("host.table", { number: view.table_number, topic: view.topic });
    $("round").textContent = view.round ? c.t("host.round", { number: view.round.number }) : c.t("host.no_round");
    $("question").textContent = view.round ? view.round.question : "";
    $("photos").textContent = view.photos ? c.t("host.photos", { count: view.photos }) : "";
    var list = $("notes");
    list.textContent = "";
    var shown = {};
    var rows = [];
    view.notes.forEach(function (n) {
      shown[n.id] = true;
      var pending = pendingText(n.id);
      if (pending === null) return;
      rows.push({ id: n.id, round: n.round, text: pending === undefined ? n.text : pending, editable: n.editable, waiting: pending !== undefined });
    });
    outbox.forEach(function (op) {
      if (op.kind === "note" && !shown[op.id]) {
        shown[op.id] = true;
        rows.push({ id: op.id, round: view.round ? view.round.number : null, text: pendingText(op.id), editable: true, waiting: true });
      }
    });
    rows.forEach(function (row) { list.appendChild(noteItem(row)); });
    $("no-notes").hidden = rows.length > 0;
    var summary = $("summary");
    if (document.activeElement !== summary && !outbox.some(function (op) { return op.kind === "summary"; })) {
      summary.value = view.summary;
    }
    status();
  }

  function button(textKey, onClick, label) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = c.t(textKey);
    if (label) b.setAttribute("aria-label", c.t(textKey) + ": " + label);
    b.addEventListener("click", onClick);
    return b;
  }

  function noteItem(row) {
    var li = document.createElement("li");
    if (row.waiting) li.className = "waiting";
    var badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = row.round ? c.t("host.round_short", { number: row.round }) : "";
    li.appendChild(badge);
    if (editing === row.id) {
      var area = document.createElement("textarea");
      area.value = row.text;
      area.rows = 3;
      area.maxLength = 4000;
      li.appendChild(area);
      var actions = document.createElement("div");
      actions.className = "actions";
      actions.appendChild(button("host.save", function () {
        editing = null;
        if (area.value.trim() && area.value !== row.text) queue({ kind: "note", id: row.id, round: null, text: area.value.trim() });
        else render();
      }));
      actions.appendChild(button("host.cancel", function () { editing = null; render(); }));
      li.appendChild(actions);
      setTimeout(function () { area.focus(); }, 0);
      return li;
    }
    var text = document.createElement("span");
    text.className = "text";
    text.textContent = row.text;
    li.appendChild(text);
    if (row.editable) {
      var tools = document.createElement("div");
      tools.className = "actions";
      tools.appendChild(button("host.edit", function () { editing = row.id; render(); }, row.text));
      tools.appendChild(button("host.delete", function () {
        if (window.confirm(c.t("host.confirm_delete"))) queue({ kind: "delete", id: row.id });
      }, row.text));
      li.appendChild(tools);
    }
    return li;
  }

  function queue(op) {
    if (op.kind === "summary") outbox = outbox.filter(function (o) { return o.kind !== "summary"; });
    outbox.push(op);
    save();
    render();
    flush();
  }

  function send(op) {
    if (op.kind === "note") return c.request("PUT", api + "/notes/" + op.id, { text: op.text, round: op.round || null });
    if (op.kind === "delete") return c.request("DELETE", api + "/notes/" + op.id);
    return c.request("PUT", api + "/summary", { text: op.text });
  }

  function retryLater() {
    if (retryTimer) return;
    retryTimer = setTimeout(function () { retryTimer = null; flush(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 10000);
  }

  // Sends the outbox in order. A network failure keeps everything and tries again later; a
  // refusal (the laptop said no) drops that one item and says why.
  function flush() {
    if (flushing) return;
    if (!outbox.length && !photos.length) { status(); return; }
    flushing = true;
    var next = outbox.length ? send(outbox[0]) : sendPhoto(photos[0]);
    next.then(function (result) {
      flushing = false;
      if (result.status === 0 || result.status === 429 || result.status >= 500) {
        offline = result.status === 0;
        status();
        return retryLater();
      }
      offline = false;
      retryDelay = 1000;
      if (outbox.length) { outbox.shift(); save(); } else photos.shift();
      if (!result.ok) showProblem(c.problemText(result));
      if (outbox.length || photos.length) flush(); else refresh();
    });
  }

  function sendPhoto(photo) {
    $("status").textContent = c.t("host.photo_sending");
    return c.request("PUT", api + "/photos/" + photo.id + "?name=" + encodeURIComponent(photo.name), photo.blob, photo.blob.type || "application/octet-stream", 120000)
      .then(function (result) {
        if (result.ok) $("status").textContent = c.t("host.photo_sent");
        return result;
      });
  }

  // The photo made smaller on the phone (long side at most 2000 px, JPEG): a tablecloth stays
  // readable, and the upload takes seconds, not minutes, on a crowded Wi-Fi.
  function downscale(file) {
    return new Promise(function (resolve) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(1, 2000 / Math.max(img.naturalWidth, img.naturalHeight));
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(img.naturalWidth * scale);
        canvas.height = Math.round(img.naturalHeight * scale);
        canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        canvas.toBlob(function (blob) { resolve(blob || file); }, "image/jpeg", 0.85);
      };
      img.onerror = function () { URL.revokeObjectURL(url); resolve(file); };
      img.src = url;
    });
  }

  function refresh() {
    return c.request("GET", api).then(function (result) {
      if (result.ok) {
        offline = false;
        view = result.body;
        showProblem("");
      } else if (result.status === 0) {
        offline = true;
      } else {
        showProblem(c.problemText(result));
      }
      if (!editing) render(); else status();
    });
  }

  $("add").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = $("text").value.trim();
    if (!text) return;
    $("text").value = "";
    queue({ kind: "note", id: c.uuid(), round: view && view.round ? view.round.id : null, text: text });
    $("text").focus();
  });
  // Enter adds the note, as in the app; Shift+Enter makes a new line.
  $("text").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("add").dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
  $("summary").addEventListener("input", function () {
    clearTimeout(summaryTimer);
    var text = $("summary").value;
    summaryTimer = setTimeout(function () { queue({ kind: "summary", text: text }); }, 700);
  });
  $("camera").addEventListener("change", function () {
    var file = $("camera").files && $("camera").files[0];
    $("camera").value = "";
    if (!file) return;
    downscale(file).then(function (blob) {
      photos.push({ id: c.uuid(), name: file.name || "tischdecke.jpg", blob: blob });
      flush();
    });
  });
  window.addEventListener("online", flush);
  setInterval(function () { if (!outbox.length && !photos.length && !editing) refresh(); else flush(); }, 5000);
  refresh().then(flush);
})();
