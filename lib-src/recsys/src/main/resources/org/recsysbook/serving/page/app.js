// The demo page: no libraries, no network beyond this service.
"use strict";

const state = { answer: null, myClicks: 0, users: 1000 };

function fmt(x, digits) {
  return x === null || x === undefined ? "–" : Number(x).toFixed(digits);
}

// MovieLens lists genres as "Action|Sci-Fi": shown with spaces, so that a long list wraps.
function readable(genres) {
  return String(genres).split("|").join(", ");
}

async function postEvents(events) {
  const r = await fetch("events", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(events),
  });
  if (!r.ok) {
    throw new Error("events: " + r.status + " " + (await r.text()));
  }
  return r.json();
}

async function show(user) {
  document.getElementById("error").textContent = "";
  const r = await fetch("recommendations?k=10&user=" + encodeURIComponent(user));
  const body = await r.json();
  if (!r.ok) {
    document.getElementById("error").textContent = body.message || ("error " + r.status);
    return;
  }
  state.answer = body;
  const t = body.timingsMillis;
  document.getElementById("meta").textContent =
    "User " + body.user + " · arm " + body.arm + " · model " + body.modelVersion + " · path " + body.path +
    (body.fallback ? " (fallback)" : "") + " · " + fmt(t.total, 2) + " ms (retrieval " +
    fmt(t.candidateGeneration, 2) + ", ranking " + fmt(t.ranking, 2) + ", re-ranking " + fmt(t.reRanking, 2) + ")";
  const tbody = document.querySelector("#recs tbody");
  tbody.replaceChildren();
  for (const it of body.items) {
    const tr = document.createElement("tr");
    tr.dataset.item = it.item;
    const cells = [it.rank, it.title, readable(it.genres), fmt(it.scores.candidate, 3), fmt(it.scores.ranking, 3),
      fmt(it.scores.final, 3)];
    for (const c of cells) {
      const td = document.createElement("td");
      td.textContent = c;
      tr.appendChild(td);
    }
    const td = document.createElement("td");
    const b = document.createElement("button");
    b.textContent = "Click";
    b.className = "click";
    b.addEventListener("click", () => click(it, tr, b));
    td.appendChild(b);
    tr.appendChild(td);
    tbody.appendChild(tr);
  }
  await showHistory(body.user);
  await postEvents(body.items.map((it) => ({
    type: "impression", requestId: body.requestId, user: body.user, item: it.item, arm: body.arm,
    position: it.rank,
  })));
}

// The user's history, where the model has one (MovieLens ratings; the synthetic world's users have none).
async function showHistory(user) {
  const section = document.getElementById("history");
  const list = document.getElementById("watched");
  list.replaceChildren();
  const r = await fetch("history?limit=10&user=" + encodeURIComponent(user));
  const h = r.ok ? await r.json() : { items: [] };
  for (const it of h.items) {
    const li = document.createElement("li");
    li.textContent = it.title + (it.genres ? " · " + readable(it.genres) : "");
    list.appendChild(li);
  }
  section.hidden = h.items.length === 0;
}

async function click(it, tr, button) {
  const a = state.answer;
  button.disabled = true;
  try {
    await postEvents([{ type: "click", requestId: a.requestId, user: a.user, item: it.item, arm: a.arm,
      position: it.rank }]);
    state.myClicks++;
    document.getElementById("my-clicks").textContent = String(state.myClicks);
    tr.classList.add("clicked");
  } catch (e) {
    document.getElementById("error").textContent = e.message;
    button.disabled = false;
  }
}

async function refresh() {
  try {
    const s = await (await fetch("stats")).json();
    state.users = s.users || state.users;
    document.getElementById("rps").textContent = fmt(s.requestsPerSecond, 1);
    document.getElementById("p50").textContent = fmt(s.p50Millis, 2);
    document.getElementById("p99").textContent = fmt(s.p99Millis, 2);
    document.getElementById("shed").textContent = String(s.shed);
    document.getElementById("events").textContent = String(s.events);
    const tbody = document.querySelector("#arms tbody");
    tbody.replaceChildren();
    for (const a of s.arms) {
      const tr = document.createElement("tr");
      tr.dataset.arm = a.arm;
      for (const c of [a.arm, a.version, a.impressions, a.clicks, a.ctr === null ? "–" : fmt(100 * a.ctr, 1) + "%"]) {
        const td = document.createElement("td");
        td.textContent = c;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    }
  } catch (e) {
    // The panel shows the last figures it had; the next refresh tries again.
  }
}

document.getElementById("pick").addEventListener("submit", (e) => {
  e.preventDefault();
  show(document.getElementById("user").value);
});
document.getElementById("random").addEventListener("click", () => {
  const u = Math.floor(Math.random() * state.users);  // a known user: the service's /stats says how many
  document.getElementById("user").value = u;
  show(u);
});
show(document.getElementById("user").value);
refresh();
setInterval(refresh, 1000);
