import type { ReactNode } from 'react';
import './guide.css';

/** A pane's empty state for someone new: what the pane is for, and the first thing to do in it. */
export function PaneGuide({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="pane-guide" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
