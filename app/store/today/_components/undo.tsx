'use client';
import { createContext, useActionState, useContext, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SubmitButton } from '@/components/form/submit-button';
import type { FormState } from '@/lib/edge/result';

type UndoAction = (state: FormState, formData: FormData) => Promise<FormState>;

const UndoContext = createContext<{ state: FormState; formAction: (formData: FormData) => void } | null>(null);

/**
 * Holds the undo action's state above the list: an undone row leaves the list when the page
 * revalidates, so what happened is said here, where it stays.
 */
export function UndoArea({ action, children }: { action: UndoAction; children: ReactNode }) {
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  return (
    <UndoContext value={{ state, formAction }}>
      {state?.ok ? (
        <div className="mb-4">
          <Alert tone="success">{state.data}</Alert>
        </div>
      ) : null}
      {children}
    </UndoContext>
  );
}

/** Undo reverses money, so it asks first: "Undo" → "Reverse 500,00 kr on card X?" → "Yes, undo". */
export function UndoButton({ cardId, amount }: { cardId: string; amount: string }) {
  const context = useContext(UndoContext);
  const [isAsking, setIsAsking] = useState(false);
  const t = useTranslations('store.today');
  if (!context) throw new Error('UndoButton outside UndoArea');
  const { state, formAction } = context;
  const failure = state && !state.ok && state.values?.cardId === cardId ? state : null;
  return (
    <div className="flex flex-col items-end gap-1">
      {isAsking ? (
        <form action={formAction} className="flex flex-wrap items-center justify-end gap-2" onSubmit={() => setIsAsking(false)}>
          <input type="hidden" name="cardId" value={cardId} />
          <span className="text-xs font-medium" id={`undo-question-${cardId}`}>
            {t('undoQuestion', { amount, cardId })}
          </span>
          <SubmitButton size="sm" variant="danger" aria-describedby={`undo-question-${cardId}`}>
            {t('undoYes')}
          </SubmitButton>
          <Button size="sm" variant="secondary" onClick={() => setIsAsking(false)}>
            {t('undoKeep')}
          </Button>
        </form>
      ) : (
        <Button size="sm" variant="danger" onClick={() => setIsAsking(true)}>
          {t('undoCard', { cardId })}
        </Button>
      )}
      {failure ? <Alert tone="error">{failure.message}</Alert> : null}
    </div>
  );
}
