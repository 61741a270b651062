// Shared by the phone pages: the language, texts, ids made on the phone, and requests to the
// laptop with a timeout. Plain ES2017 without modules, so older phone browsers run it.
(function () {
  "use strict";
  var all = window.CAFEHOST_STRINGS;
  var wanted = (navigator.languages && navigator.languages[0]) || navigator.language || "de";
  var lang = /^de\b/i.test(wanted) ? "de" : /^en\b/i.test(wanted) ? "en" : "de";
  var strings = all[lang];
  document.documentElement.lang = lang;

  function t(key, params) {
    var text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    return text.replace(/\{(\w+)\}/g, function (_, name) {
      return params && params[name] !== undefined ? String(params[name]) : "";
    });
  }

  function applyTexts(root) {
    var nodes = (root || document).querySelectorAll("[data-text]");
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].getAttribute("data-text"));
  }

  // A version-4 UUID from the browser's random numbers (crypto.randomUUID needs HTTPS).
  function uuid() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = [];
    for (var i = 0; i < 16; i++) h.push((b[i] + 0x100).toString(16).slice(1));
    return h.slice(0, 4).join("") + "-" + h.slice(4, 6).join("") + "-" + h.slice(6, 8).join("") + "-" +
      h.slice(8, 10).join("") + "-" + h.slice(10).join("");
  }

  // A request to the laptop. Resolves with {ok, status, body}; a network failure or a timeout
  // resolves with status 0 (the caller keeps the work and tries again).
  function request(method, url, body, contentType, timeoutMs) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, timeoutMs || 15000) : null;
    var init = { method: method, credentials: "same-origin", headers: {} };
    if (controller) init.signal = controller.signal;
    if (body !== undefined) {
      init.headers["Content-Type"] = contentType || "application/json";
      init.body = contentType ? body : JSON.stringify(body);
    }
    return fetch(url, init).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        return { ok: response.ok, status: response.status, body: parsed };
      });
    }, function () {
      return { ok: false, status: 0, body: null };
    }).then(function (result) {
      if (timer) clearTimeout(timer);
      return result;
    });
  }

  function problemText(result) {
    var code = result.body && result.body.code;
    if (!code) return t("error.other", { code: result.status });
    var key = "error." + code;
    return Object.prototype.hasOwnProperty.call(strings, key) ? t(key) : t("error.other", { code: code });
  }

  window.cafehost = { t: t, lang: lang, applyTexts: applyTexts, uuid: uuid, request: request, problemText: problemText };
  applyTexts();
})();
