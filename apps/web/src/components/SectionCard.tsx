import { Card, CardHeader, Text, useId } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** A card with a level-2 heading that also names the card for assistive technology. */
export function SectionCard({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId('section-title');
  return (
    <Card aria-labelledby={titleId}>
      <CardHeader
        header={
          <Text id={titleId} weight="semibold" as="h2">
            {title}
          </Text>
        }
      />
      {children}
    </Card>
  );
}
