export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'good' | 'bad'; children: React.ReactNode }) {
  const styles = { neutral: 'bg-slate-100 text-slate-700', good: 'bg-green-100 text-green-800', bad: 'bg-red-100 text-red-800' }[tone];
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${styles}`}>{children}</span>;
}
