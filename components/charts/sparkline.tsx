/** A small line of values over time (server-drawn); the caller gives the text alternative. */
import { scaleLinear } from '@visx/scale';
import { LinePath } from '@visx/shape';

export function Sparkline({ values, label, width = 160, height = 36 }: { values: number[]; label: string; width?: number; height?: number }) {
  const min = Math.min(...values, 0);
  const max = Math.max(...values, 1);
  const x = scaleLinear<number>({ domain: [0, Math.max(1, values.length - 1)], range: [2, width - 2] });
  const y = scaleLinear<number>({ domain: [min, max], range: [height - 2, 2] });
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} data-chart="sparkline">
      <LinePath data={values.map((v, i) => ({ i, v }))} x={(d) => x(d.i)} y={(d) => y(d.v)} stroke="#0f766e" strokeWidth={1.5} fill="none" />
    </svg>
  );
}
