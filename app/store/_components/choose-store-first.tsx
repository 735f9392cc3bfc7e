import { Alert } from '@/components/ui/alert';

export function ChooseStoreFirst() {
  return <Alert tone="info">Choose the store you are working for above, then continue.</Alert>;
}
