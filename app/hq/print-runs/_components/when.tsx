// Rendered on the server only, in UTC, so every reader sees the same time.
const FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function When({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{FORMAT.format(date)} UTC</time>;
}
