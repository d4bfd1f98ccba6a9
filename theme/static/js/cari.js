// Search page (/cari/): a small client for Pagefind's pagefind.js API.
// Without JavaScript the page shows the archive link instead; this script
// swaps the fallback for the form. No inline code or styles (strict CSP).

const form = document.querySelector("[data-cari-form]");
const fallback = document.querySelector("[data-cari-fallback]");
const input = form && form.querySelector("input[name=q]");
const filterBox = form && form.querySelector("[data-cari-filters]");
const statusLine = document.querySelector("[data-cari-status]");
const list = document.querySelector("[data-cari-results]");
const FILTER_LABELS = { jenis: "Jenis", rubrik: "Rubrik", tahapan: "Tahapan" };
const PAGE_SIZE = 10;

let pagefind = null;
let lastRun = 0;

function say(text) {
  statusLine.textContent = text;
}

// Only text and <mark> survive from Pagefind's excerpt HTML.
function excerptNodes(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const out = document.createDocumentFragment();
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

// Thumbnails load when their result is (nearly) on screen. Chrome's loading="lazy"
// fetches every image within ~1,250 px, i.e. a whole page of results on a phone.
const seen =
  "IntersectionObserver" in window &&
  new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        entry.target.src = entry.target.dataset.src;
        seen.unobserve(entry.target);
      }
    },
    { rootMargin: "100px 0px" },
  );

function showWhenSeen(img, src) {
  if (!seen) {
    img.src = src;
    return;
  }
  img.dataset.src = src;
  seen.observe(img);
}

function resultItem(data) {
  const li = document.createElement("li");
  li.className = "cari-item";
  const meta = data.meta || {};
  if (meta.image) {
    const img = document.createElement("img");
    img.alt = "";
    img.width = 96;
    img.height = 64;
    img.decoding = "async";
    showWhenSeen(img, new URL(meta.image, new URL(data.url, location.href)).href);
    li.append(img);
  }
  const body = document.createElement("div");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = meta.title || data.url;
  heading.append(link);
  body.append(heading);
  const kinds = (data.filters?.jenis || []).filter((kind) => kind !== "Berita");
  const facts = [...kinds, meta.tanggal, ...(data.filters?.rubrik || [])].filter(Boolean);
  if (facts.length) {
    const p = document.createElement("p");
    p.className = "cari-meta";
    p.textContent = facts.join(" · ");
    body.append(p);
  }
  const excerpt = document.createElement("p");
  excerpt.append(excerptNodes(data.excerpt || ""));
  body.append(excerpt);
  li.append(body);
  return li;
}

function moreButton(results, from) {
  const li = document.createElement("li");
  li.className = "cari-lagi";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = `Tampilkan ${Math.min(PAGE_SIZE, results.length - from)} hasil lagi`;
  button.addEventListener("click", async () => {
    const items = await pageItems(results, from);
    li.replaceWith(...items);
    items[0].querySelector("a").focus();
  });
  li.append(button);
  return li;
}

// One page of results as list items, plus a "more" button when there are more.
async function pageItems(results, from) {
  const page = await Promise.all(results.slice(from, from + PAGE_SIZE).map((r) => r.data()));
  const items = page.map(resultItem);
  if (from + PAGE_SIZE < results.length) items.push(moreButton(results, from + PAGE_SIZE));
  return items;
}

function chosenFilters() {
  const filters = {};
  for (const select of filterBox.querySelectorAll("select")) {
    if (select.value) filters[select.name] = select.value;
  }
  return filters;
}

function rememberInUrl(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of Object.entries(filters)) params.set(name, value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

async function run() {
  const ticket = ++lastRun;
  const query = input.value.trim();
  const filters = chosenFilters();
  rememberInUrl(query, filters);
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    say("");
    return;
  }
  say("Mencari…");
  const search = await pagefind.search(query || null, { filters });
  if (ticket !== lastRun) return; // a newer search has started
  const shown = search.results;
  const items = await pageItems(shown, 0);
  if (ticket !== lastRun) return;
  const label = query ? ` untuk “${query}”` : "";
  updateCounts(search.filters || {});
  filterBox.hidden = !filterBox.querySelector("select");
  // Results first, then the announcement: screen readers hear it once they are there.
  list.replaceChildren(...items);
  say(
    shown.length
      ? `${shown.length} hasil${label}.`
      : `Tidak ada hasil${label}. Coba kata lain atau lihat Indeks Berita.`,
  );
}

// Each option shows how many results choosing it would give for this query.
function updateCounts(counts) {
  for (const select of filterBox.querySelectorAll("select")) {
    for (const option of select.options) {
      if (!option.value) continue;
      option.textContent = `${option.value} (${counts[select.name]?.[option.value] ?? 0})`;
    }
  }
}

function buildFilters(available, params) {
  for (const name of Object.keys(FILTER_LABELS)) {
    const values = Object.keys(available[name] || {}).sort((a, b) => a.localeCompare(b, "id"));
    if (!values.length) continue;
    const label = document.createElement("label");
    label.textContent = FILTER_LABELS[name];
    const select = document.createElement("select");
    select.name = name;
    select.append(new Option("Semua", ""));
    for (const value of values) {
      select.append(new Option(`${value} (${available[name][value]})`, value));
    }
    select.value = values.includes(params.get(name)) ? params.get(name) : "";
    select.addEventListener("change", run);
    label.append(select);
    filterBox.append(label);
  }
  // Shown with the first results (run), so nothing moves while a visitor tabs past the form.
}

// Pagefind (its script, WebAssembly, index and filter files: ~130 KB) loads on the
// first interaction with the search box, not with the page, so a visit that only
// glances at /cari/ costs a few KB. A shared link with ?q=… counts as interaction.
let loading = null;

function engine() {
  if (!loading) {
    loading = (async () => {
      const bundle = new URL(form.dataset.bundle, document.baseURI);
      const root = new URL(form.dataset.root, document.baseURI);
      const module = await import(new URL("pagefind.js", bundle).href);
      // noWorker: search in the page itself. The worker would fetch its own 41 KB
      // script on top of pagefind.js; on an index this small it saves no time.
      await module.options({ baseUrl: root.pathname, noWorker: true });
      await module.init();
      buildFilters(await module.filters(), new URLSearchParams(location.search));
      pagefind = module;
      document.documentElement.dataset.cariMesin = "1";
      return module;
    })();
    loading.catch(() => say("Pencarian belum tersedia. Silakan gunakan Indeks Berita."));
  }
  return loading;
}

async function runWhenReady() {
  try {
    await engine();
  } catch (error) {
    return;
  }
  await run();
}

async function start() {
  if (!form) return;
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  fallback.hidden = true;
  form.hidden = false;
  for (const type of ["focus", "pointerdown", "keydown"]) {
    input.addEventListener(type, () => engine().catch(() => {}), { once: true });
  }
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(runWhenReady, 300);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    runWhenReady();
  });
  if (params.toString()) await runWhenReady();
  document.documentElement.dataset.cariSiap = "1";
}

start();
