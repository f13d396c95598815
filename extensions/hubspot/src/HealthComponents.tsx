import { Flex, ProgressBar, Text } from '@hubspot/ui-extensions';
import type { HealthComponent } from './types.js';

export const COMPONENT_LABEL: Record<HealthComponent['component'], string> = {
  engagement: 'Engagement',
  pipeline: 'Pipeline',
  enablement: 'Enablement',
  satisfaction: 'Satisfaction',
  support: 'Support load',
};

const variantOf = (value: number) => (value < 40 ? 'danger' : value < 70 ? 'warning' : 'success');

/** What the score is made of: each component's value and share, and why it has that value. */
export function HealthComponents({ components, summary }: { components: HealthComponent[]; summary: string }) {
  return (
    <Flex direction="column" gap="xs">
      {components.map((c) => (
        <Flex key={c.component} direction="column" gap="flush">
          <Text format={{ fontWeight: 'demibold' }} testId={`component-${c.component}`}>
            {c.value === null ? `${COMPONENT_LABEL[c.component]}: no data` : `${COMPONENT_LABEL[c.component]}: ${c.value} / 100 · ${c.share} % of the score`}
          </Text>
          {c.value !== null && (
            <ProgressBar value={c.value} maxValue={100} variant={variantOf(c.value)} aria-label={`${COMPONENT_LABEL[c.component]} score`} testId={`component-${c.component}-bar`} />
          )}
          <Text variant="microcopy" testId={`component-${c.component}-explanation`}>
            {c.explanation}
          </Text>
        </Flex>
      ))}
      <Text variant="microcopy">{summary}</Text>
    </Flex>
  );
}
