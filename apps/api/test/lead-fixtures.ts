import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Client } from './harness';

/**
 * Routing settings with one rule: Vietnamese leads go in turn (round robin) to the active partners in Vietnam;
 * anything else to the "Inside sales" queue; 48 h to accept, a reminder 12 h before. Returns the rule's id.
 */
export async function routeVietnamInTurn(admin: Client, opts: { maxRecalls?: number } = {}): Promise<string> {
  const id = randomUUID();
  const res = await admin.request({
    method: 'PUT',
    url: '/api/v1/leads/routing-settings',
    payload: {
      rules: [
        {
          id,
          name: 'Vietnam round robin',
          position: 10,
          conditions: [
            { subject: 'lead', attribute: 'country', operator: 'in', values: ['VN'] },
            { subject: 'partner', attribute: 'country', operator: 'matches_lead' },
          ],
          strategy: { type: 'round_robin' },
        },
      ],
      fallbackQueue: { id: 'inside-sales', name: 'Inside sales' },
      sla: { hours: 48, reminderHoursBefore: 12, maxRecalls: opts.maxRecalls ?? 5 },
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}
