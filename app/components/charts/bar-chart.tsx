// A bar chart that is always followed by a real table of the same numbers.
// The chart is plain SVG drawn on the server: sizes are percentages in SVG
// attributes and colours are CSS classes, so it needs no JavaScript, fits any
// width, and keeps the CSP's `style-src 'self'` (no inline styles). The table
// gives screen readers every number; the chart itself is hidden from them.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatNumber } from "~/utils/format";

/** A series is drawn in the colour of its position (`chart__fill--0`, `--1`, … in charts.css). */
export type ChartSeries = { key: string; label: string };
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
   * "bars": horizontal bars under their labels, for long names;
   * "columns": vertical columns, for a short series over time.
   */
  shape?: "bars" | "columns";
};

/** A share of the largest value as an SVG length; a non-zero value stays visible. */
function share(value: number, max: number): string {
  if (max <= 0 || value <= 0) return "0%";
  return `${Math.max(0.5, (value / max) * 100).toFixed(2)}%`;
}

function Legend({ series }: { series: ChartSeries[] }) {
  if (series.length < 2) return null;
  return (
    <ul className="chart__legend">
      {series.map((s, i) => (
        <li key={s.key}>
          <svg className="chart__swatch" width="12" height="12" focusable="false">
            <rect width="12" height="12" className={`chart__fill chart__fill--${i}`} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

function Bars({ series, rows, format }: Pick<Props, "series" | "rows"> & Fmt) {
  const max = Math.max(0, ...rows.flatMap((row) => series.map((s) => row.values[s.key] ?? 0)));
  return (
    <ul className="chart__bars">
      {rows.map((row) => (
        <li key={row.key} className="chart__bar-row">
          <span className="chart__label">{row.label}</span>
          {series.map((s, i) => {
            const value = row.values[s.key] ?? 0;
            return (
              <span key={s.key} className="chart__bar-line">
                <svg className="chart__track" width="100%" height="14" focusable="false">
                  <rect
                    width={share(value, max)}
                    height="14"
                    className={`chart__fill chart__fill--${i}`}
                  />
                </svg>
                <span className="chart__value">{format(value)}</span>
              </span>
            );
          })}
        </li>
      ))}
    </ul>
  );
}

type Fmt = { format: (value: number) => string };

function Columns({ series, rows, format }: Pick<Props, "series" | "rows"> & Fmt) {
  const max = Math.max(0, ...rows.flatMap((row) => series.map((s) => row.values[s.key] ?? 0)));
  const width = 100 / Math.max(1, series.length);
  return (
    <div className="chart__columns">
      {rows.map((row) => (
        <div key={row.key} className="chart__column">
          <span className="chart__value">
            {series.map((s) => format(row.values[s.key] ?? 0)).join(" / ")}
          </span>
          <svg className="chart__column-plot" width="100%" height="160" focusable="false">
            {series.map((s, i) => {
              const value = row.values[s.key] ?? 0;
              const height = share(value, max);
              return (
                <rect
                  key={s.key}
                  x={`${(i * width + width * 0.1).toFixed(2)}%`}
                  width={`${(width * 0.8).toFixed(2)}%`}
                  y={`${(100 - parseFloat(height)).toFixed(2)}%`}
                  height={height}
                  className={`chart__fill chart__fill--${i}`}
                />
              );
            })}
          </svg>
          <span className="chart__label">{row.label}</span>
        </div>
      ))}
    </div>
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
  const format = (value: number) => formatNumber(value, locale);
  const titleId = `${id}-title`;

  return (
    <section className="chart" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {note ? <p className="chart__note">{note}</p> : null}
      <div className="chart__body">
        <div className="chart__plot" aria-hidden="true">
          <Legend series={series} />
          {shape === "bars" ? (
            <Bars series={series} rows={rows} format={format} />
          ) : (
            <Columns series={series} rows={rows} format={format} />
          )}
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
