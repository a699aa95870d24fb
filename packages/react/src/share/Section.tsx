/**
 * A part of the share dialog under its own heading, which names it for screen readers; with
 * `explain`, the sentence under the heading describes it too.
 */
import { useId, type ReactNode } from 'react';

export interface SectionProps {
  className: string;
  heading: ReactNode;
  /** Added to the heading's class. */
  headingClassName?: string;
  explain?: ReactNode;
  children: ReactNode;
}

export function Section({ className, heading, headingClassName, explain, children }: SectionProps) {
  const id = useId();
  const explainId = explain ? `${id}-explain` : undefined;
  return (
    <section className={className} aria-labelledby={`${id}-heading`} aria-describedby={explainId}>
      <h3
        className={headingClassName ? `cs-section-heading ${headingClassName}` : 'cs-section-heading'}
        id={`${id}-heading`}
      >
        {heading}
      </h3>
      {explain ? (
        <p className="cs-hint" id={explainId}>
          {explain}
        </p>
      ) : null}
      {children}
    </section>
  );
}
