/** Small HTTP helpers for the bench: an API token, card batches, a staff session. */
export const ACCOUNT = 'T12345678';
export const DEMO_PASSWORD = 'cardstock-demo';

export interface IssuedCard {
  cardId: string;
  token: string;
  pin: string;
}

/** Client-credentials token for the seeded demo client (scope admin:wallets). */
export async function apiToken(base: string): Promise<string> {
  const response = await fetch(`${base}/v1/accounts/${ACCOUNT}/auth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', audience: `${base}/v1/accounts/${ACCOUNT}` }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || !body.access_token) throw new Error(`Token request answered ${response.status}`);
  return body.access_token;
}

/** Creates inactive cards through the Wallet API batch endpoint (≤ 10,000 per call) and returns their one-time secrets. */
export async function createCards(base: string, token: string, cardIds: string[]): Promise<IssuedCard[]> {
  const issued: IssuedCard[] = [];
  for (let i = 0; i < cardIds.length; i += 10_000) {
    const chunk = cardIds.slice(i, i + 10_000);
    const response = await fetch(`${base}/v1/accounts/${ACCOUNT}/wallets/cards/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cards: chunk.map((card_id) => ({ card_id })) }),
    });
    if (response.status !== 200) throw new Error(`Card batch answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const body = (await response.json()) as { cards: { card_id: string; pin: { pin: { value: string } }; card_token: { token: { value: string } } }[] };
    for (const card of body.cards) issued.push({ cardId: card.card_id, token: card.card_token.token.value, pin: card.pin.pin.value });
  }
  return issued;
}

/** Signs a staff user in (next-auth credentials) and returns the cookie header carrying the session. */
export async function signIn(base: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  remember(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }),
    redirect: 'manual',
  });
  await response.arrayBuffer();
  remember(response);
  if (![...jar.keys()].some((name) => name.includes('session-token'))) throw new Error(`Sign-in as ${email} failed (${response.status}).`);
  return cookie();
}
