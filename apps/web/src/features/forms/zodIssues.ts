import type { ErrorIssue } from '@trellis/contracts';

type ZodLikeIssue = { path: readonly PropertyKey[]; code: string; message: string };

/** Client-side schema issues in the API's own issue shape, so one renderer shows both. */
export function toIssues(issues: readonly ZodLikeIssue[]): ErrorIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
}
