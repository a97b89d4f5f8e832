import type { ReactNode } from 'react';

/** The narrow left column that holds the boxes (member login now, category lists later). */
export function Sidebar({ children }: { children: ReactNode }) {
  return (
    <aside className="sidebar" aria-label="侧栏">
      {children}
    </aside>
  );
}
