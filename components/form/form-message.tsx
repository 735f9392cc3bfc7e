import { Alert } from '@/components/ui/alert';
import type { FormState } from '@/lib/edge/result';

export function FormMessage({ state }: { state: FormState }) {
  if (!state) return null;
  return <Alert tone={state.ok ? 'success' : 'error'}>{state.ok ? state.data : state.message}</Alert>;
}
