import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../trpc/client.ts';
import { setReportedGatewayUrl } from '../connect/gatewayUrl.ts';

/** Who is signed in; every page starts here. */
export function useSession() {
  const trpc = useTRPC();
  const q = useQuery(trpc.auth.session.queryOptions());
  setReportedGatewayUrl(q.data?.gatewayUrl);
  return q;
}

/**
 * Signing in, registering or out changes what every query returns, so all cached data is dropped and refetched
 * rather than invalidated piecemeal.
 */
export function useAuthMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.resetQueries();
  return {
    login: useMutation(trpc.auth.login.mutationOptions({ onSuccess })),
    register: useMutation(trpc.auth.register.mutationOptions({ onSuccess })),
    logout: useMutation(trpc.auth.logout.mutationOptions({ onSuccess })),
  };
}
