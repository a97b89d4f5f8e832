import { useEffect, useRef, useState, type ReactNode } from 'react';
import './inline-confirm.css';

type InlineConfirmProps = {
  /** The button that asks first, e.g. 移到回收站. */
  label: string;
  /** The question shown once it is clicked. */
  question: ReactNode;
  /** The button that does it, e.g. 确定删除. */
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
  className?: string;
};

/**
 * A destructive action that asks on the page, not in a browser dialog: the question, 确定 and 取消
 * replace the button, and the focus moves with them so a keyboard user hears the question.
 */
export function InlineConfirm({ label, question, confirmLabel, onConfirm, busy = false, className = 'button' }: InlineConfirmProps) {
  const [asking, setAsking] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) {
      confirmButton.current?.focus();
    }
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" className={className} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="inline-confirm" role="group" aria-label={label}>
      <span className="inline-confirm__question">{question}</span>
      <button
        ref={confirmButton}
        type="button"
        className="button button--danger"
        aria-disabled={busy || undefined}
        onClick={() => {
          if (!busy) {
            onConfirm();
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        取消
      </button>
    </span>
  );
}
