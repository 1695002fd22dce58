import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { activeMembership, homeFor, isPartnerRole, meQuery } from '../api/session';
import { NotFoundPage, RootErrorPage } from '../components/ui/ErrorPages';
import { PageLoader } from '../components/ui/PageLoader';
import { RootLayout } from './RootLayout';
import { list, oneOf, safeNext, str } from './search';

type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFoundPage,
  errorComponent: RootErrorPage,
});

async function requireMe(queryClient: QueryClient, href: string) {
  const me = await queryClient.ensureQueryData(meQuery);
  if (!me) throw redirect({ to: '/sign-in', search: { next: href } });
  return me;
}

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    throw redirect({ to: homeFor(me) });
  },
});

// --- public: sign-in, invitations, password reset ---
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>): { next?: string } => ({ next: safeNext(s.next) }),
  component: lazyRouteComponent(() => import('../auth/SignInPage'), 'SignInPage'),
});
const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: lazyRouteComponent(() => import('../auth/ForgotPasswordPage'), 'ForgotPasswordPage'),
});
const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: str(s.token) }),
  component: lazyRouteComponent(() => import('../auth/ResetPasswordPage'), 'ResetPasswordPage'),
});
const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/accept-invitation',
  validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: str(s.token) }),
  component: lazyRouteComponent(() => import('../auth/AcceptInvitationPage'), 'AcceptInvitationPage'),
});
const noWorkspaceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/no-workspace',
  beforeLoad: async ({ context, location }) => {
    const me = await requireMe(context.queryClient, location.href);
    if (activeMembership(me)) throw redirect({ to: homeFor(me) });
  },
  component: lazyRouteComponent(() => import('../auth/NoWorkspacePage'), 'NoWorkspacePage'),
});

// --- console: vendor staff ---
const consoleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/console',
  beforeLoad: async ({ context, location }) => {
    const me = await requireMe(context.queryClient, location.href);
    const m = activeMembership(me);
    // A partner person who types a console URL lands in their portal: console pages are not theirs.
    if (!m || isPartnerRole(m.role)) throw redirect({ to: homeFor(me) });
  },
  component: lazyRouteComponent(() => import('../console/ConsoleShell'), 'ConsoleShell'),
});
const consoleIndexRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/console/partners' });
  },
});

export type PartnerListSearch = {
  q?: string;
  status?: string[];
  type?: string[];
  country?: string[];
  tierId?: string[];
  ownerUserId?: string[];
  tag?: string;
  sort?: string;
  columns?: string[];
  view?: string;
};

const partnersRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/partners',
  validateSearch: (s: Record<string, unknown>): PartnerListSearch => ({
    q: str(s.q),
    status: list(s.status),
    type: list(s.type),
    country: list(s.country),
    tierId: list(s.tierId),
    ownerUserId: list(s.ownerUserId),
    tag: str(s.tag),
    sort: str(s.sort),
    columns: list(s.columns),
    view: str(s.view),
  }),
  component: lazyRouteComponent(() => import('../console/partners/PartnersListPage'), 'PartnersListPage'),
});
const partnerNewRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/partners/new',
  component: lazyRouteComponent(() => import('../console/partners/PartnerCreatePage'), 'PartnerCreatePage'),
});
export const PARTNER_TABS = ['profile', 'contacts', 'users', 'tier', 'timeline', 'audit'] as const;
export type PartnerTab = (typeof PARTNER_TABS)[number];
const partnerDetailRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/partners/$partnerId',
  validateSearch: (s: Record<string, unknown>): { tab?: PartnerTab } => ({ tab: oneOf(s.tab, PARTNER_TABS) }),
  component: lazyRouteComponent(() => import('../console/partners/PartnerDetailPage'), 'PartnerDetailPage'),
});
const partnerEditRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/partners/$partnerId/edit',
  component: lazyRouteComponent(() => import('../console/partners/PartnerEditPage'), 'PartnerEditPage'),
});
const importRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/import',
  validateSearch: (s: Record<string, unknown>): { id?: string; kind?: string } => ({
    id: str(s.id),
    kind: str(s.kind),
  }),
  component: lazyRouteComponent(() => import('../console/import/ImportWizardPage'), 'ImportWizardPage'),
});

export type AuditSearch = { action?: string; targetType?: string; actorId?: string; from?: string; to?: string };
const auditRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/audit-log',
  validateSearch: (s: Record<string, unknown>): AuditSearch => ({
    action: str(s.action),
    targetType: str(s.targetType),
    actorId: str(s.actorId),
    from: str(s.from),
    to: str(s.to),
  }),
  component: lazyRouteComponent(() => import('../console/audit/AuditLogPage'), 'AuditLogPage'),
});
const usersRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/users',
  component: lazyRouteComponent(() => import('../console/users/UsersPage'), 'UsersPage'),
});
const tiersRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/settings/tiers',
  component: lazyRouteComponent(() => import('../console/settings/TiersPage'), 'TiersPage'),
});
const attributesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/settings/attributes',
  component: lazyRouteComponent(() => import('../console/settings/AttributesPage'), 'AttributesPage'),
});
const workspaceRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/settings/workspace',
  component: lazyRouteComponent(() => import('../console/settings/WorkspacePage'), 'WorkspacePage'),
});
const consoleNotificationsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/notifications',
  component: lazyRouteComponent(() => import('../features/notifications/NotificationsPage'), 'NotificationsPage'),
});
const consoleProfileRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/profile',
  component: lazyRouteComponent(() => import('../features/account/ProfilePage'), 'ProfilePage'),
});

export type DealQueueSearch = { queue?: 'mine' | 'all'; status?: string[] };
const dealQueueRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/deals',
  validateSearch: (s: Record<string, unknown>): DealQueueSearch => ({
    queue: oneOf(s.queue, ['mine', 'all'] as const),
    status: list(s.status),
  }),
  component: lazyRouteComponent(() => import('../console/deals/DealQueuePage'), 'DealQueuePage'),
});
const dealDetailRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/deals/$dealId',
  component: lazyRouteComponent(() => import('../console/deals/DealDetailPage'), 'DealDetailPage'),
});
const dealSettingsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/settings/deals',
  component: lazyRouteComponent(() => import('../console/deals/DealSettingsPage'), 'DealSettingsPage'),
});
const accountsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/accounts',
  component: lazyRouteComponent(() => import('../console/deals/AccountsPage'), 'AccountsPage'),
});
const opportunitiesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/opportunities',
  component: lazyRouteComponent(() => import('../console/deals/OpportunitiesPage'), 'OpportunitiesPage'),
});

const pipelineRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/pipeline',
  component: lazyRouteComponent(() => import('../console/pipeline/PipelinePage'), 'PipelinePage'),
});
const pipelineStagesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/settings/pipeline',
  component: lazyRouteComponent(() => import('../console/pipeline/PipelineStagesPage'), 'PipelineStagesPage'),
});
const exchangeRatesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/settings/exchange-rates',
  component: lazyRouteComponent(() => import('../console/pipeline/ExchangeRatesPage'), 'ExchangeRatesPage'),
});
const portalPipelineRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/pipeline',
  component: lazyRouteComponent(() => import('../portal/pipeline/PortalPipelinePage'), 'PortalPipelinePage'),
});

export type LeadBoardSearch = {
  status?: string[];
  partnerId?: string;
  country?: string[];
  source?: string[];
  q?: string;
};
const leadBoardRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/leads',
  validateSearch: (s: Record<string, unknown>): LeadBoardSearch => ({
    status: list(s.status),
    partnerId: str(s.partnerId),
    country: list(s.country),
    source: list(s.source),
    q: str(s.q),
  }),
  component: lazyRouteComponent(() => import('../console/leads/LeadBoardPage'), 'LeadBoardPage'),
});
const leadStatsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/leads/figures',
  validateSearch: (s: Record<string, unknown>): { days?: number } => {
    const days = Number(str(s.days));
    return { days: Number.isInteger(days) && days >= 1 && days <= 730 ? days : undefined };
  },
  component: lazyRouteComponent(() => import('../console/leads/LeadStatsPage'), 'LeadStatsPage'),
});
const leadDetailRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/leads/$leadId',
  component: lazyRouteComponent(() => import('../console/leads/LeadDetailPage'), 'LeadDetailPage'),
});
const leadSettingsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/settings/leads',
  component: lazyRouteComponent(() => import('../console/leads/LeadRoutingSettingsPage'), 'LeadRoutingSettingsPage'),
});

// --- portal: partner people, mobile first ---
const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal',
  beforeLoad: async ({ context, location }) => {
    const me = await requireMe(context.queryClient, location.href);
    const m = activeMembership(me);
    if (!m || !isPartnerRole(m.role)) throw redirect({ to: homeFor(me) });
  },
  component: lazyRouteComponent(() => import('../portal/PortalShell'), 'PortalShell'),
});
const portalHomeRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/',
  component: lazyRouteComponent(() => import('../portal/PortalHomePage'), 'PortalHomePage'),
});
const portalCompanyRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/company',
  component: lazyRouteComponent(() => import('../portal/PortalCompanyPage'), 'PortalCompanyPage'),
});
const portalTeamRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/team',
  component: lazyRouteComponent(() => import('../portal/PortalTeamPage'), 'PortalTeamPage'),
});
const portalDealsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/deals',
  component: lazyRouteComponent(() => import('../portal/deals/PortalDealsPage'), 'PortalDealsPage'),
});
const portalDealNewRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/deals/new',
  component: lazyRouteComponent(() => import('../portal/deals/PortalDealNewPage'), 'PortalDealNewPage'),
});
const portalDealDetailRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/deals/$dealId',
  component: lazyRouteComponent(() => import('../portal/deals/PortalDealDetailPage'), 'PortalDealDetailPage'),
});
const portalDealEditRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/deals/$dealId/edit',
  component: lazyRouteComponent(() => import('../portal/deals/PortalDealEditPage'), 'PortalDealEditPage'),
});
const portalLeadsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/leads',
  validateSearch: (s: Record<string, unknown>): { tab?: 'offered' | 'working' | 'closed' } => ({
    tab: oneOf(s.tab, ['offered', 'working', 'closed'] as const),
  }),
  component: lazyRouteComponent(() => import('../portal/leads/PortalLeadsPage'), 'PortalLeadsPage'),
});
const portalLeadDetailRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/leads/$leadId',
  component: lazyRouteComponent(() => import('../portal/leads/PortalLeadDetailPage'), 'PortalLeadDetailPage'),
});
const portalNotificationsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/notifications',
  component: lazyRouteComponent(() => import('../features/notifications/NotificationsPage'), 'NotificationsPage'),
});
const portalProfileRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/profile',
  component: lazyRouteComponent(() => import('../features/account/ProfilePage'), 'ProfilePage'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  signInRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  acceptInvitationRoute,
  noWorkspaceRoute,
  consoleRoute.addChildren([
    consoleIndexRoute,
    partnersRoute,
    partnerNewRoute,
    partnerDetailRoute,
    partnerEditRoute,
    importRoute,
    auditRoute,
    usersRoute,
    tiersRoute,
    attributesRoute,
    workspaceRoute,
    dealQueueRoute,
    dealDetailRoute,
    dealSettingsRoute,
    accountsRoute,
    opportunitiesRoute,
    pipelineRoute,
    pipelineStagesRoute,
    exchangeRatesRoute,
    leadBoardRoute,
    leadStatsRoute,
    leadDetailRoute,
    leadSettingsRoute,
    consoleNotificationsRoute,
    consoleProfileRoute,
  ]),
  portalRoute.addChildren([
    portalHomeRoute,
    portalCompanyRoute,
    portalTeamRoute,
    portalDealsRoute,
    portalDealNewRoute,
    portalDealDetailRoute,
    portalDealEditRoute,
    portalPipelineRoute,
    portalLeadsRoute,
    portalLeadDetailRoute,
    portalNotificationsRoute,
    portalProfileRoute,
  ]),
]);

/** Readable URLs: ?status=active,onboarding rather than JSON-encoded arrays, so views can be shared by link. */
function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function parseSearch(search: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(search.startsWith('?') ? search.slice(1) : search));
}

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    parseSearch,
    stringifySearch,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPendingComponent: PageLoader,
    defaultPendingMs: 300,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
