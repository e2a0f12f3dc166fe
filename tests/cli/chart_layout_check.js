// Run by chart_layout_browser_test.cpp in headless Chromium: for every
// rendered chart (an iframe of the driver page) it measures the laid-out
// text and boxes and lists each overlap or clipping, one line each, in
// <pre id="result">, ending with "checked N charts".
(function () {
  const tolerance = 0.75;  // px: anti-aliasing, not layout
  const overlap = (a, b) =>
    a.left < b.right - tolerance && b.left < a.right - tolerance && a.top < b.bottom - tolerance && b.top < a.bottom - tolerance;
  const inside = (a, b) =>
    a.left >= b.left - tolerance && a.right <= b.right + tolerance && a.top >= b.top - tolerance && a.bottom <= b.bottom + tolerance;
  const quoted = (t) => JSON.stringify(t.textContent);

  function check(name, doc) {
    const problems = [];
    const say = (what) => problems.push(name + ": " + what);
    const svg = doc.querySelector("svg");
    if (!svg) return [name + ": no svg element"];
    const sb = svg.getBoundingClientRect();
    if (sb.width > 1400) say("the chart is " + Math.round(sb.width) + " px wide, more than 1400");
    const frame = svg.closest(".chart");
    if (frame && frame.scrollWidth > frame.clientWidth + 1) say("the chart is wider than its frame (clipped, scrolls)");
    const texts = [...svg.querySelectorAll("text")].filter((t) => t.textContent.trim() !== "");
    const tb = texts.map((t) => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      if (!inside(tb[i], sb)) say("text " + quoted(t) + " is clipped by the edge of the chart");
    });
    for (let i = 0; i < texts.length; ++i)
      for (let j = i + 1; j < texts.length; ++j)
        if (overlap(tb[i], tb[j])) say("text " + quoted(texts[i]) + " overlaps text " + quoted(texts[j]));
    const boxes = [...svg.querySelectorAll("g.box > rect, g.lane > rect")];
    const bb = boxes.map((r) => r.getBoundingClientRect());
    texts.forEach((t, i) => {
      boxes.forEach((r, k) => {
        const box_text = r.parentNode.querySelector("text");
        if (r.parentNode === t.parentNode) {
          if (!inside(tb[i], bb[k])) say("text " + quoted(t) + " does not fit its box");
        } else if (overlap(tb[i], bb[k])) {
          say("text " + quoted(t) + " is under or across the box " + (box_text ? quoted(box_text) : ""));
        }
      });
    });
    return problems;
  }

  window.addEventListener("load", () => {
    const out = [];
    const frames = [...document.querySelectorAll("iframe")];
    for (const f of frames) {
      const doc = f.contentDocument;
      if (!doc) out.push(f.dataset.name + ": cannot read the page (file access)");
      else out.push(...check(f.dataset.name, doc));
    }
    out.push("checked " + frames.length + " charts");
    document.getElementById("result").textContent = out.join("\n");
  });
})();
