import { Stack, Tabs, Text } from '@mantine/core';
import { CopyField } from '../../components/CopyField.tsx';
import { gatewayBaseUrl } from './gatewayUrl.ts';
import { connectSnippets } from './snippets.ts';

/** Tabs with curl, the OpenAI SDK (Python, JS) and Claude Code, each with a copy button. */
export function ConnectSnippets({ apiKey }: { apiKey: string }) {
  const baseUrl = gatewayBaseUrl();
  const snippets = connectSnippets(baseUrl, apiKey);
  return (
    <Tabs defaultValue="curl" keepMounted={false}>
      <Tabs.List aria-label="How to connect">
        {snippets.map((s) => <Tabs.Tab key={s.id} value={s.id}>{s.label}</Tabs.Tab>)}
      </Tabs.List>
      {snippets.map((s) => (
        <Tabs.Panel key={s.id} value={s.id} pt="sm">
          <Stack gap="xs">
            {s.id === 'claude' && (
              <Text size="sm" c="dimmed">
                Claude Code sends Anthropic Messages requests to this address; the gateway routes them by model name.
              </Text>
            )}
            {s.id === 'curl' && <Text size="sm" c="dimmed">Uses the offline mock provider, so it works before you add a provider key.</Text>}
            <CopyField value={s.code} label={`Copy ${s.label} snippet`} block testId={`snippet-${s.id}`} />
          </Stack>
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
