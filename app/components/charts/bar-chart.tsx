// A bar chart that is always followed by a real table of the same numbers.
// The chart (recharts, SVG) is drawn in the browser once it knows its width;
// the table is in the server's HTML, so screen readers and pages without
// JavaScript get every number, and the chart itself is hidden from them.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from "recharts";
import { formatNumber } from "~/utils/format";

export type ChartSeries = { key: string; label: string; color: string };
export type ChartRow = {
  key: string;
  label: string;
  values: Record<string, number>;
  /** Where the row's label leads, e.g. the case list with the same filters. */
  href?: string;
};

type Props = {
  id: string;
  title: string;
  /** What the numbers count, shown under the heading. */
  note?: ReactNode;
  /** Header of the table's first column: what each row is. */
  rowHeader: string;
  series: ChartSeries[];
  rows: ChartRow[];
  locale: string;
  /**
   * "bars": horizontal bars with the labels on the left, for long names;
   * "columns": vertical columns, for a short series over time.
   */
  shape?: "bars" | "columns";
};

const TICK = { fontSize: 13, fill: "#1b1f24" };
const LABEL_LINE = 15;

/** A long label on two lines at most, cut with an ellipsis, so bars keep their room on a phone. */
function wrap(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= maxChars || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= 2)
    return lines.map((l) => (l.length > maxChars ? `${l.slice(0, maxChars - 1)}…` : l));
  return [lines[0]!, `${lines[1]!.slice(0, maxChars - 1)}…`];
}

function WrappedTick(props: {
  x?: number | string;
  y?: number | string;
  payload?: { value: string };
}) {
  const lines = wrap(props.payload?.value ?? "", 18);
  const top = -((lines.length - 1) * LABEL_LINE) / 2;
  return (
    <text x={Number(props.x)} y={Number(props.y)} textAnchor="end" {...TICK}>
      {lines.map((line, i) => (
        <tspan key={i} x={Number(props.x) - 4} dy={i === 0 ? top + 4 : LABEL_LINE}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

export function BarChartWithTable({
  id,
  title,
  note,
  rowHeader,
  series,
  rows,
  locale,
  shape = "bars",
}: Props) {
  const data = rows.map((row) => ({ label: row.label, ...row.values }));
  const perRow = Math.max(40, series.length * 18 + 10);
  const height = shape === "bars" ? rows.length * perRow + (series.length > 1 ? 70 : 40) : 260;
  const format = (value: number) => formatNumber(value, locale);
  const titleId = `${id}-title`;

  return (
    <section className="chart" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {note ? <p className="chart__note">{note}</p> : null}
      <div className="chart__body">
        <div className="chart__plot" aria-hidden="true" style={{ minHeight: height }}>
          <BarChart
            responsive
            style={{ width: "100%", height }}
            data={data}
            layout={shape === "bars" ? "vertical" : "horizontal"}
            margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
            accessibilityLayer={false}
          >
            <CartesianGrid
              strokeDasharray="3 3"
              horizontal={shape === "columns"}
              vertical={shape === "bars"}
            />
            {shape === "bars" ? (
              <>
                <XAxis type="number" allowDecimals={false} tickFormatter={format} tick={TICK} />
                <YAxis
                  type="category"
                  dataKey="label"
                  width={150}
                  interval={0}
                  tick={<WrappedTick />}
                />
              </>
            ) : (
              <>
                <XAxis type="category" dataKey="label" tick={TICK} />
                <YAxis
                  type="number"
                  allowDecimals={false}
                  tickFormatter={format}
                  tick={TICK}
                  width={48}
                />
              </>
            )}
            {series.length > 1 ? <Legend /> : null}
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                fill={s.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </div>
        <div className="table-scroll chart__table">
          <table className="table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeader}</th>
                {series.map((s) => (
                  <th scope="col" key={s.key} className="numeric">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">
                    {row.href ? <Link to={row.href}>{row.label}</Link> : row.label}
                  </th>
                  {series.map((s) => (
                    <td key={s.key} className="numeric">
                      {format(row.values[s.key] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
