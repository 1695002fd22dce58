import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../../api/client';
import { setMe } from '../../api/session';

export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await api.post('/auth/sign-out');
    } finally {
      queryClient.clear();
      setMe(queryClient, null);
      await navigate({ to: '/sign-in', search: {} });
    }
  };
}
