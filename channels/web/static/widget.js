/* Parley chat widget: one script tag, no build step, no iframe.
 * <script src="https://HOST/widget.js" data-bot="SLUG" data-key="PUBLIC_KEY" defer></script>
 * Everything a bot or a page supplies is put in the page as text nodes or checked attributes:
 * no server text ever goes through innerHTML (replies render a small Markdown subset as DOM).
 */
(function () {
  "use strict";
  var perf = window.performance;
  if (perf && perf.mark) perf.mark("parley:start");
  var script = document.currentScript || document.querySelector("script[data-bot][data-key]");
  if (!script) return;
  var bot = script.getAttribute("data-bot");
  var key = script.getAttribute("data-key");
  var base = new URL(script.src, location.href).origin;
  var api = base + "/widget/" + encodeURIComponent(bot);
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

  var ICON = {
    chat: '<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>',
    close: '<path d="M6 6l12 12M18 6L6 18"/>',
    send: '<path d="M4 12l16-8-6 16-2-6-8-2z"/>',
    up: '<path d="M7 10v10H4V10h3zm0 0l4-7a2 2 0 0 1 3 2l-1 4h6a2 2 0 0 1 2 2l-2 7a2 2 0 0 1-2 2H7"/>',
    down: '<path d="M7 14V4H4v10h3zm0 0l4 7a2 2 0 0 0 3-2l-1-4h6a2 2 0 0 0 2-2l-2-7a2 2 0 0 0-2-2H7"/>'
  };
  function svg(name) {
    return '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">' + ICON[name] + "</svg>";
  }

  // the launcher's rules travel with the script, so it paints before widget.css (the panel) is in
  var LAUNCHER_CSS = ':host{all:initial;--pc:#4f46e5;--pt:#fff}svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;flex:none}.bubble{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;display:flex;align-items:center;justify-content:center;background:var(--pc);color:var(--pt);box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000}.bubble svg{width:28px;height:28px}.left .bubble{right:auto;left:20px}.badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#b91c1c;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center}.badge[hidden]{display:none}.panel{display:none}';
  var host = document.createElement("div");
  host.id = "parley-widget";
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  // constant markup only: labels and titles are set below as text
  root.innerHTML =
    '<link rel="stylesheet" href="' + base + '/widget.css">' +
    '<div class="wrap">' +
    '<button class="bubble" type="button" aria-expanded="false">' + svg("chat") +
    '<span class="badge" hidden></span></button>' +
    '<div class="panel" role="dialog" aria-modal="false">' +
    '<div class="head"><img alt="" hidden><h2></h2>' +
    '<button class="close" type="button" aria-label="Close chat">' + svg("close") + "</button></div>" +
    '<div class="log" role="log" aria-live="polite" aria-relevant="additions" tabindex="0"></div>' +
    '<div class="err" role="alert"></div>' +
    '<form><label class="sr">Message</label><input name="text" autocomplete="off" maxlength="4000">' +
    '<button type="submit" aria-label="Send">' + svg("send") + "</button></form></div></div>";

  function $(sel) { return root.querySelector(sel); }
  // a constructed stylesheet: no inline <style>, so a page's CSP style-src does not block it
  function adopt(css) {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      root.appendChild(el("style", "", css));
    }
  }
  var wrap = $(".wrap"), bubble = $(".bubble"), badge = $(".badge"), panel = $(".panel");
  var log = $(".log"), err = $(".err"), form = $("form"), input = $("input"), heading = $("h2");
  var avatar = $(".head img");
  var inputId = "parley-input";
  input.id = inputId;
  $("label").setAttribute("for", inputId);
  heading.id = "parley-title";
  panel.setAttribute("aria-labelledby", "parley-title");
  var unread = 0;
  var theme = { title: script.getAttribute("data-title") || "Chat", greeting: "", starters: [] };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  // --- the safe Markdown subset: bold, italic, links (http/https/mailto), lists, code -----
  var INLINE = /`([^`\n]+)`|\*\*([^*\n]+)\*\*|__([^_\n]+)__|\*([^*\s][^*\n]*)\*|_([^_\s][^_\n]*)_|\[([^\]\n]+)\]\(([^()\s]+)\)/g;

  function safeUrl(url, allowMail) {
    if (!/^(https?:\/\/|mailto:)/i.test(url)) return null;
    try { var u = new URL(url); } catch (e) { return null; }
    var ok = u.protocol === "http:" || u.protocol === "https:" || (allowMail && u.protocol === "mailto:");
    return ok ? u.href : null;
  }

  function link(href, text) {
    var a = el("a", "", text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer nofollow";
    return a;
  }

  function inline(parent, text) {
    var last = 0, m, re = new RegExp(INLINE.source, "g"); // own lastIndex: inline() recurses
    while ((m = re.exec(text))) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      last = re.lastIndex;
      if (m[1] != null) parent.appendChild(el("code", "", m[1]));
      else if (m[2] != null || m[3] != null) inline(parent.appendChild(el("strong")), m[2] || m[3]);
      else if (m[4] != null || m[5] != null) inline(parent.appendChild(el("em")), m[4] || m[5]);
      else {
        var href = safeUrl(m[7], true);
        parent.appendChild(href ? link(href, m[6]) : document.createTextNode(m[0]));
      }
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function markdown(text) {
    var out = document.createDocumentFragment();
    var lines = String(text || "").split("\n"), para = null, list = null, i = 0;
    for (; i < lines.length; i++) {
      var line = lines[i], item;
      if (/^\s*```/.test(line)) {
        var code = [];
        for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
        out.appendChild(el("pre")).appendChild(el("code", "", code.join("\n")));
        para = list = null;
      } else if ((item = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line))) {
        var tag = item[1] ? "ol" : "ul";
        if (!list || list.tagName.toLowerCase() !== tag) list = out.appendChild(el(tag));
        inline(list.appendChild(el("li")), item[2]);
        para = null;
      } else if (!line.trim()) {
        para = list = null;
      } else {
        if (para) para.appendChild(el("br"));
        else para = out.appendChild(el("p"));
        inline(para, line);
        list = null;
      }
    }
    return out;
  }

  // --- opening and closing ---------------------------------------------------------------
  function setOpen(open, focus) {
    panel.classList.toggle("open", open);
    bubble.setAttribute("aria-expanded", String(open));
    if (open) { unread = 0; showUnread(); }
    if (focus) (open ? input : bubble).focus();
  }
  function isOpen() { return panel.classList.contains("open"); }
  function showUnread() {
    badge.hidden = !unread;
    badge.textContent = unread ? String(unread) : "";
    bubble.setAttribute("aria-label", unread ? "Open chat, " + unread + " unread" : (isOpen() ? "Hide chat" : "Open chat"));
  }
  bubble.addEventListener("click", function () { setOpen(!isOpen(), true); showUnread(); });
  $(".close").addEventListener("click", function () { setOpen(false, true); showUnread(); });
  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { setOpen(false, true); showUnread(); }
  });

  // --- messages ----------------------------------------------------------------------------
  function headers() {
    return { "Content-Type": "application/json", "X-Parley-Key": key };
  }

  function post(path, body) {
    return fetch(api + path, { method: "POST", headers: headers(), body: JSON.stringify(body) })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) { return { ok: r.ok, body: j }; });
      });
  }

  function citationLink(c) {
    var url = safeUrl(c.url || "", false) ||
      api + "/documents/" + encodeURIComponent(c.document) + "?key=" + encodeURIComponent(key);
    var a = link(url, c.title);
    a.title = c.snippet || "";
    return a;
  }

  function attachment(a) {
    var url = a.url ? safeUrl(new URL(a.url, base).href, false) : null;
    if (!url) return null;
    if (a.kind === "image") {
      var img = el("img");
      img.src = url;
      img.alt = a.name || "";
      return img;
    }
    var file = link(url, a.name || "Download");
    file.setAttribute("download", "");
    return file;
  }

  function scroll() { log.scrollTop = log.scrollHeight; }

  function chips(cls, items, label) {
    var bar = el("div", cls);
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", label);
    items.forEach(function (b) {
      var chip = el("button", "", b.title);
      chip.type = "button";
      chip.addEventListener("click", function () { send(b.title, b.payload); });
      bar.appendChild(chip);
    });
    return bar;
  }

  function renderBot(reply, cls) {
    var row = el("div", "row"), div = el("div", "msg " + (cls || "bot"));
    div.dir = "auto"; // Arabic, Hebrew, Urdu replies read right to left
    div.appendChild(markdown(reply.text));
    (reply.attachments || []).forEach(function (a) {
      var node = attachment(a);
      if (node) div.appendChild(el("div", "att")).appendChild(node);
    });
    if (reply.citations && reply.citations.length) {
      var cites = el("div", "cites", (reply.sources_label || "Sources") + ": ");
      reply.citations.forEach(function (c) { cites.appendChild(citationLink(c)); });
      div.appendChild(cites);
    }
    if (reply.buttons && reply.buttons.length) div.appendChild(chips("buttons", reply.buttons, "Suggested replies"));
    if (reply.id) div.appendChild(ratingBar(reply.id, reply.rating));
    row.appendChild(div);
    log.appendChild(row);
    scroll();
    if (!isOpen() && cls !== "greet") { unread++; showUnread(); }
    return div;
  }

  function renderUser(text) {
    var row = el("div", "row me"), div = el("div", "msg user", text);
    div.dir = "auto";
    row.appendChild(div);
    log.appendChild(row);
    scroll();
    return row;
  }

  function setState(row, text, failed, retry) {
    var state = row.querySelector(".state");
    if (!state) state = row.appendChild(el("div", "state"));
    state.textContent = text;
    state.classList.toggle("failed", !!failed);
    if (retry) {
      var again = el("button", "", "Retry");
      again.type = "button";
      again.setAttribute("aria-label", "Retry sending this message");
      again.addEventListener("click", retry);
      state.appendChild(again);
    }
  }

  // --- ratings -------------------------------------------------------------------------------
  function ratingBar(id, current) {
    var bar = el("div", "rate"), box = null;
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Rate this reply");
    function rate(value, comment) {
      var body = { session: session, value: value };
      if (comment) body.comment = comment;
      return post("/messages/" + encodeURIComponent(id) + "/rating", body).then(function (res) {
        if (!res.ok) throw new Error("rating");
        ups.setAttribute("aria-pressed", String(value === "up"));
        downs.setAttribute("aria-pressed", String(value === "down"));
        return value;
      });
    }
    function commentBox(value) {
      if (box) return;
      box = el("div", "rc");
      var area = el("textarea"), ok = el("button", "", "Send comment");
      var areaId = "parley-c-" + id;
      area.id = areaId;
      area.maxLength = 1000;
      area.rows = 1;
      var lab = el("label", "sr", "Comment (optional)");
      lab.setAttribute("for", areaId);
      area.placeholder = "Comment (optional)";
      ok.type = "button";
      ok.addEventListener("click", function () {
        rate(value, area.value.trim()).then(function () {
          box.textContent = "Thanks for your feedback.";
          (value === "up" ? ups : downs).focus(); // the focused button just went away
        },
          function () { err.textContent = "Could not send the rating. Try again."; });
      });
      box.appendChild(lab); box.appendChild(area); box.appendChild(ok);
      bar.parentNode.appendChild(box);
    }
    function thumb(value, label) {
      var b = el("button");
      b.type = "button";
      b.innerHTML = svg(value); // constant icon markup
      b.setAttribute("aria-label", label);
      b.setAttribute("aria-pressed", String(current === value));
      b.addEventListener("click", function () {
        rate(value).then(function () { commentBox(value); },
          function () { err.textContent = "Could not send the rating. Try again."; });
      });
      return bar.appendChild(b);
    }
    var ups = thumb("up", "Helpful"), downs = thumb("down", "Not helpful");
    return bar;
  }

  // --- sending ---------------------------------------------------------------------------
  var typing = null;
  function showTyping(on) {
    if (on && !typing) {
      typing = el("div", "row");
      var dots = typing.appendChild(el("div", "typing"));
      dots.setAttribute("role", "status");
      dots.appendChild(el("span", "sr", "Typing…"));
      for (var i = 0; i < 3; i++) dots.appendChild(el("i"));
      log.appendChild(typing);
      scroll();
    } else if (!on && typing) {
      typing.remove();
      typing = null;
    }
  }

  function send(text, payload) {
    var body = { session: session, id: uuid(), text: text };
    if (payload) body.payload = payload;
    var starters = $(".starters");
    if (starters) starters.remove();
    deliver(renderUser(text), body);
  }

  // the same id on a retry: the server answers a message once however often it arrives
  function deliver(row, body) {
    err.textContent = "";
    setState(row, "Sending…");
    showTyping(true);
    return post("/messages", body)
      .then(function (res) {
        if (!res.ok) throw new Error((res.body.error && res.body.error.message) || "Something went wrong.");
        setState(row, "Delivered");
        res.body.replies.forEach(function (reply) { renderBot(reply); });
      })
      .catch(function (e) {
        var reason = e instanceof TypeError ? "Could not reach the server. Try again." : e.message;
        err.textContent = reason;
        setState(row, "Not sent", true, function () { input.focus(); deliver(row, body); });
      })
      .then(function () { showTyping(false); });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });

  // --- theme -------------------------------------------------------------------------------
  function textColour(hex) {
    var n = parseInt(hex.slice(1), 16), c = [n >> 16, (n >> 8) & 255, n & 255].map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] > 0.18 ? "#111" : "#fff";
  }

  function applyTheme(t) {
    theme = t;
    heading.textContent = t.title || "Chat";
    if (/^#[0-9a-fA-F]{6}$/.test(t.color || "")) {
      host.style.setProperty("--pc", t.color);
      host.style.setProperty("--pt", textColour(t.color));
    }
    wrap.classList.toggle("left", t.position === "left");
    if (t.dir === "rtl" || t.dir === "ltr") panel.dir = t.dir;
    if (t.language) panel.lang = t.language;
    var pic = t.avatar ? safeUrl(t.avatar, false) : null;
    avatar.hidden = !pic;
    if (pic) avatar.src = pic;
    input.placeholder = "Type a message…";
  }

  function welcome() {
    if (log.querySelector(".row")) return;
    if (theme.greeting) renderBot({ text: theme.greeting }, "greet");
    if (theme.starters && theme.starters.length) {
      var list = theme.starters.map(function (s) { return { title: s }; });
      log.appendChild(chips("starters", list, "Suggested questions"));
    }
  }

  // fresh: replace what is shown (after a reconnect, or when the server asks for a resync,
  // messages pushed while the socket was down are in the history and nowhere else).
  function loadHistory(fresh) {
    var url = api + "/history?session=" + encodeURIComponent(session);
    return fetch(url, { headers: { "X-Parley-Key": key } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!j) return;
        if (fresh) log.textContent = "";
        var quiet = isOpen();
        j.messages.forEach(function (m) {
          if (m.direction === "in") setState(renderUser(m.text), "Delivered");
          else renderBot(m);
        });
        if (j.messages.length && !fresh) { setOpen(true, false); showUnread(); }
        if (quiet || fresh) { unread = 0; showUnread(); }
      });
  }

  function loadConfig() {
    return fetch(api + "/config", { headers: { "X-Parley-Key": key } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (t) { if (t) applyTheme(t); }, function () {});
  }

  var retry = 1000;
  var connectedBefore = false;
  function connect() {
    var ws = new WebSocket(api.replace(/^http/, "ws") + "/ws?session=" +
      encodeURIComponent(session) + "&key=" + encodeURIComponent(key));
    ws.onopen = function () {
      retry = 1000;
      if (connectedBefore) loadHistory(true);
      connectedBefore = true;
    };
    ws.onmessage = function (ev) {
      var msg = JSON.parse(ev.data);
      if (msg.type === "message") renderBot(msg.message);
      if (msg.type === "resync") loadHistory(true);
    };
    ws.onclose = function () { setTimeout(connect, retry); retry = Math.min(retry * 2, 30000); };
  }

  applyTheme(theme);
  showUnread();
  host.dataset.session = session;
  adopt(LAUNCHER_CSS);
  document.body.appendChild(host);
  if (perf && perf.mark) requestAnimationFrame(function () {
    setTimeout(function () { perf.mark("parley:launcher"); }, 0); // after the frame painted
  });
  Promise.all([loadConfig(), loadHistory(false)]).then(welcome, welcome).then(connect, connect);
})();
