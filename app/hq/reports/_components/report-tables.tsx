import { useTranslations } from 'next-intl';
import { Card } from '@/components/ui/card';
import type { ReportTable } from '@/lib/reports/documents';

/** The report's tables; their titles and headings are the export's (English), the chrome is translated. */
export function ReportTables({ tables }: { tables: ReportTable[] }) {
  const t = useTranslations('hqReports');
  return (
    <>
      {tables.map((table) => (
        <Card key={table.title} title={table.title}>
          <div className="overflow-x-auto" lang="en">
            <table className="min-w-full text-sm">
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600">
                  {table.columns.map((c, i) => (
                    <th key={c} scope="col" className={`px-2 py-1 font-medium ${table.numeric.includes(i) ? 'text-right' : ''}`}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.length === 0 ? (
                  <tr>
                    <td colSpan={table.columns.length} className="px-2 py-2 text-slate-500">
                      {t('noRows')}
                    </td>
                  </tr>
                ) : (
                  table.rows.map((row, r) => (
                    <tr key={r} className="border-b border-slate-100">
                      {row.map((cell, i) => (
                        <td key={i} className={`px-2 py-1 ${table.numeric.includes(i) ? 'text-right tabular-nums' : ''}`}>
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </Card>
      ))}
    </>
  );
}
