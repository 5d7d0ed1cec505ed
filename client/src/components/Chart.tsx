import { useEffect, useRef } from 'react';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the dashboard draws, so the bundle carries no unused chart types.
echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

interface ChartProps {
  option: ChartOption;
  /** Says what the chart shows; the table beside it carries the figures for screen readers. */
  label: string;
  height: number;
}

/**
 * The one component that draws charts (ECharts, SVG). The chart is an image with a text alternative;
 * every chart is shown with its table, which is the accessible form of the same figures.
 */
export function Chart({ option, label, height }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Redraw only when the option's data changes, not on every render of the page around it.
  const key = JSON.stringify(option);
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    const chart = echarts.init(ref.current!, null, { renderer: 'svg' });
    chart.setOption(latest.current);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(ref.current!);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [key]);
  return <div ref={ref} className="chart" role="img" aria-label={label} style={{ height }} />;
}

/** Bar colours with at least 3:1 contrast against the white page. */
export const CHART_COLORS = { main: '#a4161a', band: '#e8a5a7', national: '#1d4ed8', muted: '#6b6b6b' };
