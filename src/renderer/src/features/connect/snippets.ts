import { FIRST_MODEL } from './gatewayUrl.ts';

export interface Snippet {
  id: 'curl' | 'python' | 'js' | 'claude';
  label: string;
  language: string;
  code: string;
}

/** Ready-to-paste ways to point an agent at the gateway, with the real address and key filled in. */
export function connectSnippets(baseUrl: string, key: string, model: string = FIRST_MODEL): Snippet[] {
  const body = JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello from Tollgate' }] });
  return [
    {
      id: 'curl', label: 'curl', language: 'bash',
      code: [
        `curl ${baseUrl}/v1/chat/completions \\`,
        `  -H "Authorization: Bearer ${key}" \\`,
        '  -H "Content-Type: application/json" \\',
        `  -d '${body}'`,
      ].join('\n'),
    },
    {
      id: 'python', label: 'OpenAI SDK (Python)', language: 'python',
      code: [
        'from openai import OpenAI',
        '',
        `client = OpenAI(base_url="${baseUrl}/v1", api_key="${key}")`,
        'reply = client.chat.completions.create(',
        `    model="${model}",`,
        '    messages=[{"role": "user", "content": "Hello from Tollgate"}],',
        ')',
        'print(reply.choices[0].message.content)',
      ].join('\n'),
    },
    {
      id: 'js', label: 'OpenAI SDK (JS)', language: 'javascript',
      code: [
        "import OpenAI from 'openai';",
        '',
        `const client = new OpenAI({ baseURL: '${baseUrl}/v1', apiKey: '${key}' });`,
        'const reply = await client.chat.completions.create({',
        `  model: '${model}',`,
        "  messages: [{ role: 'user', content: 'Hello from Tollgate' }],",
        '});',
        'console.log(reply.choices[0].message.content);',
      ].join('\n'),
    },
    {
      id: 'claude', label: 'Claude Code', language: 'bash',
      code: [
        `export ANTHROPIC_BASE_URL=${baseUrl}`,
        `export ANTHROPIC_AUTH_TOKEN=${key}`,
        'claude',
      ].join('\n'),
    },
  ];
}
