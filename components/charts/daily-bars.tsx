/**
 * Activations (sales) and redemptions per day, as paired bars on a shared scale, drawn on the
 * server. The daily figures are also given as a table (collapsed under the chart) for screen readers.
 */
import { useTranslations } from 'next-intl';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';

export function DailyBars({
  id,
  label,
  days,
  format,
}: {
  id: string;
  label: string;
  days: { day: string; sales: number; redemptions: number }[];
  format: (minor: number) => string;
}) {
  const t = useTranslations('hqReports.charts');
  const width = 760;
  const height = 220;
  const margin = { top: 10, right: 10, bottom: 28, left: 70 };
  const innerW = width - margin.left - margin.right;
  const innerH = height - margin.top - margin.bottom;
  const max = Math.max(1, ...days.flatMap((d) => [d.sales, d.redemptions]));
  const x = scaleBand<string>({ domain: days.map((d) => d.day), range: [0, innerW], padding: 0.2 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerH, 0], nice: true });
  const ticks = y.ticks(4);
  const every = Math.max(1, Math.ceil(days.length / 8));
  const half = x.bandwidth() / 2;
  return (
    <figure data-chart={id} className="overflow-x-auto">
      <svg role="img" aria-labelledby={`${id}-title`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="max-w-full">
        <title id={`${id}-title`}>{t('tableBelow', { label })}</title>
        <Group left={margin.left} top={margin.top}>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={0} x2={innerW} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
              <text x={-6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={10} fill="#64748b">
                {format(t)}
              </text>
            </g>
          ))}
          {days.map((d, i) => (
            <g key={d.day}>
              <Bar x={x(d.day)} y={y(d.sales)} width={Math.max(1, half)} height={innerH - y(d.sales)} fill="#0f766e" />
              <Bar x={(x(d.day) ?? 0) + half} y={y(d.redemptions)} width={Math.max(1, half)} height={innerH - y(d.redemptions)} fill="#f59e0b" />
              {i % every === 0 ? (
                <text x={(x(d.day) ?? 0) + half} y={innerH + 16} textAnchor="middle" fontSize={10} fill="#64748b">
                  {d.day.slice(5)}
                </text>
              ) : null}
            </g>
          ))}
        </Group>
      </svg>
      <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
        <span>
          <span aria-hidden className="mr-1 inline-block h-2 w-3 bg-teal-700" />
          {t('sales')}
        </span>
        <span>
          <span aria-hidden className="mr-1 inline-block h-2 w-3 bg-amber-500" />
          {t('redemptions')}
        </span>
      </figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600">{t('asTable')}</summary>
        <table className="mt-2 text-xs tabular-nums">
          <thead>
            <tr>
              <th className="pr-4 text-left">{t('day')}</th>
              <th className="pr-4 text-right">{t('activations')}</th>
              <th className="text-right">{t('redemptions')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td className="pr-4">{d.day}</td>
                <td className="pr-4 text-right">{format(d.sales)}</td>
                <td className="text-right">{format(d.redemptions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
