import type { FormEvent } from 'react';
import { useState } from 'react';
import { Alert, Button, Paper, PasswordInput, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { formErrors } from '../../trpc/errors.ts';
import { useAuthMutations } from '../session/useSession.ts';

type Mode = 'login' | 'register';

/** Sign in or create an account. Server-side validation messages land next to the field they are about. */
export function AuthForms() {
  const [mode, setMode] = useState<Mode>('login');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { login, register } = useAuthMutations();
  const active = mode === 'login' ? login : register;
  const errors = formErrors(active.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'login') login.mutate({ email, password });
    else register.mutate({ email, name, password });
  };

  return (
    <Paper withBorder shadow="sm" p="xl" radius="lg" maw={420} mx="auto" mt={48}>
      <Title order={2} size="h3">Welcome to Tollgate</Title>
      <Text c="dimmed" size="sm" mt={4} mb="lg">
        Govern what your AI agents spend. Sign in, or create the first account to own this instance.
      </Text>
      <Tabs value={mode} onChange={(v) => setMode(v === 'register' ? 'register' : 'login')} mb="md">
        <Tabs.List grow>
          <Tabs.Tab value="login">Sign in</Tabs.Tab>
          <Tabs.Tab value="register">Create account</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {mode === 'register' && (
            <TextInput label="Name" autoComplete="name" required value={name}
              onChange={(e) => setName(e.currentTarget.value)} error={errors.fields.name} />
          )}
          <TextInput label="Email" type="email" autoComplete="email" required value={email}
            onChange={(e) => setEmail(e.currentTarget.value)} error={errors.fields.email} />
          <PasswordInput label="Password" required value={password}
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            description={mode === 'register' && !errors.fields.password ? 'At least 8 characters' : undefined}
            onChange={(e) => setPassword(e.currentTarget.value)} error={errors.fields.password}
            // Mantine 9.7 marks TextInput invalid for assistive tech but not PasswordInput's inner input.
            aria-invalid={errors.fields.password ? true : undefined} />
          {errors.form && <Alert color="red" variant="light" role="alert">{errors.form}</Alert>}
          <Button type="submit" loading={active.isPending} fullWidth mt="xs">
            {mode === 'login' ? 'Sign in' : 'Create account'}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
