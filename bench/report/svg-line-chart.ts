/** One line of a chart: points in data units, drawn in order of x. */
export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly dashed?: boolean;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  /** Horizontal reference lines (targets). */
  readonly rules?: readonly { readonly y: number; readonly label: string }[];
  readonly width?: number;
  readonly height?: number;
}

const PAD = { left: 64, right: 210, top: 34, bottom: 46 };

/** An inline SVG line chart with both axes on a log scale (rates and latencies span decades). */
export function svgLineChart(chart: LineChart): string {
  const width = chart.width ?? 820;
  const height = chart.height ?? 360;
  const points = chart.series.flatMap((s) => s.points).filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.y));
  const ys = [...points.map((p) => p.y), ...(chart.rules ?? []).map((r) => r.y)];
  if (points.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="60"><text x="10" y="30" font-family="sans-serif" font-size="14">${escapeXml(chart.title)}: nothing measured</text></svg>`;
  const xDomain = decades(Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x)));
  const yDomain = decades(Math.min(...ys), Math.max(...ys));
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const sx = (x: number): number => PAD.left + ((Math.log10(x) - Math.log10(xDomain[0])) / (Math.log10(xDomain[1]) - Math.log10(xDomain[0]))) * plotW;
  const sy = (y: number): number => PAD.top + plotH - ((Math.log10(y) - Math.log10(yDomain[0])) / (Math.log10(yDomain[1]) - Math.log10(yDomain[0]))) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="${PAD.left}" y="20" font-size="14" font-weight="bold">${escapeXml(chart.title)}</text>`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
  ];
  for (const tick of ticks(yDomain)) {
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${f(sy(tick))}" y2="${f(sy(tick))}" stroke="#eee"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${f(sy(tick) + 4)}" text-anchor="end">${label(tick)}</text>`);
  }
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  for (const tick of xs) {
    parts.push(`<line x1="${f(sx(tick))}" x2="${f(sx(tick))}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#f3f3f3"/>`);
    parts.push(`<text x="${f(sx(tick))}" y="${PAD.top + plotH + 16}" text-anchor="middle">${label(tick)}</text>`);
  }
  parts.push(`<text x="${PAD.left + plotW / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`);
  for (const rule of chart.rules ?? []) {
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${f(sy(rule.y))}" y2="${f(sy(rule.y))}" stroke="#c00" stroke-dasharray="2 3"/>`);
    parts.push(`<text x="${PAD.left + plotW - 4}" y="${f(sy(rule.y) - 4)}" text-anchor="end" fill="#c00">${escapeXml(rule.label)}</text>`);
  }
  chart.series.forEach((series, index) => {
    const valid = series.points.filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
    const dash = series.dashed === true ? ' stroke-dasharray="6 4"' : '';
    if (valid.length > 1) parts.push(`<polyline fill="none" stroke="${series.color}" stroke-width="2"${dash} points="${valid.map((p) => `${f(sx(p.x))},${f(sy(p.y))}`).join(' ')}"/>`);
    for (const p of valid) parts.push(`<circle cx="${f(sx(p.x))}" cy="${f(sy(p.y))}" r="3" fill="${series.color}"><title>${escapeXml(`${series.name}: ${label(p.y)} at ${label(p.x)}`)}</title></circle>`);
    const ly = PAD.top + 10 + index * 18;
    parts.push(`<line x1="${width - PAD.right + 12}" x2="${width - PAD.right + 36}" y1="${ly}" y2="${ly}" stroke="${series.color}" stroke-width="2"${dash}/>`);
    parts.push(`<text x="${width - PAD.right + 42}" y="${ly + 4}">${escapeXml(series.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The smallest range of whole 1-2-5 steps around [min, max]. */
function decades(min: number, max: number): [number, number] {
  const steps = (v: number): number[] => {
    const p = 10 ** Math.floor(Math.log10(v));
    return [p, 2 * p, 5 * p, 10 * p];
  };
  const low = steps(min).filter((s) => s <= min).pop() ?? min;
  const high = steps(max).find((s) => s >= max) ?? max;
  return high > low ? [low, high] : [low / 2, high * 2];
}

function ticks([low, high]: [number, number]): number[] {
  const found: number[] = [];
  for (let p = 10 ** Math.floor(Math.log10(low)); p <= high; p *= 10) for (const m of [1, 2, 5]) if (m * p >= low && m * p <= high) found.push(m * p);
  return found;
}

function label(value: number): string {
  if (value >= 1000) return `${Number((value / 1000).toPrecision(3))}k`;
  return value >= 10 ? String(Math.round(value)) : String(Number(value.toPrecision(2)));
}

const f = (value: number): string => value.toFixed(1);
