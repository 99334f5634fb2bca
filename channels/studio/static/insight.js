// Analytics charts, drawn from the table each chart carries (so chart, table and CSV agree).
// Clicking a bar or point opens the learners behind that row, as the table's link does.
// Sections arrive one by one (htmx): each is drawn when it is swapped in.
(() => {
  const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

  function readTable(table) {
    const columns = [...table.tHead.rows[0].cells].map((c) => c.textContent.trim());
    const rows = [...table.tBodies[0].rows].map((tr) => ({
      href: tr.dataset.href || null,
      cells: [...tr.cells].map((c) => c.textContent.trim()),
    }));
    return { columns, rows };
  }

  function draw(canvas) {
    const key = canvas.dataset.chart;
    const table = document.querySelector(`[data-chart-table="${key}"]`);
    if (!table || typeof Chart === "undefined" || Chart.getChart(canvas)) return;
    const { columns, rows } = readTable(table);
    const datasets = columns.slice(1).map((name, i) => ({
      label: name,
      data: rows.map((r) => (r.cells[i + 1] === "" ? null : Number(r.cells[i + 1]))),
      backgroundColor: palette[i % palette.length],
      borderColor: palette[i % palette.length],
    }));
    new Chart(canvas, {
      type: canvas.dataset.kind === "line" ? "line" : "bar",
      data: { labels: rows.map((r) => r.cells[0]), datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false, // the box's CSS height decides: every chart the same size
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        onClick: (event, elements) => {
          if (!elements.length) return;
          const row = rows[elements[0].index];
          if (row && row.href) window.location.assign(row.href);
        },
      },
    });
  }

  function drawIn(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  // A section that failed to load says so, with its own page's link still there.
  function failed(event) {
    const slot = event.detail.elt;
    if (!slot.classList || !slot.classList.contains("chart-slot")) return;
    slot.removeAttribute("aria-busy");
    const said = slot.querySelector("p");
    if (said && said.firstChild) said.firstChild.textContent = "This chart could not be loaded. ";
  }

  document.addEventListener("DOMContentLoaded", () => drawIn(document));
  document.addEventListener("htmx:load", (event) => drawIn(event.detail.elt));
  document.addEventListener("htmx:responseError", failed);
  document.addEventListener("htmx:sendError", failed);
})();
