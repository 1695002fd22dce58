type SessionUser = { id: string; email: string; name: string };
type Entry = { user: SessionUser; expires: number };

const TTL_MS = 30_000;
const MAX_ENTRIES = 50_000;

/**
 * Remembers, per signed session cookie, who Better Auth said it belongs to, for TTL_MS. Checking a
 * session through Better Auth costs ~0.3 ms of CPU even with its cookie cache; this makes the common
 * case a map lookup. Sign-out and password resets evict; elsewhere a revoked session stops working
 * within TTL_MS (Better Auth's own cookie cache already allows 60 s).
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  get(token: string): SessionUser | null {
    const hit = this.entries.get(token);
    if (!hit) return null;
    if (hit.expires <= Date.now()) {
      this.entries.delete(token);
      return null;
    }
    return hit.user;
  }

  set(token: string, user: SessionUser): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(token, { user, expires: Date.now() + TTL_MS });
  }

  evict(token: string): void {
    this.entries.delete(token);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The signed session token from a Cookie header (plain or __Secure- prefixed). */
export function sessionTokenFrom(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  const match = /(?:^|;\s*)(?:__Secure-)?trellis\.session_token=([^;]+)/.exec(cookieHeader);
  return match?.[1] ?? null;
}
