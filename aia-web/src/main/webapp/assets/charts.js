// Charts with Chart.js (the global the WebJar's UMD build defines). Each chart is a figure: a title, the canvas
// (an image with a text alternative) and its numbers in a table for screen readers and keyboard users.

const PALETTE = ['#0b5cad', '#a3161b', '#12622f', '#8a5300', '#5b2a86', '#00626e'];

function figure(title, labels, datasets, type) {
  const canvas = document.createElement('canvas');
  const points = datasets.reduce((n, d) => n + d.data.filter((v) => v !== null && v !== undefined).length, 0);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${title}: ${points} data points; the numbers are in the table below`);
  canvas.dataset.points = String(points);
  const box = document.createElement('div');
  box.className = 'chart';
  box.append(canvas);
  const heading = document.createElement('h3');
  heading.textContent = title;
  const fig = document.createElement('figure');
  fig.className = 'card';
  fig.append(heading, box, dataTable(title, labels, datasets));
  if (window.Chart) {
    // eslint-disable-next-line no-new
    new window.Chart(canvas, {
      type,
      data: { labels, datasets: datasets.map((d, i) => ({ ...d, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length],
        pointRadius: labels.length > 60 ? 0 : 2, spanGaps: true })) },
      options: { responsive: true, maintainAspectRatio: false, animation: false, interaction: { mode: 'index', intersect: false },
        scales: { x: { ticks: { maxTicksLimit: 8 } }, y: { beginAtZero: true } } },
    });
  }
  return fig;
}

function dataTable(title, labels, datasets) {
  const details = document.createElement('details');
  details.className = 'data';
  const summary = document.createElement('summary');
  summary.textContent = `The numbers: ${title}`;
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const label of ['', ...datasets.map((d) => d.label)]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    head.append(th);
  }
  const body = table.createTBody();
  labels.forEach((label, i) => {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = label;
    row.append(th);
    for (const d of datasets) {
      const cell = row.insertCell();
      cell.className = 'num';
      const v = d.data[i];
      cell.textContent = v === null || v === undefined ? '—' : Number(v).toLocaleString('en', { maximumFractionDigits: 3 });
    }
  });
  details.append(summary, table);
  return details;
}

export function lineChart(title, labels, datasets) {
  return figure(title, labels, datasets, 'line');
}

export function barChart(title, labels, datasets) {
  return figure(title, labels, datasets, 'bar');
}

/**
 * Error budget left over the SLO's window, step by step: 1 − (bad events so far) / ((1 − target) × events so far),
 * in percent (negative once the budget is overspent).
 */
export function burnDown(title, points, target) {
  let bad = 0;
  let total = 0;
  const labels = [];
  const remaining = [];
  for (const p of points) {
    bad += p.requests - p.goodRequests;
    total += p.requests;
    labels.push(p.from.slice(5, 16).replace('T', ' '));
    remaining.push(total === 0 ? null : Math.round((1 - bad / ((1 - target) * total)) * 10000) / 100);
  }
  return lineChart(title + ' (% of budget left)', labels, [{ label: 'budget left %', data: remaining }]);
}
