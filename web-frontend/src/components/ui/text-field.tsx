import { useId, type ReactNode } from 'react';
import './field.css';

type TextFieldProps = {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the value; shown under the input and read out with it. */
  error?: string;
  /** A short explanation under the input (format, where to find it). */
  hint?: string;
  required?: boolean;
  type?: 'text' | 'password' | 'email' | 'tel' | 'url' | 'search' | 'number' | 'datetime-local';
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'email' | 'tel' | 'url';
  maxLength?: number;
  /** A textarea instead of a one-line input. */
  multiline?: boolean;
  /** The textarea's height in lines (5 unless said). */
  rows?: number;
  disabled?: boolean;
  /** Shown beside the input, inside the field (a captcha image). */
  addon?: ReactNode;
};

/**
 * A labelled input with its hint and error. Invalid fields carry `aria-invalid`, which forms use to
 * find the first one to focus. The browser's own validation is off in our forms (`noValidate`), so the
 * messages are ours, in Chinese; required fields are marked by CSS and `aria-required`.
 */
export function TextField({
  label,
  name,
  value,
  onChange,
  error,
  hint,
  required = false,
  type = 'text',
  autoComplete,
  inputMode,
  maxLength,
  multiline = false,
  rows = 5,
  disabled,
  addon,
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    value,
    disabled,
    autoComplete,
    maxLength,
    'aria-invalid': error ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy,
  };

  return (
    <div className={`field${required ? ' field--required' : ''}${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="field__control">
        <div className="field__input">
          {multiline ? (
            <textarea {...common} rows={rows} onChange={(event) => onChange(event.target.value)} />
          ) : (
            <input {...common} type={type} inputMode={inputMode} onChange={(event) => onChange(event.target.value)} />
          )}
          {addon}
        </div>
        {error && (
          <p className="field__error" id={errorId}>
            {error}
          </p>
        )}
        {hint && (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
