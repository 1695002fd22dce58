import type { SavedView } from '@trellis/contracts';
import type { SavedViewRow } from './saved-view.repo';

export function presentSavedView(r: SavedViewRow): SavedView {
  return { id: r.id, name: r.name, query: r.query, columns: r.columns, createdAt: r.createdAt.toISOString() };
}
