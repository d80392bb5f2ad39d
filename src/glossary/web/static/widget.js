/* glossary widget: marks the words that departments read differently, and explains them.
 *
 * <script src="https://glossary.example.com/widget.js" data-root="main"
 *         data-audience="sales marketing" data-lang="sv" data-include="known" defer></script>
 *
 * One file, no dependencies. The service URL is taken from this script's own src. Glossary
 * text is only ever inserted as text (textContent), never as HTML. The popover lives in a
 * Shadow DOM, so host styles cannot reach it and its styles cannot reach the host.
 */
(function () {
  "use strict";
  if (window.GlossaryWidget) return;

  var script = document.currentScript;
  if (!script) return;
  var data = script.dataset;
  var service = script.src.replace(/\/widget\.js(?:[?#].*)?$/, "");
  var pageLang = (data.lang || document.documentElement.lang || navigator.language || "en");
  var lang = pageLang.slice(0, 2).toLowerCase() === "sv" ? "sv" : "en";
  var audience = (data.audience || "").split(/[\s,]+/).filter(Boolean);
  var include = data.include === "known"
    ? ["ambiguous", "deprecated", "known"] : ["ambiguous", "deprecated"];
  var TEXTS = {
    sv: { ambiguous: "Tvetydigt", deprecated: "Avrått", known: "Ordlista", write: "Skriv hellre",
      more: "Mer om ordet i ordlistan", likely: "Troligen menat här", close: "Stäng" },
    en: { ambiguous: "Ambiguous", deprecated: "Deprecated", known: "Glossary", write: "Write instead",
      more: "More about this word in the glossary", likely: "Probably meant here", close: "Close" }
  };
  var T = TEXTS[lang];
  var COLOURS = { ambiguous: "#b45309", deprecated: "#b91c1c", known: "#4b5563" };
  // Never marked inside these, nor inside the widget's own elements.
  var SKIP = "code,pre,kbd,samp,script,style,textarea,input,select,option,noscript,template," +
    "svg,math,[contenteditable],[data-glossary-term],[data-glossary-widget],[data-glossary-ignore]";
  var BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BODY|BUTTON|CAPTION|DD|DETAILS|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|LABEL|LI|MAIN|NAV|OL|P|SECTION|SUMMARY|TABLE|TD|TH|TR|UL)$/;
  var BATCH = 50000; // characters per request, well under the service's limit
  var findings = new WeakMap();
  var heads = new WeakMap(); // each later piece of a finding split over nodes -> its first mark
  var replaced = new WeakMap(); // a text node that became a mark whole -> that mark
  var warned = false;
  var marks = [];
  var observer = null;
  var pending = [];
  var timer = 0;
  // What the widget did: marks made, requests sent, and milliseconds spent marking (after the
  // service answered) and waiting for the service.
  var stats = { marks: 0, requests: 0, markMs: 0, requestMs: 0 };

  // ------------------------------------------------------------------ finding text

  function skipped(node) {
    var parent = node.parentElement;
    return !parent || parent.closest(SKIP) !== null;
  }

  function textNodes(root) {
    var found = [];
    if (root.nodeType === 3) {
      if (!skipped(root) && /\S/.test(root.data)) found.push(root);
      return found;
    }
    if (root.nodeType !== 1 || (root.closest && root.closest(SKIP))) return found;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return /\S/.test(node.data) && !skipped(node)
          ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    while (walker.nextNode()) found.push(walker.currentNode);
    return found;
  }

  function blockOf(node) {
    var element = node.parentElement;
    while (element && !BLOCK.test(element.tagName)) element = element.parentElement;
    return element;
  }

  // Text nodes of one block are joined as they stand (a word split by <b> stays whole);
  // blocks are kept apart by a blank line, so that no term runs from one into the next.
  function batches(nodes) {
    var out = [];
    var current = null;
    var block = null;
    nodes.forEach(function (node) {
      var next = blockOf(node);
      pieces(node.data).forEach(function (piece) {
        var length = piece[1] - piece[0];
        if (!current || current.text.length + length + 2 > BATCH) {
          current = { text: "", parts: [] };
          out.push(current);
          block = next;
        } else if (next !== block) {
          current.text += "\n\n";
          block = next;
        }
        current.parts.push({ node: node, start: current.text.length, base: piece[0], length: length });
        current.text += node.data.slice(piece[0], piece[1]);
      });
    });
    return out;
  }

  // [from, to) pieces of a text, each under a batch, cut at whitespace where there is any.
  function pieces(text) {
    var out = [];
    var from = 0;
    while (text.length - from > BATCH - 2) {
      var cut = from + BATCH - 2;
      while (cut > from && !/\s/.test(text.charAt(cut))) cut--;
      if (cut === from) {
        cut = from + BATCH - 2;
        if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--; // never halve a surrogate pair
      }
      out.push([from, cut]);
      from = cut;
    }
    out.push([from, text.length]);
    return out;
  }

  // The service counts code points; JavaScript strings count UTF-16 units.
  function unitsOf(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return function (offset) { return offset; };
    var units = [];
    for (var i = 0; i < text.length; i++) {
      units.push(i);
      var code = text.charCodeAt(i);
      if (code >= 0xD800 && code <= 0xDBFF && i + 1 < text.length) i++;
    }
    units.push(text.length);
    return function (offset) { return units[Math.min(offset, units.length - 1)]; };
  }

  // ------------------------------------------------------------------ asking the service

  function check(text) {
    stats.requests++;
    var asked = performance.now();
    return fetch(service + "/v1/check", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        text: text, format: "plain", language: lang,
        audience: audience.length ? audience : null, include: include, meanings: "per_term"
      })
    }).catch(unreachable).then(function (response) {
      if (!response) return { findings: [], terms: {} };
      if (!response.ok) throw new Error("glossary: /v1/check answered " + response.status);
      return response.json();
    }).then(function (answer) {
      stats.requestMs += performance.now() - asked;
      // Each term's meanings come once per answer; every finding of the term shares them.
      answer.findings.forEach(function (finding) {
        finding.meanings = answer.terms[finding.term.id].meanings;
      });
      return answer.findings;
    });
  }

  // fetch rejects (TypeError) when the service refuses this page's origin or cannot be reached;
  // a no-cors request tells the two apart. Said once per page, on one console line.
  function unreachable(error) {
    if (!(error instanceof TypeError)) throw error;
    if (warned) return null;
    warned = true;
    return fetch(service + "/widget.js", { mode: "no-cors", cache: "no-store" }).then(function () {
      console.error("glossary: " + service + " does not allow this page's origin " + location.origin +
        "; add it to GLOSSARY_CORS_ORIGINS on the service.");
    }, function () {
      console.error("glossary: " + service + " cannot be reached (" + error.message + ").");
    }).then(function () { return null; });
  }

  // ------------------------------------------------------------------ marking

  // A finding covers one or more parts (a word split by <em>, or a label over an inline element):
  // each covered piece is marked; the first is the one to focus, all open the same popover.
  function markBatch(batch, found) {
    var started = performance.now();
    var unit = unitsOf(batch.text);
    var blocks = [];
    found.map(function (finding) {
      return [unit(finding.offset), unit(finding.offset + finding.length), finding];
    }).sort(function (a, b) { return b[0] - a[0]; }).forEach(function (span) {
      var head = null;
      coveredPieces(batch, span[0], span[1]).forEach(function (piece) {
        var at = locate(piece.part.node, piece.from, piece.to - piece.from);
        if (!at || at[0].data.substr(at[1], piece.to - piece.from) !== piece.text) return;
        var mark = wrap(at[0], at[1], at[1] + piece.to - piece.from, span[2], head);
        head = head || mark;
      });
      var block = head && blockOf(head);
      if (block && blocks.indexOf(block) < 0) blocks.push(block);
    });
    blocks.forEach(function (block) { rove(block, null); });
    stats.markMs += performance.now() - started;
  }

  // The parts of a batch that [start, end) covers, as offsets into their text nodes as sent.
  function coveredPieces(batch, start, end) {
    var parts = batch.parts;
    var low = 0;
    var high = parts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (parts[middle].start <= start) low = middle; else high = middle - 1;
    }
    var out = [];
    for (var i = low; i < parts.length && parts[i].start < end; i++) {
      var from = Math.max(start, parts[i].start);
      var to = Math.min(end, parts[i].start + parts[i].length);
      if (to > from) {
        out.push({ part: parts[i], text: batch.text.slice(from, to),
          from: parts[i].base + from - parts[i].start, to: parts[i].base + to - parts[i].start });
      }
    }
    return out;
  }

  // Where an offset into a text node as sent is now: marking splits the node into siblings.
  function locate(node, offset, length) {
    var at = node.parentNode ? node : replaced.get(node);
    while (at && offset >= (at.nodeType === 3 ? at.data.length : at.textContent.length)) {
      offset -= at.nodeType === 3 ? at.data.length : at.textContent.length;
      at = at.nextSibling;
    }
    if (!at || at.nodeType !== 3 || offset + length > at.data.length) return null;
    return [at, offset];
  }

  function wrap(node, start, end, finding, head) {
    var middle = start > 0 ? node.splitText(start) : node;
    middle.splitText(end - start);
    var mark = document.createElement("span");
    mark.setAttribute("data-glossary-term", finding.term.id);
    mark.setAttribute("data-glossary-kind", finding.kind);
    if (head) {
      heads.set(mark, head);
    } else {
      mark.setAttribute("tabindex", "-1");
      mark.setAttribute("role", "button");
      mark.setAttribute("aria-haspopup", "dialog");
      mark.setAttribute("aria-expanded", "false");
      stats.marks++;
    }
    mark.style.cssText = "text-decoration:underline " +
      (finding.kind === "deprecated" ? "wavy" : "dotted") +
      " " + (finding.kind === "known" ? "1px" : "2px") + ";text-decoration-color:" +
      COLOURS[finding.kind] + ";text-underline-offset:3px;cursor:help;";
    mark.textContent = middle.data;
    middle.parentNode.replaceChild(mark, middle);
    replaced.set(middle, mark);
    findings.set(mark, finding);
    marks.push(mark);
    return mark;
  }

  // ------------------------------------------------------------------ keyboard

  // One tab stop per block (roving tabindex): the arrow keys move between the block's marks.
  function headsIn(block) {
    return Array.prototype.filter.call(block.querySelectorAll("[data-glossary-term][role=button]"),
      function (mark) { return blockOf(mark) === block; });
  }

  function rove(block, current) {
    var list = headsIn(block);
    current = current || list.filter(function (mark) { return mark.tabIndex === 0; })[0] || list[0];
    list.forEach(function (mark) { mark.setAttribute("tabindex", mark === current ? "0" : "-1"); });
  }

  function step(mark, by) {
    var block = blockOf(mark);
    var list = headsIn(block);
    var next = list[list.indexOf(mark) + by];
    if (!next) return;
    rove(block, next);
    next.focus();
  }

  function scan(root) {
    var nodes = textNodes(root || document.querySelector(data.root || "body") || document.body);
    return Promise.all(batches(nodes).map(function (batch) {
      return check(batch.text).then(function (found) { markBatch(batch, found); });
    })).then(function () { return stats.marks; });
  }

  // ------------------------------------------------------------------ the popover

  // Styles as constructed style sheets: a page whose Content-Security-Policy forbids inline
  // styles (this service's own pages do) still styles the widget; else a <style> element.
  var pageSheet = null;
  function adopt(root, css) {
    if (window.CSSStyleSheet && "adoptedStyleSheets" in root) {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = root.adoptedStyleSheets.concat([sheet]);
        return sheet;
      } catch (error) { /* older browsers: fall back to an element */ }
    }
    var style = document.createElement("style");
    style.setAttribute("data-glossary-widget", "");
    style.textContent = css;
    (root === document ? document.head : root).appendChild(style);
    return null;
  }

  var host = document.createElement("div");
  host.setAttribute("data-glossary-widget", "");
  host.style.cssText = "position:absolute;top:0;left:0;width:0;height:0;z-index:2147483647;";
  var shadow = host.attachShadow({ mode: "open" });
  adopt(shadow, ":host{all:initial}" +
    ".pop{position:absolute;box-sizing:border-box;width:min(36rem,calc(100vw - 1rem));" +
    "background:#fff;color:#111827;border:1px solid #9ca3af;border-radius:8px;" +
    "box-shadow:0 8px 24px rgba(0,0,0,.18);padding:.75rem 1rem;font:15px/1.45 system-ui,sans-serif}" +
    ".pop[hidden]{display:none}" +
    "h2{font-size:1.05rem;margin:0 2rem .4rem 0}" +
    ".badge{display:inline-block;font-size:.75rem;font-weight:600;border-radius:999px;" +
    "padding:.05rem .5rem;margin-left:.4rem;vertical-align:middle;color:#fff}" +
    ".ambiguous{background:#9a3412}.deprecated{background:#991b1b}.known{background:#374151}" +
    ".sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.75rem}" +
    "section{border-top:3px solid #1d4ed8;padding-top:.35rem}" +
    "h3{font-size:.95rem;margin:0 0 .2rem}p{margin:.2rem 0}" +
    ".prefer{font-weight:600}.likely{font-size:.85rem;color:#374151}" +
    "a{color:#1d4ed8}a:focus-visible,button:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}" +
    "button{position:absolute;top:.4rem;right:.5rem;border:0;background:none;font-size:1.2rem;" +
    "cursor:pointer;color:#111827;padding:.1rem .4rem}");
  var pop = element("div", null, "pop");
  pop.setAttribute("role", "dialog");
  pop.setAttribute("aria-labelledby", "glossary-title");
  pop.setAttribute("tabindex", "-1");
  pop.hidden = true;
  shadow.appendChild(pop);
  var openMark = null;
  var pinned = false; // opened by key or click: focus is inside, the pointer leaving keeps it open
  var hideTimer = 0;

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function fill(finding) {
    pop.textContent = "";
    var close = element("button", "\u00d7");
    close.setAttribute("aria-label", T.close);
    close.addEventListener("click", function () { hide(true); });
    var title = element("h2", finding.term.label);
    title.id = "glossary-title";
    title.appendChild(element("span", T[finding.kind], "badge " + finding.kind));
    pop.appendChild(close);
    pop.appendChild(title);
    var sides = element("div", null, "sides");
    finding.meanings.forEach(function (meaning) {
      var side = element("section");
      side.appendChild(element("h3", meaning.department_name || meaning.department));
      side.appendChild(element("p", meaning.definition));
      if (meaning.prefer && meaning.prefer.length) {
        side.appendChild(element("p", T.write + ": " + meaning.prefer.join(", "), "prefer"));
      }
      sides.appendChild(side);
    });
    pop.appendChild(sides);
    var likely = finding.meanings.filter(function (m) {
      return m.department === finding.likely_department;
    })[0];
    if (likely) {
      pop.appendChild(element("p", T.likely + ": " + (likely.department_name || likely.department), "likely"));
    }
    var more = element("a", T.more);
    more.href = service + "/terms/" + encodeURIComponent(finding.term.id);
    pop.appendChild(element("p")).appendChild(more);
  }

  function show(mark) {
    clearTimeout(hideTimer);
    if (openMark === mark) return;
    if (openMark) openMark.setAttribute("aria-expanded", "false");
    openMark = mark;
    fill(findings.get(mark));
    if (!host.isConnected) document.body.appendChild(host);
    pop.hidden = false;
    var box = mark.getBoundingClientRect();
    var width = pop.offsetWidth;
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    var below = box.bottom + 6;
    var top = below + pop.offsetHeight > window.innerHeight && box.top > pop.offsetHeight + 6
      ? box.top - pop.offsetHeight - 6 : below;
    pop.style.left = left + window.scrollX + "px";
    pop.style.top = top + window.scrollY + "px";
    mark.setAttribute("aria-expanded", "true");
  }

  // Enter, Space or a click: open the popover and move focus into it.
  function open(mark) {
    show(mark);
    pinned = true;
    pop.focus();
  }

  function hide(refocus) {
    if (!openMark) return;
    var mark = openMark;
    openMark = null;
    pinned = false;
    pop.hidden = true;
    mark.setAttribute("aria-expanded", "false");
    if (refocus) mark.focus();
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    if (pinned) return;
    hideTimer = setTimeout(function () { hide(false); }, 250);
  }

  // The mark (its first piece) an event is about, or null.
  function markOf(event) {
    var target = event.target;
    var mark = target && target.closest ? target.closest("[data-glossary-term]") : null;
    return mark && findings.has(mark) ? heads.get(mark) || mark : null;
  }

  var listeners = {
    mouseover: function (event) { var mark = markOf(event); if (mark && !pinned) show(mark); },
    mouseout: function (event) { if (markOf(event) === openMark) hideSoon(); },
    focusin: function (event) {
      var mark = markOf(event);
      if (!mark) return;
      rove(blockOf(mark), mark);
      if (openMark && openMark !== mark) hide(false);
    },
    click: function (event) {
      var mark = markOf(event);
      if (mark) { open(mark); return; }
      if (openMark && event.composedPath().indexOf(host) < 0) hide(false);
    },
    keydown: function (event) {
      if (event.key === "Escape" && openMark) { event.preventDefault(); hide(true); return; }
      var mark = markOf(event);
      if (!mark || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        open(mark);
      } else if (/^Arrow(Left|Right|Up|Down)$/.test(event.key)) {
        event.preventDefault();
        step(mark, event.key === "ArrowRight" || event.key === "ArrowDown" ? 1 : -1);
      }
    }
  };
  pop.addEventListener("mouseover", function () { clearTimeout(hideTimer); });
  pop.addEventListener("mouseout", hideSoon);
  // Tab and Shift+Tab stay within the popover's controls while it holds focus.
  pop.addEventListener("keydown", function (event) {
    if (event.key !== "Tab") return;
    var controls = Array.prototype.slice.call(pop.querySelectorAll("a[href],button"));
    var index = controls.indexOf(shadow.activeElement);
    var next = index < 0 ? (event.shiftKey ? controls.length - 1 : 0)
      : (index + (event.shiftKey ? -1 : 1) + controls.length) % controls.length;
    event.preventDefault();
    controls[next].focus();
  });

  // ------------------------------------------------------------------ later content

  function watch(root) {
    observer = new MutationObserver(function (records) {
      records.forEach(function (record) {
        record.addedNodes.forEach(function (node) {
          if (node === host || (node.nodeType === 1 && node.hasAttribute("data-glossary-term"))) return;
          pending.push(node);
        });
        if (record.type === "characterData") pending.push(record.target);
      });
      if (!pending.length) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        var nodes = pending.filter(function (node) { return node.isConnected; });
        pending = [];
        var texts = [];
        nodes.forEach(function (node) {
          textNodes(node).forEach(function (text) { if (texts.indexOf(text) < 0) texts.push(text); });
        });
        batches(texts).forEach(function (batch) {
          check(batch.text).then(function (found) { markBatch(batch, found); });
        });
      }, 200);
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  function start() {
    var root = document.querySelector(data.root || "body") || document.body;
    Object.keys(listeners).forEach(function (name) { document.addEventListener(name, listeners[name], true); });
    document.body.appendChild(host);
    pageSheet = adopt(document, "[data-glossary-term]:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}");
    api.ready = scan(root).then(function (count) { watch(root); return count; });
  }

  var api = {
    scan: function (element) { return scan(element); },
    lookup: function (word) {
      return fetch(service + "/v1/terms?limit=5&q=" + encodeURIComponent(word))
        .then(function (response) { return response.json(); })
        .then(function (page) { return page.items; });
    },
    destroy: function () {
      if (observer) observer.disconnect();
      hide(false);
      Object.keys(listeners).forEach(function (name) { document.removeEventListener(name, listeners[name], true); });
      marks.forEach(function (mark) {
        if (mark.parentNode) {
          var parent = mark.parentNode;
          parent.replaceChild(document.createTextNode(mark.textContent), mark);
          parent.normalize();
        }
      });
      marks = [];
      document.querySelectorAll("[data-glossary-widget]").forEach(function (node) { node.remove(); });
      if (pageSheet) {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter(function (s) { return s !== pageSheet; });
      }
      delete window.GlossaryWidget;
    },
    stats: stats,
    ready: null
  };
  window.GlossaryWidget = api;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
