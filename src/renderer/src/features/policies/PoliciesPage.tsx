import { useState } from 'react';
import { Card, Center, Grid, Loader, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useTRPC } from '../../trpc/client.ts';
import type { Target } from '../hierarchy/useHierarchy.ts';
import { SCOPE_LABEL, useHierarchy } from '../hierarchy/useHierarchy.ts';
import { TargetSelect } from '../hierarchy/TargetSelect.tsx';
import { useOrg } from '../orgs/OrgContext.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';
import { PolicyList } from './PolicyList.tsx';
import { PolicyPreview } from './PolicyPreview.tsx';
import type { PolicyDraft } from './policyDraft.ts';
import { draftOf, policySchema, valuesOf } from './policyDraft.ts';

/** Policies at every level, an editor for one, and a live preview of what an agent below would get. */
export function PoliciesPage() {
  const trpc = useTRPC();
  const { orgId, org } = useOrg();
  const h = useHierarchy();
  const policies = useQuery(trpc.policies.list.queryOptions({ orgId }));
  const [target, setTarget] = useState<Target>({ scope: 'org', id: orgId });
  // The draft belongs to one level and one saved version of its policy; anything else starts from what is stored.
  const [edit, setEdit] = useState<{ key: string; draft: PolicyDraft } | null>(null);
  const stored = policies.data?.find((p) => p.scope === target.scope && p.targetId === target.id);
  const key = `${target.scope}:${target.id}:${stored ? String(stored.updatedAt) : 'none'}`;
  const draft = edit?.key === key ? edit.draft : draftOf(stored);
  const dirty = JSON.stringify(valuesOf(draft)) !== JSON.stringify(valuesOf(draftOf(stored)));
  const parsed = policySchema.safeParse(valuesOf(draft));
  // An unsaved empty level adds nothing to the merge; an invalid draft previews what is stored.
  const previewDraft = parsed.success ? (stored || dirty ? parsed.data : null) : (stored ?? null);
  const loading = h.isPending || policies.isPending;
  const error = h.error ?? policies.error;
  return (
    <>
      <PageHeader title="Policies" description="Allowed models, max tokens per request and rate limits. A limit set on a level applies to every agent under it; the strictest wins." />
      {loading && <Center p="xl"><Loader size="sm" aria-label="Loading policies" /></Center>}
      {error && <ErrorAlert title="Could not load policies" error={error} retry={() => { h.refetch(); void policies.refetch(); }} />}
      {h.data && policies.data && (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="lg">
              <Card withBorder radius="md" padding="lg">
                <TargetSelect label="Level to edit" hierarchy={h.data} orgId={orgId} orgName={org.name} value={target}
                  onChange={(t) => t && setTarget(t)} />
                <Title order={2} size="h4" mt="lg" mb="sm">{SCOPE_LABEL[target.scope]} {h.data.nameOf(target.scope, target.id)}</Title>
                <PolicyEditor key={key} target={target} targetName={h.data.nameOf(target.scope, target.id)} stored={stored}
                  draft={draft} onDraft={(d) => setEdit({ key, draft: d })} />
              </Card>
              <Card withBorder radius="md" padding="lg">
                <Title order={2} size="h4" mb="sm">Levels with a policy</Title>
                <PolicyList policies={policies.data} hierarchy={h.data} onPick={setTarget} selected={target} />
              </Card>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Card withBorder radius="md" padding="lg" id="policy-preview">
              <Title order={2} size="h4" mb="sm">Effective result</Title>
              <PolicyPreview target={target} hierarchy={h.data} stored={policies.data} draft={previewDraft} dirty={dirty} />
            </Card>
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}

