import { notifications } from '@mantine/notifications';
import type { UseMutationOptions } from '@tanstack/react-query';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formErrors } from '../trpc/errors.ts';

/** Mantine's close button has no accessible name of its own. */
const DISMISS = { 'aria-label': 'Dismiss notification' };

interface ActionMessages<TData, TVars> {
  /** Shown as a green notification when the mutation succeeds. */
  success?: string | ((data: TData, vars: TVars) => string);
  /** Title of the red notification on failure; false = the caller shows the error itself (forms). */
  error?: string | false;
}

/**
 * A mutation that reports its result and then refetches what is on screen. Every mutation can change what other
 * pages show (a disabled workspace changes its agents' effective status, a purchase the balance), and the server is
 * local, so invalidating everything is both correct and cheap.
 */
export function useAction<TData, TError, TVars, TCtx>(
  options: UseMutationOptions<TData, TError, TVars, TCtx>,
  messages: ActionMessages<TData, TVars> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    onSuccess: async (data, vars, ...rest) => {
      await options.onSuccess?.(data, vars, ...rest);
      void queryClient.invalidateQueries();
      const text = typeof messages.success === 'function' ? messages.success(data, vars) : messages.success;
      if (text) notifications.show({ color: 'teal', message: text, autoClose: 3000, closeButtonProps: DISMISS });
    },
    onError: (error, vars, ...rest) => {
      options.onError?.(error, vars, ...rest);
      if (messages.error === false) return;
      const { form, fields } = formErrors(error);
      notifications.show({
        color: 'red', title: messages.error ?? 'That did not work',
        message: form ?? Object.values(fields)[0] ?? 'Something went wrong', autoClose: 6000, closeButtonProps: DISMISS,
      });
    },
  });
}
