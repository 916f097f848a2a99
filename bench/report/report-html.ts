import { LatencySummary } from '../driver/latency-recorder';
import { StepResult } from '../driver/step-result';
import { BenchReport, ReadSideFigure } from './bench-report';
import { ChartSeries, escapeXml, svgLineChart } from './svg-line-chart';

type Percentile = 'p50' | 'p99';

const fixedSteps = (steps: readonly StepResult[]): StepResult[] => steps.filter((s) => s.phase === 'fixed');

function stepSeries(name: string, color: string, steps: readonly StepResult[], pick: Percentile, dashed = false): ChartSeries {
  return { name, color, dashed, points: fixedSteps(steps).flatMap((s) => (s.latencyMs === null ? [] : [{ x: s.offeredRate, y: s.latencyMs[pick] }])) };
}

function figureSeries(name: string, color: string, figures: readonly ReadSideFigure[], figure: ReadSideFigure['figure'], pick: Percentile): ChartSeries {
  return {
    name,
    color,
    points: figures.filter((f) => f.figure === figure).flatMap((f) => {
      const y = pick === 'p50' ? f.p50Ms : f.p99Ms;
      return y === null ? [] : [{ x: f.rate, y }];
    }),
  };
}

function latencyByRate(report: BenchReport, pick: Percentile): string {
  const figures = report.readSide.figures;
  return svgLineChart({
    title: `Latency ${pick} by offered rate (same run)`,
    xLabel: 'offered rate (orders/s; baseline: round trips/s), log scale',
    yLabel: `${pick} latency (ms), log scale`,
    series: [
      stepSeries('ack, limit orders', '#1f77b4', report.orders.steps, pick),
      stepSeries('two-hop baseline', '#555555', [...report.baseline.steps, ...report.readSide.baselineSteps], pick, true),
      figureSeries('ack, market orders', '#17becf', figures, 'ack', pick),
      figureSeries('submit -> fill (log)', '#ff7f0e', figures, 'submit_to_fill', pick),
      figureSeries('submit -> fill (SSE)', '#d62728', figures, 'sse_fill', pick),
      figureSeries('projection PostgreSQL', '#2ca02c', figures, 'projection_postgres', pick),
      figureSeries('projection DynamoDB', '#9467bd', figures, 'projection_dynamodb', pick),
    ],
    rules: pick === 'p99' ? [{ y: report.plan.targets.p99Ms, label: `ack target ${report.plan.targets.p99Ms} ms` }] : [],
  });
}

function sseChart(report: BenchReport): string {
  const levels = report.sse.levels;
  const series = (name: string, color: string, read: (s: LatencySummary) => number, of: (l: (typeof levels)[number]) => LatencySummary | null, dashed = false): ChartSeries => ({
    name,
    color,
    dashed,
    points: levels.flatMap((l) => {
      const s = of(l);
      return s === null ? [] : [{ x: l.connections, y: read(s) }];
    }),
  });
  return svgLineChart({
    title: 'SSE delivery latency by concurrent connections (one all-in-one process)',
    xLabel: 'connections held, log scale',
    yLabel: 'latency (ms), log scale',
    series: [
      series('delivery p99 (log -> client)', '#d62728', (s) => s.p99, (l) => l.deliveryMs),
      series('delivery p50', '#ff9896', (s) => s.p50, (l) => l.deliveryMs),
      series('visible on log -> client p99', '#2ca02c', (s) => s.p99, (l) => l.fromVisibleMs, true),
      series('fan-out spread p99', '#9467bd', (s) => s.p99, (l) => l.fanOutSpreadMs, true),
      series('POST -> fill p99', '#1f77b4', (s) => s.p99, (l) => l.postToFillMs, true),
    ],
    rules: [{ y: report.plan.sse.p99TargetMs, label: `target p99 ${report.plan.sse.p99TargetMs} ms` }],
  });
}

/** `.bench/report.html`: the charts as inline SVG (no scripts, nothing fetched), then the text report. */
export function reportHtml(report: BenchReport, text: string): string {
  const targets = report.targets
    .map((t) => `<tr><td class="${t.met === null ? 'na' : t.met ? 'met' : 'not'}">${t.met === null ? 'n/a' : t.met ? 'met' : 'NOT MET'}</td><td>${escapeXml(t.target)}</td><td>${escapeXml(t.actual)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Benchmark ${escapeXml(report.startedAt)}</title>
<style>
body { font-family: sans-serif; margin: 24px; color: #222; }
table { border-collapse: collapse; margin: 8px 0 20px; }
td { border: 1px solid #ddd; padding: 4px 8px; vertical-align: top; font-size: 13px; }
.met { color: #2a7d2a; font-weight: bold; } .not { color: #c00; font-weight: bold; } .na { color: #888; }
pre { font-size: 12px; background: #f7f7f7; padding: 12px; overflow-x: auto; }
figure { margin: 0 0 16px; }
</style>
</head>
<body>
<h1>System benchmark, ${escapeXml(report.startedAt)}</h1>
<p>${report.machine.start.cpus} CPUs (${escapeXml(report.machine.start.cpuModel)}), load average at start ${report.machine.start.loadAverage.map((v) => v.toFixed(2)).join(' / ')}, at end ${report.machine.end.loadAverage.map((v) => v.toFixed(2)).join(' / ')}. One built all-in-one process; every figure below comes from this one run.</p>
<h2>Targets</h2>
<table>${targets}</table>
<figure>${latencyByRate(report, 'p99')}</figure>
<figure>${latencyByRate(report, 'p50')}</figure>
<figure>${sseChart(report)}</figure>
<h2>Report</h2>
<pre>${escapeXml(text)}</pre>
</body>
</html>
`;
}
