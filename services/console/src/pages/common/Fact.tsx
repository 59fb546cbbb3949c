import type { ReactNode } from 'react';

/** One fact in a `<dl className="facts">`: its label and its value (wide: a whole row). */
export function Fact({
  label,
  children,
  testId,
  wide,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  return (
    <div className={wide ? 'facts__item facts__item--wide' : 'facts__item'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
