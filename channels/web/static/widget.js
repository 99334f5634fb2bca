/* Parley chat widget: one script tag, no build step.
 * <script src="https://HOST/widget.js" data-bot="SLUG" data-key="PUBLIC_KEY" defer></script>
 */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector("script[data-bot][data-key]");
  if (!script) return;
  var bot = script.getAttribute("data-bot");
  var key = script.getAttribute("data-key");
  var title = script.getAttribute("data-title") || "Chat";
  var base = new URL(script.src, location.href).origin;
  var storeKey = "parley:" + bot + ":session";

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
      var r = (Math.random() * 16) | 0;
      return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
    });
  }
  // data-session: a session the page was given (the studio's test conversations)
  var session = script.getAttribute("data-session") || localStorage.getItem(storeKey);
  if (!session) { session = uuid(); localStorage.setItem(storeKey, session); }

  var host = document.createElement("div");
  host.id = "parley-widget";
  document.body.appendChild(host);
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  root.innerHTML =
    '<style>' +
    ':host{all:initial}*{box-sizing:border-box;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif}' +
    '.bubble{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;' +
    'background:#4f46e5;color:#fff;font-size:26px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000}' +
    '.panel{position:fixed;right:20px;bottom:88px;width:360px;max-width:calc(100vw - 40px);height:520px;' +
    'max-height:calc(100vh - 120px);background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);' +
    'display:none;flex-direction:column;overflow:hidden;z-index:2147483000}' +
    '.panel.open{display:flex}.head{background:#4f46e5;color:#fff;padding:12px 16px;font-weight:600}' +
    '.log{flex:1;overflow-y:auto;padding:12px;background:#f7f7fb}' +
    '.msg{margin:6px 0;padding:8px 12px;border-radius:10px;max-width:85%;white-space:pre-wrap;line-height:1.4;font-size:14px}' +
    '.user{background:#4f46e5;color:#fff;margin-left:auto}.bot{background:#fff;color:#111;border:1px solid #e5e7eb}' +
    '.cites{margin-top:6px;font-size:12px;color:#555}.cites a{color:#4f46e5;margin-right:8px}' +
    '.buttons{margin-top:6px}.buttons button{margin:2px 4px 2px 0;padding:4px 10px;border:1px solid #4f46e5;' +
    'background:#fff;color:#4f46e5;border-radius:14px;cursor:pointer;font-size:13px}' +
    'form{display:flex;border-top:1px solid #e5e7eb}input{flex:1;border:0;padding:12px;font-size:14px;outline:none}' +
    'form button{border:0;background:#4f46e5;color:#fff;padding:0 16px;cursor:pointer}' +
    '.err{color:#b91c1c;font-size:12px;padding:4px 12px}' +
    '</style>' +
    '<button class="bubble" aria-label="Open chat">&#128172;</button>' +
    '<div class="panel" role="dialog" aria-label="' + title + '">' +
    '<div class="head"></div><div class="log" aria-live="polite"></div><div class="err"></div>' +
    '<form><input name="text" autocomplete="off" placeholder="Type a message…" maxlength="4000">' +
    '<button type="submit">Send</button></form></div>';

  var panel = root.querySelector(".panel");
  var log = root.querySelector(".log");
  var err = root.querySelector(".err");
  var form = root.querySelector("form");
  var input = root.querySelector("input");
  root.querySelector(".head").textContent = title;
  root.querySelector(".bubble").addEventListener("click", function () {
    panel.classList.toggle("open");
    if (panel.classList.contains("open")) input.focus();
  });

  function citationLink(c) {
    var a = document.createElement("a");
    a.href = c.url || base + "/widget/" + bot + "/documents/" + encodeURIComponent(c.document) + "?key=" + encodeURIComponent(key);
    a.target = "_blank";
    a.rel = "noopener";
    a.textContent = c.title;
    a.title = c.snippet || "";
    return a;
  }

  function render(role, reply) {
    var div = document.createElement("div");
    div.className = "msg " + role;
    div.textContent = reply.text;
    div.dir = "auto"; // Arabic, Hebrew, Urdu replies read right to left
    if (reply.citations && reply.citations.length) {
      var cites = document.createElement("div");
      cites.className = "cites";
      cites.appendChild(document.createTextNode((reply.sources_label || "Sources") + ": "));
      reply.citations.forEach(function (c) { cites.appendChild(citationLink(c)); });
      div.appendChild(cites);
    }
    if (reply.buttons && reply.buttons.length) {
      var bar = document.createElement("div");
      bar.className = "buttons";
      reply.buttons.forEach(function (b) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.textContent = b.title;
        btn.addEventListener("click", function () { send(b.title, b.payload); });
        bar.appendChild(btn);
      });
      div.appendChild(bar);
    }
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  }

  function headers() {
    return { "Content-Type": "application/json", "X-Parley-Key": key };
  }

  function send(text, payload) {
    err.textContent = "";
    render("user", { text: text });
    var body = { session: session, id: uuid(), text: text };
    if (payload) body.payload = payload;
    return fetch(base + "/widget/" + bot + "/messages", { method: "POST", headers: headers(), body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (res) {
        if (!res.ok) { err.textContent = (res.body.error && res.body.error.message) || "Something went wrong."; return; }
        res.body.replies.forEach(function (reply) { render("bot", reply); });
      })
      .catch(function () { err.textContent = "Could not reach the server. Try again."; });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });

  // fresh: replace what is shown (after a reconnect, or when the server asks for a resync,
  // messages pushed while the socket was down are in the history and nowhere else).
  function loadHistory(fresh) {
    var url = base + "/widget/" + bot + "/history?session=" + encodeURIComponent(session);
    return fetch(url, { headers: headers() })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!j) return;
        if (fresh) log.textContent = "";
        j.messages.forEach(function (m) { render(m.direction === "in" ? "user" : "bot", m); });
        if (j.messages.length) panel.classList.add("open");
      });
  }

  var retry = 1000;
  var connectedBefore = false;
  function connect() {
    var ws = new WebSocket(base.replace(/^http/, "ws") + "/widget/" + bot + "/ws?session=" +
      encodeURIComponent(session) + "&key=" + encodeURIComponent(key));
    ws.onopen = function () {
      retry = 1000;
      if (connectedBefore) loadHistory(true);
      connectedBefore = true;
    };
    ws.onmessage = function (ev) {
      var msg = JSON.parse(ev.data);
      if (msg.type === "message") { render("bot", msg.message); panel.classList.add("open"); }
      if (msg.type === "resync") loadHistory(true);
    };
    ws.onclose = function () { setTimeout(connect, retry); retry = Math.min(retry * 2, 30000); };
  }

  host.dataset.session = session;
  loadHistory(false).then(connect, connect);
})();
