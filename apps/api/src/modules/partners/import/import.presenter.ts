import type { Import } from '@trellis/contracts';
import type { ImportSummaryRow } from './import.repo';
import { detectPreset } from './presets';

export function presentImport(r: ImportSummaryRow): Import {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    fileName: r.fileName,
    headers: r.headers,
    mapping: r.mapping,
    preset: detectPreset(r.kind, r.headers),
    mode: r.mode,
    totalRows: r.totalRows,
    processedRows: r.processedRows,
    importedRows: r.importedRows,
    errorCount: r.errorCount,
    errors: r.errors ?? [],
    route: r.route,
    routing: r.routing ?? null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}
