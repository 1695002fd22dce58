import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id at the OWASP Password Storage Cheat Sheet minimum (m=19 MiB, t=2, p=1) — C18.
 * @node-rs/argon2 is a prebuilt N-API binding: no compiler, right ABI on Node 24.
 */
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);
export const verifyPassword = (digest: string, password: string) => verify(digest, password).catch(() => false);
