import { z } from 'zod';

export const ImportKindValues = ['partners', 'contacts'] as const;
export const ImportStatusValues = ['uploaded', 'validated', 'queued', 'running', 'completed', 'failed'] as const;
export const ImportModeValues = ['all_or_nothing', 'valid_rows'] as const;
export const MappingPresetValues = ['trellis', 'salesforce', 'hubspot'] as const;

export const ImportRowErrorSchema = z.object({
  row: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
});

export const ImportSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(ImportKindValues),
    status: z.enum(ImportStatusValues),
    fileName: z.string(),
    headers: z.array(z.string()),
    mapping: z.record(z.string(), z.string()),
    mode: z.enum(ImportModeValues),
    totalRows: z.number().int(),
    processedRows: z.number().int(),
    importedRows: z.number().int(),
    errorCount: z.number().int(),
    errors: z.array(ImportRowErrorSchema),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Import' });
export type Import = z.infer<typeof ImportSchema>;

export const ImportMappingSchema = z
  .object({
    mapping: z.record(z.string(), z.string().max(100)),
    mode: z.enum(ImportModeValues).default('valid_rows'),
  })
  .strict();
