import type { ReactNode } from 'react';
import './empty-state.css';

type EmptyStateProps = {
  title: string;
  children?: ReactNode;
};

/** Says plainly that there is nothing to show yet. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children && <div className="empty-state__body">{children}</div>}
    </div>
  );
}
