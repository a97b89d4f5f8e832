import { useId, type ReactNode } from 'react';
import './panel.css';

type PanelProps = {
  /** Text, or a link for a box that leads to its own page. */
  title: ReactNode;
  /** A small English line beside the title, as the old masthead boxes had. */
  subtitle?: string;
  /** 1 when the box's title is the page's heading (a category's name); 2 otherwise. */
  level?: 1 | 2;
  className?: string;
  children: ReactNode;
};

/** A titled box: the building block of the sidebar and the main column. */
export function Panel({ title, subtitle, level = 2, className, children }: PanelProps) {
  const titleId = useId();
  const Heading = level === 1 ? 'h1' : 'h2';
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-labelledby={titleId}>
      <Heading className="panel__title" id={titleId}>
        {title}
        {subtitle && (
          <>
            {' '}
            <span className="panel__subtitle">{subtitle}</span>
          </>
        )}
      </Heading>
      <div className="panel__body">{children}</div>
    </section>
  );
}
