/** Only same-site paths may be a post-login destination (no open redirects to other hosts). */
export function safeCallbackPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  // Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would become "//evil.example".
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  if (value.startsWith('/login') || value.startsWith('/api/')) return null;
  return value;
}
