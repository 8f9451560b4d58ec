import { useState } from 'react';
import { Alert, Button, Group, NumberInput, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useAction } from '../../lib/useAction.ts';
import { useTRPC } from '../../trpc/client.ts';

const DISMISS = { 'aria-label': 'Dismiss notification' };

/**
 * Start-up settings (saved for the next start; flags and env still win) and instance-wide provider keys (used at
 * once). Only the instance administrator gets data here; everyone else sees nothing of it.
 */
export function InstanceSettingsForm() {
  const trpc = useTRPC();
  const info = useQuery({ ...trpc.settings.instance.get.queryOptions(), retry: false });
  if (!info.data) return null;
  const d = info.data;
  return (
    <Stack gap="lg" mt="lg">
      <Text size="sm" c="dimmed">Data folder: <Text span ff="monospace">{d.dataDir}</Text> (set with --data-dir or TOLLGATE_DATA_DIR)</Text>
      {d.restartRequired && <Alert color="orange" variant="light" title="Restart to apply">Saved start-up settings differ from the running ones.</Alert>}
      <StartupForm port={d.saved.port ?? d.running.port} host={d.saved.host ?? d.running.host}
        database={d.saved.databaseUrl} engine={d.running.engine} />
      <ManagedKeyForm keys={d.managedKeys} />
    </Stack>
  );
}

type DbChoice = 'sqlite' | 'sqlite-path' | 'postgresql';

/** The database the instance has now: the one saved for the next start (URL shown redacted), else the running one. */
function currentDb(saved: string | null | undefined, running: 'sqlite' | 'postgresql'): DbChoice {
  if (saved === undefined) return running;
  if (saved === null) return 'sqlite';
  return /^postgres(ql)?:\/\//.test(saved) ? 'postgresql' : 'sqlite-path';
}

function StartupForm({ port: port0, host: host0, database, engine: running }: {
  port: number; host: string; database: string | null | undefined; engine: 'sqlite' | 'postgresql';
}) {
  const trpc = useTRPC();
  const initial = currentDb(database, running);
  const [port, setPort] = useState<number | string>(port0);
  const [host, setHost] = useState(host0);
  const [engine, setEngine] = useState<DbChoice>(initial);
  const [url, setUrl] = useState('');
  const databaseUrl = engine === 'sqlite' ? null : url.trim();
  // Untouched, the database stays as it is: a saved URL is only ever shown redacted, so it cannot be sent back.
  const dbChanged = engine !== initial || url.trim() !== '';
  const needsUrl = engine !== 'sqlite' && !url.trim() && engine !== initial;
  const save = useAction(trpc.settings.instance.update.mutationOptions(), { success: 'Saved; applies at the next start' });
  const test = useMutation(trpc.settings.instance.testDatabase.mutationOptions({
    onSuccess: (r) => notifications.show({ color: r.ok ? 'teal' : 'red', title: r.ok ? 'Database reachable' : 'Database test failed',
      message: r.message, closeButtonProps: DISMISS }),
  }));
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">Start-up settings</Title>
      <Group grow align="flex-start">
        <NumberInput label="Gateway port" min={1} max={65535} value={port} onChange={setPort} />
        <TextInput label="Bind address" description="127.0.0.1 keeps it on this machine" value={host} onChange={(e) => setHost(e.currentTarget.value)} />
      </Group>
      <Group grow align="flex-end">
        <Select label="Database" value={engine} allowDeselect={false}
          onChange={(v) => setEngine(v === 'postgresql' || v === 'sqlite-path' ? v : 'sqlite')}
          data={[{ value: 'sqlite', label: 'SQLite in the data folder' }, { value: 'sqlite-path', label: 'SQLite file elsewhere' },
            { value: 'postgresql', label: 'PostgreSQL (shared by a team)' }]} />
        {engine !== 'sqlite' && (
          <TextInput label={engine === 'postgresql' ? 'PostgreSQL URL' : 'SQLite file (absolute path)'} value={url}
            placeholder={engine === initial && database ? `unchanged: ${database}`
              : engine === 'postgresql' ? 'postgres://user:password@host:5432/tollgate' : '/srv/tollgate/tollgate.db'}
            onChange={(e) => setUrl(e.currentTarget.value)} />
        )}
      </Group>
      <Group justify="flex-end">
        <Button variant="default" loading={test.isPending} disabled={engine !== 'sqlite' && !url.trim()}
          onClick={() => test.mutate({ databaseUrl })}>Test database</Button>
        <Button loading={save.isPending} disabled={needsUrl}
          onClick={() => save.mutate({ port: Number(port), host: host.trim(), ...(dbChanged && { databaseUrl }) })}>Save for next start</Button>
      </Group>
    </Stack>
  );
}

function ManagedKeyForm({ keys }: { keys: { provider: string; baseUrl: string | null; last4: string | null }[] }) {
  const trpc = useTRPC();
  const [provider, setProvider] = useState<'openai' | 'anthropic'>('openai');
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const save = useAction(trpc.settings.instance.setManagedKey.mutationOptions({ onSuccess: () => setApiKey('') }),
    { success: 'Managed key saved; the gateway uses it now' });
  return (
    <Stack gap="sm">
      <Title order={3} size="h5">Managed provider keys</Title>
      <Text size="sm" c="dimmed">Used for every org without its own key for that provider.{' '}
        {keys.length === 0 ? 'None set.' : keys.map((k) => `${k.provider}: ${k.last4 ? `••••${k.last4}` : 'no key'}${k.baseUrl ? ` at ${k.baseUrl}` : ''}`).join('; ')}</Text>
      <Group grow align="flex-end">
        <Select label="Provider" value={provider} onChange={(v) => setProvider(v === 'anthropic' ? 'anthropic' : 'openai')} allowDeselect={false}
          data={[{ value: 'openai', label: 'OpenAI-compatible' }, { value: 'anthropic', label: 'Anthropic' }]} />
        <PasswordInput label="API key" value={apiKey} onChange={(e) => setApiKey(e.currentTarget.value)} autoComplete="off" />
        <TextInput label="Base URL (optional)" placeholder="https://api.openai.com/v1" value={baseUrl} onChange={(e) => setBaseUrl(e.currentTarget.value)} />
      </Group>
      <Group justify="flex-end">
        <Button loading={save.isPending} disabled={!apiKey} onClick={() => save.mutate({ provider, apiKey, baseUrl: baseUrl.trim() || null })}>Save key</Button>
      </Group>
    </Stack>
  );
}
