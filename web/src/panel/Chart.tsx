import { useEffect, useId, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { categoryTicks, chartRows, colourOf, plotData, valueRange, WHOLE_STEPS, type ChartSpec } from "./chart-data.ts";
import { useT } from "./i18n/useT.ts";
import "./chart.css";

const HEIGHT = 220;
const AXIS_FONT = "12px system-ui, sans-serif";

/** A value axis as wide as its longest tick ("€1,250.50"), measured on uPlot's canvas. */
function valueAxisSize(plot: uPlot, values: string[] | null): number {
  if (values === null || values.length === 0) return 40;
  const ratio = window.devicePixelRatio || 1;
  plot.ctx.font = `${12 * ratio}px system-ui, sans-serif`;
  return Math.ceil(Math.max(...values.map((value) => plot.ctx.measureText(value).width)) / ratio) + 14;
}

function optionsOf(spec: ChartSpec, width: number, onCursor: (index: number | null) => void): uPlot.Options {
  const axis = { stroke: "#4b5563", font: AXIS_FONT, ticks: { stroke: "#e5e7eb" } };
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    // Room on either side for the first and last day's labels, centred under their ticks.
    padding: [12, 28, 0, 16],
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: [-0.5, spec.categories.length - 0.5] }, y: { range: () => valueRange(spec) } },
    axes: [
      {
        ...axis,
        grid: { show: false },
        splits: (plot) => categoryTicks(spec.categories.length, plot.bbox.width / (window.devicePixelRatio || 1)),
        values: (_plot, splits) => splits.map((index) => spec.categories[index] ?? ""),
      },
      {
        ...axis,
        grid: { stroke: "#e5e7eb" },
        ...(spec.wholeSteps === true ? { incrs: WHOLE_STEPS } : {}),
        size: (plot, values) => valueAxisSize(plot, values),
        values: (_plot, splits) => splits.map(spec.axisFormat),
      },
    ],
    series: [
      {},
      ...spec.series.map(
        (series, index): uPlot.Series => ({
          label: series.label,
          stroke: colourOf(index),
          width: 2,
          ...(spec.kind === "bars"
            ? { fill: colourOf(index), paths: uPlot.paths.bars!({ size: [0.6, 64] }), points: { show: false } }
            : { points: { show: spec.categories.length <= 62, size: 5, fill: colourOf(index) } }),
        }),
      ),
    ],
    hooks: { setCursor: [(plot) => onCursor(plot.cursor.idx ?? null)] },
  };
}

/**
 * A chart for any page of the panel: its title, a legend (the figures under the pointer), the
 * drawing (uPlot on a canvas, as wide as its card) and the same figures as a table for whoever
 * does not read the drawing. The spec is shaped by the page (see `chart-data.ts`): give a new
 * one only when the figures change, each new one is drawn afresh.
 */
export function Chart({ spec }: { spec: ChartSpec }) {
  const t = useT();
  const titleId = useId();
  const plotRef = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);

  useEffect(() => {
    const target = plotRef.current;
    if (target === null) return;
    const plot = new uPlot(optionsOf(spec, target.clientWidth, setCursor), plotData(spec), target);
    target.dataset.series = String(plot.series.length - 1);
    const resize = new ResizeObserver(() => plot.setSize({ width: target.clientWidth, height: HEIGHT }));
    resize.observe(target);
    return () => {
      resize.disconnect();
      plot.destroy();
      setCursor(null);
    };
  }, [spec]);

  const pointed = cursor === null ? undefined : spec.categories[cursor];
  return (
    <figure className="card chart" aria-labelledby={titleId}>
      <h2 id={titleId}>{spec.title}</h2>
      <ul className="chart-legend" aria-label={t("chart-legend")}>
        {spec.series.map((series, index) => (
          <li key={series.label}>
            <span className="chart-swatch" style={{ background: colourOf(index) }} />
            {series.label}
            {pointed === undefined || cursor === null ? null : <strong>{` ${series.texts[cursor] ?? ""}`}</strong>}
          </li>
        ))}
        {pointed === undefined ? null : <li className="hint">{pointed}</li>}
      </ul>
      <div className="chart-plot" ref={plotRef} aria-hidden="true" />
      <details className="chart-table">
        <summary>{t("chart-table")}</summary>
        <div className="table-scroll">
          <table aria-label={spec.title}>
            <thead>
              <tr>
                <th>{spec.categoryLabel}</th>
                {spec.series.map((series) => (
                  <th key={series.label}>{series.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chartRows(spec).map((row, index) => (
                <tr key={index}>
                  <th scope="row">{row.category}</th>
                  {row.cells.map((cell, column) => (
                    <td key={column}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
