import type { InputHTMLAttributes } from 'react';

/** A labelled checkbox that sends 'on' when checked, as the order schema expects. */
export function CheckboxField({
  id,
  label,
  hint,
  describedBy,
  ...props
}: { id: string; label: string; hint?: string; describedBy?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const hintId = hint ? `${id}-hint` : undefined;
  const ids = [hintId, describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <div className="flex items-start gap-2">
      <input id={id} name={id} type="checkbox" aria-describedby={ids} className="mt-0.5 size-5 shrink-0 rounded border-slate-300 accent-brand-600" {...props} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint ? (
          <p id={hintId} className="text-xs text-slate-500">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
