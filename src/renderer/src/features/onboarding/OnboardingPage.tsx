import { useState } from 'react';
import { Card, Stepper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAction } from '../../lib/useAction.ts';
import { useTRPC, useTRPCClient } from '../../trpc/client.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { KeyStep } from './KeyStep.tsx';
import { NameStep } from './NameStep.tsx';
import { ProviderStep } from './ProviderStep.tsx';

interface Made { workspaceId?: string; groupId?: string; agentId?: string; key?: string }

/**
 * First run: org → workspace → group → agent → provider and credits → key shown once with connect snippets. Each
 * step creates its object right away, so leaving half-way keeps what was made.
 */
export function OnboardingPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { orgId, org } = useOrg();
  const workspaces = useQuery(trpc.workspaces.list.queryOptions({ orgId }));
  const [step, setStep] = useState(0);
  const [made, setMade] = useState<Made>({});
  const step0 = useAction({ mutationFn: (name: string) => (name === org.name ? Promise.resolve(null) : client.orgs.rename.mutate({ orgId, name })) }, { error: false });
  const step1 = useAction(trpc.workspaces.create.mutationOptions(), { success: (w) => `Workspace “${w.name}” created`, error: false });
  const step2 = useAction(trpc.agentGroups.create.mutationOptions(), { success: (g) => `Group “${g.name}” created`, error: false });
  const step3 = useAction(trpc.agents.create.mutationOptions(), { success: (a) => `Agent “${a.name}” created`, error: false });
  const step5 = useAction(trpc.apiKeys.create.mutationOptions(), { error: 'Could not create the key' });
  const existing = workspaces.data?.length ?? 0;
  const issueKey = () => {
    if (!made.agentId) return;
    step5.mutate({ agentId: made.agentId, name: 'first key' }, { onSuccess: (r) => { setMade((m) => ({ ...m, key: r.plaintext })); setStep(5); } });
  };
  return (
    <>
      <PageHeader title="Get started" description="Set up an agent and make its first request in a minute. Everything can be renamed or changed later." />
      <Card withBorder radius="md" padding="xl">
        <Stepper active={step} onStepClick={(s) => s < step && !made.key && setStep(s)} allowNextStepsSelect={false} size="sm">
          <Stepper.Step label="Organization">
            <NameStep label="Organization name" initial={org.name} submitLabel="Continue" loading={step0.isPending} error={step0.error}
              help="The organization holds the credit balance, members and every setting."
              onSubmit={(name) => step0.mutate(name, { onSuccess: () => setStep(1) })} />
          </Stepper.Step>
          <Stepper.Step label="Workspace">
            <NameStep label="Workspace name" initial="Engineering" submitLabel="Create workspace" loading={step1.isPending} error={step1.error}
              help={existing > 0 ? `This org already has ${existing} workspace(s); this adds another.` : 'Workspaces group agents by team or project; budgets can cap each.'}
              onBack={() => setStep(0)}
              onSubmit={(name) => step1.mutate({ orgId, name }, { onSuccess: (w) => { setMade({ workspaceId: w.id }); setStep(2); } })} />
          </Stepper.Step>
          <Stepper.Step label="Group">
            <NameStep label="Agent group name" initial="Coding agents" submitLabel="Create group" loading={step2.isPending} error={step2.error}
              help="A group shares a policy and budgets, e.g. all coding assistants."
              onSubmit={(name) => made.workspaceId && step2.mutate({ workspaceId: made.workspaceId, name }, { onSuccess: (g) => { setMade((m) => ({ ...m, groupId: g.id })); setStep(3); } })} />
          </Stepper.Step>
          <Stepper.Step label="Agent">
            <NameStep label="Agent name" initial="my-first-agent" submitLabel="Create agent" loading={step3.isPending} error={step3.error}
              help="An agent is whatever calls the gateway with its own key: Claude Code on a laptop, a script, a CI job."
              onSubmit={(name) => made.groupId && step3.mutate({ agentGroupId: made.groupId, name }, { onSuccess: (a) => { setMade((m) => ({ ...m, agentId: a.id })); setStep(4); } })} />
          </Stepper.Step>
          <Stepper.Step label="Provider">
            <ProviderStep onDone={issueKey} />
            {step5.isPending && <Text size="sm" c="dimmed" mt="sm">Creating the key…</Text>}
          </Stepper.Step>
          <Stepper.Step label="Key">
            {made.key && made.agentId && <KeyStep plaintext={made.key} agentId={made.agentId} />}
          </Stepper.Step>
        </Stepper>
      </Card>
    </>
  );
}
