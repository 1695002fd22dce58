import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  EcbImportResult,
  ExchangeRate,
  Forecast,
  ForecastPeriod,
  PipelineDeal,
  PipelineMoveRecord,
  PipelineMoveRequest,
  PipelineStage,
} from '@trellis/contracts';
import { api } from '../../api/client';
import { dealKeys } from '../deals/api';

export const pipelineKeys = {
  all: ['pipeline'] as const,
  stages: ['pipeline', 'stages'] as const,
  deals: (filter: PipelineFilter) => ['pipeline', 'deals', filter] as const,
  moves: (id: string) => ['pipeline', 'moves', id] as const,
  forecast: (q: ForecastParams) => ['pipeline', 'forecast', q] as const,
  rates: (currency: string | null) => ['exchange-rates', currency] as const,
};

export type PipelineFilter = {
  partnerId?: string | undefined;
  stageId?: string | undefined;
  currency?: string | undefined;
  closeFrom?: string | undefined;
  closeTo?: string | undefined;
};

export function useStages(enabled = true) {
  return useQuery({
    queryKey: pipelineKeys.stages,
    queryFn: () => api.get<{ data: PipelineStage[] }>('/pipeline/stages').then((r) => r.data),
    enabled,
  });
}

/** Every deal on the board (pages of 500 fetched until the end: a board shows all of them). */
export function usePipelineDeals(filter: PipelineFilter, enabled = true) {
  return useQuery({
    queryKey: pipelineKeys.deals(filter),
    queryFn: async () => {
      const out: PipelineDeal[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await api.get<{ data: PipelineDeal[]; nextCursor: string | null }>('/pipeline/deals', {
          ...filter,
          limit: 500,
          cursor,
        });
        out.push(...res.data);
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
      return out;
    },
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDealMoves(id: string | null) {
  return useQuery({
    queryKey: pipelineKeys.moves(id ?? ''),
    queryFn: () => api.get<{ data: PipelineMoveRecord[] }>(`/pipeline/deals/${id}/moves`).then((r) => r.data),
    enabled: id !== null,
  });
}

/** Moves a deal; the board updates at once and settles on the server's answer. */
export function useMoveDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & PipelineMoveRequest) =>
      api.post<{ deal: PipelineDeal }>(`/pipeline/deals/${id}/move`, body).then((r) => r.deal),
    // A move into won or lost also closed the registration: its pages refresh too.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: pipelineKeys.all }),
        queryClient.invalidateQueries({ queryKey: dealKeys.all }),
      ]),
  });
}

export type ForecastParams = { period: ForecastPeriod; from?: string | undefined; to?: string | undefined };

export function useForecast(q: ForecastParams, enabled = true) {
  return useQuery({
    queryKey: pipelineKeys.forecast(q),
    queryFn: () => api.get<{ forecast: Forecast }>('/pipeline/forecast', q).then((r) => r.forecast),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useExchangeRates(currency: string | null, enabled = true) {
  return useQuery({
    queryKey: pipelineKeys.rates(currency),
    queryFn: () =>
      api
        .get<{ data: ExchangeRate[]; nextCursor: string | null }>('/exchange-rates', {
          currency: currency ?? undefined,
          limit: 200,
        })
        .then((r) => r.data),
    enabled,
  });
}

export function importEcbFile(file: File): Promise<EcbImportResult> {
  const form = new FormData();
  form.append('file', file);
  return api.post<{ result: EcbImportResult }>('/exchange-rates/ecb-import', form).then((r) => r.result);
}
