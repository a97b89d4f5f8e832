import { useId, type ReactNode } from 'react';

type PanelProps = {
  title: string;
  /** A small English line beside the title, as the old masthead boxes had. */
  subtitle?: string;
  children: ReactNode;
};

/** A titled box: the building block of the sidebar and the main column. */
export function Panel({ title, subtitle, children }: PanelProps) {
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 className="panel__title" id={titleId}>
        {title}
        {subtitle && (
          <>
            {' '}
            <span className="panel__subtitle">{subtitle}</span>
          </>
        )}
      </h2>
      <div className="panel__body">{children}</div>
    </section>
  );
}
