/* Election stages: redo the build-time status, progress and "H-n" countdown with
   the reader's clock, so a site built weeks ago still tells the truth.
   Progressive: the page reads fine without this script. Elements carry ISO
   datetimes with the site's offset (data-stage-start, data-stage-end exclusive,
   data-voting-day), so the reader's own time zone does not matter. */
(function () {
  "use strict";
  var DAY = 86400000;
  var LABELS = { "selesai": "selesai", "berlangsung": "sedang berlangsung", "akan-datang": "akan datang" };

  function statusAt(now, start, end) {
    if (now < start) { return "akan-datang"; }
    return now >= end ? "selesai" : "berlangsung";
  }

  /* Descendants of `el` that belong to it, not to a nested stage. */
  function own(el, selector) {
    return Array.prototype.filter.call(el.querySelectorAll(selector), function (child) {
      return child.parentElement.closest("[data-stage-start]") === el;
    });
  }

  function updateStage(el, now) {
    var start = Date.parse(el.getAttribute("data-stage-start"));
    var end = Date.parse(el.getAttribute("data-stage-end"));
    if (isNaN(start) || isNaN(end)) { return; }
    var status = statusAt(now, start, end);
    var percent = Math.floor(Math.min(1, Math.max(0, (now - start) / (end - start))) * 100);
    el.setAttribute("data-status", status);
    own(el, "[data-stage-status]").forEach(function (label) { label.textContent = LABELS[status]; });
    own(el, "[data-stage-progress]").forEach(function (bar) { bar.value = percent; bar.textContent = percent + "%"; });
    own(el, "[data-stage-percent]").forEach(function (text) { text.textContent = percent + "%"; });
  }

  function countdown(now, day) {
    var days = Math.ceil((day - now) / DAY);
    if (days > 0) { return "H-" + days; }
    return days === 0 ? "hari ini" : "H+" + (-days);
  }

  /* Home block: show the election voted next, and in it the running and next stages. */
  function updateHome(block, now) {
    var elections = Array.prototype.slice.call(block.querySelectorAll("[data-election]"));
    if (!elections.length) { return; }
    var focus = elections.filter(function (e) {
      return Date.parse(e.getAttribute("data-voting-day")) + DAY > now;
    })[0] || elections[elections.length - 1];
    elections.forEach(function (e) { e.hidden = e !== focus; });
    var items = Array.prototype.slice.call(focus.querySelectorAll("[data-stage-start]"));
    var starts = items.filter(function (li) { return li.getAttribute("data-status") === "akan-datang"; })
      .map(function (li) { return Date.parse(li.getAttribute("data-stage-start")); });
    var next = starts.length ? Math.min.apply(null, starts) : NaN;
    items.forEach(function (li) {
      var status = li.getAttribute("data-status");
      li.hidden = !(status === "berlangsung" ||
        (status === "akan-datang" && Date.parse(li.getAttribute("data-stage-start")) === next));
    });
    /* Same order as the build: running stages ending soonest first, then by end. */
    items.map(function (li) {
      return [li.getAttribute("data-status") === "berlangsung" ? 0 : 1,
        Date.parse(li.getAttribute("data-stage-end")), Date.parse(li.getAttribute("data-stage-start")), li];
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

  function update() {
    var now = Date.now();
    document.querySelectorAll("[data-stage-start]").forEach(function (el) { updateStage(el, now); });
    document.querySelectorAll("[data-voting-day] [data-countdown]").forEach(function (el) {
      el.textContent = countdown(now, Date.parse(el.closest("[data-voting-day]").getAttribute("data-voting-day")));
    });
    document.querySelectorAll("[data-stage-now]").forEach(function (block) { updateHome(block, now); });
    document.querySelectorAll("[data-stage-asof]").forEach(function (el) {
      el.textContent = "Status menurut jam perangkat Anda: " + asOf(now, el) + ".";
    });
  }

  update();
  setInterval(update, 60000);
}());
