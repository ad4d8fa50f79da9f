// A uPlot chart in a figure, with the same figures as a table for screen readers and keyboards.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLORS = ['#0a5bc4', '#116329', '#b3261e', '#7d4e00', '#6639ba'];
const AXIS = { stroke: '#57606a', grid: { stroke: '#e6e9ed' }, ticks: { stroke: '#d0d7de' } };

function round(v) {
  return +Number(v).toFixed(3);
}

/**
 * A line chart over time (x: epoch seconds) or, with `labels`, grouped bars per category (x: the
 * categories). series: [{label, values}], one value per x (or per label).
 */
export function Chart({ title, x = [], labels, series, unit = '', height = 220 }) {
  const box = useRef(null);
  const bars = !!labels;
  const count = bars ? labels.length : x.length;
  useEffect(() => {
    const el = box.current;
    if (!el || !count) return;
    const width = () => Math.max(240, Math.floor(el.clientWidth));
    let data;
    let xScale;
    let xAxis;
    if (bars) {
      // one x position per (category, series), side by side; each series holds values at its own
      const n = series.length;
      const step = 0.8 / n;
      const xs = [];
      const ys = series.map(() => []);
      labels.forEach((_, c) => {
        series.forEach((s, k) => {
          xs.push(c - 0.4 + step * (k + 0.5));
          ys.forEach((col, j) => col.push(j === k ? s.values[c] ?? null : null));
        });
      });
      data = [xs, ...ys];
      xScale = { time: false, range: [-0.5, labels.length - 0.5] };
      xAxis = { ...AXIS, splits: () => labels.map((_, i) => i), values: (u, splits) => splits.map((s) => labels[Math.round(s)] ?? '') };
    } else {
      data = [x, ...series.map((s) => s.values)];
      xScale = { time: true };
      xAxis = AXIS;
    }
    const plot = new uPlot(
      {
        width: width(),
        height,
        scales: { x: xScale, y: { range: (u, min, max) => [0, Math.max(1, (max ?? 0) * 1.1)] } },
        axes: [xAxis, { ...AXIS, size: 60, values: (u, splits) => splits.map((s) => `${round(s)}${unit}`) }],
        series: [
          { label: bars ? 'Group' : 'Time', value: (u, v) => (v == null ? '–' : bars ? labels[Math.round(v)] ?? '' : new Date(v * 1000).toLocaleString()) },
          ...series.map((s, i) => ({
            label: s.label,
            stroke: COLORS[i % COLORS.length],
            fill: bars ? COLORS[i % COLORS.length] : undefined,
            width: bars ? 0 : 2,
            spanGaps: !bars,
            paths: bars ? uPlot.paths.bars({ size: [0.9, 80], gap: 1 }) : undefined,
            points: { show: !bars && count < 40 },
            value: (u, v) => (v == null ? '–' : `${round(v)}${unit}`),
          })),
        ],
        cursor: { drag: { x: false, y: false } },
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height }));
    resize.observe(el);
    return () => (resize.disconnect(), plot.destroy());
  }, [x, labels, series, height]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      {count ? <div ref={box} class="chart-box" aria-hidden="true" /> : <p class="muted">Nothing in this window yet.</p>}
      {count ? (
        <details class="chart-data">
          <summary>The figures as a table</summary>
          <div class="table-wrap" tabIndex={0} role="region" aria-label={`${title}: the figures`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{bars ? 'Group' : 'From'}</th>
                  {series.map((s) => (
                    <th scope="col" class="num" key={s.label}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(bars ? labels : x).map((v, i) => (
                  <tr key={i}>
                    <td>{bars ? v : new Date(v * 1000).toLocaleString()}</td>
                    {series.map((s) => (
                      <td class="num" key={s.label}>
                        {s.values[i] == null ? '–' : `${round(s.values[i])}${unit}`}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </figure>
  );
}
