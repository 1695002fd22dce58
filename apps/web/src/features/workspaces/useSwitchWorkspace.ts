import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { Me } from '@trellis/contracts';
import { api } from '../../api/client';
import { homeFor, setMe } from '../../api/session';
import { useI18n } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { errorText } from '../forms/errors';

/** POST /me/active-workspace, then start afresh in the new workspace (its console or its portal). */
export function useSwitchWorkspace(): (workspaceId: string) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const t = useT();
  const { locale } = useI18n();
  return async (workspaceId) => {
    try {
      const { me } = await api.post<{ me: Me }>('/me/active-workspace', { workspaceId });
      queryClient.clear();
      setMe(queryClient, me);
      const name = me.memberships.find((m) => m.workspace.id === workspaceId)?.workspace.name ?? '';
      notifications.show({ message: t('shell.switchedTo', { workspace: name }) });
      await navigate({ to: homeFor(me) });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(err, t, locale) });
    }
  };
}
