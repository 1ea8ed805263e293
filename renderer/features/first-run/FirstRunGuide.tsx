import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AppSummary } from '../../../common/types';
import { useCommandRegistry, useCommands } from '../../ui/commands';
import { preferenceStorage } from '../../ui/preferences';
import { shortcut } from '../../workbenchCommands';
import { guideSteps, takeFirstRun } from './gettingStarted';
import './guide.css';

/**
 * A short guide to the workbench: on the bundled sample app it opens by itself the first time, and
 * "Help: Show Getting Started" opens it any time. It sits in a corner without covering the panes'
 * work and without taking the focus when it opens by itself; opened from the palette it takes the
 * focus. Arrow keys, Tab and the buttons move through it; Escape closes it.
 */
export function FirstRunGuide({ app }: { app: AppSummary | null }) {
  const [open, setOpen] = useState<null | 'first-run' | 'asked'>(null);
  const [step, setStep] = useState(0);
  const registry = useCommandRegistry();
  const card = useRef<HTMLElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const steps = guideSteps(`${shortcut('Ctrl+Shift+P')} or F1`);

  useEffect(() => {
    if (takeFirstRun(app, preferenceStorage)) {
      setStep(0);
      setOpen('first-run');
    }
  }, [app]);

  useCommands([
    {
      id: 'help-getting-started',
      category: 'Help',
      title: 'Show Getting Started',
      run: () => {
        setStep(0);
        setOpen('asked');
      },
    },
  ]);

  // Asked for from the palette: the focus comes into the guide, and goes back on close to where the
  // palette left it (read here, after the palette has handed the focus back).
  useEffect(() => {
    if (open !== 'asked') return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    card.current?.querySelector<HTMLElement>('[data-initial-focus]')?.focus();
  }, [open]);

  // The place the step talks about is outlined while the step is on screen.
  const target = open ? steps[step]?.target : undefined;
  useEffect(() => {
    const element = target ? document.querySelector(target) : null;
    element?.classList.add('guide-target');
    return () => element?.classList.remove('guide-target');
  }, [target]);

  if (!open) return null;
  const current = steps[step]!;
  const last = step === steps.length - 1;
  const close = () => {
    const hadFocus = card.current?.contains(document.activeElement) ?? false;
    setOpen(null);
    if (hadFocus && opener.current?.isConnected) opener.current.focus();
    opener.current = null;
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowRight' && !last && !(event.target instanceof HTMLInputElement)) {
      setStep(step + 1);
    } else if (event.key === 'ArrowLeft' && step > 0) {
      setStep(step - 1);
    }
  };

  return (
    <section ref={card} className="getting-started" role="dialog" aria-modal="false" aria-labelledby="getting-started-title" onKeyDown={onKeyDown}>
      <header className="getting-started-header">
        <h2 id="getting-started-title" tabIndex={-1} data-initial-focus>
          Getting started
        </h2>
        <button type="button" className="getting-started-close" aria-label="Close the guide" title="Close (Escape)" onClick={close}>
          ×
        </button>
      </header>
      <p className="getting-started-count" aria-live="polite">
        Step {step + 1} of {steps.length}: <strong>{current.title}</strong>
      </p>
      <p className="getting-started-text">{current.text}</p>
      <div className="getting-started-actions">
        {current.show ? (
          <button type="button" onClick={() => registry?.run(current.show!.command)}>
            {current.show.label}
          </button>
        ) : null}
        <span className="getting-started-spacer" />
        <button type="button" disabled={step === 0} onClick={() => setStep(step - 1)}>
          Back
        </button>
        {last ? (
          <button type="button" className="primary" onClick={close}>
            Done
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => setStep(step + 1)}>
            Next
          </button>
        )}
      </div>
    </section>
  );
}
