/** C5 lead-routing core: pure rules, strategies, explanations, validation and the SLA policy. */
export { type CompiledRouting, compileRouting } from './compile';
export { route, routeCompiled, type WorkingState, workingState } from './route';
export { applyDecision, type RouteManyOptions, type RouteManyResult, routeMany } from './route-many';
export { DEFAULT_SLA, type SlaAction, type SlaInput, type SlaVerdict, slaVerdict } from './sla';
export {
  emptyRoutingState,
  type PartnerPerformance,
  type RouteOptions,
  type RoutingLead,
  type RoutingPartner,
  type RoutingState,
} from './types';
export { validateRules } from './validate-rules';
