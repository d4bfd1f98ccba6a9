/* Election stages: redo the build-time status, progress, "H-n" countdown and the
   "Sekarang" summary with the reader's clock, so a site built weeks ago still
   tells the truth. Same rules as plugins/election_stages/core (view.py, model.py).
   Progressive: the page reads fine without this script. Elements carry ISO
   datetimes with the site's offset (data-stage-start, data-stage-end exclusive,
   data-voting-day, data-election-end exclusive), so the reader's own time zone
   does not matter. */
(function () {
  "use strict";
  var DAY = 86400000;
  var LABELS = { "selesai": "selesai", "berlangsung": "sedang berlangsung", "akan-datang": "akan datang" };
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var toArray = function (list) { return Array.prototype.slice.call(list); };
  var at = function (el, name) { return Date.parse(el.getAttribute(name)); };

  function statusAt(now, start, end) {
    if (now < start) { return "akan-datang"; }
    return now >= end ? "selesai" : "berlangsung";
  }

  /* Descendants of `el` that belong to it, not to a nested stage. */
  function own(el, selector) {
    return toArray(el.querySelectorAll(selector)).filter(function (child) {
      return child.parentElement.closest("[data-stage-start]") === el;
    });
  }

  function updateStage(el, now) {
    var start = at(el, "data-stage-start");
    var end = at(el, "data-stage-end");
    if (isNaN(start) || isNaN(end)) { return; }
    var status = statusAt(now, start, end);
    var percent = Math.floor(Math.min(1, Math.max(0, (now - start) / (end - start))) * 100);
    el.setAttribute("data-status", status);
    own(el, "[data-stage-status]").forEach(function (label) { label.textContent = LABELS[status]; });
    own(el, "[data-stage-progress]").forEach(function (bar) { bar.value = percent; bar.textContent = percent + "%"; });
    own(el, "[data-stage-percent]").forEach(function (text) { text.textContent = percent + "%"; });
  }

  /* KPU's notation: H-7 before, "Hari H" on the day, H+2 after. */
  function countdown(now, day) {
    var days = Math.ceil((day - now) / DAY);
    if (days > 0) { return "H-" + days; }
    return days === 0 ? "Hari H" : "H+" + (-days);
  }

  /* Countdown until the election's last stage has ended; then the "selesai" note. */
  function updateClocks(now) {
    each(document.querySelectorAll("[data-election-end]"), function (clock) {
      var over = now >= at(clock, "data-election-end");
      each(clock.querySelectorAll("[data-countdown-box]"), function (box) {
        box.hidden = over;
        each(box.querySelectorAll("[data-countdown]"), function (el) {
          el.textContent = over ? "" : countdown(now, at(box, "data-voting-day"));
        });
      });
      each(clock.querySelectorAll("[data-election-over]"), function (note) { note.hidden = !over; });
    });
  }

  function byRunning(a, b) {  /* ending soonest, then shortest: umbrellas last */
    return at(a, "data-stage-end") - at(b, "data-stage-end") ||
      (at(a, "data-stage-end") - at(a, "data-stage-start")) - (at(b, "data-stage-end") - at(b, "data-stage-start")) ||
      at(a, "data-stage-start") - at(b, "data-stage-start");
  }

  function byStart(a, b) {
    return at(a, "data-stage-start") - at(b, "data-stage-start") || at(a, "data-stage-end") - at(b, "data-stage-end");
  }

  /* Timeline: move each stage into the group of its status (running, coming, finished). */
  function updateGroups(box) {
    var groups = {};
    each(box.querySelectorAll("[data-stage-group]"), function (g) { groups[g.getAttribute("data-stage-group")] = g; });
    var items = toArray(box.querySelectorAll("[data-stage-group] > ol > li[data-stage-start]"));
    Object.keys(groups).forEach(function (status) {
      var group = groups[status];
      var mine = items.filter(function (li) { return li.getAttribute("data-status") === status; });
      mine.sort(status === "berlangsung" ? byRunning : byStart);
      var list = group.querySelector("ol");
      mine.forEach(function (li) { if (li.parentNode !== list || list.lastElementChild !== li) { list.appendChild(li); } });
      group.hidden = !mine.length;
      each(group.querySelectorAll("[data-group-count]"), function (c) { c.textContent = "(" + mine.length + " tahapan)"; });
    });
  }

  /* One line of the "Sekarang" summary, from a timeline item. */
  function summaryItem(li, text, countdownText) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = "#" + li.id;
    link.textContent = li.querySelector(".stage-name a").textContent;
    var when = document.createElement("span");
    when.className = "stage-when";
    var section = li.closest("section.election");
    var name = section ? section.querySelector("h2").textContent : "";
    when.textContent = (name ? name + " · " : "") + text;
    item.append(link, " ", when);
    if (countdownText) {
      var strong = document.createElement("strong");
      strong.className = "stage-today-h";
      strong.textContent = countdownText;
      item.append(" ", strong);
    }
    return item;
  }

  function times(li) { return li.querySelectorAll(":scope > .stage-when time"); }

  /* /tahapan/: what runs now (most specific first, at most three) and what starts next. */
  function updateToday(panel, now) {
    var over = now >= at(panel, "data-all-end");
    each(panel.querySelectorAll("[data-today-live]"), function (el) { el.hidden = over; });
    each(panel.querySelectorAll("[data-today-over]"), function (el) { el.hidden = !over; });
    var items = toArray(document.querySelectorAll("[data-stage-groups] li[data-stage-start]"));
    var running = items.filter(function (li) { return li.getAttribute("data-status") === "berlangsung"; }).sort(byRunning);
    var coming = items.filter(function (li) { return li.getAttribute("data-status") === "akan-datang"; });
    var first = Math.min.apply(null, coming.map(function (li) { return at(li, "data-stage-start"); }));
    var next = coming.filter(function (li) { return at(li, "data-stage-start") === first; }).sort(byRunning);
    var shown = running.slice(0, 3);
    var label = next.length ? countdown(now, first) : "";
    var key = shown.concat(next).map(function (li) { return li.id; }).join(" ") + " " + label;
    if (panel.getAttribute("data-key") === key) { return; }
    panel.setAttribute("data-key", key);
    var runList = panel.querySelector("[data-today-running]");
    runList.replaceChildren.apply(runList, shown.map(function (li) {
      var t = times(li);
      return summaryItem(li, "sampai " + t[t.length - 1].textContent);
    }));
    var nextList = panel.querySelector("[data-today-next]");
    nextList.replaceChildren.apply(nextList, next.map(function (li) {
      return summaryItem(li, "mulai " + times(li)[0].textContent, label);
    }));
    panel.querySelector("[data-today-none]").hidden = running.length > 0;
    panel.querySelector("[data-today-more]").hidden = running.length <= shown.length;
    panel.querySelector("[data-today-more-count]").textContent = running.length - shown.length;
    panel.querySelector("[data-today-next-box]").hidden = !next.length;
    var jump = panel.querySelector("[data-today-jump]");
    if (jump) {
      jump.parentNode.hidden = !shown.length;
      if (shown.length) { jump.href = "#" + shown[0].id; }
    }
  }

  /* Home block: show the election voted next, and in it the running and next stages. */
  function updateHome(block, now) {
    var elections = toArray(block.querySelectorAll("[data-election]"));
    if (!elections.length) { return; }
    var focus = elections.filter(function (e) { return at(e, "data-voting-day") + DAY > now; })[0] ||
      elections[elections.length - 1];
    elections.forEach(function (e) { e.hidden = e !== focus; });
    var items = toArray(focus.querySelectorAll("[data-stage-start]"));
    var starts = items.filter(function (li) { return li.getAttribute("data-status") === "akan-datang"; })
      .map(function (li) { return at(li, "data-stage-start"); });
    var next = starts.length ? Math.min.apply(null, starts) : NaN;
    items.forEach(function (li) {
      var status = li.getAttribute("data-status");
      li.hidden = !(status === "berlangsung" || (status === "akan-datang" && at(li, "data-stage-start") === next));
    });
    /* Same order as the build: running stages ending soonest first, then by end. */
    items.map(function (li) {
      return [li.getAttribute("data-status") === "berlangsung" ? 0 : 1, at(li, "data-stage-end"), at(li, "data-stage-start"), li];
    }).sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    }).forEach(function (entry) { entry[3].parentNode.appendChild(entry[3]); });
  }

  /* "Senin, 20 Februari 2023 pukul 10.00 WIB" in the site's zone (data-tz). */
  function asOf(now, el) {
    var zone = el.getAttribute("data-tz") || "Asia/Jakarta";
    try {
      return new Date(now).toLocaleString("id-ID", { timeZone: zone, dateStyle: "full", timeStyle: "short" }) +
        " " + (el.getAttribute("data-tz-label") || zone);
    } catch (err) {
      return new Date(now).toString();
    }
  }

  /* A link to a finished stage opens the folded "Sudah selesai" group first. */
  function reveal() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var fold = target && target.closest("details");
    if (fold && !fold.open) {
      fold.open = true;
      target.scrollIntoView();
    }
  }

  function update() {
    var now = Date.now();
    each(document.querySelectorAll("[data-stage-start]"), function (el) { updateStage(el, now); });
    updateClocks(now);
    each(document.querySelectorAll("[data-stage-groups]"), updateGroups);
    each(document.querySelectorAll("[data-stage-today]"), function (panel) { updateToday(panel, now); });
    each(document.querySelectorAll("[data-stage-now]"), function (block) { updateHome(block, now); });
    each(document.querySelectorAll("[data-stage-asof]"), function (el) {
      el.textContent = "Status menurut jam perangkat Anda: " + asOf(now, el) + ".";
    });
  }

  update();
  reveal();
  window.addEventListener("hashchange", reveal);
  setInterval(update, 60000);
}());
