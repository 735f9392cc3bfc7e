import { Alert } from '@/components/ui/alert';
import type { ActionState } from '@/lib/edge/form-action';

export function FormMessage({ state }: { state: ActionState }) {
  if (!state) return null;
  return <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>;
}
