// A horizontal bar chart drawn on the server as plain SVG: it prints, needs no
// JavaScript and no inline style (the CSP allows none); colours come from
// reports.css classes. It shows only what the table under it shows: a hidden
// count ("<5" or "x") has no bar, just its mark.
import type { ShownCount } from "~/modules/reports/suppress";
import { shownText } from "~/modules/reports/suppress";

export type Bar = { key: string; label: string; count: ShownCount };

const ROW = 22;
const LABEL_WIDTH = 210;
const BAR_WIDTH = 330;
const WIDTH = LABEL_WIDTH + BAR_WIDTH + 60;

export function SvgBars({
  title,
  bars,
  format,
}: {
  title: string;
  bars: Bar[];
  format: (n: number) => string;
}) {
  const max = Math.max(1, ...bars.map((b) => (b.count.kind === "value" ? b.count.value : 0)));
  const height = bars.length * ROW + 8;
  return (
    <svg
      className="report-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={title}
      preserveAspectRatio="xMinYMin meet"
    >
      {bars.map((bar, i) => {
        const y = i * ROW + 4;
        const width = bar.count.kind === "value" ? (bar.count.value / max) * BAR_WIDTH : 0;
        const label = bar.label.length > 32 ? `${bar.label.slice(0, 31)}…` : bar.label;
        return (
          <g key={bar.key}>
            <text className="report-chart__label" x={LABEL_WIDTH - 6} y={y + 14} textAnchor="end">
              {label}
            </text>
            <rect
              className="report-chart__bar"
              x={LABEL_WIDTH}
              y={y + 2}
              width={Math.max(width, 0)}
              height={ROW - 6}
            />
            <text className="report-chart__value" x={LABEL_WIDTH + width + 4} y={y + 14}>
              {shownText(bar.count, format)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
