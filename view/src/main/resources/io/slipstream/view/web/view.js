// Slipstream view: data sources -> sessions -> channels -> stacked plots with one shared time axis.
// Every number comes from the JSON endpoints under /api (documented in the README); nothing is computed
// here that the server did not send, except pixel positions.
"use strict";

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];
const state = {
  ds: null, session: null, channels: [], plots: new Map(), range: null, whole: null,
  marks: { markers: [], events: [] }, live: null, applying: false, fetches: 0,
};
window.slipstreamView = state; // for tests and curious users

const $ = (id) => document.getElementById(id);
const api = (path) => fetch("/api" + path).then(async (r) => {
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
  return body;
});
const enc = encodeURIComponent;
const status = (text) => { $("status").textContent = text || ""; };
const fmtDuration = (s) => s >= 3600 ? (s / 3600).toFixed(2) + " h" : s >= 60 ? (s / 60).toFixed(1) + " min" : s.toFixed(2) + " s";
const fmtTime = (s) => new Date(s * 1000).toISOString().replace("T", " ").replace("Z", "");
const fmtStart = (s) => fmtTime(s).slice(0, 19);

async function loadDataSources() {
  try {
    const body = await api("/datasources");
    $("source").textContent = body.source;
    const sel = $("datasource");
    sel.innerHTML = "";
    for (const ds of body.dataSources) {
      const o = document.createElement("option");
      o.value = o.textContent = ds;
      sel.appendChild(o);
    }
    const wanted = new URLSearchParams(location.search).get("ds");
    if (wanted && body.dataSources.includes(wanted)) sel.value = wanted;
    if (body.dataSources.length === 0) status("no data source on " + body.source + " yet");
    else await selectDataSource(sel.value);
  } catch (e) {
    status(e.message);
  }
}

async function selectDataSource(ds) {
  state.ds = ds;
  status("reading " + ds + " ...");
  try {
    const body = await api("/datasources/" + enc(ds) + "/sessions");
    renderSessions(body.sessions);
    status(body.complete ? "" : "still reading " + ds + " (" + body.records + " records so far)");
    const wanted = new URLSearchParams(location.search).get("session");
    const pick = body.sessions.find((s) => s.key === wanted);
    if (pick) await selectSession(pick);
  } catch (e) {
    status(e.message);
  }
}

function renderSessions(sessions) {
  const tbody = $("sessions").querySelector("tbody");
  tbody.innerHTML = "";
  for (const s of sessions) {
    const tr = document.createElement("tr");
    tr.dataset.key = s.key;
    if (state.session && state.session.key === s.key) tr.classList.add("selected");
    const cells = [s.identifier || s.key, s.type, s.start ? fmtStart(s.start) : "-", fmtDuration(s.durationSeconds),
      s.live ? "live" : "ended", s.channels, s.packets,
      s.verdict === "ok" ? "ok" : s.verdict === "live" ? "after end" : s.violations + " violation(s)"];
    cells.forEach((c, i) => {
      const td = document.createElement("td");
      td.textContent = c;
      if (i === 4 && s.live) td.className = "live";
      if (i === 7) td.className = s.verdict === "ok" ? "ok" : s.verdict === "violations" ? "violations" : "";
      tr.appendChild(td);
    });
    tr.title = "session key " + s.key;
    tr.addEventListener("click", () => selectSession(s));
    tbody.appendChild(tr);
  }
}

async function selectSession(s) {
  closeLive();
  state.session = s;
  for (const tr of $("sessions").querySelectorAll("tbody tr")) tr.classList.toggle("selected", tr.dataset.key === s.key);
  for (const p of state.plots.values()) p.u.destroy();
  state.plots.clear();
  $("plots").innerHTML = "";
  state.whole = [s.start || 0, (s.end || s.start || 0) + 0.001];
  state.range = state.whole.slice();
  $("channel-panel").hidden = false;
  $("toolbar").hidden = false;
  $("follow").checked = s.live;
  await Promise.all([loadChannels(), loadMarks(), loadViolations(s)]);
  renderNotShown(s.notShown);
  if (s.live) openLive(s);
}

function base() {
  return "/datasources/" + enc(state.ds) + "/sessions/" + enc(state.session.key);
}

async function loadChannels() {
  const q = $("search").value.trim();
  const body = await api(base() + "/channels" + (q ? "?search=" + enc(q) : ""));
  state.channels = body.channels;
  const ul = $("channels");
  ul.innerHTML = "";
  for (const c of body.channels) {
    const li = document.createElement("li");
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = c.id;
    box.checked = state.plots.has(c.id);
    box.addEventListener("change", () => box.checked ? addPlot(c) : removePlot(c.id));
    const units = document.createElement("span");
    units.className = "units";
    units.textContent = c.units ? "[" + c.units + "]" : "";
    label.append(box, " " + c.id, units);
    label.title = (c.description || "") + " - " + c.samples + " samples";
    li.appendChild(label);
    ul.appendChild(li);
  }
}

async function loadMarks() {
  state.marks = await api(base() + "/marks");
  drawMarkLabels();
  for (const p of state.plots.values()) p.u.redraw(false);
}

async function loadViolations(s) {
  const panel = $("violations-panel");
  panel.hidden = false;
  const ul = $("violations");
  ul.innerHTML = "";
  if (s.live) {
    $("verdict").textContent = "The rule check runs once the session has ended.";
    return;
  }
  const body = await api(base() + "/violations");
  $("verdict").textContent = body.verdict === "ok" ? "Every rule holds." : body.violations.length + " violation(s):";
  $("verdict").className = body.verdict === "ok" ? "ok" : "violations";
  for (const v of body.violations) {
    const li = document.createElement("li");
    li.textContent = v.rule + " - stream '" + v.stream + "', offset " + v.offset + ", packet id " + v.packetId + ": " + v.message;
    ul.appendChild(li);
  }
}

function renderNotShown(counts) {
  const entries = Object.entries(counts || {});
  $("not-shown-panel").hidden = entries.length === 0;
  $("not-shown").innerHTML = "";
  for (const [reason, n] of entries) {
    const li = document.createElement("li");
    li.textContent = n + " " + reason;
    $("not-shown").appendChild(li);
  }
}

function plotWidth() {
  return Math.max(200, $("plots").clientWidth - 10);
}

function markersPlugin() {
  return {
    hooks: {
      draw: [(u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.lineWidth = 1;
        const all = state.marks.markers.map((m) => [m.time, "#e0a800"]).concat(state.marks.events.map((e) => [e.time, "#c0392b"]));
        for (const [t, color] of all) {
          if (t < u.scales.x.min || t > u.scales.x.max) continue;
          const x = Math.round(u.valToPos(t, "x", true));
          ctx.strokeStyle = color;
          ctx.setLineDash([4, 3]);
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      }],
      setScale: [(u, key) => {
        if (key === "x" && !state.applying) setRange(u.scales.x.min, u.scales.x.max, false);
      }],
    },
  };
}

function addPlot(c) {
  if (state.plots.has(c.id)) return;
  const color = COLORS[state.plots.size % COLORS.length];
  const div = document.createElement("div");
  div.className = "plot";
  div.dataset.channel = c.id;
  const title = document.createElement("div");
  title.className = "plot-title";
  title.textContent = c.id + " ";
  const units = document.createElement("span");
  units.className = "units";
  units.textContent = c.units ? "[" + c.units + "]" : "";
  title.appendChild(units);
  div.appendChild(title);
  $("plots").appendChild(div);
  $("hint").hidden = true;
  const opts = {
    width: plotWidth(), height: 170,
    cursor: { sync: { key: "slipstream" }, drag: { x: true, y: false } },
    scales: { x: { time: true } },
    legend: { show: true },
    series: [
      {},
      { label: "min", stroke: color, width: 1 },
      { label: "max", stroke: color, width: 1 },
    ],
    bands: [{ series: [2, 1], fill: color + "40" }],
    axes: [{}, { label: c.units || "", size: 60 }],
    plugins: [markersPlugin()],
  };
  const u = new uPlot(opts, [[], [], []], div);
  state.plots.set(c.id, { u, channel: c, color, samples: 0, points: 0 });
  fetchSeries(c.id);
}

function removePlot(id) {
  const p = state.plots.get(id);
  if (!p) return;
  p.u.destroy();
  state.plots.delete(id);
  const div = $("plots").querySelector('[data-channel="' + CSS.escape(id) + '"]');
  if (div) div.remove();
}

async function fetchSeries(id) {
  const p = state.plots.get(id);
  if (!p) return;
  const [from, to] = state.range;
  state.fetches++;
  try {
    const s = await api(base() + "/series?channel=" + enc(id) + "&from=" + from + "&to=" + to + "&width=" + plotWidth());
    if (!state.plots.has(id)) return;
    p.samples = s.samples;
    p.points = s.t.length;
    state.applying = true;
    p.u.setData([s.t, s.min, s.max], false);
    p.u.setScale("x", { min: from, max: to });
    state.applying = false;
    drawMarkLabels();
  } catch (e) {
    status(e.message);
  } finally {
    state.fetches--;
  }
}

let refetchTimer = null;
function setRange(from, to, immediate) {
  if (!(to > from)) return;
  state.range = [from, to];
  $("range").textContent = fmtTime(from) + " - " + fmtTime(to) + " (" + fmtDuration(to - from) + ")";
  clearTimeout(refetchTimer);
  const go = () => { for (const id of state.plots.keys()) fetchSeries(id); drawMarkLabels(); };
  if (immediate) go(); else refetchTimer = setTimeout(go, 60);
}

function drawMarkLabels() {
  const strip = $("marks");
  strip.innerHTML = "";
  const first = state.plots.values().next().value;
  if (!first || !state.range) return;
  const u = first.u;
  strip.style.marginLeft = u.over.offsetLeft + "px";
  strip.style.width = u.over.clientWidth + "px";
  const [from, to] = state.range;
  const items = state.marks.markers.map((m) => ({ t: m.time, text: m.label || m.type, cls: "marker" }))
    .concat(state.marks.events.map((e) => ({ t: e.time, text: e.name, cls: "event" })));
  for (const it of items) {
    if (it.t < from || it.t > to) continue;
    const span = document.createElement("span");
    span.className = "mark-label " + it.cls;
    span.textContent = it.text;
    span.title = fmtTime(it.t);
    span.style.left = ((it.t - from) / (to - from) * 100) + "%";
    strip.appendChild(span);
  }
}

function zoom(factor) {
  const [from, to] = state.range;
  const mid = (from + to) / 2;
  const half = (to - from) * factor / 2;
  setRange(mid - half, mid + half, true);
}

function pan(fraction) {
  const [from, to] = state.range;
  const d = (to - from) * fraction;
  setRange(from + d, to + d, true);
}

function openLive(s) {
  const es = new EventSource("/api" + base() + "/live");
  state.live = es;
  es.addEventListener("grew", (ev) => onGrew(JSON.parse(ev.data)));
  es.addEventListener("ended", async (ev) => {
    onGrew(JSON.parse(ev.data));
    closeLive();
    state.session.live = false;
    status("session ended");
    const body = await api("/datasources/" + enc(state.ds) + "/sessions");
    renderSessions(body.sessions);
    const now = body.sessions.find((x) => x.key === s.key);
    if (now) { state.session = now; loadViolations(now); renderNotShown(now.notShown); }
  });
  es.addEventListener("error", () => status("live updates interrupted; reload to resume"));
}

function onGrew(d) {
  if (!d.end) return;
  if (!state.whole[0]) state.whole[0] = d.end - 1; // a session picked before its first sample
  state.whole[1] = d.end + 0.001;
  status("live: " + d.packets + " packets");
  if ($("follow").checked) setRange(state.whole[0], state.whole[1], true);
  loadMarks();
}

function closeLive() {
  if (state.live) { state.live.close(); state.live = null; }
}

$("datasource").addEventListener("change", (e) => selectDataSource(e.target.value));
let searchTimer = null;
$("search").addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(loadChannels, 150); });
$("zoom-in").addEventListener("click", () => zoom(0.5));
$("zoom-out").addEventListener("click", () => zoom(2));
$("pan-left").addEventListener("click", () => pan(-0.25));
$("pan-right").addEventListener("click", () => pan(0.25));
$("reset").addEventListener("click", () => setRange(state.whole[0], state.whole[1], true));
window.addEventListener("resize", () => {
  for (const p of state.plots.values()) p.u.setSize({ width: plotWidth(), height: 170 });
  drawMarkLabels();
});
loadDataSources();
