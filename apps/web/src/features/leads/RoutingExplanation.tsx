import { Alert, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { LeadRoutingDecision } from '@trellis/contracts';
import { useId, useMemo } from 'react';
import { useFormat } from '../../i18n/useFormat';
import { useT } from '../../i18n/useT';
import { explainDecision, type Msg, renderMsg } from './explain';
import { TRIGGER_LABEL } from './labels';

/** Why the lead went where it went: the deciding rule, its candidates and scores, the rules before it. */
export function RoutingExplanation({ decision }: { decision: LeadRoutingDecision }) {
  const t = useT();
  const f = useFormat();
  const x = useMemo(() => explainDecision(decision), [decision]);
  const titleId = useId();
  const say = (m: Msg) => renderMsg(m, t);
  const earlier = x.rules.filter((r) => !r.deciding);
  const deciding = x.rules.find((r) => r.deciding);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={titleId} data-testid="routing-explanation">
      <Stack gap="sm">
        <Title order={2} size="h4" id={titleId}>
          {t('leads.explain.title')}
        </Title>
        <Alert color={decision.outcome === 'assigned' ? 'green' : 'yellow'} data-testid="explanation-headline">
          {say(x.headline)}
        </Alert>
        <Text size="xs" c="dimmed">
          {t('leads.explain.decided', {
            trigger: t(TRIGGER_LABEL[decision.trigger]),
            date: f.dateTime(decision.decidedAt),
            by: decision.decidedBy?.name ?? t('leads.history.system'),
          })}
        </Text>

        {x.compact && (
          <Text size="xs" c="dimmed">
            {say(x.compact)}
          </Text>
        )}
        {deciding && (
          <div>
            <Title order={3} size="h5">
              {t('leads.explain.decidingRule', { rule: deciding.name, position: deciding.position })}
            </Title>
            <Text size="sm">{say(deciding.outcome)}</Text>
          </div>
        )}

        {x.eligible.length > 0 && (
          <div>
            <Title order={3} size="h5" mb={4}>
              {t('leads.explain.candidates')}
            </Title>
            <Table.ScrollContainer minWidth={480}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('leads.explain.rank')}</Table.Th>
                    <Table.Th>{t('leads.partner')}</Table.Th>
                    <Table.Th ta="right">{t('leads.explain.score')}</Table.Th>
                    <Table.Th>{t('leads.explain.components')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {x.eligible.map((c) => (
                    <Table.Tr key={c.partnerId}>
                      <Table.Td>{c.rank ?? '—'}</Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={c.chosen ? 700 : 400}>
                            {c.name}
                          </Text>
                          {c.chosen && (
                            <Badge size="sm" color="green" c="green.9" variant="light">
                              {t('leads.explain.chosen')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right">{c.score === null ? '—' : f.number(c.score)}</Table.Td>
                      <Table.Td>
                        <Text size="xs">{c.components.map(say).join(' · ')}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </div>
        )}
        {x.tieBreak && <Text size="sm">{say(x.tieBreak)}</Text>}

        {x.excluded.length > 0 && (
          <div>
            <Title order={3} size="h5" mb={4}>
              {t('leads.explain.excluded')}
            </Title>
            <List size="sm" spacing={2}>
              {x.excluded.map((c) => (
                <List.Item key={c.partnerId}>
                  <Text span size="sm" fw={600}>
                    {c.name}
                  </Text>
                  {': '}
                  {c.exclusions.map((id) => t(id)).join(', ')}
                  {c.components.length > 0 && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({c.components.map(say).join(' · ')})
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {x.candidatesOmitted && <Text size="sm">{say(x.candidatesOmitted)}</Text>}
        {x.exclusionSummary.length > 0 && x.candidatesOmitted && (
          <Text size="sm">{x.exclusionSummary.map(say).join(' · ')}</Text>
        )}

        {earlier.length > 0 && (
          <div>
            <Title order={3} size="h5" mb={4}>
              {t(deciding ? 'leads.explain.earlierRules' : 'leads.explain.rulesTried')}
            </Title>
            <List size="sm" spacing={4}>
              {earlier.map((r) => (
                <List.Item key={r.ruleId}>
                  <Text span size="sm" fw={600}>
                    {t('leads.explain.ruleName', { rule: r.name, position: r.position })}
                  </Text>
                  {': '}
                  {say(r.outcome)}
                  {r.details.length > 0 && (
                    <List size="sm" withPadding>
                      {r.details.map((d, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: details are fixed for a stored decision
                        <List.Item key={i}>{say(d)}</List.Item>
                      ))}
                    </List>
                  )}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {x.rulesOmitted && <Text size="sm">{say(x.rulesOmitted)}</Text>}
      </Stack>
    </Paper>
  );
}
