import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';

export function ChooseStoreFirst() {
  const t = useTranslations('store.chooser');
  return <Alert tone="info">{t('chooseFirst')}</Alert>;
}
