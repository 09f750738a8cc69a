/* The status look-up: evaluates the status intervals exported at build time (lookup-data.js)
   for the date in the form or in ?date=, and writes the tables and the map. No server needed. */
(function () {
  "use strict";
  const data = window.CIS_LOOKUP;
  const input = document.getElementById("lookup-date");
  const NS = "http://www.w3.org/2000/svg";
  const PATTERNS = { full: "", partial: "hatch", none: "cross" };

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  // The interval holding `day` (ISO strings compare as dates): start <= day <= end.
  function holding(intervals, iso3, day) {
    return intervals.find(
      (i) => i.iso3 === iso3 && i.start <= day && (i.end === null || day <= i.end)
    );
  }

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function sourceCell(id) {
    const cell = el("td", { "data-field": "source" });
    const source = data.sources[id] || { label: id, url: null };
    const link = source.url ? el("a", { href: source.url }, source.label) : el("span", {}, source.label);
    cell.appendChild(link);
    return cell;
  }

  function table(rows, columns, attributes) {
    const tableNode = el("table", Object.assign({ class: "lookup-table" }, attributes));
    const head = el("tr");
    columns.forEach((c) => head.appendChild(el("th", {}, c)));
    tableNode.appendChild(el("thead")).appendChild(head);
    const body = el("tbody");
    rows.forEach((r) => body.appendChild(r));
    tableNode.appendChild(body);
    return tableNode;
  }

  function stateRow(state, interval, statusField) {
    const row = el("tr", { "data-iso3": state.iso3 });
    row.appendChild(el("td", { "data-field": "name" }, state.name));
    row.appendChild(el("td", { "data-field": statusField }, interval.status));
    row.appendChild(el("td", { "data-field": "participation" }, interval.participation));
    row.appendChild(el("td", { "data-field": "since" }, interval.startText));
    row.appendChild(sourceCell(interval.source));
    return row;
  }

  function showCis(day) {
    const box = document.getElementById("lookup-cis");
    box.replaceChildren();
    if (day < data.founding || day > today()) {
      box.appendChild(el("p", {}, `The status model covers ${data.founding} to today.`));
      return {};
    }
    const found = {};
    const rows = data.states.map((state) => {
      const interval = holding(data.cis, state.iso3, day);
      found[state.iso3] = interval;
      return stateRow(state, interval, "legal_status");
    });
    box.appendChild(
      table(rows, ["State", "Legal status", "Participation", "Since", "Source"], { "data-org": "CIS" })
    );
    const inside = Object.values(found).filter((i) => ["founding", "member", "associate"].includes(i.status));
    document.getElementById("lookup-summary").textContent =
      `On ${day}, ${inside.length} of the 15 post-Soviet states were legally in the CIS ` +
      `(founding, member or associate); ${inside.filter((i) => i.participation === "full").length} took full part.`;
    return found;
  }

  function showFrameworks(day) {
    const box = document.getElementById("lookup-orgs");
    box.replaceChildren();
    Object.entries(data.frameworks).forEach(([org, framework]) => {
      box.appendChild(el("h3", { id: `org-${org}` }, `${framework.name} (${org})`));
      const until = framework.until || today();
      if (day < framework.from || day > until) {
        box.appendChild(el("p", { "data-org": org }, `Not followed on this day: the data cover ${framework.from} to ${framework.until || "today"}.`));
        return;
      }
      const rows = data.states
        .map((state) => [state, holding(framework.intervals, state.iso3, day)])
        .filter(([, interval]) => interval && interval.status !== "none")
        .map(([state, interval]) => stateRow(state, interval, "status"));
      if (!rows.length) {
        box.appendChild(el("p", { "data-org": org }, "No post-Soviet state had a link to it on this day."));
        return;
      }
      box.appendChild(table(rows, ["State", "Status", "Participation", "Since", "Source"], { "data-org": org }));
    });
  }

  function drawMap() {
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", data.map.viewBox);
    svg.setAttribute("role", "img");
    svg.setAttribute("id", "status-map");
    const defs = document.createElementNS(NS, "defs");
    [["hatch", "M0,6 L6,0"], ["cross", "M0,6 L6,0 M0,0 L6,6"]].forEach(([id, d]) => {
      const pattern = document.createElementNS(NS, "pattern");
      Object.entries({ id: id, width: 6, height: 6, patternUnits: "userSpaceOnUse" }).forEach(([k, v]) => pattern.setAttribute(k, v));
      const line = document.createElementNS(NS, "path");
      line.setAttribute("d", d);
      line.setAttribute("stroke", "white");
      line.setAttribute("stroke-width", "1.2");
      pattern.appendChild(line);
      defs.appendChild(pattern);
    });
    svg.appendChild(defs);
    const others = document.createElementNS(NS, "path");
    others.setAttribute("d", data.map.others);
    others.setAttribute("class", "map-other");
    svg.appendChild(others);
    Object.entries(data.map.states).forEach(([iso3, d]) => {
      const group = document.createElementNS(NS, "g");
      group.setAttribute("data-iso3", iso3);
      ["fill", "pattern"].forEach((kind) => {
        const path = document.createElementNS(NS, "path");
        path.setAttribute("d", d);
        path.setAttribute("class", `map-${kind}`);
        group.appendChild(path);
      });
      const title = document.createElementNS(NS, "title");
      group.appendChild(title);
      svg.appendChild(group);
      const [x, y] = data.map.labels[iso3];
      const label = document.createElementNS(NS, "text");
      Object.entries({ x: x, y: y, class: "map-label" }).forEach(([k, v]) => label.setAttribute(k, v));
      label.textContent = iso3;
      svg.appendChild(label);
    });
    const box = document.getElementById("lookup-map");
    box.appendChild(svg);
    box.appendChild(legend());
    document.querySelector(".map-note").textContent = data.mapNote;
  }

  function legend() {
    const list = el("ul", { class: "map-legend" });
    Object.entries(data.colours).forEach(([status, colour]) => {
      const item = el("li");
      item.appendChild(el("span", { class: "swatch", style: `background:${colour}` }));
      item.appendChild(document.createTextNode(status));
      list.appendChild(item);
    });
    Object.entries(PATTERNS).forEach(([participation, pattern]) => {
      const item = el("li");
      item.appendChild(el("span", { class: `swatch pattern-${pattern || "full"}` }));
      item.appendChild(document.createTextNode(`participation: ${participation}`));
      list.appendChild(item);
    });
    return list;
  }

  function colourMap(found, day) {
    document.querySelectorAll("#status-map g[data-iso3]").forEach((group) => {
      const interval = found[group.getAttribute("data-iso3")];
      const [fill, pattern] = group.querySelectorAll("path");
      fill.setAttribute("fill", interval ? data.colours[interval.status] : "#eeeeee");
      fill.setAttribute("fill-opacity", interval && interval.participation === "none" ? 0.55 : 1);
      const kind = interval ? PATTERNS[interval.participation] : "";
      pattern.setAttribute("fill", kind ? `url(#${kind})` : "none");
      group.querySelector("title").textContent = interval
        ? `${group.getAttribute("data-iso3")} on ${day}: ${interval.status}, participation ${interval.participation}`
        : "";
    });
  }

  function show(day) {
    const found = showCis(day);
    showFrameworks(day);
    colourMap(found, day);
  }

  function update() {
    const day = input.value || data.asOf;
    try {
      const url = new URL(window.location.href);
      url.searchParams.set("date", day);
      window.history.replaceState(null, "", url.toString());
    } catch (error) {
      // Some browsers refuse to rewrite file:// addresses; the answer is shown all the same.
    }
    show(day);
  }

  const asked = new URLSearchParams(window.location.search).get("date");
  input.min = data.founding;
  input.max = today();
  input.value = asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : data.asOf;
  document.getElementById("lookup-range").textContent =
    `from ${data.founding} to today; the data describe the situation as of ${data.asOf}.`;
  drawMap();
  input.addEventListener("change", update);
  input.addEventListener("input", update);
  show(input.value);
})();
