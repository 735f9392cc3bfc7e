import type { InputHTMLAttributes, SelectHTMLAttributes } from 'react';

export interface FieldShellProps {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => React.ReactNode;
}

/** Label, control, hint and errors wired together with aria-describedby / aria-invalid; `children` renders the control. */
export function FieldShell({ id, label, errors, hint, children }: FieldShellProps) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children(describedBy, Boolean(errorId))}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} className="text-sm text-red-700">
          {errors?.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

const CONTROL = 'min-h-11 rounded-md border bg-white px-3 text-sm text-slate-900 aria-[invalid=true]:border-red-500 border-slate-300';

export function TextField({
  id,
  label,
  errors,
  hint,
  ...props
}: { id: string; label: string; errors?: string[]; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell id={id} label={label} errors={errors} hint={hint}>
      {(describedBy, invalid) => <input id={id} name={id} aria-describedby={describedBy} aria-invalid={invalid} className={CONTROL} {...props} />}
    </FieldShell>
  );
}

export function SelectField({
  id,
  label,
  errors,
  hint,
  options,
  ...props
}: {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
  options: { value: string; label: string }[];
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell id={id} label={label} errors={errors} hint={hint}>
      {(describedBy, invalid) => (
        <select id={id} name={id} aria-describedby={describedBy} aria-invalid={invalid} className={CONTROL} {...props}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
