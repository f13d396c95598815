import { Button, EmptyState, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';

export const Loading = ({ label }: { label: string }) => <LoadingSpinner label={label} showLabel layout="centered" />;

export const Failed = ({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) => (
  <ErrorState title={title} testId="card-error">
    <Text>{message}</Text>
    {onRetry && (
      <Button variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    )}
  </ErrorState>
);

export const Empty = ({ title, children }: { title: string; children: ReactNode }) => (
  <EmptyState title={title} layout="vertical" flush imageWidth={120} testId="card-empty">
    {children}
  </EmptyState>
);
