// Open Video Agent Studio: a client of the v3 API and of the session event stream.
// The API key lives in sessionStorage only (this tab), never in a URL or a cookie.

const $ = (sel, root = document) => root.querySelector(sel);
const KEY = "ova.key";

const state = {
  key: sessionStorage.getItem(KEY) || "",
  me: null,
  presenters: null, voices: null, styles: null,
  pick: { avatar: "", voice: "", style: "" },
  files: [], // {name, status: uploading|ready|failed, assetId, error}
  session: null, // the open session view
  sessionId: "",
  stream: null, // AbortController of the event stream
  poll: 0,
  resources: new Map(),
  shown: "", // video id in the player
  lastSig: "",
  gallery: { next: null },
};

// ---------- API ----------

class APIError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status; this.code = e.code || ""; this.param = e.param || "";
  }
}

async function api(method, path, body, opts = {}) {
  const headers = { "X-Api-Key": state.key };
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) { headers["Content-Type"] = "application/json"; payload = JSON.stringify(body); }
  const res = await fetch(path, { method, headers, body: payload, signal: opts.signal });
  let json = null;
  try { json = await res.json(); } catch { /* empty */ }
  if (!res.ok) {
    if (res.status === 401) signOut("Your key was not accepted. Sign in again.");
    throw new APIError(res.status, json);
  }
  return json;
}

// ---------- small helpers ----------

function el(tag, attrs = {}, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") n.className = v;
    else if (k === "text") n.textContent = v;
    else if (k === "style") n.style.cssText = v; // CSSOM, which the CSP allows (a style attribute it would not)
    else if (k.startsWith("on")) n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) n.append(k.nodeType ? k : document.createTextNode(k));
  return n;
}

let toastTimer = 0;
function toast(msg) {
  const t = $("#toast");
  t.textContent = msg; t.classList.add("show");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => t.classList.remove("show"), 3200);
}

function fmtDur(s) {
  if (s == null) return "";
  s = Math.round(s);
  return s >= 60 ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}` : `${s} s`;
}

function ago(unix) {
  const d = Date.now() / 1000 - unix;
  if (d < 60) return "just now";
  if (d < 3600) return `${Math.floor(d / 60)} min ago`;
  if (d < 86400) return `${Math.floor(d / 3600)} h ago`;
  return new Date(unix * 1000).toLocaleDateString();
}

const STAGES = {
  planning: "Writing the script", preparing_files: "Reading your files", writing_speech: "Recording the narration",
  rendering: "Rendering scenes", publishing: "Finishing up", waiting_for_input: "Waiting for your answer",
  reviewing: "Storyboard ready for review", completed: "Done", failed: "Failed", thinking: "Thinking", generating: "Rendering",
};

// ---------- routing ----------

function show(view) {
  for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== `view-${view}`;
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === view || (view === "session" && a.dataset.nav === "create")) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

async function route() {
  stopStream();
  if (!state.key) { showSignIn(); return; }
  if (!state.me) {
    try { state.me = (await api("GET", "/v3/users/me")).data; } catch { return; }
  }
  $("#nav").hidden = false; $("#account").hidden = false;
  $("#account-name").textContent = state.me.username || "Signed in";
  const h = location.hash.replace(/^#\/?/, "");
  const [page, id] = h.split("/");
  if (page === "session" && id) { show("session"); openSession(decodeURIComponent(id)); }
  else if (page === "gallery") { show("gallery"); loadGallery(true); }
  else { show("create"); loadPickers(); }
  $("#main").focus({ preventScroll: true });
}

function showSignIn(msg = "") {
  $("#nav").hidden = true; $("#account").hidden = true;
  show("signin");
  $("#signin-error").textContent = msg;
  $("#api-key").focus();
}

function signOut(msg = "") {
  sessionStorage.removeItem(KEY);
  state.key = ""; state.me = null; state.presenters = state.voices = state.styles = null;
  stopStream();
  showSignIn(msg);
}

$("#signin-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const key = $("#api-key").value.trim();
  const err = $("#signin-error");
  if (!key) { err.textContent = "Enter your API key."; $("#api-key").setAttribute("aria-invalid", "true"); return; }
  $("#signin-submit").disabled = true;
  try {
    const res = await fetch("/v3/users/me", { headers: { "X-Api-Key": key } });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new APIError(res.status, json);
    state.key = key; state.me = json.data;
    sessionStorage.setItem(KEY, key);
    $("#api-key").value = ""; $("#api-key").removeAttribute("aria-invalid");
    err.textContent = "";
    if (!location.hash || location.hash === "#/") location.hash = "#/create"; else route();
  } catch (ex) {
    err.textContent = ex.status === 401 ? "That key was not accepted." : `Could not sign in: ${ex.message}`;
    $("#api-key").setAttribute("aria-invalid", "true");
  } finally {
    $("#signin-submit").disabled = false;
  }
});
$("#sign-out").addEventListener("click", () => { signOut(); location.hash = ""; });

// ---------- pickers ----------

// radioGroup makes a set of role=radio buttons keyboard-operable (arrows move and select).
function radioGroup(container, onPick) {
  container.addEventListener("keydown", (e) => {
    const items = [...container.querySelectorAll('[role="radio"]')];
    const i = items.indexOf(document.activeElement);
    if (i < 0) return;
    let j = -1;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") j = (i + 1) % items.length;
    if (e.key === "ArrowLeft" || e.key === "ArrowUp") j = (i - 1 + items.length) % items.length;
    if (j >= 0) { e.preventDefault(); items[j].focus(); items[j].click(); }
  });
  container.addEventListener("click", (e) => {
    const item = e.target.closest('[role="radio"]');
    if (!item) return;
    for (const it of container.querySelectorAll('[role="radio"]')) {
      const on = it === item;
      it.setAttribute("aria-checked", on); it.tabIndex = on ? 0 : -1;
    }
    onPick(item.dataset.id);
  });
}

function autoChoice(label, sub) {
  return el("div", { class: "choice-wrap" }, el("div", { class: "choice", role: "radio", "aria-checked": "true", tabindex: "0", "data-id": "" },
    el("span", { class: "media" }, el("span", { class: "auto", text: label })),
    el("span", { class: "name", text: "Automatic" }), el("span", { class: "sub", text: sub })));
}

// mediaChoice is a picker card with a picture and, when there is one, a clip that plays on
// hover or with its preview button. The button sits beside the radio, not inside it (a
// control inside a control confuses screen readers).
function mediaChoice(id, name, sub, img, clip) {
  const media = el("span", { class: "media" });
  if (img) media.append(el("img", { src: img, alt: "" }));
  else media.append(el("span", { class: "pending", text: "Preview on its way…" }));
  const card = el("div", { class: "choice", role: "radio", "aria-checked": "false", tabindex: "-1", "data-id": id },
    media, el("span", { class: "name", text: name }), sub ? el("span", { class: "sub", text: sub }) : null);
  const wrap = el("div", { class: "choice-wrap" }, card);
  if (clip) {
    const v = el("video", { src: clip, muted: true, playsinline: true, loop: true, preload: "none", "aria-hidden": "true" });
    v.muted = true;
    media.append(v);
    const btn = el("button", { type: "button", class: "preview-btn", "aria-label": `Play the preview of ${name}`, "aria-pressed": "false", text: "▶ Preview" });
    const play = (sound) => { card.classList.add("playing"); v.muted = !sound; v.play().catch(() => {}); };
    const stop = () => { card.classList.remove("playing"); v.pause(); btn.textContent = "▶ Preview"; btn.setAttribute("aria-pressed", "false"); };
    wrap.addEventListener("mouseenter", () => play(false));
    wrap.addEventListener("mouseleave", stop);
    btn.addEventListener("click", () => {
      if (btn.getAttribute("aria-pressed") === "true") { stop(); return; }
      play(true); btn.textContent = "❚❚ Stop"; btn.setAttribute("aria-pressed", "true");
    });
    wrap.append(btn);
  }
  return wrap;
}

let pickersLoading = null;
function loadPickers() {
  if (pickersLoading) return pickersLoading;
  pickersLoading = Promise.all([loadPresenters(), loadVoiceLanguages().then(loadVoices), loadStyles()])
    .catch(() => {}).finally(() => { pickersLoading = null; });
  return pickersLoading;
}

// fillPicker puts the choices in a picker, keeping the current selection, and asks again
// later while the server is still rendering some previews (it answers with null URLs for
// those until they are ready).
function fillPicker(box, auto, items, picked, tries, reload) {
  const busy = () => box.contains(document.activeElement) || box.querySelector(".playing");
  if (tries && busy()) { setTimeout(() => reload(tries + 1), 4000); return; } // do not pull the rug
  box.replaceChildren(auto, ...items.map((it) => mediaChoice(...it)));
  if (picked) {
    for (const c of box.querySelectorAll('[role="radio"]')) {
      const on = c.dataset.id === picked;
      c.setAttribute("aria-checked", on); c.tabIndex = on ? 0 : -1;
    }
  }
  const missing = items.some((it) => !it[3] || !it[4]);
  if (missing && tries < 20) setTimeout(() => reload(tries + 1), 4000);
}

async function loadPresenters(tries = 0) {
  if (state.presenters && !tries) return;
  const box = $("#presenters");
  try {
    const looks = (await api("GET", "/v3/avatars/looks?limit=50")).data;
    state.presenters = looks;
    fillPicker(box, autoChoice("Agent picks", "Best fit"),
      looks.map((l) => [l.id, l.name, l.gender || "", l.preview_image_url, l.preview_video_url]), state.pick.avatar, tries, loadPresenters);
  } catch (ex) { if (!tries) box.replaceChildren(el("p", { class: "error", text: `Presenters did not load: ${ex.message}` })); }
}
radioGroup($("#presenters"), (id) => { state.pick.avatar = id; });

async function loadStyles(tries = 0) {
  if (state.styles && !tries) return;
  const box = $("#styles");
  try {
    const styles = (await api("GET", "/v3/video-agents/styles?limit=50")).data;
    state.styles = styles;
    fillPicker(box, autoChoice("Agent picks", "Matches the topic"),
      styles.map((s) => [s.style_id, s.name, (s.tags || []).slice(0, 2).join(" · "), s.thumbnail_url, s.preview_video_url]), state.pick.style, tries, loadStyles);
  } catch (ex) { if (!tries) box.replaceChildren(el("p", { class: "error", text: `Styles did not load: ${ex.message}` })); }
}
radioGroup($("#styles"), (id) => { state.pick.style = id; });

const LANGS = { en: "English", es: "Spanish", fr: "French", de: "German", it: "Italian", pt: "Portuguese", nl: "Dutch", hi: "Hindi", ja: "Japanese", zh: "Chinese", ar: "Arabic", ru: "Russian", pl: "Polish", sv: "Swedish", tr: "Turkish", ko: "Korean" };
async function loadVoiceLanguages() {
  const sel = $("#voice-language");
  if (sel.options.length > 1) return;
  sel.replaceChildren(...Object.entries(LANGS).map(([code, name]) => el("option", { value: code, text: name })));
}
$("#voice-language").addEventListener("change", () => { state.voices = null; state.pick.voice = ""; loadVoices(); });

let audio = null;
async function loadVoices() {
  if (state.voices) return;
  const box = $("#voices");
  const lang = $("#voice-language").value || "en";
  box.replaceChildren(el("p", { class: "muted", text: "Loading voices…" }));
  try {
    const voices = (await api("GET", `/v3/voices?language=${encodeURIComponent(lang)}&limit=50`)).data;
    state.voices = voices;
    const auto = el("div", { class: "voice", role: "radio", "aria-checked": "true", tabindex: "0", "data-id": "" },
      el("span", { class: "play", "aria-hidden": "true", text: "★" }),
      el("span", { class: "txt" }, el("span", { class: "name", text: "Automatic" }), el("span", { class: "sub", text: "The presenter's own voice" })));
    box.replaceChildren(auto, ...voices.map((v) => {
      const item = el("div", { class: "voice", role: "radio", "aria-checked": "false", tabindex: "-1", "data-id": v.voice_id },
        el("span", { class: "txt" }, el("span", { class: "name", text: v.name }),
          el("span", { class: "sub", text: [v.locale || v.language, v.gender, v.engine].filter(Boolean).join(" · ") })));
      const play = el("button", { type: "button", class: "play", "aria-label": `Listen to ${v.name}`, text: "▶", disabled: !v.preview_audio_url });
      play.addEventListener("click", () => {
        if (audio) audio.pause();
        audio = new Audio(v.preview_audio_url); audio.play().catch(() => toast("The preview could not play."));
      });
      return el("div", { class: "voice-row" }, item, play);
    }));
    if (!voices.length) box.append(el("p", { class: "muted", text: "No voices for this language; the presenter's voice is used." }));
  } catch (ex) { box.replaceChildren(el("p", { class: "error", text: `Voices did not load: ${ex.message}` })); }
}
radioGroup($("#voices"), (id) => { state.pick.voice = id; });

// ---------- files ----------

const dz = $("#dropzone");
["dragenter", "dragover"].forEach((t) => dz.addEventListener(t, (e) => { e.preventDefault(); dz.classList.add("over"); }));
["dragleave", "drop"].forEach((t) => dz.addEventListener(t, (e) => { e.preventDefault(); dz.classList.remove("over"); }));
dz.addEventListener("drop", (e) => addFiles(e.dataTransfer.files));
$("#file-input").addEventListener("change", (e) => { addFiles(e.target.files); e.target.value = ""; });

function addFiles(list) {
  for (const f of list) {
    const item = { name: f.name, status: "uploading", assetId: "", error: "" };
    state.files.push(item);
    renderFiles();
    const fd = new FormData(); fd.append("file", f, f.name);
    api("POST", "/v3/assets", fd)
      .then((r) => { item.status = "ready"; item.assetId = r.data.asset_id; })
      .catch((ex) => { item.status = "failed"; item.error = ex.message; })
      .finally(renderFiles);
  }
}

function renderFiles() {
  $("#file-list").replaceChildren(...state.files.map((f, i) => el("li", {},
    el("span", { text: f.name }),
    el("span", { class: `state${f.status === "failed" ? " bad" : ""}`, text: f.status === "uploading" ? "uploading…" : f.status === "failed" ? f.error : "ready" }),
    el("button", { type: "button", "aria-label": `Remove ${f.name}`, text: "✕", onclick: () => { state.files.splice(i, 1); renderFiles(); } }))));
}

// ---------- create ----------

$("#create-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const prompt = $("#prompt").value.trim();
  $("#prompt-error").textContent = ""; $("#create-error").textContent = ""; $("#prompt").removeAttribute("aria-invalid");
  if (!prompt) { $("#prompt-error").textContent = "Describe the video first."; $("#prompt").setAttribute("aria-invalid", "true"); $("#prompt").focus(); return; }
  if (state.files.some((f) => f.status === "uploading")) { $("#create-error").textContent = "Wait for the files to finish uploading."; return; }
  const fd = new FormData($("#create-form"));
  const body = { prompt, mode: fd.get("mode"), orientation: fd.get("orientation") };
  const len = $("#length").value;
  if (len) body.duration_sec = Number(len);
  if (state.pick.avatar) body.avatar_id = state.pick.avatar;
  if (state.pick.voice) body.voice_id = state.pick.voice;
  if (state.pick.style) body.style_id = state.pick.style;
  const files = state.files.filter((f) => f.status === "ready").map((f) => ({ type: "asset_id", asset_id: f.assetId }));
  if (files.length) body.files = files;
  const btn = $("#generate");
  btn.disabled = true; btn.textContent = "Starting…";
  try {
    const r = await api("POST", "/v3/video-agents", body);
    sessionStorage.setItem(`ova.mode.${r.data.session_id}`, body.mode);
    sessionStorage.setItem(`ova.brief.${r.data.session_id}`, JSON.stringify(body));
    state.files = []; renderFiles(); $("#prompt").value = "";
    location.hash = `#/session/${encodeURIComponent(r.data.session_id)}`;
  } catch (ex) {
    const target = ex.param === "prompt" ? $("#prompt-error") : $("#create-error");
    target.textContent = ex.message;
  } finally {
    btn.disabled = false; btn.textContent = "Create video";
  }
});

// ---------- session ----------

function stopStream() {
  if (state.stream) { state.stream.abort(); state.stream = null; }
  clearTimeout(state.poll); state.poll = 0;
}

async function openSession(id) {
  state.sessionId = id; state.session = null; state.shown = ""; state.lastSig = "";
  $("#session-title").textContent = "Your video";
  $("#scenes").replaceChildren(el("li", { class: "muted empty", text: "The agent is writing the script…" }));
  $("#chat").replaceChildren(); $("#options").replaceChildren();
  $("#player-card").hidden = true; $("#earlier-card").hidden = true; $("#approve").hidden = true;
  $("#player").removeAttribute("src");
  setProgress({ status: "thinking", stage: "planning", progress: 0 });
  await refresh();
  startStream(id);
}

function setProgress(ev) {
  const pc = Math.max(0, Math.min(100, ev.progress || 0));
  $("#progress-fill").style.width = `${pc}%`;
  $("#progressbar").setAttribute("aria-valuenow", pc);
  $("#percent").textContent = `${pc}%`;
  $("#stage").textContent = STAGES[ev.stage] || STAGES[ev.status] || ev.stage || "Working";
  const card = $("#progress-card");
  card.classList.toggle("done", ev.status === "completed");
  card.classList.toggle("failed", ev.status === "failed");
  const pill = $("#session-status");
  pill.textContent = ({ thinking: "Thinking", generating: "Rendering", waiting_for_input: "Your turn", reviewing: "Review", completed: "Ready", failed: "Failed" })[ev.status] || ev.status;
  pill.className = `pill ${ev.status === "completed" ? "ok" : ev.status === "failed" ? "err" : (ev.status === "generating" || ev.status === "thinking") ? "busy" : ""}`;
  document.body.dataset.sessionStatus = ev.status;
}

function setLive(mode) {
  $("#live-dot").classList.toggle("live", mode === "live");
  $("#live-mode").textContent = mode === "live" ? "Live updates" : mode === "polling" ? "Updating every second" : mode;
  document.body.dataset.updates = mode;
}

// startStream reads the session's server-sent events with fetch (so the key goes in a
// header, not the URL), and falls back to polling when the stream is not available.
async function startStream(id) {
  stopStream();
  const ctl = new AbortController();
  state.stream = ctl;
  let failures = 0;
  while (!ctl.signal.aborted && state.sessionId === id) {
    try {
      const res = await fetch(`/v3/video-agents/${encodeURIComponent(id)}/events`, { headers: { "X-Api-Key": state.key, Accept: "text/event-stream" }, signal: ctl.signal });
      if (!res.ok || !res.body || !(res.headers.get("Content-Type") || "").startsWith("text/event-stream")) throw new Error(`HTTP ${res.status}`);
      setLive("live");
      failures = 0;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const chunk = buf.slice(0, i); buf = buf.slice(i + 2);
          let name = "message", data = "";
          for (const line of chunk.split("\n")) {
            if (line.startsWith("event:")) name = line.slice(6).trim();
            else if (line.startsWith("data:")) data += line.slice(5).trim();
          }
          if (data && (name === "progress" || name === "done")) onEvent(JSON.parse(data));
        }
      }
      if (document.body.dataset.sessionStatus === "completed" || document.body.dataset.sessionStatus === "failed") {
        if (state.session && state.session.mode !== "chat") { setLive("Finished"); return; }
      }
    } catch (ex) {
      if (ctl.signal.aborted) return;
      failures++;
      if (failures >= 2) { poll(id); return; }
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

// poll reads the session every second and, like an event, redraws what changed.
function poll(id) {
  setLive("polling");
  const tick = async () => {
    if (state.sessionId !== id) return;
    try {
      const se = (await api("GET", `/v3/video-agents/${encodeURIComponent(id)}`)).data;
      const newest = (se.messages || [])[0];
      onEvent({ status: se.status, stage: stageOf(se), progress: se.progress, title: se.title, video_id: se.video_id,
        message_count: (se.messages || []).length, newest_message_at: newest ? newest.created_at : 0 });
    } catch { /* next tick */ }
    state.poll = setTimeout(tick, 1000);
  };
  tick();
}

let refreshing = null, again = false;
function onEvent(ev) {
  setProgress(ev);
  const sig = `${ev.status}|${ev.message_count}|${ev.newest_message_at}|${ev.video_id}|${ev.video_status}|${ev.title}`;
  if (sig !== state.lastSig) { state.lastSig = sig; refreshSoon(); }
}

function refreshSoon() {
  if (refreshing) { again = true; return; }
  refreshing = refresh().catch(() => {}).finally(() => { refreshing = null; if (again) { again = false; refreshSoon(); } });
}

async function resource(sid, rid) {
  if (state.resources.has(rid)) return state.resources.get(rid);
  const r = (await api("GET", `/v3/video-agents/${encodeURIComponent(sid)}/resources/${encodeURIComponent(rid)}`)).data;
  state.resources.set(rid, r);
  return r;
}

async function refresh() {
  const id = state.sessionId;
  const se = (await api("GET", `/v3/video-agents/${encodeURIComponent(id)}`)).data;
  if (state.sessionId !== id) return;
  // A session in chat mode has a chat; the view does not say the mode, the first
  // reply tells (generate sessions never ask), and so does whether it takes messages.
  se.mode = state.session?.mode || "";
  state.session = se;
  setProgress({ status: se.status, stage: stageOf(se), progress: se.progress });
  $("#session-title").textContent = se.title || "Your video";
  document.title = `${se.title || "Your video"} · Open Video Agent`;
  await renderChat(se);
  await renderStoryboard(se);
  await renderVideos(se);
}

function stageOf(se) {
  const p = se.progress || 0;
  if (se.status === "generating" || se.status === "thinking") {
    if (se.status === "thinking" && p < 15) return "planning";
    if (p < 8) return "preparing_files";
    if (p < 15) return "planning";
    if (p < 35) return "writing_speech";
    if (p < 95) return "rendering";
    return "publishing";
  }
  return se.status;
}

async function renderChat(se) {
  const msgs = [...(se.messages || [])].reverse();
  const log = $("#chat");
  log.replaceChildren(...msgs.map((m) => el("li", { class: `msg ${m.type === "error" ? "error" : m.role}` },
    el("span", { class: "who", text: m.role === "user" ? "You" : "Agent" }), m.content)));
  log.scrollTop = log.scrollHeight;
  // Options of an open question: resources with pictures, answered by their number.
  const opts = $("#options");
  opts.replaceChildren();
  const newest = se.messages && se.messages[0];
  if (se.status === "waiting_for_input" && newest && newest.role === "model" && newest.resource_ids.length) {
    const items = await Promise.all(newest.resource_ids.map((rid) => resource(se.session_id, rid).catch(() => null)));
    items.forEach((r, i) => {
      if (!r) return;
      const md = r.metadata || {};
      const name = md.name || md.title || md.avatar_id || md.voice_id || md.style_id || `Option ${i + 1}`;
      opts.append(el("button", { type: "button", class: "option", onclick: () => sendChat(String(i + 1)) },
        r.preview_url && r.resource_type !== "voice" ? el("img", { src: r.preview_url, alt: "" }) : null, `${i + 1}. ${name}`));
    });
  }
  // Generate-mode sessions take no messages (the API says so); they can be copied into a
  // chat session with the same prompt, to revise there.
  const known = sessionStorage.getItem(`ova.mode.${se.session_id}`);
  const chatMode = known ? known === "chat" : (se.status === "waiting_for_input" || se.status === "reviewing" || msgs.filter((m) => m.role === "user").length > 1);
  state.session.mode = chatMode ? "chat" : known || "";
  $("#chat-form").hidden = known === "generate";
  $("#revise-copy").hidden = known !== "generate" || se.status !== "completed";
  $("#chat-send").disabled = se.status === "generating";
  $("#chat-hint").textContent = se.status === "generating" ? "You can send changes when this render finishes."
    : se.status === "reviewing" ? "Ask for changes, or render the storyboard as it is." : "";
  $("#approve").hidden = se.status !== "reviewing";
}

$("#revise-copy-btn").addEventListener("click", async () => {
  // The copy asks for what the original asked for (kept from its creation in this tab),
  // or at least its prompt.
  const first = [...(state.session?.messages || [])].reverse().find((m) => m.role === "user");
  let brief = null;
  try { brief = JSON.parse(sessionStorage.getItem(`ova.brief.${state.sessionId}`) || "null"); } catch { /* none */ }
  if (!brief && !first) return;
  brief = { ...(brief || { prompt: first.content }), mode: "chat" };
  try {
    const r = await api("POST", "/v3/video-agents", brief);
    sessionStorage.setItem(`ova.mode.${r.data.session_id}`, "chat");
    sessionStorage.setItem(`ova.brief.${r.data.session_id}`, JSON.stringify(brief));
    location.hash = `#/session/${encodeURIComponent(r.data.session_id)}`;
  } catch (ex) { toast(ex.message); }
});

// renderStoryboard shows the newest draft as scene cards.
async function renderStoryboard(se) {
  let draft = null;
  for (const m of se.messages || []) {
    for (const rid of m.resource_ids || []) {
      const r = await resource(se.session_id, rid).catch(() => null);
      if (r && r.resource_type === "draft") { draft = r; break; }
    }
    if (draft) break;
  }
  const box = $("#scenes");
  if (!draft || !draft.metadata || !draft.metadata.scenes) {
    if (se.status === "failed") box.replaceChildren(el("li", { class: "muted empty", text: "No storyboard: the session failed." }));
    return;
  }
  const sb = draft.metadata;
  if (box.dataset.draft === draft.resource_id) return;
  box.dataset.draft = draft.resource_id;
  const portrait = sb.aspect_ratio === "9:16" || sb.aspect_ratio === "4:5";
  box.classList.toggle("portrait-sb", portrait);
  $("#storyboard-meta").textContent = `${sb.scenes.length} ${sb.scenes.length === 1 ? "scene" : "scenes"} · ${sb.aspect_ratio === "9:16" ? "portrait" : sb.aspect_ratio === "16:9" ? "landscape" : sb.aspect_ratio}`;
  box.replaceChildren(...sb.scenes.map((sc, i) => el("li", { class: "scene", "data-scene": i + 1, style: `animation-delay:${i * 50}ms` },
    el("div", { class: "thumb" }, el("span", { class: "num", text: `${i + 1}` }), miniSlide(sc, sb)),
    el("div", { class: "body" }, el("span", { class: "layout", text: layoutName(sc.layout) }), el("p", { text: sc.narration || "(no narration)" })))));
  box.dataset.thumbs = "";
}

function layoutName(l) {
  return ({ title: "Title", presenter: "Presenter", presenter_left: "Presenter and slide", presenter_right: "Slide and presenter", slide_bubble: "Slide with presenter", slide: "Slide" })[l] || l;
}

// miniSlide draws the scene's slide in HTML until the video gives real frames.
function miniSlide(sc, sb) {
  const v = sc.visual || {};
  const kind = v.kind || "none";
  const d = el("div", { class: `mini ${kind === "title" || sc.layout === "title" ? "title" : ""}` });
  const kinds = { title: "Title card", bullets: "Key points", image: "Picture", video: "Clip", quote: "Quote", stat: "Key number", chart: "Chart", cta: "Call to action" };
  d.append(el("span", { class: "k", text: kinds[kind] || layoutName(sc.layout) }));
  const title = v.title || (kind === "none" ? sb.title : "");
  if (kind === "stat" && v.text) d.append(el("span", { class: "big", text: v.text }));
  if (title) d.append(el("span", { class: "t", text: title }));
  if (v.bullets && v.bullets.length) d.append(el("ul", {}, v.bullets.slice(0, 3).map((b) => el("li", { text: b }))));
  else if (v.text && kind !== "stat") d.append(el("span", { class: "t", text: v.text }));
  return d;
}

// sceneThumbs grabs one frame per scene from the finished video (scenes are placed by
// their share of the narration) and puts them on the cards.
async function sceneThumbs(video) {
  const box = $("#scenes");
  if (box.dataset.thumbs === video.id || !video.video_url) return;
  box.dataset.thumbs = video.id;
  const draft = [...state.resources.values()].find((r) => r.resource_id === box.dataset.draft);
  const scenes = draft?.metadata?.scenes || [];
  if (!scenes.length) return;
  const weights = scenes.map((s) => Math.max(40, (s.narration || "").length));
  const total = weights.reduce((a, b) => a + b, 0);
  const v = document.createElement("video");
  v.muted = true; v.preload = "auto"; v.crossOrigin = "anonymous"; v.src = video.video_url;
  try {
    await new Promise((ok, bad) => { v.onloadeddata = ok; v.onerror = bad; });
    let acc = 0;
    for (let i = 0; i < scenes.length; i++) {
      const t = ((acc + weights[i] * 0.6) / total) * v.duration;
      acc += weights[i];
      await new Promise((ok) => { v.onseeked = ok; v.currentTime = Math.min(t, v.duration - 0.05); });
      const c = document.createElement("canvas");
      c.width = 320; c.height = Math.round(320 * v.videoHeight / v.videoWidth);
      c.getContext("2d").drawImage(v, 0, 0, c.width, c.height);
      const card = box.querySelector(`[data-scene="${i + 1}"] .thumb`);
      if (!card) continue;
      card.querySelector("img")?.remove();
      card.append(el("img", { src: c.toDataURL("image/jpeg", 0.82), alt: `Frame of scene ${i + 1}` }));
    }
  } catch { /* cards keep their drawn slides */ }
  v.removeAttribute("src"); v.load();
}

async function renderVideos(se) {
  const list = (await api("GET", `/v3/video-agents/${encodeURIComponent(se.session_id)}/videos`)).data || [];
  const done = list.filter((v) => v.status === "completed");
  const failed = list.find((v) => v.id === se.video_id && v.status === "failed");
  if (failed) {
    $("#progress-card").classList.add("failed");
    $("#stage").textContent = `Failed: ${failed.failure_message || failed.failure_code}`;
  }
  if (!done.length) return;
  const newest = done[0];
  if (state.shown !== newest.id && !(state.shown && done.some((v) => v.id === state.shown) && state.pinned)) showVideo(newest);
  if (se.status === "completed") sceneThumbs(newest);
  const earlier = $("#earlier");
  $("#earlier-card").hidden = done.length < 2;
  earlier.replaceChildren(...done.map((v, i) => el("li", {}, el("button", {
    type: "button", "aria-current": v.id === state.shown ? "true" : "false",
    onclick: () => { state.pinned = i > 0; showVideo(v); renderVideos(state.session); },
  }, el("img", { src: v.thumbnail_url || "", alt: "" }), el("span", {},
    el("span", { class: "t", text: i === 0 ? "Newest version" : `Version ${done.length - i}` }),
    el("span", { class: "s", text: `${fmtDur(v.duration)} · ${ago(v.completed_at || v.created_at)}` }))))));
}

function downloads(v) {
  const links = [
    [v.video_url, "Download MP4", "video.mp4"],
    [v.captioned_video_url && v.captioned_video_url !== v.video_url ? v.captioned_video_url : null, "MP4 with captions", "video-captioned.mp4"],
    [v.subtitle_url, "Captions (SRT)", "captions.srt"],
    [v.gif_url, "GIF", "preview.gif"],
  ];
  return links.filter(([u]) => u).map(([u, label, name], i) => el("a", { class: `btn ${i === 0 ? "btn-primary" : "btn-ghost"} btn-small`, href: u, download: name, text: label }));
}

function showVideo(v) {
  state.shown = v.id;
  $("#player-card").hidden = false;
  const p = $("#player");
  if (p.dataset.id !== v.id) {
    p.dataset.id = v.id;
    p.src = v.video_url; p.poster = v.thumbnail_url || "";
    p.onloadedmetadata = () => $("#player-frame").classList.toggle("portrait", p.videoHeight > p.videoWidth);
  }
  $("#video-title").textContent = `${v.title || "Your video"} · ${fmtDur(v.duration)}`;
  $("#downloads").replaceChildren(...downloads(v));
}

async function sendChat(text) {
  const err = $("#chat-error");
  err.textContent = "";
  if (!text.trim()) { err.textContent = "Write a message first."; return; }
  $("#chat-send").disabled = true;
  try {
    await api("POST", `/v3/video-agents/${encodeURIComponent(state.sessionId)}`, { message: text });
    $("#chat-input").value = "";
    state.pinned = false;
    setProgress({ status: "thinking", stage: "planning", progress: state.session?.progress || 0 });
    refreshSoon();
  } catch (ex) {
    err.textContent = ex.code === "invalid_parameter" && ex.param === "session_id"
      ? "This video was made in Generate mode, which does not take chat changes. Start a new video in “Chat first” mode to revise it in conversation."
      : ex.message;
  } finally {
    $("#chat-send").disabled = false;
  }
}

$("#chat-form").addEventListener("submit", (e) => { e.preventDefault(); sendChat($("#chat-input").value); });
$("#chat-input").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); sendChat($("#chat-input").value); }
});
$("#approve-btn").addEventListener("click", () => sendChat("Looks good, render it."));

// ---------- gallery ----------

async function loadGallery(reset) {
  const box = $("#gallery");
  if (reset) { box.replaceChildren(); state.gallery.next = null; }
  const q = new URLSearchParams({ limit: "24" });
  if (!reset && state.gallery.next) q.set("token", state.gallery.next);
  try {
    const r = await api("GET", `/v3/videos?${q}`);
    state.gallery.next = r.next_token;
    for (const v of r.data) {
      const pic = el("span", { class: "pic" });
      if (v.thumbnail_url) {
        const img = el("img", { src: v.thumbnail_url, alt: "", loading: "lazy" });
        img.addEventListener("load", () => pic.classList.toggle("portrait", img.naturalHeight > img.naturalWidth));
        pic.append(img);
      }
      else pic.append(el("span", { class: "state", text: v.status === "failed" ? "Failed" : "Rendering…" }));
      if (v.duration) pic.append(el("span", { class: "dur", text: fmtDur(v.duration) }));
      box.append(el("li", {}, el("button", { type: "button", class: "tile", disabled: v.status !== "completed", onclick: () => openViewer(v) },
        pic, el("span", { class: "info" }, el("span", { class: "t", text: v.title || "Untitled video" }),
          el("span", { class: "s", text: `${v.status === "completed" ? "Ready" : v.status} · ${ago(v.created_at)}` })))));
    }
    $("#gallery-empty").hidden = box.children.length > 0;
    $("#gallery-more").hidden = !r.has_more;
  } catch (ex) { toast(`Videos did not load: ${ex.message}`); }
}
$("#gallery-more").addEventListener("click", () => loadGallery(false));

function openViewer(v) {
  const d = $("#viewer");
  $("#viewer-title").textContent = v.title || "Video";
  const vid = $("#viewer-video");
  vid.src = v.video_url; vid.poster = v.thumbnail_url || "";
  $("#viewer-downloads").replaceChildren(...downloads(v));
  d.showModal();
}
$("#viewer-close").addEventListener("click", () => $("#viewer").close());
$("#viewer").addEventListener("close", () => { const v = $("#viewer-video"); v.pause(); v.removeAttribute("src"); v.load(); });

// Say so in the console when the page's security policy blocks something.
document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP blocked ${e.blockedURI || "inline"} (${e.violatedDirective})`));
window.addEventListener("hashchange", route);
route();
