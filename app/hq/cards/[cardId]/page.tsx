import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { BlockCardForm } from '@/components/form/block-card-form';
import { ToggleForm } from '@/components/form/toggle-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableRow } from '@/components/ui/table';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { can } from '@/lib/auth/permissions';
import { getCardDetail } from '@/lib/cards/get-card-detail';
import { requirePageActor } from '@/lib/edge/session';
import { isAppError } from '@/lib/errors';
import { formatAmountInput, formatMoney } from '@/lib/money/format';
import { formatDateTime } from '@/lib/time/format';
import { blockCardAction, unblockCardAction } from '../actions';
import { adjustCardAction, bulkExpiryAction, changeExpiryAction, deactivateCardAction, refundCardAction, replaceCardAction, rotatePinAction } from './actions';
import { AmountField, BulkExpiryForm, ControlForm, ControlTextField, RotatePinForm } from './control-forms';
import { RefundFields } from './refund-fields';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqCard'))('metaTitle') };
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="text-sm break-all text-slate-900">{children}</dd>
    </div>
  );
}

function Control({ title, help, children }: { title: string; help: string; children: React.ReactNode }) {
  return (
    <section className="grid content-start gap-2 rounded-md border border-slate-200 p-4">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <p className="text-xs text-slate-600">{help}</p>
      {children}
    </section>
  );
}

const DASH = '—';
const actorOf = (a: { actorType: string; actorId: string | null }) => [a.actorType.toLowerCase(), a.actorId ?? DASH].join(':');

export default async function CardPage({ params }: { params: Promise<{ cardId: string }> }) {
  const { cardId } = await params;
  const actor = await requirePageActor('cards:read', `/hq/cards/${encodeURIComponent(cardId)}`);
  let card: Awaited<ReturnType<typeof getCardDetail>>;
  try {
    card = await getCardDetail(actor, cardId);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const t = await getTranslations('hqCard');
  const tz = (await getStorePolicy(actor)).timeZone;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, tz) : DASH);
  const locale = await getLocale();
  const money = (n: number) => (card.currency ? formatMoney(n, card.currency, locale) : String(n));
  const may = {
    block: can(actor.role, 'cards:block'),
    adjust: can(actor.role, 'cards:adjust'),
    refund: can(actor.role, 'cards:refund'),
    replace: can(actor.role, 'cards:replace'),
    expiry: can(actor.role, 'cards:expiry'),
    bulk: can(actor.role, 'cards:expiryBulk'),
    deactivate: can(actor.role, 'cards:deactivate'),
    pin: can(actor.role, 'pins:rotate'),
  };
  const deactivated = card.deactivatedAt !== null;
  const usable = !card.blocked && card.currency !== null;
  const refundable = card.ledger.filter((r) => r.refundable !== null && r.refundable > 0);
  const hidden = { cardId: card.cardId };
  // Keys built from data (a block reason, an amount_* field, a ledger kind): shown raw if a newer value has no message yet.
  type Key = Parameters<typeof t>[0];
  const label = (key: string, fallback: string) => (t.has(key as Key) ? t(key as Key) : fallback);
  const blockReason = (reason: string | null) => (reason ? label(`blockReasons.${reason}`, reason) : DASH);
  const amountLabel = (key: string) => label(`facts.${key}`, key);
  const kindLabel = (kind: string) => label(`kinds.${kind}`, kind);
  const controls = [
    may.adjust && usable && card.currency ? (
      <Control key="adjust" title={t('titles.adjust')} help={t('help.adjust')}>
        <ControlForm control="adjust" action={adjustCardAction} hidden={{ ...hidden, currency: card.currency }} submitLabel={t('submit.adjust')} confirm>
          <AmountField id="adjust" withDirection currency={card.currency} />
        </ControlForm>
      </Control>
    ) : null,
    may.refund && usable && card.currency ? (
      <Control key="refund" title={t('titles.refund')} help={t('help.refund')}>
        {refundable.length ? (
          <ControlForm control="refund" action={refundCardAction} hidden={{ ...hidden, currency: card.currency }} submitLabel={t('submit.refund')} confirm>
            <RefundFields
              label={t('fields.drawdown')}
              options={refundable.map((r) => ({
                value: r.id,
                label: t('drawdownOption', { at: when(r.at), amount: money(r.amount), refundable: money(r.refundable!) }),
              }))}
            />
            <AmountField id="refund" currency={card.currency} defaultValue={formatAmountInput(refundable[refundable.length - 1]!.refundable!, card.currency)} />
          </ControlForm>
        ) : (
          <p className="text-sm text-slate-600">{t('noRefundable')}</p>
        )}
      </Control>
    ) : null,
    may.replace && !deactivated && card.currency ? (
      <Control key="replace" title={t('titles.replace')} help={t('help.replace')}>
        <ControlForm control="replace" action={replaceCardAction} hidden={hidden} submitLabel={t('submit.replace')} confirm>
          <ControlTextField id="replace-new-card" name="new_card_id" label={t('fields.newCard')} autoComplete="off" required />
        </ControlForm>
      </Control>
    ) : null,
    may.expiry && !deactivated ? (
      <Control key="expiry" title={t('titles.expiry')} help={t('help.expiry')}>
        <ControlForm control="expiry" action={changeExpiryAction} hidden={hidden} submitLabel={t('submit.expiry')}>
          <ControlTextField
            id="expiry-on"
            name="expires_on"
            type="date"
            label={t('fields.expiresOn')}
            required
            defaultValue={card.dates.expires?.slice(0, 10)}
          />
        </ControlForm>
      </Control>
    ) : null,
    may.pin && !card.blocked ? (
      <Control key="pin" title={t('titles.rotate_pin')} help={t('help.rotate_pin')}>
        <RotatePinForm action={rotatePinAction} cardId={card.cardId} />
      </Control>
    ) : null,
    may.deactivate && !deactivated ? (
      <Control key="deactivate" title={t('titles.deactivate')} help={t('help.deactivate')}>
        <ControlForm control="deactivate" action={deactivateCardAction} hidden={hidden} submitLabel={t('submit.deactivate')} confirm />
      </Control>
    ) : null,
  ].filter(Boolean);

  return (
    <>
      <PageHeader title={t('title', { cardId: card.cardId })}>
        <Link href="/hq/cards" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeader>
      <div className="grid gap-6">
        <Card title={t('sections.card')}>
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4" data-testid="card-facts">
            <Fact label={t('facts.status')}>
              {deactivated ? (
                <Badge tone="bad">{t('status.deactivated')}</Badge>
              ) : card.blocked ? (
                <Badge tone="bad">{t('status.blocked')}</Badge>
              ) : (
                t(`status.${card.status}`)
              )}
            </Fact>
            <Fact label={t('facts.token')}>{card.maskedCode ?? DASH}</Fact>
            <Fact label={t('facts.type')}>{card.type}</Fact>
            <Fact label={t('facts.currency')}>{card.currency ?? DASH}</Fact>
            <Fact label={t('facts.amountLoaded')}>{money(card.amount)}</Fact>
            {Object.entries(card.amounts).map(([k, v]) => (
              <Fact key={k} label={amountLabel(k)}>
                <span data-testid={`fact-${k}`}>{money(v)}</span>
              </Fact>
            ))}
            <Fact label={t('facts.created')}>{when(card.dates.created)}</Fact>
            <Fact label={t('facts.activated')}>{when(card.dates.activated)}</Fact>
            <Fact label={t('facts.activeFrom')}>{when(card.dates.activeFrom)}</Fact>
            <Fact label={t('facts.expires')}>
              <span data-testid="fact-expires">{when(card.dates.expires)}</span>
            </Fact>
            <Fact label={t('facts.printRun')}>
              {card.batch ? (
                <Link className="underline" href={`/hq/print-runs/${card.batch.id}`}>
                  {card.batch.purchaseOrder ?? card.batch.id}
                </Link>
              ) : (
                DASH
              )}
            </Fact>
            <Fact label={t('facts.store')}>{card.activatedStore ?? DASH}</Fact>
            <Fact label={t('facts.activatedBy')}>{card.activatedBy ?? DASH}</Fact>
            <Fact label={t('facts.customer')}>{card.customerId ?? DASH}</Fact>
            <Fact label={t('facts.name')}>{card.name ?? DASH}</Fact>
            <Fact label={t('facts.metadata')}>
              <code className="text-xs">{JSON.stringify(card.metadata)}</code>
            </Fact>
          </dl>
        </Card>
        <Card title={t('sections.block')}>
          {deactivated ? (
            <p className="text-sm" data-testid="card-block">
              {t('deactivatedLine', { at: when(card.deactivatedAt) })}
            </p>
          ) : card.blocked ? (
            <div className="flex flex-wrap items-start justify-between gap-4" data-testid="card-block">
              <p className="text-sm">
                {t('blockedLine', { at: when(card.blocked.at), by: card.blocked.by ?? DASH, reason: blockReason(card.blocked.reason) })}
                {card.blocked.note ? `: ${card.blocked.note}` : ''}
              </p>
              {may.block ? <ToggleForm action={unblockCardAction} fields={{ cardId: card.cardId }} label={t('unblock')} /> : null}
            </div>
          ) : may.block ? (
            <BlockCardForm action={blockCardAction} cardId={card.cardId} />
          ) : (
            <p className="text-sm text-slate-600">{t('notBlocked')}</p>
          )}
        </Card>
        <Card title={t('sections.controls')}>
          {controls.length ? <div className="grid gap-4 md:grid-cols-2">{controls}</div> : <p className="text-sm text-slate-600">{t('noControls')}</p>}
        </Card>
        {may.bulk && !deactivated ? (
          <Card title={t('sections.bulk')}>
            <p className="mb-3 text-xs text-slate-600">{t('help.bulk')}</p>
            {card.batch ? <p className="mb-2 text-sm">{t('bulkScopeBatch')}</p> : null}
            <BulkExpiryForm action={bulkExpiryAction} batchId={card.batch?.id ?? null} />
          </Card>
        ) : null}
        <Card title={t('sections.ledger')}>
          <Table
            caption={t('ledger.caption')}
            testId="card-ledger"
            columns={[
              { label: t('ledger.when') },
              { label: t('ledger.kind') },
              { label: t('ledger.amount') },
              { label: t('ledger.balanceAfter') },
              { label: t('ledger.refId') },
              { label: t('ledger.parent') },
              { label: t('ledger.by') },
            ]}
          >
            {card.ledger.map((r) => (
              <TableRow key={r.id}>
                <td className="py-2">{when(r.at)}</td>
                <td data-kind={r.kind}>{kindLabel(r.kind)}</td>
                <td className="tabular-nums">
                  {r.signedAmount > 0 ? '+' : ''}
                  {money(r.signedAmount)}
                </td>
                <td className="tabular-nums">{money(r.balanceAfter)}</td>
                <td className="break-all">{r.refId}</td>
                <td className="break-all">{r.parentId ?? DASH}</td>
                <td className="break-all">{r.actor}</td>
              </TableRow>
            ))}
          </Table>
        </Card>
        <Card title={t('sections.audit')}>
          <Table
            caption={t('audit.caption')}
            testId="card-audit"
            columns={[{ label: t('audit.when') }, { label: t('audit.action') }, { label: t('audit.who') }, { label: t('audit.details') }]}
          >
            {card.audit.map((a) => (
              <TableRow key={a.id}>
                <td className="py-2">{when(a.at)}</td>
                <td>{a.action}</td>
                <td className="break-all">{actorOf(a)}</td>
                <td>
                  <code className="text-xs break-all">{JSON.stringify(a.data)}</code>
                </td>
              </TableRow>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
