/**
 * Horizontal bars, drawn on the server (visx scales and shapes, no client code). The SVG is an
 * image with a title; the same figures are in the table beside it, which is what screen readers read.
 */
import { useTranslations } from 'next-intl';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';

export function HorizontalBars({ id, label, bars }: { id: string; label: string; bars: { label: string; value: number; text: string }[] }) {
  const t = useTranslations('hqReports.charts');
  const rowHeight = 26;
  const width = 640;
  const labelWidth = 190;
  const valueWidth = 110;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const max = Math.max(1, ...bars.map((b) => Math.abs(b.value)));
  const x = scaleLinear<number>({ domain: [0, max], range: [0, width - labelWidth - valueWidth] });
  const y = scaleBand<string>({ domain: bars.map((_, i) => String(i)), range: [4, height - 4], padding: 0.25 });
  return (
    <figure className="overflow-x-auto" data-chart={id}>
      <svg role="img" aria-labelledby={`${id}-title`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="max-w-full">
        <title id={`${id}-title`}>{t('tableBelow', { label })}</title>
        {bars.map((b, i) => (
          <Group key={i} top={y(String(i)) ?? 0}>
            <text x={labelWidth - 8} y={y.bandwidth() / 2} dy="0.35em" textAnchor="end" fontSize={12} fill="#334155">
              {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
            </text>
            <Bar x={labelWidth} y={0} width={Math.max(1, x(Math.abs(b.value)))} height={y.bandwidth()} fill="#0f766e" rx={2} />
            <text x={labelWidth + x(Math.abs(b.value)) + 6} y={y.bandwidth() / 2} dy="0.35em" fontSize={12} fill="#0f172a">
              {b.text}
            </text>
          </Group>
        ))}
      </svg>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}
