export type Session = {
  /** The Cookie header a browser would send back. */
  cookie: string;
  csrf: string;
  /** Headers for a state-changing request (cookie + X-CSRF-Token). */
  writeHeaders: Record<string, string>;
};

/** POST /api/v1/auth/sign-in; turns its Set-Cookie headers into a Cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${body.slice(0, 300)}`);
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (!pair || eq <= 0) continue;
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  const csrf = jar.get('trellis_csrf') ?? '';
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return { cookie, csrf, writeHeaders: { cookie, 'x-csrf-token': csrf } };
}

export async function getJson(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(`${base}${path}`, { headers });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}

export async function postJson(
  base: string,
  path: string,
  session: Session,
  payload: unknown,
  timeoutMs = 120_000,
): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers:
      payload === undefined ? session.writeHeaders : { ...session.writeHeaders, 'content-type': 'application/json' },
    body: payload === undefined ? undefined : JSON.stringify(payload),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text };
}
