/** Small, dependency-free readers for URL search params (the first-load bundle carries no schema library). */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined;
}

export function list(v: unknown): string[] | undefined {
  if (Array.isArray(v)) {
    const items = v.filter((x): x is string => typeof x === 'string' && x.length > 0);
    return items.length > 0 ? items : undefined;
  }
  if (typeof v === 'string' && v.length > 0) return v.split(',').filter(Boolean);
  return undefined;
}

export function oneOf<T extends string>(v: unknown, values: readonly T[]): T | undefined {
  return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeNext(v: unknown): string | undefined {
  return typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') ? v : undefined;
}
